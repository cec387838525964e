// Copy-on-write clones through the C ABI: pages shared until the clone writes them, the parent's later writes seen
// where the clone has not written, the clone's size independent of its parent's.
#include "zxtest.h"

#define PAGE 4096u

static uint64_t read_word(zx_handle_t vmo, uint64_t offset) {
    uint64_t value = 0xdeadbeef;
    zx_status_t status = zx_vmo_read(vmo, &value, offset, sizeof(value));
    return status == ZX_OK ? value : (uint64_t)status;
}

static uint64_t committed(zx_handle_t vmo) {
    zx_info_vmo_t info;
    if (zx_object_get_info(vmo, ZX_INFO_VMO, &info, sizeof(info), NULL, NULL) != ZX_OK)
        return UINT64_MAX;
    return info.committed_bytes;
}

TEST(a_clone_reads_the_parent_and_its_own_write_copies_one_page) {
    zx_handle_t vmo, clone;
    ASSERT_OK(zx_vmo_create(4 * PAGE, 0, &vmo));
    uintptr_t p;
    ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, 0, vmo, 0, 4 * PAGE, &p));
    for (uint64_t i = 0; i < 4 * PAGE / 8; i++)
        ((volatile uint64_t*)p)[i] = i * 8;
    ASSERT_OK(zx_vmo_clone(vmo, ZX_VMO_CLONE_COPY_ON_WRITE, 0, 4 * PAGE, &clone));
    EXPECT_EQ(0u, committed(clone));
    EXPECT_EQ(3 * PAGE + 8, read_word(clone, 3 * PAGE + 8));

    uint64_t v = 99;
    ASSERT_OK(zx_vmo_write(clone, &v, 0, sizeof(v)));
    EXPECT_EQ(99u, read_word(clone, 0));
    EXPECT_EQ(PAGE - 8, read_word(clone, PAGE - 8));   // the rest of the page was copied with it
    EXPECT_EQ(0u, ((volatile uint64_t*)p)[0]);          // the parent's mapping still shows the parent
    EXPECT_EQ(PAGE, committed(clone));

    ((volatile uint64_t*)p)[2 * PAGE / 8] = 1234;       // a store through the parent's mapping
    EXPECT_EQ(1234u, read_word(clone, 2 * PAGE));       // is seen where the clone has not written
    ((volatile uint64_t*)p)[0] = 4321;
    EXPECT_EQ(99u, read_word(clone, 0));                // and not where it has

    EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), p, 4 * PAGE));
    EXPECT_OK(zx_handle_close(vmo));
    EXPECT_EQ(1234u, read_word(clone, 2 * PAGE));       // the parent's pages outlive its handle
    EXPECT_OK(zx_handle_close(clone));
}

TEST(a_clone_past_the_parents_end_reads_zero_until_the_parent_grows_and_writes) {
    zx_handle_t vmo, clone;
    ASSERT_OK(zx_vmo_create(4 * PAGE, 0, &vmo));
    uint64_t v = 7;
    ASSERT_OK(zx_vmo_write(vmo, &v, 3 * PAGE, sizeof(v)));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_vmo_clone(vmo, ZX_VMO_CLONE_COPY_ON_WRITE, 1, 4 * PAGE, &clone));
    ASSERT_OK(zx_vmo_clone(vmo, ZX_VMO_CLONE_COPY_ON_WRITE, PAGE, 4 * PAGE, &clone));
    EXPECT_EQ(7u, read_word(clone, 2 * PAGE));
    EXPECT_EQ(0u, read_word(clone, 3 * PAGE));
    ASSERT_OK(zx_vmo_set_size(vmo, 5 * PAGE));
    v = 99;
    ASSERT_OK(zx_vmo_write(vmo, &v, 4 * PAGE, sizeof(v)));
    EXPECT_EQ(99u, read_word(clone, 3 * PAGE));
    ASSERT_OK(zx_vmo_set_size(vmo, 0));
    EXPECT_EQ(0u, read_word(clone, 2 * PAGE));
    EXPECT_EQ(0u, read_word(clone, 3 * PAGE));
    zx_handle_close(vmo);
    zx_handle_close(clone);
}

TEST(decommitting_a_clone_page_shows_the_parent_again) {
    zx_handle_t vmo, clone;
    ASSERT_OK(zx_vmo_create(PAGE, 0, &vmo));
    ASSERT_OK(zx_vmo_clone(vmo, ZX_VMO_CLONE_COPY_ON_WRITE, 0, PAGE, &clone));
    uint64_t v = 0x99999999;
    ASSERT_OK(zx_vmo_write(vmo, &v, 0, sizeof(v)));
    ASSERT_OK(zx_vmo_op_range(clone, ZX_VMO_OP_COMMIT, 0, PAGE, NULL, 0));
    EXPECT_EQ(0x99999999u, read_word(clone, 0));
    v = 0;
    ASSERT_OK(zx_vmo_write(clone, &v, 0, sizeof(v)));
    EXPECT_EQ(0x99999999u, read_word(vmo, 0));
    ASSERT_OK(zx_vmo_op_range(clone, ZX_VMO_OP_DECOMMIT, 0, PAGE, NULL, 0));
    EXPECT_EQ(0x99999999u, read_word(clone, 0));
    EXPECT_EQ(0u, committed(clone));
    zx_handle_close(vmo);
    zx_handle_close(clone);
}
