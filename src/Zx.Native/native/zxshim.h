// Shared by the C part of libzircon.so: the killed-thread flag and the park block every exported syscall checks.
#pragma once

#include <stdint.h>

#define ZXSHIM_EXPORT __attribute__((visibility("default")))

// Set (to 1) when the calling thread has been killed: by zx_task_kill of the thread, of its process or of a job above
// it. Initial-exec TLS: one load from the thread pointer, no call.
extern __thread int zxshim_killed __attribute__((tls_model("initial-exec")));

// Leaves the calling thread for good: a thread Zx started jumps back out of its entry function (as zx_thread_exit);
// any other thread (the program's own, whose process was killed) ends the host program.
_Noreturn void zxshim_leave_killed(void);

// Where a thread stands with suspension (native/suspend.c). The kernel keeps each thread's block's address and
// reads and writes it (its layout is ParkBlock in ThreadParking.cs).
#define ZXSHIM_GENERAL_REGS 18
#define ZXSHIM_PARKED_IN_USER_CODE 1u
#define ZXSHIM_PARKED_IN_SYSCALL 2u
struct zxshim_park {
    uint32_t requested;    // 1 while the kernel wants the thread stopped (a futex word)
    uint32_t parked;       // 0 running, or where it stopped (ZXSHIM_PARKED_*)
    uint32_t in_kernel;    // syscalls the thread is inside: the signal's handler leaves those to the kernel
    uint32_t regs_written; // the kernel changed regs while the thread was parked in user code
    uint64_t regs[ZXSHIM_GENERAL_REGS]; // zx_thread_state_general_regs_t of the stopped thread
    void* caller;          // where user code called the outermost syscall in progress (the tracer's creation sites)
};
extern __thread struct zxshim_park zxshim_park __attribute__((tls_model("initial-exec")));

// Parks the calling thread before a syscall returns to it (native/suspend.c).
void zxshim_park_at_syscall_exit(void* return_address, void* caller_stack);

// On the way out of every syscall: a killed thread leaves, a thread the kernel wants stopped parks first. The checks
// are made by the outermost syscall only (a composite one calls others).
#define ZXSHIM_CHECK_KILLED()                                                                                   \
    do {                                                                                                        \
        if (--zxshim_park.in_kernel == 0 &&                                                                     \
            __builtin_expect(zxshim_killed | __atomic_load_n(&zxshim_park.requested, __ATOMIC_RELAXED), 0)) {  \
            if (!zxshim_killed)                                                                                 \
                zxshim_park_at_syscall_exit(__builtin_return_address(0), (char*)__builtin_frame_address(0) + 16); \
            if (zxshim_killed)                                                                                  \
                zxshim_leave_killed();                                                                          \
        }                                                                                                       \
    } while (0)

// Set (to 1) once the calling host thread is a Zircon thread: started by Zx, or adopted into the first process.
extern __thread int zxshim_adopted __attribute__((tls_model("initial-exec")));

// Set (to 1) while the calling host thread runs a thread of a process other than the first (the program's own): any
// fault of its user code is then its process's exception (native/fault.c).
extern __thread int zxshim_in_other_process __attribute__((tls_model("initial-exec")));

// Makes the calling host thread a thread of the first process (native/threads.c).
void zxshim_adopt(void);

// On entry to every syscall: a host thread's first call adopts it, then a killed thread leaves; from here to
// ZXSHIM_CHECK_KILLED the thread counts as inside a syscall.
#define ZXSHIM_ENTER()                                \
    do {                                              \
        if (__builtin_expect(!zxshim_adopted, 0))     \
            zxshim_adopt();                           \
        if (__builtin_expect(zxshim_killed, 0))       \
            zxshim_leave_killed();                    \
        if (zxshim_park.in_kernel++ == 0)             \
            zxshim_park.caller = __builtin_return_address(0); \
    } while (0)
