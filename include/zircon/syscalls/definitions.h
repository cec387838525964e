// Generated from syscalls/zircon.syscalls: do not edit (docs/syscalls.md says how to regenerate).
// The prototypes of libzircon.so's syscalls, included by <zircon/syscalls.h>.
#pragma once

zx_time_t zx_clock_get(uint32_t clock_id);

zx_status_t zx_clock_get_new(zx_clock_t clock_id, zx_time_t* out);

zx_time_t zx_clock_get_monotonic(void);

// May block.
zx_status_t zx_nanosleep(zx_time_t deadline);

// The monotonic clock's ticks: nanoseconds since the kernel started (zx_ticks_per_second() is 10^9).
uint64_t zx_ticks_get(void);

uint64_t zx_ticks_per_second(void);

zx_time_t zx_deadline_after(zx_duration_t nanoseconds);

// Needs the root resource; only ZX_CLOCK_UTC can be adjusted (UTC = monotonic + offset).
zx_status_t zx_clock_adjust(zx_handle_t handle, zx_clock_t clock_id, int64_t offset);

uint32_t zx_system_get_dcache_line_size(void);

// The host's CPUs that this process may run on.
uint32_t zx_system_get_num_cpus(void);

// Writes Zx's version string, NUL-terminated; BUFFER_TOO_SMALL when it does not fit.
zx_status_t zx_system_get_version(char* version, size_t version_size);

// Bytes of RAM on the board.
uint64_t zx_system_get_physmem(void);

zx_status_t zx_system_get_features(uint32_t kind, uint32_t* out);

zx_status_t zx_cache_flush(const void* addr, size_t size, uint32_t options);

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

zx_status_t zx_object_set_cookie(zx_handle_t handle, zx_handle_t scope, uint64_t cookie);

zx_status_t zx_object_get_cookie(zx_handle_t handle, zx_handle_t scope, uint64_t* cookie);

// The rights the handle needs depend on the topic (INSPECT in Zircon; Zx asks none but READ for some).
zx_status_t zx_object_get_info(zx_handle_t handle, uint32_t topic, void* buffer, size_t buffer_size, size_t* actual, size_t* avail);

// The parent needs ENUMERATE, and every right asked for (SAME_RIGHTS: the parent handle's).
// Rights: handle needs ZX_RIGHT_ENUMERATE.
zx_status_t zx_object_get_child(zx_handle_t handle, uint64_t koid, zx_rights_t rights, zx_handle_t* out);

// Rights: handle needs ZX_RIGHT_MANAGE_THREAD; profile needs ZX_RIGHT_APPLY_PROFILE.
zx_status_t zx_object_set_profile(zx_handle_t handle, zx_handle_t profile, uint32_t options);

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

// Options: ZX_SOCKET_STREAM or ZX_SOCKET_DATAGRAM, with ZX_SOCKET_HAS_CONTROL and ZX_SOCKET_HAS_ACCEPT.
zx_status_t zx_socket_create(uint32_t options, zx_handle_t* out0, zx_handle_t* out1);

// Options: 0 (data), ZX_SOCKET_CONTROL, or ZX_SOCKET_SHUTDOWN_READ/WRITE with no bytes (2018).
// Rights: handle needs ZX_RIGHT_WRITE.
zx_status_t zx_socket_write(zx_handle_t handle, uint32_t options, const void* buffer, size_t buffer_size, size_t* actual);

// Options: ZX_SOCKET_CONTROL and ZX_SOCKET_PEEK (late 2018). No buffer and no size asks how many bytes one read could take.
// Rights: handle needs ZX_RIGHT_READ.
zx_status_t zx_socket_read(zx_handle_t handle, uint32_t options, void* buffer, size_t buffer_size, size_t* actual);

// The shared handle needs TRANSFER; it leaves the caller whatever happens.
// Rights: handle needs ZX_RIGHT_WRITE.
// Consumes socket_to_share whenever it names a handle, even on failure.
zx_status_t zx_socket_share(zx_handle_t handle, zx_handle_t socket_to_share);

