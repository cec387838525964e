// A small driver in the style of a Zircon platform driver: it claims the PL011 UART of the default board
// (QEMU arm64 virt, 0x0900_0000), maps its registers and programs them through a volatile pointer.
//
//   dotnet publish src/Zx.Native -c Release -o artifacts/native
//   gcc -I include samples/c-driver/uart_driver.c -L artifacts/native -Wl,-rpath,$PWD/artifacts/native -lzircon -o uart_driver
//   ./uart_driver
#include <stdio.h>
#include <string.h>
#include <zircon/syscalls.h>

#define PL011_BASE 0x09000000u
#define PL011_SIZE 0x1000u

// PL011 register offsets.
#define UARTDR 0x00
#define UARTFR 0x18
#define UARTIBRD 0x24
#define UARTFBRD 0x28
#define UARTLCR_H 0x2c
#define UARTCR 0x30
#define UARTIMSC 0x38

#define CHECK(call)                                                                   \
    do {                                                                              \
        zx_status_t s_ = (call);                                                      \
        printf("%-72s = %s\n", #call, zx_status_get_string(s_));                      \
        if (s_ != ZX_OK) return 1;                                                    \
    } while (0)

static volatile uint32_t* regs;

static void reg_write(uint32_t offset, uint32_t value) {
    regs[offset / 4] = value;
    printf("  write 0x%08x to   +0x%02x\n", value, offset);
}

int main(void) {
    zx_handle_t root = get_root_resource();
    zx_handle_t mmio, vmo;
    zx_vaddr_t vaddr;
    CHECK(zx_resource_create(root, ZX_RSRC_KIND_MMIO | ZX_RSRC_FLAG_EXCLUSIVE, PL011_BASE, PL011_SIZE, "pl011", 5, &mmio));
    CHECK(zx_vmo_create_physical(mmio, PL011_BASE, PL011_SIZE, &vmo));
    CHECK(zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, 0, vmo, 0, PL011_SIZE, &vaddr));
    regs = (volatile uint32_t*)vaddr;
    printf("PL011 registers mapped at %p (physical 0x%08x)\n", (void*)vaddr, PL011_BASE);

    reg_write(UARTCR, 0);              // disable while programming
    reg_write(UARTIBRD, 13);           // 115200 baud from a 24 MHz clock
    reg_write(UARTFBRD, 1);
    reg_write(UARTLCR_H, 0x70);        // 8 data bits, FIFOs on
    reg_write(UARTIMSC, 0);            // no interrupts
    reg_write(UARTCR, 0x301);          // UART, TX and RX on
    const char* message = "hello from a Zircon driver\n";
    for (const char* c = message; *c; c++) regs[UARTDR / 4] = (uint32_t)*c;
    printf("  wrote %zu bytes to UARTDR; UARTCR reads back 0x%08x\n", strlen(message), regs[UARTCR / 4]);

    // A second, independent physical VMO over the same page sees the same registers.
    zx_handle_t alias;
    zx_vaddr_t alias_vaddr;
    CHECK(zx_vmo_create_physical(root, PL011_BASE, PL011_SIZE, &alias));
    CHECK(zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ, 0, alias, 0, PL011_SIZE, &alias_vaddr));
    printf("  alias at %p reads UARTCR = 0x%08x\n", (void*)alias_vaddr, ((volatile uint32_t*)alias_vaddr)[UARTCR / 4]);

    // A second exclusive claim on the UART is refused.
    zx_handle_t again;
    zx_status_t s = zx_resource_create(root, ZX_RSRC_KIND_MMIO | ZX_RSRC_FLAG_EXCLUSIVE, PL011_BASE, PL011_SIZE, "again", 5, &again);
    printf("%-72s = %s\n", "zx_resource_create(root, MMIO|EXCLUSIVE, PL011 again)", zx_status_get_string(s));

    CHECK(zx_vmar_unmap(zx_vmar_root_self(), vaddr, PL011_SIZE));
    CHECK(zx_vmar_unmap(zx_vmar_root_self(), alias_vaddr, PL011_SIZE));
    CHECK(zx_handle_close(alias));
    CHECK(zx_handle_close(vmo));
    CHECK(zx_handle_close(mmio));
    return s == ZX_ERR_NOT_FOUND ? 0 : 1;
}
