// Maps the default board's PL011 through a physical VMO and reads its flag register: the library, the headers and the
// device all answer from an installed tree.
#include <stdio.h>
#include <zircon/syscalls.h>

int main(void) {
    zx_handle_t vmo;
    zx_status_t status = zx_vmo_create_physical(get_root_resource(), 0x09000000, ZX_PAGE_SIZE, &vmo);
    if (status != ZX_OK) {
        printf("zx_vmo_create_physical: %d\n", status);
        return 1;
    }
    zx_vaddr_t base;
    status = zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, 0, vmo, 0, ZX_PAGE_SIZE, &base);
    if (status != ZX_OK) {
        printf("zx_vmar_map: %d\n", status);
        return 1;
    }
    printf("UARTFR = 0x%02x\n", *(volatile uint32_t*)(base + 0x18));
    return 0;
}
