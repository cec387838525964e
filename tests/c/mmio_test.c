// Device registers behind plain pointers: each load and store of a driver's code to a mapping of a modelled region
// (the default board's PL011 at uart0) is trapped and emulated, with every access width a compiler emits.
#include <stdatomic.h>
#include <unistd.h>
#include <zircon/syscalls/exception.h>
#include <zircon/syscalls/port.h>
#include "zxtest.h"

#define UART 0x09000000ull
#define DR 0x000
#define FR 0x018
#define CR 0x030
#define IMSC 0x038
#define SECOND (1000ll * 1000 * 1000)

static zx_vaddr_t map_uart(zx_handle_t vmar, zx_handle_t* vmo) {
    zx_handle_t mmio;
    zx_vaddr_t addr = 0;
    if (zx_resource_create(get_root_resource(), ZX_RSRC_KIND_MMIO, UART, ZX_PAGE_SIZE, "uart0", 5, &mmio) != ZX_OK) return 0;
    if (zx_vmo_create_physical(mmio, UART, ZX_PAGE_SIZE, vmo) != ZX_OK) return 0;
    zx_handle_close(mmio);
    if (zx_vmar_map(vmar, ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, 0, *vmo, 0, ZX_PAGE_SIZE, &addr) != ZX_OK) return 0;
    return addr;
}

// Catches what the UART sends while it runs: the model writes to this program's file descriptor 1, which these
// point at a pipe and back.
struct capture {
    int pipe_read, saved_stdout;
};

static int capture_begin(struct capture* c) {
    int fds[2];
    if (pipe(fds) != 0) return -1;
    fflush(stdout);
    c->pipe_read = fds[0];
    c->saved_stdout = dup(1);
    dup2(fds[1], 1);
    close(fds[1]);
    return 0;
}

// Puts standard output back and reads what was caught into |buffer| (NUL-terminated); the byte count.
static ssize_t capture_end(struct capture* c, char* buffer, size_t size) {
    fflush(stdout);
    dup2(c->saved_stdout, 1);
    close(c->saved_stdout);
    ssize_t total = 0, n;
    while (total < (ssize_t)size - 1 && (n = read(c->pipe_read, buffer + total, size - 1 - (size_t)total)) > 0) total += n;
    buffer[total] = 0;
    close(c->pipe_read);
    return total;
}

TEST(bytes_written_to_uartdr_come_out_in_order_whatever_the_store_width) {
    zx_handle_t vmo;
    zx_vaddr_t base = map_uart(zx_vmar_root_self(), &vmo);
    ASSERT_TRUE(base != 0);
    struct capture caught;
    ASSERT_EQ(0, capture_begin(&caught));
    *(volatile uint32_t*)(base + DR) = 'Z';          // a 32-bit register store
    *(volatile uint8_t*)(base + DR) = 'x';           // a byte store
    *(volatile uint16_t*)(base + DR) = 0x0100 | '-'; // a 16-bit store: the UART takes the low byte
    *(volatile uint64_t*)(base + DR) = '!';          // a 64-bit store
    volatile uint32_t* dr = (volatile uint32_t*)(base + DR);
    for (const char* p = "ok\n"; *p; p++) *dr = (uint32_t)*p;  // a store from a register
    char got[32];
    EXPECT_EQ(7, capture_end(&caught, got, sizeof got));
    EXPECT_EQ(0, strcmp(got, "Zx-!ok\n"));
    EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), base, ZX_PAGE_SIZE));
    zx_handle_close(vmo);
}

