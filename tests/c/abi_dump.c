// Prints every constant and every struct layout the headers declare, one "NAME VALUE" per line, so the ABI test
// can compare them with the managed definitions.
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <zircon/processargs.h>
#include <zircon/syscalls.h>
#include <zircon/features.h>
#include <zircon/syscalls/debug.h>
#include <zircon/syscalls/exception.h>
#include <zircon/syscalls/hypervisor.h>
#include <zircon/syscalls/log.h>
#include <zircon/syscalls/policy.h>
#include <zircon/time.h>

#define C(name) printf("%s %lld\n", #name, (long long)(name))
#define S(type) printf("sizeof(%s) %zu\n", #type, sizeof(type))
#define O(type, field) printf("offsetof(%s,%s) %zu\n", #type, #field, offsetof(type, field))

int main(void) {
    C(ZX_OK); C(ZX_ERR_INTERNAL); C(ZX_ERR_NOT_SUPPORTED); C(ZX_ERR_NO_RESOURCES); C(ZX_ERR_NO_MEMORY);
    C(ZX_ERR_INTERNAL_INTR_RETRY); C(ZX_ERR_INVALID_ARGS); C(ZX_ERR_BAD_HANDLE); C(ZX_ERR_WRONG_TYPE);
    C(ZX_ERR_BAD_SYSCALL); C(ZX_ERR_OUT_OF_RANGE); C(ZX_ERR_BUFFER_TOO_SMALL); C(ZX_ERR_BAD_STATE);
    C(ZX_ERR_TIMED_OUT); C(ZX_ERR_SHOULD_WAIT); C(ZX_ERR_CANCELED); C(ZX_ERR_PEER_CLOSED); C(ZX_ERR_NOT_FOUND);
    C(ZX_ERR_ALREADY_EXISTS); C(ZX_ERR_ALREADY_BOUND); C(ZX_ERR_UNAVAILABLE); C(ZX_ERR_ACCESS_DENIED);
    C(ZX_ERR_IO); C(ZX_ERR_IO_REFUSED); C(ZX_ERR_IO_DATA_INTEGRITY); C(ZX_ERR_IO_DATA_LOSS); C(ZX_ERR_IO_NOT_PRESENT);
    C(ZX_ERR_IO_OVERRUN); C(ZX_ERR_IO_MISSED_DEADLINE); C(ZX_ERR_IO_INVALID); C(ZX_ERR_BAD_PATH); C(ZX_ERR_NOT_DIR);
    C(ZX_ERR_NOT_FILE); C(ZX_ERR_FILE_BIG); C(ZX_ERR_NO_SPACE); C(ZX_ERR_NOT_EMPTY); C(ZX_ERR_STOP); C(ZX_ERR_NEXT);
    C(ZX_ERR_ASYNC); C(ZX_ERR_PROTOCOL_NOT_SUPPORTED); C(ZX_ERR_ADDRESS_UNREACHABLE); C(ZX_ERR_ADDRESS_IN_USE);
    C(ZX_ERR_NOT_CONNECTED); C(ZX_ERR_CONNECTION_REFUSED); C(ZX_ERR_CONNECTION_RESET); C(ZX_ERR_CONNECTION_ABORTED);

    C(ZX_RIGHT_NONE); C(ZX_RIGHT_DUPLICATE); C(ZX_RIGHT_TRANSFER); C(ZX_RIGHT_READ); C(ZX_RIGHT_WRITE);
    C(ZX_RIGHT_EXECUTE); C(ZX_RIGHT_MAP); C(ZX_RIGHT_GET_PROPERTY); C(ZX_RIGHT_SET_PROPERTY); C(ZX_RIGHT_ENUMERATE);
    C(ZX_RIGHT_DESTROY); C(ZX_RIGHT_SET_POLICY); C(ZX_RIGHT_GET_POLICY); C(ZX_RIGHT_SIGNAL); C(ZX_RIGHT_SIGNAL_PEER);
    C(ZX_RIGHT_WAIT); C(ZX_RIGHT_INSPECT); C(ZX_RIGHT_MANAGE_JOB); C(ZX_RIGHT_MANAGE_PROCESS);
    C(ZX_RIGHT_MANAGE_THREAD); C(ZX_RIGHT_APPLY_PROFILE); C(ZX_RIGHT_SAME_RIGHTS); C(ZX_RIGHTS_BASIC); C(ZX_RIGHTS_IO);
    C(ZX_RIGHTS_PROPERTY); C(ZX_RIGHTS_POLICY); C(ZX_DEFAULT_VMO_RIGHTS); C(ZX_DEFAULT_RESOURCE_RIGHTS);
    C(ZX_DEFAULT_PROCESS_RIGHTS); C(ZX_DEFAULT_JOB_RIGHTS); C(ZX_DEFAULT_SUSPEND_TOKEN_RIGHTS);

    C(ZX_OBJ_TYPE_NONE); C(ZX_OBJ_TYPE_PROCESS); C(ZX_OBJ_TYPE_THREAD); C(ZX_OBJ_TYPE_VMO); C(ZX_OBJ_TYPE_CHANNEL);
    C(ZX_OBJ_TYPE_EVENT); C(ZX_OBJ_TYPE_PORT); C(ZX_OBJ_TYPE_INTERRUPT); C(ZX_OBJ_TYPE_PCI_DEVICE); C(ZX_OBJ_TYPE_LOG);
    C(ZX_OBJ_TYPE_SOCKET); C(ZX_OBJ_TYPE_RESOURCE); C(ZX_OBJ_TYPE_EVENTPAIR); C(ZX_OBJ_TYPE_JOB); C(ZX_OBJ_TYPE_VMAR);
    C(ZX_OBJ_TYPE_FIFO); C(ZX_OBJ_TYPE_GUEST); C(ZX_OBJ_TYPE_VCPU); C(ZX_OBJ_TYPE_TIMER); C(ZX_OBJ_TYPE_IOMMU);
    C(ZX_OBJ_TYPE_BTI); C(ZX_OBJ_TYPE_PROFILE); C(ZX_OBJ_TYPE_PMT); C(ZX_OBJ_TYPE_SUSPEND_TOKEN); C(ZX_OBJ_TYPE_LAST);

    C(ZX_SIGNAL_NONE); C(__ZX_OBJECT_READABLE); C(__ZX_OBJECT_WRITABLE); C(__ZX_OBJECT_PEER_CLOSED);
    C(__ZX_OBJECT_SIGNALED); C(ZX_VMO_ZERO_CHILDREN); C(ZX_EVENT_SIGNALED); C(ZX_SIGNAL_HANDLE_CLOSED);
    C(ZX_USER_SIGNAL_0); C(ZX_USER_SIGNAL_1); C(ZX_USER_SIGNAL_2); C(ZX_USER_SIGNAL_3); C(ZX_USER_SIGNAL_4);
    C(ZX_USER_SIGNAL_5); C(ZX_USER_SIGNAL_6); C(ZX_USER_SIGNAL_7); C(ZX_USER_SIGNAL_ALL);

    C(ZX_RSRC_KIND_MMIO); C(ZX_RSRC_KIND_IRQ); C(ZX_RSRC_KIND_IOPORT); C(ZX_RSRC_KIND_HYPERVISOR); C(ZX_RSRC_KIND_ROOT);
    C(ZX_RSRC_KIND_VMEX); C(ZX_RSRC_KIND_COUNT); C(ZX_RSRC_FLAG_EXCLUSIVE); C(ZX_RSRC_FLAGS_MASK); C(ZX_RSRC_KIND_MASK);

    C(ZX_VMO_NON_RESIZABLE); C(ZX_VMO_OP_COMMIT); C(ZX_VMO_OP_DECOMMIT); C(ZX_VMO_OP_LOCK); C(ZX_VMO_OP_UNLOCK);
    C(ZX_VMO_OP_CACHE_SYNC); C(ZX_VMO_OP_CACHE_INVALIDATE); C(ZX_VMO_OP_CACHE_CLEAN); C(ZX_VMO_OP_CACHE_CLEAN_INVALIDATE);
    C(ZX_VMO_CLONE_COPY_ON_WRITE); C(ZX_VMO_CLONE_NON_RESIZEABLE); C(ZX_VMO_CHILD_SNAPSHOT); C(ZX_VMO_CHILD_RESIZABLE);
    C(ZX_VMO_CHILD_SLICE); C(ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE); C(ZX_VMO_CHILD_NO_WRITE);
    C(ZX_CACHE_POLICY_CACHED); C(ZX_CACHE_POLICY_UNCACHED); C(ZX_CACHE_POLICY_UNCACHED_DEVICE);
    C(ZX_CACHE_POLICY_WRITE_COMBINING); C(ZX_CACHE_POLICY_MASK);
    C(ZX_INFO_VMO_TYPE_PAGED); C(ZX_INFO_VMO_TYPE_PHYSICAL); C(ZX_INFO_VMO_RESIZABLE); C(ZX_INFO_VMO_IS_COW_CLONE);
    C(ZX_INFO_VMO_VIA_HANDLE); C(ZX_INFO_VMO_VIA_MAPPING); C(ZX_INFO_VMO_PAGER_BACKED); C(ZX_INFO_VMO_CONTIGUOUS);

    C(ZX_INFO_NONE); C(ZX_INFO_HANDLE_VALID); C(ZX_INFO_HANDLE_BASIC); C(ZX_INFO_PROCESS); C(ZX_INFO_PROCESS_THREADS);
    C(ZX_INFO_VMAR); C(ZX_INFO_JOB_CHILDREN); C(ZX_INFO_JOB_PROCESSES); C(ZX_INFO_THREAD);
    C(ZX_INFO_THREAD_EXCEPTION_REPORT); C(ZX_INFO_TASK_STATS); C(ZX_INFO_PROCESS_MAPS); C(ZX_INFO_PROCESS_VMOS);
    C(ZX_INFO_THREAD_STATS); C(ZX_INFO_CPU_STATS); C(ZX_INFO_KMEM_STATS); C(ZX_INFO_RESOURCE); C(ZX_INFO_HANDLE_COUNT);
    C(ZX_INFO_BTI); C(ZX_INFO_PROCESS_HANDLE_STATS); C(ZX_INFO_SOCKET); C(ZX_INFO_VMO);
    C(ZX_PROP_NAME); C(ZX_PROP_REGISTER_FS); C(ZX_PROP_PROCESS_DEBUG_ADDR); C(ZX_PROP_PROCESS_VDSO_BASE_ADDRESS);
    C(ZX_PROP_SOCKET_RX_BUF_MAX); C(ZX_PROP_SOCKET_RX_BUF_SIZE); C(ZX_PROP_SOCKET_TX_BUF_MAX);
    C(ZX_PROP_SOCKET_TX_BUF_SIZE); C(ZX_PROP_SOCKET_RX_THRESHOLD); C(ZX_PROP_SOCKET_TX_THRESHOLD); C(ZX_PROP_CHANNEL_TX_MSG_MAX);
    C(ZX_OBJ_PROP_NONE); C(ZX_OBJ_PROP_WAITABLE);
    C(ZX_PAGE_SIZE); C(ZX_PAGE_SHIFT); C(ZX_PAGE_MASK); C(ZX_MAX_NAME_LEN); C(ZX_KOID_INVALID); C(ZX_KOID_KERNEL);
    C(ZX_KOID_FIRST); C(ZX_TIME_INFINITE); C(ZX_TIME_INFINITE_PAST); C(ZX_HANDLE_INVALID);

    C(ZX_DEFAULT_VMAR_RIGHTS); C(ZX_DEFAULT_IOMMU_RIGHTS); C(ZX_DEFAULT_BTI_RIGHTS); C(ZX_DEFAULT_PMT_RIGHTS);
    C(ZX_VM_PERM_READ); C(ZX_VM_PERM_WRITE); C(ZX_VM_PERM_EXECUTE); C(ZX_VM_COMPACT); C(ZX_VM_SPECIFIC);
    C(ZX_VM_SPECIFIC_OVERWRITE); C(ZX_VM_CAN_MAP_SPECIFIC); C(ZX_VM_CAN_MAP_READ); C(ZX_VM_CAN_MAP_WRITE);
    C(ZX_VM_CAN_MAP_EXECUTE); C(ZX_VM_MAP_RANGE); C(ZX_VM_REQUIRE_NON_RESIZABLE);
    C(ZX_BTI_PERM_READ); C(ZX_BTI_PERM_WRITE); C(ZX_BTI_PERM_EXECUTE); C(ZX_BTI_COMPRESS); C(ZX_BTI_CONTIGUOUS);
    C(ZX_IOMMU_TYPE_DUMMY); C(ZX_IOMMU_TYPE_INTEL); C(ZX_IOMMU_MAX_DESC_LEN); S(zx_iommu_desc_dummy_t);
    S(zx_info_vmar_t); O(zx_info_vmar_t, base); O(zx_info_vmar_t, len);
    S(zx_info_bti_t); O(zx_info_bti_t, minimum_contiguity); O(zx_info_bti_t, aspace_size);

    C(ZX_WAIT_ASYNC_ONCE); C(ZX_WAIT_ASYNC_REPEATING); C(ZX_PKT_TYPE_USER); C(ZX_PKT_TYPE_SIGNAL_ONE);
    C(ZX_PKT_TYPE_SIGNAL_REP); C(ZX_PKT_TYPE_GUEST_BELL); C(ZX_PKT_TYPE_GUEST_MEM); C(ZX_PKT_TYPE_GUEST_IO);
    C(ZX_PKT_TYPE_GUEST_VCPU); C(ZX_PKT_TYPE_INTERRUPT);
    S(zx_port_packet_t); O(zx_port_packet_t, key); O(zx_port_packet_t, type); O(zx_port_packet_t, status);
    O(zx_port_packet_t, user); S(zx_packet_signal_t); O(zx_packet_signal_t, observed); O(zx_packet_signal_t, count);

    C(ZX_DEFAULT_EVENT_RIGHTS); C(ZX_DEFAULT_EVENT_PAIR_RIGHTS); C(ZX_DEFAULT_PORT_RIGHTS); C(ZX_DEFAULT_CHANNEL_RIGHTS);
    C(ZX_WAIT_MANY_MAX_ITEMS); C(ZX_CHANNEL_READ_MAY_DISCARD); C(ZX_CHANNEL_MAX_MSG_BYTES); C(ZX_CHANNEL_MAX_MSG_HANDLES);
    S(zx_wait_item_t); O(zx_wait_item_t, handle); O(zx_wait_item_t, waitfor); O(zx_wait_item_t, pending);

    C(ZX_DEFAULT_THREAD_RIGHTS); C(ZX_TASK_TERMINATED); C(ZX_TASK_RETCODE_SYSCALL_KILL);
    S(zx_info_process_t); O(zx_info_process_t, return_code); O(zx_info_process_t, started); O(zx_info_process_t, exited);
    O(zx_info_process_t, debugger_attached);

    S(zx_channel_call_args_t); O(zx_channel_call_args_t, wr_bytes); O(zx_channel_call_args_t, wr_handles);
    O(zx_channel_call_args_t, rd_bytes); O(zx_channel_call_args_t, rd_handles); O(zx_channel_call_args_t, wr_num_bytes);
    O(zx_channel_call_args_t, wr_num_handles); O(zx_channel_call_args_t, rd_num_bytes); O(zx_channel_call_args_t, rd_num_handles);
    C(ZX_CLOCK_MONOTONIC); C(ZX_CLOCK_UTC); C(ZX_CLOCK_THREAD);

    S(zx_handle_info_t); O(zx_handle_info_t, handle); O(zx_handle_info_t, type); O(zx_handle_info_t, rights); O(zx_handle_info_t, unused);

    S(zx_info_handle_basic_t); O(zx_info_handle_basic_t, koid); O(zx_info_handle_basic_t, rights);
    O(zx_info_handle_basic_t, type); O(zx_info_handle_basic_t, related_koid); O(zx_info_handle_basic_t, props);
    S(zx_info_resource_t); O(zx_info_resource_t, kind); O(zx_info_resource_t, flags); O(zx_info_resource_t, base);
    O(zx_info_resource_t, size); O(zx_info_resource_t, name);
    S(zx_info_vmo_t); O(zx_info_vmo_t, koid); O(zx_info_vmo_t, name); O(zx_info_vmo_t, size_bytes);
    O(zx_info_vmo_t, parent_koid); O(zx_info_vmo_t, num_children); O(zx_info_vmo_t, num_mappings);
    O(zx_info_vmo_t, share_count); O(zx_info_vmo_t, flags); O(zx_info_vmo_t, committed_bytes);
    O(zx_info_vmo_t, handle_rights); O(zx_info_vmo_t, create_options); O(zx_info_vmo_t, cache_policy);
    S(zx_info_process_handle_stats_t); O(zx_info_process_handle_stats_t, handle_count);
    C(ZX_PROP_JOB_KILL_ON_OOM);
    S(zx_info_handle_count_t); O(zx_info_handle_count_t, handle_count);
    S(zx_info_thread_t); O(zx_info_thread_t, state); O(zx_info_thread_t, wait_exception_port_type);
    S(zx_info_thread_stats_t); O(zx_info_thread_stats_t, total_runtime);
    S(zx_info_task_stats_t); O(zx_info_task_stats_t, mem_mapped_bytes); O(zx_info_task_stats_t, mem_private_bytes);
    O(zx_info_task_stats_t, mem_shared_bytes); O(zx_info_task_stats_t, mem_scaled_shared_bytes);
    C(ZX_THREAD_STATE_NEW); C(ZX_THREAD_STATE_RUNNING); C(ZX_THREAD_STATE_SUSPENDED); C(ZX_THREAD_STATE_BLOCKED);
    C(ZX_THREAD_STATE_DYING); C(ZX_THREAD_STATE_DEAD); C(ZX_THREAD_STATE_BLOCKED_EXCEPTION);
    C(ZX_THREAD_STATE_BLOCKED_SLEEPING); C(ZX_THREAD_STATE_BLOCKED_FUTEX); C(ZX_THREAD_STATE_BLOCKED_PORT);
    C(ZX_THREAD_STATE_BLOCKED_CHANNEL); C(ZX_THREAD_STATE_BLOCKED_WAIT_ONE); C(ZX_THREAD_STATE_BLOCKED_WAIT_MANY);
    C(ZX_THREAD_STATE_BLOCKED_INTERRUPT);
    C(ZX_JOB_POL_RELATIVE); C(ZX_JOB_POL_ABSOLUTE); C(ZX_JOB_POL_BASIC); C(ZX_POL_BAD_HANDLE); C(ZX_POL_WRONG_OBJECT);
    C(ZX_POL_VMAR_WX); C(ZX_POL_NEW_ANY); C(ZX_POL_NEW_VMO); C(ZX_POL_NEW_CHANNEL); C(ZX_POL_NEW_EVENT);
    C(ZX_POL_NEW_EVENTPAIR); C(ZX_POL_NEW_PORT); C(ZX_POL_NEW_SOCKET); C(ZX_POL_NEW_FIFO); C(ZX_POL_NEW_TIMER);
    C(ZX_POL_NEW_PROCESS); C(ZX_POL_NEW_PROFILE); C(ZX_POL_MAX); C(ZX_POL_ACTION_ALLOW_EXCEPTION);
    C(ZX_POL_ACTION_DENY_EXCEPTION); S(zx_policy_basic_t); O(zx_policy_basic_t, policy); C(ZX_POL_ACTION_ALLOW); C(ZX_POL_ACTION_DENY); C(ZX_POL_ACTION_EXCEPTION); C(ZX_POL_ACTION_KILL);
    C(ZX_PROCARGS_PROTOCOL); C(ZX_PROCARGS_VERSION); C(PA_PROC_SELF); C(PA_THREAD_SELF); C(PA_JOB_DEFAULT);
    C(PA_VMAR_ROOT); C(PA_VMAR_LOADED); C(PA_LDSVC_LOADER); C(PA_VMO_VDSO); C(PA_VMO_STACK); C(PA_VMO_EXECUTABLE);
    C(PA_VMO_BOOTDATA); C(PA_VMO_BOOTFS); C(PA_VMO_KERNEL_FILE); C(PA_NS_DIR); C(PA_FDIO_REMOTE); C(PA_FDIO_LOGGER);
    C(PA_FDIO_SOCKET); C(PA_DIRECTORY_REQUEST); C(PA_RESOURCE); C(PA_USER0); C(PA_USER1); C(PA_USER2);

    // The 2018 names of objects and syscalls Zx declares but does not implement yet, and the records of the DDK,
    // hypervisor, log and debug headers.
    C(ZX_DEFAULT_FIFO_RIGHTS); C(ZX_DEFAULT_GUEST_RIGHTS); C(ZX_DEFAULT_INTERRUPT_RIGHTS); C(ZX_DEFAULT_IRQ_RIGHTS);
    C(ZX_DEFAULT_IO_MAPPING_RIGHTS); C(ZX_DEFAULT_LOG_RIGHTS); C(ZX_DEFAULT_PCI_DEVICE_RIGHTS);
    C(ZX_DEFAULT_PCI_INTERRUPT_RIGHTS); C(ZX_DEFAULT_SOCKET_RIGHTS); C(ZX_DEFAULT_TIMERS_RIGHTS);
    C(ZX_DEFAULT_VCPU_RIGHTS); C(ZX_DEFAULT_PROFILE_RIGHTS);
    C(__ZX_OBJECT_SIGNAL_ALL); C(__ZX_OBJECT_HANDLE_CLOSED); C(ZX_EVENT_SIGNAL_MASK); C(ZX_EVENTPAIR_SIGNAL_MASK);
    C(ZX_SOCKET_READABLE); C(ZX_SOCKET_WRITABLE); C(ZX_SOCKET_PEER_CLOSED); C(ZX_SOCKET_PEER_WRITE_DISABLED);
    C(ZX_SOCKET_WRITE_DISABLED); C(ZX_SOCKET_CONTROL_READABLE); C(ZX_SOCKET_CONTROL_WRITABLE); C(ZX_SOCKET_ACCEPT);
    C(ZX_SOCKET_SHARE); C(ZX_SOCKET_READ_THRESHOLD); C(ZX_SOCKET_WRITE_THRESHOLD); C(ZX_SOCKET_READ_DISABLED);
    C(ZX_FIFO_READABLE); C(ZX_FIFO_WRITABLE); C(ZX_FIFO_PEER_CLOSED); C(ZX_JOB_NO_PROCESSES); C(ZX_JOB_NO_JOBS);
    C(ZX_THREAD_RUNNING); C(ZX_THREAD_SUSPENDED); C(ZX_LOG_READABLE); C(ZX_LOG_WRITABLE); C(ZX_TIMER_SIGNALED);
    C(ZX_CPRNG_DRAW_MAX_LEN); C(ZX_CPRNG_ADD_ENTROPY_MAX_LEN); C(ZX_INTERRUPT_REMAP_IRQ); C(ZX_INTERRUPT_MODE_DEFAULT);
    C(ZX_INTERRUPT_MODE_EDGE_LOW); C(ZX_INTERRUPT_MODE_EDGE_HIGH); C(ZX_INTERRUPT_MODE_LEVEL_LOW);
    C(ZX_INTERRUPT_MODE_LEVEL_HIGH); C(ZX_INTERRUPT_MODE_EDGE_BOTH); C(ZX_INTERRUPT_MODE_MASK); C(ZX_INTERRUPT_VIRTUAL);
    C(ZX_INTERRUPT_SLOT_USER); C(ZX_INTERRUPT_MAX_SLOTS); C(ZX_PCI_INTERRUPT_SLOT);
    C(ZX_SOCKET_SHUTDOWN_WRITE); C(ZX_SOCKET_SHUTDOWN_READ); C(ZX_SOCKET_SHUTDOWN_MASK); C(ZX_SOCKET_STREAM);
    C(ZX_SOCKET_DATAGRAM); C(ZX_SOCKET_HAS_CONTROL); C(ZX_SOCKET_HAS_ACCEPT); C(ZX_SOCKET_CREATE_MASK); C(ZX_SOCKET_CONTROL); C(ZX_SOCKET_PEEK);
    C(ZX_CACHE_FLUSH_INSN); C(ZX_CACHE_FLUSH_DATA); C(ZX_CACHE_FLUSH_INVALIDATE);
    C(ZX_TIMER_SLACK_CENTER); C(ZX_TIMER_SLACK_EARLY); C(ZX_TIMER_SLACK_LATE);
    C(ZX_VM_FLAG_PERM_READ); C(ZX_VM_FLAG_PERM_WRITE); C(ZX_VM_FLAG_PERM_EXECUTE); C(ZX_VM_FLAG_COMPACT);
    C(ZX_VM_FLAG_SPECIFIC); C(ZX_VM_FLAG_SPECIFIC_OVERWRITE); C(ZX_VM_FLAG_CAN_MAP_SPECIFIC); C(ZX_VM_FLAG_CAN_MAP_READ);
    C(ZX_VM_FLAG_CAN_MAP_WRITE); C(ZX_VM_FLAG_CAN_MAP_EXECUTE); C(ZX_VM_FLAG_MAP_RANGE); C(ZX_VM_FLAG_REQUIRE_NON_RESIZABLE);
    S(zx_futex_t); S(zx_paddr32_t); S(zx_ticks_t); S(zx_clock_t);
    C(ZX_NSEC(1)); C(ZX_USEC(1)); C(ZX_MSEC(1)); C(ZX_SEC(1)); C(ZX_MIN(1)); C(ZX_HOUR(1));
    C(ZX_CLOCK_MONOTONIC); C(ZX_CLOCK_UTC); C(ZX_CLOCK_THREAD);
    C(ZX_EXCP_GENERAL); C(ZX_EXCP_FATAL_PAGE_FAULT); C(ZX_EXCP_UNDEFINED_INSTRUCTION); C(ZX_EXCP_SW_BREAKPOINT);
    C(ZX_EXCP_HW_BREAKPOINT); C(ZX_EXCP_UNALIGNED_ACCESS); C(ZX_EXCP_THREAD_STARTING); C(ZX_EXCP_THREAD_EXITING);
    C(ZX_EXCP_POLICY_ERROR); C(ZX_TASK_RETCODE_POLICY_KILL); C(ZX_TASK_RETCODE_EXCEPTION_KILL);
    C(ZX_EXCEPTION_PORT_DEBUGGER); C(ZX_EXCEPTION_PORT_UNBIND_QUIETLY); C(ZX_RESUME_EXCEPTION); C(ZX_RESUME_TRY_NEXT);
    C(ZX_EXCEPTION_PORT_TYPE_THREAD); C(ZX_EXCEPTION_PORT_TYPE_JOB); C(ZX_THREAD_STATE_BLOCKED_EXCEPTION);
    S(zx_exception_report_t); O(zx_exception_report_t, context); S(zx_x86_64_exc_data_t); O(zx_x86_64_exc_data_t, cr2);
    C(ZX_PROFILE_INFO_SCHEDULER); C(ZX_PRIORITY_LOWEST); C(ZX_PRIORITY_LOW); C(ZX_PRIORITY_DEFAULT); C(ZX_PRIORITY_HIGH);
    C(ZX_PRIORITY_HIGHEST);
    S(zx_profile_info_t); O(zx_profile_info_t, scheduler); S(zx_profile_scheduler_t); O(zx_profile_scheduler_t, quantum);
    S(zx_smc_parameters_t); O(zx_smc_parameters_t, arg1); O(zx_smc_parameters_t, arg6); O(zx_smc_parameters_t, client_id);
    O(zx_smc_parameters_t, secure_os_id); S(zx_smc_result_t); O(zx_smc_result_t, arg3);
    C(ZX_SYSTEM_POWERCTL_ENABLE_ALL_CPUS); C(ZX_SYSTEM_POWERCTL_REBOOT); C(ZX_SYSTEM_POWERCTL_SHUTDOWN);
    S(zx_system_powerctl_arg_t);
    S(zx_pci_bar_t); O(zx_pci_bar_t, size); O(zx_pci_bar_t, mmio_handle); S(zx_pcie_device_info_t);
    O(zx_pcie_device_info_t, base_class); O(zx_pcie_device_info_t, func_id); S(zx_pci_init_arg_t);
    O(zx_pci_init_arg_t, num_irqs); O(zx_pci_init_arg_t, addr_window_count); O(zx_pci_init_arg_t, addr_windows);
    C(ZX_PCI_MAX_BUSSES); C(ZX_PCI_ECAM_BYTE_PER_BUS); C(ZX_PCI_MAX_BAR_REGS); C(ZX_MAX_PCI_IRQS); C(ZX_PCIE_IRQ_MODE_MSI_X);
    S(zx_log_record_t); O(zx_log_record_t, datalen); O(zx_log_record_t, timestamp); O(zx_log_record_t, tid);
    O(zx_log_record_t, data); C(ZX_LOG_RECORD_MAX); C(ZX_LOG_LOCAL); C(ZX_LOG_LEVEL_MASK); C(ZX_LOG_FLAG_READABLE);
    C(ZX_GUEST_TRAP_BELL); C(ZX_GUEST_TRAP_MEM); C(ZX_GUEST_TRAP_IO); C(ZX_VCPU_STATE); C(ZX_VCPU_IO);
    S(zx_vcpu_io_t); O(zx_vcpu_io_t, u32);
    C(ZX_THREAD_STATE_GENERAL_REGS); C(ZX_THREAD_STATE_FP_REGS); C(ZX_THREAD_STATE_VECTOR_REGS);
    C(ZX_THREAD_STATE_DEBUG_REGS); C(ZX_THREAD_STATE_SINGLE_STEP); C(ZX_THREAD_X86_REGISTER_FS); C(ZX_THREAD_X86_REGISTER_GS);
#if defined(__x86_64__)
    S(zx_thread_state_general_regs_t); O(zx_thread_state_general_regs_t, rip); O(zx_thread_state_general_regs_t, rflags);
    S(zx_vcpu_state_t); O(zx_vcpu_state_t, rflags);
#endif
    C(ZX_FEATURE_KIND_CPU); C(ZX_HAS_CPU_FEATURES);
    S(zx_info_cpu_stats_t); O(zx_info_cpu_stats_t, cpu_number); O(zx_info_cpu_stats_t, flags);
    O(zx_info_cpu_stats_t, idle_time); O(zx_info_cpu_stats_t, reschedules); O(zx_info_cpu_stats_t, ints);
    O(zx_info_cpu_stats_t, syscalls); O(zx_info_cpu_stats_t, generic_ipis); C(ZX_INFO_CPU_STATS_FLAG_ONLINE);
    S(zx_info_kmem_stats_t); O(zx_info_kmem_stats_t, total_bytes); O(zx_info_kmem_stats_t, free_bytes);
    O(zx_info_kmem_stats_t, vmo_bytes); O(zx_info_kmem_stats_t, ipc_bytes); O(zx_info_kmem_stats_t, other_bytes);
    C(ZX_INFO_MAPS_TYPE_NONE); C(ZX_INFO_MAPS_TYPE_ASPACE); C(ZX_INFO_MAPS_TYPE_VMAR); C(ZX_INFO_MAPS_TYPE_MAPPING);
    S(zx_info_maps_t); O(zx_info_maps_t, base); O(zx_info_maps_t, size); O(zx_info_maps_t, depth); O(zx_info_maps_t, type);
    O(zx_info_maps_t, u); S(zx_info_maps_mapping_t); O(zx_info_maps_mapping_t, mmu_flags); O(zx_info_maps_mapping_t, vmo_koid);
    O(zx_info_maps_mapping_t, vmo_offset); O(zx_info_maps_mapping_t, committed_pages);
    S(zx_info_socket_t); O(zx_info_socket_t, options); O(zx_info_socket_t, rx_buf_max); O(zx_info_socket_t, rx_buf_size);
    O(zx_info_socket_t, rx_buf_available); O(zx_info_socket_t, tx_buf_max); O(zx_info_socket_t, tx_buf_size);
    return 0;
}
