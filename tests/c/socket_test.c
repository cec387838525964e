// Sockets through the C ABI, as the 2018 kernel answers: stream and datagram planes, the buffer's exact size, the
// control plane, sharing and accepting, shutting down either way, thresholds, and the order of the error checks.
#include <stdlib.h>
#include <string.h>
#include "zxtest.h"

#define SOCKET_BUFFER_MAX (128u * 2008u)  // the 2018 kernel's 128 buffers of 2,008 bytes

static zx_signals_t signals_of(zx_handle_t h) {
    zx_signals_t observed = 0;
    zx_object_wait_one(h, ZX_USER_SIGNAL_7, 0, &observed);
    return observed & ~ZX_USER_SIGNAL_ALL;
}

static zx_info_socket_t socket_info(zx_handle_t h) {
    zx_info_socket_t info;
    memset(&info, 0xff, sizeof info);
    zx_object_get_info(h, ZX_INFO_SOCKET, &info, sizeof info, NULL, NULL);
    return info;
}

TEST(socket_create_makes_a_pair_with_the_2018_rights) {
    zx_handle_t a, b;
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_socket_create(1u << 3, &a, &b));
    ASSERT_OK(zx_socket_create(ZX_SOCKET_STREAM, &a, &b));
    zx_info_handle_basic_t ia, ib;
    ASSERT_OK(zx_object_get_info(a, ZX_INFO_HANDLE_BASIC, &ia, sizeof ia, NULL, NULL));
    ASSERT_OK(zx_object_get_info(b, ZX_INFO_HANDLE_BASIC, &ib, sizeof ib, NULL, NULL));
    EXPECT_EQ(ZX_OBJ_TYPE_SOCKET, ia.type);
    EXPECT_EQ(ZX_DEFAULT_SOCKET_RIGHTS, ia.rights);
    EXPECT_EQ(ia.koid, ib.related_koid);
    EXPECT_EQ(ib.koid, ia.related_koid);
    EXPECT_EQ(ZX_SOCKET_WRITABLE, signals_of(a));
    zx_info_socket_t info = socket_info(a);
    EXPECT_EQ(0u, info.options);
    EXPECT_EQ(SOCKET_BUFFER_MAX, info.rx_buf_max);
    EXPECT_EQ(SOCKET_BUFFER_MAX, info.tx_buf_max);
    EXPECT_EQ(0u, info.rx_buf_size);
    zx_handle_close(a);
    zx_handle_close(b);
    ASSERT_OK(zx_socket_create(ZX_SOCKET_DATAGRAM | ZX_SOCKET_HAS_CONTROL | ZX_SOCKET_HAS_ACCEPT, &a, &b));
    EXPECT_EQ(ZX_SOCKET_WRITABLE | ZX_SOCKET_CONTROL_WRITABLE | ZX_SOCKET_SHARE, signals_of(b));
    EXPECT_EQ(ZX_SOCKET_DATAGRAM | ZX_SOCKET_HAS_CONTROL | ZX_SOCKET_HAS_ACCEPT, socket_info(b).options);
    zx_handle_close(a);
    zx_handle_close(b);
}

