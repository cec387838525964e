// Register expectations across an unchanged driver's plain volatile accesses (include/zx/mmio-expect.h).
#include <zx/mmio-expect.h>
#include "zxtest.h"

#define UART 0x09000000ull

// A tiny PL011 bring-up, as a driver would write it: the code under test, unchanged by the test.
static void uart_init_and_send(volatile uint32_t* regs, uint32_t cr, char c) {
    regs[0x30 / 4] = 0;      // UARTCR: off while programming
    regs[0x24 / 4] = 13;     // UARTIBRD
    regs[0x2c / 4] = 0x70;   // UARTLCR_H: 8N1, FIFOs on
    regs[0x30 / 4] = cr;     // UARTCR
    while (regs[0x18 / 4] & (1u << 5)) {  // UARTFR.TXFF
    }
    regs[0] = (uint32_t)c;   // UARTDR
}

static volatile uint32_t* map_uart(zx_handle_t* vmo) {
    zx_vaddr_t addr = 0;
    if (zx_vmo_create_physical(get_root_resource(), UART, ZX_PAGE_SIZE, vmo) != ZX_OK) return NULL;
    if (zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, 0, *vmo, 0, ZX_PAGE_SIZE, &addr) != ZX_OK) return NULL;
    return (volatile uint32_t*)addr;
}

static void unmap(volatile uint32_t* regs, zx_handle_t vmo) {
    zx_vmar_unmap(zx_vmar_root_self(), (zx_vaddr_t)regs, ZX_PAGE_SIZE);
    zx_handle_close(vmo);
}

static void expect_bring_up(uint32_t cr, char c) {
    zxmock_mmio_expect_write("uart0", 0x30, 4, 0);
    zxmock_mmio_expect_write("uart0", 0x24, 4, 13);
    zxmock_mmio_expect_write("uart0", 0x2c, 4, 0x70);
    zxmock_mmio_expect_write("uart0", 0x30, 4, cr);
    zxmock_mmio_expect_read("uart0", 0x18, 4, 1u << 5);  // full once: the driver must poll again
    zxmock_mmio_expect_read("uart0", 0x18, 4, 0x90);
    zxmock_mmio_expect_write("uart0", 0x00, 4, (uint64_t)c);
}

TEST(a_driver_that_does_what_is_expected_verifies) {
    ASSERT_OK(zxmock_mmio_begin("uart0", 0));
    expect_bring_up(0x301, 'A');
    zx_handle_t vmo;
    volatile uint32_t* regs = map_uart(&vmo);
    ASSERT_TRUE(regs != NULL);
    uart_init_and_send(regs, 0x301, 'A');
    char why[256] = "";
    EXPECT_OK(zxmock_mmio_verify("uart0", why, sizeof why));
    EXPECT_EQ(0, why[0]);
    unmap(regs, vmo);
    zxmock_mmio_end("uart0");
}

TEST(a_wrong_value_fails_with_the_offset_width_values_and_instruction) {
    ASSERT_OK(zxmock_mmio_begin("uart0", 0));
    expect_bring_up(0x301, 'A');
    zx_handle_t vmo;
    volatile uint32_t* regs = map_uart(&vmo);
    ASSERT_TRUE(regs != NULL);
    uart_init_and_send(regs, 0x201, 'A');  // UARTCR without TXE: a driver bug
    char why[256] = "";
    EXPECT_EQ(ZX_ERR_BAD_STATE, zxmock_mmio_verify("uart0", why, sizeof why));
    EXPECT_TRUE(strstr(why, "expected write32 at +0x030 0x00000301, got write32 at +0x030 0x00000201") != NULL);
    EXPECT_TRUE(strstr(why, "instruction at 0x") != NULL);
    unmap(regs, vmo);
    zxmock_mmio_end("uart0");
}

TEST(a_skipped_write_fails_at_verify) {
    ASSERT_OK(zxmock_mmio_begin("uart0", 0));
    expect_bring_up(0x301, 'A');
    zxmock_mmio_expect_write("uart0", 0x38, 4, 0x10);  // UARTIMSC: the driver never writes it
    zx_handle_t vmo;
    volatile uint32_t* regs = map_uart(&vmo);
    ASSERT_TRUE(regs != NULL);
    uart_init_and_send(regs, 0x301, 'A');
    char why[256] = "";
    EXPECT_EQ(ZX_ERR_BAD_STATE, zxmock_mmio_verify("uart0", why, sizeof why));
    EXPECT_TRUE(strstr(why, "1 expected access(es) never came, the first: write32 at +0x038 0x00000010") != NULL);
    unmap(regs, vmo);
    zxmock_mmio_end("uart0");
}

TEST(expectations_in_any_order_and_the_api_checks) {
    EXPECT_EQ(ZX_ERR_NOT_FOUND, zxmock_mmio_begin("no-such-region", 0));
    EXPECT_EQ(ZX_ERR_NOT_FOUND, zxmock_mmio_begin("ram", 0));  // not an MMIO region
    EXPECT_EQ(ZX_ERR_BAD_STATE, zxmock_mmio_expect_write("gpio", 0, 4, 0));  // never begun
    ASSERT_OK(zxmock_mmio_begin("uart0", 1));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zxmock_mmio_expect_read("uart0", 0, 3, 0));
    zxmock_mmio_expect_write("uart0", 0x00, 4, 'A');
    zxmock_mmio_expect_read("uart0", 0x18, 4, 0x90);
    zxmock_mmio_expect_write("uart0", 0x2c, 4, 0x70);
    zxmock_mmio_expect_write("uart0", 0x30, 4, 0x301);
    zxmock_mmio_expect_write("uart0", 0x24, 4, 13);
    zxmock_mmio_expect_write("uart0", 0x30, 4, 0);
    zx_handle_t vmo;
    volatile uint32_t* regs = map_uart(&vmo);
    ASSERT_TRUE(regs != NULL);
    uart_init_and_send(regs, 0x301, 'A');
    EXPECT_OK(zxmock_mmio_verify("uart0", NULL, 0));
    unmap(regs, vmo);
    zxmock_mmio_end("uart0");
    // The model answers again once the script ends.
    regs = map_uart(&vmo);
    ASSERT_TRUE(regs != NULL);
    EXPECT_EQ(0x90, regs[0x18 / 4]);
    unmap(regs, vmo);
}
