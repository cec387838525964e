// Fifos through the C ABI, as the 2018 kernel answers: sizes, signals, the order of the error checks, wrap-around and
// the peer going away.
#include <string.h>
#include "zxtest.h"

static zx_signals_t signals_of(zx_handle_t h) {
    zx_signals_t observed = 0;
    zx_object_wait_one(h, ZX_USER_SIGNAL_7, 0, &observed);
    return observed & ~ZX_USER_SIGNAL_ALL;
}

TEST(fifo_sizes_are_a_power_of_two_count_within_a_page) {
    zx_handle_t a, b;
    EXPECT_EQ(ZX_ERR_OUT_OF_RANGE, zx_fifo_create(0, 4, 0, &a, &b));
    EXPECT_EQ(ZX_ERR_OUT_OF_RANGE, zx_fifo_create(4, 0, 0, &a, &b));
    EXPECT_EQ(ZX_ERR_OUT_OF_RANGE, zx_fifo_create(3, 4, 0, &a, &b));      // not a power of two
    EXPECT_EQ(ZX_ERR_OUT_OF_RANGE, zx_fifo_create(4096, 2, 0, &a, &b));   // 8 KiB
    EXPECT_EQ(ZX_ERR_OUT_OF_RANGE, zx_fifo_create(1, 4097, 0, &a, &b));
    EXPECT_EQ(ZX_ERR_OUT_OF_RANGE, zx_fifo_create(SIZE_MAX / 2 + 1, 2, 0, &a, &b)); // the product wraps
    ASSERT_OK(zx_fifo_create(4096, 1, 0, &a, &b));
    zx_handle_close(a);
    zx_handle_close(b);
    ASSERT_OK(zx_fifo_create(1, 4096, 0, &a, &b));
    zx_info_handle_basic_t ia, ib;
    ASSERT_OK(zx_object_get_info(a, ZX_INFO_HANDLE_BASIC, &ia, sizeof(ia), NULL, NULL));
    ASSERT_OK(zx_object_get_info(b, ZX_INFO_HANDLE_BASIC, &ib, sizeof(ib), NULL, NULL));
    EXPECT_EQ(ZX_OBJ_TYPE_FIFO, ia.type);
    EXPECT_EQ(ZX_DEFAULT_FIFO_RIGHTS, ia.rights);
    EXPECT_EQ(ib.koid, ia.related_koid);
    EXPECT_EQ(ia.koid, ib.related_koid);
    zx_handle_close(a);
    zx_handle_close(b);
}

TEST(fifo_signals_follow_the_ring) {
    zx_handle_t a, b;
    ASSERT_OK(zx_fifo_create(4, 8, 0, &a, &b));
    EXPECT_EQ(ZX_FIFO_WRITABLE, signals_of(a));
    EXPECT_EQ(ZX_FIFO_WRITABLE, signals_of(b));
    uint64_t in[6] = {1, 2, 3, 4, 5, 6}, out[6] = {0};
    size_t actual = 0;
    ASSERT_OK(zx_fifo_write(a, 8, in, 1, &actual));
    EXPECT_EQ(1u, actual);
    EXPECT_EQ(ZX_FIFO_WRITABLE | ZX_FIFO_READABLE, signals_of(b));
    EXPECT_EQ(ZX_FIFO_WRITABLE, signals_of(a));
    // Five asked for, three fit: the ring holds four.
    ASSERT_OK(zx_fifo_write(a, 8, in + 1, 5, &actual));
    EXPECT_EQ(3u, actual);
    EXPECT_EQ(0u, signals_of(a));                      // full: not writable
    EXPECT_EQ(ZX_ERR_SHOULD_WAIT, zx_fifo_write(a, 8, in, 1, &actual));
    ASSERT_OK(zx_fifo_read(b, 8, out, 3, &actual));
    EXPECT_EQ(3u, actual);
    EXPECT_EQ(1u, out[0]);
    EXPECT_EQ(3u, out[2]);
    EXPECT_EQ(ZX_FIFO_WRITABLE, signals_of(a));        // room again
    // Wrap around the end of the ring.
    ASSERT_OK(zx_fifo_write(a, 8, in + 4, 2, &actual));
    EXPECT_EQ(2u, actual);
    ASSERT_OK(zx_fifo_read(b, 8, out, 6, &actual));
    EXPECT_EQ(3u, actual);
    EXPECT_EQ(4u, out[0]);
    EXPECT_EQ(5u, out[1]);
    EXPECT_EQ(6u, out[2]);
    EXPECT_EQ(ZX_FIFO_WRITABLE, signals_of(b));        // empty: not readable
    EXPECT_EQ(ZX_ERR_SHOULD_WAIT, zx_fifo_read(b, 8, out, 1, &actual));
    zx_handle_close(a);
    zx_handle_close(b);
}

