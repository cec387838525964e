// Generated from syscalls/zircon.syscalls: do not edit (docs/syscalls.md says how to regenerate).
// Each exported syscall is this C function around the managed export zxabi_NAME: a host thread's first call
// makes it a Zircon thread, and a killed thread makes no syscall and never returns from one (zxshim.h).
#include <zircon/syscalls.h>
#include <zircon/process.h>
#include <zircon/threads.h>
#include <zircon/status.h>
#include "zxshim.h"

zx_time_t zxabi_clock_get(uint32_t clock_id);
ZXSHIM_EXPORT zx_time_t zx_clock_get(uint32_t clock_id) {
    ZXSHIM_ENTER();
    zx_time_t result = zxabi_clock_get(clock_id);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_time_t zxabi_clock_get_monotonic(void);
ZXSHIM_EXPORT zx_time_t zx_clock_get_monotonic(void) {
    ZXSHIM_ENTER();
    zx_time_t result = zxabi_clock_get_monotonic();
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_nanosleep(zx_time_t deadline);
ZXSHIM_EXPORT zx_status_t zx_nanosleep(zx_time_t deadline) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_nanosleep(deadline);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_time_t zxabi_deadline_after(zx_duration_t nanoseconds);
ZXSHIM_EXPORT zx_time_t zx_deadline_after(zx_duration_t nanoseconds) {
    ZXSHIM_ENTER();
    zx_time_t result = zxabi_deadline_after(nanoseconds);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_handle_close(zx_handle_t handle);
ZXSHIM_EXPORT zx_status_t zx_handle_close(zx_handle_t handle) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_handle_close(handle);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_handle_close_many(const zx_handle_t* handles, size_t num_handles);
ZXSHIM_EXPORT zx_status_t zx_handle_close_many(const zx_handle_t* handles, size_t num_handles) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_handle_close_many(handles, num_handles);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_handle_duplicate(zx_handle_t handle, zx_rights_t rights, zx_handle_t* out);
ZXSHIM_EXPORT zx_status_t zx_handle_duplicate(zx_handle_t handle, zx_rights_t rights, zx_handle_t* out) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_handle_duplicate(handle, rights, out);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_handle_replace(zx_handle_t handle, zx_rights_t rights, zx_handle_t* out);
ZXSHIM_EXPORT zx_status_t zx_handle_replace(zx_handle_t handle, zx_rights_t rights, zx_handle_t* out) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_handle_replace(handle, rights, out);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_object_wait_one(zx_handle_t handle, zx_signals_t signals, zx_time_t deadline, zx_signals_t* observed);
ZXSHIM_EXPORT zx_status_t zx_object_wait_one(zx_handle_t handle, zx_signals_t signals, zx_time_t deadline, zx_signals_t* observed) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_object_wait_one(handle, signals, deadline, observed);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_object_wait_many(zx_wait_item_t* items, size_t count, zx_time_t deadline);
ZXSHIM_EXPORT zx_status_t zx_object_wait_many(zx_wait_item_t* items, size_t count, zx_time_t deadline) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_object_wait_many(items, count, deadline);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_object_wait_async(zx_handle_t handle, zx_handle_t port, uint64_t key, zx_signals_t signals, uint32_t options);
ZXSHIM_EXPORT zx_status_t zx_object_wait_async(zx_handle_t handle, zx_handle_t port, uint64_t key, zx_signals_t signals, uint32_t options) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_object_wait_async(handle, port, key, signals, options);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_object_signal(zx_handle_t handle, uint32_t clear_mask, uint32_t set_mask);
ZXSHIM_EXPORT zx_status_t zx_object_signal(zx_handle_t handle, uint32_t clear_mask, uint32_t set_mask) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_object_signal(handle, clear_mask, set_mask);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_object_signal_peer(zx_handle_t handle, uint32_t clear_mask, uint32_t set_mask);
ZXSHIM_EXPORT zx_status_t zx_object_signal_peer(zx_handle_t handle, uint32_t clear_mask, uint32_t set_mask) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_object_signal_peer(handle, clear_mask, set_mask);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_object_get_property(zx_handle_t handle, uint32_t property, void* value, size_t size);
ZXSHIM_EXPORT zx_status_t zx_object_get_property(zx_handle_t handle, uint32_t property, void* value, size_t size) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_object_get_property(handle, property, value, size);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_object_set_property(zx_handle_t handle, uint32_t property, const void* value, size_t size);
ZXSHIM_EXPORT zx_status_t zx_object_set_property(zx_handle_t handle, uint32_t property, const void* value, size_t size) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_object_set_property(handle, property, value, size);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_object_get_info(zx_handle_t handle, uint32_t topic, void* buffer, size_t buffer_size, size_t* actual, size_t* avail);
ZXSHIM_EXPORT zx_status_t zx_object_get_info(zx_handle_t handle, uint32_t topic, void* buffer, size_t buffer_size, size_t* actual, size_t* avail) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_object_get_info(handle, topic, buffer, buffer_size, actual, avail);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_channel_create(uint32_t options, zx_handle_t* out0, zx_handle_t* out1);
ZXSHIM_EXPORT zx_status_t zx_channel_create(uint32_t options, zx_handle_t* out0, zx_handle_t* out1) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_channel_create(options, out0, out1);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_channel_read(zx_handle_t handle, uint32_t options, void* bytes, zx_handle_t* handles, uint32_t num_bytes, uint32_t num_handles, uint32_t* actual_bytes, uint32_t* actual_handles);
ZXSHIM_EXPORT zx_status_t zx_channel_read(zx_handle_t handle, uint32_t options, void* bytes, zx_handle_t* handles, uint32_t num_bytes, uint32_t num_handles, uint32_t* actual_bytes, uint32_t* actual_handles) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_channel_read(handle, options, bytes, handles, num_bytes, num_handles, actual_bytes, actual_handles);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_channel_read_etc(zx_handle_t handle, uint32_t options, void* bytes, zx_handle_info_t* handles, uint32_t num_bytes, uint32_t num_handles, uint32_t* actual_bytes, uint32_t* actual_handles);
ZXSHIM_EXPORT zx_status_t zx_channel_read_etc(zx_handle_t handle, uint32_t options, void* bytes, zx_handle_info_t* handles, uint32_t num_bytes, uint32_t num_handles, uint32_t* actual_bytes, uint32_t* actual_handles) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_channel_read_etc(handle, options, bytes, handles, num_bytes, num_handles, actual_bytes, actual_handles);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_channel_write(zx_handle_t handle, uint32_t options, const void* bytes, uint32_t num_bytes, const zx_handle_t* handles, uint32_t num_handles);
ZXSHIM_EXPORT zx_status_t zx_channel_write(zx_handle_t handle, uint32_t options, const void* bytes, uint32_t num_bytes, const zx_handle_t* handles, uint32_t num_handles) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_channel_write(handle, options, bytes, num_bytes, handles, num_handles);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_channel_call(zx_handle_t handle, uint32_t options, zx_time_t deadline, const zx_channel_call_args_t* args, uint32_t* actual_bytes, uint32_t* actual_handles);
ZXSHIM_EXPORT zx_status_t zx_channel_call(zx_handle_t handle, uint32_t options, zx_time_t deadline, const zx_channel_call_args_t* args, uint32_t* actual_bytes, uint32_t* actual_handles) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_channel_call(handle, options, deadline, args, actual_bytes, actual_handles);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_thread_create(zx_handle_t process, const char* name, size_t name_size, uint32_t options, zx_handle_t* out);
ZXSHIM_EXPORT zx_status_t zx_thread_create(zx_handle_t process, const char* name, size_t name_size, uint32_t options, zx_handle_t* out) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_thread_create(process, name, name_size, options, out);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_thread_start(zx_handle_t handle, zx_vaddr_t thread_entry, zx_vaddr_t stack, uintptr_t arg1, uintptr_t arg2);
ZXSHIM_EXPORT zx_status_t zx_thread_start(zx_handle_t handle, zx_vaddr_t thread_entry, zx_vaddr_t stack, uintptr_t arg1, uintptr_t arg2) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_thread_start(handle, thread_entry, stack, arg1, arg2);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_process_create(zx_handle_t job, const char* name, size_t name_size, uint32_t options, zx_handle_t* proc_handle, zx_handle_t* vmar_handle);
ZXSHIM_EXPORT zx_status_t zx_process_create(zx_handle_t job, const char* name, size_t name_size, uint32_t options, zx_handle_t* proc_handle, zx_handle_t* vmar_handle) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_process_create(job, name, name_size, options, proc_handle, vmar_handle);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_process_start(zx_handle_t handle, zx_handle_t thread, zx_vaddr_t entry, zx_vaddr_t stack, zx_handle_t arg1, uintptr_t arg2);
ZXSHIM_EXPORT zx_status_t zx_process_start(zx_handle_t handle, zx_handle_t thread, zx_vaddr_t entry, zx_vaddr_t stack, zx_handle_t arg1, uintptr_t arg2) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_process_start(handle, thread, entry, stack, arg1, arg2);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_job_create(zx_handle_t parent_job, uint32_t options, zx_handle_t* out);
ZXSHIM_EXPORT zx_status_t zx_job_create(zx_handle_t parent_job, uint32_t options, zx_handle_t* out) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_job_create(parent_job, options, out);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_task_kill(zx_handle_t handle);
ZXSHIM_EXPORT zx_status_t zx_task_kill(zx_handle_t handle) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_task_kill(handle);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_event_create(uint32_t options, zx_handle_t* out);
ZXSHIM_EXPORT zx_status_t zx_event_create(uint32_t options, zx_handle_t* out) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_event_create(options, out);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_eventpair_create(uint32_t options, zx_handle_t* out0, zx_handle_t* out1);
ZXSHIM_EXPORT zx_status_t zx_eventpair_create(uint32_t options, zx_handle_t* out0, zx_handle_t* out1) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_eventpair_create(options, out0, out1);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_port_create(uint32_t options, zx_handle_t* out);
ZXSHIM_EXPORT zx_status_t zx_port_create(uint32_t options, zx_handle_t* out) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_port_create(options, out);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_port_queue(zx_handle_t handle, const zx_port_packet_t* packet);
ZXSHIM_EXPORT zx_status_t zx_port_queue(zx_handle_t handle, const zx_port_packet_t* packet) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_port_queue(handle, packet);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_port_wait(zx_handle_t handle, zx_time_t deadline, zx_port_packet_t* packet);
ZXSHIM_EXPORT zx_status_t zx_port_wait(zx_handle_t handle, zx_time_t deadline, zx_port_packet_t* packet) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_port_wait(handle, deadline, packet);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_port_cancel(zx_handle_t handle, zx_handle_t source, uint64_t key);
ZXSHIM_EXPORT zx_status_t zx_port_cancel(zx_handle_t handle, zx_handle_t source, uint64_t key) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_port_cancel(handle, source, key);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_vmo_create(uint64_t size, uint32_t options, zx_handle_t* out);
ZXSHIM_EXPORT zx_status_t zx_vmo_create(uint64_t size, uint32_t options, zx_handle_t* out) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_vmo_create(size, options, out);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_vmo_read(zx_handle_t handle, void* buffer, uint64_t offset, size_t buffer_size);
ZXSHIM_EXPORT zx_status_t zx_vmo_read(zx_handle_t handle, void* buffer, uint64_t offset, size_t buffer_size) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_vmo_read(handle, buffer, offset, buffer_size);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_vmo_write(zx_handle_t handle, const void* buffer, uint64_t offset, size_t buffer_size);
ZXSHIM_EXPORT zx_status_t zx_vmo_write(zx_handle_t handle, const void* buffer, uint64_t offset, size_t buffer_size) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_vmo_write(handle, buffer, offset, buffer_size);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_vmo_get_size(zx_handle_t handle, uint64_t* size);
ZXSHIM_EXPORT zx_status_t zx_vmo_get_size(zx_handle_t handle, uint64_t* size) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_vmo_get_size(handle, size);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_vmo_set_size(zx_handle_t handle, uint64_t size);
ZXSHIM_EXPORT zx_status_t zx_vmo_set_size(zx_handle_t handle, uint64_t size) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_vmo_set_size(handle, size);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_vmo_op_range(zx_handle_t handle, uint32_t op, uint64_t offset, uint64_t size, void* buffer, size_t buffer_size);
ZXSHIM_EXPORT zx_status_t zx_vmo_op_range(zx_handle_t handle, uint32_t op, uint64_t offset, uint64_t size, void* buffer, size_t buffer_size) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_vmo_op_range(handle, op, offset, size, buffer, buffer_size);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_vmo_clone(zx_handle_t handle, uint32_t options, uint64_t offset, uint64_t size, zx_handle_t* out);
ZXSHIM_EXPORT zx_status_t zx_vmo_clone(zx_handle_t handle, uint32_t options, uint64_t offset, uint64_t size, zx_handle_t* out) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_vmo_clone(handle, options, offset, size, out);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_vmo_create_child(zx_handle_t handle, uint32_t options, uint64_t offset, uint64_t size, zx_handle_t* out);
ZXSHIM_EXPORT zx_status_t zx_vmo_create_child(zx_handle_t handle, uint32_t options, uint64_t offset, uint64_t size, zx_handle_t* out) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_vmo_create_child(handle, options, offset, size, out);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_vmo_set_cache_policy(zx_handle_t handle, uint32_t cache_policy);
ZXSHIM_EXPORT zx_status_t zx_vmo_set_cache_policy(zx_handle_t handle, uint32_t cache_policy) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_vmo_set_cache_policy(handle, cache_policy);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_vmar_allocate(zx_handle_t parent_vmar, zx_vm_option_t options, size_t offset, size_t size, zx_handle_t* child_vmar, zx_vaddr_t* child_addr);
ZXSHIM_EXPORT zx_status_t zx_vmar_allocate(zx_handle_t parent_vmar, zx_vm_option_t options, size_t offset, size_t size, zx_handle_t* child_vmar, zx_vaddr_t* child_addr) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_vmar_allocate(parent_vmar, options, offset, size, child_vmar, child_addr);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_vmar_destroy(zx_handle_t vmar_handle);
ZXSHIM_EXPORT zx_status_t zx_vmar_destroy(zx_handle_t vmar_handle) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_vmar_destroy(vmar_handle);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_vmar_map(zx_handle_t vmar_handle, zx_vm_option_t options, size_t vmar_offset, zx_handle_t vmo_handle, uint64_t vmo_offset, size_t len, zx_vaddr_t* mapped_addr);
ZXSHIM_EXPORT zx_status_t zx_vmar_map(zx_handle_t vmar_handle, zx_vm_option_t options, size_t vmar_offset, zx_handle_t vmo_handle, uint64_t vmo_offset, size_t len, zx_vaddr_t* mapped_addr) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_vmar_map(vmar_handle, options, vmar_offset, vmo_handle, vmo_offset, len, mapped_addr);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_vmar_unmap(zx_handle_t vmar_handle, zx_vaddr_t addr, size_t len);
ZXSHIM_EXPORT zx_status_t zx_vmar_unmap(zx_handle_t vmar_handle, zx_vaddr_t addr, size_t len) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_vmar_unmap(vmar_handle, addr, len);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_vmar_protect(zx_handle_t vmar_handle, zx_vm_option_t options, zx_vaddr_t addr, size_t len);
ZXSHIM_EXPORT zx_status_t zx_vmar_protect(zx_handle_t vmar_handle, zx_vm_option_t options, zx_vaddr_t addr, size_t len) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_vmar_protect(vmar_handle, options, addr, len);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_vmo_create_contiguous(zx_handle_t bti, size_t size, uint32_t alignment_log2, zx_handle_t* out);
ZXSHIM_EXPORT zx_status_t zx_vmo_create_contiguous(zx_handle_t bti, size_t size, uint32_t alignment_log2, zx_handle_t* out) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_vmo_create_contiguous(bti, size, alignment_log2, out);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_vmo_create_physical(zx_handle_t resource, zx_paddr_t paddr, size_t size, zx_handle_t* out);
ZXSHIM_EXPORT zx_status_t zx_vmo_create_physical(zx_handle_t resource, zx_paddr_t paddr, size_t size, zx_handle_t* out) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_vmo_create_physical(resource, paddr, size, out);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_iommu_create(zx_handle_t resource, uint32_t type, const void* desc, size_t desc_size, zx_handle_t* out);
ZXSHIM_EXPORT zx_status_t zx_iommu_create(zx_handle_t resource, uint32_t type, const void* desc, size_t desc_size, zx_handle_t* out) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_iommu_create(resource, type, desc, desc_size, out);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_bti_create(zx_handle_t iommu, uint32_t options, uint64_t bti_id, zx_handle_t* out);
ZXSHIM_EXPORT zx_status_t zx_bti_create(zx_handle_t iommu, uint32_t options, uint64_t bti_id, zx_handle_t* out) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_bti_create(iommu, options, bti_id, out);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_bti_pin(zx_handle_t bti, uint32_t options, zx_handle_t vmo, uint64_t offset, uint64_t size, zx_paddr_t* addrs, size_t addrs_count, zx_handle_t* pmt);
ZXSHIM_EXPORT zx_status_t zx_bti_pin(zx_handle_t bti, uint32_t options, zx_handle_t vmo, uint64_t offset, uint64_t size, zx_paddr_t* addrs, size_t addrs_count, zx_handle_t* pmt) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_bti_pin(bti, options, vmo, offset, size, addrs, addrs_count, pmt);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_bti_release_quarantine(zx_handle_t bti);
ZXSHIM_EXPORT zx_status_t zx_bti_release_quarantine(zx_handle_t bti) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_bti_release_quarantine(bti);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_pmt_unpin(zx_handle_t pmt);
ZXSHIM_EXPORT zx_status_t zx_pmt_unpin(zx_handle_t pmt) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_pmt_unpin(pmt);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_resource_create(zx_handle_t parent_rsrc, uint32_t options, uint64_t base, size_t size, const char* name, size_t name_size, zx_handle_t* resource_out);
ZXSHIM_EXPORT zx_status_t zx_resource_create(zx_handle_t parent_rsrc, uint32_t options, uint64_t base, size_t size, const char* name, size_t name_size, zx_handle_t* resource_out) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_resource_create(parent_rsrc, options, base, size, name, name_size, resource_out);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_handle_t zxabi_process_self(void);
ZXSHIM_EXPORT zx_handle_t zx_process_self(void) {
    ZXSHIM_ENTER();
    zx_handle_t result = zxabi_process_self();
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_handle_t zxabi_thread_self(void);
ZXSHIM_EXPORT zx_handle_t zx_thread_self(void) {
    ZXSHIM_ENTER();
    zx_handle_t result = zxabi_thread_self();
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_handle_t zxabi_vmar_root_self(void);
ZXSHIM_EXPORT zx_handle_t zx_vmar_root_self(void) {
    ZXSHIM_ENTER();
    zx_handle_t result = zxabi_vmar_root_self();
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_handle_t zxabi_job_default(void);
ZXSHIM_EXPORT zx_handle_t zx_job_default(void) {
    ZXSHIM_ENTER();
    zx_handle_t result = zxabi_job_default();
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_handle_t zxabi_take_startup_handle(uint32_t hnd_info);
ZXSHIM_EXPORT zx_handle_t zx_take_startup_handle(uint32_t hnd_info) {
    ZXSHIM_ENTER();
    zx_handle_t result = zxabi_take_startup_handle(hnd_info);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_handle_t zxabi_thrd_get_zx_handle(thrd_t t);
ZXSHIM_EXPORT zx_handle_t thrd_get_zx_handle(thrd_t t) {
    ZXSHIM_ENTER();
    zx_handle_t result = zxabi_thrd_get_zx_handle(t);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_handle_t zxabi_get_root_resource(void);
ZXSHIM_EXPORT zx_handle_t get_root_resource(void) {
    ZXSHIM_ENTER();
    zx_handle_t result = zxabi_get_root_resource();
    ZXSHIM_CHECK_KILLED();
    return result;
}

const char* zxabi_status_get_string(zx_status_t status);
ZXSHIM_EXPORT const char* zx_status_get_string(zx_status_t status) {
    ZXSHIM_ENTER();
    const char* result = zxabi_status_get_string(status);
    ZXSHIM_CHECK_KILLED();
    return result;
}
