// Timers through the C ABI: creation checks, SIGNALED at the deadline and never before, set replacing a pending
// deadline, cancel, and closing an armed timer.
#include "zxtest.h"

TEST(timer_create_checks_the_clock_then_the_slack_mode) {
    zx_handle_t timer;
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_timer_create(ZX_TIMER_SLACK_LATE + 1, ZX_CLOCK_UTC, &timer));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_timer_create(ZX_TIMER_SLACK_LATE + 1, ZX_CLOCK_MONOTONIC, &timer));
    for (uint32_t slack = ZX_TIMER_SLACK_CENTER; slack <= ZX_TIMER_SLACK_LATE; slack++) {
        ASSERT_OK(zx_timer_create(slack, ZX_CLOCK_MONOTONIC, &timer));
        zx_info_handle_basic_t info;
        ASSERT_OK(zx_object_get_info(timer, ZX_INFO_HANDLE_BASIC, &info, sizeof(info), NULL, NULL));
        EXPECT_EQ(ZX_OBJ_TYPE_TIMER, info.type);
        EXPECT_EQ(ZX_DEFAULT_TIMERS_RIGHTS, info.rights);
        zx_handle_close(timer);
    }
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_timer_create(0, ZX_CLOCK_MONOTONIC, (zx_handle_t*)1));
}

TEST(a_timer_signals_at_its_deadline_and_never_before) {
    zx_handle_t timer;
    ASSERT_OK(zx_timer_create(ZX_TIMER_SLACK_CENTER, ZX_CLOCK_MONOTONIC, &timer));
    EXPECT_EQ(ZX_ERR_TIMED_OUT, zx_object_wait_one(timer, ZX_TIMER_SIGNALED, 0, NULL));
    for (int i = 0; i < 20; i++) {
        zx_time_t deadline = zx_deadline_after(ZX_USEC(300 * (i % 5 + 1)));
        ASSERT_OK(zx_timer_set(timer, deadline, 0));
        zx_signals_t observed = 0;
        ASSERT_OK(zx_object_wait_one(timer, ZX_TIMER_SIGNALED, ZX_TIME_INFINITE, &observed));
        EXPECT_TRUE(zx_clock_get_monotonic() >= deadline);
        EXPECT_EQ(ZX_TIMER_SIGNALED, observed & ZX_TIMER_SIGNALED);
    }
    // Set clears the signal; a deadline already passed (or 0) signals at once.
    ASSERT_OK(zx_timer_set(timer, zx_deadline_after(ZX_SEC(100)), 0));
    EXPECT_EQ(ZX_ERR_TIMED_OUT, zx_object_wait_one(timer, ZX_TIMER_SIGNALED, 0, NULL));
    ASSERT_OK(zx_timer_set(timer, 0, 0));
    EXPECT_OK(zx_object_wait_one(timer, ZX_TIMER_SIGNALED, 0, NULL));
    ASSERT_OK(zx_timer_set(timer, zx_clock_get_monotonic() - 1, 0));
    EXPECT_OK(zx_object_wait_one(timer, ZX_TIMER_SIGNALED, 0, NULL));
    zx_handle_close(timer);
}

TEST(set_replaces_a_pending_deadline_and_cancel_clears_everything) {
    zx_handle_t timer;
    ASSERT_OK(zx_timer_create(0, ZX_CLOCK_MONOTONIC, &timer));
    ASSERT_OK(zx_timer_set(timer, zx_deadline_after(ZX_MSEC(1)), 0));
    ASSERT_OK(zx_timer_set(timer, zx_deadline_after(ZX_SEC(100)), 0)); // the first deadline is gone
    EXPECT_EQ(ZX_ERR_TIMED_OUT, zx_object_wait_one(timer, ZX_TIMER_SIGNALED, zx_deadline_after(ZX_MSEC(20)), NULL));
    ASSERT_OK(zx_timer_cancel(timer));
    ASSERT_OK(zx_timer_set(timer, 0, 0));
    ASSERT_OK(zx_timer_cancel(timer));                                   // clears the signal too
    EXPECT_EQ(ZX_ERR_TIMED_OUT, zx_object_wait_one(timer, ZX_TIMER_SIGNALED, 0, NULL));
    ASSERT_OK(zx_timer_cancel(timer));                                   // nothing pending: still OK
    zx_handle_t read_only, event;
    ASSERT_OK(zx_handle_duplicate(timer, ZX_RIGHT_READ | ZX_RIGHT_WAIT, &read_only));
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_timer_set(read_only, 0, 0));
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_timer_cancel(read_only));
    ASSERT_OK(zx_event_create(0, &event));
    EXPECT_EQ(ZX_ERR_WRONG_TYPE, zx_timer_set(event, 0, 0));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_timer_cancel(ZX_HANDLE_INVALID));
    // Closing an armed timer cancels it.
    ASSERT_OK(zx_timer_set(timer, zx_deadline_after(ZX_SEC(100)), 0));
    zx_handle_close(read_only);
    zx_handle_close(timer);
    zx_handle_close(event);
}

TEST(a_timer_wakes_a_port_waiter) {
    zx_handle_t timer, port;
    ASSERT_OK(zx_timer_create(0, ZX_CLOCK_MONOTONIC, &timer));
    ASSERT_OK(zx_port_create(0, &port));
    ASSERT_OK(zx_object_wait_async(timer, port, 42, ZX_TIMER_SIGNALED, ZX_WAIT_ASYNC_ONCE));
    zx_time_t deadline = zx_deadline_after(ZX_MSEC(2));
    ASSERT_OK(zx_timer_set(timer, deadline, ZX_USEC(100)));
    zx_port_packet_t packet;
    ASSERT_OK(zx_port_wait(port, zx_deadline_after(ZX_SEC(10)), &packet));
    EXPECT_TRUE(zx_clock_get_monotonic() >= deadline);
    EXPECT_EQ(42u, packet.key);
    EXPECT_EQ(ZX_TIMER_SIGNALED, packet.signal.observed & ZX_TIMER_SIGNALED);
    zx_handle_close(timer);
    zx_handle_close(port);
}