TEST(register_loads_of_every_width_see_the_model) {
    zx_handle_t vmo;
    zx_vaddr_t base = map_uart(zx_vmar_root_self(), &vmo);
    ASSERT_TRUE(base != 0);
    EXPECT_EQ(0x90, *(volatile uint32_t*)(base + FR));  // TXFE | RXFE
    EXPECT_EQ(0x90, *(volatile uint8_t*)(base + FR));   // movzx from a byte
    EXPECT_EQ(0x90, *(volatile uint16_t*)(base + FR));
    EXPECT_EQ(0x90, *(volatile uint64_t*)(base + FR));
    EXPECT_EQ(-112, *(volatile int8_t*)(base + FR));    // movsx: 0x90 as a signed byte
    EXPECT_EQ(0x11, *(volatile uint32_t*)(base + 0xFE0)); // PeriphID0
    EXPECT_EQ(0xB1, *(volatile uint32_t*)(base + 0xFFC)); // CellID3
    // A register written through one mapping reads back through another (one device behind both).
    zx_vaddr_t alias;
    ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, 0, vmo, 0, ZX_PAGE_SIZE, &alias));
    *(volatile uint32_t*)(base + IMSC) = 0x30;
    EXPECT_EQ(0x30, *(volatile uint32_t*)(alias + IMSC));
    *(volatile uint32_t*)(base + IMSC) = 0;
    EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), alias, ZX_PAGE_SIZE));
    EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), base, ZX_PAGE_SIZE));
    zx_handle_close(vmo);
}

static atomic_int or_returned;

static void or_into_register(uintptr_t unused, uintptr_t address) {
    (void)unused;
    __asm__ volatile("orl $1, (%0)" : : "r"(address) : "memory");  // read-modify-write: not emulated
    atomic_store(&or_returned, 1);
}

TEST(an_instruction_the_emulator_does_not_handle_is_the_threads_exception) {
    atomic_store(&or_returned, 0);
    zx_handle_t process, vmar, thread, vmo;
    ASSERT_OK(zx_process_create(zx_job_default(), "or", 2, 0, &process, &vmar));
    ASSERT_OK(zx_thread_create(process, "t", 1, 0, &thread));
    zx_vaddr_t base = map_uart(vmar, &vmo);
    ASSERT_TRUE(base != 0);
    ASSERT_OK(zx_process_start(process, thread, (zx_vaddr_t)&or_into_register, 0, ZX_HANDLE_INVALID, base + CR));
    ASSERT_OK(zx_object_wait_one(process, ZX_TASK_TERMINATED, zx_deadline_after(10 * SECOND), NULL));
    zx_info_process_t info;
    ASSERT_OK(zx_object_get_info(process, ZX_INFO_PROCESS, &info, sizeof info, NULL, NULL));
    EXPECT_EQ(ZX_TASK_RETCODE_EXCEPTION_KILL, info.return_code);
    EXPECT_EQ(0, atomic_load(&or_returned));
    zx_handle_close(vmo);
    zx_handle_close(thread);
    zx_handle_close(vmar);
    zx_handle_close(process);
}

TEST(a_device_interrupt_reaches_a_driver_through_its_register_writes) {
    // The driver unmasks TX in UARTIMSC, writes a byte, and the PL011's line (SPI 33) queues a packet on its port.
    zx_handle_t vmo, irq, interrupt, port;
    zx_vaddr_t base = map_uart(zx_vmar_root_self(), &vmo);
    ASSERT_TRUE(base != 0);
    ASSERT_OK(zx_resource_create(get_root_resource(), ZX_RSRC_KIND_IRQ, 33, 1, "uart0-irq", 9, &irq));
    ASSERT_OK(zx_interrupt_create(irq, 33, ZX_INTERRUPT_MODE_LEVEL_HIGH, &interrupt));
    ASSERT_OK(zx_port_create(ZX_PORT_BIND_TO_INTERRUPT, &port));
    ASSERT_OK(zx_interrupt_bind(interrupt, port, 7, 0));
    *(volatile uint32_t*)(base + 0x044) = 0x7ff;  // UARTICR: clear everything
    *(volatile uint32_t*)(base + IMSC) = 1u << 5; // unmask TX
    struct capture caught;
    ASSERT_EQ(0, capture_begin(&caught));
    *(volatile uint32_t*)(base + DR) = '.';
    char sent[8];
    EXPECT_EQ(1, capture_end(&caught, sent, sizeof sent));
    zx_port_packet_t packet;
    ASSERT_OK(zx_port_wait(port, zx_deadline_after(10 * SECOND), &packet));
    EXPECT_EQ(7, packet.key);
    EXPECT_EQ(ZX_PKT_TYPE_INTERRUPT, packet.type);
    EXPECT_EQ(1u << 5, *(volatile uint32_t*)(base + 0x040)); // UARTMIS: TX
    *(volatile uint32_t*)(base + 0x044) = 1u << 5;
    *(volatile uint32_t*)(base + IMSC) = 0;
    EXPECT_OK(zx_interrupt_ack(interrupt));
    zx_handle_close(port);
    zx_handle_close(interrupt);
    zx_handle_close(irq);
    EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), base, ZX_PAGE_SIZE));
    zx_handle_close(vmo);
}

