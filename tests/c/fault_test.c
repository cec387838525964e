// The fault path: demand paging through plain C pointers, copy-on-write by fault, exceptions on exception ports, and
// a fault that kills only its own process.
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zircon/syscalls/exception.h>
#include <zircon/syscalls/debug.h>
#include <zircon/syscalls/port.h>
#include "zxtest.h"

#define RW (ZX_VM_PERM_READ | ZX_VM_PERM_WRITE)
#define PAGE ZX_PAGE_SIZE
#define SECOND (1000ll * 1000 * 1000)

static uint64_t committed_pages(zx_handle_t vmo) {
    zx_info_vmo_t info;
    if (zx_object_get_info(vmo, ZX_INFO_VMO, &info, sizeof info, NULL, NULL) != ZX_OK) return UINT64_MAX;
    return info.committed_bytes / PAGE;
}

TEST(touching_k_of_n_mapped_pages_commits_exactly_k) {
    static const int sizes[] = {1, 3, 16, 64};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        int n = sizes[s];
        zx_handle_t vmo;
        ASSERT_OK(zx_vmo_create((uint64_t)n * PAGE, 0, &vmo));
        zx_vaddr_t addr;
        ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), RW, 0, vmo, 0, (uint64_t)n * PAGE, &addr));
        EXPECT_EQ(0, committed_pages(vmo));
        volatile uint8_t* p = (volatile uint8_t*)addr;
        int written = 0;
        for (int i = 0; i < n; i += 2) {
            EXPECT_EQ(0, p[(size_t)i * PAGE + 5]);  // a read maps the zero page: nothing committed
            p[(size_t)i * PAGE + 5] = (uint8_t)(i + 1);
            written++;
            EXPECT_EQ((uint64_t)written, committed_pages(vmo));
        }
        if (n > 1) EXPECT_EQ(0, p[PAGE + 7]);  // read-only touches of the odd pages commit nothing
        EXPECT_EQ((uint64_t)written, committed_pages(vmo));
        for (int i = 0; i < n; i += 2) {
            uint8_t byte = 0;
            EXPECT_OK(zx_vmo_read(vmo, &byte, (uint64_t)i * PAGE + 5, 1));
            EXPECT_EQ(i + 1, byte);
        }
        EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), addr, (uint64_t)n * PAGE));
        EXPECT_OK(zx_handle_close(vmo));
    }
}

TEST(aliases_and_child_vmars_share_the_pages_they_fault_in) {
    zx_handle_t vmo, child;
    ASSERT_OK(zx_vmo_create(8 * PAGE, 0, &vmo));
    zx_vaddr_t a, b, child_base;
    ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), RW, 0, vmo, 0, 8 * PAGE, &a));
    ASSERT_OK(zx_vmar_allocate(zx_vmar_root_self(), ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE, 0, 16 * PAGE, &child, &child_base));
    ASSERT_OK(zx_vmar_map(child, RW, 0, vmo, 0, 8 * PAGE, &b));
    volatile uint8_t* pa = (volatile uint8_t*)a;
    volatile uint8_t* pb = (volatile uint8_t*)b;
    EXPECT_EQ(0, pb[3 * PAGE]);   // b maps the zero page there
    pa[3 * PAGE] = 0x5a;          // a commits page 3: b's stand-in goes
    EXPECT_EQ(0x5a, pb[3 * PAGE]);
    pb[6 * PAGE + 1] = 0x6b;      // and the other way round
    EXPECT_EQ(0x6b, pa[6 * PAGE + 1]);
    EXPECT_EQ(2, committed_pages(vmo));
    uint8_t byte = 0x77;          // zx_vmo_write commits page 0: both mappings see it
    EXPECT_OK(zx_vmo_write(vmo, &byte, 0, 1));
    EXPECT_EQ(0x77, pa[0]);
    EXPECT_EQ(0x77, pb[0]);
    EXPECT_EQ(3, committed_pages(vmo));
    EXPECT_OK(zx_vmo_op_range(vmo, ZX_VMO_OP_DECOMMIT, 3 * PAGE, PAGE, NULL, 0));
    EXPECT_EQ(2, committed_pages(vmo));
    EXPECT_EQ(0, pa[3 * PAGE]);   // decommitted: reads as zero through both
    EXPECT_EQ(0, pb[3 * PAGE]);
    EXPECT_OK(zx_vmar_destroy(child));
    EXPECT_OK(zx_handle_close(child));
    EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), a, 8 * PAGE));
    EXPECT_OK(zx_handle_close(vmo));
}

TEST(map_range_commits_a_writable_mapping_at_once) {
    zx_handle_t vmo;
    ASSERT_OK(zx_vmo_create(5 * PAGE, 0, &vmo));
    zx_vaddr_t addr;
    ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_MAP_RANGE, 0, vmo, 0, 5 * PAGE, &addr));
    EXPECT_EQ(0, committed_pages(vmo));  // read-only: the zero page everywhere
    EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), addr, 5 * PAGE));
    ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), RW | ZX_VM_MAP_RANGE, 0, vmo, 0, 5 * PAGE, &addr));
    EXPECT_EQ(5, committed_pages(vmo));
    EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), addr, 5 * PAGE));
    EXPECT_OK(zx_handle_close(vmo));
}

