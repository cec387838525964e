// A libFuzzer harness for libzircon.so: each input is decoded into up to 64 syscalls with arbitrary integers,
// handle values and lengths, in the spirit of syzkaller's programs. Pointer arguments are usually the harness's own
// buffers, and sometimes wild: NULL, 0x1, an unmapped low page, a non-canonical address, a PROT_NONE page, a
// read-only page, a range released by zx_vmar_unmap, or a buffer whose third byte is in a PROT_NONE page. The kernel must
// refuse them (ZX_ERR_INVALID_ARGS) without crashing, and a call whose out pointer was wild must never succeed (the
// harness traps if one does). Calls that would run code at an address from the input (thread and process start)
// or end the program are left out. Handles that a call consumes (close, replace, channel transfer) come only from the handles this input made,
// so the program's own root handles survive from one input to the next.
//
//   clang-14 -g -O1 -fsanitize=fuzzer -I include tests/fuzz/fuzz_syscalls.c \
//       -L artifacts/native -Wl,-rpath,$PWD/artifacts/native -lzircon -o artifacts/fuzz/fuzz_syscalls
//   artifacts/fuzz/fuzz_syscalls -max_total_time=600 artifacts/fuzz/corpus tests/fuzz/corpus
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <zircon/syscalls.h>
#include <zircon/syscalls/policy.h>

#define POOL 16
#define MAX_OPS 64

typedef struct {
    const uint8_t* data;
    size_t size;
    size_t at;
} reader_t;

static uint8_t next8(reader_t* r) { return r->at < r->size ? r->data[r->at++] : 0; }

static uint32_t next32(reader_t* r) {
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) v |= (uint32_t)next8(r) << (8 * i);
    return v;
}

static uint64_t next64(reader_t* r) { return (uint64_t)next32(r) | ((uint64_t)next32(r) << 32); }

static zx_handle_t pool[POOL];
static uint8_t buffer[65536 + 64];
static zx_handle_t handle_buffer[64];
static zx_vaddr_t mapped[POOL];
static size_t mapped_len[POOL];

static zx_koid_t koid_of(zx_handle_t h) {
    zx_info_handle_basic_t info;
    if (zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, &info, sizeof(info), NULL, NULL) != ZX_OK) return 0;
    return info.koid;
}

// Duplicates of the program's own process, root VMAR and job are never destroyed or killed: that would end every
// later input's usefulness (and the program's process), not find a bug.
static int is_protected(zx_handle_t h) {
    static zx_koid_t koids[3];
    if (koids[0] == 0) {
        koids[0] = koid_of(zx_process_self());
        koids[1] = koid_of(zx_vmar_root_self());
        koids[2] = koid_of(zx_job_default());
    }
    zx_koid_t k = koid_of(h);
    return k != 0 && (k == koids[0] || k == koids[1] || k == koids[2]);
}

static void keep(zx_handle_t h) {
    for (int i = 0; i < POOL; i++) {
        if (pool[i] == ZX_HANDLE_INVALID) {
            pool[i] = h;
            return;
        }
    }
    zx_handle_close(h);  // the pool is full
}

// Any handle for a call that does not consume it: one of ours, a root handle, or a raw value from the input.
static zx_handle_t any_handle(reader_t* r) {
    uint8_t sel = next8(r);
    if (sel < 200) return pool[sel % POOL];
    if (sel < 215) return get_root_resource();
    if (sel < 225) return zx_vmar_root_self();
    if (sel < 230) return zx_job_default();
    return next32(r);
}

// A handle this input made, taken out of the pool (the caller consumes it).
static zx_handle_t take_handle(reader_t* r) {
    int i = next8(r) % POOL;
    zx_handle_t h = pool[i];
    pool[i] = ZX_HANDLE_INVALID;
    return h;
}

// Addresses the kernel can neither write nor (except the read-only page) read, made once.
enum { WILD_COUNT = 8 };
static uint8_t* wild_table[WILD_COUNT];