#include <pthread.h>

struct uart_writer {
    zx_vaddr_t base;
    char letter;
};

static void* write_letters(void* arg) {
    struct uart_writer* w = arg;
    for (int i = 0; i < 200; i++) *(volatile uint32_t*)(w->base + DR) = (uint32_t)w->letter;
    return NULL;
}

TEST(accesses_from_several_threads_are_each_emulated_once) {
    zx_handle_t vmo;
    zx_vaddr_t base = map_uart(zx_vmar_root_self(), &vmo);
    ASSERT_TRUE(base != 0);
    struct capture caught;
    ASSERT_EQ(0, capture_begin(&caught));
    pthread_t threads[4];
    struct uart_writer writers[4];
    for (int i = 0; i < 4; i++) {
        writers[i] = (struct uart_writer){base, (char)('a' + i)};
        pthread_create(&threads[i], NULL, write_letters, &writers[i]);
    }
    for (int i = 0; i < 4; i++) pthread_join(threads[i], NULL);
    static char got[1024];
    ssize_t total = capture_end(&caught, got, sizeof got);
    int counts[4] = {0};
    for (ssize_t i = 0; i < total; i++)
        if (got[i] >= 'a' && got[i] <= 'd') counts[got[i] - 'a']++;
    EXPECT_EQ(800, total);
    for (int i = 0; i < 4; i++) EXPECT_EQ(200, counts[i]);
    EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), base, ZX_PAGE_SIZE));
    zx_handle_close(vmo);
}

#include <time.h>

TEST(the_rtc_reads_the_host_time_within_a_second) {
    zx_handle_t vmo;
    zx_vaddr_t rtc = 0;
    ASSERT_OK(zx_vmo_create_physical(get_root_resource(), 0x09010000ull, ZX_PAGE_SIZE, &vmo));
    ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, 0, vmo, 0, ZX_PAGE_SIZE, &rtc));
    uint32_t seconds = *(volatile uint32_t*)(rtc + 0x000);  // RTCDR
    long now = (long)time(NULL);
    EXPECT_TRUE(labs(now - (long)seconds) <= 1);
    EXPECT_EQ(0x31, *(volatile uint32_t*)(rtc + 0xFE0));   // PeriphID0
    EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), rtc, ZX_PAGE_SIZE));
    zx_handle_close(vmo);
}

// The SP804 dual timer is not on QEMU's virt board: this test writes a board file with one (timer0, SPI 36) and runs
// the driver half in a fresh host process started on that board.
#define TIMER0 0x1c110000ull
#define TIMER_LOAD 0x00
#define TIMER_VALUE 0x04
#define TIMER_CONTROL 0x08
#define TIMER_INTCLR 0x0C
#define TIMER_RIS 0x10
#define TIMER_ENABLE (1u << 7)
#define TIMER_PERIODIC (1u << 6)
#define TIMER_INTEN (1u << 5)
#define TIMER_32BIT (1u << 1)
#define TIMER_ONESHOT (1u << 0)