TEST(a_kernel_copy_from_and_to_an_untouched_mapping_faults_it_in) {
    zx_handle_t vmo, other;
    ASSERT_OK(zx_vmo_create(4 * PAGE, 0, &vmo));
    ASSERT_OK(zx_vmo_create(4 * PAGE, 0, &other));
    zx_vaddr_t addr;
    ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), RW, 0, vmo, 0, 4 * PAGE, &addr));
    static uint8_t pattern[3 * PAGE];
    for (size_t i = 0; i < sizeof pattern; i++) pattern[i] = (uint8_t)(i * 7);
    // zx_vmo_read into the untouched mapping (the kernel writes it), then zx_vmo_write from it (the kernel reads it).
    ASSERT_OK(zx_vmo_write(other, pattern, 0, sizeof pattern));
    EXPECT_OK(zx_vmo_read(other, (void*)(addr + 100), 0, sizeof pattern));
    EXPECT_EQ(4, committed_pages(vmo));  // the bytes span all four pages
    EXPECT_EQ(0, memcmp((void*)(addr + 100), pattern, sizeof pattern));
    // A mapping's own VMO read into itself (the same lock both ways).
    EXPECT_OK(zx_vmo_read(vmo, (void*)(addr + 2 * PAGE), 100, PAGE));
    EXPECT_EQ(0, memcmp((void*)(addr + 2 * PAGE), pattern, PAGE));
    // A read-only mapping cannot be written by the kernel either.
    zx_vaddr_t ro;
    ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ, 0, other, 0, 4 * PAGE, &ro));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_vmo_read(vmo, (void*)ro, 0, 16));
    EXPECT_OK(zx_vmo_write(vmo, (void*)(ro + 3 * PAGE), 0, 16));  // reading its zero page is fine
    uint8_t first = 1;
    EXPECT_OK(zx_vmo_read(vmo, &first, 0, 1));
    EXPECT_EQ(0, first);
    EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), addr, 4 * PAGE));
    EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), ro, 4 * PAGE));
    zx_handle_close(vmo);
    zx_handle_close(other);
}

TEST(copy_on_write_by_fault_in_parent_and_clone) {
    zx_handle_t parent, clone;
    ASSERT_OK(zx_vmo_create(4 * PAGE, 0, &parent));
    uint64_t word = 0x1111;
    ASSERT_OK(zx_vmo_write(parent, &word, 0, sizeof word));
    ASSERT_OK(zx_vmo_clone(parent, ZX_VMO_CLONE_COPY_ON_WRITE, 0, 4 * PAGE, &clone));
    zx_vaddr_t p, c;
    ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), RW, 0, parent, 0, 4 * PAGE, &p));
    ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), RW, 0, clone, 0, 4 * PAGE, &c));
    volatile uint64_t* pp = (volatile uint64_t*)p;
    volatile uint64_t* cp = (volatile uint64_t*)c;
    EXPECT_EQ(0x1111, cp[0]);           // the clone shows the parent's page, read-only
    EXPECT_EQ(0, committed_pages(clone));
    pp[0] = 0x2222;                      // the parent's write is seen there: nothing was copied
    EXPECT_EQ(0x2222, cp[0]);
    pp[PAGE / 8] = 0x3333;               // a page the parent commits later is seen too
    EXPECT_EQ(0x3333, cp[PAGE / 8]);
    cp[0] = 0x4444;                      // the clone's first write copies the page for it
    EXPECT_EQ(1, committed_pages(clone));
    EXPECT_EQ(0x2222, pp[0]);
    pp[0] = 0x5555;                      // and from then on the two differ
    EXPECT_EQ(0x4444, cp[0]);
    cp[3 * PAGE / 8] = 9;                // a page neither had: the clone's own zero page
    EXPECT_EQ(0, pp[3 * PAGE / 8]);
    EXPECT_EQ(2, committed_pages(clone));
    EXPECT_EQ(2, committed_pages(parent));
    uint64_t seen = 0;
    EXPECT_OK(zx_vmo_read(clone, &seen, 0, sizeof seen));
    EXPECT_EQ(0x4444, seen);
    EXPECT_OK(zx_vmo_read(parent, &seen, 0, sizeof seen));
    EXPECT_EQ(0x5555, seen);
    EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), p, 4 * PAGE));
    EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), c, 4 * PAGE));
    zx_handle_close(clone);
    zx_handle_close(parent);
}

// ---- A second process that faults -------------------------------------------------------------------------------

static atomic_int fault_resumed;

// Writes to the address it is given (zx_process_start's second argument; the first is the bootstrap handle); a thread
// that comes back from the fault says so.
static void write_to(uintptr_t unused, uintptr_t address) {
    (void)unused;
    *(volatile uint32_t*)address = 0xfeedface;
    atomic_store(&fault_resumed, 1);
}

// A process with one thread that will write to |address| (in that process's window), not started yet.
static void make_faulting_process(const char* name, zx_handle_t* process, zx_handle_t* vmar, zx_handle_t* thread) {
    if (zx_process_create(zx_job_default(), name, strlen(name), 0, process, vmar) != ZX_OK) abort();
    if (zx_thread_create(*process, "faulter", 7, 0, thread) != ZX_OK) abort();
}

TEST(a_fault_in_another_process_kills_only_that_process) {
    atomic_store(&fault_resumed, 0);
    zx_handle_t process, vmar, thread;
    make_faulting_process("doomed", &process, &vmar, &thread);
    zx_info_vmar_t root;
    ASSERT_OK(zx_object_get_info(vmar, ZX_INFO_VMAR, &root, sizeof root, NULL, NULL));
    ASSERT_OK(zx_process_start(process, thread, (zx_vaddr_t)&write_to, 0, ZX_HANDLE_INVALID, root.base + 16 * PAGE));
    ASSERT_OK(zx_object_wait_one(process, ZX_TASK_TERMINATED, zx_deadline_after(10 * SECOND), NULL));
    zx_info_process_t info;
    ASSERT_OK(zx_object_get_info(process, ZX_INFO_PROCESS, &info, sizeof info, NULL, NULL));
    EXPECT_EQ(ZX_TASK_RETCODE_EXCEPTION_KILL, info.return_code);
    EXPECT_OK(zx_object_wait_one(thread, ZX_TASK_TERMINATED, zx_deadline_after(10 * SECOND), NULL));
    EXPECT_EQ(0, atomic_load(&fault_resumed));
    // This program goes on as if nothing happened.
    zx_handle_t event;
    EXPECT_OK(zx_event_create(0, &event));
    zx_handle_close(event);
    zx_handle_close(thread);
    zx_handle_close(vmar);
    zx_handle_close(process);
}