// Rights: handle needs ZX_RIGHT_READ.
zx_status_t zx_socket_accept(zx_handle_t handle, zx_handle_t* out_socket);

// Leave the calling thread (its thread object becomes TERMINATED; the last thread ends its process with 0).
// On a thread that Zx did not start, it ends the host program.
__attribute__((__noreturn__)) void zx_thread_exit(void);

// Rights: process needs ZX_RIGHT_WRITE.
zx_status_t zx_thread_create(zx_handle_t process, const char* name, size_t name_size, uint32_t options, zx_handle_t* out);

// Rights: handle needs ZX_RIGHT_WRITE.
zx_status_t zx_thread_start(zx_handle_t handle, zx_vaddr_t thread_entry, zx_vaddr_t stack, uintptr_t arg1, uintptr_t arg2);

// ZX_THREAD_STATE_GENERAL_REGS of a suspended thread; the other kinds answer ZX_ERR_NOT_SUPPORTED.
// Rights: handle needs ZX_RIGHT_READ.
zx_status_t zx_thread_read_state(zx_handle_t handle, uint32_t kind, void* buffer, size_t buffer_size);

// ZX_THREAD_STATE_GENERAL_REGS of a thread suspended in user code; it goes on with them when resumed.
// Rights: handle needs ZX_RIGHT_WRITE.
zx_status_t zx_thread_write_state(zx_handle_t handle, uint32_t kind, const void* buffer, size_t buffer_size);

zx_status_t zx_thread_set_priority(int32_t prio);

// End the calling process with a return code. On a thread that Zx did not start, it ends the host program.
__attribute__((__noreturn__)) void zx_process_exit(int64_t retcode);

// Rights: job needs ZX_RIGHT_WRITE.
zx_status_t zx_process_create(zx_handle_t job, const char* name, size_t name_size, uint32_t options, zx_handle_t* proc_handle, zx_handle_t* vmar_handle);

// Rights: handle needs ZX_RIGHT_WRITE; thread needs ZX_RIGHT_WRITE.
// Consumes arg1 whenever it names a handle, even on failure.
zx_status_t zx_process_start(zx_handle_t handle, zx_handle_t thread, zx_vaddr_t entry, zx_vaddr_t stack, zx_handle_t arg1, uintptr_t arg2);

// Rights: proc needs ZX_RIGHT_READ and ZX_RIGHT_WRITE.
zx_status_t zx_process_read_memory(zx_handle_t proc, zx_vaddr_t vaddr, void* buffer, size_t buffer_size, size_t* actual);

// Rights: proc needs ZX_RIGHT_WRITE.
zx_status_t zx_process_write_memory(zx_handle_t proc, zx_vaddr_t vaddr, const void* buffer, size_t buffer_size, size_t* actual);

// Rights: parent_job needs ZX_RIGHT_MANAGE_JOB.
zx_status_t zx_job_create(zx_handle_t parent_job, uint32_t options, zx_handle_t* out);

// Topic ZX_JOB_POL_BASIC: count zx_policy_basic_t entries; the job must have no child jobs and no processes yet.
// Rights: job needs ZX_RIGHT_SET_POLICY.
zx_status_t zx_job_set_policy(zx_handle_t job, uint32_t options, uint32_t topic, const void* policy, uint32_t count);

zx_status_t zx_task_bind_exception_port(zx_handle_t handle, zx_handle_t port, uint64_t key, uint32_t options);

// A thread, until zx_task_resume (2018; zx_task_suspend_token is the late-2018 way).
// Rights: handle needs ZX_RIGHT_WRITE.
zx_status_t zx_task_suspend(zx_handle_t handle);

// Rights: handle needs ZX_RIGHT_WRITE.
zx_status_t zx_task_resume(zx_handle_t handle, uint32_t options);

// A thread or a process, while the token lives.
// Rights: handle needs ZX_RIGHT_WRITE.
zx_status_t zx_task_suspend_token(zx_handle_t handle, zx_handle_t* token);

zx_status_t zx_task_resume_from_exception(zx_handle_t handle, zx_handle_t port, uint32_t options);

// Rights: handle needs ZX_RIGHT_DESTROY.
zx_status_t zx_task_kill(zx_handle_t handle);