HELPER(sp804_timer_driver) {
    zx_handle_t mmio, vmo, irq, interrupt;
    zx_vaddr_t base = 0;
    ASSERT_OK(zx_resource_create(get_root_resource(), ZX_RSRC_KIND_MMIO, TIMER0, ZX_PAGE_SIZE, "timer0", 6, &mmio));
    ASSERT_OK(zx_vmo_create_physical(mmio, TIMER0, ZX_PAGE_SIZE, &vmo));
    ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, 0, vmo, 0, ZX_PAGE_SIZE, &base));
    ASSERT_OK(zx_resource_create(get_root_resource(), ZX_RSRC_KIND_IRQ, 36, 1, "timer0-irq", 10, &irq));
    ASSERT_OK(zx_interrupt_create(irq, 36, ZX_INTERRUPT_MODE_LEVEL_HIGH, &interrupt));
    EXPECT_EQ(0x04, *(volatile uint8_t*)(base + 0xFE0));  // PeriphID0, a byte load
    EXPECT_EQ(0x18, *(volatile uint16_t*)(base + 0xFE4)); // PeriphID1, a 16-bit load

    // Periodic at 4 ms (4,000 ticks of the 1 MHz clock): ten interrupts, each after the period, never before.
    const uint32_t period_ticks = 4000;
    *(volatile uint32_t*)(base + TIMER_LOAD) = period_ticks;
    zx_time_t started = zx_clock_get_monotonic(), first = 0, last = 0;
    *(volatile uint32_t*)(base + TIMER_CONTROL) = TIMER_ENABLE | TIMER_PERIODIC | TIMER_INTEN | TIMER_32BIT;
    uint32_t value = *(volatile uint32_t*)(base + TIMER_VALUE);
    EXPECT_TRUE(value <= period_ticks);
    for (int i = 0; i < 10; i++) {
        zx_time_t stamp = 0;
        ASSERT_OK(zx_interrupt_wait(interrupt, &stamp));
        EXPECT_EQ(1, *(volatile uint32_t*)(base + TIMER_RIS));
        *(volatile uint32_t*)(base + TIMER_INTCLR) = 1;  // the line goes low until the next expiry
        if (i == 0) first = stamp;
        last = stamp;
    }
    EXPECT_TRUE(first - started >= 4 * 1000 * 1000 - 100 * 1000);  // the first expiry after one period
    EXPECT_TRUE(last - first >= 9 * 4 * 1000 * 1000 - 100 * 1000);   // nine periods, none early
    EXPECT_TRUE(last - started < 5 * SECOND);                        // and it keeps ticking
    *(volatile uint32_t*)(base + TIMER_CONTROL) = TIMER_INTEN | TIMER_32BIT; // stop

    // One-shot: one interrupt, then the counter rests at zero and no more come.
    *(volatile uint32_t*)(base + TIMER_INTCLR) = 1;
    *(volatile uint16_t*)(base + TIMER_LOAD) = 1000;  // a 16-bit store into the 32-bit register
    EXPECT_EQ(1000, *(volatile uint32_t*)(base + TIMER_LOAD));
    *(volatile uint32_t*)(base + TIMER_CONTROL) = TIMER_ENABLE | TIMER_ONESHOT | TIMER_INTEN | TIMER_32BIT;
    ASSERT_OK(zx_interrupt_wait(interrupt, NULL));
    *(volatile uint32_t*)(base + TIMER_INTCLR) = 1;
    EXPECT_EQ(0, *(volatile uint32_t*)(base + TIMER_VALUE));
    zx_port_packet_t unused;
    zx_handle_t port;
    ASSERT_OK(zx_port_create(ZX_PORT_BIND_TO_INTERRUPT, &port));
    ASSERT_OK(zx_interrupt_bind(interrupt, port, 1, 0));
    EXPECT_EQ(ZX_ERR_TIMED_OUT, zx_port_wait(port, zx_deadline_after(20 * 1000 * 1000), &unused));
    zx_handle_close(port);
    zx_handle_close(interrupt);
    zx_handle_close(irq);
    EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), base, ZX_PAGE_SIZE));
    zx_handle_close(vmo);
    zx_handle_close(mmio);
}

