// The part of libzircon.so that must be C: leaving a thread from inside its entry function, and a hook at exit.
//
// A thread started with zx_thread_start or zx_process_start runs its C entry through zxshim_run_entry, which
// records a return point first. zx_thread_exit and zx_process_exit jump back to it; the jump crosses only the
// entry's own C frames, never a .NET frame, and the managed thread then ends the Zx thread as if the entry had
// returned. On a thread that Zx did not start (the program's own threads), there is nothing to return to:
// zx_process_exit ends the host program with the return code, and zx_thread_exit ends it with 0.

#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "zxshim.h"

typedef void (*zxshim_entry_t)(uintptr_t arg1, uintptr_t arg2);

// Implemented in C# (Exports.cs): kills the calling thread's process with this return code.
extern void zxshim_process_exiting(int64_t retcode);

static __thread jmp_buf* zxshim_return_point;

void zxshim_run_entry(uintptr_t entry, uintptr_t arg1, uintptr_t arg2) {
    jmp_buf here;
    jmp_buf* outer = zxshim_return_point;
    if (setjmp(here) == 0) {
        zxshim_return_point = &here;
        zxshim_park.in_kernel = 0; // user code from here: the park signal may stop it anywhere
        ((zxshim_entry_t)entry)(arg1, arg2);
    }
    zxshim_park.in_kernel = 1; // back in the kernel's code, which only parks where it chooses
    zxshim_return_point = outer;
}

static _Noreturn void zxshim_leave(int host_status) {
    jmp_buf* target = zxshim_return_point;
    if (target != NULL)
        longjmp(*target, 1);
    exit(host_status);
}

__thread int zxshim_killed __attribute__((tls_model("initial-exec")));

// The address of the calling thread's killed flag, cleared: the kernel keeps it while a Zx thread runs on this host
// thread and writes 1 there to kill it.
int* zxshim_kill_flag(void) {
    zxshim_killed = 0;
    zxshim_adopted = 1; // a thread Zx started is a Zircon thread already
    return &zxshim_killed;
}

// Marks the calling thread killed (its process died while it was in a syscall).
void zxshim_mark_killed(void) {
    zxshim_killed = 1;
}

_Noreturn void zxshim_leave_killed(void) {
    if (zxshim_return_point == NULL) {
        // The program's own thread, in the process that was killed: the program ends, as a killed process does.
        fputs("libzircon: the calling process was killed (zx_task_kill); ending the program\n", stderr);
        exit(1);
    }
    zxshim_leave(0);
}

__attribute__((visibility("default"))) _Noreturn void zx_thread_exit(void) {
    zxshim_leave(0);
}

__attribute__((visibility("default"))) _Noreturn void zx_process_exit(int64_t retcode) {
    zxshim_process_exiting(retcode);
    zxshim_leave((int)retcode);
}

// The trace and the report are written when the program ends: a C exit hook calls back into the library.
extern void zxshim_at_exit(void);

static void zxshim_on_exit(void) {
    zxshim_at_exit();
}

void zxshim_register_exit_hook(void) {
    atexit(zxshim_on_exit);
}
