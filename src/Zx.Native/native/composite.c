// The 2018 syscalls that are C around other syscalls: the early-2018 argument orders of the VMAR calls, zx_cprng_draw
// (which returns nothing), and the two calls that end with leaving the thread. Each inner call is a syscall of its
// own, so it is traced and checked as usual.

#include <stdatomic.h>
#include <zircon/syscalls.h>
#include "zxshim.h"

ZXSHIM_EXPORT zx_status_t zx_vmar_allocate_old(zx_handle_t parent_vmar, uint64_t offset, uint64_t size, uint32_t map_flags,
                                               zx_handle_t* child_vmar, zx_vaddr_t* child_addr) {
    return zx_vmar_allocate(parent_vmar, map_flags, offset, size, child_vmar, child_addr);
}

ZXSHIM_EXPORT zx_status_t zx_vmar_map_old(zx_handle_t handle, uint64_t vmar_offset, zx_handle_t vmo, uint64_t vmo_offset,
                                          uint64_t len, uint32_t map_flags, zx_vaddr_t* mapped_addr) {
    return zx_vmar_map(handle, map_flags, vmar_offset, vmo, vmo_offset, len, mapped_addr);
}

ZXSHIM_EXPORT zx_status_t zx_vmar_protect_old(zx_handle_t handle, zx_vaddr_t addr, uint64_t len, uint32_t prot_flags) {
    return zx_vmar_protect(handle, prot_flags, addr, len);
}

ZXSHIM_EXPORT void zx_cprng_draw(void* buffer, size_t buffer_size) {
    uint8_t* next = buffer;
    while (buffer_size > 0) {
        size_t chunk = buffer_size < ZX_CPRNG_DRAW_MAX_LEN ? buffer_size : ZX_CPRNG_DRAW_MAX_LEN;
        if (zx_cprng_draw_new(next, chunk) != ZX_OK) {
            // Zircon's vDSO traps here, which kills the process; Zx kills the calling process, not the host.
            zx_task_kill(zx_process_self());
            zxshim_leave_killed();
        }
        next += chunk;
        buffer_size -= chunk;
    }
}

ZXSHIM_EXPORT zx_status_t zx_vmar_unmap_handle_close_thread_exit(zx_handle_t vmar_handle, zx_vaddr_t addr, size_t size,
                                                                 zx_handle_t handle) {
    zx_status_t status = zx_vmar_unmap(vmar_handle, addr, size);
    if (status != ZX_OK)
        return status;
    zx_handle_close(handle);
    zx_thread_exit();
}

ZXSHIM_EXPORT _Noreturn void zx_futex_wake_handle_close_thread_exit(const zx_futex_t* value_ptr, uint32_t count,
                                                                    int32_t new_value, zx_handle_t handle) {
    // The word may be the last thing that keeps a joiner waiting: store, wake its waiters, then leave.
    atomic_store((zx_futex_t*)value_ptr, new_value);
    zx_futex_wake(value_ptr, count);
    zx_handle_close(handle);
    zx_thread_exit();
}