TEST(the_sp804_timer_interrupts_at_its_period) {
    static const char board[] =
        "{ \"name\": \"sp804-test\", \"regions\": [\n"
        "  { \"name\": \"ram\", \"kind\": \"ram\", \"base\": \"0x4000_0000\", \"size\": \"0x400_0000\" },\n"
        "  { \"name\": \"timer0\", \"kind\": \"mmio\", \"base\": \"0x1c11_0000\", \"size\": \"0x1000\", \"device\": \"sp804\", \"irq\": 36 } ],\n"
        "  \"interrupts\": [ { \"base\": 32, \"count\": 64 } ] }\n";
    char path[] = "/tmp/zx-sp804-board-XXXXXX";
    int fd = mkstemp(path);
    ASSERT_TRUE(fd >= 0);
    ASSERT_EQ((ssize_t)(sizeof board - 1), write(fd, board, sizeof board - 1));
    close(fd);
    const char* saved = getenv("ZX_BOARD");
    char* previous = saved ? strdup(saved) : NULL;
    setenv("ZX_BOARD", path, 1);
    EXPECT_EQ(0, zxtest_run_helper("sp804_timer_driver"));
    if (previous) {
        setenv("ZX_BOARD", previous, 1);
        free(previous);
    } else {
        unsetenv("ZX_BOARD");
    }
    unlink(path);
}

// The receive side through a mapping: 20 bytes wait on the helper's standard input (the UART's stdio line); once the
// driver enables the receiver the 16-byte FIFO fills, the flag register says RXFF and not RXFE, and the bytes come
// out of UARTDR in order with loads of each width, the rest following as room appears.
HELPER(uart_receive_fifo_driver) {
    zx_handle_t vmo;
    zx_vaddr_t base = map_uart(zx_vmar_root_self(), &vmo);
    ASSERT_TRUE(base != 0);
    EXPECT_EQ(0x90, *(volatile uint32_t*)(base + FR) & 0xF0);  // TXFE | RXFE: nothing received before RXE
    *(volatile uint32_t*)(base + 0x02C) = 1u << 4;              // UARTLCR_H: FIFOs on
    *(volatile uint32_t*)(base + CR) = 0x301;                   // UARTEN | TXE | RXE
    zx_time_t deadline = zx_deadline_after(10 * SECOND);
    while ((*(volatile uint32_t*)(base + FR) & (1u << 6)) == 0 && zx_clock_get_monotonic() < deadline)
        zx_nanosleep(zx_deadline_after(1000 * 1000));
    uint32_t flags = *(volatile uint32_t*)(base + FR);
    EXPECT_EQ(1u << 6, flags & (1u << 6));  // RXFF
    EXPECT_EQ(0u, flags & (1u << 4));       // not RXFE
    char got[21] = {0};
    for (int i = 0; i < 20; i++) {
        while ((*(volatile uint16_t*)(base + FR) & (1u << 4)) != 0 && zx_clock_get_monotonic() < deadline)
            zx_nanosleep(zx_deadline_after(1000 * 1000));
        switch (i % 3) {
            case 0: got[i] = (char)*(volatile uint32_t*)(base + DR); break;
            case 1: got[i] = (char)*(volatile uint8_t*)(base + DR); break;
            default: got[i] = (char)*(volatile uint16_t*)(base + DR); break;
        }
    }
    EXPECT_EQ(0, strcmp(got, "abcdefghijklmnopqrst"));
    EXPECT_EQ(1u << 4, *(volatile uint32_t*)(base + FR) & (1u << 4));  // RXFE again
    *(volatile uint32_t*)(base + CR) = 0x301 & ~0x200u;
    EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), base, ZX_PAGE_SIZE));
    zx_handle_close(vmo);
}

TEST(a_full_receive_fifo_shows_in_the_flag_register_and_empties_in_order) {
    int fds[2];
    ASSERT_EQ(0, pipe(fds));
    ASSERT_EQ(20, write(fds[1], "abcdefghijklmnopqrst", 20));
    close(fds[1]);
    int saved = dup(0);
    dup2(fds[0], 0);
    close(fds[0]);
    EXPECT_EQ(0, zxtest_run_helper("uart_receive_fifo_driver"));
    dup2(saved, 0);
    close(saved);
}
