// Events, ports and channels through the C ABI, and a multi-threaded ping-pong over a channel.
#include <pthread.h>
#include "zxtest.h"

TEST(event_port_wait_async) {
    zx_handle_t port, event;
    ASSERT_OK(zx_port_create(0, &port));
    ASSERT_OK(zx_event_create(0, &event));
    ASSERT_OK(zx_object_wait_async(event, port, 0x1234, ZX_EVENT_SIGNALED, ZX_WAIT_ASYNC_ONCE));
    ASSERT_OK(zx_object_signal(event, 0, ZX_EVENT_SIGNALED));
    zx_port_packet_t packet;
    ASSERT_OK(zx_port_wait(port, ZX_TIME_INFINITE, &packet));
    EXPECT_EQ(0x1234, packet.key);
    EXPECT_EQ(ZX_PKT_TYPE_SIGNAL_ONE, packet.type);
    EXPECT_EQ(ZX_EVENT_SIGNALED, packet.signal.trigger);
    EXPECT_EQ(ZX_EVENT_SIGNALED, packet.signal.observed);
    EXPECT_EQ(1, packet.signal.count);
    zx_port_packet_t user = {.key = 5, .type = 0, .status = 0};
    user.user.u64[3] = 0xfeed;
    ASSERT_OK(zx_port_queue(port, &user));
    ASSERT_OK(zx_port_wait(port, 0, &packet));
    EXPECT_EQ(0xfeed, packet.user.u64[3]);
    EXPECT_EQ(ZX_ERR_TIMED_OUT, zx_port_wait(port, zx_deadline_after(1000000), &packet));
    zx_wait_item_t items[2] = {{event, ZX_EVENT_SIGNALED, 0}, {event, ZX_USER_SIGNAL_0, 0}};
    EXPECT_OK(zx_object_wait_many(items, 2, 0));
    EXPECT_EQ(ZX_EVENT_SIGNALED, items[0].pending);
    EXPECT_EQ(ZX_ERR_OUT_OF_RANGE, zx_object_wait_many(NULL, 17, 0));
    zx_handle_t a, b;
    ASSERT_OK(zx_eventpair_create(0, &a, &b));
    ASSERT_OK(zx_object_signal_peer(a, 0, ZX_USER_SIGNAL_3));
    EXPECT_OK(zx_object_wait_one(b, ZX_USER_SIGNAL_3, 0, NULL));
    zx_handle_close(a);
    EXPECT_OK(zx_object_wait_one(b, ZX_EVENTPAIR_PEER_CLOSED, 0, NULL));
    zx_handle_close(b);
    zx_handle_close(event);
    zx_handle_close(port);
}

static void* echo(void* arg) {
    zx_handle_t ch = *(zx_handle_t*)arg;
    for (int i = 0; i < 1000; i++) {
        char buf[64];
        uint32_t n;
        if (zx_object_wait_one(ch, ZX_CHANNEL_READABLE, ZX_TIME_INFINITE, NULL) != ZX_OK) return (void*)1;
        if (zx_channel_read(ch, 0, buf, NULL, sizeof(buf), 0, &n, NULL) != ZX_OK) return (void*)2;
        if (zx_channel_write(ch, 0, buf, n, NULL, 0) != ZX_OK) return (void*)3;
    }
    return NULL;
}

TEST(channel_ping_pong_between_threads) {
    zx_handle_t a, b;
    ASSERT_OK(zx_channel_create(0, &a, &b));
    pthread_t t;
    pthread_create(&t, NULL, echo, &b);
    for (int i = 0; i < 1000; i++) {
        uint32_t value = (uint32_t)i, back = 0, n = 0;
        ASSERT_OK(zx_channel_write(a, 0, &value, sizeof(value), NULL, 0));
        ASSERT_OK(zx_object_wait_one(a, ZX_CHANNEL_READABLE, ZX_TIME_INFINITE, NULL));
        ASSERT_OK(zx_channel_read(a, 0, &back, NULL, sizeof(back), 0, &n, NULL));
        ASSERT_EQ(value, back);
    }
    void* result;
    pthread_join(t, &result);
    EXPECT_EQ(0, (long)result);
    zx_handle_close(a);
    zx_handle_close(b);
}