static void make_wild_pointers(void) {
    if (wild_table[0] != NULL) return;
    uint8_t* pages = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect(pages + 4096, 4096, PROT_NONE);  // page 1: inaccessible; page 0 runs into it
    mprotect(pages + 2 * 4096, 4096, PROT_READ);  // page 2: read-only
    zx_handle_t vmo;
    zx_vaddr_t released = 0x2000;
    if (zx_vmo_create(4096, 0, &vmo) == ZX_OK) {
        if (zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, 0, vmo, 0, 4096, &released) == ZX_OK)
            zx_vmar_unmap(zx_vmar_root_self(), released, 4096);
        zx_handle_close(vmo);
    }
    uint8_t* table[WILD_COUNT] = {
        (uint8_t*)1, NULL, (uint8_t*)0x2000, (uint8_t*)0xdead000000000000ull, pages + 4096, pages + 2 * 4096,
        (uint8_t*)released, pages + 4096 - 2,  // the last two bytes before the PROT_NONE page: nothing wider fits
    };
    memcpy(wild_table, table, sizeof(table));
}

// Set when the last pointer handed out by wild() was one of the wild ones.
static int last_was_wild;

// The good pointer most of the time; a wild one when the input says so.
static void* wild(reader_t* r, void* good) {
    uint8_t sel = next8(r);
    last_was_wild = sel >= 224;
    return last_was_wild ? (void*)wild_table[sel % WILD_COUNT] : good;
}

// A creating call whose out pointer was wild must not succeed: the handle it made would be lost.
#define CREATE(call, out_ptr_expr, on_ok)                                     \
    do {                                                                       \
        void* out_ptr_ = (out_ptr_expr);                                       \
        int out_wild_ = last_was_wild;                                         \
        zx_status_t st_ = (call);                                              \
        if (st_ == ZX_OK && out_wild_) __builtin_trap();                       \
        if (st_ == ZX_OK) { on_ok; }                                           \
        (void)out_ptr_;                                                        \
    } while (0)

static uint64_t size_arg(reader_t* r) {
    static const uint64_t interesting[] = {0, 1, 4096, 8192, 0x10000, 0x100000, 4095, 4097, UINT64_MAX, UINT64_MAX - 4095,
                                           0x7fffffffffffull, 1ull << 32, 1ull << 40};
    uint8_t sel = next8(r);
    if (sel < 200) return interesting[sel % (sizeof(interesting) / sizeof(interesting[0]))];
    return next64(r);
}

static uint64_t paddr_arg(reader_t* r) {
    static const uint64_t interesting[] = {0x09000000, 0x40000000, 0x8000000000ull, 0, 0x09001000, 0x13ffff000ull, UINT64_MAX - 4095};
    uint8_t sel = next8(r);
    if (sel < 220) return interesting[sel % (sizeof(interesting) / sizeof(interesting[0]))];
    return next64(r);
}

static size_t length_arg(reader_t* r, size_t max) {
    uint32_t v = next32(r);
    return (v & 0x80000000u) ? (v & 0xff) : v % (max + 1);
}

static zx_time_t deadline_arg(reader_t* r) {
    // Never block: a deadline in the past or now.
    return (next8(r) & 1) ? 0 : ZX_TIME_INFINITE_PAST;
}