TEST(socket_stream_fills_exactly_at_the_2018_buffer_size) {
    zx_handle_t a, b;
    ASSERT_OK(zx_socket_create(0, &a, &b));
    size_t big = SOCKET_BUFFER_MAX + 5000, actual = 0;
    unsigned char* out = malloc(big);
    unsigned char* in = malloc(big);
    for (size_t i = 0; i < big; i++) out[i] = (unsigned char)(i * 7);
    // A short write: what fits is taken, and says so.
    ASSERT_OK(zx_socket_write(a, 0, out, big, &actual));
    EXPECT_EQ(SOCKET_BUFFER_MAX, actual);
    EXPECT_EQ(0u, signals_of(a));  // full: not writable
    EXPECT_EQ(ZX_SOCKET_READABLE | ZX_SOCKET_WRITABLE, signals_of(b));
    EXPECT_EQ(ZX_ERR_SHOULD_WAIT, zx_socket_write(a, 0, out, 1, &actual));
    EXPECT_EQ(SOCKET_BUFFER_MAX, socket_info(b).rx_buf_size);
    EXPECT_EQ(SOCKET_BUFFER_MAX, socket_info(a).tx_buf_size);
    // One byte read makes room for one byte.
    ASSERT_OK(zx_socket_read(b, 0, in, 1, &actual));
    EXPECT_EQ(1u, actual);
    EXPECT_EQ(ZX_SOCKET_WRITABLE, signals_of(a));
    ASSERT_OK(zx_socket_write(a, 0, out + SOCKET_BUFFER_MAX, 10, &actual));
    EXPECT_EQ(1u, actual);
    // The bytes come out in order across the ring's wrap.
    ASSERT_OK(zx_socket_read(b, 0, in + 1, big, &actual));
    EXPECT_EQ(SOCKET_BUFFER_MAX, actual);
    EXPECT_EQ(0, memcmp(in, out, SOCKET_BUFFER_MAX + 1));
    EXPECT_EQ(ZX_SOCKET_WRITABLE, signals_of(b));
    EXPECT_EQ(ZX_ERR_SHOULD_WAIT, zx_socket_read(b, 0, in, 1, &actual));
    free(out);
    free(in);
    zx_handle_close(a);
    zx_handle_close(b);
}

TEST(socket_datagrams_keep_their_boundaries) {
    zx_handle_t a, b;
    ASSERT_OK(zx_socket_create(ZX_SOCKET_DATAGRAM, &a, &b));
    size_t actual = 0;
    ASSERT_OK(zx_socket_write(a, 0, "first", 5, &actual));
    ASSERT_OK(zx_socket_write(a, 0, "second!", 7, &actual));
    EXPECT_EQ(7u, actual);
    zx_info_socket_t info = socket_info(b);
    EXPECT_EQ(12u, info.rx_buf_size);
    EXPECT_EQ(5u, info.rx_buf_available);  // the next datagram's bytes
    ASSERT_OK(zx_socket_read(b, 0, NULL, 0, &actual));
    EXPECT_EQ(5u, actual);
    char buf[16] = {0};
    // A short read takes the whole datagram; the rest of it is gone.
    ASSERT_OK(zx_socket_read(b, 0, buf, 3, &actual));
    EXPECT_EQ(3u, actual);
    EXPECT_EQ(0, memcmp(buf, "fir", 3));
    ASSERT_OK(zx_socket_read(b, 0, buf, sizeof buf, &actual));
    EXPECT_EQ(7u, actual);
    EXPECT_EQ(0, memcmp(buf, "second!", 7));
    EXPECT_EQ(ZX_ERR_SHOULD_WAIT, zx_socket_read(b, 0, buf, sizeof buf, &actual));
    // A datagram larger than the buffer never fits; one that does not fit now waits; neither writes anything.
    size_t big = SOCKET_BUFFER_MAX + 1;
    char* data = calloc(big, 1);
    actual = 12345;
    EXPECT_EQ(ZX_ERR_OUT_OF_RANGE, zx_socket_write(a, 0, data, big, &actual));
    EXPECT_EQ(12345u, actual);
    ASSERT_OK(zx_socket_write(a, 0, data, SOCKET_BUFFER_MAX - 10, &actual));
    EXPECT_EQ(ZX_ERR_SHOULD_WAIT, zx_socket_write(a, 0, data, 11, &actual));
    ASSERT_OK(zx_socket_write(a, 0, data, 10, &actual));
    EXPECT_EQ(0u, signals_of(a));
    EXPECT_EQ(ZX_ERR_SHOULD_WAIT, zx_socket_write(a, 0, data, 1, &actual));
    free(data);
    // A zero-length write writes nothing and is not a datagram.
    zx_handle_t c, d;
    ASSERT_OK(zx_socket_create(ZX_SOCKET_DATAGRAM, &c, &d));
    ASSERT_OK(zx_socket_write(c, 0, NULL, 0, &actual));
    EXPECT_EQ(0u, actual);
    EXPECT_EQ(ZX_SOCKET_WRITABLE, signals_of(d));
    zx_handle_close(a);
    zx_handle_close(b);
    zx_handle_close(c);
    zx_handle_close(d);
}