TEST(an_exception_port_gets_the_fault_and_resumes_after_fixing_the_mapping) {
    atomic_store(&fault_resumed, 0);
    zx_handle_t process, vmar, thread, port;
    make_faulting_process("fixable", &process, &vmar, &thread);
    ASSERT_OK(zx_port_create(0, &port));
    ASSERT_OK(zx_task_bind_exception_port(process, port, 0x77, 0));
    EXPECT_EQ(ZX_ERR_ALREADY_BOUND, zx_task_bind_exception_port(process, port, 0x78, 0));
    zx_info_vmar_t root;
    ASSERT_OK(zx_object_get_info(vmar, ZX_INFO_VMAR, &root, sizeof root, NULL, NULL));
    zx_vaddr_t target = root.base + 32 * PAGE + 8;
    ASSERT_OK(zx_process_start(process, thread, (zx_vaddr_t)&write_to, 0, ZX_HANDLE_INVALID, target));

    zx_port_packet_t packet;
    ASSERT_OK(zx_port_wait(port, zx_deadline_after(10 * SECOND), &packet));
    EXPECT_EQ(0x77, packet.key);
    EXPECT_EQ(ZX_EXCP_FATAL_PAGE_FAULT, packet.type);
    EXPECT_EQ(ZX_OK, packet.status);
    zx_info_handle_basic_t basic;
    ASSERT_OK(zx_object_get_info(process, ZX_INFO_HANDLE_BASIC, &basic, sizeof basic, NULL, NULL));
    EXPECT_EQ(basic.koid, packet.exception.pid);
    ASSERT_OK(zx_object_get_info(thread, ZX_INFO_HANDLE_BASIC, &basic, sizeof basic, NULL, NULL));
    EXPECT_EQ(basic.koid, packet.exception.tid);

    zx_info_thread_t state;
    ASSERT_OK(zx_object_get_info(thread, ZX_INFO_THREAD, &state, sizeof state, NULL, NULL));
    EXPECT_EQ(ZX_THREAD_STATE_BLOCKED_EXCEPTION, state.state);
    EXPECT_EQ(ZX_EXCEPTION_PORT_TYPE_PROCESS, state.wait_exception_port_type);
    zx_exception_report_t report;
    ASSERT_OK(zx_object_get_info(thread, ZX_INFO_THREAD_EXCEPTION_REPORT, &report, sizeof report, NULL, NULL));
    EXPECT_EQ(sizeof report, report.header.size);
    EXPECT_EQ(ZX_EXCP_FATAL_PAGE_FAULT, report.header.type);
    EXPECT_EQ(target, report.context.arch.u.x86_64.cr2);
    EXPECT_EQ(14, report.context.arch.u.x86_64.vector);
    EXPECT_TRUE(report.context.arch.u.x86_64.err_code & 2);  // a write
    zx_thread_state_general_regs_t regs;
    ASSERT_OK(zx_thread_read_state(thread, ZX_THREAD_STATE_GENERAL_REGS, &regs, sizeof regs));
    EXPECT_TRUE(regs.rip >= (uint64_t)(uintptr_t)&write_to && regs.rip < (uint64_t)(uintptr_t)&write_to + 64);

    // Wrong answers first: another port is ACCESS_DENIED, bad options INVALID_ARGS.
    zx_handle_t other;
    ASSERT_OK(zx_port_create(0, &other));
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_task_resume_from_exception(thread, other, 0));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_task_resume_from_exception(thread, port, 1));
    EXPECT_EQ(ZX_ERR_WRONG_TYPE, zx_task_resume_from_exception(process, port, 0));

    // Fix the mapping, then resume: the write happens and the thread goes on.
    zx_handle_t vmo;
    ASSERT_OK(zx_vmo_create(PAGE, 0, &vmo));
    zx_vaddr_t mapped;
    ASSERT_OK(zx_vmar_map(vmar, RW | ZX_VM_SPECIFIC, 32 * PAGE, vmo, 0, PAGE, &mapped));
    EXPECT_EQ(target - 8, mapped);
    ASSERT_OK(zx_task_resume_from_exception(thread, port, 0));
    EXPECT_EQ(ZX_ERR_BAD_STATE, zx_task_resume_from_exception(thread, port, 0));
    ASSERT_OK(zx_object_wait_one(process, ZX_TASK_TERMINATED, zx_deadline_after(10 * SECOND), NULL));
    EXPECT_EQ(1, atomic_load(&fault_resumed));
    uint32_t written = 0;
    EXPECT_OK(zx_vmo_read(vmo, &written, 8, sizeof written));
    EXPECT_EQ(0xfeedface, written);
    zx_info_process_t info;
    ASSERT_OK(zx_object_get_info(process, ZX_INFO_PROCESS, &info, sizeof info, NULL, NULL));
    EXPECT_EQ(0, info.return_code);  // the entry returned
    zx_handle_close(vmo);
    zx_handle_close(other);
    zx_handle_close(port);
    zx_handle_close(thread);
    zx_handle_close(vmar);
    zx_handle_close(process);
}

TEST(try_next_passes_the_exception_from_the_thread_port_to_the_process_port_then_kills) {
    atomic_store(&fault_resumed, 0);
    zx_handle_t process, vmar, thread, thread_port, process_port;
    make_faulting_process("passed-on", &process, &vmar, &thread);
    ASSERT_OK(zx_port_create(0, &thread_port));
    ASSERT_OK(zx_port_create(0, &process_port));
    ASSERT_OK(zx_task_bind_exception_port(thread, thread_port, 1, 0));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_task_bind_exception_port(thread, thread_port, 1, ZX_EXCEPTION_PORT_DEBUGGER));
    ASSERT_OK(zx_task_bind_exception_port(process, process_port, 2, 0));
    zx_info_vmar_t root;
    ASSERT_OK(zx_object_get_info(vmar, ZX_INFO_VMAR, &root, sizeof root, NULL, NULL));
    ASSERT_OK(zx_process_start(process, thread, (zx_vaddr_t)&write_to, 0, ZX_HANDLE_INVALID, root.base + 8 * PAGE));
    zx_port_packet_t packet;
    ASSERT_OK(zx_port_wait(thread_port, zx_deadline_after(10 * SECOND), &packet));
    EXPECT_EQ(1, packet.key);
    zx_info_thread_t state;
    ASSERT_OK(zx_object_get_info(thread, ZX_INFO_THREAD, &state, sizeof state, NULL, NULL));
    EXPECT_EQ(ZX_EXCEPTION_PORT_TYPE_THREAD, state.wait_exception_port_type);
    ASSERT_OK(zx_task_resume_from_exception(thread, thread_port, ZX_RESUME_TRY_NEXT));
    ASSERT_OK(zx_port_wait(process_port, zx_deadline_after(10 * SECOND), &packet));
    EXPECT_EQ(2, packet.key);
    EXPECT_EQ(ZX_EXCP_FATAL_PAGE_FAULT, packet.type);
    ASSERT_OK(zx_task_resume_from_exception(thread, process_port, ZX_RESUME_TRY_NEXT));
    ASSERT_OK(zx_object_wait_one(process, ZX_TASK_TERMINATED, zx_deadline_after(10 * SECOND), NULL));
    zx_info_process_t info;
    ASSERT_OK(zx_object_get_info(process, ZX_INFO_PROCESS, &info, sizeof info, NULL, NULL));
    EXPECT_EQ(ZX_TASK_RETCODE_EXCEPTION_KILL, info.return_code);
    EXPECT_EQ(0, atomic_load(&fault_resumed));
    // Unbinding: OK once, then BAD_STATE.
    EXPECT_OK(zx_task_bind_exception_port(thread, ZX_HANDLE_INVALID, 0, 0));
    EXPECT_EQ(ZX_ERR_BAD_STATE, zx_task_bind_exception_port(thread, ZX_HANDLE_INVALID, 0, 0));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_task_bind_exception_port(process, process_port, 0, 4));
    zx_handle_close(thread_port);
    zx_handle_close(process_port);
    zx_handle_close(thread);
    zx_handle_close(vmar);
    zx_handle_close(process);
}

