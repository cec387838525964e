// The fault handler behind user_copy.S. It owns only the faults of the routines' "_fault" instructions: when one of
// them faults on an address the code under test gave (unmapped, non-canonical, read-only, released by
// zx_vmar_unmap, an unbacked bus address), execution resumes at that routine's "_fixup" label, which returns a
// failure. Every other SIGSEGV or SIGBUS goes to the handler that was installed before (the .NET runtime's, which
// in turn chains to the program's), exactly as if this one were not there.
//
// The handler runs no managed code, allocates nothing and touches only the signal's context.

#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

#if !defined(__x86_64__)
#error "user_copy_handler.c is written for x86-64"
#endif

#define ROUTINE(name) extern const char name##_fault[], name##_fixup[];
ROUTINE(zxhost_copy)
ROUTINE(zxhost_zero)
ROUTINE(zxhost_write64)
ROUTINE(zxhost_write32)
ROUTINE(zxhost_read64)
ROUTINE(zxhost_read32)
#undef ROUTINE

struct zxhost_fixup {
    uintptr_t fault;
    uintptr_t fixup;
};

#define ENTRY(name) { (uintptr_t)name##_fault, (uintptr_t)name##_fixup }
static const struct zxhost_fixup zxhost_fixups[] = {
    ENTRY(zxhost_copy), ENTRY(zxhost_zero), ENTRY(zxhost_write64), ENTRY(zxhost_write32), ENTRY(zxhost_read64), ENTRY(zxhost_read32),
};
#undef ENTRY

// The signals the handler takes: the two a bad access raises, and (for the fault path's hook, which makes them the
// exceptions of a thread of another Zx process) an undefined instruction, an arithmetic fault and a breakpoint.
static const int zxhost_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP};
#define ZXHOST_SIGNALS (sizeof zxhost_signals / sizeof zxhost_signals[0])
static struct sigaction zxhost_previous[ZXHOST_SIGNALS];

static struct sigaction* zxhost_previous_for(int signal_number) {
    for (size_t i = 0; i < ZXHOST_SIGNALS; i++)
        if (zxhost_signals[i] == signal_number) return &zxhost_previous[i];
    return &zxhost_previous[0];
}
static uint64_t zxhost_faults_recovered;

// Where a fatal fault is described for the zx tool (-1: nowhere). Set once, before any fault can be reported.
static volatile int zxhost_crash_fd = -1;

// Appends "0x" and the hex digits of value to buffer; returns the new end. Async-signal-safe.
static char* zxhost_put_hex(char* out, uint64_t value) {
    *out++ = '0';
    *out++ = 'x';
    int shift = 60;
    while (shift > 0 && ((value >> shift) & 0xf) == 0) shift -= 4;
    for (; shift >= 0; shift -= 4) *out++ = "0123456789abcdef"[(value >> shift) & 0xf];
    return out;
}

static char* zxhost_put_text(char* out, const char* text) {
    while (*text) *out++ = *text++;
    return out;
}

// Writes one line describing a fault the process is about to die of: signal, si_code, address, instruction.
static void zxhost_report_fatal(int signal_number, siginfo_t* info, void* context) {
    int fd = zxhost_crash_fd;
    if (fd < 0 || info == NULL || info->si_code <= 0)
        return;
    char line[160];
    char* p = zxhost_put_text(line, "zx-fault signal=");
    p = zxhost_put_hex(p, (uint64_t)signal_number);
    p = zxhost_put_text(p, " code=");
    p = zxhost_put_hex(p, (uint64_t)info->si_code);
    p = zxhost_put_text(p, " addr=");
    p = zxhost_put_hex(p, (uint64_t)(uintptr_t)info->si_addr);
    if (context != NULL) {
        p = zxhost_put_text(p, " ip=");
        p = zxhost_put_hex(p, (uint64_t)((ucontext_t*)context)->uc_mcontext.gregs[REG_RIP]);
    }
    *p++ = '\n';
    ssize_t ignored = write(fd, line, (size_t)(p - line));
    (void)ignored;
}

