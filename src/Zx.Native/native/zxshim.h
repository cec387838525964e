// Shared by the C part of libzircon.so: the killed-thread flag every exported syscall checks.
#pragma once

#define ZXSHIM_EXPORT __attribute__((visibility("default")))

// Set (to 1) when the calling thread has been killed: by zx_task_kill of the thread, of its process or of a job above
// it. Initial-exec TLS: one load from the thread pointer, no call.
extern __thread int zxshim_killed __attribute__((tls_model("initial-exec")));

// Leaves the calling thread for good: a thread Zx started jumps back out of its entry function (as zx_thread_exit);
// any other thread (the program's own, whose process was killed) ends the host program.
_Noreturn void zxshim_leave_killed(void);

// A killed thread makes no syscall and never returns from one.
#define ZXSHIM_CHECK_KILLED()                         \
    do {                                              \
        if (__builtin_expect(zxshim_killed, 0))       \
            zxshim_leave_killed();                    \
    } while (0)

// Set (to 1) once the calling host thread is a Zircon thread: started by Zx, or adopted into the first process.
extern __thread int zxshim_adopted __attribute__((tls_model("initial-exec")));

// Makes the calling host thread a thread of the first process (native/threads.c).
void zxshim_adopt(void);

// On entry to every syscall: a host thread's first call adopts it, then a killed thread leaves.
#define ZXSHIM_ENTER()                                \
    do {                                              \
        if (__builtin_expect(!zxshim_adopted, 0))     \
            zxshim_adopt();                           \
        ZXSHIM_CHECK_KILLED();                        \
    } while (0)
