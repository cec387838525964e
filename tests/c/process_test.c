// Processes and threads through the C ABI: a C entry function runs on its own thread, acting in the new process.
#include "zxtest.h"

static void child_main(uintptr_t bootstrap, uintptr_t arg2) {
    zx_handle_t channel = (zx_handle_t)bootstrap;
    char buf[16];
    uint32_t n;
    if (zx_object_wait_one(channel, ZX_CHANNEL_READABLE, ZX_TIME_INFINITE, NULL) != ZX_OK) return;
    if (zx_channel_read(channel, 0, buf, NULL, sizeof(buf), 0, &n, NULL) != ZX_OK) return;
    buf[0] = (char)(buf[0] + (char)arg2);
    zx_channel_write(channel, 0, buf, n, NULL, 0);
    // This handle value means something only in this process: the creator's table does not have it.
    zx_handle_close(channel);
}

TEST(process_start_runs_a_c_entry_in_the_new_process) {
    zx_handle_t process, vmar, thread, mine, theirs;
    ASSERT_OK(zx_process_create(zx_job_default(), "child", 5, 0, &process, &vmar));
    ASSERT_OK(zx_thread_create(process, "main", 4, 0, &thread));
    ASSERT_OK(zx_channel_create(0, &mine, &theirs));
    ASSERT_OK(zx_channel_write(mine, 0, "a", 1, NULL, 0));
    ASSERT_OK(zx_process_start(process, thread, (zx_vaddr_t)&child_main, 0, theirs, 1));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_handle_close(theirs));
    ASSERT_OK(zx_object_wait_one(process, ZX_TASK_TERMINATED, zx_deadline_after(10ll * 1000 * 1000 * 1000), NULL));
    char reply = 0;
    uint32_t n;
    ASSERT_OK(zx_channel_read(mine, 0, &reply, NULL, 1, 0, &n, NULL));
    EXPECT_EQ('b', reply);
    zx_info_process_t info;
    ASSERT_OK(zx_object_get_info(process, ZX_INFO_PROCESS, &info, sizeof(info), NULL, NULL));
    EXPECT_EQ(1, info.started);
    EXPECT_EQ(1, info.exited);
    EXPECT_EQ(ZX_ERR_BAD_STATE, zx_process_start(process, thread, (zx_vaddr_t)&child_main, 0, ZX_HANDLE_INVALID, 0));
    zx_handle_close(mine);
    zx_handle_close(thread);
    zx_handle_close(vmar);
    zx_handle_close(process);
}

static void wait_forever(uintptr_t event, uintptr_t unused) {
    (void)unused;
    zx_object_wait_one((zx_handle_t)event, ZX_USER_SIGNAL_0, ZX_TIME_INFINITE, NULL);
}

TEST(task_kill_ends_a_blocked_process) {
    zx_handle_t process, vmar, thread, event;
    ASSERT_OK(zx_process_create(zx_job_default(), "victim", 6, 0, &process, &vmar));
    ASSERT_OK(zx_thread_create(process, "t", 1, 0, &thread));
    ASSERT_OK(zx_event_create(0, &event));
    ASSERT_OK(zx_process_start(process, thread, (zx_vaddr_t)&wait_forever, 0, event, 0));
    zx_nanosleep(zx_deadline_after(20 * 1000 * 1000));
    EXPECT_EQ(ZX_ERR_TIMED_OUT, zx_object_wait_one(process, ZX_TASK_TERMINATED, 0, NULL));
    ASSERT_OK(zx_task_kill(process));
    EXPECT_OK(zx_object_wait_one(thread, ZX_TASK_TERMINATED, zx_deadline_after(10ll * 1000 * 1000 * 1000), NULL));
    zx_info_process_t info;
    ASSERT_OK(zx_object_get_info(process, ZX_INFO_PROCESS, &info, sizeof(info), NULL, NULL));
    EXPECT_EQ(ZX_TASK_RETCODE_SYSCALL_KILL, info.return_code);
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_thread_start(thread, 0, 0, 0, 0));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_task_kill(0));
    zx_handle_close(thread);
    zx_handle_close(vmar);
    zx_handle_close(process);
}

// zx_thread_exit and zx_process_exit leave from deep inside the entry: nothing after them runs.
static volatile int after_exit;

__attribute__((noinline)) static void leave_thread_from_a_callee(void) { zx_thread_exit(); }

static void exiting_thread(uintptr_t unused1, uintptr_t unused2) {
    (void)unused1;
    (void)unused2;
    leave_thread_from_a_callee();
    after_exit = 1;
}

