// The fault path of libzircon.so. A SIGSEGV or SIGBUS of user code (a thread outside any syscall) on an address in a
// Zx process's window reaches zxfault_on_fault through the handler of user_copy_handler.c, and so does any fault of a
// thread Zx started in a process other than the program's own (a NULL or wild pointer there is that process's fault,
// not the host's). The faulting thread then
// runs the kernel itself, in managed code: zxabi_page_fault finds the mapping, commits and maps the page (and the
// instruction is retried), or raises the thread's exception and waits there for an exception port's answer.
//
// Running the kernel on the faulting thread costs no thread switch, and is safe because user code runs outside the
// .NET runtime (a syscall's way back to user code leaves managed code), so the runtime may stop and collect while the
// fault waits. The handler may be on an alternate signal stack, too small for managed code: the kernel then runs on
// the thread's own stack, below the interrupted frame and its red zone. What the interrupted code held (a lock of the
// C library) stays held while the kernel runs; the kernel takes no lock of the C library on this path except through
// the allocator, which has per-thread arenas (docs/faults.md says what is supported).

#define _GNU_SOURCE
#include <errno.h>
#include <execinfo.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <ucontext.h>
#include "zxshim.h"

// What the kernel is told about a fault (FaultRecord in FaultPath.cs).
#define ZXFAULT_MAX_FRAMES 32
struct zxfault_record {
    uint64_t address;
    uint64_t error_code;   // the processor's page-fault error code (bit 1: write, bit 4: instruction fetch)
    uint32_t signal;
    int32_t code;          // si_code
    uint32_t regs_written; // the kernel changed regs: the thread goes on with them
    uint32_t frame_count;
    uint32_t resolution_tried; // set for the second call: the page fault failed, raise the exception
    uint32_t reserved;
    uint64_t regs[ZXSHIM_GENERAL_REGS];
    uint64_t frames[ZXFAULT_MAX_FRAMES]; // return addresses of the faulting thread, innermost first
};

// zxabi_page_fault's answers.
#define ZXFAULT_RETRY 0 // the page is mapped, or an exception port resumed the thread: retry the instruction
#define ZXFAULT_LEAVE 1 // the thread was killed (its process died of the fault, or zx_task_kill): it leaves
#define ZXFAULT_CRASH 2 // the program's own process died of the fault: the host sees the fault, as without Zx
#define ZXFAULT_EXCEPTION 3 // the page fault failed: call again with a backtrace to raise the exception

// Implemented in C# (FaultPath.cs).
extern int zxabi_page_fault(struct zxfault_record* record);

extern void zxhost_set_fault_hook(int (*hook)(int, siginfo_t*, ucontext_t*, int));

void zxshim_general_regs_from(const ucontext_t* context, uint64_t regs[ZXSHIM_GENERAL_REGS]);
void zxshim_general_regs_to(ucontext_t* context, const uint64_t regs[ZXSHIM_GENERAL_REGS]);
void zxshim_park_in_user_context(ucontext_t* context);

// Calls fn(arg) with the stack pointer at stack_top (16-byte aligned); returns fn's result.
int zxfault_call_on_stack(void* stack_top, int (*fn)(void*), void* arg);
__asm__(".text\n"
        ".globl zxfault_call_on_stack\n"
        ".hidden zxfault_call_on_stack\n"
        ".type zxfault_call_on_stack, @function\n"
        "zxfault_call_on_stack:\n"
        "    push %rbp\n"
        "    mov %rsp, %rbp\n"
        "    mov %rdi, %rsp\n"
        "    mov %rdx, %rdi\n"
        "    call *%rsi\n"
        "    mov %rbp, %rsp\n"
        "    pop %rbp\n"
        "    ret\n"
        ".size zxfault_call_on_stack, . - zxfault_call_on_stack\n");

static int zxfault_enter_kernel(void* record) {
    return zxabi_page_fault((struct zxfault_record*)record);
}

// Set while zxfault_backtrace runs the unwinder: a fault inside it (a corrupt stack) jumps back out.
static __thread int zxfault_unwinding __attribute__((tls_model("initial-exec")));
static __thread sigjmp_buf* zxfault_unwind_exit __attribute__((tls_model("initial-exec")));

extern int zxhost_read64(const uint64_t* source, uint64_t* value); // 0, or 1 when the address faulted

