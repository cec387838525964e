// <zircon/time.h>: units and arithmetic that saturates at ZX_TIME_INFINITE and ZX_TIME_INFINITE_PAST.
#include <zircon/time.h>
#include "zxtest.h"

TEST(time_units_are_nanoseconds) {
    EXPECT_EQ(1000000000LL, ZX_SEC(1));
    EXPECT_EQ(ZX_SEC(60), ZX_MIN(1));
    EXPECT_EQ(ZX_MIN(60), ZX_HOUR(1));
    EXPECT_EQ(ZX_USEC(1000), ZX_MSEC(1));
}

TEST(time_arithmetic_saturates_instead_of_wrapping) {
    EXPECT_EQ(ZX_TIME_INFINITE, zx_time_add_duration(ZX_TIME_INFINITE - 1, 5));
    EXPECT_EQ(ZX_TIME_INFINITE_PAST, zx_time_add_duration(ZX_TIME_INFINITE_PAST + 1, -5));
    EXPECT_EQ(ZX_TIME_INFINITE_PAST, zx_time_sub_duration(ZX_TIME_INFINITE_PAST + 1, 5));
    EXPECT_EQ(ZX_TIME_INFINITE, zx_time_sub_time(ZX_TIME_INFINITE, -1));
    EXPECT_EQ(7, zx_time_sub_time(10, 3));
    EXPECT_EQ(ZX_SEC(1) + ZX_MSEC(1), zx_duration_add_duration(ZX_SEC(1), ZX_MSEC(1)));
    EXPECT_EQ(ZX_TIME_INFINITE_PAST, zx_duration_sub_duration(ZX_TIME_INFINITE_PAST + 2, 5));
    EXPECT_EQ(ZX_TIME_INFINITE, zx_duration_mul_int64(ZX_HOUR(1), INT64_MAX));
    EXPECT_EQ(ZX_TIME_INFINITE_PAST, zx_duration_mul_int64(ZX_HOUR(1), INT64_MIN));
    EXPECT_EQ(ZX_SEC(6), zx_duration_mul_int64(ZX_SEC(2), 3));
}

TEST(clock_adjust_moves_utc_only_with_the_root_resource) {
    zx_handle_t event;
    ASSERT_OK(zx_event_create(0, &event));
    zx_time_t before = zx_clock_get(ZX_CLOCK_UTC);
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_clock_adjust(ZX_HANDLE_INVALID, ZX_CLOCK_UTC, 0));
    EXPECT_EQ(ZX_ERR_WRONG_TYPE, zx_clock_adjust(event, ZX_CLOCK_UTC, 0));
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_clock_adjust(get_root_resource(), ZX_CLOCK_MONOTONIC, 0));
    // UTC becomes monotonic + offset: one hour after boot, then back to what it was.
    ASSERT_OK(zx_clock_adjust(get_root_resource(), ZX_CLOCK_UTC, ZX_HOUR(1)));
    zx_time_t utc = zx_clock_get(ZX_CLOCK_UTC), mono = zx_clock_get_monotonic();
    EXPECT_TRUE(utc - mono >= ZX_HOUR(1) - ZX_MSEC(100) && utc - mono <= ZX_HOUR(1) + ZX_MSEC(100));
    ASSERT_OK(zx_clock_adjust(get_root_resource(), ZX_CLOCK_UTC, before - zx_clock_get_monotonic()));
    EXPECT_TRUE(zx_clock_get(ZX_CLOCK_UTC) >= before - ZX_MSEC(100));
    zx_handle_close(event);
}
