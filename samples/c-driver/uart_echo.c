// A second PL011 driver: it enables the receiver and the RX interrupt, then sleeps in zx_port_wait until the
// UART's interrupt (SPI 33 on the default board) says bytes arrived, and echoes each one back through UARTDR. On Zx
// the emulated UART receives what is typed on standard input. It stops at 'q', or after 5 s without input.
#include <stdio.h>
#include <zircon/syscalls.h>
#include <zircon/syscalls/port.h>

#define PL011_BASE 0x09000000ull
#define PL011_IRQ 33
#define UARTDR 0x000
#define UARTFR 0x018
#define UARTCR 0x030
#define UARTIMSC 0x038
#define UARTICR 0x044
#define FR_RXFE (1u << 4)
#define INT_RX (1u << 4)

int main(void) {
    zx_handle_t root = get_root_resource(), vmo, irq, interrupt, port;
    zx_vaddr_t base;
    if (zx_vmo_create_physical(root, PL011_BASE, ZX_PAGE_SIZE, &vmo) != ZX_OK ||
        zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, 0, vmo, 0, ZX_PAGE_SIZE, &base) != ZX_OK ||
        zx_resource_create(root, ZX_RSRC_KIND_IRQ, PL011_IRQ, 1, "pl011-irq", 9, &irq) != ZX_OK ||
        zx_interrupt_create(irq, PL011_IRQ, ZX_INTERRUPT_MODE_LEVEL_HIGH, &interrupt) != ZX_OK ||
        zx_port_create(ZX_PORT_BIND_TO_INTERRUPT, &port) != ZX_OK ||
        zx_interrupt_bind(interrupt, port, PL011_IRQ, 0) != ZX_OK) {
        fprintf(stderr, "uart_echo: cannot set up the UART\n");
        return 1;
    }
    volatile uint32_t* regs = (volatile uint32_t*)base;
    regs[UARTICR / 4] = 0x7ff;           // clear every interrupt
    regs[UARTIMSC / 4] = INT_RX;         // unmask RX
    regs[UARTCR / 4] = 0x301;            // UARTEN | TXE | RXE
    int echoed = 0, done = 0;
    while (!done) {
        zx_port_packet_t packet;
        if (zx_port_wait(port, zx_deadline_after(ZX_SEC(5)), &packet) != ZX_OK)
            break;                        // quiet for 5 s: stop
        while (!(regs[UARTFR / 4] & FR_RXFE)) {
            uint32_t c = regs[UARTDR / 4] & 0xff;
            if (c == 'q') {
                done = 1;
                break;
            }
            regs[UARTDR / 4] = c;        // echo
            echoed++;
        }
        zx_interrupt_ack(interrupt);
    }
    regs[UARTIMSC / 4] = 0;
    fprintf(stderr, "uart_echo: echoed %d bytes\n", echoed);
    zx_handle_close(port);
    zx_handle_close(interrupt);
    zx_handle_close(irq);
    zx_vmar_unmap(zx_vmar_root_self(), base, ZX_PAGE_SIZE);
    zx_handle_close(vmo);
    return 0;
}
