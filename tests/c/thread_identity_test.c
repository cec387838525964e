// Thread identity: every host thread that calls into libzircon.so is a Zircon thread. The program's own threads join
// the first process on their first call; zx_thread_self() and thrd_get_zx_handle() give their handles, and a thread
// that ends is TERMINATED.
#include <threads.h>
#include <zircon/process.h>
#include <zircon/processargs.h>
#include <zircon/threads.h>
#include "zxtest.h"

static zx_info_handle_basic_t basic_info(zx_handle_t handle) {
    zx_info_handle_basic_t info;
    memset(&info, 0, sizeof(info));
    zx_object_get_info(handle, ZX_INFO_HANDLE_BASIC, &info, sizeof(info), NULL, NULL);
    return info;
}

TEST(thread_self_is_a_thread_of_the_calling_process) {
    zx_handle_t self = zx_thread_self();
    ASSERT_TRUE(self != ZX_HANDLE_INVALID);
    EXPECT_EQ(self, zx_thread_self()); // the same handle every time
    zx_info_handle_basic_t info = basic_info(self);
    EXPECT_EQ(ZX_OBJ_TYPE_THREAD, info.type);
    EXPECT_EQ(basic_info(zx_process_self()).koid, info.related_koid);
    EXPECT_EQ(self, thrd_get_zx_handle(thrd_current()));
}

typedef struct {
    zx_handle_t self;
    zx_handle_t via_thrd;
    zx_handle_t duplicate;
} seen_t;

static int remember_identity(void* arg) {
    seen_t* seen = arg;
    seen->self = zx_thread_self();
    seen->via_thrd = thrd_get_zx_handle(thrd_current());
    zx_handle_duplicate(seen->self, ZX_RIGHT_SAME_RIGHTS, &seen->duplicate);
    return 0;
}

TEST(a_c11_thread_is_its_own_zircon_thread_and_terminates_when_it_ends) {
    seen_t seen = {0, 0, 0};
    thrd_t t;
    ASSERT_EQ(thrd_success, thrd_create(&t, remember_identity, &seen));
    ASSERT_EQ(thrd_success, thrd_join(t, NULL));
    ASSERT_TRUE(seen.self != ZX_HANDLE_INVALID);
    EXPECT_TRUE(seen.self != zx_thread_self());
    EXPECT_EQ(seen.self, seen.via_thrd);
    ASSERT_TRUE(seen.duplicate != ZX_HANDLE_INVALID);
    EXPECT_TRUE(basic_info(seen.duplicate).koid != basic_info(zx_thread_self()).koid);
    zx_signals_t observed = 0;
    EXPECT_OK(zx_object_wait_one(seen.duplicate, ZX_THREAD_TERMINATED, zx_deadline_after(ZX_SEC(10)), &observed));
    EXPECT_TRUE(observed & ZX_THREAD_TERMINATED);
    // The thread's own handle ended with it; the duplicate still names the terminated thread.
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_handle_close(seen.self));
    EXPECT_OK(zx_handle_close(seen.duplicate));
}

static void entry_in_own_process(uintptr_t event, uintptr_t unused) {
    (void)unused;
    zx_object_signal((zx_handle_t)event, 0, ZX_USER_SIGNAL_0);
}

TEST(thread_start_works_in_the_programs_own_process) {
    zx_handle_t thread, event;
    ASSERT_OK(zx_event_create(0, &event));
    ASSERT_OK(zx_thread_create(zx_process_self(), "worker", 6, 0, &thread));
    ASSERT_OK(zx_thread_start(thread, (uintptr_t)&entry_in_own_process, 0, event, 0));
    EXPECT_OK(zx_object_wait_one(thread, ZX_THREAD_TERMINATED, zx_deadline_after(ZX_SEC(10)), NULL));
    EXPECT_OK(zx_object_wait_one(event, ZX_USER_SIGNAL_0, 0, NULL));
    // The program's process keeps running after its Zx-started thread ends.
    zx_info_process_t info;
    ASSERT_OK(zx_object_get_info(zx_process_self(), ZX_INFO_PROCESS, &info, sizeof(info), NULL, NULL));
    EXPECT_EQ(1, info.started);
    EXPECT_EQ(0, info.exited);
    zx_handle_close(thread);
    zx_handle_close(event);
}

TEST(a_host_program_has_no_startup_handles) {
    EXPECT_EQ(ZX_HANDLE_INVALID, zx_take_startup_handle(PA_HND(PA_USER0, 0)));
}
