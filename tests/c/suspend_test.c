// Suspending threads and processes through the C ABI: a thread stops at once in user code, in a blocking wait or on
// its way out of a syscall, asserts ZX_THREAD_SUSPENDED, shows its registers and takes new ones, and goes on when the
// token closes; suspension racing kill ends every thread.
#include <stdatomic.h>
#include <zircon/syscalls/debug.h>
#include <zircon/syscalls/exception.h>
#include "zxtest.h"

#define SECONDS(n) zx_deadline_after((zx_duration_t)(n) * 1000 * 1000 * 1000)

static zx_status_t wait_for(zx_handle_t h, zx_signals_t signals) {
    return zx_object_wait_one(h, signals, SECONDS(10), NULL);
}

static zx_handle_t start_thread(void (*entry)(uintptr_t, uintptr_t), uintptr_t arg) {
    zx_handle_t thread = ZX_HANDLE_INVALID;
    if (zx_thread_create(zx_process_self(), "worker", 6, 0, &thread) != ZX_OK) return ZX_HANDLE_INVALID;
    if (zx_thread_start(thread, (zx_vaddr_t)entry, 0, arg, 0) != ZX_OK) return ZX_HANDLE_INVALID;
    return thread;
}

static _Atomic uint64_t spins;
static atomic_int stop_spinning;

// Pure user code: no syscall until told to stop.
static void spin(uintptr_t unused1, uintptr_t unused2) {
    (void)unused1;
    (void)unused2;
    while (!atomic_load(&stop_spinning)) atomic_fetch_add(&spins, 1);
}

TEST(a_thread_running_user_code_stops_at_once_and_goes_on_when_the_token_closes) {
    atomic_store(&stop_spinning, 0);
    zx_handle_t thread = start_thread(spin, 0);
    ASSERT_TRUE(thread != ZX_HANDLE_INVALID);
    ASSERT_OK(wait_for(thread, ZX_THREAD_RUNNING));
    while (atomic_load(&spins) == 0) {
    }
    zx_handle_t token;
    ASSERT_OK(zx_task_suspend_token(thread, &token));
    ASSERT_OK(wait_for(thread, ZX_THREAD_SUSPENDED));
    zx_info_thread_t info;
    ASSERT_OK(zx_object_get_info(thread, ZX_INFO_THREAD, &info, sizeof info, NULL, NULL));
    EXPECT_EQ(ZX_THREAD_STATE_SUSPENDED, info.state);
    uint64_t before = atomic_load(&spins);
    zx_nanosleep(zx_deadline_after(ZX_MSEC(20)));
    EXPECT_EQ(before, atomic_load(&spins));  // stopped: not one more spin
    zx_signals_t observed = 0;
    zx_object_wait_one(thread, 0, 0, &observed);
    EXPECT_EQ(0u, observed & ZX_THREAD_RUNNING);
    zx_info_handle_basic_t basic;
    ASSERT_OK(zx_object_get_info(token, ZX_INFO_HANDLE_BASIC, &basic, sizeof basic, NULL, NULL));
    EXPECT_EQ(ZX_OBJ_TYPE_SUSPEND_TOKEN, basic.type);
    EXPECT_EQ(ZX_DEFAULT_SUSPEND_TOKEN_RIGHTS, basic.rights);
    ASSERT_OK(zx_handle_close(token));
    ASSERT_OK(wait_for(thread, ZX_THREAD_RUNNING));
    while (atomic_load(&spins) == before) {
    }
    atomic_store(&stop_spinning, 1);
    ASSERT_OK(wait_for(thread, ZX_THREAD_TERMINATED));
    zx_handle_close(thread);
}

