// Generated from syscalls/zircon.syscalls: do not edit (docs/syscalls.md says how to regenerate).
// The prototypes of libzircon.so's syscalls, included by <zircon/syscalls.h>.
#pragma once

zx_time_t zx_clock_get(uint32_t clock_id);

zx_time_t zx_clock_get_monotonic(void);

// May block.
zx_status_t zx_nanosleep(zx_time_t deadline);

zx_time_t zx_deadline_after(zx_duration_t nanoseconds);

// Consumes handle whenever it names a handle, even on failure.
zx_status_t zx_handle_close(zx_handle_t handle);

zx_status_t zx_handle_close_many(const zx_handle_t* handles, size_t num_handles);

// Rights: handle needs ZX_RIGHT_DUPLICATE.
zx_status_t zx_handle_duplicate(zx_handle_t handle, zx_rights_t rights, zx_handle_t* out);

// Consumes handle whenever it names a handle, even on failure.
zx_status_t zx_handle_replace(zx_handle_t handle, zx_rights_t rights, zx_handle_t* out);

// Rights: handle needs ZX_RIGHT_WAIT.
// May block.
zx_status_t zx_object_wait_one(zx_handle_t handle, zx_signals_t signals, zx_time_t deadline, zx_signals_t* observed);

// May block.
zx_status_t zx_object_wait_many(zx_wait_item_t* items, size_t count, zx_time_t deadline);

// Rights: handle needs ZX_RIGHT_WAIT; port needs ZX_RIGHT_WRITE.
zx_status_t zx_object_wait_async(zx_handle_t handle, zx_handle_t port, uint64_t key, zx_signals_t signals, uint32_t options);

// Rights: handle needs ZX_RIGHT_SIGNAL.
zx_status_t zx_object_signal(zx_handle_t handle, uint32_t clear_mask, uint32_t set_mask);

// Rights: handle needs ZX_RIGHT_SIGNAL_PEER.
zx_status_t zx_object_signal_peer(zx_handle_t handle, uint32_t clear_mask, uint32_t set_mask);

// Rights: handle needs ZX_RIGHT_GET_PROPERTY.
zx_status_t zx_object_get_property(zx_handle_t handle, uint32_t property, void* value, size_t size);

// Rights: handle needs ZX_RIGHT_SET_PROPERTY.
zx_status_t zx_object_set_property(zx_handle_t handle, uint32_t property, const void* value, size_t size);

// The rights the handle needs depend on the topic (INSPECT in Zircon; Zx asks none but READ for some).
zx_status_t zx_object_get_info(zx_handle_t handle, uint32_t topic, void* buffer, size_t buffer_size, size_t* actual, size_t* avail);

zx_status_t zx_channel_create(uint32_t options, zx_handle_t* out0, zx_handle_t* out1);

// Rights: handle needs ZX_RIGHT_READ.
zx_status_t zx_channel_read(zx_handle_t handle, uint32_t options, void* bytes, zx_handle_t* handles, uint32_t num_bytes, uint32_t num_handles, uint32_t* actual_bytes, uint32_t* actual_handles);

// Rights: handle needs ZX_RIGHT_READ.
zx_status_t zx_channel_read_etc(zx_handle_t handle, uint32_t options, void* bytes, zx_handle_info_t* handles, uint32_t num_bytes, uint32_t num_handles, uint32_t* actual_bytes, uint32_t* actual_handles);

// Each handle sent needs TRANSFER.
// Rights: handle needs ZX_RIGHT_WRITE.
zx_status_t zx_channel_write(zx_handle_t handle, uint32_t options, const void* bytes, uint32_t num_bytes, const zx_handle_t* handles, uint32_t num_handles);

// Each handle sent needs TRANSFER.
// Rights: handle needs ZX_RIGHT_READ and ZX_RIGHT_WRITE.
// May block.
zx_status_t zx_channel_call(zx_handle_t handle, uint32_t options, zx_time_t deadline, const zx_channel_call_args_t* args, uint32_t* actual_bytes, uint32_t* actual_handles);

// Leave the calling thread (its thread object becomes TERMINATED; the last thread ends its process with 0).
// On a thread that Zx did not start, it ends the host program.
__attribute__((__noreturn__)) void zx_thread_exit(void);

// Rights: process needs ZX_RIGHT_WRITE.
zx_status_t zx_thread_create(zx_handle_t process, const char* name, size_t name_size, uint32_t options, zx_handle_t* out);

// Rights: handle needs ZX_RIGHT_WRITE.
zx_status_t zx_thread_start(zx_handle_t handle, zx_vaddr_t thread_entry, zx_vaddr_t stack, uintptr_t arg1, uintptr_t arg2);

// End the calling process with a return code. On a thread that Zx did not start, it ends the host program.
__attribute__((__noreturn__)) void zx_process_exit(int64_t retcode);

// Rights: job needs ZX_RIGHT_WRITE.
zx_status_t zx_process_create(zx_handle_t job, const char* name, size_t name_size, uint32_t options, zx_handle_t* proc_handle, zx_handle_t* vmar_handle);

// Rights: handle needs ZX_RIGHT_WRITE; thread needs ZX_RIGHT_WRITE.
// Consumes arg1 whenever it names a handle, even on failure.
zx_status_t zx_process_start(zx_handle_t handle, zx_handle_t thread, zx_vaddr_t entry, zx_vaddr_t stack, zx_handle_t arg1, uintptr_t arg2);

// Rights: parent_job needs ZX_RIGHT_MANAGE_JOB.
zx_status_t zx_job_create(zx_handle_t parent_job, uint32_t options, zx_handle_t* out);

