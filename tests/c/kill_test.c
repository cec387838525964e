// Killing stops the task: a busy thread of a killed process (or a killed thread) makes no successful syscall after
// ZX_TASK_TERMINATED, never returns from the syscall it was in, and its host thread is gone soon after.
#include <dirent.h>
#include <stdatomic.h>
#include "zxtest.h"

#define SECOND (1000ll * 1000 * 1000)

// Host threads of this program right now.
static int host_threads(void) {
    DIR* dir = opendir("/proc/self/task");
    if (dir == NULL) return -1;
    int n = 0;
    for (struct dirent* e; (e = readdir(dir)) != NULL;)
        if (e->d_name[0] != '.') n++;
    closedir(dir);
    return n;
}

static atomic_long busy_successes;
static atomic_int busy_returned_after_kill;
static atomic_int busy_killed;  // set once zx_task_kill has returned

// Makes events as fast as it can, counting each one it got; never returns on its own. A syscall begun after the kill
// had returned must never return to it.
static void busy_entry(uintptr_t arg1, uintptr_t arg2) {
    (void)arg1;
    (void)arg2;
    for (;;) {
        zx_handle_t event;
        int begun_after_kill = atomic_load(&busy_killed);
        zx_status_t status = zx_event_create(0, &event);
        if (begun_after_kill) atomic_store(&busy_returned_after_kill, 1);
        if (status == ZX_OK) {
            atomic_fetch_add(&busy_successes, 1);
            zx_handle_close(event);
        }
    }
}

static void wait_forever(uintptr_t event, uintptr_t unused) {
    (void)unused;
    zx_object_wait_one((zx_handle_t)event, ZX_USER_SIGNAL_0, ZX_TIME_INFINITE, NULL);
    atomic_store(&busy_returned_after_kill, 1);  // a killed thread never gets here
}

// Waits until the busy thread has made `count` events, at most 10 s.
static int wait_for_successes(long count) {
    zx_time_t deadline = zx_deadline_after(10 * SECOND);
    while (atomic_load(&busy_successes) < count)
        if (zx_clock_get_monotonic() > deadline) return 0;
    return 1;
}

// Waits until this program has at most `threads` host threads, at most `ms` milliseconds; returns the time taken.
static long wait_for_host_threads(int threads, long ms) {
    zx_time_t start = zx_clock_get_monotonic();
    while (host_threads() > threads && zx_clock_get_monotonic() - start < ms * 1000 * 1000)
        zx_nanosleep(zx_deadline_after(1000 * 1000));
    return (zx_clock_get_monotonic() - start) / (1000 * 1000);
}

TEST(kill_a_busy_process_its_thread_makes_no_syscall_after_terminated) {
    atomic_store(&busy_successes, 0);
    atomic_store(&busy_returned_after_kill, 0);
    atomic_store(&busy_killed, 0);
    zx_handle_t process, vmar, thread;
    ASSERT_OK(zx_process_create(zx_job_default(), "busy", 4, 0, &process, &vmar));
    ASSERT_OK(zx_thread_create(process, "spin", 4, 0, &thread));
    int threads_before = host_threads();
    ASSERT_OK(zx_process_start(process, thread, (zx_vaddr_t)&busy_entry, 0, ZX_HANDLE_INVALID, 0));
    ASSERT_TRUE(wait_for_successes(1000));
    ASSERT_OK(zx_task_kill(process));
    atomic_store(&busy_killed, 1);
    ASSERT_OK(zx_object_wait_one(process, ZX_TASK_TERMINATED, zx_deadline_after(10 * SECOND), NULL));
    long at_terminated = atomic_load(&busy_successes);
    // The thread ends (its host thread leaves within 100 ms) and counts at most the one event whose syscall had
    // returned before the kill.
    EXPECT_OK(zx_object_wait_one(thread, ZX_TASK_TERMINATED, zx_deadline_after(SECOND / 10), NULL));
    long waited = wait_for_host_threads(threads_before, 100);
    EXPECT_TRUE(waited < 100);
    EXPECT_TRUE(atomic_load(&busy_successes) - at_terminated <= 1);
    zx_nanosleep(zx_deadline_after(SECOND / 20));
    EXPECT_TRUE(atomic_load(&busy_successes) - at_terminated <= 1);
    EXPECT_EQ(0, atomic_load(&busy_returned_after_kill));
    zx_info_process_t info;
    ASSERT_OK(zx_object_get_info(process, ZX_INFO_PROCESS, &info, sizeof info, NULL, NULL));
    EXPECT_EQ(ZX_TASK_RETCODE_SYSCALL_KILL, info.return_code);
    zx_handle_close(thread);
    zx_handle_close(vmar);
    zx_handle_close(process);
}