TEST(fifo_errors_come_in_the_kernels_order) {
    zx_handle_t a, b, event, read_only;
    ASSERT_OK(zx_fifo_create(2, 4, 0, &a, &b));
    ASSERT_OK(zx_event_create(0, &event));
    uint32_t value = 7;
    size_t actual = 99;
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_fifo_write(ZX_HANDLE_INVALID, 4, &value, 1, &actual));
    EXPECT_EQ(ZX_ERR_WRONG_TYPE, zx_fifo_write(event, 4, &value, 1, &actual));
    ASSERT_OK(zx_handle_duplicate(a, ZX_RIGHT_READ, &read_only));
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_fifo_write(read_only, 4, &value, 1, &actual));
    EXPECT_EQ(ZX_ERR_OUT_OF_RANGE, zx_fifo_write(a, 8, &value, 1, &actual));   // another element size
    EXPECT_EQ(ZX_ERR_OUT_OF_RANGE, zx_fifo_write(a, 4, &value, 0, &actual));   // nothing to write
    EXPECT_EQ(ZX_ERR_OUT_OF_RANGE, zx_fifo_read(b, 2, &value, 1, &actual));
    EXPECT_EQ(ZX_ERR_OUT_OF_RANGE, zx_fifo_read(b, 4, &value, 0, &actual));
    EXPECT_EQ(99u, actual);
    // A buffer that cannot be read writes nothing; an actual that cannot be written still wrote.
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_fifo_write(a, 4, NULL, 1, &actual));
    EXPECT_EQ(ZX_ERR_SHOULD_WAIT, zx_fifo_read(b, 4, &value, 1, &actual));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_fifo_write(a, 4, &value, 1, (size_t*)1));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_fifo_read(b, 4, NULL, 1, &actual));         // nothing taken
    uint32_t got = 0;
    ASSERT_OK(zx_fifo_read(b, 4, &got, 1, NULL));
    EXPECT_EQ(7u, got);
    zx_handle_close(read_only);
    zx_handle_close(event);
    zx_handle_close(a);
    zx_handle_close(b);
}

TEST(a_fifo_whose_peer_is_gone_drains_then_reports_peer_closed) {
    zx_handle_t a, b;
    ASSERT_OK(zx_fifo_create(4, 4, 0, &a, &b));
    uint32_t values[2] = {10, 20}, got[2];
    size_t actual;
    ASSERT_OK(zx_fifo_write(a, 4, values, 2, &actual));
    ASSERT_OK(zx_object_signal_peer(a, 0, ZX_USER_SIGNAL_1)); // user signals reach the peer
    EXPECT_OK(zx_object_wait_one(b, ZX_USER_SIGNAL_1, 0, NULL));
    zx_handle_close(a);
    EXPECT_EQ(ZX_FIFO_READABLE | ZX_FIFO_PEER_CLOSED, signals_of(b)); // no longer writable
    EXPECT_EQ(ZX_ERR_PEER_CLOSED, zx_fifo_write(b, 4, values, 1, &actual));
    ASSERT_OK(zx_fifo_read(b, 4, got, 2, &actual));
    EXPECT_EQ(2u, actual);
    EXPECT_EQ(20u, got[1]);
    EXPECT_EQ(ZX_ERR_PEER_CLOSED, zx_fifo_read(b, 4, got, 1, &actual));
    zx_handle_close(b);
}
