// The fault path's benchmarks, in C: a demand-paged Zx mapping touched by native code (the only code that takes a
// demand fault, docs/faults.md) against the host's own first touch of a shared memory file's page, a copy-on-write
// fault against the host's first touch plus a 4 KiB copy, and an exception's round trip through a port. The
// benchmark project compiles this file against libzircon.so and calls it from BenchmarkDotNet (FaultBenchmarks.cs).
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zircon/syscalls.h>
#include <zircon/syscalls/port.h>

#define PAGE 4096u

// A demand-paged mapping of a new VMO of |pages| pages; its address, or 0.
uintptr_t fb_zx_map(size_t pages, zx_handle_t* vmo) {
    zx_vaddr_t addr;
    if (zx_vmo_create(pages * PAGE, 0, vmo) != ZX_OK) return 0;
    if (zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, 0, *vmo, 0, pages * PAGE, &addr) != ZX_OK) return 0;
    return addr;
}

// Gives every page back (the mapping forgets them: the next touch faults each in again).
int fb_zx_reset(zx_handle_t vmo, size_t pages) {
    return zx_vmo_op_range(vmo, ZX_VMO_OP_DECOMMIT, 0, pages * PAGE, NULL, 0);
}

// The floor's mapping: a shared memory file, mapped shared, as a board region's backing is.
uintptr_t fb_host_map(size_t pages, int* fd) {
    *fd = memfd_create("fault-bench", MFD_CLOEXEC);
    if (*fd < 0 || ftruncate(*fd, (off_t)(pages * PAGE)) != 0) return 0;
    void* p = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, *fd, 0);
    return p == MAP_FAILED ? 0 : (uintptr_t)p;
}

// Gives the file's pages back to the host (and the mapping's entries with them).
int fb_host_reset(int fd, size_t pages) {
    return fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, (off_t)(pages * PAGE));
}

// Writes one byte to each of |count| pages from page |first|.
void fb_touch(uintptr_t addr, size_t first, size_t count) {
    for (size_t i = first; i < first + count; i++) *(volatile uint8_t*)(addr + i * PAGE) = 1;
}

// The copy-on-write floor: each page's first touch is a 4 KiB copy into it.
void fb_copy_touch(uintptr_t addr, uintptr_t source, size_t first, size_t count) {
    for (size_t i = first; i < first + count; i++) memcpy((void*)(addr + i * PAGE), (const void*)source, PAGE);
}

// A copy-on-write clone of a VMO whose |pages| pages are all written, mapped read-write; the mapping's address.
uintptr_t fb_cow_map(size_t pages, zx_handle_t* parent, zx_handle_t* clone) {
    uintptr_t parent_addr = fb_zx_map(pages, parent);
    if (parent_addr == 0) return 0;
    fb_touch(parent_addr, 0, pages);
    zx_vmar_unmap(zx_vmar_root_self(), parent_addr, pages * PAGE);
    zx_vaddr_t addr;
    if (zx_vmo_clone(*parent, ZX_VMO_CLONE_COPY_ON_WRITE, 0, pages * PAGE, clone) != ZX_OK) return 0;
    if (zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, 0, *clone, 0, pages * PAGE, &addr) != ZX_OK) return 0;
    return addr;
}

static void breakpoints_forever(uintptr_t unused, uintptr_t also_unused) {
    (void)unused;
    (void)also_unused;
    for (;;) __asm__ volatile("int3");
}

// A process whose thread hits a breakpoint over and over, its exception port, and the first exception waiting.
int fb_exception_setup(zx_handle_t* process, zx_handle_t* thread, zx_handle_t* port) {
    zx_handle_t vmar;
    if (zx_process_create(zx_job_default(), "breaker", 7, 0, process, &vmar) != ZX_OK) return -1;
    zx_handle_close(vmar);
    if (zx_thread_create(*process, "int3", 4, 0, thread) != ZX_OK) return -2;
    if (zx_port_create(0, port) != ZX_OK) return -3;
    if (zx_task_bind_exception_port(*process, *port, 1, 0) != ZX_OK) return -4;
    if (zx_process_start(*process, *thread, (uintptr_t)&breakpoints_forever, 0, ZX_HANDLE_INVALID, 0) != ZX_OK) return -5;
    return 0;
}

// One exception's round trip as the handler sees it: the packet arrives, the thread is resumed (and breaks again).
int fb_exception_round_trip(zx_handle_t thread, zx_handle_t port) {
    zx_port_packet_t packet;
    zx_status_t status = zx_port_wait(port, ZX_TIME_INFINITE, &packet);
    if (status != ZX_OK) return status;
    return zx_task_resume_from_exception(thread, port, 0);
}

// Removes a Zx mapping made here and closes its VMO.
void fb_zx_unmap(uintptr_t addr, size_t pages, zx_handle_t vmo) {
    zx_vmar_unmap(zx_vmar_root_self(), addr, pages * PAGE);
    zx_handle_close(vmo);
}

// Removes the floor's mapping and closes its file.
void fb_host_unmap(uintptr_t addr, size_t pages, int fd) {
    munmap((void*)addr, pages * PAGE);
    close(fd);
}

// ---- MMIO: an emulated register access against the floor of one host signal's delivery and return --------------

#include <signal.h>
#include <ucontext.h>

static struct sigaction fb_previous_sigill;

static void fb_skip_ud2(int signal_number, siginfo_t* info, void* context) {
    (void)signal_number;
    (void)info;
    ((ucontext_t*)context)->uc_mcontext.gregs[REG_RIP] += 2; // past the ud2
}

// Installs a SIGILL handler that steps over `ud2` (the floor: a trap, its delivery and the return), in front of
// libzircon's; fb_signal_floor_end puts the previous one back.
void fb_signal_floor_begin(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = fb_skip_ud2;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    sigaction(SIGILL, &action, &fb_previous_sigill);
}

void fb_signal_floor_end(void) {
    sigaction(SIGILL, &fb_previous_sigill, NULL);
}

void fb_signal_floor(void) {
    __asm__ volatile("ud2" ::: "memory");
}

// Maps the default board's PL011 (uart0); its address, or 0.
uintptr_t fb_uart_map(zx_handle_t* vmo) {
    zx_handle_t mmio;
    zx_vaddr_t addr = 0;
    if (zx_resource_create(get_root_resource(), ZX_RSRC_KIND_MMIO, 0x09000000, PAGE, "bench-uart", 10, &mmio) != ZX_OK) return 0;
    zx_status_t status = zx_vmo_create_physical(mmio, 0x09000000, PAGE, vmo);
    zx_handle_close(mmio);
    if (status != ZX_OK) return 0;
    if (zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, 0, *vmo, 0, PAGE, &addr) != ZX_OK) return 0;
    return addr;
}

// One emulated 32-bit read (UARTFR) and one emulated 32-bit write (UARTIFLS).
uint32_t fb_uart_read_write(uintptr_t uart) {
    uint32_t flags = *(volatile uint32_t*)(uart + 0x018);
    *(volatile uint32_t*)(uart + 0x034) = 0x12;
    return flags;
}