zx_status_t zx_event_create(uint32_t options, zx_handle_t* out);

zx_status_t zx_eventpair_create(uint32_t options, zx_handle_t* out0, zx_handle_t* out1);

// May block.
zx_status_t zx_futex_wait(const zx_futex_t* value_ptr, int32_t current_value, zx_time_t deadline);

zx_status_t zx_futex_wake(const zx_futex_t* value_ptr, uint32_t count);

zx_status_t zx_futex_requeue(const zx_futex_t* wake_ptr, uint32_t wake_count, int32_t current_value, const zx_futex_t* requeue_ptr, uint32_t requeue_count);

zx_status_t zx_port_create(uint32_t options, zx_handle_t* out);

// Rights: handle needs ZX_RIGHT_WRITE.
zx_status_t zx_port_queue(zx_handle_t handle, const zx_port_packet_t* packet);

// Rights: handle needs ZX_RIGHT_READ.
// May block.
zx_status_t zx_port_wait(zx_handle_t handle, zx_time_t deadline, zx_port_packet_t* packet);

// Rights: handle needs ZX_RIGHT_WRITE.
zx_status_t zx_port_cancel(zx_handle_t handle, zx_handle_t source, uint64_t key);

zx_status_t zx_timer_create(uint32_t options, zx_clock_t clock_id, zx_handle_t* out);

// Rights: handle needs ZX_RIGHT_WRITE.
zx_status_t zx_timer_set(zx_handle_t handle, zx_time_t deadline, zx_duration_t slack);

// Rights: handle needs ZX_RIGHT_WRITE.
zx_status_t zx_timer_cancel(zx_handle_t handle);

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

// The argument order of early 2018 (options last): the same as zx_vmar_allocate.
zx_status_t zx_vmar_allocate_old(zx_handle_t parent_vmar, uint64_t offset, uint64_t size, uint32_t map_flags, zx_handle_t* child_vmar, zx_vaddr_t* child_addr);

// The argument order of early 2018 (options last): the same as zx_vmar_map.
zx_status_t zx_vmar_map_old(zx_handle_t handle, uint64_t vmar_offset, zx_handle_t vmo, uint64_t vmo_offset, uint64_t len, uint32_t map_flags, zx_vaddr_t* mapped_addr);

// The argument order of early 2018 (options last): the same as zx_vmar_protect.
zx_status_t zx_vmar_protect_old(zx_handle_t handle, zx_vaddr_t addr, uint64_t len, uint32_t prot_flags);

// The parent needs READ, WRITE and EXECUTE for each ZX_VM_CAN_MAP_* flag asked for.
zx_status_t zx_vmar_allocate(zx_handle_t parent_vmar, zx_vm_option_t options, size_t offset, size_t size, zx_handle_t* child_vmar, zx_vaddr_t* child_addr);

zx_status_t zx_vmar_destroy(zx_handle_t vmar_handle);

// The VMO needs MAP, and READ, WRITE and EXECUTE as the permissions asked for; the VMAR the same permissions.
// Rights: vmo_handle needs ZX_RIGHT_MAP.
zx_status_t zx_vmar_map(zx_handle_t vmar_handle, zx_vm_option_t options, size_t vmar_offset, zx_handle_t vmo_handle, uint64_t vmo_offset, size_t len, zx_vaddr_t* mapped_addr);

zx_status_t zx_vmar_unmap(zx_handle_t vmar_handle, zx_vaddr_t addr, size_t len);

// The VMAR needs READ, WRITE and EXECUTE as the permissions asked for.
zx_status_t zx_vmar_protect(zx_handle_t vmar_handle, zx_vm_option_t options, zx_vaddr_t addr, size_t len);

// Fills the buffer with random bytes (zx_cprng_draw_new in pieces of ZX_CPRNG_DRAW_MAX_LEN). A buffer it cannot
// write kills the calling process, as Zircon's vDSO does.
void zx_cprng_draw(void* buffer, size_t buffer_size);

// Fills the buffer with random bytes from the host's generator.
zx_status_t zx_cprng_draw_new(void* buffer, size_t data_size);

