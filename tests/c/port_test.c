// Ports through the C ABI: what an asynchronous wait's signal packet reports.
#include "zxtest.h"

TEST(a_channels_signal_packet_counts_the_messages_waiting) {
    zx_handle_t port, a, b;
    ASSERT_OK(zx_port_create(0, &port));
    ASSERT_OK(zx_channel_create(0, &a, &b));
    for (int i = 0; i < 3; i++)
        ASSERT_OK(zx_channel_write(a, 0, "m", 1, NULL, 0));
    ASSERT_OK(zx_object_wait_async(b, port, 7, ZX_CHANNEL_READABLE, ZX_WAIT_ASYNC_ONCE));
    zx_port_packet_t packet;
    ASSERT_OK(zx_port_wait(port, 0, &packet));
    EXPECT_EQ(7u, packet.key);
    EXPECT_EQ(ZX_PKT_TYPE_SIGNAL_ONE, packet.type);
    EXPECT_EQ(3u, packet.signal.count);
    zx_handle_close(a);
    zx_handle_close(b);
    zx_handle_close(port);
}

TEST(a_repeating_wait_has_one_packet_waiting_at_a_time) {
    zx_handle_t port, event;
    ASSERT_OK(zx_port_create(0, &port));
    ASSERT_OK(zx_event_create(0, &event));
    ASSERT_OK(zx_object_wait_async(event, port, 9, ZX_USER_SIGNAL_0 | ZX_USER_SIGNAL_1, ZX_WAIT_ASYNC_REPEATING));
    ASSERT_OK(zx_object_signal(event, 0, ZX_USER_SIGNAL_0));
    ASSERT_OK(zx_object_signal(event, ZX_USER_SIGNAL_0, 0));
    ASSERT_OK(zx_object_signal(event, 0, ZX_USER_SIGNAL_1));
    // Three changes before the port is read: one packet, with every signal it saw.
    zx_port_packet_t packet;
    ASSERT_OK(zx_port_wait(port, 0, &packet));
    EXPECT_EQ(ZX_PKT_TYPE_SIGNAL_REP, packet.type);
    EXPECT_EQ(ZX_USER_SIGNAL_0 | ZX_USER_SIGNAL_1, packet.signal.observed & (ZX_USER_SIGNAL_0 | ZX_USER_SIGNAL_1));
    EXPECT_EQ(ZX_ERR_TIMED_OUT, zx_port_wait(port, 0, &packet));
    // Once read, the next raise queues a new packet.
    ASSERT_OK(zx_object_signal(event, 0, ZX_USER_SIGNAL_0));
    EXPECT_OK(zx_port_wait(port, 0, &packet));
    zx_handle_close(event);
    zx_handle_close(port);
}
