// The C ABI measured from C (issue 21): what a program linked against libzircon.so (or opening it with dlopen) pays
// for zx_handle_duplicate + zx_handle_close of a VMO handle, beside two floors measured in the same run: a call into
// a shared-library function that does nothing (libzxnoop.so), and a generation-checked handle table in C doing
// duplicate + close with two atomic operations. Prints one line per figure: NAME NANOSECONDS (per pair of calls).
//   cabi_bench [ITERATIONS [ROUNDS [CPU]]]   (defaults 2000000 and 7; the figure is the median round; with CPU, the
//   measuring thread runs on that CPU only, as the managed figure it is compared with does)
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zircon/syscalls.h>

int zxnoop_call(uint32_t handle, uint32_t rights, uint32_t* out);

static long iterations = 2000000;
static int rounds = 7;

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static int compare(const void* a, const void* b) {
    double x = *(const double*)a, y = *(const double*)b;
    return x < y ? -1 : x > y;
}

// The median over the rounds of one round's nanoseconds per iteration.
static double median(double* samples) {
    qsort(samples, rounds, sizeof samples[0], compare);
    return samples[rounds / 2];
}

#define MEASURE(name, body)                                          \
    do {                                                             \
        double samples_[64];                                         \
        for (int r_ = 0; r_ < rounds; r_++) {                        \
            double start_ = now_ns();                                \
            for (long i_ = 0; i_ < iterations; i_++) { body; }       \
            samples_[r_] = (now_ns() - start_) / iterations;         \
        }                                                            \
        printf("%s %.2f\n", name, median(samples_));                 \
        fflush(stdout);                                              \
    } while (0)

// The C table floor: slots with a generation each; duplicate takes a free slot with one compare-and-swap and
// publishes it, close frees it with one exchange, as a lock-free handle table does.
#define SLOTS 4096
static _Atomic uint64_t slots[SLOTS];  // generation << 32 | (in use ? 1 : 0)
static uint32_t next_free;

static uint32_t table_duplicate(uint32_t handle) {
    uint32_t index = (next_free++) & (SLOTS - 1);
    uint64_t seen = atomic_load_explicit(&slots[index], memory_order_relaxed);
    uint64_t taken = ((seen >> 32) + 1) << 32 | 1;
    if (!atomic_compare_exchange_strong(&slots[index], &seen, taken)) return 0;
    return (uint32_t)(index << 8 | ((taken >> 32) & 0xff)) ^ handle ^ handle;
}

static int table_close(uint32_t handle) {
    uint32_t index = handle >> 8;
    uint64_t old = atomic_exchange(&slots[index & (SLOTS - 1)], atomic_load_explicit(&slots[index & (SLOTS - 1)], memory_order_relaxed) & ~1ull);
    return (old & 1) ? 0 : -1;
}

int main(int argc, char** argv) {
    if (argc > 1) iterations = atol(argv[1]);
    if (argc > 2) rounds = atoi(argv[2]);
    int cpu = argc > 3 ? atoi(argv[3]) : -1;
    if (iterations < 1 || rounds < 1 || rounds > 64 || cpu >= CPU_SETSIZE) {
        fprintf(stderr, "usage: cabi_bench [ITERATIONS [ROUNDS [CPU]]]\n");
        return 2;
    }
    if (cpu >= 0) {
        cpu_set_t only;
        CPU_ZERO(&only);
        CPU_SET(cpu, &only);
        if (sched_setaffinity(0, sizeof only, &only) != 0) {
            perror("cabi_bench: sched_setaffinity");
            return 2;
        }
    }
    zx_handle_t vmo;
    if (zx_vmo_create(4096, 0, &vmo) != ZX_OK) {
        fprintf(stderr, "cabi_bench: zx_vmo_create failed\n");
        return 1;
    }
    void* noop_lib = dlopen("libzxnoop.so", RTLD_NOW);
    void* zircon_lib = dlopen("libzircon.so.0", RTLD_NOW);
    if (!noop_lib || !zircon_lib) {
        fprintf(stderr, "cabi_bench: dlopen: %s\n", dlerror());
        return 1;
    }
    int (*noop_ptr)(uint32_t, uint32_t, uint32_t*) = (int (*)(uint32_t, uint32_t, uint32_t*))dlsym(noop_lib, "zxnoop_call");
    zx_status_t (*duplicate_ptr)(zx_handle_t, zx_rights_t, zx_handle_t*) =
        (zx_status_t (*)(zx_handle_t, zx_rights_t, zx_handle_t*))dlsym(zircon_lib, "zx_handle_duplicate");
    zx_status_t (*close_ptr)(zx_handle_t) = (zx_status_t (*)(zx_handle_t))dlsym(zircon_lib, "zx_handle_close");
    if (!noop_ptr || !duplicate_ptr || !close_ptr) {
        fprintf(stderr, "cabi_bench: dlsym failed\n");
        return 1;
    }
    volatile uint32_t sink = 0;
    uint32_t out = 0;
    // Two calls per iteration everywhere, so each figure is per duplicate + close pair.
    MEASURE("floor.noop.linked", { zxnoop_call(vmo, 1, &out); zxnoop_call(out, 1, &out); sink = out; });
    MEASURE("floor.noop.dlopen", { noop_ptr(vmo, 1, &out); noop_ptr(out, 1, &out); sink = out; });
    MEASURE("floor.table", { uint32_t h = table_duplicate(vmo); table_close(h); sink = h; });
    MEASURE("zx.pair.linked", {
        zx_handle_t copy;
        if (zx_handle_duplicate(vmo, ZX_RIGHT_SAME_RIGHTS, &copy) != ZX_OK || zx_handle_close(copy) != ZX_OK) return 1;
    });
    MEASURE("zx.pair.dlopen", {
        zx_handle_t copy;
        if (duplicate_ptr(vmo, ZX_RIGHT_SAME_RIGHTS, &copy) != ZX_OK || close_ptr(copy) != ZX_OK) return 1;
    });
    (void)sink;
    zx_handle_close(vmo);
    return 0;
}
