// zx_process_read_memory and zx_process_write_memory: through the VMO of the mapping at an address of another
// process, clipped to that mapping, with the 2018 order of checks.
#include <string.h>
#include "zxtest.h"

TEST(process_memory_reads_and_writes_through_the_mapping) {
    zx_handle_t proc, vmar, vmo;
    ASSERT_OK(zx_process_create(zx_job_default(), "target", 6, 0, &proc, &vmar));
    ASSERT_OK(zx_vmo_create(2 * ZX_PAGE_SIZE, 0, &vmo));
    zx_vaddr_t addr;
    // Read-only in the target: a debugger still writes it.
    ASSERT_OK(zx_vmar_map(vmar, ZX_VM_PERM_READ, 0, vmo, 0, 2 * ZX_PAGE_SIZE, &addr));
    const char text[] = "written from outside";
    size_t actual = 0;
    ASSERT_OK(zx_process_write_memory(proc, addr + 100, text, sizeof(text), &actual));
    EXPECT_EQ(sizeof(text), actual);
    char check[sizeof(text)];
    ASSERT_OK(zx_vmo_read(vmo, check, 100, sizeof(check)));
    EXPECT_EQ(0, memcmp(text, check, sizeof(text)));
    char back[sizeof(text)];
    ASSERT_OK(zx_process_read_memory(proc, addr + 100, back, sizeof(back), &actual));
    EXPECT_EQ(sizeof(back), actual);
    EXPECT_EQ(0, memcmp(text, back, sizeof(text)));
    // Clipped to the end of the mapping.
    static char big[3 * ZX_PAGE_SIZE];
    ASSERT_OK(zx_process_read_memory(proc, addr + ZX_PAGE_SIZE, big, sizeof(big), &actual));
    EXPECT_EQ(ZX_PAGE_SIZE, actual);
    zx_handle_close(vmo);
    zx_handle_close(vmar);
    zx_handle_close(proc);
}

TEST(process_memory_checks_come_in_the_kernels_order) {
    zx_handle_t proc, vmar, vmo, read_only, write_only;
    ASSERT_OK(zx_process_create(zx_job_default(), "target", 6, 0, &proc, &vmar));
    ASSERT_OK(zx_vmo_create(ZX_PAGE_SIZE, 0, &vmo));
    zx_vaddr_t addr;
    ASSERT_OK(zx_vmar_map(vmar, ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, 0, vmo, 0, ZX_PAGE_SIZE, &addr));
    char buffer[16];
    size_t actual;
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_process_read_memory(ZX_HANDLE_INVALID, addr, NULL, 16, &actual));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_process_read_memory(ZX_HANDLE_INVALID, addr, buffer, 0, &actual));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_process_read_memory(ZX_HANDLE_INVALID, addr, buffer, 64 * 1024 + 1, &actual));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_process_read_memory(ZX_HANDLE_INVALID, addr, buffer, 16, &actual));
    EXPECT_EQ(ZX_ERR_WRONG_TYPE, zx_process_read_memory(vmo, addr, buffer, 16, &actual));
    ASSERT_OK(zx_handle_duplicate(proc, ZX_RIGHT_READ, &read_only));
    ASSERT_OK(zx_handle_duplicate(proc, ZX_RIGHT_WRITE, &write_only));
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_process_read_memory(read_only, addr, buffer, 16, &actual)); // READ and WRITE
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_process_read_memory(write_only, addr, buffer, 16, &actual));
    EXPECT_OK(zx_process_write_memory(write_only, addr, "x", 1, &actual));                       // WRITE alone
    EXPECT_EQ(ZX_ERR_NO_MEMORY, zx_process_read_memory(proc, addr + ZX_PAGE_SIZE, buffer, 16, &actual));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_process_read_memory(proc, addr, (void*)4096, 16, &actual));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_process_write_memory(proc, addr, (const void*)4096, 16, &actual));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_process_read_memory(proc, addr, buffer, 16, (size_t*)1));
    zx_handle_close(read_only);
    zx_handle_close(write_only);
    zx_handle_close(vmo);
    zx_handle_close(vmar);
    zx_handle_close(proc);
}