TEST(socket_peek_leaves_the_bytes_queued) {
    zx_handle_t a, b;
    ASSERT_OK(zx_socket_create(0, &a, &b));
    size_t actual = 0;
    char buf[8] = {0};
    EXPECT_EQ(ZX_ERR_SHOULD_WAIT, zx_socket_read(b, ZX_SOCKET_PEEK, buf, sizeof buf, &actual));
    ASSERT_OK(zx_socket_write(a, 0, "abcdef", 6, &actual));
    ASSERT_OK(zx_socket_read(b, ZX_SOCKET_PEEK, buf, 4, &actual));
    EXPECT_EQ(4u, actual);
    EXPECT_EQ(0, memcmp(buf, "abcd", 4));
    EXPECT_EQ(ZX_SOCKET_READABLE | ZX_SOCKET_WRITABLE, signals_of(b));
    ASSERT_OK(zx_socket_read(b, 0, buf, sizeof buf, &actual));
    EXPECT_EQ(6u, actual);
    EXPECT_EQ(0, memcmp(buf, "abcdef", 6));
    zx_handle_close(a);
    zx_handle_close(b);
    ASSERT_OK(zx_socket_create(ZX_SOCKET_DATAGRAM | ZX_SOCKET_HAS_CONTROL, &a, &b));
    ASSERT_OK(zx_socket_write(a, 0, "one", 3, &actual));
    ASSERT_OK(zx_socket_write(a, 0, "two", 3, &actual));
    ASSERT_OK(zx_socket_read(b, ZX_SOCKET_PEEK, buf, sizeof buf, &actual));
    EXPECT_EQ(3u, actual);
    ASSERT_OK(zx_socket_read(b, 0, buf, sizeof buf, &actual));
    EXPECT_EQ(0, memcmp(buf, "one", 3));
    ASSERT_OK(zx_socket_write(a, ZX_SOCKET_CONTROL, "ctl", 3, &actual));
    ASSERT_OK(zx_socket_read(b, ZX_SOCKET_CONTROL | ZX_SOCKET_PEEK, buf, sizeof buf, &actual));
    EXPECT_EQ(3u, actual);
    EXPECT_EQ(ZX_SOCKET_CONTROL_READABLE, signals_of(b) & ZX_SOCKET_CONTROL_READABLE);
    ASSERT_OK(zx_socket_read(b, ZX_SOCKET_CONTROL, buf, sizeof buf, &actual));
    EXPECT_EQ(0u, signals_of(b) & ZX_SOCKET_CONTROL_READABLE);
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_socket_read(b, 1u << 4, buf, sizeof buf, &actual));
    zx_handle_close(a);
    zx_handle_close(b);
}

TEST(socket_shutdown_write_stops_one_direction) {
    zx_handle_t a, b;
    ASSERT_OK(zx_socket_create(0, &a, &b));
    size_t actual = 0;
    char buf[8];
    ASSERT_OK(zx_socket_write(a, 0, "bye", 3, &actual));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_socket_write(a, ZX_SOCKET_SHUTDOWN_WRITE, "x", 1, &actual));  // no bytes with it
    ASSERT_OK(zx_socket_shutdown(a, ZX_SOCKET_SHUTDOWN_WRITE));
    EXPECT_EQ(ZX_SOCKET_WRITE_DISABLED, signals_of(a));
    EXPECT_EQ(ZX_SOCKET_READABLE | ZX_SOCKET_WRITABLE | ZX_SOCKET_PEER_WRITE_DISABLED, signals_of(b));
    EXPECT_EQ(ZX_ERR_BAD_STATE, zx_socket_write(a, 0, "more", 4, &actual));
    // The other direction still works, and the queued bytes can still be read, then BAD_STATE: no more will come.
    ASSERT_OK(zx_socket_write(b, 0, "ok", 2, &actual));
    ASSERT_OK(zx_socket_read(a, 0, buf, sizeof buf, &actual));
    EXPECT_EQ(2u, actual);
    ASSERT_OK(zx_socket_read(b, 0, buf, sizeof buf, &actual));
    EXPECT_EQ(3u, actual);
    EXPECT_EQ(ZX_ERR_BAD_STATE, zx_socket_read(b, 0, buf, sizeof buf, &actual));
    EXPECT_EQ(ZX_SOCKET_WRITABLE | ZX_SOCKET_PEER_WRITE_DISABLED, signals_of(b));
    // Shutting down again, or after the peer is gone, is fine.
    ASSERT_OK(zx_socket_shutdown(a, ZX_SOCKET_SHUTDOWN_WRITE));
    zx_handle_close(b);
    ASSERT_OK(zx_socket_shutdown(a, ZX_SOCKET_SHUTDOWN_READ));
    EXPECT_EQ(ZX_SOCKET_WRITE_DISABLED | ZX_SOCKET_PEER_WRITE_DISABLED | ZX_SOCKET_PEER_CLOSED, signals_of(a));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_socket_shutdown(a, 1u << 2));
    zx_handle_close(a);
}

