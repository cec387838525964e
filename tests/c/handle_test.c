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

TEST(a_cookie_belongs_to_the_scope_that_set_it_first) {
    zx_handle_t event, pair0, pair1, scope, other, vmo;
    ASSERT_OK(zx_event_create(0, &event));
    ASSERT_OK(zx_eventpair_create(0, &pair0, &pair1));
    ASSERT_OK(zx_event_create(0, &scope));
    ASSERT_OK(zx_event_create(0, &other));
    ASSERT_OK(zx_vmo_create(ZX_PAGE_SIZE, 0, &vmo));
    uint64_t cookie = 0;
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_object_get_cookie(event, scope, &cookie)); // none set yet
    ASSERT_OK(zx_object_set_cookie(event, scope, 0x1234));
    ASSERT_OK(zx_object_get_cookie(event, scope, &cookie));
    EXPECT_EQ(0x1234u, cookie);
    ASSERT_OK(zx_object_set_cookie(event, scope, 0x5678));                         // the same scope replaces it
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_object_set_cookie(event, other, 1));        // another scope may not
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_object_get_cookie(event, other, &cookie));
    ASSERT_OK(zx_object_get_cookie(event, scope, &cookie));
    EXPECT_EQ(0x5678u, cookie);
    ASSERT_OK(zx_object_set_cookie(pair0, other, 9));                              // event pairs have one too
    EXPECT_EQ(ZX_ERR_NOT_SUPPORTED, zx_object_set_cookie(vmo, scope, 1));          // VMOs do not
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_object_set_cookie(event, ZX_HANDLE_INVALID, 1)); // the scope first
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_object_get_cookie(ZX_HANDLE_INVALID, scope, &cookie));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_object_get_cookie(event, scope, (uint64_t*)1));
    zx_handle_t all[] = {event, pair0, pair1, scope, other, vmo};
    for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
        zx_handle_close(all[i]);
}