// Starts |entry| in a new process with an exception port (key 9), its second argument |window_offset| bytes into the
// process's window (0 stays 0); returns the first packet's type (0 when none came within 10 s), leaving the thread
// waiting in its exception.
static uint32_t first_exception(void (*entry)(uintptr_t, uintptr_t), uint64_t window_offset, zx_handle_t* process, zx_handle_t* vmar,
                                zx_handle_t* thread, zx_handle_t* port) {
    make_faulting_process("excepting", process, vmar, thread);
    if (zx_port_create(0, port) != ZX_OK) return 0;
    if (zx_task_bind_exception_port(*process, *port, 9, 0) != ZX_OK) return 0;
    zx_info_vmar_t root = {0};
    if (window_offset != 0 && zx_object_get_info(*vmar, ZX_INFO_VMAR, &root, sizeof root, NULL, NULL) != ZX_OK) return 0;
    uintptr_t arg2 = window_offset != 0 ? root.base + window_offset : 0;
    if (zx_process_start(*process, *thread, (zx_vaddr_t)entry, 0, ZX_HANDLE_INVALID, arg2) != ZX_OK) return 0;
    zx_port_packet_t packet;
    if (zx_port_wait(*port, zx_deadline_after(10 * SECOND), &packet) != ZX_OK) return 0;
    return packet.type;
}

static void close_all(zx_handle_t a, zx_handle_t b, zx_handle_t c, zx_handle_t d) {
    zx_handle_close(a);
    zx_handle_close(b);
    zx_handle_close(c);
    zx_handle_close(d);
}

TEST(closing_the_port_sends_a_waiting_thread_to_the_next_handler) {
    zx_handle_t process, vmar, thread, port;
    ASSERT_EQ(ZX_EXCP_FATAL_PAGE_FAULT, first_exception(write_to, 8 * PAGE, &process, &vmar, &thread, &port));
    ASSERT_OK(zx_handle_close(port));  // no handler is left: the process dies of the fault
    ASSERT_OK(zx_object_wait_one(process, ZX_TASK_TERMINATED, zx_deadline_after(10 * SECOND), NULL));
    zx_info_process_t info;
    ASSERT_OK(zx_object_get_info(process, ZX_INFO_PROCESS, &info, sizeof info, NULL, NULL));
    EXPECT_EQ(ZX_TASK_RETCODE_EXCEPTION_KILL, info.return_code);
    zx_handle_close(thread);
    zx_handle_close(vmar);
    zx_handle_close(process);
}

TEST(killing_a_thread_that_waits_in_an_exception_ends_it) {
    zx_handle_t process, vmar, thread, port;
    ASSERT_EQ(ZX_EXCP_FATAL_PAGE_FAULT, first_exception(write_to, 8 * PAGE, &process, &vmar, &thread, &port));
    ASSERT_OK(zx_task_kill(process));
    ASSERT_OK(zx_object_wait_one(thread, ZX_TASK_TERMINATED, zx_deadline_after(10 * SECOND), NULL));
    zx_info_process_t info;
    ASSERT_OK(zx_object_get_info(process, ZX_INFO_PROCESS, &info, sizeof info, NULL, NULL));
    EXPECT_EQ(ZX_TASK_RETCODE_SYSCALL_KILL, info.return_code);
    EXPECT_EQ(ZX_ERR_BAD_STATE, zx_task_resume_from_exception(thread, port, 0));
    zx_handle_close(port);
    zx_handle_close(thread);
    zx_handle_close(vmar);
    zx_handle_close(process);
}

// ---- probe_for_read, the way fzl does it -------------------------------------------------------------------------

static void read_from(uintptr_t unused, uintptr_t address) {
    (void)unused;
    (void)*(volatile uint8_t*)address;
}

static void write_same_byte(uintptr_t unused, uintptr_t address) {
    (void)unused;
    volatile uint8_t* p = (volatile uint8_t*)address;
    *p = *p;
}

static int probe(const void* address, void (*touch)(uintptr_t, uintptr_t));

// Reads |address| on a helper thread of this process whose own exception port tells whether the read faulted.
static int probe_for_read(const void* address) {
    return probe(address, read_from);
}

static int probe_for_write(const void* address) {
    return probe(address, write_same_byte);
}