TEST(socket_shutdown_read_through_write_options_stops_the_peer) {
    zx_handle_t a, b;
    ASSERT_OK(zx_socket_create(0, &a, &b));
    size_t actual = 0;
    char buf[8];
    ASSERT_OK(zx_socket_write(b, 0, "12345", 5, &actual));
    // The 2018 way: zx_socket_write with a shutdown option and no bytes.
    ASSERT_OK(zx_socket_write(a, ZX_SOCKET_SHUTDOWN_READ, NULL, 0, NULL));
    EXPECT_EQ(ZX_SOCKET_READABLE | ZX_SOCKET_WRITABLE | ZX_SOCKET_PEER_WRITE_DISABLED, signals_of(a));
    EXPECT_EQ(ZX_SOCKET_WRITE_DISABLED, signals_of(b));
    EXPECT_EQ(ZX_ERR_BAD_STATE, zx_socket_write(b, 0, "6", 1, &actual));
    ASSERT_OK(zx_socket_read(a, 0, buf, sizeof buf, &actual));
    EXPECT_EQ(5u, actual);
    EXPECT_EQ(ZX_ERR_BAD_STATE, zx_socket_read(a, 0, buf, 1, &actual));
    zx_handle_close(a);
    zx_handle_close(b);
}

TEST(socket_peer_closed_leaves_the_queued_bytes_readable) {
    zx_handle_t a, b;
    ASSERT_OK(zx_socket_create(0, &a, &b));
    size_t actual = 0;
    char buf[8];
    ASSERT_OK(zx_socket_write(a, 0, "last", 4, &actual));
    zx_handle_close(a);
    EXPECT_EQ(ZX_SOCKET_READABLE | ZX_SOCKET_PEER_CLOSED, signals_of(b));
    EXPECT_EQ(ZX_ERR_PEER_CLOSED, zx_socket_write(b, 0, "x", 1, &actual));
    EXPECT_EQ(ZX_ERR_PEER_CLOSED, zx_object_signal_peer(b, 0, ZX_USER_SIGNAL_0));
    zx_info_socket_t info = socket_info(b);
    EXPECT_EQ(0u, info.tx_buf_max);
    EXPECT_EQ(4u, info.rx_buf_size);
    ASSERT_OK(zx_socket_read(b, 0, buf, sizeof buf, &actual));
    EXPECT_EQ(4u, actual);
    EXPECT_EQ(ZX_ERR_PEER_CLOSED, zx_socket_read(b, 0, buf, sizeof buf, &actual));
    EXPECT_EQ(ZX_SOCKET_PEER_CLOSED, signals_of(b));
    zx_handle_close(b);
}

