// Scheduler profiles (2018): made with the root resource, checked, applied to a thread with the right rights;
// zx_thread_set_priority's range.
#include "zxtest.h"

TEST(profiles_are_checked_when_made_and_when_applied) {
    zx_profile_info_t info = {0};
    info.type = ZX_PROFILE_INFO_SCHEDULER;
    info.scheduler.priority = ZX_PRIORITY_HIGH;
    zx_handle_t profile, event;
    ASSERT_OK(zx_event_create(0, &event));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_profile_create(ZX_HANDLE_INVALID, &info, &profile));
    EXPECT_EQ(ZX_ERR_WRONG_TYPE, zx_profile_create(event, &info, &profile));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_profile_create(get_root_resource(), NULL, &profile));
    info.type = 2;
    EXPECT_EQ(ZX_ERR_NOT_SUPPORTED, zx_profile_create(get_root_resource(), &info, &profile));
    info.type = ZX_PROFILE_INFO_SCHEDULER;
    info.scheduler.priority = ZX_PRIORITY_HIGHEST + 1;
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_profile_create(get_root_resource(), &info, &profile));
    info.scheduler.priority = ZX_PRIORITY_HIGH;
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_profile_create(get_root_resource(), &info, (zx_handle_t*)1)); // nothing left behind
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_profile_create(get_root_resource(), (const zx_profile_info_t*)4096, &profile));
    ASSERT_OK(zx_profile_create(get_root_resource(), &info, &profile));
    zx_info_handle_basic_t basic;
    ASSERT_OK(zx_object_get_info(profile, ZX_INFO_HANDLE_BASIC, &basic, sizeof(basic), NULL, NULL));
    EXPECT_EQ(ZX_OBJ_TYPE_PROFILE, basic.type);
    EXPECT_EQ(ZX_DEFAULT_PROFILE_RIGHTS, basic.rights);

    zx_handle_t thread, weak_thread, weak_profile;
    ASSERT_OK(zx_handle_duplicate(zx_thread_self(), ZX_RIGHT_SAME_RIGHTS, &thread));
    ASSERT_OK(zx_object_set_profile(thread, profile, 0));
    ASSERT_OK(zx_handle_duplicate(thread, ZX_RIGHT_WAIT, &weak_thread));
    ASSERT_OK(zx_handle_duplicate(profile, ZX_RIGHT_TRANSFER, &weak_profile));
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_object_set_profile(weak_thread, profile, 0));  // MANAGE_THREAD
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_object_set_profile(thread, weak_profile, 0));  // APPLY_PROFILE
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_object_set_profile(event, profile, 0));      // rights are checked before the type
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_object_set_profile(thread, event, 0));

    EXPECT_OK(zx_thread_set_priority(ZX_PRIORITY_LOW));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_thread_set_priority(-1));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_thread_set_priority(ZX_PRIORITY_HIGHEST + 1));
    EXPECT_OK(zx_thread_set_priority(ZX_PRIORITY_DEFAULT));
    zx_handle_t all[] = {profile, event, thread, weak_thread, weak_profile};
    for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
        zx_handle_close(all[i]);
}