// Accepted and checked (at most ZX_CPRNG_ADD_ENTROPY_MAX_LEN bytes, readable); the host's generator seeds itself.
zx_status_t zx_cprng_add_entropy(const void* buffer, size_t len);

zx_status_t zx_fifo_create(size_t elem_count, size_t elem_size, uint32_t options, zx_handle_t* out0, zx_handle_t* out1);

// Rights: handle needs ZX_RIGHT_READ.
zx_status_t zx_fifo_read(zx_handle_t handle, size_t elem_size, void* data, size_t count, size_t* actual_count);

// Rights: handle needs ZX_RIGHT_WRITE.
zx_status_t zx_fifo_write(zx_handle_t handle, size_t elem_size, const void* data, size_t count, size_t* actual_count);

zx_status_t zx_profile_create(zx_handle_t resource, const zx_profile_info_t* profile, zx_handle_t* out);

// Unmaps, closes the handle and leaves the calling thread; returns only when the unmap fails.
// Consumes handle whenever it names a handle, even on failure.
zx_status_t zx_vmar_unmap_handle_close_thread_exit(zx_handle_t vmar_handle, zx_vaddr_t addr, size_t size, zx_handle_t handle);

// Stores new_value, wakes up to count waiters on the word, closes the handle and leaves the calling thread.
// Consumes handle whenever it names a handle, even on failure.
__attribute__((__noreturn__)) void zx_futex_wake_handle_close_thread_exit(const zx_futex_t* value_ptr, uint32_t count, int32_t new_value, zx_handle_t handle);

// ZX_LOG_FLAG_READABLE makes the log object readable.
zx_status_t zx_log_create(uint32_t options, zx_handle_t* out);

// Rights: handle needs ZX_RIGHT_WRITE.
zx_status_t zx_log_write(zx_handle_t handle, uint32_t len, const void* buffer, uint32_t options);

// Returns the record's size in bytes.
// Rights: handle needs ZX_RIGHT_READ.
zx_status_t zx_log_read(zx_handle_t handle, uint32_t len, void* buffer, uint32_t options);

zx_status_t zx_debuglog_create(zx_handle_t resource, uint32_t options, zx_handle_t* out);

// Rights: handle needs ZX_RIGHT_WRITE.
zx_status_t zx_debuglog_write(zx_handle_t handle, uint32_t options, const void* buffer, size_t buffer_size);

// Returns the record's size in bytes (a zx_log_record_t and its data).
// Rights: handle needs ZX_RIGHT_READ.
zx_status_t zx_debuglog_read(zx_handle_t handle, uint32_t options, void* buffer, size_t buffer_size);

// Not implemented by Zx yet: answers ZX_ERR_NOT_SUPPORTED.
zx_status_t zx_ktrace_read(zx_handle_t handle, void* data, uint32_t offset, size_t data_size, size_t* actual);

// Not implemented by Zx yet: answers ZX_ERR_NOT_SUPPORTED.
zx_status_t zx_ktrace_control(zx_handle_t handle, uint32_t action, uint32_t options, void* ptr);

// Not implemented by Zx yet: answers ZX_ERR_NOT_SUPPORTED.
zx_status_t zx_ktrace_write(zx_handle_t handle, uint32_t id, uint32_t arg0, uint32_t arg1);

// Not implemented by Zx yet: answers ZX_ERR_NOT_SUPPORTED.
zx_status_t zx_mtrace_control(zx_handle_t handle, uint32_t kind, uint32_t action, uint32_t options, void* ptr, size_t ptr_size);

// The host's standard input is the debug console; *buffer_size says how many bytes to read, then how many were.
// May block.
zx_status_t zx_debug_read(zx_handle_t handle, char* buffer, size_t* buffer_size);

// The host's standard error is the debug console; at most 256 bytes.
zx_status_t zx_debug_write(const char* buffer, size_t buffer_size);

// Zx has no kernel console: ZX_ERR_NOT_SUPPORTED after the 2018 checks.
zx_status_t zx_debug_send_command(zx_handle_t resource, const char* buffer, size_t buffer_size);