TEST(socket_control_plane_holds_one_message_each_way) {
    zx_handle_t a, b, c, d;
    size_t actual = 0;
    char buf[1100] = {0};
    ASSERT_OK(zx_socket_create(0, &c, &d));
    EXPECT_EQ(ZX_ERR_BAD_STATE, zx_socket_write(c, ZX_SOCKET_CONTROL, "hi", 2, &actual));
    EXPECT_EQ(ZX_ERR_BAD_STATE, zx_socket_read(d, ZX_SOCKET_CONTROL, buf, sizeof buf, &actual));
    zx_handle_close(c);
    zx_handle_close(d);
    ASSERT_OK(zx_socket_create(ZX_SOCKET_HAS_CONTROL, &a, &b));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_socket_write(a, ZX_SOCKET_CONTROL, buf, 0, &actual));
    EXPECT_EQ(ZX_ERR_OUT_OF_RANGE, zx_socket_write(a, ZX_SOCKET_CONTROL, buf, 1025, &actual));
    EXPECT_EQ(ZX_ERR_SHOULD_WAIT, zx_socket_read(b, ZX_SOCKET_CONTROL, buf, sizeof buf, &actual));
    memset(buf, 'c', 1024);
    ASSERT_OK(zx_socket_write(a, ZX_SOCKET_CONTROL, buf, 1024, &actual));
    EXPECT_EQ(1024u, actual);
    EXPECT_EQ(ZX_SOCKET_WRITABLE, signals_of(a));
    EXPECT_EQ(ZX_SOCKET_WRITABLE | ZX_SOCKET_CONTROL_WRITABLE | ZX_SOCKET_CONTROL_READABLE, signals_of(b));
    EXPECT_EQ(ZX_ERR_SHOULD_WAIT, zx_socket_write(a, ZX_SOCKET_CONTROL, "x", 1, &actual));
    // The data plane is separate.
    EXPECT_EQ(ZX_ERR_SHOULD_WAIT, zx_socket_read(b, 0, buf, sizeof buf, &actual));
    // A shut-down writer still has its control plane.
    ASSERT_OK(zx_socket_shutdown(b, ZX_SOCKET_SHUTDOWN_WRITE));
    ASSERT_OK(zx_socket_write(b, ZX_SOCKET_CONTROL, "back", 4, &actual));
    memset(buf, 0, sizeof buf);
    ASSERT_OK(zx_socket_read(b, ZX_SOCKET_CONTROL, buf, 10, &actual));  // cut to the buffer
    EXPECT_EQ(10u, actual);
    EXPECT_EQ('c', buf[9]);
    EXPECT_EQ(ZX_SOCKET_CONTROL_WRITABLE | ZX_SOCKET_CONTROL_READABLE, signals_of(a) & (ZX_SOCKET_CONTROL_WRITABLE | ZX_SOCKET_CONTROL_READABLE));
    ASSERT_OK(zx_socket_read(a, ZX_SOCKET_CONTROL, buf, sizeof buf, &actual));
    EXPECT_EQ(4u, actual);
    EXPECT_EQ(0, memcmp(buf, "back", 4));
    zx_handle_close(b);
    EXPECT_EQ(ZX_ERR_PEER_CLOSED, zx_socket_write(a, ZX_SOCKET_CONTROL, "x", 1, &actual));
    zx_handle_close(a);
}

