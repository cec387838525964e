// Suspending a thread wherever it is (zx_task_suspend_token). The kernel asks by setting the thread's `requested`
// word and sending it the park signal. A thread running user code stops in the signal's handler at once: its
// registers are saved from the signal frame (zx_thread_read_state reads them, zx_thread_write_state changes them),
// it tells the kernel through the reaper's eventfd (write is async-signal-safe; the handler never runs managed
// code), and it sleeps on the `requested` word until the kernel clears it. A thread inside a syscall is not touched
// by the handler: a blocking wait in the kernel parks in the kernel, and any other syscall parks on its way out
// (ZXSHIM_CHECK_KILLED), with the registers of its caller as the syscall saw them.

#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>
#include "zxshim.h"

__thread struct zxshim_park zxshim_park __attribute__((tls_model("initial-exec")));

static int zxshim_park_signal;
static int zxshim_park_notify_fd = -1;

// The order of zx_thread_state_general_regs_t (x86-64): rax rbx rcx rdx rsi rdi rbp rsp r8-r15 rip rflags.
static const int zxshim_greg_of[ZXSHIM_GENERAL_REGS] = {
    REG_RAX, REG_RBX, REG_RCX, REG_RDX, REG_RSI, REG_RDI, REG_RBP, REG_RSP, REG_R8, REG_R9,
    REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15, REG_RIP, REG_EFL,
};

static void zxshim_park_notify(void) {
    uint64_t one = 1;
    ssize_t written = write(zxshim_park_notify_fd, &one, sizeof one);
    (void)written; // a full counter already wakes the reader
}

// Sleeps until the kernel clears `requested`; `how` says where the registers come from.
static void zxshim_park_until_resumed(struct zxshim_park* self, uint32_t how) {
    __atomic_store_n(&self->parked, how, __ATOMIC_SEQ_CST);
    zxshim_park_notify();
    while (__atomic_load_n(&self->requested, __ATOMIC_SEQ_CST) != 0) {
        syscall(SYS_futex, &self->requested, FUTEX_WAIT_PRIVATE, 1, NULL, NULL, 0);
        // Woken by a resume that a new suspension already followed (or spuriously): the kernel may have heard of
        // this park before the new suspension and found nothing to mark, so it hears again.
        if (__atomic_load_n(&self->requested, __ATOMIC_SEQ_CST) != 0)
            zxshim_park_notify();
    }
    __atomic_store_n(&self->parked, 0, __ATOMIC_SEQ_CST);
}

// Copies a signal frame's general registers out in zx_thread_state_general_regs_t order, and back.
void zxshim_general_regs_from(const ucontext_t* context, uint64_t regs[ZXSHIM_GENERAL_REGS]) {
    for (int i = 0; i < ZXSHIM_GENERAL_REGS; i++)
        regs[i] = (uint64_t)context->uc_mcontext.gregs[zxshim_greg_of[i]];
}

void zxshim_general_regs_to(ucontext_t* context, const uint64_t regs[ZXSHIM_GENERAL_REGS]) {
    for (int i = 0; i < ZXSHIM_GENERAL_REGS; i++)
        context->uc_mcontext.gregs[zxshim_greg_of[i]] = (greg_t)regs[i];
}

// Parks a thread stopped in user code at the signal frame |context| (the park signal's handler, and the fault path
// when a suspension came while it ran the kernel), then goes on with the registers the kernel may have written.
void zxshim_park_in_user_context(ucontext_t* context) {
    struct zxshim_park* self = &zxshim_park;
    zxshim_general_regs_from(context, self->regs);
    self->regs_written = 0;
    zxshim_park_until_resumed(self, ZXSHIM_PARKED_IN_USER_CODE);
    if (self->regs_written) {
        zxshim_general_regs_to(context, self->regs);
        self->regs_written = 0;
    }
}

static void zxshim_on_park_signal(int signal_number, siginfo_t* info, void* context) {
    (void)signal_number;
    (void)info;
    struct zxshim_park* self = &zxshim_park;
    if (self->in_kernel != 0 || __atomic_load_n(&self->requested, __ATOMIC_SEQ_CST) == 0)
        return; // in a syscall (it parks in the kernel or on its way out), or already resumed
    int saved_errno = errno;
    zxshim_park_in_user_context((ucontext_t*)context);
    errno = saved_errno;
}

// Installs the park signal's handler (once) and learns where to tell the kernel; the signal number, or -1.
int zxshim_park_install(int notify_fd) {
    if (zxshim_park_signal != 0)
        return zxshim_park_signal;
    zxshim_park_notify_fd = notify_fd;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = zxshim_on_park_signal;
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&action.sa_mask);
    int signal_number = SIGRTMIN + 6; // glibc keeps the first two real-time signals; .NET uses SIGRTMIN
    if (sigaction(signal_number, &action, NULL) != 0)
        return -1;
    zxshim_park_signal = signal_number;
    return signal_number;
}

// The calling thread's park block, reset (the kernel keeps its address while the thread runs). The thread is in the
// kernel's code when it registers, so it counts as inside a syscall until its entry runs (zxshim_run_entry).
struct zxshim_park* zxshim_park_block(void) {
    memset(&zxshim_park, 0, sizeof zxshim_park);
    zxshim_park.in_kernel = 1;
    return &zxshim_park;
}

// Sends the park signal to host thread |tid| of this process; 0, or -1 when it has ended.
int zxshim_park_interrupt(int tid) {
    return (int)syscall(SYS_tgkill, getpid(), tid, zxshim_park_signal);
}

// Wakes a thread parked on its block once the kernel cleared `requested`.
void zxshim_park_wake(struct zxshim_park* block) {
    syscall(SYS_futex, &block->requested, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

// A syscall is returning to a thread the kernel wants stopped: it stops here, before its caller sees the result,
// with the registers its caller had (the return address and stack pointer, the callee-saved registers now).
void zxshim_park_at_syscall_exit(void* return_address, void* caller_stack) {
    struct zxshim_park* self = &zxshim_park;
    ucontext_t now;
    if (getcontext(&now) == 0) {
        for (int i = 0; i < ZXSHIM_GENERAL_REGS; i++)
            self->regs[i] = (uint64_t)now.uc_mcontext.gregs[zxshim_greg_of[i]];
    }
    self->regs[16] = (uint64_t)(uintptr_t)return_address;
    self->regs[7] = (uint64_t)(uintptr_t)caller_stack;
    self->regs_written = 0;
    zxshim_park_until_resumed(self, ZXSHIM_PARKED_IN_SYSCALL); // takes no new registers (the kernel refuses them)
}

// Where user code called the outermost syscall the thread is in (the tracer names it as a handle's creation site).
void* zxshim_syscall_caller(void) {
    return zxshim_park.caller;
}