zx_status_t zx_interrupt_create(zx_handle_t src_obj, uint32_t src_num, uint32_t options, zx_handle_t* out);

zx_status_t zx_interrupt_bind(zx_handle_t handle, zx_handle_t port, uint64_t key, uint32_t options);

// May block.
zx_status_t zx_interrupt_wait(zx_handle_t handle, zx_time_t* out_timestamp);

zx_status_t zx_interrupt_destroy(zx_handle_t handle);

zx_status_t zx_interrupt_ack(zx_handle_t handle);

zx_status_t zx_interrupt_trigger(zx_handle_t handle, uint32_t options, zx_time_t timestamp);

// Not implemented by Zx yet: answers ZX_ERR_NOT_SUPPORTED.
zx_status_t zx_ioports_request(zx_handle_t resource, uint16_t io_addr, uint32_t len);

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

// Not implemented by Zx yet: answers ZX_ERR_NOT_SUPPORTED.
zx_status_t zx_framebuffer_get_info(zx_handle_t resource, uint32_t* format, uint32_t* width, uint32_t* height, uint32_t* stride);

// Not implemented by Zx yet: answers ZX_ERR_NOT_SUPPORTED.
zx_status_t zx_framebuffer_set_range(zx_handle_t resource, zx_handle_t vmo, uint32_t len, uint32_t format, uint32_t width, uint32_t height, uint32_t stride);

// Not implemented by Zx yet: answers ZX_ERR_NOT_SUPPORTED.
zx_status_t zx_pci_get_nth_device(zx_handle_t handle, uint32_t index, zx_pcie_device_info_t* out_info, zx_handle_t* out_handle);

// Not implemented by Zx yet: answers ZX_ERR_NOT_SUPPORTED.
zx_status_t zx_pci_enable_bus_master(zx_handle_t handle, bool enable);

// Not implemented by Zx yet: answers ZX_ERR_NOT_SUPPORTED.
zx_status_t zx_pci_reset_device(zx_handle_t handle);

// Not implemented by Zx yet: answers ZX_ERR_NOT_SUPPORTED.
zx_status_t zx_pci_config_read(zx_handle_t handle, uint16_t offset, size_t width, uint32_t* out_val);

// Not implemented by Zx yet: answers ZX_ERR_NOT_SUPPORTED.
zx_status_t zx_pci_config_write(zx_handle_t handle, uint16_t offset, size_t width, uint32_t val);

// Not implemented by Zx yet: answers ZX_ERR_NOT_SUPPORTED.
zx_status_t zx_pci_cfg_pio_rw(zx_handle_t handle, uint8_t bus, uint8_t dev, uint8_t func, uint8_t offset, uint32_t* val, size_t width, bool write);

// Not implemented by Zx yet: answers ZX_ERR_NOT_SUPPORTED.
zx_status_t zx_pci_get_bar(zx_handle_t handle, uint32_t bar_num, zx_pci_bar_t* out_bar, zx_handle_t* out_handle);

// Not implemented by Zx yet: answers ZX_ERR_NOT_SUPPORTED.
zx_status_t zx_pci_map_interrupt(zx_handle_t handle, int32_t which_irq, zx_handle_t* out_handle);

// Not implemented by Zx yet: answers ZX_ERR_NOT_SUPPORTED.
zx_status_t zx_pci_query_irq_mode(zx_handle_t handle, uint32_t mode, uint32_t* out_max_irqs);

// Not implemented by Zx yet: answers ZX_ERR_NOT_SUPPORTED.
zx_status_t zx_pci_set_irq_mode(zx_handle_t handle, uint32_t mode, uint32_t requested_irq_count);

// Not implemented by Zx yet: answers ZX_ERR_NOT_SUPPORTED.
zx_status_t zx_pci_init(zx_handle_t handle, const zx_pci_init_arg_t* init_buf, uint32_t len);

// Not implemented by Zx yet: answers ZX_ERR_NOT_SUPPORTED.
zx_status_t zx_pci_add_subtract_io_range(zx_handle_t handle, bool mmio, uint64_t base, uint64_t len, bool add);