TEST(socket_share_and_accept_pass_one_socket_at_a_time) {
    zx_handle_t a0, a1, b0, b1, c0, c1, accepted;
    ASSERT_OK(zx_socket_create(ZX_SOCKET_HAS_ACCEPT, &a0, &a1));
    ASSERT_OK(zx_socket_create(0, &b0, &b1));
    ASSERT_OK(zx_socket_create(0, &c0, &c1));
    // Nothing shared yet; a socket without HAS_ACCEPT cannot accept or share.
    EXPECT_EQ(ZX_ERR_SHOULD_WAIT, zx_socket_accept(a1, &accepted));
    EXPECT_EQ(ZX_ERR_NOT_SUPPORTED, zx_socket_accept(b0, &accepted));
    EXPECT_EQ(ZX_ERR_NOT_SUPPORTED, zx_socket_share(b0, c0));  // c0 is consumed all the same
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_handle_close(c0));
    EXPECT_EQ(ZX_SOCKET_PEER_CLOSED, signals_of(c1));
    // Sharing either end of the socket itself, or a socket that accepts, is BAD_STATE (and consumes it).
    zx_handle_t a0_dup, a1_dup;
    ASSERT_OK(zx_handle_duplicate(a0, ZX_RIGHT_SAME_RIGHTS, &a0_dup));
    ASSERT_OK(zx_handle_duplicate(a1, ZX_RIGHT_SAME_RIGHTS, &a1_dup));
    EXPECT_EQ(ZX_ERR_BAD_STATE, zx_socket_share(a0, a0_dup));
    EXPECT_EQ(ZX_ERR_BAD_STATE, zx_socket_share(a0, a1_dup));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_handle_close(a1_dup));
    // A handle without TRANSFER, and one that is not a socket.
    zx_handle_t no_transfer, event;
    ASSERT_OK(zx_handle_duplicate(b1, ZX_RIGHT_READ | ZX_RIGHT_WRITE, &no_transfer));
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_socket_share(a0, no_transfer));
    ASSERT_OK(zx_event_create(0, &event));
    EXPECT_EQ(ZX_ERR_WRONG_TYPE, zx_socket_share(a0, event));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_handle_close(event));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_socket_share(a0, ZX_HANDLE_INVALID));
    // The slot holds one socket.
    ASSERT_OK(zx_socket_share(a0, b0));
    EXPECT_EQ(ZX_SOCKET_WRITABLE, signals_of(a0));
    EXPECT_EQ(ZX_SOCKET_WRITABLE | ZX_SOCKET_SHARE | ZX_SOCKET_ACCEPT, signals_of(a1));
    zx_handle_t b1_dup;
    ASSERT_OK(zx_handle_duplicate(b1, ZX_RIGHT_SAME_RIGHTS, &b1_dup));
    EXPECT_EQ(ZX_ERR_SHOULD_WAIT, zx_socket_share(a0, b1_dup));
    ASSERT_OK(zx_socket_accept(a1, &accepted));
    EXPECT_EQ(ZX_SOCKET_WRITABLE | ZX_SOCKET_SHARE, signals_of(a0));
    EXPECT_EQ(ZX_SOCKET_WRITABLE | ZX_SOCKET_SHARE, signals_of(a1));
    EXPECT_EQ(ZX_ERR_SHOULD_WAIT, zx_socket_accept(a1, &accepted));
    // The accepted handle is the shared socket, with its rights.
    zx_info_handle_basic_t info;
    ASSERT_OK(zx_object_get_info(accepted, ZX_INFO_HANDLE_BASIC, &info, sizeof info, NULL, NULL));
    zx_info_handle_basic_t peer;
    ASSERT_OK(zx_object_get_info(b1, ZX_INFO_HANDLE_BASIC, &peer, sizeof peer, NULL, NULL));
    EXPECT_EQ(peer.related_koid, info.koid);
    EXPECT_EQ(ZX_DEFAULT_SOCKET_RIGHTS, info.rights);
    size_t actual;
    ASSERT_OK(zx_socket_write(accepted, 0, "via", 3, &actual));
    char buf[4];
    ASSERT_OK(zx_socket_read(b1, 0, buf, sizeof buf, &actual));
    EXPECT_EQ(3u, actual);
    // A socket left in the slot is closed with the socket that holds it.
    ASSERT_OK(zx_socket_share(a0, accepted));
    zx_handle_close(a1);
    EXPECT_EQ(ZX_SOCKET_PEER_CLOSED, signals_of(b1));
    EXPECT_EQ(ZX_ERR_PEER_CLOSED, zx_socket_share(a0, b1));
    zx_handle_close(a0);
    zx_handle_close(c1);
}