// Rights: handle needs ZX_RIGHT_DESTROY.
zx_status_t zx_task_kill(zx_handle_t handle);

zx_status_t zx_event_create(uint32_t options, zx_handle_t* out);

zx_status_t zx_eventpair_create(uint32_t options, zx_handle_t* out0, zx_handle_t* out1);

zx_status_t zx_port_create(uint32_t options, zx_handle_t* out);

// Rights: handle needs ZX_RIGHT_WRITE.
zx_status_t zx_port_queue(zx_handle_t handle, const zx_port_packet_t* packet);

// Rights: handle needs ZX_RIGHT_READ.
// May block.
zx_status_t zx_port_wait(zx_handle_t handle, zx_time_t deadline, zx_port_packet_t* packet);

// Rights: handle needs ZX_RIGHT_WRITE.
zx_status_t zx_port_cancel(zx_handle_t handle, zx_handle_t source, uint64_t key);

zx_status_t zx_vmo_create(uint64_t size, uint32_t options, zx_handle_t* out);

// Rights: handle needs ZX_RIGHT_READ.
zx_status_t zx_vmo_read(zx_handle_t handle, void* buffer, uint64_t offset, size_t buffer_size);

// Rights: handle needs ZX_RIGHT_WRITE.
zx_status_t zx_vmo_write(zx_handle_t handle, const void* buffer, uint64_t offset, size_t buffer_size);

zx_status_t zx_vmo_get_size(zx_handle_t handle, uint64_t* size);

// Rights: handle needs ZX_RIGHT_WRITE.
zx_status_t zx_vmo_set_size(zx_handle_t handle, uint64_t size);

// COMMIT, DECOMMIT and CACHE_INVALIDATE need WRITE; CACHE_SYNC, CACHE_CLEAN and CACHE_CLEAN_INVALIDATE
// need READ; the others need no right.
zx_status_t zx_vmo_op_range(zx_handle_t handle, uint32_t op, uint64_t offset, uint64_t size, void* buffer, size_t buffer_size);

// Rights: handle needs ZX_RIGHT_DUPLICATE and ZX_RIGHT_READ.
zx_status_t zx_vmo_clone(zx_handle_t handle, uint32_t options, uint64_t offset, uint64_t size, zx_handle_t* out);

// Rights: handle needs ZX_RIGHT_DUPLICATE and ZX_RIGHT_READ.
zx_status_t zx_vmo_create_child(zx_handle_t handle, uint32_t options, uint64_t offset, uint64_t size, zx_handle_t* out);

// Rights: handle needs ZX_RIGHT_MAP.
zx_status_t zx_vmo_set_cache_policy(zx_handle_t handle, uint32_t cache_policy);

// The parent needs READ, WRITE and EXECUTE for each ZX_VM_CAN_MAP_* flag asked for.
zx_status_t zx_vmar_allocate(zx_handle_t parent_vmar, zx_vm_option_t options, size_t offset, size_t size, zx_handle_t* child_vmar, zx_vaddr_t* child_addr);

zx_status_t zx_vmar_destroy(zx_handle_t vmar_handle);

// The VMO needs MAP, and READ, WRITE and EXECUTE as the permissions asked for; the VMAR the same permissions.
// Rights: vmo_handle needs ZX_RIGHT_MAP.
zx_status_t zx_vmar_map(zx_handle_t vmar_handle, zx_vm_option_t options, size_t vmar_offset, zx_handle_t vmo_handle, uint64_t vmo_offset, size_t len, zx_vaddr_t* mapped_addr);

zx_status_t zx_vmar_unmap(zx_handle_t vmar_handle, zx_vaddr_t addr, size_t len);

// The VMAR needs READ, WRITE and EXECUTE as the permissions asked for.
zx_status_t zx_vmar_protect(zx_handle_t vmar_handle, zx_vm_option_t options, zx_vaddr_t addr, size_t len);

// Rights: bti needs ZX_RIGHT_MAP.
zx_status_t zx_vmo_create_contiguous(zx_handle_t bti, size_t size, uint32_t alignment_log2, zx_handle_t* out);

zx_status_t zx_vmo_create_physical(zx_handle_t resource, zx_paddr_t paddr, size_t size, zx_handle_t* out);

zx_status_t zx_iommu_create(zx_handle_t resource, uint32_t type, const void* desc, size_t desc_size, zx_handle_t* out);

zx_status_t zx_bti_create(zx_handle_t iommu, uint32_t options, uint64_t bti_id, zx_handle_t* out);

// The VMO needs MAP, and READ and WRITE as the permissions asked for; the BTI needs MAP.
// Rights: bti needs ZX_RIGHT_MAP.
zx_status_t zx_bti_pin(zx_handle_t bti, uint32_t options, zx_handle_t vmo, uint64_t offset, uint64_t size, zx_paddr_t* addrs, size_t addrs_count, zx_handle_t* pmt);

// Rights: bti needs ZX_RIGHT_WRITE.
zx_status_t zx_bti_release_quarantine(zx_handle_t bti);

// Consumes pmt whenever it names a handle, even on failure.
zx_status_t zx_pmt_unpin(zx_handle_t pmt);

// Rights: parent_rsrc needs ZX_RIGHT_WRITE.
zx_status_t zx_resource_create(zx_handle_t parent_rsrc, uint32_t options, uint64_t base, size_t size, const char* name, size_t name_size, zx_handle_t* resource_out);

// The root resource, as the DDK's get_root_resource() gives it to drivers.
zx_handle_t get_root_resource(void);
