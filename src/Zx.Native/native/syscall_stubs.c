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

zx_status_t zxabi_clock_get_new(zx_clock_t clock_id, zx_time_t* out);
ZXSHIM_EXPORT zx_status_t zx_clock_get_new(zx_clock_t clock_id, zx_time_t* out) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_clock_get_new(clock_id, out);
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

uint64_t zxabi_ticks_get(void);
ZXSHIM_EXPORT uint64_t zx_ticks_get(void) {
    ZXSHIM_ENTER();
    uint64_t result = zxabi_ticks_get();
    ZXSHIM_CHECK_KILLED();
    return result;
}

uint64_t zxabi_ticks_per_second(void);
ZXSHIM_EXPORT uint64_t zx_ticks_per_second(void) {
    ZXSHIM_ENTER();
    uint64_t result = zxabi_ticks_per_second();
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

zx_status_t zxabi_clock_adjust(zx_handle_t handle, zx_clock_t clock_id, int64_t offset);
ZXSHIM_EXPORT zx_status_t zx_clock_adjust(zx_handle_t handle, zx_clock_t clock_id, int64_t offset) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_clock_adjust(handle, clock_id, offset);
    ZXSHIM_CHECK_KILLED();
    return result;
}

uint32_t zxabi_system_get_dcache_line_size(void);
ZXSHIM_EXPORT uint32_t zx_system_get_dcache_line_size(void) {
    ZXSHIM_ENTER();
    uint32_t result = zxabi_system_get_dcache_line_size();
    ZXSHIM_CHECK_KILLED();
    return result;
}

uint32_t zxabi_system_get_num_cpus(void);
ZXSHIM_EXPORT uint32_t zx_system_get_num_cpus(void) {
    ZXSHIM_ENTER();
    uint32_t result = zxabi_system_get_num_cpus();
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_system_get_version(char* version, size_t version_size);
ZXSHIM_EXPORT zx_status_t zx_system_get_version(char* version, size_t version_size) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_system_get_version(version, version_size);
    ZXSHIM_CHECK_KILLED();
    return result;
}

