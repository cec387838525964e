// Job policies through the C ABI: zx_job_set_policy's checks and how a policy combines with the parent's, and the
// creating syscalls of a process in the job answering what the policy says (ALLOW, DENY, KILL, the EXCEPTION kinds).
#include "zxtest.h"
#include <zircon/syscalls/policy.h>

#define SECONDS(n) zx_deadline_after((zx_duration_t)(n) * 1000 * 1000 * 1000)

TEST(job_set_policy_checks_in_the_kernels_order) {
    zx_handle_t job, event;
    ASSERT_OK(zx_job_create(zx_job_default(), 0, &job));
    ASSERT_OK(zx_event_create(0, &event));
    zx_policy_basic_t deny_vmo = {ZX_POL_NEW_VMO, ZX_POL_ACTION_DENY};
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_job_set_policy(job, 2, ZX_JOB_POL_BASIC, &deny_vmo, 1));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_job_set_policy(job, ZX_JOB_POL_RELATIVE, ZX_JOB_POL_BASIC, NULL, 1));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_job_set_policy(job, ZX_JOB_POL_RELATIVE, ZX_JOB_POL_BASIC, &deny_vmo, 0));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_job_set_policy(job, ZX_JOB_POL_RELATIVE, 1, &deny_vmo, 1));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_job_set_policy(job, ZX_JOB_POL_RELATIVE, ZX_JOB_POL_BASIC, (void*)0x2000, 1));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_job_set_policy(ZX_HANDLE_INVALID, ZX_JOB_POL_RELATIVE, ZX_JOB_POL_BASIC, &deny_vmo, 1));
    // Rights come before the type (2018), and only a job has SET_POLICY: any other object is ACCESS_DENIED.
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_job_set_policy(event, ZX_JOB_POL_RELATIVE, ZX_JOB_POL_BASIC, &deny_vmo, 1));
    zx_handle_t no_policy;
    ASSERT_OK(zx_handle_duplicate(job, ZX_DEFAULT_JOB_RIGHTS & ~ZX_RIGHT_SET_POLICY, &no_policy));
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_job_set_policy(no_policy, ZX_JOB_POL_RELATIVE, ZX_JOB_POL_BASIC, &deny_vmo, 1));
    zx_policy_basic_t too_many[ZX_POL_MAX + 1];
    for (unsigned i = 0; i <= ZX_POL_MAX; i++) too_many[i] = (zx_policy_basic_t){ZX_POL_NEW_VMO, ZX_POL_ACTION_DENY};
    EXPECT_EQ(ZX_ERR_OUT_OF_RANGE, zx_job_set_policy(job, ZX_JOB_POL_RELATIVE, ZX_JOB_POL_BASIC, too_many, ZX_POL_MAX + 1));
    zx_policy_basic_t unknown_condition = {ZX_POL_MAX, ZX_POL_ACTION_DENY};
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_job_set_policy(job, ZX_JOB_POL_RELATIVE, ZX_JOB_POL_BASIC, &unknown_condition, 1));
    zx_policy_basic_t unknown_action = {ZX_POL_NEW_VMO, 8};
    EXPECT_EQ(ZX_ERR_NOT_SUPPORTED, zx_job_set_policy(job, ZX_JOB_POL_RELATIVE, ZX_JOB_POL_BASIC, &unknown_action, 1));
    // Set once; saying the same again is fine; saying otherwise is skipped (RELATIVE) or refused (ABSOLUTE).
    ASSERT_OK(zx_job_set_policy(job, ZX_JOB_POL_ABSOLUTE, ZX_JOB_POL_BASIC, &deny_vmo, 1));
    ASSERT_OK(zx_job_set_policy(job, ZX_JOB_POL_ABSOLUTE, ZX_JOB_POL_BASIC, &deny_vmo, 1));
    zx_policy_basic_t allow_vmo = {ZX_POL_NEW_VMO, ZX_POL_ACTION_ALLOW};
    EXPECT_OK(zx_job_set_policy(job, ZX_JOB_POL_RELATIVE, ZX_JOB_POL_BASIC, &allow_vmo, 1));
    EXPECT_EQ(ZX_ERR_ALREADY_EXISTS, zx_job_set_policy(job, ZX_JOB_POL_ABSOLUTE, ZX_JOB_POL_BASIC, &allow_vmo, 1));
    // A job with a child job (or a process) takes no more policy.
    zx_handle_t child;
    ASSERT_OK(zx_job_create(job, 0, &child));
    EXPECT_EQ(ZX_ERR_BAD_STATE, zx_job_set_policy(job, ZX_JOB_POL_RELATIVE, ZX_JOB_POL_BASIC, &deny_vmo, 1));
    zx_handle_close(child);
    zx_handle_close(no_policy);
    zx_handle_close(event);
    zx_handle_close(job);
}

// What a process of the job answers: each creating call's status, written to the channel it was given.
static void try_creating(uintptr_t channel, uintptr_t unused) {
    (void)unused;
    zx_status_t results[10];
    zx_handle_t a, b;
    results[0] = zx_vmo_create(ZX_PAGE_SIZE, 0, &a);
    results[1] = zx_channel_create(0, &a, &b);
    results[2] = zx_event_create(0, &a);
    results[3] = zx_eventpair_create(0, &a, &b);
    results[4] = zx_port_create(0, &a);
    results[5] = zx_socket_create(0, &a, &b);
    results[6] = zx_fifo_create(4, 4, 0, &a, &b);
    results[7] = zx_timer_create(0, ZX_CLOCK_MONOTONIC, &a);
    results[8] = zx_process_create(zx_job_default(), "p", 1, 0, &a, &b);
    results[9] = ZX_OK;
    zx_channel_write((zx_handle_t)channel, 0, results, sizeof results, NULL, 0);
}

