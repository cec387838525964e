// Zircon's system/utest/core/resource/resource.cpp cases, run against libzircon.so.
#include "zxtest.h"

static const size_t mmio_test_size = ZX_PAGE_SIZE * 4;
static uint64_t mmio_test_base;

TEST(probe_address_space) {
    zx_status_t status = ZX_ERR_NOT_FOUND;
    for (uint64_t base = 0; status == ZX_ERR_NOT_FOUND; base += 4ull << 30) {
        zx_handle_t h;
        status = zx_resource_create(get_root_resource(), ZX_RSRC_KIND_MMIO, base, mmio_test_size, NULL, 0, &h);
        if (status == ZX_OK) {
            mmio_test_base = base;
            zx_handle_close(h);
        } else {
            ASSERT_EQ(ZX_ERR_NOT_FOUND, status);
        }
    }
    EXPECT_EQ(0x8000000000ull, mmio_test_base);
}

TEST(test_basic_actions) {
    zx_handle_t new_root, mmio;
    zx_info_resource_t info;
    ASSERT_OK(zx_resource_create(get_root_resource(), ZX_RSRC_KIND_ROOT, 0, 0, "root", 4, &new_root));
    ASSERT_OK(zx_resource_create(new_root, ZX_RSRC_KIND_MMIO | ZX_RSRC_FLAG_EXCLUSIVE, mmio_test_base, mmio_test_size,
                                 "test_resource_name", 18, &mmio));
    ASSERT_OK(zx_object_get_info(new_root, ZX_INFO_RESOURCE, &info, sizeof(info), NULL, NULL));
    EXPECT_EQ(ZX_RSRC_KIND_ROOT, info.kind);
    EXPECT_EQ(0, info.base);
    EXPECT_EQ(0, info.size);
    EXPECT_EQ(0, info.flags);
    EXPECT_EQ(0, strcmp(info.name, "root"));
    ASSERT_OK(zx_object_get_info(mmio, ZX_INFO_RESOURCE, &info, sizeof(info), NULL, NULL));
    EXPECT_EQ(ZX_RSRC_KIND_MMIO, info.kind);
    EXPECT_EQ(ZX_RSRC_FLAG_EXCLUSIVE, info.flags);
    EXPECT_EQ(mmio_test_base, info.base);
    EXPECT_EQ(mmio_test_size, info.size);
    EXPECT_EQ(0, strcmp(info.name, "test_resource_name"));
    zx_handle_close(mmio);
    zx_handle_close(new_root);
}

TEST(test_exclusive_shared) {
    zx_handle_t excl, shared;
    ASSERT_OK(zx_resource_create(get_root_resource(), ZX_RSRC_KIND_MMIO | ZX_RSRC_FLAG_EXCLUSIVE, mmio_test_base,
                                 mmio_test_size, NULL, 0, &excl));
    EXPECT_EQ(ZX_ERR_NOT_FOUND, zx_resource_create(get_root_resource(), ZX_RSRC_KIND_MMIO, mmio_test_base,
                                                   mmio_test_size, NULL, 0, &shared));
    zx_handle_close(excl);
}

TEST(test_shared_exclusive) {
    zx_handle_t excl, shared;
    ASSERT_OK(zx_resource_create(get_root_resource(), ZX_RSRC_KIND_MMIO, mmio_test_base, mmio_test_size, NULL, 0, &shared));
    EXPECT_EQ(ZX_ERR_NOT_FOUND, zx_resource_create(get_root_resource(), ZX_RSRC_KIND_MMIO | ZX_RSRC_FLAG_EXCLUSIVE,
                                                   mmio_test_base, mmio_test_size, NULL, 0, &excl));
    zx_handle_close(shared);
}

TEST(test_invalid_args) {
    zx_handle_t temp, out;
    ASSERT_OK(zx_resource_create(get_root_resource(), ZX_RSRC_KIND_MMIO, mmio_test_base, mmio_test_size, NULL, 0, &temp));
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_resource_create(temp, ZX_RSRC_KIND_ROOT, 0, 0, NULL, 0, &out));
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_resource_create(temp, ZX_RSRC_KIND_MMIO, mmio_test_base, mmio_test_size, NULL, 0, &out));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_resource_create(get_root_resource(), ZX_RSRC_KIND_COUNT, mmio_test_base, mmio_test_size, NULL, 0, &out));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_resource_create(get_root_resource(), ZX_RSRC_KIND_COUNT + 1, mmio_test_base, mmio_test_size, NULL, 0, &out));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_resource_create(get_root_resource(), ZX_RSRC_KIND_MMIO, UINT64_MAX, 1024, NULL, 0, &out));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_resource_create(get_root_resource(), ZX_RSRC_KIND_MMIO, 1024, UINT64_MAX, NULL, 0, &out));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_resource_create(get_root_resource(), ZX_RSRC_KIND_MMIO | 0xFF0000, mmio_test_base, mmio_test_size, NULL, 0, &out));
    zx_handle_close(temp);
}

TEST(test_vmo_creation) {
    zx_handle_t mmio, vmo;
    ASSERT_OK(zx_resource_create(get_root_resource(), ZX_RSRC_KIND_MMIO, mmio_test_base, mmio_test_size, NULL, 0, &mmio));
    EXPECT_OK(zx_vmo_create_physical(mmio, mmio_test_base, ZX_PAGE_SIZE, &vmo));
    zx_handle_close(vmo);
    zx_handle_close(mmio);
}

TEST(test_vmo_creation_smaller) {
    zx_handle_t mmio, vmo;
    ASSERT_OK(zx_resource_create(get_root_resource(), ZX_RSRC_KIND_MMIO, mmio_test_base, ZX_PAGE_SIZE / 2, NULL, 0, &mmio));
    EXPECT_OK(zx_vmo_create_physical(mmio, mmio_test_base, ZX_PAGE_SIZE, &vmo));
    zx_handle_close(vmo);
    zx_handle_close(mmio);
}

TEST(test_vmo_creation_unaligned) {
    zx_handle_t mmio, vmo;
    ASSERT_OK(zx_resource_create(get_root_resource(), ZX_RSRC_KIND_MMIO, mmio_test_base + 0x7800, 0x2000, NULL, 0, &mmio));
    EXPECT_OK(zx_vmo_create_physical(mmio, mmio_test_base + 0x7000, 0x2000, &vmo));
    zx_handle_close(vmo);
    zx_handle_close(mmio);
}
