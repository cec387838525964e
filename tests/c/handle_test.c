// Handles through the C ABI: what zx_handle_close_many reports.
#include "zxtest.h"

TEST(close_many_reports_a_duplicated_value) {
    zx_handle_t event;
    ASSERT_OK(zx_event_create(0, &event));
    zx_handle_t twice[2] = {event, event};
    // The first entry closes the event; the second names nothing by then.
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_handle_close_many(twice, 2));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_handle_close(event));
}

TEST(close_many_skips_invalid_entries) {
    zx_handle_t event;
    ASSERT_OK(zx_event_create(0, &event));
    zx_handle_t some[3] = {ZX_HANDLE_INVALID, event, ZX_HANDLE_INVALID};
    EXPECT_OK(zx_handle_close_many(some, 3));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_handle_close(event));
}