// Not implemented by Zx yet: answers ZX_ERR_NOT_SUPPORTED.
zx_status_t zx_pc_firmware_tables(zx_handle_t handle, zx_paddr_t* acpi_rsdp, zx_paddr_t* smbios);

// Not implemented by Zx yet: answers ZX_ERR_NOT_SUPPORTED.
zx_status_t zx_smc_call(zx_handle_t handle, const zx_smc_parameters_t* parameters, zx_smc_result_t* out_smc_result);

// Rights: parent_rsrc needs ZX_RIGHT_WRITE.
zx_status_t zx_resource_create(zx_handle_t parent_rsrc, uint32_t options, uint64_t base, size_t size, const char* name, size_t name_size, zx_handle_t* resource_out);

// Not implemented by Zx yet: answers ZX_ERR_NOT_SUPPORTED.
zx_status_t zx_guest_create(zx_handle_t resource, uint32_t options, zx_handle_t physmem_vmo, zx_handle_t* out);

// Not implemented by Zx yet: answers ZX_ERR_NOT_SUPPORTED.
zx_status_t zx_guest_set_trap(zx_handle_t handle, uint32_t kind, zx_vaddr_t addr, size_t size, zx_handle_t port, uint64_t key);

// Not implemented by Zx yet: answers ZX_ERR_NOT_SUPPORTED.
zx_status_t zx_vcpu_create(zx_handle_t guest, uint32_t options, zx_vaddr_t entry, zx_handle_t* out);

// Not implemented by Zx yet: answers ZX_ERR_NOT_SUPPORTED.
zx_status_t zx_vcpu_resume(zx_handle_t handle, zx_port_packet_t* packet);

// Not implemented by Zx yet: answers ZX_ERR_NOT_SUPPORTED.
zx_status_t zx_vcpu_interrupt(zx_handle_t handle, uint32_t vector);

// Not implemented by Zx yet: answers ZX_ERR_NOT_SUPPORTED.
zx_status_t zx_vcpu_read_state(zx_handle_t handle, uint32_t kind, void* buffer, size_t buffer_size);

// Not implemented by Zx yet: answers ZX_ERR_NOT_SUPPORTED.
zx_status_t zx_vcpu_write_state(zx_handle_t handle, uint32_t kind, const void* buffer, size_t buffer_size);

// Not implemented by Zx yet: answers ZX_ERR_NOT_SUPPORTED.
zx_status_t zx_system_mexec(zx_handle_t resource, zx_handle_t kernel, zx_handle_t bootimage);

// Not implemented by Zx yet: answers ZX_ERR_NOT_SUPPORTED.
zx_status_t zx_system_powerctl(zx_handle_t resource, uint32_t cmd, const zx_system_powerctl_arg_t* arg);

// Late 2018. The VMEX resource is the root resource or ZX_HANDLE_INVALID; the VMO handle is consumed.
// Consumes handle whenever it names a handle, even on failure.
zx_status_t zx_vmo_replace_as_executable(zx_handle_t handle, zx_handle_t vmex, zx_handle_t* out);

// Later Zircon: wakes one waiter and makes its thread the futex's owner (no waiter: no owner).
zx_status_t zx_futex_wake_single_owner(const zx_futex_t* value_ptr);

// Later Zircon: wakes one waiter as the owner, moves up to requeue_count more, and names the other futex's owner.
zx_status_t zx_futex_requeue_single_owner(const zx_futex_t* value_ptr, int32_t current_value, const zx_futex_t* requeue_ptr, uint32_t requeue_count, zx_handle_t new_requeue_owner);

// Later Zircon: the koid of the futex's owner thread, or ZX_KOID_INVALID.
zx_status_t zx_futex_get_owner(const zx_futex_t* value_ptr, zx_koid_t* koid);

// Late 2018 (zx_socket_write's shutdown options in one call of its own).
// Rights: handle needs ZX_RIGHT_WRITE.
zx_status_t zx_socket_shutdown(zx_handle_t handle, uint32_t options);

// The root resource, as the DDK's get_root_resource() gives it to drivers.
zx_handle_t get_root_resource(void);