TEST(suspensions_count_and_each_token_holds_one) {
    atomic_store(&stop_spinning, 0);
    zx_handle_t thread = start_thread(spin, 0);
    ASSERT_TRUE(thread != ZX_HANDLE_INVALID);
    zx_handle_t first, second;
    ASSERT_OK(zx_task_suspend_token(thread, &first));
    ASSERT_OK(zx_task_suspend_token(thread, &second));
    ASSERT_OK(wait_for(thread, ZX_THREAD_SUSPENDED));
    zx_handle_close(first);
    zx_nanosleep(zx_deadline_after(ZX_MSEC(10)));
    zx_signals_t observed = 0;
    zx_object_wait_one(thread, 0, 0, &observed);
    EXPECT_EQ(ZX_THREAD_SUSPENDED, observed & (ZX_THREAD_SUSPENDED | ZX_THREAD_RUNNING));
    // The 2018 pair counts the same way.
    ASSERT_OK(zx_task_suspend(thread));
    zx_handle_close(second);
    zx_object_wait_one(thread, 0, 0, &observed);
    EXPECT_EQ(ZX_THREAD_SUSPENDED, observed & (ZX_THREAD_SUSPENDED | ZX_THREAD_RUNNING));
    EXPECT_EQ(ZX_ERR_BAD_STATE, zx_task_resume(thread, ZX_RESUME_EXCEPTION));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_task_resume(thread, 1u << 5));
    ASSERT_OK(zx_task_resume(thread, 0));
    ASSERT_OK(wait_for(thread, ZX_THREAD_RUNNING));
    atomic_store(&stop_spinning, 1);
    ASSERT_OK(wait_for(thread, ZX_THREAD_TERMINATED));
    zx_handle_close(thread);
}

static atomic_int woke;

static void wait_for_event(uintptr_t event, uintptr_t unused) {
    (void)unused;
    zx_object_wait_one((zx_handle_t)event, ZX_EVENT_SIGNALED, ZX_TIME_INFINITE, NULL);
    atomic_store(&woke, 1);
}

TEST(a_thread_blocked_in_a_wait_stops_there_and_finishes_the_wait_when_resumed) {
    zx_handle_t event;
    ASSERT_OK(zx_event_create(0, &event));
    atomic_store(&woke, 0);
    zx_handle_t thread = start_thread(wait_for_event, event);
    ASSERT_TRUE(thread != ZX_HANDLE_INVALID);
    zx_nanosleep(zx_deadline_after(ZX_MSEC(20)));  // let it block
    zx_handle_t token;
    ASSERT_OK(zx_task_suspend_token(thread, &token));
    ASSERT_OK(wait_for(thread, ZX_THREAD_SUSPENDED));
    ASSERT_OK(zx_object_signal(event, 0, ZX_EVENT_SIGNALED));
    zx_nanosleep(zx_deadline_after(ZX_MSEC(30)));
    EXPECT_EQ(0, atomic_load(&woke));  // the wait is satisfied, but the thread is stopped
    // Its registers read as zeros: Zx does not see what a syscall was entered with; it takes no new ones.
    zx_thread_state_general_regs_t regs;
    ASSERT_OK(zx_thread_read_state(thread, ZX_THREAD_STATE_GENERAL_REGS, &regs, sizeof regs));
    EXPECT_EQ(0u, regs.rip);
    EXPECT_EQ(ZX_ERR_NOT_SUPPORTED, zx_thread_write_state(thread, ZX_THREAD_STATE_GENERAL_REGS, &regs, sizeof regs));
    zx_handle_close(token);
    ASSERT_OK(wait_for(thread, ZX_THREAD_TERMINATED));
    EXPECT_EQ(1, atomic_load(&woke));
    zx_handle_close(thread);
    zx_handle_close(event);
}

// A loop that holds known values in registers (rbx 0x1111, r12 0x2222, r13 0x3333, rdi the counter's address) and
// counts; it never leaves by itself.
__attribute__((naked, noinline)) static void hold_registers(__attribute__((unused)) uintptr_t counter,
                                                             __attribute__((unused)) uintptr_t unused) {
    __asm__ volatile(
        "mov $0x1111, %rbx\n"
        "mov $0x2222, %r12\n"
        "mov $0x3333, %r13\n"
        "1: lock incq (%rdi)\n"
        "jmp 1b\n");
}

static _Atomic uint64_t landed_with;

// Where a rewritten thread goes: records its first argument and leaves.
static void landing(uint64_t value) {
    atomic_store(&landed_with, value);
    zx_thread_exit();
}

