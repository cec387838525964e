// Zircon's system/utest/core/vmo-signal/vmo-signal.c vmo_signal_sanity_test, on a paged and on a physical VMO.
#include <pthread.h>
#include "zxtest.h"

static void sanity(zx_handle_t vmo, int* zxtest_failed) {
    zx_signals_t observed = 0;
    EXPECT_EQ(ZX_ERR_TIMED_OUT, zx_object_wait_one(vmo, ZX_USER_SIGNAL_0, zx_deadline_after(2), &observed));
    EXPECT_EQ(ZX_VMO_ZERO_CHILDREN, observed);
    EXPECT_OK(zx_object_signal(vmo, 0, ZX_USER_SIGNAL_0));
    EXPECT_OK(zx_object_wait_one(vmo, ZX_USER_SIGNAL_0, ZX_TIME_INFINITE, &observed));
    EXPECT_EQ(ZX_USER_SIGNAL_0 | ZX_VMO_ZERO_CHILDREN, observed);
}

TEST(vmo_signal_sanity_test) {
    for (int i = 0; i < 10; i++) {
        zx_handle_t vmo;
        ASSERT_OK(zx_vmo_create(ZX_PAGE_SIZE, 0, &vmo));
        sanity(vmo, zxtest_failed);
        zx_handle_close(vmo);
    }
}

TEST(physical_vmo_signal_sanity_test) {
    for (int i = 0; i < 10; i++) {
        zx_handle_t vmo;
        ASSERT_OK(zx_vmo_create_physical(get_root_resource(), 0x09000000, ZX_PAGE_SIZE, &vmo));
        sanity(vmo, zxtest_failed);
        EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_object_signal(vmo, 0, ZX_VMO_ZERO_CHILDREN));
        zx_handle_close(vmo);
    }
}

static void* close_later(void* arg) {
    zx_nanosleep(zx_deadline_after(20 * 1000 * 1000));
    zx_handle_close(*(zx_handle_t*)arg);
    return NULL;
}

TEST(wait_ends_when_its_handle_is_closed) {
    zx_handle_t vmo, dup;
    ASSERT_OK(zx_vmo_create(ZX_PAGE_SIZE, 0, &vmo));
    ASSERT_OK(zx_handle_duplicate(vmo, ZX_RIGHT_SAME_RIGHTS, &dup));
    pthread_t t;
    pthread_create(&t, NULL, close_later, &dup);
    zx_signals_t observed = 0;
    zx_time_t start = zx_clock_get_monotonic();
    EXPECT_EQ(ZX_ERR_CANCELED, zx_object_wait_one(dup, ZX_USER_SIGNAL_1, ZX_TIME_INFINITE, &observed));
    EXPECT_TRUE((observed & ZX_SIGNAL_HANDLE_CLOSED) != 0);
    EXPECT_TRUE(zx_clock_get_monotonic() - start >= 10 * 1000 * 1000);
    pthread_join(t, NULL);
    zx_handle_close(vmo);
}

TEST(crash_check_signal_exports) {
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_object_signal(0, 0, 0));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_object_wait_one(0xFFFFFFFFu, 0, 0, NULL));
    zx_handle_t vmo;
    ASSERT_OK(zx_vmo_create(ZX_PAGE_SIZE, 0, &vmo));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_object_signal(vmo, UINT32_MAX, UINT32_MAX));
    EXPECT_EQ(ZX_ERR_TIMED_OUT, zx_object_wait_one(vmo, 0, INT64_MIN, NULL));
    EXPECT_OK(zx_object_wait_one(vmo, UINT32_MAX, 0, NULL));
    EXPECT_OK(zx_nanosleep(INT64_MIN));
    EXPECT_EQ(ZX_TIME_INFINITE, zx_deadline_after(INT64_MAX));
    zx_handle_close(vmo);
}

// vmo_child_signal_clone_test and vmo_child_signal_map_test, on paged VMOs, and the same with a physical VMO's
// SLICE child.
static int zero_children(zx_handle_t vmo) { return zx_object_wait_one(vmo, ZX_VMO_ZERO_CHILDREN, 0, NULL) == ZX_OK; }

TEST(vmo_child_signal_clone_test) {
    for (int i = 0; i < 10; i++) {
        zx_handle_t vmo, clone, clone2;
        ASSERT_OK(zx_vmo_create(ZX_PAGE_SIZE, 0, &vmo));
        ASSERT_OK(zx_vmo_clone(vmo, ZX_VMO_CLONE_COPY_ON_WRITE, 0, ZX_PAGE_SIZE, &clone));
        ASSERT_OK(zx_vmo_clone(clone, ZX_VMO_CLONE_COPY_ON_WRITE, 0, ZX_PAGE_SIZE, &clone2));
        EXPECT_EQ(0, zero_children(vmo));
        EXPECT_EQ(0, zero_children(clone));
        EXPECT_EQ(1, zero_children(clone2));
        zx_handle_close(clone);
        EXPECT_EQ(0, zero_children(vmo));
        zx_handle_close(clone2);
        EXPECT_EQ(1, zero_children(vmo));
        zx_handle_close(vmo);
    }
}

TEST(vmo_child_signal_map_test) {
    for (int i = 0; i < 10; i++) {
        zx_handle_t vmo, clone;
        zx_vaddr_t addr;
        ASSERT_OK(zx_vmo_create(ZX_PAGE_SIZE, 0, &vmo));
        ASSERT_OK(zx_vmo_clone(vmo, ZX_VMO_CLONE_COPY_ON_WRITE, 0, ZX_PAGE_SIZE, &clone));
        ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ, 0, clone, 0, ZX_PAGE_SIZE, &addr));
        zx_handle_close(clone);
        EXPECT_EQ(0, zero_children(vmo));
        ASSERT_OK(zx_vmar_unmap(zx_vmar_root_self(), addr, ZX_PAGE_SIZE));
        EXPECT_EQ(1, zero_children(vmo));
        zx_handle_close(vmo);
    }
}

TEST(physical_vmo_slice_child_signal_test) {
    for (int i = 0; i < 10; i++) {
        zx_handle_t vmo, slice;
        zx_vaddr_t addr;
        ASSERT_OK(zx_vmo_create_physical(get_root_resource(), 0x09000000, ZX_PAGE_SIZE, &vmo));
        EXPECT_EQ(ZX_ERR_NOT_SUPPORTED, zx_vmo_clone(vmo, ZX_VMO_CLONE_COPY_ON_WRITE, 0, ZX_PAGE_SIZE, &slice));
        EXPECT_EQ(ZX_ERR_NOT_SUPPORTED, zx_vmo_create_child(vmo, ZX_VMO_CHILD_SNAPSHOT, 0, ZX_PAGE_SIZE, &slice));
        ASSERT_OK(zx_vmo_create_child(vmo, ZX_VMO_CHILD_SLICE, 0, ZX_PAGE_SIZE, &slice));
        EXPECT_EQ(0, zero_children(vmo));
        ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ, 0, slice, 0, ZX_PAGE_SIZE, &addr));
        zx_handle_close(slice);
        EXPECT_EQ(0, zero_children(vmo));
        ASSERT_OK(zx_vmar_unmap(zx_vmar_root_self(), addr, ZX_PAGE_SIZE));
        EXPECT_EQ(1, zero_children(vmo));
        zx_handle_close(vmo);
    }
}