TEST(kill_one_thread_the_process_lives_on) {
    atomic_store(&busy_successes, 0);
    atomic_store(&busy_returned_after_kill, 0);
    atomic_store(&busy_killed, 0);
    zx_handle_t process, vmar, spinner, sleeper, event, process_two, vmar_two;
    ASSERT_OK(zx_process_create(zx_job_default(), "two", 3, 0, &process, &vmar));
    ASSERT_OK(zx_thread_create(process, "spin", 4, 0, &spinner));
    ASSERT_OK(zx_thread_create(process, "sleep", 5, 0, &sleeper));
    int threads_before = host_threads() + 1;  // the sleeper stays
    ASSERT_OK(zx_event_create(0, &event));
    zx_handle_t sent;
    ASSERT_OK(zx_handle_duplicate(event, ZX_RIGHT_SAME_RIGHTS, &sent));
    ASSERT_OK(zx_process_start(process, sleeper, (zx_vaddr_t)&wait_forever, 0, sent, 0));
    ASSERT_OK(zx_thread_start(spinner, (zx_vaddr_t)&busy_entry, 0, 0, 0));
    ASSERT_TRUE(wait_for_successes(1000));
    ASSERT_OK(zx_task_kill(spinner));
    atomic_store(&busy_killed, 1);
    ASSERT_OK(zx_object_wait_one(spinner, ZX_TASK_TERMINATED, zx_deadline_after(SECOND), NULL));
    long at_terminated = atomic_load(&busy_successes);
    EXPECT_TRUE(wait_for_host_threads(threads_before, 100) < 100);
    zx_nanosleep(zx_deadline_after(SECOND / 20));
    EXPECT_TRUE(atomic_load(&busy_successes) - at_terminated <= 1);
    EXPECT_EQ(0, atomic_load(&busy_returned_after_kill));
    // The process lives on with its other thread, blocked in a wait without a deadline; killing that thread ends
    // the wait (it never returns to the thread), and with its last thread gone the process ends.
    EXPECT_EQ(ZX_ERR_TIMED_OUT, zx_object_wait_one(process, ZX_TASK_TERMINATED, 0, NULL));
    ASSERT_OK(zx_task_kill(sleeper));
    EXPECT_OK(zx_object_wait_one(sleeper, ZX_TASK_TERMINATED, zx_deadline_after(SECOND), NULL));
    EXPECT_OK(zx_object_wait_one(process, ZX_TASK_TERMINATED, zx_deadline_after(SECOND), NULL));
    EXPECT_EQ(0, atomic_load(&busy_returned_after_kill));
    // A thread killed before it starts never runs.
    zx_handle_t unstarted;
    ASSERT_OK(zx_process_create(zx_job_default(), "three", 5, 0, &process_two, &vmar_two));
    ASSERT_OK(zx_thread_create(process_two, "never", 5, 0, &unstarted));
    ASSERT_OK(zx_task_kill(unstarted));
    EXPECT_OK(zx_object_wait_one(unstarted, ZX_TASK_TERMINATED, 0, NULL));
    EXPECT_EQ(ZX_ERR_BAD_STATE, zx_process_start(process_two, unstarted, (zx_vaddr_t)&busy_entry, 0, ZX_HANDLE_INVALID, 0));
    zx_handle_close(unstarted);
    zx_handle_close(vmar_two);
    zx_handle_close(process_two);
    zx_handle_close(event);
    zx_handle_close(spinner);
    zx_handle_close(sleeper);
    zx_handle_close(vmar);
    zx_handle_close(process);
}

TEST(kill_a_job_ends_the_processes_of_the_jobs_below_it) {
    atomic_store(&busy_returned_after_kill, 0);
    zx_handle_t job, child_job, process, vmar, thread, event;
    ASSERT_OK(zx_job_create(zx_job_default(), 0, &job));
    ASSERT_OK(zx_job_create(job, 0, &child_job));
    ASSERT_OK(zx_process_create(child_job, "deep", 4, 0, &process, &vmar));
    ASSERT_OK(zx_thread_create(process, "t", 1, 0, &thread));
    ASSERT_OK(zx_event_create(0, &event));
    zx_handle_t sent;
    ASSERT_OK(zx_handle_duplicate(event, ZX_RIGHT_SAME_RIGHTS, &sent));
    ASSERT_OK(zx_process_start(process, thread, (zx_vaddr_t)&wait_forever, 0, sent, 0));
    zx_nanosleep(zx_deadline_after(SECOND / 50));
    ASSERT_OK(zx_task_kill(job));
    EXPECT_OK(zx_object_wait_one(process, ZX_TASK_TERMINATED, zx_deadline_after(SECOND), NULL));
    EXPECT_OK(zx_object_wait_one(thread, ZX_TASK_TERMINATED, zx_deadline_after(SECOND), NULL));
    EXPECT_EQ(0, atomic_load(&busy_returned_after_kill));
    zx_handle_close(event);
    zx_handle_close(thread);
    zx_handle_close(vmar);
    zx_handle_close(process);
    zx_handle_close(child_job);
    zx_handle_close(job);
}