static int probe(const void* address, void (*touch)(uintptr_t, uintptr_t)) {
    zx_handle_t thread, port;
    if (zx_thread_create(zx_process_self(), "probe", 5, 0, &thread) != ZX_OK) return -1;
    if (zx_port_create(0, &port) != ZX_OK) return -1;
    if (zx_task_bind_exception_port(thread, port, 0, 0) != ZX_OK) return -1;
    if (zx_object_wait_async(thread, port, 1, ZX_THREAD_TERMINATED, ZX_WAIT_ASYNC_ONCE) != ZX_OK) return -1;
    if (zx_thread_start(thread, (uintptr_t)touch, 0, 0, (uintptr_t)address) != ZX_OK) return -1;
    zx_port_packet_t packet;
    int readable = -1;
    if (zx_port_wait(port, zx_deadline_after(10 * SECOND), &packet) == ZX_OK) {
        if (ZX_PKT_IS_EXCEPTION(packet.type)) {
            readable = 0;
            zx_task_kill(thread);
            zx_object_wait_one(thread, ZX_THREAD_TERMINATED, zx_deadline_after(10 * SECOND), NULL);
        } else {
            readable = 1;
        }
    }
    zx_handle_close(port);
    zx_handle_close(thread);
    return readable;
}

TEST(probe_for_read_tells_readable_from_unreadable) {
    zx_handle_t vmo;
    ASSERT_OK(zx_vmo_create(2 * PAGE, 0, &vmo));
    zx_vaddr_t addr;
    ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ, 0, vmo, 0, 2 * PAGE, &addr));
    static const char here[] = "host memory";
    EXPECT_EQ(1, probe_for_read(here));
    EXPECT_EQ(1, probe_for_read((void*)(addr + PAGE)));
    EXPECT_OK(zx_vmar_protect(zx_vmar_root_self(), 0, addr, PAGE));
    EXPECT_EQ(0, probe_for_read((void*)addr));  // no permission at all
    EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), addr, 2 * PAGE));
    EXPECT_EQ(0, probe_for_read((void*)(addr + PAGE)));  // unmapped
    zx_handle_close(vmo);
}

// ---- Protection faults and the program's own process -----------------------------------------------------------

// In a second process: a read past the end of the VMO, or of a page without read permission, is a fatal page fault.
static void read_then_report(uintptr_t unused, uintptr_t address) {
    (void)unused;
    (void)*(volatile uint8_t*)address;
    atomic_store(&fault_resumed, 1);
}

static int64_t run_and_wait(zx_handle_t vmo, uint32_t perms, uint64_t map_size, uint64_t offset) {
    zx_handle_t process, vmar, thread;
    make_faulting_process("protected", &process, &vmar, &thread);
    zx_vaddr_t addr;
    if (zx_vmar_map(vmar, perms, 0, vmo, 0, map_size, &addr) != ZX_OK) return 1;
    if (zx_process_start(process, thread, (zx_vaddr_t)&read_then_report, 0, ZX_HANDLE_INVALID, addr + offset) != ZX_OK) return 2;
    zx_object_wait_one(process, ZX_TASK_TERMINATED, zx_deadline_after(10 * SECOND), NULL);
    zx_info_process_t info;
    zx_object_get_info(process, ZX_INFO_PROCESS, &info, sizeof info, NULL, NULL);
    zx_handle_close(thread);
    zx_handle_close(vmar);
    zx_handle_close(process);
    return info.return_code;
}

TEST(reads_without_permission_and_past_the_vmo_end_are_fatal_page_faults) {
    zx_handle_t vmo;
    ASSERT_OK(zx_vmo_create(PAGE, 0, &vmo));
    atomic_store(&fault_resumed, 0);
    EXPECT_EQ(0, run_and_wait(vmo, ZX_VM_PERM_READ, PAGE, 0));  // a plain read works
    EXPECT_EQ(1, atomic_load(&fault_resumed));
    atomic_store(&fault_resumed, 0);
    EXPECT_EQ(ZX_TASK_RETCODE_EXCEPTION_KILL, run_and_wait(vmo, ZX_VM_PERM_READ, 2 * PAGE, PAGE + 4));  // past the end
    EXPECT_EQ(0, atomic_load(&fault_resumed));
    zx_handle_close(vmo);
}

HELPER(helper_own_process_fault_crashes_the_host_after_a_report) {
    (void)zxtest_failed;
    zx_handle_t vmo;
    zx_vmo_create(PAGE, 0, &vmo);
    zx_vaddr_t addr;
    zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ, 0, vmo, 0, PAGE, &addr);
    *(volatile uint8_t*)addr = 1;  // a write to a read-only mapping of the program's own process
    exit(0);
}

TEST(a_fault_in_the_programs_own_process_still_ends_the_program) {
    EXPECT_EQ(-SIGSEGV, zxtest_run_helper("helper_own_process_fault_crashes_the_host_after_a_report"));
}

// ---- Out of board RAM on a touch ---------------------------------------------------------------------------------

HELPER(helper_touching_past_the_boards_ram_is_a_fatal_page_fault) {
    // A board with 64 pages of RAM: a process that touches 100 pages dies of the fault, this program lives on.
    char path[] = "/tmp/zx-fault-board-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) { *zxtest_failed = 1; return; }
    const char board[] = "{ \"name\": \"tiny\", \"regions\": [ { \"name\": \"ram\", \"kind\": \"ram\", \"base\": \"0x40000000\", \"size\": \"0x40000\" } ] }";
    if (write(fd, board, sizeof board - 1) != (ssize_t)(sizeof board - 1)) { *zxtest_failed = 1; return; }
    close(fd);
    setenv("ZX_BOARD", path, 1);
    zx_handle_t vmo;
    ASSERT_OK(zx_vmo_create(100 * PAGE, 0, &vmo));
    unlink(path);
    zx_handle_t process, vmar, thread;
    make_faulting_process("hungry", &process, &vmar, &thread);
    zx_vaddr_t addr;
    ASSERT_OK(zx_vmar_map(vmar, RW, 0, vmo, 0, 100 * PAGE, &addr));
    extern void zxfault_touch_pages(uintptr_t, uintptr_t);
    ASSERT_OK(zx_process_start(process, thread, (zx_vaddr_t)&zxfault_touch_pages, 0, ZX_HANDLE_INVALID, addr));
    ASSERT_OK(zx_object_wait_one(process, ZX_TASK_TERMINATED, zx_deadline_after(10 * SECOND), NULL));
    zx_info_process_t info;
    ASSERT_OK(zx_object_get_info(process, ZX_INFO_PROCESS, &info, sizeof info, NULL, NULL));
    EXPECT_EQ(ZX_TASK_RETCODE_EXCEPTION_KILL, info.return_code);
    uint64_t pages = committed_pages(vmo);
    EXPECT_TRUE(pages > 0 && pages <= 64);
}

