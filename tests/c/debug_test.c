// The debug console and zx_vmo_replace_as_executable through the C ABI.
#include <string.h>
#include "zxtest.h"

TEST(debug_console_calls_check_the_root_resource_and_their_sizes) {
    zx_handle_t event;
    ASSERT_OK(zx_event_create(0, &event));
    EXPECT_OK(zx_debug_write("zx debug console\n", 17));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_debug_write((const char*)0x2000, 4));
    char buf[8];
    size_t size = 8;
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_debug_read(ZX_HANDLE_INVALID, buf, &size));
    EXPECT_EQ(ZX_ERR_WRONG_TYPE, zx_debug_read(event, buf, &size));
    size = 0;
    EXPECT_OK(zx_debug_read(get_root_resource(), buf, &size));  // nothing asked for, nothing read
    EXPECT_EQ(0u, size);
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_debug_read(get_root_resource(), buf, (size_t*)0x2000));
    EXPECT_EQ(ZX_ERR_WRONG_TYPE, zx_debug_send_command(event, "ps", 2));
    char long_command[257];
    memset(long_command, 'x', sizeof long_command);
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_debug_send_command(get_root_resource(), long_command, sizeof long_command));
    EXPECT_EQ(ZX_ERR_NOT_SUPPORTED, zx_debug_send_command(get_root_resource(), "ps", 2));
    zx_handle_close(event);
}

TEST(replace_as_executable_adds_execute_and_consumes_the_handle) {
    zx_handle_t vmo, no_exec, exec, event;
    ASSERT_OK(zx_vmo_create(ZX_PAGE_SIZE, 0, &vmo));
    ASSERT_OK(zx_handle_replace(vmo, ZX_DEFAULT_VMO_RIGHTS & ~ZX_RIGHT_EXECUTE, &no_exec));
    zx_vaddr_t addr;
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_PERM_EXECUTE, 0, no_exec, 0,
                                                ZX_PAGE_SIZE, &addr));
    ASSERT_OK(zx_vmo_replace_as_executable(no_exec, ZX_HANDLE_INVALID, &exec));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_handle_close(no_exec));
    zx_info_handle_basic_t info;
    ASSERT_OK(zx_object_get_info(exec, ZX_INFO_HANDLE_BASIC, &info, sizeof info, NULL, NULL));
    EXPECT_EQ(ZX_DEFAULT_VMO_RIGHTS, info.rights);
    ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_PERM_EXECUTE, 0, exec, 0, ZX_PAGE_SIZE, &addr));
    ASSERT_OK(zx_vmar_unmap(zx_vmar_root_self(), addr, ZX_PAGE_SIZE));
    // A bad resource and the wrong object are refused, and the handle is gone all the same.
    ASSERT_OK(zx_event_create(0, &event));
    zx_handle_t dup;
    ASSERT_OK(zx_handle_duplicate(exec, ZX_RIGHT_SAME_RIGHTS, &dup));
    EXPECT_EQ(ZX_ERR_WRONG_TYPE, zx_vmo_replace_as_executable(dup, event, &vmo));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_handle_close(dup));
    EXPECT_EQ(ZX_ERR_WRONG_TYPE, zx_vmo_replace_as_executable(event, get_root_resource(), &vmo));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_handle_close(event));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_vmo_replace_as_executable(ZX_HANDLE_INVALID, ZX_HANDLE_INVALID, &vmo));
    zx_handle_close(exec);
}
