// Dies of a bad memory access after a few syscalls, for the zx tool's crash report. "released": touches a mapping
// after zx_vmar_unmap released it. "unbacked": touches a physical VMO over an address no board region backs.
#include <stdio.h>
#include <string.h>
#include <zircon/syscalls.h>

int main(int argc, char** argv) {
    const char* how = argc > 1 ? argv[1] : "released";
    zx_handle_t vmo;
    zx_vaddr_t addr;
    if (strcmp(how, "unbacked") == 0) {
        zx_vmo_create_physical(get_root_resource(), 0x1000, ZX_PAGE_SIZE, &vmo);
        zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, 0, vmo, 0, ZX_PAGE_SIZE, &addr);
        printf("touching the unbacked page at %#lx\n", (unsigned long)addr);
    } else {
        zx_vmo_create_physical(get_root_resource(), 0x09000000, ZX_PAGE_SIZE, &vmo);
        zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, 0, vmo, 0, ZX_PAGE_SIZE, &addr);
        zx_vmar_unmap(zx_vmar_root_self(), addr, ZX_PAGE_SIZE);
        printf("touching the released page at %#lx\n", (unsigned long)addr);
    }
    fflush(stdout);
    *(volatile unsigned*)(addr + 0x30) = 1;
    return 0;
}