// True when the signal's disposition is back to the default: whoever handled it last gave up, and the process dies
// once the handler returns.
static int zxhost_is_default(int signal_number) {
    struct sigaction now;
    return sigaction(signal_number, NULL, &now) == 0 && !(now.sa_flags & SA_SIGINFO) && now.sa_handler == SIG_DFL;
}

// Hands a signal this handler does not own to the handler that was there before; when that one gives the signal back
// to its default action (the .NET runtime does so for a fault outside managed code), the fault is fatal and is
// reported first.
static void zxhost_chain(int signal_number, siginfo_t* info, void* context) {
    struct sigaction* previous = zxhost_previous_for(signal_number);
    if (previous->sa_flags & SA_SIGINFO) {
        previous->sa_sigaction(signal_number, info, context);
        if (zxhost_is_default(signal_number))
            zxhost_report_fatal(signal_number, info, context);
        return;
    }
    if (previous->sa_handler != SIG_DFL && previous->sa_handler != SIG_IGN) {
        previous->sa_handler(signal_number);
        if (zxhost_is_default(signal_number))
            zxhost_report_fatal(signal_number, info, context);
        return;
    }
    zxhost_report_fatal(signal_number, info, context);
    // The default action: restore it and let the signal take effect (a hardware fault re-executes the faulting
    // instruction on return; a sent signal is raised again and delivered once this handler returns).
    struct sigaction restore;
    memset(&restore, 0, sizeof restore);
    restore.sa_handler = SIG_DFL;
    sigaction(signal_number, &restore, NULL);
    if (info == NULL || info->si_code <= 0)
        raise(signal_number);
}

// Every Zx process's reserved window of host address space (Reservations.cs keeps the same list): a fault in one of
// them goes to the fault hook, when one is set; each slot is written with atomic stores, so the handler reads it
// without a lock (a slot being filled has start set before end, and a slot being emptied loses end first).
#define ZXHOST_MAX_RESERVATIONS 4096
static struct {
    uintptr_t start;
    uintptr_t end;
} zxhost_reservations[ZXHOST_MAX_RESERVATIONS];
static int zxhost_reservation_slots; // slots ever used (a high-water mark)
static pthread_mutex_t zxhost_reservation_lock = PTHREAD_MUTEX_INITIALIZER;

int zxhost_reservation_add(uintptr_t start, uintptr_t size) {
    pthread_mutex_lock(&zxhost_reservation_lock);
    int status = -1;
    for (int i = 0; i < ZXHOST_MAX_RESERVATIONS; i++) {
        if (__atomic_load_n(&zxhost_reservations[i].end, __ATOMIC_RELAXED) == 0 &&
            __atomic_load_n(&zxhost_reservations[i].start, __ATOMIC_RELAXED) == 0) {
            __atomic_store_n(&zxhost_reservations[i].start, start, __ATOMIC_RELEASE);
            __atomic_store_n(&zxhost_reservations[i].end, start + size, __ATOMIC_RELEASE);
            if (i >= zxhost_reservation_slots)
                __atomic_store_n(&zxhost_reservation_slots, i + 1, __ATOMIC_RELEASE);
            status = 0;
            break;
        }
    }
    pthread_mutex_unlock(&zxhost_reservation_lock);
    return status;
}

void zxhost_reservation_remove(uintptr_t start) {
    pthread_mutex_lock(&zxhost_reservation_lock);
    for (int i = 0; i < zxhost_reservation_slots; i++) {
        if (__atomic_load_n(&zxhost_reservations[i].start, __ATOMIC_RELAXED) == start) {
            __atomic_store_n(&zxhost_reservations[i].end, 0, __ATOMIC_RELEASE);
            __atomic_store_n(&zxhost_reservations[i].start, 0, __ATOMIC_RELEASE);
            break;
        }
    }
    pthread_mutex_unlock(&zxhost_reservation_lock);
}

