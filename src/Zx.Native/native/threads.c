// Host threads as Zircon threads. Every host thread that calls into libzircon.so is a Zircon thread: one Zx
// started (zx_thread_start) already is; any other (the program's main thread, its pthreads and C11 threads) is
// adopted into the first process on its first call. The kernel keeps the thread objects; this part tells it when
// an adopted host thread ends. That happens in the thread's teardown, too late to run managed code, so the
// destructor of a pthread key only queues the thread's token and wakes the kernel's reaper through an eventfd.

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <unistd.h>
#include "zxshim.h"

// Implemented in C# (Exports.cs): makes the calling host thread a thread of the first process.
extern void zxabi_adopt_thread(void);

__thread int zxshim_adopted __attribute__((tls_model("initial-exec")));
__thread int zxshim_in_other_process __attribute__((tls_model("initial-exec")));

// Says whether the calling host thread now runs a thread of a process other than the program's own.
void zxshim_set_other_process(int other) {
    zxshim_in_other_process = other;
}

struct zxshim_ended {
    struct zxshim_ended* next;
    uint64_t token;
};

static pthread_key_t zxshim_thread_key;
static pthread_once_t zxshim_thread_once = PTHREAD_ONCE_INIT;
static int zxshim_reaper_fd = -1;
static _Atomic(struct zxshim_ended*) zxshim_ended_head;
static struct zxshim_ended* zxshim_taken; // the reaper's own list (one reaper thread)

// A watched host thread is ending: queue its token and wake the reaper. Runs in the thread's teardown.
static void zxshim_thread_ended(void* token) {
    struct zxshim_ended* ended = malloc(sizeof *ended);
    if (ended == NULL)
        return; // without memory the thread object stays RUNNING; nothing else can be done here
    ended->token = (uint64_t)(uintptr_t)token;
    ended->next = atomic_load_explicit(&zxshim_ended_head, memory_order_relaxed);
    while (!atomic_compare_exchange_weak_explicit(&zxshim_ended_head, &ended->next, ended, memory_order_release,
                                                  memory_order_relaxed)) {
    }
    uint64_t one = 1;
    ssize_t written = write(zxshim_reaper_fd, &one, sizeof one);
    (void)written; // a full counter already wakes the reaper
}

static void zxshim_thread_init(void) {
    if (pthread_key_create(&zxshim_thread_key, zxshim_thread_ended) == 0)
        zxshim_reaper_fd = eventfd(0, EFD_CLOEXEC);
}

void zxshim_adopt(void) {
    zxshim_adopted = 1; // once per host thread, whatever happens next
    zxshim_park.in_kernel++; // the adoption runs kernel code: no parking in it
    zxabi_adopt_thread();
    zxshim_park.in_kernel--;
}

// The eventfd the reaper thread blocks on (made once), which also carries the park signal's news; -1 when the host
// cannot make one.
int zxshim_get_reaper_fd(void) {
    pthread_once(&zxshim_thread_once, zxshim_thread_init);
    return zxshim_reaper_fd;
}

// Watches the calling host thread: when it ends, |token| (nonzero) reaches zxshim_take_ended_thread. Returns the
// eventfd the reaper blocks on, or -1 when the host cannot watch threads.
int zxshim_watch_thread(uint64_t token) {
    pthread_once(&zxshim_thread_once, zxshim_thread_init);
    if (zxshim_reaper_fd < 0 || pthread_setspecific(zxshim_thread_key, (void*)(uintptr_t)token) != 0)
        return -1;
    return zxshim_reaper_fd;
}

// Blocks until a watched thread may have ended (the reaper thread only).
void zxshim_wait_for_ended_threads(void) {
    uint64_t count;
    while (read(zxshim_reaper_fd, &count, sizeof count) < 0) {
    }
}

// The token of a watched thread that ended, or 0 when none is queued (the reaper thread only).
uint64_t zxshim_take_ended_thread(void) {
    if (zxshim_taken == NULL)
        zxshim_taken = atomic_exchange_explicit(&zxshim_ended_head, NULL, memory_order_acquire);
    struct zxshim_ended* ended = zxshim_taken;
    if (ended == NULL)
        return 0;
    zxshim_taken = ended->next;
    uint64_t token = ended->token;
    free(ended);
    return token;
}

// The calling host thread's pthread identity (what thrd_current() and pthread_self() return).
uintptr_t zxshim_current_thrd(void) {
    return (uintptr_t)pthread_self();
}