TEST(a_suspended_thread_shows_its_registers_and_goes_on_with_new_ones) {
    static _Atomic uint64_t counter;
    atomic_store(&counter, 0);
    zx_handle_t thread = start_thread((void (*)(uintptr_t, uintptr_t))hold_registers, (uintptr_t)&counter);
    ASSERT_TRUE(thread != ZX_HANDLE_INVALID);
    while (atomic_load(&counter) == 0) {
    }
    zx_thread_state_general_regs_t regs;
    EXPECT_EQ(ZX_ERR_BAD_STATE, zx_thread_read_state(thread, ZX_THREAD_STATE_GENERAL_REGS, &regs, sizeof regs));
    zx_handle_t token;
    ASSERT_OK(zx_task_suspend_token(thread, &token));
    ASSERT_OK(wait_for(thread, ZX_THREAD_SUSPENDED));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_thread_read_state(thread, 3, &regs, sizeof regs));
    EXPECT_EQ(ZX_ERR_BUFFER_TOO_SMALL, zx_thread_read_state(thread, ZX_THREAD_STATE_GENERAL_REGS, &regs, sizeof regs - 1));
    zx_thread_state_fp_regs_t fp;
    EXPECT_EQ(ZX_ERR_NOT_SUPPORTED, zx_thread_read_state(thread, ZX_THREAD_STATE_FP_REGS, &fp, sizeof fp));
    ASSERT_OK(zx_thread_read_state(thread, ZX_THREAD_STATE_GENERAL_REGS, &regs, sizeof regs));
    EXPECT_EQ(0x1111u, regs.rbx);
    EXPECT_EQ(0x2222u, regs.r12);
    EXPECT_EQ(0x3333u, regs.r13);
    EXPECT_EQ((uint64_t)(uintptr_t)&counter, regs.rdi);
    EXPECT_TRUE(regs.rip >= (uint64_t)(uintptr_t)hold_registers && regs.rip < (uint64_t)(uintptr_t)hold_registers + 64);
    // Send it to landing(0x5678) on a stack aligned as a call would leave it.
    regs.rip = (uint64_t)(uintptr_t)landing;
    regs.rdi = 0x5678;
    regs.rsp = ((regs.rsp - 256) & ~(uint64_t)15) - 8;
    ASSERT_OK(zx_thread_write_state(thread, ZX_THREAD_STATE_GENERAL_REGS, &regs, sizeof regs));
    zx_handle_close(token);
    ASSERT_OK(wait_for(thread, ZX_THREAD_TERMINATED));
    EXPECT_EQ(0x5678u, atomic_load(&landed_with));
    zx_handle_close(thread);
}

static void child_spins(uintptr_t unused1, uintptr_t unused2) {
    (void)unused1;
    (void)unused2;
    while (!atomic_load(&stop_spinning)) atomic_fetch_add(&spins, 1);
}

TEST(a_suspended_process_stops_every_thread) {
    atomic_store(&stop_spinning, 0);
    zx_handle_t process, vmar, thread;
    ASSERT_OK(zx_process_create(zx_job_default(), "suspended", 9, 0, &process, &vmar));
    ASSERT_OK(zx_thread_create(process, "t", 1, 0, &thread));
    ASSERT_OK(zx_process_start(process, thread, (zx_vaddr_t)child_spins, 0, ZX_HANDLE_INVALID, 0));
    ASSERT_OK(wait_for(thread, ZX_THREAD_RUNNING));
    zx_handle_t token;
    ASSERT_OK(zx_task_suspend_token(process, &token));
    ASSERT_OK(wait_for(thread, ZX_THREAD_SUSPENDED));
    uint64_t before = atomic_load(&spins);
    zx_nanosleep(zx_deadline_after(ZX_MSEC(20)));
    EXPECT_EQ(before, atomic_load(&spins));
    zx_handle_close(token);
    ASSERT_OK(wait_for(thread, ZX_THREAD_RUNNING));
    atomic_store(&stop_spinning, 1);
    ASSERT_OK(wait_for(process, ZX_TASK_TERMINATED));
    zx_handle_close(thread);
    zx_handle_close(vmar);
    zx_handle_close(process);
}