// Runs |entry| in a new process of |job| with a channel; its first message lands in |message|.
static zx_status_t run_in(zx_handle_t job, void (*entry)(uintptr_t, uintptr_t), void* message, uint32_t size,
                          zx_handle_t* process_out) {
    zx_handle_t process, vmar, thread, mine, theirs;
    zx_status_t status = zx_process_create(job, "policy", 6, 0, &process, &vmar);
    if (status != ZX_OK) return status;
    zx_thread_create(process, "main", 4, 0, &thread);
    zx_channel_create(0, &mine, &theirs);
    status = zx_process_start(process, thread, (zx_vaddr_t)entry, 0, theirs, 0);
    if (status == ZX_OK)
        status = zx_object_wait_one(process, ZX_TASK_TERMINATED, SECONDS(10), NULL);
    uint32_t n = 0;
    if (status == ZX_OK && message != NULL)
        status = zx_channel_read(mine, 0, message, NULL, size, 0, &n, NULL);
    zx_handle_close(mine);
    zx_handle_close(thread);
    zx_handle_close(vmar);
    *process_out = process;
    return status;
}

TEST(new_any_denies_every_new_object_but_the_ones_allowed_after_it) {
    zx_handle_t job, process;
    ASSERT_OK(zx_job_create(zx_job_default(), 0, &job));
    zx_policy_basic_t policy[] = {{ZX_POL_NEW_ANY, ZX_POL_ACTION_DENY}, {ZX_POL_NEW_CHANNEL, ZX_POL_ACTION_ALLOW}};
    ASSERT_OK(zx_job_set_policy(job, ZX_JOB_POL_RELATIVE, ZX_JOB_POL_BASIC, policy, 2));
    zx_status_t results[10];
    ASSERT_OK(run_in(job, try_creating, results, sizeof results, &process));
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, results[0]);
    EXPECT_OK(results[1]);
    for (int i = 2; i <= 7; i++) EXPECT_EQ(ZX_ERR_ACCESS_DENIED, results[i]);
    // NEW_ANY stops at NEW_TIMER, as in 2018: process creation gets past the policy to the job handle (the child
    // process has no default job: BAD_HANDLE).
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, results[8]);
    zx_handle_close(process);
    // A child job inherits the policy, and a RELATIVE change cannot loosen it.
    zx_handle_t child;
    ASSERT_OK(zx_job_create(job, 0, &child));
    zx_policy_basic_t allow_events = {ZX_POL_NEW_EVENT, ZX_POL_ACTION_ALLOW};
    ASSERT_OK(zx_job_set_policy(child, ZX_JOB_POL_RELATIVE, ZX_JOB_POL_BASIC, &allow_events, 1));
    ASSERT_OK(run_in(child, try_creating, results, sizeof results, &process));
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, results[2]);
    EXPECT_OK(results[1]);
    zx_handle_close(process);
    zx_handle_close(child);
    zx_handle_close(job);
}

TEST(the_policy_is_the_callers_not_the_target_jobs) {
    zx_handle_t job, process, vmar;
    ASSERT_OK(zx_job_create(zx_job_default(), 0, &job));
    zx_policy_basic_t deny_process = {ZX_POL_NEW_PROCESS, ZX_POL_ACTION_DENY};
    ASSERT_OK(zx_job_set_policy(job, ZX_JOB_POL_RELATIVE, ZX_JOB_POL_BASIC, &deny_process, 1));
    // This process's own policy allows it, so it may make processes in the denying job.
    ASSERT_OK(zx_process_create(job, "p", 1, 0, &process, &vmar));
    zx_handle_close(vmar);
    zx_handle_close(process);
    zx_handle_close(job);
}

static void create_a_vmo_and_report(uintptr_t channel, uintptr_t unused) {
    (void)unused;
    zx_handle_t vmo;
    zx_status_t status = zx_vmo_create(ZX_PAGE_SIZE, 0, &vmo);
    // A KILL or EXCEPTION policy ends the thread in the syscall: this message is never sent.
    zx_channel_write((zx_handle_t)channel, 0, &status, sizeof status, NULL, 0);
}

TEST(kill_and_exception_policies_end_the_process) {
    const uint32_t actions[] = {ZX_POL_ACTION_KILL, ZX_POL_ACTION_ALLOW_EXCEPTION, ZX_POL_ACTION_DENY_EXCEPTION};
    const int64_t codes[] = {ZX_TASK_RETCODE_POLICY_KILL, ZX_TASK_RETCODE_EXCEPTION_KILL, ZX_TASK_RETCODE_EXCEPTION_KILL};
    for (int i = 0; i < 3; i++) {
        zx_handle_t job, process;
        ASSERT_OK(zx_job_create(zx_job_default(), 0, &job));
        zx_policy_basic_t policy = {ZX_POL_NEW_VMO, actions[i]};
        ASSERT_OK(zx_job_set_policy(job, ZX_JOB_POL_RELATIVE, ZX_JOB_POL_BASIC, &policy, 1));
        zx_status_t reported = 12345;
        // The process died with its handles: the channel's other end is closed, with nothing written.
        EXPECT_EQ(ZX_ERR_PEER_CLOSED, run_in(job, create_a_vmo_and_report, &reported, sizeof reported, &process));
        EXPECT_EQ(12345, reported);
        zx_info_process_t info;
        ASSERT_OK(zx_object_get_info(process, ZX_INFO_PROCESS, &info, sizeof info, NULL, NULL));
        EXPECT_EQ(1, info.exited);
        EXPECT_EQ(codes[i], info.return_code);
        zx_handle_close(process);
        zx_handle_close(job);
    }
}