static void waiting_thread(uintptr_t event, uintptr_t unused) {
    (void)unused;
    zx_object_wait_one((zx_handle_t)event, ZX_USER_SIGNAL_0, ZX_TIME_INFINITE, NULL);
}

TEST(thread_exit_ends_only_that_thread) {
    zx_handle_t process, vmar, first, second, event, theirs;
    ASSERT_OK(zx_process_create(zx_job_default(), "two", 3, 0, &process, &vmar));
    ASSERT_OK(zx_thread_create(process, "waits", 5, 0, &first));
    ASSERT_OK(zx_thread_create(process, "exits", 5, 0, &second));
    ASSERT_OK(zx_event_create(0, &event));
    ASSERT_OK(zx_handle_duplicate(event, ZX_RIGHT_SAME_RIGHTS, &theirs));
    after_exit = 0;
    ASSERT_OK(zx_process_start(process, first, (zx_vaddr_t)&waiting_thread, 0, theirs, 0));
    ASSERT_OK(zx_thread_start(second, (zx_vaddr_t)&exiting_thread, 0, 0, 0));
    zx_time_t deadline = zx_deadline_after(10ll * 1000 * 1000 * 1000);
    ASSERT_OK(zx_object_wait_one(second, ZX_TASK_TERMINATED, deadline, NULL));
    EXPECT_EQ(0, after_exit);
    // The process lives on with its other thread.
    EXPECT_EQ(ZX_ERR_TIMED_OUT, zx_object_wait_one(process, ZX_TASK_TERMINATED, zx_deadline_after(20 * 1000 * 1000), NULL));
    ASSERT_OK(zx_object_signal(event, 0, ZX_USER_SIGNAL_0));
    ASSERT_OK(zx_object_wait_one(process, ZX_TASK_TERMINATED, deadline, NULL));
    zx_info_process_t info;
    ASSERT_OK(zx_object_get_info(process, ZX_INFO_PROCESS, &info, sizeof(info), NULL, NULL));
    EXPECT_EQ(0, info.return_code);
    zx_handle_close(event);
    zx_handle_close(first);
    zx_handle_close(second);
    zx_handle_close(vmar);
    zx_handle_close(process);
}

__attribute__((noinline)) static void leave_process_from_a_callee(int64_t code) { zx_process_exit(code); }

static void exiting_process(uintptr_t channel, uintptr_t code) {
    (void)channel;
    leave_process_from_a_callee((int64_t)code);
    after_exit = 1;
}

TEST(process_exit_ends_the_process_with_its_return_code) {
    zx_handle_t process, vmar, thread, mine, theirs;
    ASSERT_OK(zx_process_create(zx_job_default(), "exits", 5, 0, &process, &vmar));
    ASSERT_OK(zx_thread_create(process, "t", 1, 0, &thread));
    ASSERT_OK(zx_channel_create(0, &mine, &theirs));
    after_exit = 0;
    ASSERT_OK(zx_process_start(process, thread, (zx_vaddr_t)&exiting_process, 0, theirs, 42));
    zx_time_t deadline = zx_deadline_after(10ll * 1000 * 1000 * 1000);
    ASSERT_OK(zx_object_wait_one(process, ZX_TASK_TERMINATED, deadline, NULL));
    ASSERT_OK(zx_object_wait_one(thread, ZX_TASK_TERMINATED, deadline, NULL));
    EXPECT_EQ(0, after_exit);
    zx_info_process_t info;
    ASSERT_OK(zx_object_get_info(process, ZX_INFO_PROCESS, &info, sizeof(info), NULL, NULL));
    EXPECT_EQ(42, info.return_code);
    EXPECT_EQ(1, info.exited);
    // The process's handles were closed: its end of the channel is gone.
    EXPECT_OK(zx_object_wait_one(mine, ZX_CHANNEL_PEER_CLOSED, 0, NULL));
    zx_handle_close(mine);
    zx_handle_close(thread);
    zx_handle_close(vmar);
    zx_handle_close(process);
}

HELPER(helper_process_exit_on_the_programs_own_thread) {
    (void)zxtest_failed;
    zx_handle_t event;
    if (zx_event_create(0, &event) != ZX_OK) return;
    zx_process_exit(7);
}

HELPER(helper_thread_exit_on_the_programs_own_thread) {
    (void)zxtest_failed;
    zx_thread_exit();
}

TEST(exit_on_the_programs_own_thread_ends_the_host_program) {
    EXPECT_EQ(7, zxtest_run_helper("helper_process_exit_on_the_programs_own_thread"));
    EXPECT_EQ(0, zxtest_run_helper("helper_thread_exit_on_the_programs_own_thread"));
}