static void run_one(reader_t* r) {
    uint8_t op = next8(r) % 46;
    zx_handle_t out = ZX_HANDLE_INVALID, out2 = ZX_HANDLE_INVALID;
    switch (op) {
    case 0: zx_handle_close(take_handle(r)); break;
    case 1: { zx_handle_t h = any_handle(r); zx_rights_t rights = next32(r); zx_handle_t* o = wild(r, &out); CREATE(zx_handle_duplicate(h, rights, o), o, keep(out)); } break;
    case 2: if (zx_handle_replace(take_handle(r), next32(r), &out) == ZX_OK) keep(out); break;
    case 3: { uint64_t size = size_arg(r) & 0xfffffff; uint32_t options = next32(r); zx_handle_t* o = wild(r, &out); CREATE(zx_vmo_create(size, options, o), o, keep(out)); } break;
    case 4: { zx_handle_t h = any_handle(r); zx_vmo_read(h, wild(r, buffer), size_arg(r), length_arg(r, 65536)); } break;
    case 5: { zx_handle_t h = any_handle(r); zx_vmo_write(h, wild(r, buffer), size_arg(r), length_arg(r, 65536)); } break;
    case 6: { uint64_t s; zx_handle_t h = any_handle(r); zx_vmo_get_size(h, wild(r, &s)); } break;
    case 7: zx_vmo_set_size(any_handle(r), size_arg(r) & 0xffffff); break;
    case 8: zx_vmo_op_range(any_handle(r), next32(r), size_arg(r), size_arg(r) & 0xffffff, NULL, 0); break;
    case 9: zx_vmo_set_cache_policy(any_handle(r), next32(r)); break;
    case 10: if (zx_vmo_create_child(any_handle(r), next32(r), size_arg(r), size_arg(r), &out) == ZX_OK) keep(out); break;
    case 11: if (zx_vmo_clone(any_handle(r), next32(r), size_arg(r), size_arg(r), &out) == ZX_OK) keep(out); break;
    case 12: if (zx_vmo_create_physical(any_handle(r), paddr_arg(r), size_arg(r), &out) == ZX_OK) keep(out); break;
    case 13: {
        size_t n = length_arg(r, 40);
        if (zx_resource_create(any_handle(r), next32(r), paddr_arg(r), size_arg(r), (const char*)buffer, n, &out) == ZX_OK) keep(out);
    } break;
    case 14: {
        int slot = next8(r) % POOL;
        zx_vaddr_t addr;
        size_t len = size_arg(r) & 0xffffff;
        if (mapped[slot] == 0 && zx_vmar_map(any_handle(r), next32(r), size_arg(r) & 0xfffffff, any_handle(r), size_arg(r), len, &addr) == ZX_OK) {
            mapped[slot] = addr;
            mapped_len[slot] = len;
        }
    } break;
    case 15: {
        int slot = next8(r) % POOL;
        if (mapped[slot] != 0) {
            zx_vmar_unmap(zx_vmar_root_self(), mapped[slot], mapped_len[slot]);
            mapped[slot] = 0;
        } else {
            zx_vmar_unmap(any_handle(r), next64(r), size_arg(r));
        }
    } break;
    case 16: {
        int slot = next8(r) % POOL;
        if (mapped[slot] != 0) zx_vmar_protect(zx_vmar_root_self(), next32(r), mapped[slot], mapped_len[slot]);
    } break;
    case 17: {
        zx_vaddr_t addr;
        if (zx_vmar_allocate(any_handle(r), next32(r), size_arg(r) & 0xfffffff, size_arg(r) & 0xfffffff, &out, &addr) == ZX_OK) keep(out);
    } break;
    case 18: {
        zx_handle_t h = take_handle(r);
        if (!is_protected(h)) zx_vmar_destroy(h);  // only VMARs this input made (never the root)
        zx_handle_close(h);
    } break;
    case 19: {
        size_t actual, avail;
        zx_handle_t h = any_handle(r);
        uint32_t topic = next32(r) % 32;
        void* info_buffer = wild(r, buffer);
        zx_object_get_info(h, topic, info_buffer, length_arg(r, 65536), wild(r, &actual), wild(r, &avail));
    } break;
    case 20: { zx_handle_t h = any_handle(r); uint32_t prop = next32(r) % 8; zx_object_get_property(h, prop, wild(r, buffer), length_arg(r, 64)); } break;
    case 21: { zx_handle_t h = any_handle(r); uint32_t prop = next32(r) % 8; zx_object_set_property(h, prop, wild(r, buffer), length_arg(r, 64)); } break;
    case 22: zx_object_signal(any_handle(r), next32(r), next32(r)); break;
    case 23: zx_object_signal_peer(any_handle(r), next32(r), next32(r)); break;
    case 24: { zx_signals_t seen; zx_handle_t h = any_handle(r); zx_signals_t signals = next32(r); zx_object_wait_one(h, signals, deadline_arg(r), wild(r, &seen)); } break;
    case 25: {
        zx_wait_item_t items[16];
        size_t n = next8(r) % 18;
        for (size_t i = 0; i < 16; i++) {
            items[i].handle = any_handle(r);
            items[i].waitfor = next32(r);
            items[i].pending = 0;
        }
        zx_object_wait_many(wild(r, items), n > 16 ? 16 : n, deadline_arg(r));
    } break;
    case 26: zx_object_wait_async(any_handle(r), any_handle(r), next64(r), next32(r), next32(r)); break;
    case 27: { uint32_t options = next32(r) & 1; zx_handle_t* o = wild(r, &out); CREATE(zx_event_create(options, o), o, keep(out)); } break;
    case 28: { uint32_t options = next32(r) & 1; zx_handle_t* o = wild(r, &out2); CREATE(zx_eventpair_create(options, &out, o), o, { keep(out); keep(out2); }); } break;
    case 29: { uint32_t options = next32(r) & 1; zx_handle_t* o = wild(r, &out); CREATE(zx_port_create(options, o), o, keep(out)); } break;
    case 30: {
        zx_port_packet_t packet;
        memset(&packet, next8(r), sizeof(packet));
        zx_handle_t port = any_handle(r);
        if (next8(r) & 1) zx_port_queue(port, wild(r, &packet));
        else zx_port_wait(port, deadline_arg(r), wild(r, &packet));
    } break;
    case 31: zx_port_cancel(any_handle(r), any_handle(r), next64(r)); break;
    case 32: if (zx_channel_create(next32(r) & 1, &out, &out2) == ZX_OK) { keep(out); keep(out2); } break;
    case 33: {
        uint32_t n = next8(r) % 4;
        for (uint32_t i = 0; i < n; i++) handle_buffer[i] = take_handle(r);
        zx_handle_t channel = any_handle(r);
        uint32_t options = next32(r) & 1;
        void* bytes = wild(r, buffer);
        zx_channel_write(channel, options, bytes, (uint32_t)length_arg(r, 65536), n ? (zx_handle_t*)wild(r, handle_buffer) : NULL, n);
    } break;
    case 34: {
        uint32_t bytes, handles;
        zx_handle_t channel = any_handle(r);
        uint32_t options = next32(r) & 1;
        void* bytes_out = wild(r, buffer);
        zx_handle_t* handles_out = wild(r, handle_buffer);
        int handles_wild = last_was_wild;
        zx_status_t st = zx_channel_read(channel, options, bytes_out, handles_out, (uint32_t)length_arg(r, 65536), next8(r) % 65,
                                         wild(r, &bytes), &handles);
        if (st == ZX_OK && handles_wild && handles > 0) __builtin_trap();  // handles were installed but never told
        if (st == ZX_OK && !handles_wild) {
            for (uint32_t i = 0; i < handles && i < 64; i++) keep(handle_buffer[i]);
        }
    } break;
    case 35: {
        zx_iommu_desc_dummy_t desc;
        memset(&desc, 0, sizeof(desc));
        if (zx_iommu_create(any_handle(r), next32(r) % 3, &desc, length_arg(r, sizeof(desc) + 4), &out) == ZX_OK) keep(out);
    } break;
    case 36: if (zx_bti_create(any_handle(r), next32(r), next64(r), &out) == ZX_OK) keep(out); break;
    case 37: {
        zx_paddr_t addrs[64];
        zx_handle_t bti = any_handle(r), vmo = any_handle(r);
        uint32_t options = next32(r);
        uint64_t offset = size_arg(r), size = size_arg(r) & 0x3ffff;
        zx_paddr_t* addrs_out = wild(r, addrs);
        zx_handle_t* o = wild(r, &out);
        CREATE(zx_bti_pin(bti, options, vmo, offset, size, addrs_out, next8(r) % 65, o), o, keep(out));
    } break;
    case 38: {
        uint8_t which = next8(r) % 3;
        if (which == 0) zx_pmt_unpin(take_handle(r));
        else if (which == 1) zx_bti_release_quarantine(any_handle(r));
        else if (zx_vmo_create_contiguous(any_handle(r), size_arg(r) & 0xfffff, next32(r) % 40, &out) == ZX_OK) keep(out);
    } break;
    case 39: {
        uint8_t which = next8(r) % 3;
        if (which == 0) {
            if (zx_job_create(any_handle(r), next32(r) & 1, &out) == ZX_OK) keep(out);
        } else if (which == 1) {
            if (zx_process_create(any_handle(r), "f", 1, next32(r) & 1, &out, &out2) == ZX_OK) { keep(out); keep(out2); }
        } else {
            zx_handle_t p = take_handle(r);  // kills only tasks this input made
            if (!is_protected(p)) zx_task_kill(p);
            zx_handle_close(p);
        }
    } break;
    case 40: {
        // The small 2018 syscalls and the early-2018 VMAR argument orders.
        uint8_t which = next8(r) % 6;
        zx_time_t t;
        zx_vaddr_t addr;
        if (which == 0) zx_cprng_draw_new(wild(r, buffer), length_arg(r, 512));
        else if (which == 1) zx_cprng_add_entropy(wild(r, buffer), length_arg(r, 512));
        else if (which == 2) zx_system_get_version(wild(r, (char*)buffer), length_arg(r, 64));
        else if (which == 3) zx_clock_get_new(next32(r) % 4, wild(r, &t));
        else if (which == 4) zx_vmar_protect_old(any_handle(r), (zx_vaddr_t)size_arg(r), size_arg(r), next32(r));
        else {
            zx_handle_t v = any_handle(r);
            zx_vaddr_t* o = wild(r, &addr);
            zx_vmar_map_old(any_handle(r), size_arg(r), v, size_arg(r), size_arg(r) & 0xffffff, next32(r) & 0x7ff, o);
        }
    } break;
    case 41: {
        // Sockets: every call, any options, with the buffers and out pointers wild at times.
        uint8_t which = next8(r) % 6;
        size_t actual;
        if (which == 0) {
            uint32_t options = next32(r) & 0xf;
            zx_handle_t* o = wild(r, &out2);
            CREATE(zx_socket_create(options, &out, o), o, { keep(out); keep(out2); });
        } else if (which == 1) {
            zx_handle_t h = any_handle(r);
            zx_socket_write(h, next32(r) & 0xf, wild(r, buffer), length_arg(r, sizeof(buffer)), wild(r, &actual));
        } else if (which == 2) {
            zx_handle_t h = any_handle(r);
            zx_socket_read(h, next32(r) & 0xf, wild(r, buffer), length_arg(r, sizeof(buffer)), wild(r, &actual));
        } else if (which == 3) {
            zx_handle_t h = any_handle(r);
            zx_socket_share(h, take_handle(r));
        } else if (which == 4) {
            zx_handle_t h = any_handle(r);
            zx_handle_t* o = wild(r, &out);
            CREATE(zx_socket_accept(h, o), o, keep(out));
        } else {
            zx_socket_shutdown(any_handle(r), next32(r) & 0x7);
        }
    } break;
    case 42: {
        // Fifos and timers (deadlines that never make anything wait).
        uint8_t which = next8(r) % 5;
        size_t actual;
        if (which == 0) {
            size_t count = (size_t)1 << (next8(r) % 14), elem = next8(r) % 80;
            zx_handle_t* o = wild(r, &out2);
            CREATE(zx_fifo_create(count, elem, 0, &out, o), o, { keep(out); keep(out2); });
        } else if (which == 1) {
            zx_handle_t h = any_handle(r);
            size_t elem = next8(r) % 80;
            zx_fifo_write(h, elem, wild(r, buffer), elem ? length_arg(r, sizeof(buffer)) / elem : 1, wild(r, &actual));
        } else if (which == 2) {
            zx_handle_t h = any_handle(r);
            size_t elem = next8(r) % 80;
            zx_fifo_read(h, elem, wild(r, buffer), elem ? length_arg(r, sizeof(buffer)) / elem : 1, wild(r, &actual));
        } else if (which == 3) {
            uint32_t options = next32(r) % 4;
            zx_handle_t* o = wild(r, &out);
            CREATE(zx_timer_create(options, next32(r) % 3, o), o, keep(out));
        } else {
            zx_handle_t h = any_handle(r);
            if (next8(r) & 1) zx_timer_set(h, deadline_arg(r), (zx_duration_t)next64(r));
            else zx_timer_cancel(h);
        }
    } break;
    case 43: {
        // The kernel log, job policies (only on jobs this input made), futex owners and thread state.
        uint8_t which = next8(r) % 6;
        if (which == 0) {
            zx_handle_t* o = wild(r, &out);
            CREATE(zx_debuglog_create(any_handle(r), next32(r) & 0x40000000, o), o, keep(out));
        } else if (which == 1) {
            zx_handle_t h = any_handle(r);
            zx_debuglog_write(h, next32(r) & 0x1ffff, wild(r, buffer), length_arg(r, 300));
        } else if (which == 2) {
            zx_handle_t h = any_handle(r);
            zx_debuglog_read(h, next32(r) & 1, wild(r, buffer), length_arg(r, 300));
        } else if (which == 3) {
            zx_handle_t job = any_handle(r);
            zx_policy_basic_t policy[4];
            for (int i = 0; i < 4; i++) policy[i] = (zx_policy_basic_t){next32(r) % 16, next32(r) % 8};
            uint32_t count = next8(r) % 5;
            if (!is_protected(job)) zx_job_set_policy(job, next32(r) % 3, next32(r) % 2, wild(r, policy), count);
        } else if (which == 4) {
            zx_koid_t owner;
            zx_futex_t* word = wild(r, (zx_futex_t*)(buffer + (next8(r) % 8) * 4));
            if (next8(r) & 1) zx_futex_wake_single_owner(word);
            else zx_futex_get_owner(word, wild(r, &owner));
        } else {
            zx_handle_t h = any_handle(r);
            uint32_t kind = next32(r) % 9;
            if (next8(r) & 1) zx_thread_read_state(h, kind, wild(r, buffer), length_arg(r, 300));
            else zx_thread_write_state(h, kind, wild(r, buffer), length_arg(r, 300));
        }
    } break;
    case 44: {
        // Exception ports: binding and unbinding any handle to any port (nothing this input does raises an
        // exception, so a binding never makes a thread wait), and answering exceptions nobody is in.
        uint8_t which = next8(r) % 3;
        zx_handle_t task = any_handle(r);
        if (which == 0) zx_task_bind_exception_port(task, any_handle(r), next32(r), next32(r) % 4);
        else if (which == 1) zx_task_bind_exception_port(task, ZX_HANDLE_INVALID, 0, next32(r) % 4);
        else zx_task_resume_from_exception(task, any_handle(r), next32(r) % 4);
    } break;
    case 45: {
        // Interrupts: virtual ones made here (a wait follows a successful trigger, so it never blocks), and every
        // call on any handle.
        uint8_t which = next8(r) % 6;
        zx_handle_t h = any_handle(r);
        if (which == 0) {
            zx_handle_t* o = wild(r, &out);
            CREATE(zx_interrupt_create(next8(r) & 1 ? any_handle(r) : ZX_HANDLE_INVALID, next32(r) % 64, next32(r) & 0x1f, o), o, keep(out));
        } else if (which == 1) {
            if (zx_interrupt_trigger(h, next32(r) % 2, (zx_time_t)next32(r)) == ZX_OK) zx_interrupt_wait(h, wild(r, (zx_time_t*)buffer));
        } else if (which == 2) {
            zx_interrupt_bind(h, any_handle(r), next32(r), next32(r) % 2);
        } else if (which == 3) {
            zx_interrupt_ack(h);
        } else if (which == 4) {
            if (!is_protected(h)) zx_interrupt_destroy(h);
        } else {
            zx_handle_t* o = wild(r, &out);
            CREATE(zx_port_create(next32(r) % 3, o), o, keep(out));
        }
    } break;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    make_wild_pointers();
    reader_t r = {data, size, 0};
    memset(buffer, 0x5a, sizeof(buffer));
    for (int i = 0; i < MAX_OPS && r.at < r.size; i++) run_one(&r);
    for (int i = 0; i < POOL; i++) {
        if (mapped[i] != 0) {
            zx_vmar_unmap(zx_vmar_root_self(), mapped[i], mapped_len[i]);
            mapped[i] = 0;
        }
        if (pool[i] != ZX_HANDLE_INVALID) {
            zx_handle_close(pool[i]);
            pool[i] = ZX_HANDLE_INVALID;
        }
    }
    return 0;
}