uint64_t zxabi_system_get_physmem(void);
ZXSHIM_EXPORT uint64_t zx_system_get_physmem(void) {
    ZXSHIM_ENTER();
    uint64_t result = zxabi_system_get_physmem();
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_system_get_features(uint32_t kind, uint32_t* out);
ZXSHIM_EXPORT zx_status_t zx_system_get_features(uint32_t kind, uint32_t* out) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_system_get_features(kind, out);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_cache_flush(const void* addr, size_t size, uint32_t options);
ZXSHIM_EXPORT zx_status_t zx_cache_flush(const void* addr, size_t size, uint32_t options) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_cache_flush(addr, size, options);
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

zx_status_t zxabi_object_set_cookie(zx_handle_t handle, zx_handle_t scope, uint64_t cookie);
ZXSHIM_EXPORT zx_status_t zx_object_set_cookie(zx_handle_t handle, zx_handle_t scope, uint64_t cookie) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_object_set_cookie(handle, scope, cookie);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_object_get_cookie(zx_handle_t handle, zx_handle_t scope, uint64_t* cookie);
ZXSHIM_EXPORT zx_status_t zx_object_get_cookie(zx_handle_t handle, zx_handle_t scope, uint64_t* cookie) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_object_get_cookie(handle, scope, cookie);
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

zx_status_t zxabi_object_get_child(zx_handle_t handle, uint64_t koid, zx_rights_t rights, zx_handle_t* out);
ZXSHIM_EXPORT zx_status_t zx_object_get_child(zx_handle_t handle, uint64_t koid, zx_rights_t rights, zx_handle_t* out) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_object_get_child(handle, koid, rights, out);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_object_set_profile(zx_handle_t handle, zx_handle_t profile, uint32_t options);
ZXSHIM_EXPORT zx_status_t zx_object_set_profile(zx_handle_t handle, zx_handle_t profile, uint32_t options) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_object_set_profile(handle, profile, options);
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

zx_status_t zxabi_socket_create(uint32_t options, zx_handle_t* out0, zx_handle_t* out1);
ZXSHIM_EXPORT zx_status_t zx_socket_create(uint32_t options, zx_handle_t* out0, zx_handle_t* out1) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_socket_create(options, out0, out1);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_socket_write(zx_handle_t handle, uint32_t options, const void* buffer, size_t buffer_size, size_t* actual);
ZXSHIM_EXPORT zx_status_t zx_socket_write(zx_handle_t handle, uint32_t options, const void* buffer, size_t buffer_size, size_t* actual) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_socket_write(handle, options, buffer, buffer_size, actual);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_socket_read(zx_handle_t handle, uint32_t options, void* buffer, size_t buffer_size, size_t* actual);
ZXSHIM_EXPORT zx_status_t zx_socket_read(zx_handle_t handle, uint32_t options, void* buffer, size_t buffer_size, size_t* actual) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_socket_read(handle, options, buffer, buffer_size, actual);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_socket_share(zx_handle_t handle, zx_handle_t socket_to_share);
ZXSHIM_EXPORT zx_status_t zx_socket_share(zx_handle_t handle, zx_handle_t socket_to_share) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_socket_share(handle, socket_to_share);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_socket_accept(zx_handle_t handle, zx_handle_t* out_socket);
ZXSHIM_EXPORT zx_status_t zx_socket_accept(zx_handle_t handle, zx_handle_t* out_socket) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_socket_accept(handle, out_socket);
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

zx_status_t zxabi_thread_read_state(zx_handle_t handle, uint32_t kind, void* buffer, size_t buffer_size);
ZXSHIM_EXPORT zx_status_t zx_thread_read_state(zx_handle_t handle, uint32_t kind, void* buffer, size_t buffer_size) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_thread_read_state(handle, kind, buffer, buffer_size);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_thread_write_state(zx_handle_t handle, uint32_t kind, const void* buffer, size_t buffer_size);
ZXSHIM_EXPORT zx_status_t zx_thread_write_state(zx_handle_t handle, uint32_t kind, const void* buffer, size_t buffer_size) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_thread_write_state(handle, kind, buffer, buffer_size);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_thread_set_priority(int32_t prio);
ZXSHIM_EXPORT zx_status_t zx_thread_set_priority(int32_t prio) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_thread_set_priority(prio);
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

zx_status_t zxabi_process_read_memory(zx_handle_t proc, zx_vaddr_t vaddr, void* buffer, size_t buffer_size, size_t* actual);
ZXSHIM_EXPORT zx_status_t zx_process_read_memory(zx_handle_t proc, zx_vaddr_t vaddr, void* buffer, size_t buffer_size, size_t* actual) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_process_read_memory(proc, vaddr, buffer, buffer_size, actual);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_process_write_memory(zx_handle_t proc, zx_vaddr_t vaddr, const void* buffer, size_t buffer_size, size_t* actual);
ZXSHIM_EXPORT zx_status_t zx_process_write_memory(zx_handle_t proc, zx_vaddr_t vaddr, const void* buffer, size_t buffer_size, size_t* actual) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_process_write_memory(proc, vaddr, buffer, buffer_size, actual);
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

zx_status_t zxabi_job_set_policy(zx_handle_t job, uint32_t options, uint32_t topic, const void* policy, uint32_t count);
ZXSHIM_EXPORT zx_status_t zx_job_set_policy(zx_handle_t job, uint32_t options, uint32_t topic, const void* policy, uint32_t count) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_job_set_policy(job, options, topic, policy, count);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_task_bind_exception_port(zx_handle_t handle, zx_handle_t port, uint64_t key, uint32_t options);
ZXSHIM_EXPORT zx_status_t zx_task_bind_exception_port(zx_handle_t handle, zx_handle_t port, uint64_t key, uint32_t options) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_task_bind_exception_port(handle, port, key, options);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_task_suspend(zx_handle_t handle);
ZXSHIM_EXPORT zx_status_t zx_task_suspend(zx_handle_t handle) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_task_suspend(handle);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_task_resume(zx_handle_t handle, uint32_t options);
ZXSHIM_EXPORT zx_status_t zx_task_resume(zx_handle_t handle, uint32_t options) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_task_resume(handle, options);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_task_suspend_token(zx_handle_t handle, zx_handle_t* token);
ZXSHIM_EXPORT zx_status_t zx_task_suspend_token(zx_handle_t handle, zx_handle_t* token) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_task_suspend_token(handle, token);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_task_resume_from_exception(zx_handle_t handle, zx_handle_t port, uint32_t options);
ZXSHIM_EXPORT zx_status_t zx_task_resume_from_exception(zx_handle_t handle, zx_handle_t port, uint32_t options) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_task_resume_from_exception(handle, port, options);
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

zx_status_t zxabi_futex_wait(const zx_futex_t* value_ptr, int32_t current_value, zx_time_t deadline);
ZXSHIM_EXPORT zx_status_t zx_futex_wait(const zx_futex_t* value_ptr, int32_t current_value, zx_time_t deadline) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_futex_wait(value_ptr, current_value, deadline);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_futex_wake(const zx_futex_t* value_ptr, uint32_t count);
ZXSHIM_EXPORT zx_status_t zx_futex_wake(const zx_futex_t* value_ptr, uint32_t count) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_futex_wake(value_ptr, count);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_futex_requeue(const zx_futex_t* wake_ptr, uint32_t wake_count, int32_t current_value, const zx_futex_t* requeue_ptr, uint32_t requeue_count);
ZXSHIM_EXPORT zx_status_t zx_futex_requeue(const zx_futex_t* wake_ptr, uint32_t wake_count, int32_t current_value, const zx_futex_t* requeue_ptr, uint32_t requeue_count) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_futex_requeue(wake_ptr, wake_count, current_value, requeue_ptr, requeue_count);
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

zx_status_t zxabi_timer_create(uint32_t options, zx_clock_t clock_id, zx_handle_t* out);
ZXSHIM_EXPORT zx_status_t zx_timer_create(uint32_t options, zx_clock_t clock_id, zx_handle_t* out) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_timer_create(options, clock_id, out);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_timer_set(zx_handle_t handle, zx_time_t deadline, zx_duration_t slack);
ZXSHIM_EXPORT zx_status_t zx_timer_set(zx_handle_t handle, zx_time_t deadline, zx_duration_t slack) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_timer_set(handle, deadline, slack);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_timer_cancel(zx_handle_t handle);
ZXSHIM_EXPORT zx_status_t zx_timer_cancel(zx_handle_t handle) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_timer_cancel(handle);
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

zx_status_t zxabi_cprng_draw_new(void* buffer, size_t data_size);
ZXSHIM_EXPORT zx_status_t zx_cprng_draw_new(void* buffer, size_t data_size) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_cprng_draw_new(buffer, data_size);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_cprng_add_entropy(const void* buffer, size_t len);
ZXSHIM_EXPORT zx_status_t zx_cprng_add_entropy(const void* buffer, size_t len) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_cprng_add_entropy(buffer, len);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_fifo_create(size_t elem_count, size_t elem_size, uint32_t options, zx_handle_t* out0, zx_handle_t* out1);
ZXSHIM_EXPORT zx_status_t zx_fifo_create(size_t elem_count, size_t elem_size, uint32_t options, zx_handle_t* out0, zx_handle_t* out1) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_fifo_create(elem_count, elem_size, options, out0, out1);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_fifo_read(zx_handle_t handle, size_t elem_size, void* data, size_t count, size_t* actual_count);
ZXSHIM_EXPORT zx_status_t zx_fifo_read(zx_handle_t handle, size_t elem_size, void* data, size_t count, size_t* actual_count) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_fifo_read(handle, elem_size, data, count, actual_count);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_fifo_write(zx_handle_t handle, size_t elem_size, const void* data, size_t count, size_t* actual_count);
ZXSHIM_EXPORT zx_status_t zx_fifo_write(zx_handle_t handle, size_t elem_size, const void* data, size_t count, size_t* actual_count) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_fifo_write(handle, elem_size, data, count, actual_count);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_profile_create(zx_handle_t resource, const zx_profile_info_t* profile, zx_handle_t* out);
ZXSHIM_EXPORT zx_status_t zx_profile_create(zx_handle_t resource, const zx_profile_info_t* profile, zx_handle_t* out) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_profile_create(resource, profile, out);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_log_create(uint32_t options, zx_handle_t* out);
ZXSHIM_EXPORT zx_status_t zx_log_create(uint32_t options, zx_handle_t* out) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_log_create(options, out);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_log_write(zx_handle_t handle, uint32_t len, const void* buffer, uint32_t options);
ZXSHIM_EXPORT zx_status_t zx_log_write(zx_handle_t handle, uint32_t len, const void* buffer, uint32_t options) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_log_write(handle, len, buffer, options);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_log_read(zx_handle_t handle, uint32_t len, void* buffer, uint32_t options);
ZXSHIM_EXPORT zx_status_t zx_log_read(zx_handle_t handle, uint32_t len, void* buffer, uint32_t options) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_log_read(handle, len, buffer, options);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_debuglog_create(zx_handle_t resource, uint32_t options, zx_handle_t* out);
ZXSHIM_EXPORT zx_status_t zx_debuglog_create(zx_handle_t resource, uint32_t options, zx_handle_t* out) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_debuglog_create(resource, options, out);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_debuglog_write(zx_handle_t handle, uint32_t options, const void* buffer, size_t buffer_size);
ZXSHIM_EXPORT zx_status_t zx_debuglog_write(zx_handle_t handle, uint32_t options, const void* buffer, size_t buffer_size) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_debuglog_write(handle, options, buffer, buffer_size);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_debuglog_read(zx_handle_t handle, uint32_t options, void* buffer, size_t buffer_size);
ZXSHIM_EXPORT zx_status_t zx_debuglog_read(zx_handle_t handle, uint32_t options, void* buffer, size_t buffer_size) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_debuglog_read(handle, options, buffer, buffer_size);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_ktrace_read(zx_handle_t handle, void* data, uint32_t offset, size_t data_size, size_t* actual);
ZXSHIM_EXPORT zx_status_t zx_ktrace_read(zx_handle_t handle, void* data, uint32_t offset, size_t data_size, size_t* actual) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_ktrace_read(handle, data, offset, data_size, actual);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_ktrace_control(zx_handle_t handle, uint32_t action, uint32_t options, void* ptr);
ZXSHIM_EXPORT zx_status_t zx_ktrace_control(zx_handle_t handle, uint32_t action, uint32_t options, void* ptr) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_ktrace_control(handle, action, options, ptr);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_ktrace_write(zx_handle_t handle, uint32_t id, uint32_t arg0, uint32_t arg1);
ZXSHIM_EXPORT zx_status_t zx_ktrace_write(zx_handle_t handle, uint32_t id, uint32_t arg0, uint32_t arg1) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_ktrace_write(handle, id, arg0, arg1);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_mtrace_control(zx_handle_t handle, uint32_t kind, uint32_t action, uint32_t options, void* ptr, size_t ptr_size);
ZXSHIM_EXPORT zx_status_t zx_mtrace_control(zx_handle_t handle, uint32_t kind, uint32_t action, uint32_t options, void* ptr, size_t ptr_size) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_mtrace_control(handle, kind, action, options, ptr, ptr_size);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_debug_read(zx_handle_t handle, char* buffer, size_t* buffer_size);
ZXSHIM_EXPORT zx_status_t zx_debug_read(zx_handle_t handle, char* buffer, size_t* buffer_size) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_debug_read(handle, buffer, buffer_size);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_debug_write(const char* buffer, size_t buffer_size);
ZXSHIM_EXPORT zx_status_t zx_debug_write(const char* buffer, size_t buffer_size) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_debug_write(buffer, buffer_size);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_debug_send_command(zx_handle_t resource, const char* buffer, size_t buffer_size);
ZXSHIM_EXPORT zx_status_t zx_debug_send_command(zx_handle_t resource, const char* buffer, size_t buffer_size) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_debug_send_command(resource, buffer, buffer_size);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_interrupt_create(zx_handle_t src_obj, uint32_t src_num, uint32_t options, zx_handle_t* out);
ZXSHIM_EXPORT zx_status_t zx_interrupt_create(zx_handle_t src_obj, uint32_t src_num, uint32_t options, zx_handle_t* out) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_interrupt_create(src_obj, src_num, options, out);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_interrupt_bind(zx_handle_t handle, zx_handle_t port, uint64_t key, uint32_t options);
ZXSHIM_EXPORT zx_status_t zx_interrupt_bind(zx_handle_t handle, zx_handle_t port, uint64_t key, uint32_t options) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_interrupt_bind(handle, port, key, options);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_interrupt_wait(zx_handle_t handle, zx_time_t* out_timestamp);
ZXSHIM_EXPORT zx_status_t zx_interrupt_wait(zx_handle_t handle, zx_time_t* out_timestamp) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_interrupt_wait(handle, out_timestamp);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_interrupt_destroy(zx_handle_t handle);
ZXSHIM_EXPORT zx_status_t zx_interrupt_destroy(zx_handle_t handle) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_interrupt_destroy(handle);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_interrupt_ack(zx_handle_t handle);
ZXSHIM_EXPORT zx_status_t zx_interrupt_ack(zx_handle_t handle) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_interrupt_ack(handle);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_interrupt_trigger(zx_handle_t handle, uint32_t options, zx_time_t timestamp);
ZXSHIM_EXPORT zx_status_t zx_interrupt_trigger(zx_handle_t handle, uint32_t options, zx_time_t timestamp) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_interrupt_trigger(handle, options, timestamp);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_ioports_request(zx_handle_t resource, uint16_t io_addr, uint32_t len);
ZXSHIM_EXPORT zx_status_t zx_ioports_request(zx_handle_t resource, uint16_t io_addr, uint32_t len) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_ioports_request(resource, io_addr, len);
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

zx_status_t zxabi_framebuffer_get_info(zx_handle_t resource, uint32_t* format, uint32_t* width, uint32_t* height, uint32_t* stride);
ZXSHIM_EXPORT zx_status_t zx_framebuffer_get_info(zx_handle_t resource, uint32_t* format, uint32_t* width, uint32_t* height, uint32_t* stride) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_framebuffer_get_info(resource, format, width, height, stride);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_framebuffer_set_range(zx_handle_t resource, zx_handle_t vmo, uint32_t len, uint32_t format, uint32_t width, uint32_t height, uint32_t stride);
ZXSHIM_EXPORT zx_status_t zx_framebuffer_set_range(zx_handle_t resource, zx_handle_t vmo, uint32_t len, uint32_t format, uint32_t width, uint32_t height, uint32_t stride) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_framebuffer_set_range(resource, vmo, len, format, width, height, stride);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_pci_get_nth_device(zx_handle_t handle, uint32_t index, zx_pcie_device_info_t* out_info, zx_handle_t* out_handle);
ZXSHIM_EXPORT zx_status_t zx_pci_get_nth_device(zx_handle_t handle, uint32_t index, zx_pcie_device_info_t* out_info, zx_handle_t* out_handle) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_pci_get_nth_device(handle, index, out_info, out_handle);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_pci_enable_bus_master(zx_handle_t handle, bool enable);
ZXSHIM_EXPORT zx_status_t zx_pci_enable_bus_master(zx_handle_t handle, bool enable) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_pci_enable_bus_master(handle, enable);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_pci_reset_device(zx_handle_t handle);
ZXSHIM_EXPORT zx_status_t zx_pci_reset_device(zx_handle_t handle) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_pci_reset_device(handle);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_pci_config_read(zx_handle_t handle, uint16_t offset, size_t width, uint32_t* out_val);
ZXSHIM_EXPORT zx_status_t zx_pci_config_read(zx_handle_t handle, uint16_t offset, size_t width, uint32_t* out_val) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_pci_config_read(handle, offset, width, out_val);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_pci_config_write(zx_handle_t handle, uint16_t offset, size_t width, uint32_t val);
ZXSHIM_EXPORT zx_status_t zx_pci_config_write(zx_handle_t handle, uint16_t offset, size_t width, uint32_t val) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_pci_config_write(handle, offset, width, val);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_pci_cfg_pio_rw(zx_handle_t handle, uint8_t bus, uint8_t dev, uint8_t func, uint8_t offset, uint32_t* val, size_t width, bool write);
ZXSHIM_EXPORT zx_status_t zx_pci_cfg_pio_rw(zx_handle_t handle, uint8_t bus, uint8_t dev, uint8_t func, uint8_t offset, uint32_t* val, size_t width, bool write) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_pci_cfg_pio_rw(handle, bus, dev, func, offset, val, width, write);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_pci_get_bar(zx_handle_t handle, uint32_t bar_num, zx_pci_bar_t* out_bar, zx_handle_t* out_handle);
ZXSHIM_EXPORT zx_status_t zx_pci_get_bar(zx_handle_t handle, uint32_t bar_num, zx_pci_bar_t* out_bar, zx_handle_t* out_handle) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_pci_get_bar(handle, bar_num, out_bar, out_handle);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_pci_map_interrupt(zx_handle_t handle, int32_t which_irq, zx_handle_t* out_handle);
ZXSHIM_EXPORT zx_status_t zx_pci_map_interrupt(zx_handle_t handle, int32_t which_irq, zx_handle_t* out_handle) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_pci_map_interrupt(handle, which_irq, out_handle);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_pci_query_irq_mode(zx_handle_t handle, uint32_t mode, uint32_t* out_max_irqs);
ZXSHIM_EXPORT zx_status_t zx_pci_query_irq_mode(zx_handle_t handle, uint32_t mode, uint32_t* out_max_irqs) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_pci_query_irq_mode(handle, mode, out_max_irqs);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_pci_set_irq_mode(zx_handle_t handle, uint32_t mode, uint32_t requested_irq_count);
ZXSHIM_EXPORT zx_status_t zx_pci_set_irq_mode(zx_handle_t handle, uint32_t mode, uint32_t requested_irq_count) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_pci_set_irq_mode(handle, mode, requested_irq_count);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_pci_init(zx_handle_t handle, const zx_pci_init_arg_t* init_buf, uint32_t len);
ZXSHIM_EXPORT zx_status_t zx_pci_init(zx_handle_t handle, const zx_pci_init_arg_t* init_buf, uint32_t len) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_pci_init(handle, init_buf, len);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_pci_add_subtract_io_range(zx_handle_t handle, bool mmio, uint64_t base, uint64_t len, bool add);
ZXSHIM_EXPORT zx_status_t zx_pci_add_subtract_io_range(zx_handle_t handle, bool mmio, uint64_t base, uint64_t len, bool add) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_pci_add_subtract_io_range(handle, mmio, base, len, add);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_pc_firmware_tables(zx_handle_t handle, zx_paddr_t* acpi_rsdp, zx_paddr_t* smbios);
ZXSHIM_EXPORT zx_status_t zx_pc_firmware_tables(zx_handle_t handle, zx_paddr_t* acpi_rsdp, zx_paddr_t* smbios) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_pc_firmware_tables(handle, acpi_rsdp, smbios);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_smc_call(zx_handle_t handle, const zx_smc_parameters_t* parameters, zx_smc_result_t* out_smc_result);
ZXSHIM_EXPORT zx_status_t zx_smc_call(zx_handle_t handle, const zx_smc_parameters_t* parameters, zx_smc_result_t* out_smc_result) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_smc_call(handle, parameters, out_smc_result);
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

zx_status_t zxabi_guest_create(zx_handle_t resource, uint32_t options, zx_handle_t physmem_vmo, zx_handle_t* out);
ZXSHIM_EXPORT zx_status_t zx_guest_create(zx_handle_t resource, uint32_t options, zx_handle_t physmem_vmo, zx_handle_t* out) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_guest_create(resource, options, physmem_vmo, out);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_guest_set_trap(zx_handle_t handle, uint32_t kind, zx_vaddr_t addr, size_t size, zx_handle_t port, uint64_t key);
ZXSHIM_EXPORT zx_status_t zx_guest_set_trap(zx_handle_t handle, uint32_t kind, zx_vaddr_t addr, size_t size, zx_handle_t port, uint64_t key) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_guest_set_trap(handle, kind, addr, size, port, key);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_vcpu_create(zx_handle_t guest, uint32_t options, zx_vaddr_t entry, zx_handle_t* out);
ZXSHIM_EXPORT zx_status_t zx_vcpu_create(zx_handle_t guest, uint32_t options, zx_vaddr_t entry, zx_handle_t* out) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_vcpu_create(guest, options, entry, out);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_vcpu_resume(zx_handle_t handle, zx_port_packet_t* packet);
ZXSHIM_EXPORT zx_status_t zx_vcpu_resume(zx_handle_t handle, zx_port_packet_t* packet) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_vcpu_resume(handle, packet);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_vcpu_interrupt(zx_handle_t handle, uint32_t vector);
ZXSHIM_EXPORT zx_status_t zx_vcpu_interrupt(zx_handle_t handle, uint32_t vector) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_vcpu_interrupt(handle, vector);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_vcpu_read_state(zx_handle_t handle, uint32_t kind, void* buffer, size_t buffer_size);
ZXSHIM_EXPORT zx_status_t zx_vcpu_read_state(zx_handle_t handle, uint32_t kind, void* buffer, size_t buffer_size) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_vcpu_read_state(handle, kind, buffer, buffer_size);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_vcpu_write_state(zx_handle_t handle, uint32_t kind, const void* buffer, size_t buffer_size);
ZXSHIM_EXPORT zx_status_t zx_vcpu_write_state(zx_handle_t handle, uint32_t kind, const void* buffer, size_t buffer_size) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_vcpu_write_state(handle, kind, buffer, buffer_size);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_system_mexec(zx_handle_t resource, zx_handle_t kernel, zx_handle_t bootimage);
ZXSHIM_EXPORT zx_status_t zx_system_mexec(zx_handle_t resource, zx_handle_t kernel, zx_handle_t bootimage) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_system_mexec(resource, kernel, bootimage);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_system_powerctl(zx_handle_t resource, uint32_t cmd, const zx_system_powerctl_arg_t* arg);
ZXSHIM_EXPORT zx_status_t zx_system_powerctl(zx_handle_t resource, uint32_t cmd, const zx_system_powerctl_arg_t* arg) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_system_powerctl(resource, cmd, arg);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_vmo_replace_as_executable(zx_handle_t handle, zx_handle_t vmex, zx_handle_t* out);
ZXSHIM_EXPORT zx_status_t zx_vmo_replace_as_executable(zx_handle_t handle, zx_handle_t vmex, zx_handle_t* out) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_vmo_replace_as_executable(handle, vmex, out);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_futex_wake_single_owner(const zx_futex_t* value_ptr);
ZXSHIM_EXPORT zx_status_t zx_futex_wake_single_owner(const zx_futex_t* value_ptr) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_futex_wake_single_owner(value_ptr);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_futex_requeue_single_owner(const zx_futex_t* value_ptr, int32_t current_value, const zx_futex_t* requeue_ptr, uint32_t requeue_count, zx_handle_t new_requeue_owner);
ZXSHIM_EXPORT zx_status_t zx_futex_requeue_single_owner(const zx_futex_t* value_ptr, int32_t current_value, const zx_futex_t* requeue_ptr, uint32_t requeue_count, zx_handle_t new_requeue_owner) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_futex_requeue_single_owner(value_ptr, current_value, requeue_ptr, requeue_count, new_requeue_owner);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_futex_get_owner(const zx_futex_t* value_ptr, zx_koid_t* koid);
ZXSHIM_EXPORT zx_status_t zx_futex_get_owner(const zx_futex_t* value_ptr, zx_koid_t* koid) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_futex_get_owner(value_ptr, koid);
    ZXSHIM_CHECK_KILLED();
    return result;
}

zx_status_t zxabi_socket_shutdown(zx_handle_t handle, uint32_t options);
ZXSHIM_EXPORT zx_status_t zx_socket_shutdown(zx_handle_t handle, uint32_t options) {
    ZXSHIM_ENTER();
    zx_status_t result = zxabi_socket_shutdown(handle, options);
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