TEST(suspend_checks_in_the_kernels_order) {
    zx_handle_t event, token, read_only;
    ASSERT_OK(zx_event_create(0, &event));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_task_suspend_token(ZX_HANDLE_INVALID, &token));
    EXPECT_EQ(ZX_ERR_WRONG_TYPE, zx_task_suspend_token(event, &token));  // WRITE, but not a task
    zx_handle_t job;
    ASSERT_OK(zx_job_create(zx_job_default(), 0, &job));
    EXPECT_EQ(ZX_ERR_WRONG_TYPE, zx_task_suspend_token(job, &token));
    EXPECT_EQ(ZX_ERR_WRONG_TYPE, zx_task_suspend(job));
    zx_handle_t thread;
    ASSERT_OK(zx_thread_create(zx_process_self(), "t", 1, 0, &thread));
    ASSERT_OK(zx_handle_duplicate(thread, ZX_RIGHT_READ | ZX_RIGHT_WAIT, &read_only));
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_task_suspend_token(read_only, &token));
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_thread_write_state(read_only, ZX_THREAD_STATE_GENERAL_REGS, NULL, 0));
    // A thread not started yet can be suspended: it starts stopped.
    ASSERT_OK(zx_task_suspend_token(thread, &token));
    atomic_store(&woke, 0);
    ASSERT_OK(zx_thread_start(thread, (zx_vaddr_t)wait_for_event, 0, event, 0));
    ASSERT_OK(wait_for(thread, ZX_THREAD_SUSPENDED));
    zx_handle_close(token);
    ASSERT_OK(zx_object_signal(event, 0, ZX_EVENT_SIGNALED));
    ASSERT_OK(wait_for(thread, ZX_THREAD_TERMINATED));
    // An ended thread cannot be suspended.
    EXPECT_EQ(ZX_ERR_BAD_STATE, zx_task_suspend_token(thread, &token));
    zx_handle_close(read_only);
    zx_handle_close(thread);
    zx_handle_close(job);
    zx_handle_close(event);
}

static void spin_then_wait(uintptr_t unused1, uintptr_t unused2) {
    (void)unused1;
    (void)unused2;
    for (int i = 0; i < 100000; i++) atomic_fetch_add(&spins, 1);
    zx_nanosleep(ZX_TIME_INFINITE);
}

static void busy_with_syscalls(uintptr_t unused1, uintptr_t unused2) {
    (void)unused1;
    (void)unused2;
    for (;;) {
        atomic_fetch_add(&spins, 1);
        (void)zx_clock_get_monotonic();
    }
}

TEST(suspension_racing_kill_ends_every_thread) {
    for (int round = 0; round < 40; round++) {
        zx_handle_t thread = start_thread(round % 2 ? busy_with_syscalls : spin_then_wait, 0);
        ASSERT_TRUE(thread != ZX_HANDLE_INVALID);
        zx_handle_t token = ZX_HANDLE_INVALID;
        zx_status_t suspended = zx_task_suspend_token(thread, &token);
        EXPECT_TRUE(suspended == ZX_OK || suspended == ZX_ERR_BAD_STATE);
        if (round % 3 == 0) zx_object_wait_one(thread, ZX_THREAD_SUSPENDED, SECONDS(10), NULL);
        ASSERT_OK(zx_task_kill(thread));
        if (round % 4 == 0 && token != ZX_HANDLE_INVALID) {
            zx_handle_close(token);
            token = ZX_HANDLE_INVALID;
        }
        ASSERT_OK(wait_for(thread, ZX_THREAD_TERMINATED));
        if (token != ZX_HANDLE_INVALID) zx_handle_close(token);
        EXPECT_EQ(ZX_ERR_BAD_STATE, zx_task_suspend(thread));
        zx_handle_close(thread);
    }
}

static uint32_t thread_state(zx_handle_t thread) {
    zx_info_thread_t info;
    if (zx_object_get_info(thread, ZX_INFO_THREAD, &info, sizeof info, NULL, NULL) != ZX_OK) return 0xffffffff;
    return info.state;
}

// Polls ZX_INFO_THREAD until the thread is in |state| (10 s at most).
static int reaches_state(zx_handle_t thread, uint32_t state) {
    for (int i = 0; i < 10000; i++) {
        if (thread_state(thread) == state) return 1;
        zx_nanosleep(zx_deadline_after(ZX_MSEC(1)));
    }
    return 0;
}

static zx_handle_t blocker_object;
static zx_futex_t blocker_word;