TEST(channel_moves_handles_and_enforces_transfer) {
    zx_handle_t a, b, vmo, dup, no_transfer, got;
    ASSERT_OK(zx_channel_create(0, &a, &b));
    ASSERT_OK(zx_vmo_create(ZX_PAGE_SIZE, 0, &vmo));
    ASSERT_OK(zx_handle_duplicate(vmo, ZX_RIGHT_SAME_RIGHTS, &dup));
    ASSERT_OK(zx_channel_write(a, 0, "v", 1, &dup, 1));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_handle_close(dup));
    char c;
    uint32_t nb, nh;
    EXPECT_EQ(ZX_ERR_BUFFER_TOO_SMALL, zx_channel_read(b, 0, &c, NULL, 1, 0, &nb, &nh));
    EXPECT_EQ(1, nh);
    ASSERT_OK(zx_channel_read(b, 0, &c, &got, 1, 1, &nb, &nh));
    zx_info_handle_basic_t info;
    ASSERT_OK(zx_object_get_info(got, ZX_INFO_HANDLE_BASIC, &info, sizeof(info), NULL, NULL));
    EXPECT_EQ(ZX_OBJ_TYPE_VMO, info.type);
    ASSERT_OK(zx_handle_duplicate(vmo, ZX_RIGHT_READ | ZX_RIGHT_DUPLICATE, &no_transfer));
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_channel_write(a, 0, "x", 1, &no_transfer, 1));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_handle_close(no_transfer));
    EXPECT_EQ(ZX_ERR_SHOULD_WAIT, zx_channel_read(b, 0, &c, NULL, 1, 0, &nb, &nh));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_channel_write(a, 0, NULL, 5, NULL, 0));
    EXPECT_EQ(ZX_ERR_OUT_OF_RANGE, zx_channel_write(a, 0, NULL, 0, NULL, 65));
    zx_handle_close(got);
    zx_handle_close(vmo);
    zx_handle_close(a);
    EXPECT_EQ(ZX_ERR_PEER_CLOSED, zx_channel_read(b, 0, &c, NULL, 1, 0, &nb, &nh));
    zx_handle_close(b);
}

static void* call_server(void* arg) {
    zx_handle_t ch = *(zx_handle_t*)arg;
    char buf[16];
    uint32_t n;
    if (zx_object_wait_one(ch, ZX_CHANNEL_READABLE, ZX_TIME_INFINITE, NULL) != ZX_OK) return (void*)1;
    if (zx_channel_read(ch, 0, buf, NULL, sizeof(buf), 0, &n, NULL) != ZX_OK) return (void*)2;
    buf[4] = 'R';
    return zx_channel_write(ch, 0, buf, n, NULL, 0) == ZX_OK ? NULL : (void*)3;
}

TEST(channel_call_and_clocks) {
    zx_handle_t client, server;
    ASSERT_OK(zx_channel_create(0, &client, &server));
    pthread_t t;
    pthread_create(&t, NULL, call_server, &server);
    char request[5] = {0, 0, 0, 0, 'Q'}, reply[8] = {0};
    zx_channel_call_args_t args = {.wr_bytes = request, .wr_num_bytes = 5, .rd_bytes = reply, .rd_num_bytes = sizeof(reply)};
    uint32_t nb = 0, nh = 0;
    ASSERT_OK(zx_channel_call(client, 0, zx_deadline_after(10ll * 1000 * 1000 * 1000), &args, &nb, &nh));
    EXPECT_EQ(5, nb);
    EXPECT_EQ('R', reply[4]);
    void* result;
    pthread_join(t, &result);
    EXPECT_EQ(0, (long)result);
    EXPECT_TRUE(zx_clock_get(ZX_CLOCK_UTC) > 1500000000ll * 1000000000ll);
    EXPECT_TRUE(zx_clock_get(ZX_CLOCK_MONOTONIC) <= zx_clock_get_monotonic());
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_channel_call(client, 0, 0, NULL, NULL, NULL));
    zx_handle_close(client);
    zx_handle_close(server);
}

TEST(channel_read_etc_reports_type_and_rights) {
    zx_handle_t a, b, vmo, dup;
    ASSERT_OK(zx_channel_create(0, &a, &b));
    ASSERT_OK(zx_vmo_create(ZX_PAGE_SIZE, 0, &vmo));
    ASSERT_OK(zx_handle_duplicate(vmo, ZX_RIGHT_READ | ZX_RIGHT_TRANSFER, &dup));
    ASSERT_OK(zx_channel_write(a, 0, "h", 1, &dup, 1));
    char c;
    zx_handle_info_t info;
    uint32_t nb, nh;
    ASSERT_OK(zx_channel_read_etc(b, 0, &c, &info, 1, 1, &nb, &nh));
    EXPECT_EQ(1, nh);
    EXPECT_EQ(ZX_OBJ_TYPE_VMO, info.type);
    EXPECT_EQ(ZX_RIGHT_READ | ZX_RIGHT_TRANSFER, info.rights);
    zx_handle_close(info.handle);
    zx_handle_close(vmo);
    zx_handle_close(a);
    zx_handle_close(b);
}

TEST(a_write_naming_too_many_handles_closes_all_of_them) {
    zx_handle_t a, b, events[ZX_CHANNEL_MAX_MSG_HANDLES + 10];
    ASSERT_OK(zx_channel_create(0, &a, &b));
    for (size_t i = 0; i < sizeof(events) / sizeof(events[0]); i++)
        ASSERT_OK(zx_event_create(0, &events[i]));
    EXPECT_EQ(ZX_ERR_OUT_OF_RANGE, zx_channel_write(a, 0, NULL, 0, events, sizeof(events) / sizeof(events[0])));
    for (size_t i = 0; i < sizeof(events) / sizeof(events[0]); i++)
        EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_handle_close(events[i]));
    zx_handle_close(a);
    zx_handle_close(b);
}
