// A program with a known sequence of syscalls, for the zx tool's tests: its trace is compared line by line with
// trace_sample.expected, and the event it leaves open must show up in the leak report.
#include <zircon/syscalls.h>

int main(void) {
    zx_handle_t mmio, vmo, dup, leaked;
    zx_resource_create(get_root_resource(), ZX_RSRC_KIND_MMIO, 0x09000000, 0x1000, "uart0", 5, &mmio);
    zx_vmo_create_physical(mmio, 0x09000000, 0x1000, &vmo);
    zx_handle_duplicate(vmo, ZX_RIGHT_READ | ZX_RIGHT_MAP, &dup);
    zx_vmo_create_physical(dup, 0x09000000, 0x1000, &leaked);
    zx_vmo_set_cache_policy(vmo, ZX_CACHE_POLICY_UNCACHED_DEVICE);
    zx_handle_close(dup);
    zx_handle_close(vmo);
    zx_handle_close(mmio);
    zx_event_create(0, &leaked);
    zx_object_signal(leaked, 0, ZX_USER_SIGNAL_0);
    zx_object_wait_one(leaked, ZX_USER_SIGNAL_0 | ZX_USER_SIGNAL_1, ZX_TIME_INFINITE, NULL);
    zx_vcpu_interrupt(ZX_HANDLE_INVALID, 1); // declared, answering NOT_SUPPORTED: traced all the same
    return 3;
}