// True when address lies in a Zx process's window. Async-signal-safe.
int zxhost_in_reservation(uintptr_t address) {
    int slots = __atomic_load_n(&zxhost_reservation_slots, __ATOMIC_ACQUIRE);
    for (int i = 0; i < slots; i++) {
        uintptr_t start = __atomic_load_n(&zxhost_reservations[i].start, __ATOMIC_ACQUIRE);
        uintptr_t end = __atomic_load_n(&zxhost_reservations[i].end, __ATOMIC_ACQUIRE);
        if (address >= start && address < end)
            return 1;
    }
    return 0;
}

// The fault path's hook (libzircon.so's native/fault.c sets it): given a fault that no copy routine owns, and whether
// its address lies in a Zx window, it resolves it (nonzero: retry the instruction) or gives it back (0: the fault goes
// on to the handler before, unchanged).
typedef int (*zxhost_fault_hook_t)(int signal_number, siginfo_t* info, ucontext_t* context, int in_reservation);
static zxhost_fault_hook_t zxhost_fault_hook;

void zxhost_set_fault_hook(zxhost_fault_hook_t hook) {
    __atomic_store_n(&zxhost_fault_hook, hook, __ATOMIC_RELEASE);
}

static void zxhost_on_fault(int signal_number, siginfo_t* info, void* context) {
    // Only a fault the processor raised (si_code > 0, which includes SI_KERNEL for a non-canonical address) can
    // belong to a copy routine; a signal sent with kill or tgkill never does.
    if (info != NULL && info->si_code > 0 && context != NULL) {
        ucontext_t* uc = (ucontext_t*)context;
        uintptr_t ip = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
        int bad_access = signal_number == SIGSEGV || signal_number == SIGBUS;
        for (size_t i = 0; bad_access && i < sizeof zxhost_fixups / sizeof zxhost_fixups[0]; i++) {
            if (zxhost_fixups[i].fault == ip) {
                uc->uc_mcontext.gregs[REG_RIP] = (greg_t)zxhost_fixups[i].fixup;
                __atomic_fetch_add(&zxhost_faults_recovered, 1, __ATOMIC_RELAXED);
                return;
            }
        }
        zxhost_fault_hook_t hook = __atomic_load_n(&zxhost_fault_hook, __ATOMIC_ACQUIRE);
        if (hook != NULL && hook(signal_number, info, uc, bad_access && zxhost_in_reservation((uintptr_t)info->si_addr)))
            return;
    }
    zxhost_chain(signal_number, info, context);
}

static int zxhost_install_status = -1;

static void zxhost_install_once(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = zxhost_on_fault;
    // SA_ONSTACK keeps the runtime's alternate signal stack in use, so its stack-overflow report still works.
    action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART;
    sigemptyset(&action.sa_mask);
    for (size_t i = 0; i < ZXHOST_SIGNALS; i++) {
        // Only a bad access may be a stack overflow, which needs the alternate stack; the others run where they were
        // raised, as the runtime's own handlers (which this one chains to, on the same stack) expect.
        int on_stack = zxhost_signals[i] == SIGSEGV || zxhost_signals[i] == SIGBUS;
        action.sa_flags = SA_SIGINFO | SA_RESTART | (on_stack ? SA_ONSTACK : 0);
        if (sigaction(zxhost_signals[i], &action, &zxhost_previous[i]) != 0) {
            zxhost_install_status = errno;
            while (i-- > 0)
                sigaction(zxhost_signals[i], &zxhost_previous[i], NULL);
            return;
        }
    }
    zxhost_install_status = 0;
}

// Installs the handler once per process, after the .NET runtime has installed its own (it is called from managed
// code), so the runtime's handler becomes the one faults are chained to. Returns 0 or an errno value.
int zxhost_user_copy_install(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, zxhost_install_once);
    return zxhost_install_status;
}

// Makes a fatal fault write one line to fd (a file the zx tool reads after the program ended).
void zxhost_set_crash_report_fd(int fd) {
    zxhost_crash_fd = fd;
}

// How many faults of the copy routines the handler has recovered since the process started (for tests).
uint64_t zxhost_user_copy_faults(void) {
    return __atomic_load_n(&zxhost_faults_recovered, __ATOMIC_RELAXED);
}