static void block_in(uintptr_t kind, uintptr_t unused) {
    (void)unused;
    zx_port_packet_t packet;
    zx_wait_item_t item = {.handle = blocker_object, .waitfor = ZX_USER_SIGNAL_0};
    char byte = 0;
    zx_channel_call_args_t args = {.wr_bytes = "call", .wr_num_bytes = 4, .rd_bytes = &byte, .rd_num_bytes = 1};
    switch (kind) {
    case 0: zx_nanosleep(zx_deadline_after(ZX_SEC(30))); break;
    case 1: zx_futex_wait(&blocker_word, 0, zx_deadline_after(ZX_SEC(30))); break;
    case 2: zx_port_wait(blocker_object, zx_deadline_after(ZX_SEC(30)), &packet); break;
    case 3: zx_channel_call(blocker_object, 0, zx_deadline_after(ZX_SEC(30)), &args, NULL, NULL); break;
    case 4: zx_object_wait_one(blocker_object, ZX_USER_SIGNAL_0, zx_deadline_after(ZX_SEC(30)), NULL); break;
    default: zx_object_wait_many(&item, 1, zx_deadline_after(ZX_SEC(30))); break;
    }
}

TEST(zx_info_thread_says_what_a_thread_waits_in) {
    const uint32_t expected[] = {ZX_THREAD_STATE_BLOCKED_SLEEPING, ZX_THREAD_STATE_BLOCKED_FUTEX, ZX_THREAD_STATE_BLOCKED_PORT,
                                 ZX_THREAD_STATE_BLOCKED_CHANNEL, ZX_THREAD_STATE_BLOCKED_WAIT_ONE, ZX_THREAD_STATE_BLOCKED_WAIT_MANY};
    for (uintptr_t kind = 0; kind < 6; kind++) {
        zx_handle_t other = ZX_HANDLE_INVALID;
        if (kind == 2) ASSERT_OK(zx_port_create(0, &blocker_object));
        else if (kind == 3) ASSERT_OK(zx_channel_create(0, &blocker_object, &other));
        else ASSERT_OK(zx_event_create(0, &blocker_object));
        zx_handle_t thread = start_thread(block_in, kind);
        ASSERT_TRUE(thread != ZX_HANDLE_INVALID);
        EXPECT_TRUE(reaches_state(thread, expected[kind]));
        // Suspended while blocked: SUSPENDED; resumed: blocked again.
        zx_handle_t token;
        ASSERT_OK(zx_task_suspend_token(thread, &token));
        ASSERT_OK(wait_for(thread, ZX_THREAD_SUSPENDED));
        EXPECT_EQ(ZX_THREAD_STATE_SUSPENDED, thread_state(thread));
        zx_handle_close(token);
        EXPECT_TRUE(reaches_state(thread, expected[kind]));
        ASSERT_OK(zx_task_kill(thread));
        ASSERT_OK(wait_for(thread, ZX_THREAD_TERMINATED));
        EXPECT_EQ(ZX_THREAD_STATE_DEAD, thread_state(thread));
        zx_handle_close(thread);
        zx_handle_close(blocker_object);
        if (other != ZX_HANDLE_INVALID) zx_handle_close(other);
    }
}

static void suspend_race_wait(uintptr_t event, uintptr_t unused) {
    (void)unused;
    zx_object_wait_one((zx_handle_t)event, ZX_EVENT_SIGNALED, ZX_TIME_INFINITE, NULL);
}

// Suspensions and resumes racing with a thread's start and its way into a wait: the last suspension always shows
// (a resume followed by a new suspension between two checks of a parked thread once lost ZX_THREAD_SUSPENDED).
TEST(a_suspension_after_quick_suspend_resume_pairs_always_shows) {
    for (int round = 0; round < 100; round++) {
        zx_handle_t event, thread, token;
        ASSERT_OK(zx_event_create(0, &event));
        ASSERT_OK(zx_thread_create(zx_process_self(), "racer", 5, 0, &thread));
        ASSERT_OK(zx_thread_start(thread, (zx_vaddr_t)suspend_race_wait, 0, event, 0));
        for (int i = 0; i < 4; i++) {
            ASSERT_OK(zx_task_suspend_token(thread, &token));
            zx_handle_close(token);
        }
        ASSERT_OK(zx_task_suspend_token(thread, &token));
        ASSERT_OK(zx_object_wait_one(thread, ZX_THREAD_SUSPENDED, zx_deadline_after(ZX_SEC(10)), NULL));
        zx_handle_close(token);
        ASSERT_OK(zx_object_signal(event, 0, ZX_EVENT_SIGNALED));
        ASSERT_OK(zx_object_wait_one(thread, ZX_THREAD_TERMINATED, zx_deadline_after(ZX_SEC(10)), NULL));
        zx_handle_close(thread);
        zx_handle_close(event);
    }
}