// Writes one byte to each of 100 pages from |address|.
void zxfault_touch_pages(uintptr_t unused, uintptr_t address) {
    (void)unused;
    for (int i = 0; i < 100; i++) *(volatile uint8_t*)(address + (uintptr_t)i * PAGE) = 1;
}

TEST(touching_more_pages_than_the_board_has_kills_the_toucher_not_the_host) {
    EXPECT_EQ(0, zxtest_run_helper("helper_touching_past_the_boards_ram_is_a_fatal_page_fault"));
}

// ---- Other exceptions of a thread of another process -------------------------------------------------------------

static void execute_ud2(uintptr_t unused, uintptr_t also_unused) {
    (void)unused;
    (void)also_unused;
    __builtin_trap();
}

static void breakpoint_then_report(uintptr_t unused, uintptr_t also_unused) {
    (void)unused;
    (void)also_unused;
    __asm__ volatile("int3");
    atomic_store(&fault_resumed, 1);
}

static void write_to_null(uintptr_t unused, uintptr_t also_unused) {
    (void)unused;
    (void)also_unused;
    *(volatile int*)(uintptr_t)also_unused = 1;  // NULL: outside every Zx window, still this process's fault
}

static void call_null(uintptr_t unused, uintptr_t also_unused) {
    (void)unused;
    ((void (*)(void))also_unused)();  // a call through a NULL function pointer
}


TEST(an_undefined_instruction_a_breakpoint_and_a_null_write_are_told_apart) {
    zx_handle_t process, vmar, thread, port;
    EXPECT_EQ(ZX_EXCP_UNDEFINED_INSTRUCTION, first_exception(execute_ud2, 0, &process, &vmar, &thread, &port));
    zx_exception_report_t report;
    ASSERT_OK(zx_object_get_info(thread, ZX_INFO_THREAD_EXCEPTION_REPORT, &report, sizeof report, NULL, NULL));
    EXPECT_EQ(ZX_EXCP_UNDEFINED_INSTRUCTION, report.header.type);
    EXPECT_EQ(6, report.context.arch.u.x86_64.vector);
    ASSERT_OK(zx_task_resume_from_exception(thread, port, ZX_RESUME_TRY_NEXT));
    ASSERT_OK(zx_object_wait_one(process, ZX_TASK_TERMINATED, zx_deadline_after(10 * SECOND), NULL));
    zx_info_process_t info;
    ASSERT_OK(zx_object_get_info(process, ZX_INFO_PROCESS, &info, sizeof info, NULL, NULL));
    EXPECT_EQ(ZX_TASK_RETCODE_EXCEPTION_KILL, info.return_code);
    close_all(process, vmar, thread, port);

    // A breakpoint resumes after the int3.
    atomic_store(&fault_resumed, 0);
    EXPECT_EQ(ZX_EXCP_SW_BREAKPOINT, first_exception(breakpoint_then_report, 0, &process, &vmar, &thread, &port));
    ASSERT_OK(zx_task_resume_from_exception(thread, port, 0));
    ASSERT_OK(zx_object_wait_one(process, ZX_TASK_TERMINATED, zx_deadline_after(10 * SECOND), NULL));
    EXPECT_EQ(1, atomic_load(&fault_resumed));
    ASSERT_OK(zx_object_get_info(process, ZX_INFO_PROCESS, &info, sizeof info, NULL, NULL));
    EXPECT_EQ(0, info.return_code);
    close_all(process, vmar, thread, port);

    // A NULL write is a fatal page fault at address 0.
    EXPECT_EQ(ZX_EXCP_FATAL_PAGE_FAULT, first_exception(write_to_null, 0, &process, &vmar, &thread, &port));
    ASSERT_OK(zx_object_get_info(thread, ZX_INFO_THREAD_EXCEPTION_REPORT, &report, sizeof report, NULL, NULL));
    EXPECT_EQ(0, report.context.arch.u.x86_64.cr2);
    EXPECT_OK(zx_task_kill(process));
    ASSERT_OK(zx_object_wait_one(process, ZX_TASK_TERMINATED, zx_deadline_after(10 * SECOND), NULL));
    close_all(process, vmar, thread, port);

    // A call through NULL is an instruction fetch at 0; with no port the process dies and the report names the caller.
    EXPECT_EQ(ZX_EXCP_FATAL_PAGE_FAULT, first_exception(call_null, 0, &process, &vmar, &thread, &port));
    ASSERT_OK(zx_object_get_info(thread, ZX_INFO_THREAD_EXCEPTION_REPORT, &report, sizeof report, NULL, NULL));
    EXPECT_EQ(0, report.context.arch.u.x86_64.cr2);
    EXPECT_TRUE(report.context.arch.u.x86_64.err_code & 0x10);
    ASSERT_OK(zx_task_resume_from_exception(thread, port, ZX_RESUME_TRY_NEXT));
    ASSERT_OK(zx_object_wait_one(process, ZX_TASK_TERMINATED, zx_deadline_after(10 * SECOND), NULL));
    ASSERT_OK(zx_object_get_info(process, ZX_INFO_PROCESS, &info, sizeof info, NULL, NULL));
    EXPECT_EQ(ZX_TASK_RETCODE_EXCEPTION_KILL, info.return_code);
    close_all(process, vmar, thread, port);
}

// ---- The program's own fault handler -----------------------------------------------------------------------------

static sigjmp_buf own_handler_return;
static volatile sig_atomic_t own_handler_calls;

static void own_handler(int signal_number) {
    (void)signal_number;
    own_handler_calls++;
    siglongjmp(own_handler_return, 1);
}

HELPER(helper_a_programs_own_sigsegv_handler_still_gets_its_faults) {
    // Installed before the kernel starts (libzircon's handler then chains to it): it gets the faults outside Zx's
    // windows, and the demand-paged pages of a mapping still fault in without it ever seeing them.
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = own_handler;
    sigemptyset(&action.sa_mask);
    sigaction(SIGSEGV, &action, NULL);
    zx_handle_t vmo;
    ASSERT_OK(zx_vmo_create(4 * PAGE, 0, &vmo));
    zx_vaddr_t addr;
    ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), RW, 0, vmo, 0, 4 * PAGE, &addr));
    for (int i = 0; i < 4; i++) ((volatile uint8_t*)addr)[i * PAGE] = 1;
    EXPECT_EQ(0, own_handler_calls);
    EXPECT_EQ(4, committed_pages(vmo));
    if (sigsetjmp(own_handler_return, 1) == 0) *(volatile int*)(uintptr_t)16 = 1;
    EXPECT_EQ(1, own_handler_calls);
}

