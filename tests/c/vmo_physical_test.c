// zx_vmo_create_physical through the C ABI: its order of checks (listed on ZxSyscalls.VmoCreatePhysical), in the default (document) setting.
#include <pthread.h>
#include "zxtest.h"

#define UART 0x09000000ull

TEST(physical_rights_state_and_refusals) {
    zx_handle_t mmio, vmo;
    ASSERT_OK(zx_resource_create(get_root_resource(), ZX_RSRC_KIND_MMIO, UART, ZX_PAGE_SIZE, "uart0", 5, &mmio));
    ASSERT_OK(zx_vmo_create_physical(mmio, UART, ZX_PAGE_SIZE, &vmo));
    zx_info_handle_basic_t basic;
    ASSERT_OK(zx_object_get_info(vmo, ZX_INFO_HANDLE_BASIC, &basic, sizeof(basic), NULL, NULL));
    EXPECT_EQ(0xD0FF, basic.rights);
    EXPECT_EQ(ZX_DEFAULT_VMO_RIGHTS, basic.rights);
    EXPECT_EQ(ZX_OBJ_TYPE_VMO, basic.type);
    zx_info_vmo_t info;
    size_t actual = 99, avail = 99;
    ASSERT_OK(zx_object_get_info(vmo, ZX_INFO_VMO, &info, sizeof(info), &actual, &avail));
    EXPECT_EQ(1, actual);
    EXPECT_EQ(1, avail);
    EXPECT_EQ(ZX_CACHE_POLICY_UNCACHED, info.cache_policy);
    EXPECT_EQ(ZX_INFO_VMO_TYPE_PHYSICAL, ZX_INFO_VMO_TYPE(info.flags));
    EXPECT_EQ(ZX_INFO_VMO_CONTIGUOUS | ZX_INFO_VMO_VIA_HANDLE, info.flags);
    EXPECT_EQ(0, info.committed_bytes);
    uint64_t size = 0;
    EXPECT_OK(zx_vmo_get_size(vmo, &size));
    EXPECT_EQ(ZX_PAGE_SIZE, size);
    char buf[16];
    EXPECT_EQ(ZX_ERR_NOT_SUPPORTED, zx_vmo_read(vmo, buf, 0, sizeof(buf)));
    EXPECT_EQ(ZX_ERR_NOT_SUPPORTED, zx_vmo_write(vmo, buf, 0, sizeof(buf)));
    EXPECT_EQ(ZX_ERR_NOT_SUPPORTED, zx_vmo_set_size(vmo, 2 * ZX_PAGE_SIZE));
    zx_handle_close(vmo);
    zx_handle_close(mmio);
}

TEST(physical_order_of_checks) {
    zx_handle_t mmio, vmo, paged;
    ASSERT_OK(zx_resource_create(get_root_resource(), ZX_RSRC_KIND_MMIO, UART, ZX_PAGE_SIZE, NULL, 0, &mmio));
    ASSERT_OK(zx_vmo_create(ZX_PAGE_SIZE, 0, &paged));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_vmo_create_physical(ZX_HANDLE_INVALID, UART, ZX_PAGE_SIZE, NULL));
    EXPECT_EQ(ZX_ERR_WRONG_TYPE, zx_vmo_create_physical(paged, 1, 0, NULL));
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_vmo_create_physical(mmio, UART + ZX_PAGE_SIZE + 8, ZX_PAGE_SIZE, &vmo));
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_vmo_create_physical(mmio, UART, 0, &vmo));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_vmo_create_physical(mmio, UART + 8, ZX_PAGE_SIZE - 8, &vmo));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_vmo_create_physical(mmio, UART, 100, &vmo));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_vmo_create_physical(get_root_resource(), 0, 0, &vmo));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_vmo_create_physical(get_root_resource(), 2 * ZX_PAGE_SIZE, (size_t)0 - ZX_PAGE_SIZE, &vmo));
    EXPECT_OK(zx_vmo_create_physical(get_root_resource(), ZX_PAGE_SIZE, (size_t)0 - ZX_PAGE_SIZE, &vmo));
    zx_handle_close(vmo);
    // The out pointer is checked last: everything valid and a NULL out is INVALID_ARGS, leaving no handle.
    zx_info_process_handle_stats_t before, after;
    ASSERT_OK(zx_object_get_info(zx_process_self(), ZX_INFO_PROCESS_HANDLE_STATS, &before, sizeof(before), NULL, NULL));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_vmo_create_physical(mmio, UART, ZX_PAGE_SIZE, NULL));
    ASSERT_OK(zx_object_get_info(zx_process_self(), ZX_INFO_PROCESS_HANDLE_STATS, &after, sizeof(after), NULL, NULL));
    EXPECT_EQ(0, memcmp(&before, &after, sizeof(before)));
    zx_handle_close(paged);
    zx_handle_close(mmio);
}