TEST(socket_thresholds_follow_the_queued_bytes) {
    zx_handle_t a, b;
    ASSERT_OK(zx_socket_create(0, &a, &b));
    size_t value = SOCKET_BUFFER_MAX + 1;
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_object_set_property(b, ZX_PROP_SOCKET_RX_THRESHOLD, &value, sizeof value));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_object_set_property(a, ZX_PROP_SOCKET_TX_THRESHOLD, &value, sizeof value));
    EXPECT_EQ(ZX_ERR_BUFFER_TOO_SMALL, zx_object_set_property(b, ZX_PROP_SOCKET_RX_THRESHOLD, &value, 4));
    value = 10;
    ASSERT_OK(zx_object_set_property(b, ZX_PROP_SOCKET_RX_THRESHOLD, &value, sizeof value));
    value = SOCKET_BUFFER_MAX - 20;
    ASSERT_OK(zx_object_set_property(a, ZX_PROP_SOCKET_TX_THRESHOLD, &value, sizeof value));
    EXPECT_EQ(ZX_SOCKET_WRITABLE | ZX_SOCKET_WRITE_THRESHOLD, signals_of(a));
    size_t got = 0;
    ASSERT_OK(zx_object_get_property(b, ZX_PROP_SOCKET_RX_THRESHOLD, &got, sizeof got));
    EXPECT_EQ(10u, got);
    size_t actual;
    char bytes[32] = {0};
    ASSERT_OK(zx_socket_write(a, 0, bytes, 9, &actual));
    EXPECT_EQ(ZX_SOCKET_READABLE | ZX_SOCKET_WRITABLE, signals_of(b));
    EXPECT_EQ(ZX_SOCKET_WRITABLE | ZX_SOCKET_WRITE_THRESHOLD, signals_of(a));  // 20 - 9 bytes short of the room
    ASSERT_OK(zx_socket_write(a, 0, bytes, 12, &actual));  // 21 queued: room below the write threshold
    EXPECT_EQ(ZX_SOCKET_READABLE | ZX_SOCKET_WRITABLE | ZX_SOCKET_READ_THRESHOLD, signals_of(b));
    EXPECT_EQ(ZX_SOCKET_WRITABLE, signals_of(a));
    ASSERT_OK(zx_object_get_property(a, ZX_PROP_SOCKET_TX_BUF_SIZE, &got, sizeof got));
    EXPECT_EQ(21u, got);
    ASSERT_OK(zx_object_get_property(b, ZX_PROP_SOCKET_RX_BUF_SIZE, &got, sizeof got));
    EXPECT_EQ(21u, got);
    ASSERT_OK(zx_object_get_property(b, ZX_PROP_SOCKET_RX_BUF_MAX, &got, sizeof got));
    EXPECT_EQ(SOCKET_BUFFER_MAX, got);
    ASSERT_OK(zx_socket_read(b, 0, bytes, 12, &actual));  // 9 left
    EXPECT_EQ(ZX_SOCKET_READABLE | ZX_SOCKET_WRITABLE, signals_of(b));
    EXPECT_EQ(ZX_SOCKET_WRITABLE | ZX_SOCKET_WRITE_THRESHOLD, signals_of(a));
    // Raising a threshold past what is there drops the signal; 0 turns it off.
    value = 5;
    ASSERT_OK(zx_object_set_property(b, ZX_PROP_SOCKET_RX_THRESHOLD, &value, sizeof value));
    EXPECT_EQ(ZX_SOCKET_READ_THRESHOLD, signals_of(b) & ZX_SOCKET_READ_THRESHOLD);
    value = 0;
    ASSERT_OK(zx_object_set_property(b, ZX_PROP_SOCKET_RX_THRESHOLD, &value, sizeof value));
    EXPECT_EQ(0u, signals_of(b) & ZX_SOCKET_READ_THRESHOLD);
    // A duplicate sees the same thresholds; the transmit threshold needs a peer.
    zx_handle_t a_dup;
    ASSERT_OK(zx_handle_duplicate(a, ZX_RIGHT_SAME_RIGHTS, &a_dup));
    ASSERT_OK(zx_object_get_property(a_dup, ZX_PROP_SOCKET_TX_THRESHOLD, &got, sizeof got));
    EXPECT_EQ(SOCKET_BUFFER_MAX - 20, got);
    zx_handle_close(b);
    value = 1;
    EXPECT_EQ(ZX_ERR_PEER_CLOSED, zx_object_set_property(a, ZX_PROP_SOCKET_TX_THRESHOLD, &value, sizeof value));
    ASSERT_OK(zx_object_get_property(a, ZX_PROP_SOCKET_TX_BUF_MAX, &got, sizeof got));
    EXPECT_EQ(0u, got);
    zx_handle_close(a);
    zx_handle_close(a_dup);
}