TEST(a_programs_own_sigsegv_handler_still_gets_its_faults) {
    EXPECT_EQ(0, zxtest_run_helper("helper_a_programs_own_sigsegv_handler_still_gets_its_faults"));
}

TEST(executing_a_mapping_without_execute_permission_is_a_fatal_page_fault) {
    // A page holding one `ret`, mapped readable but not executable in another process, started as its entry.
    zx_handle_t plain, vmo;
    ASSERT_OK(zx_vmo_create(PAGE, 0, &plain));
    const uint8_t ret = 0xc3;
    ASSERT_OK(zx_vmo_write(plain, &ret, 0, 1));
    ASSERT_OK(zx_vmo_replace_as_executable(plain, ZX_HANDLE_INVALID, &vmo));  // so the mapping may become executable
    zx_handle_t process, vmar, thread, port;
    make_faulting_process("no-exec", &process, &vmar, &thread);
    ASSERT_OK(zx_port_create(0, &port));
    ASSERT_OK(zx_task_bind_exception_port(process, port, 3, 0));
    zx_vaddr_t code;
    ASSERT_OK(zx_vmar_map(vmar, ZX_VM_PERM_READ, 0, vmo, 0, PAGE, &code));
    ASSERT_OK(zx_process_start(process, thread, code, 0, ZX_HANDLE_INVALID, 0));
    zx_port_packet_t packet;
    ASSERT_OK(zx_port_wait(port, zx_deadline_after(10 * SECOND), &packet));
    EXPECT_EQ(ZX_EXCP_FATAL_PAGE_FAULT, packet.type);
    zx_exception_report_t report;
    ASSERT_OK(zx_object_get_info(thread, ZX_INFO_THREAD_EXCEPTION_REPORT, &report, sizeof report, NULL, NULL));
    EXPECT_EQ(code, report.context.arch.u.x86_64.cr2);
    EXPECT_TRUE(report.context.arch.u.x86_64.err_code & 0x10);  // an instruction fetch
    zx_thread_state_general_regs_t regs;
    ASSERT_OK(zx_thread_read_state(thread, ZX_THREAD_STATE_GENERAL_REGS, &regs, sizeof regs));
    EXPECT_EQ(code, regs.rip);
    // Making it executable and resuming runs the `ret`: the entry returns and the process ends normally.
    EXPECT_OK(zx_vmar_protect(vmar, ZX_VM_PERM_READ | ZX_VM_PERM_EXECUTE, code, PAGE));
    ASSERT_OK(zx_task_resume_from_exception(thread, port, 0));
    ASSERT_OK(zx_object_wait_one(process, ZX_TASK_TERMINATED, zx_deadline_after(10 * SECOND), NULL));
    zx_info_process_t info;
    ASSERT_OK(zx_object_get_info(process, ZX_INFO_PROCESS, &info, sizeof info, NULL, NULL));
    EXPECT_EQ(0, info.return_code);
    close_all(process, vmar, thread, port);
    zx_handle_close(vmo);
}

// ---- The 2018 core tests' questions about protection over demand-paged memory ----------------------------------

TEST(protect_over_demand_paged_memory) {
    // Half the pages touched, then the whole range made read-only: every page reads, none writes.
    const size_t pages = 16;
    zx_handle_t vmo;
    ASSERT_OK(zx_vmo_create(pages * PAGE, 0, &vmo));
    zx_vaddr_t addr;
    ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), RW, 0, vmo, 0, pages * PAGE, &addr));
    for (size_t i = 0; i < pages; i += 2) ((volatile uint8_t*)addr)[i * PAGE] = (uint8_t)(i + 1);
    EXPECT_OK(zx_vmar_protect(zx_vmar_root_self(), ZX_VM_PERM_READ, addr, pages * PAGE));
    for (size_t i = 0; i < pages; i++) {
        EXPECT_EQ(1, probe_for_read((void*)(addr + i * PAGE)));
        EXPECT_EQ(0, probe_for_write((void*)(addr + i * PAGE)));
        EXPECT_EQ(i % 2 == 0 ? i + 1 : 0, ((volatile uint8_t*)addr)[i * PAGE]);
    }
    EXPECT_EQ(pages / 2, committed_pages(vmo));
    // Writable again: the untouched pages commit on their first write.
    EXPECT_OK(zx_vmar_protect(zx_vmar_root_self(), RW, addr, pages * PAGE));
    EXPECT_EQ(1, probe_for_write((void*)(addr + PAGE)));
    EXPECT_EQ(pages / 2 + 1, committed_pages(vmo));
    EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), addr, pages * PAGE));
    zx_handle_close(vmo);
}

TEST(protect_and_unmap_large_uncommitted_ranges) {
    // 1 GiB mapped, protected and unmapped in pieces without a page committed or touched.
    const uint64_t size = 1ull << 30;
    zx_handle_t vmo;
    ASSERT_OK(zx_vmo_create(size, 0, &vmo));
    zx_vaddr_t addr;
    ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), RW, 0, vmo, 0, size, &addr));
    EXPECT_OK(zx_vmar_protect(zx_vmar_root_self(), ZX_VM_PERM_READ, addr + size / 4, size / 2));
    EXPECT_EQ(0, ((volatile uint8_t*)addr)[size / 2]);  // the zero page, read-only
    EXPECT_EQ(0, probe_for_write((void*)(addr + size / 2)));
    ((volatile uint8_t*)addr)[size - 1] = 9;  // outside the protected part: writable
    EXPECT_EQ(1, committed_pages(vmo));
    EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), addr + size / 8, size / 2));
    EXPECT_EQ(0, probe_for_read((void*)(addr + size / 4)));
    EXPECT_EQ(9, ((volatile uint8_t*)addr)[size - 1]);
    EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), addr, size));
    zx_handle_close(vmo);
}