// The faulting instruction first, then the return addresses that led to it. When the instruction's own page cannot be
// read (a jump through a wild pointer), the unwinder has nothing to start from: the return address at the top of the
// stack (where the bad call left it) is the only caller named. Otherwise the C library's unwinder walks the frames,
// from the handler through the signal frame; a fault it takes on a corrupt stack ends the walk, keeping the frames so
// far. The reads are made with the fault-safe copy routines.
static void zxfault_backtrace(struct zxfault_record* record) {
    uint64_t pc = record->regs[16], word;
    record->frames[0] = pc;
    record->frame_count = 1;
    if (zxhost_read64((const uint64_t*)(uintptr_t)(pc & ~7ull), &word) != 0) {
        if (zxhost_read64((const uint64_t*)(uintptr_t)record->regs[7], &word) == 0)
            record->frames[record->frame_count++] = word;
        return;
    }
    void* frames[ZXFAULT_MAX_FRAMES];
    volatile int depth = 0;
    sigjmp_buf exit_point;
    if (sigsetjmp(exit_point, 1) == 0) {
        zxfault_unwind_exit = &exit_point;
        zxfault_unwinding = 1; // a fault in the unwinder comes back to the handler (the faults are unblocked)
        depth = backtrace(frames, ZXFAULT_MAX_FRAMES);
    }
    zxfault_unwinding = 0;
    int start = 0;
    for (int i = 0; i < depth; i++) {
        if ((uint64_t)(uintptr_t)frames[i] == pc) {
            start = i + 1; // the frames above the faulting instruction's own
            break;
        }
    }
    for (int i = start; start > 0 && i < depth && record->frame_count < ZXFAULT_MAX_FRAMES; i++)
        record->frames[record->frame_count++] = (uint64_t)(uintptr_t)frames[i];
}

static int zxfault_on_fault(int signal_number, siginfo_t* info, ucontext_t* context, int in_reservation) {
    if (zxfault_unwinding) {
        zxfault_unwinding = 0;
        siglongjmp(*zxfault_unwind_exit, 1); // the unwinder faulted: the backtrace ends there
    }
    if (zxshim_park.in_kernel != 0)
        return 0; // the kernel's own code: only its copy routines may fault, and they were handled before
    if (!in_reservation && !zxshim_in_other_process)
        return 0; // the program's own thread, outside every Zx window: the host's fault, unchanged
    int saved_errno = errno;
    struct zxfault_record record;
    memset(&record, 0, sizeof record);
    record.address = (uint64_t)(uintptr_t)info->si_addr;
    record.error_code = (uint64_t)context->uc_mcontext.gregs[REG_ERR];
    record.signal = (uint32_t)signal_number;
    record.code = info->si_code;
    zxshim_general_regs_from(context, record.regs);

    zxshim_park.in_kernel++; // the kernel runs: the park signal leaves this thread to it
    // On an alternate signal stack (this frame is not just below the interrupted one), the kernel runs on the
    // thread's own stack, past the red zone: no syscall needed to tell.
    void* own_stack = NULL;
    uintptr_t interrupted = (uintptr_t)context->uc_mcontext.gregs[REG_RSP], here = (uintptr_t)__builtin_frame_address(0);
    if (here > interrupted || interrupted - here > 256 * 1024)
        own_stack = (void*)((interrupted - 512) & ~(uintptr_t)15);
    // First the page fault alone: most faults end there, and need no backtrace.
    int action = own_stack ? zxfault_call_on_stack(own_stack, zxfault_enter_kernel, &record) : zxfault_enter_kernel(&record);
    if (action == ZXFAULT_EXCEPTION) {
        // An exception: faults may come again while it is handled (the backtrace's fault-safe reads, the unwinder,
        // a handler's long wait), and must reach the handler, not kill the host; returning restores the frame's mask.
        sigset_t faults;
        sigemptyset(&faults);
        sigaddset(&faults, SIGSEGV);
        sigaddset(&faults, SIGBUS);
        pthread_sigmask(SIG_UNBLOCK, &faults, NULL);
        zxfault_backtrace(&record);
        record.resolution_tried = 1;
        action = own_stack ? zxfault_call_on_stack(own_stack, zxfault_enter_kernel, &record) : zxfault_enter_kernel(&record);
    }
    zxshim_park.in_kernel--;

    if (action == ZXFAULT_CRASH) {
        errno = saved_errno;
        return 0;
    }
    if (action == ZXFAULT_LEAVE || zxshim_killed) {
        // Out of the handler for good: take faults again, then jump back out of its entry.
        sigset_t faults;
        sigemptyset(&faults);
        sigaddset(&faults, SIGSEGV);
        sigaddset(&faults, SIGBUS);
        pthread_sigmask(SIG_UNBLOCK, &faults, NULL);
        zxshim_leave_killed();
    }
    if (record.regs_written)
        zxshim_general_regs_to(context, record.regs);
    if (__atomic_load_n(&zxshim_park.requested, __ATOMIC_SEQ_CST) != 0)
        zxshim_park_in_user_context(context); // a suspension asked for meanwhile stops the thread here
    errno = saved_errno;
    return 1;
}

// Sets the hook (once the kernel is up). backtrace() is called once first: its first call loads the unwinder,
// which must not happen inside a signal handler.
void zxfault_install(void) {
    void* warm[2];
    (void)backtrace(warm, 2);
    zxhost_set_fault_hook(zxfault_on_fault);
}