TEST(handles_duplicate_replace_close) {
    zx_handle_t vmo, dup, rep;
    ASSERT_OK(zx_vmo_create(ZX_PAGE_SIZE, 0, &vmo));
    EXPECT_EQ(1, vmo & 1);
    EXPECT_EQ(0, vmo & 0x80000000u);
    ASSERT_OK(zx_handle_duplicate(vmo, ZX_RIGHT_READ, &dup));
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_handle_duplicate(dup, ZX_RIGHT_READ, &rep));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_handle_replace(dup, ZX_RIGHT_WRITE, &rep));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_handle_close(dup));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_handle_duplicate(vmo, ZX_RIGHT_SAME_RIGHTS | ZX_RIGHT_READ, &dup));
    ASSERT_OK(zx_handle_replace(vmo, ZX_RIGHT_SAME_RIGHTS, &rep));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_handle_close(vmo));
    zx_handle_t many[3] = {rep, ZX_HANDLE_INVALID, 12345};
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_handle_close_many(many, 3)); // 12345 names nothing (2018); rep is closed
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_handle_close(rep));
    EXPECT_OK(zx_handle_close(ZX_HANDLE_INVALID));
}

TEST(paged_vmo_read_write_and_name) {
    zx_handle_t vmo;
    ASSERT_OK(zx_vmo_create(3 * ZX_PAGE_SIZE + 1, 0, &vmo));
    uint64_t size;
    ASSERT_OK(zx_vmo_get_size(vmo, &size));
    EXPECT_EQ(4 * ZX_PAGE_SIZE, size);
    const char msg[] = "written by C";
    EXPECT_OK(zx_vmo_write(vmo, msg, ZX_PAGE_SIZE - 4, sizeof(msg)));
    char back[sizeof(msg)] = {0};
    EXPECT_OK(zx_vmo_read(vmo, back, ZX_PAGE_SIZE - 4, sizeof(back)));
    EXPECT_EQ(0, memcmp(msg, back, sizeof(msg)));
    EXPECT_EQ(ZX_ERR_OUT_OF_RANGE, zx_vmo_read(vmo, back, UINT64_MAX, 1));
    EXPECT_OK(zx_object_set_property(vmo, ZX_PROP_NAME, "c-vmo", 5));
    char name[ZX_MAX_NAME_LEN];
    EXPECT_OK(zx_object_get_property(vmo, ZX_PROP_NAME, name, sizeof(name)));
    EXPECT_EQ(0, strcmp(name, "c-vmo"));
    EXPECT_EQ(ZX_ERR_BUFFER_TOO_SMALL, zx_object_get_property(vmo, ZX_PROP_NAME, name, 31));
    EXPECT_EQ(0, strcmp(zx_status_get_string(ZX_ERR_BAD_HANDLE), "ZX_ERR_BAD_HANDLE"));
    zx_handle_close(vmo);
}