TEST(socket_errors_come_in_the_kernels_order) {
    zx_handle_t a, b, event, read_only, write_only;
    ASSERT_OK(zx_socket_create(0, &a, &b));
    ASSERT_OK(zx_event_create(0, &event));
    ASSERT_OK(zx_handle_duplicate(a, ZX_RIGHT_READ, &read_only));
    ASSERT_OK(zx_handle_duplicate(a, ZX_RIGHT_WRITE, &write_only));
    size_t actual = 0;
    char buf[4] = {0};
    // A size without a buffer comes before the handle.
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_socket_write(ZX_HANDLE_INVALID, 0, NULL, 1, &actual));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_socket_read(ZX_HANDLE_INVALID, 0, NULL, 1, &actual));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_socket_write(ZX_HANDLE_INVALID, 0, buf, 1, &actual));
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_socket_write(read_only, 0, buf, 1, &actual));
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_socket_read(write_only, 0, buf, 1, &actual));
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_socket_shutdown(read_only, ZX_SOCKET_SHUTDOWN_WRITE));
    EXPECT_EQ(ZX_ERR_WRONG_TYPE, zx_socket_write(event, 0, buf, 1, &actual));
    EXPECT_EQ(ZX_ERR_WRONG_TYPE, zx_socket_read(event, 0, buf, 1, &actual));
    // The options come after the handle.
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_socket_write(ZX_HANDLE_INVALID, 1u << 7, buf, 1, &actual));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_socket_write(a, 1u << 7, buf, 1, &actual));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_socket_write(a, ZX_SOCKET_CONTROL | ZX_SOCKET_SHUTDOWN_WRITE, NULL, 0, &actual));
    // Info and properties: INSPECT and GET_PROPERTY; other objects are the wrong type.
    zx_info_socket_t info;
    EXPECT_EQ(ZX_ERR_WRONG_TYPE, zx_object_get_info(event, ZX_INFO_SOCKET, &info, sizeof info, NULL, NULL));
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_object_get_info(read_only, ZX_INFO_SOCKET, &info, sizeof info, NULL, NULL));
    EXPECT_EQ(ZX_ERR_BUFFER_TOO_SMALL, zx_object_get_info(a, ZX_INFO_SOCKET, &info, sizeof info - 1, NULL, NULL));
    size_t value;
    zx_handle_t vmo;
    ASSERT_OK(zx_vmo_create(ZX_PAGE_SIZE, 0, &vmo));
    EXPECT_EQ(ZX_ERR_WRONG_TYPE, zx_object_get_property(vmo, ZX_PROP_SOCKET_RX_BUF_MAX, &value, sizeof value));
    EXPECT_EQ(ZX_ERR_WRONG_TYPE, zx_object_set_property(vmo, ZX_PROP_SOCKET_RX_THRESHOLD, &value, sizeof value));
    zx_handle_close(vmo);
    zx_handle_close(a);
    zx_handle_close(b);
    zx_handle_close(event);
    zx_handle_close(read_only);
    zx_handle_close(write_only);
}

TEST(socket_waiters_wake_when_bytes_arrive) {
    zx_handle_t a, b;
    ASSERT_OK(zx_socket_create(0, &a, &b));
    zx_handle_t port;
    ASSERT_OK(zx_port_create(0, &port));
    ASSERT_OK(zx_object_wait_async(b, port, 42, ZX_SOCKET_READABLE, ZX_WAIT_ASYNC_ONCE));
    size_t actual;
    ASSERT_OK(zx_socket_write(a, 0, "ping", 4, &actual));
    zx_port_packet_t packet;
    ASSERT_OK(zx_port_wait(port, ZX_TIME_INFINITE, &packet));
    EXPECT_EQ(42u, packet.key);
    EXPECT_EQ(ZX_SOCKET_READABLE, packet.signal.observed & ZX_SOCKET_READABLE);
    zx_handle_close(port);
    zx_handle_close(a);
    zx_handle_close(b);
}