TEST(a_mapping_protected_to_no_permission_faults_until_readable_again) {
    zx_handle_t vmo;
    ASSERT_OK(zx_vmo_create(PAGE, 0, &vmo));
    uint8_t byte = 0x5c;
    ASSERT_OK(zx_vmo_write(vmo, &byte, 0, 1));
    zx_vaddr_t addr;
    ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ, 0, vmo, 0, PAGE, &addr));
    EXPECT_OK(zx_vmar_protect(zx_vmar_root_self(), 0, addr, PAGE));
    EXPECT_EQ(0, probe_for_read((void*)addr));
    EXPECT_OK(zx_vmar_protect(zx_vmar_root_self(), ZX_VM_PERM_READ, addr, PAGE));
    EXPECT_EQ(1, probe_for_read((void*)addr));
    EXPECT_EQ(0x5c, *(volatile uint8_t*)addr);
    EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), addr, PAGE));
    zx_handle_close(vmo);
}

TEST(a_clone_keeps_working_when_its_resizable_parent_shrinks) {
    // vmo_clone_resize_parent_ok's question: the clone's mapping shows zero past the parent's new end, and its own
    // pages stay.
    zx_handle_t parent, clone;
    ASSERT_OK(zx_vmo_create(4 * PAGE, 0, &parent));  // 2018: resizable unless ZX_VMO_NON_RESIZABLE
    uint64_t word = 0x77;
    for (int i = 0; i < 4; i++) ASSERT_OK(zx_vmo_write(parent, &word, (uint64_t)i * PAGE, sizeof word));
    ASSERT_OK(zx_vmo_clone(parent, ZX_VMO_CLONE_COPY_ON_WRITE, 0, 4 * PAGE, &clone));
    zx_vaddr_t addr;
    ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), RW, 0, clone, 0, 4 * PAGE, &addr));
    volatile uint64_t* words = (volatile uint64_t*)addr;
    words[0] = 0x88;                            // the clone's own page 0
    EXPECT_EQ(0x77, words[3 * PAGE / 8]);       // page 3 shows the parent's
    ASSERT_OK(zx_vmo_set_size(parent, PAGE));   // the parent shrinks past it
    EXPECT_EQ(0, words[3 * PAGE / 8]);          // zero now, through the same mapping
    EXPECT_EQ(0x88, words[0]);
    EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), addr, 4 * PAGE));
    zx_handle_close(clone);
    zx_handle_close(parent);
}

// ---- The process's debugger ---------------------------------------------------------------------------------------

static void just_return(uintptr_t unused, uintptr_t also_unused) {
    (void)unused;
    (void)also_unused;
    atomic_store(&fault_resumed, 1);
}

TEST(a_debugger_hears_each_thread_start_and_exit_and_is_tried_first) {
    atomic_store(&fault_resumed, 0);
    zx_handle_t process, vmar, thread, debugger, ordinary;
    make_faulting_process("debugged", &process, &vmar, &thread);
    ASSERT_OK(zx_port_create(0, &debugger));
    ASSERT_OK(zx_port_create(0, &ordinary));
    ASSERT_OK(zx_task_bind_exception_port(process, ordinary, 1, 0));
    ASSERT_OK(zx_task_bind_exception_port(process, debugger, 2, ZX_EXCEPTION_PORT_DEBUGGER));
    zx_info_process_t info;
    ASSERT_OK(zx_object_get_info(process, ZX_INFO_PROCESS, &info, sizeof info, NULL, NULL));
    EXPECT_EQ(1, info.debugger_attached);
    zx_info_handle_basic_t basic;
    ASSERT_OK(zx_object_get_info(thread, ZX_INFO_HANDLE_BASIC, &basic, sizeof basic, NULL, NULL));
    ASSERT_OK(zx_process_start(process, thread, (zx_vaddr_t)&just_return, 0, ZX_HANDLE_INVALID, 0));

    zx_port_packet_t packet;
    ASSERT_OK(zx_port_wait(debugger, zx_deadline_after(10 * SECOND), &packet));
    EXPECT_EQ(ZX_EXCP_THREAD_STARTING, packet.type);
    EXPECT_EQ(basic.koid, packet.exception.tid);
    zx_info_thread_t state;
    ASSERT_OK(zx_object_get_info(thread, ZX_INFO_THREAD, &state, sizeof state, NULL, NULL));
    EXPECT_EQ(ZX_THREAD_STATE_BLOCKED_EXCEPTION, state.state);
    EXPECT_EQ(ZX_EXCEPTION_PORT_TYPE_DEBUGGER, state.wait_exception_port_type);
    EXPECT_EQ(0, atomic_load(&fault_resumed));  // the entry waits for the debugger
    ASSERT_OK(zx_task_resume_from_exception(thread, debugger, 0));
    ASSERT_OK(zx_port_wait(debugger, zx_deadline_after(10 * SECOND), &packet));
    EXPECT_EQ(ZX_EXCP_THREAD_EXITING, packet.type);
    EXPECT_EQ(1, atomic_load(&fault_resumed));
    ASSERT_OK(zx_task_resume_from_exception(thread, debugger, 0));
    ASSERT_OK(zx_object_wait_one(process, ZX_TASK_TERMINATED, zx_deadline_after(10 * SECOND), NULL));
    EXPECT_EQ(ZX_ERR_TIMED_OUT, zx_port_wait(ordinary, 0, &packet));  // only the debugger heard
    // A dead process takes no binding (NOT_FOUND comes before ALREADY_BOUND, as in 2018); unbinding still works.
    EXPECT_EQ(ZX_ERR_NOT_FOUND, zx_task_bind_exception_port(process, debugger, 3, 0));
    EXPECT_OK(zx_task_bind_exception_port(process, ZX_HANDLE_INVALID, 0, 0));
    EXPECT_EQ(ZX_ERR_NOT_FOUND, zx_task_bind_exception_port(process, debugger, 3, ZX_EXCEPTION_PORT_DEBUGGER));
    zx_handle_close(debugger);
    zx_handle_close(ordinary);
    close_all(process, vmar, thread, ZX_HANDLE_INVALID);
}