static void* duplicate_and_close(void* arg) {
    zx_handle_t vmo = *(zx_handle_t*)arg;
    for (int i = 0; i < 20000; i++) {
        zx_handle_t d;
        if (zx_handle_duplicate(vmo, ZX_RIGHT_SAME_RIGHTS, &d) != ZX_OK) return (void*)1;
        if (zx_handle_close(d) != ZX_OK) return (void*)1;
    }
    return NULL;
}

TEST(many_threads) {
    zx_handle_t vmo;
    ASSERT_OK(zx_vmo_create(ZX_PAGE_SIZE, 0, &vmo));
    pthread_t threads[4];
    for (int i = 0; i < 4; i++) pthread_create(&threads[i], NULL, duplicate_and_close, &vmo);
    for (int i = 0; i < 4; i++) {
        void* result;
        pthread_join(threads[i], &result);
        EXPECT_EQ(0, (long)result);
    }
    zx_info_process_handle_stats_t stats;
    ASSERT_OK(zx_object_get_info(zx_process_self(), ZX_INFO_PROCESS_HANDLE_STATS, &stats, sizeof(stats), NULL, NULL));
    EXPECT_EQ(1, stats.handle_count[ZX_OBJ_TYPE_VMO]);
    zx_handle_close(vmo);
}

// Every export with NULL pointers, zero and huge lengths, and invalid handles: the process survives and
// gets the kernel's status.
TEST(crash_check) {
    zx_handle_t vmo;
    ASSERT_OK(zx_vmo_create(ZX_PAGE_SIZE, 0, &vmo));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_handle_close(0xFFFFFFFFu));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_handle_close_many(NULL, SIZE_MAX));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_handle_duplicate(vmo, ZX_RIGHT_SAME_RIGHTS, NULL));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_handle_duplicate(0x7FFFFFFFu, ZX_RIGHT_SAME_RIGHTS, NULL));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_handle_replace(0x7FFFFFFFu, 0, NULL));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_object_get_info(vmo, ZX_INFO_VMO, NULL, SIZE_MAX, NULL, NULL));
    EXPECT_EQ(ZX_ERR_BUFFER_TOO_SMALL, zx_object_get_info(vmo, ZX_INFO_VMO, NULL, 0, NULL, NULL));
    EXPECT_EQ(ZX_ERR_NOT_SUPPORTED, zx_object_get_info(vmo, 0xFFFFFFFFu, NULL, 0, NULL, NULL));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_object_get_property(vmo, ZX_PROP_NAME, NULL, SIZE_MAX));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_object_set_property(vmo, ZX_PROP_NAME, NULL, SIZE_MAX));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_resource_create(get_root_resource(), ZX_RSRC_KIND_MMIO, UART, ZX_PAGE_SIZE, NULL, SIZE_MAX, NULL));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_resource_create(0, 0, 0, 0, NULL, 0, NULL));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_vmo_create(ZX_PAGE_SIZE, 0, NULL));
    EXPECT_EQ(ZX_ERR_OUT_OF_RANGE, zx_vmo_create(UINT64_MAX, 0, NULL));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_vmo_read(vmo, NULL, 0, SIZE_MAX));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_vmo_write(vmo, NULL, 0, 1));
    EXPECT_OK(zx_vmo_read(vmo, NULL, 0, 0));
    char b;
    EXPECT_EQ(ZX_ERR_OUT_OF_RANGE, zx_vmo_read(vmo, &b, 1, SIZE_MAX));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_vmo_get_size(vmo, NULL));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_vmo_get_size(0, NULL));
    EXPECT_EQ(ZX_ERR_OUT_OF_RANGE, zx_vmo_set_size(vmo, UINT64_MAX));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_vmo_create_physical(get_root_resource(), UINT64_MAX, SIZE_MAX, NULL));
    EXPECT_TRUE(zx_status_get_string(12345) != NULL);
    zx_handle_close(vmo);
}
