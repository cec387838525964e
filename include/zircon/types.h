// Zx: Zircon's basic types and constants, with the values of September 2018.
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <zircon/compiler.h>
#include <zircon/limits.h>
#include <zircon/time.h>

__BEGIN_CDECLS

typedef uint32_t zx_handle_t;
#define ZX_HANDLE_INVALID ((zx_handle_t)0)

typedef int32_t zx_status_t;
typedef uint64_t zx_koid_t;
typedef uint32_t zx_rights_t;
typedef uint32_t zx_signals_t;
typedef uint32_t zx_obj_type_t;
typedef uint32_t zx_vm_option_t;
typedef uintptr_t zx_paddr_t;
typedef uintptr_t zx_vaddr_t;
typedef uint64_t zx_gpaddr_t;
typedef uint64_t zx_off_t;


#define ZX_KOID_INVALID ((uint64_t)0)
#define ZX_KOID_KERNEL ((uint64_t)1)
#define ZX_KOID_FIRST ((uint64_t)1024)

#define ZX_MAX_NAME_LEN 32u

// Signals.
#define ZX_SIGNAL_NONE ((zx_signals_t)0u)
#define ZX_USER_SIGNAL_ALL ((zx_signals_t)0xff000000u)
#define __ZX_OBJECT_READABLE ((zx_signals_t)1u << 0)
#define __ZX_OBJECT_WRITABLE ((zx_signals_t)1u << 1)
#define __ZX_OBJECT_PEER_CLOSED ((zx_signals_t)1u << 2)
#define __ZX_OBJECT_SIGNALED ((zx_signals_t)1u << 3)
#define ZX_SIGNAL_HANDLE_CLOSED ((zx_signals_t)1u << 23)
#define ZX_USER_SIGNAL_0 ((zx_signals_t)1u << 24)
#define ZX_USER_SIGNAL_1 ((zx_signals_t)1u << 25)
#define ZX_USER_SIGNAL_2 ((zx_signals_t)1u << 26)
#define ZX_USER_SIGNAL_3 ((zx_signals_t)1u << 27)
#define ZX_USER_SIGNAL_4 ((zx_signals_t)1u << 28)
#define ZX_USER_SIGNAL_5 ((zx_signals_t)1u << 29)
#define ZX_USER_SIGNAL_6 ((zx_signals_t)1u << 30)
#define ZX_USER_SIGNAL_7 ((zx_signals_t)1u << 31)
#define ZX_EVENT_SIGNALED __ZX_OBJECT_SIGNALED
#define ZX_VMO_ZERO_CHILDREN __ZX_OBJECT_SIGNALED

// An item of zx_object_wait_many.
typedef struct zx_wait_item {
    zx_handle_t handle;
    zx_signals_t waitfor;
    zx_signals_t pending;
} zx_wait_item_t;
#define ZX_WAIT_MANY_MAX_ITEMS ((size_t)16)

// Channel limits and options.
#define ZX_CHANNEL_READ_MAY_DISCARD ((uint32_t)1u)
#define ZX_CHANNEL_MAX_MSG_BYTES ((uint32_t)65536u)
#define ZX_CHANNEL_MAX_MSG_HANDLES ((uint32_t)64u)
#define ZX_CHANNEL_READABLE __ZX_OBJECT_READABLE
#define ZX_CHANNEL_WRITABLE __ZX_OBJECT_WRITABLE
#define ZX_CHANNEL_PEER_CLOSED __ZX_OBJECT_PEER_CLOSED
#define ZX_TASK_TERMINATED __ZX_OBJECT_SIGNALED
#define ZX_PROCESS_TERMINATED __ZX_OBJECT_SIGNALED
#define ZX_THREAD_TERMINATED __ZX_OBJECT_SIGNALED
#define ZX_TASK_RETCODE_SYSCALL_KILL ((int64_t)-1024)
#define ZX_TASK_RETCODE_OOM_KILL ((int64_t)-1025)
#define ZX_TASK_RETCODE_POLICY_KILL ((int64_t)-1026)
#define ZX_TASK_RETCODE_VDSO_KILL ((int64_t)-1027)
#define ZX_TASK_RETCODE_EXCEPTION_KILL ((int64_t)-1028)
#define ZX_EVENTPAIR_SIGNALED __ZX_OBJECT_SIGNALED
#define ZX_EVENTPAIR_PEER_CLOSED __ZX_OBJECT_PEER_CLOSED

// A received handle with its type and rights (zx_channel_read_etc).
typedef struct zx_handle_info {
    zx_handle_t handle;
    zx_obj_type_t type;
    zx_rights_t rights;
    uint32_t unused;
} zx_handle_info_t;

// zx_channel_call: the first four bytes of a message are its transaction id.
typedef uint32_t zx_txid_t;
typedef struct zx_channel_call_args {
    const void* wr_bytes;
    const zx_handle_t* wr_handles;
    void* rd_bytes;
    zx_handle_t* rd_handles;
    uint32_t wr_num_bytes;
    uint32_t wr_num_handles;
    uint32_t rd_num_bytes;
    uint32_t rd_num_handles;
} zx_channel_call_args_t;


// Rights.
#define ZX_RIGHT_NONE ((zx_rights_t)0u)
#define ZX_RIGHT_DUPLICATE ((zx_rights_t)1u << 0)
#define ZX_RIGHT_TRANSFER ((zx_rights_t)1u << 1)
#define ZX_RIGHT_READ ((zx_rights_t)1u << 2)
#define ZX_RIGHT_WRITE ((zx_rights_t)1u << 3)
#define ZX_RIGHT_EXECUTE ((zx_rights_t)1u << 4)
#define ZX_RIGHT_MAP ((zx_rights_t)1u << 5)
#define ZX_RIGHT_GET_PROPERTY ((zx_rights_t)1u << 6)
#define ZX_RIGHT_SET_PROPERTY ((zx_rights_t)1u << 7)
#define ZX_RIGHT_ENUMERATE ((zx_rights_t)1u << 8)
#define ZX_RIGHT_DESTROY ((zx_rights_t)1u << 9)
#define ZX_RIGHT_SET_POLICY ((zx_rights_t)1u << 10)
#define ZX_RIGHT_GET_POLICY ((zx_rights_t)1u << 11)
#define ZX_RIGHT_SIGNAL ((zx_rights_t)1u << 12)
#define ZX_RIGHT_SIGNAL_PEER ((zx_rights_t)1u << 13)
#define ZX_RIGHT_WAIT ((zx_rights_t)1u << 14)
#define ZX_RIGHT_INSPECT ((zx_rights_t)1u << 15)
#define ZX_RIGHT_MANAGE_JOB ((zx_rights_t)1u << 16)
#define ZX_RIGHT_MANAGE_PROCESS ((zx_rights_t)1u << 17)
#define ZX_RIGHT_MANAGE_THREAD ((zx_rights_t)1u << 18)
#define ZX_RIGHT_APPLY_PROFILE ((zx_rights_t)1u << 19)
#define ZX_RIGHT_SAME_RIGHTS ((zx_rights_t)1u << 31)

#define ZX_RIGHTS_BASIC (ZX_RIGHT_TRANSFER | ZX_RIGHT_DUPLICATE | ZX_RIGHT_WAIT | ZX_RIGHT_INSPECT)
#define ZX_RIGHTS_IO (ZX_RIGHT_READ | ZX_RIGHT_WRITE)
#define ZX_RIGHTS_PROPERTY (ZX_RIGHT_GET_PROPERTY | ZX_RIGHT_SET_PROPERTY)
#define ZX_RIGHTS_POLICY (ZX_RIGHT_GET_POLICY | ZX_RIGHT_SET_POLICY)

// zx_vmo_create options (2018: 0 is resizable).
#define ZX_VMO_NON_RESIZABLE ((uint32_t)1u)

// zx_vmo_op_range operations.
#define ZX_VMO_OP_COMMIT 1u
#define ZX_VMO_OP_DECOMMIT 2u
#define ZX_VMO_OP_LOCK 3u
#define ZX_VMO_OP_UNLOCK 4u
#define ZX_VMO_OP_CACHE_SYNC 6u
#define ZX_VMO_OP_CACHE_INVALIDATE 7u
#define ZX_VMO_OP_CACHE_CLEAN 8u
#define ZX_VMO_OP_CACHE_CLEAN_INVALIDATE 9u

// zx_vmo_clone options (2018).
#define ZX_VMO_CLONE_COPY_ON_WRITE ((uint32_t)1u << 0)
#define ZX_VMO_CLONE_NON_RESIZEABLE ((uint32_t)1u << 1)

// zx_vmo_create_child options (later kernels).
#define ZX_VMO_CHILD_SNAPSHOT ((uint32_t)1u << 0)
#define ZX_VMO_CHILD_RESIZABLE ((uint32_t)1u << 2)
#define ZX_VMO_CHILD_SLICE ((uint32_t)1u << 3)
#define ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE ((uint32_t)1u << 4)
#define ZX_VMO_CHILD_COPY_ON_WRITE ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE
#define ZX_VMO_CHILD_NO_WRITE ((uint32_t)1u << 5)

// VM flags.
#define ZX_VM_PERM_READ ((zx_vm_option_t)1u << 0)
#define ZX_VM_PERM_WRITE ((zx_vm_option_t)1u << 1)
#define ZX_VM_PERM_EXECUTE ((zx_vm_option_t)1u << 2)
#define ZX_VM_COMPACT ((zx_vm_option_t)1u << 3)
#define ZX_VM_SPECIFIC ((zx_vm_option_t)1u << 4)
#define ZX_VM_SPECIFIC_OVERWRITE ((zx_vm_option_t)1u << 5)
#define ZX_VM_CAN_MAP_SPECIFIC ((zx_vm_option_t)1u << 6)
#define ZX_VM_CAN_MAP_READ ((zx_vm_option_t)1u << 7)
#define ZX_VM_CAN_MAP_WRITE ((zx_vm_option_t)1u << 8)
#define ZX_VM_CAN_MAP_EXECUTE ((zx_vm_option_t)1u << 9)
#define ZX_VM_MAP_RANGE ((zx_vm_option_t)1u << 10)
#define ZX_VM_REQUIRE_NON_RESIZABLE ((zx_vm_option_t)1u << 11)

// zx_bti_pin options.
#define ZX_BTI_PERM_READ ((uint32_t)1u << 0)
#define ZX_BTI_PERM_WRITE ((uint32_t)1u << 1)
#define ZX_BTI_PERM_EXECUTE ((uint32_t)1u << 2)
#define ZX_BTI_COMPRESS ((uint32_t)1u << 3)
#define ZX_BTI_CONTIGUOUS ((uint32_t)1u << 4)

// Cache policies.
#define ZX_CACHE_POLICY_CACHED 0u
#define ZX_CACHE_POLICY_UNCACHED 1u
#define ZX_CACHE_POLICY_UNCACHED_DEVICE 2u
#define ZX_CACHE_POLICY_WRITE_COMBINING 3u
#define ZX_CACHE_POLICY_MASK 3u

// Object types.
#define ZX_OBJ_TYPE_NONE ((zx_obj_type_t)0u)
#define ZX_OBJ_TYPE_PROCESS ((zx_obj_type_t)1u)
#define ZX_OBJ_TYPE_THREAD ((zx_obj_type_t)2u)
#define ZX_OBJ_TYPE_VMO ((zx_obj_type_t)3u)
#define ZX_OBJ_TYPE_CHANNEL ((zx_obj_type_t)4u)
#define ZX_OBJ_TYPE_EVENT ((zx_obj_type_t)5u)
#define ZX_OBJ_TYPE_PORT ((zx_obj_type_t)6u)
#define ZX_OBJ_TYPE_INTERRUPT ((zx_obj_type_t)9u)
#define ZX_OBJ_TYPE_PCI_DEVICE ((zx_obj_type_t)11u)
#define ZX_OBJ_TYPE_LOG ((zx_obj_type_t)12u)
#define ZX_OBJ_TYPE_SOCKET ((zx_obj_type_t)14u)
#define ZX_OBJ_TYPE_RESOURCE ((zx_obj_type_t)15u)
#define ZX_OBJ_TYPE_EVENTPAIR ((zx_obj_type_t)16u)
#define ZX_OBJ_TYPE_JOB ((zx_obj_type_t)17u)
#define ZX_OBJ_TYPE_VMAR ((zx_obj_type_t)18u)
#define ZX_OBJ_TYPE_FIFO ((zx_obj_type_t)19u)
#define ZX_OBJ_TYPE_GUEST ((zx_obj_type_t)20u)
#define ZX_OBJ_TYPE_VCPU ((zx_obj_type_t)21u)
#define ZX_OBJ_TYPE_TIMER ((zx_obj_type_t)22u)
#define ZX_OBJ_TYPE_IOMMU ((zx_obj_type_t)23u)
#define ZX_OBJ_TYPE_BTI ((zx_obj_type_t)24u)
#define ZX_OBJ_TYPE_PROFILE ((zx_obj_type_t)25u)
#define ZX_OBJ_TYPE_PMT ((zx_obj_type_t)26u)
#define ZX_OBJ_TYPE_SUSPEND_TOKEN ((zx_obj_type_t)27u)
#define ZX_OBJ_TYPE_LAST ((zx_obj_type_t)28u)

// The rest of the 2018 signal names: the generic object bits ...
#define __ZX_OBJECT_SIGNAL_ALL ((zx_signals_t)0x00ffffffu)
#define __ZX_OBJECT_SIGNAL_4 ((zx_signals_t)1u << 4)
#define __ZX_OBJECT_SIGNAL_5 ((zx_signals_t)1u << 5)
#define __ZX_OBJECT_SIGNAL_6 ((zx_signals_t)1u << 6)
#define __ZX_OBJECT_SIGNAL_7 ((zx_signals_t)1u << 7)
#define __ZX_OBJECT_SIGNAL_8 ((zx_signals_t)1u << 8)
#define __ZX_OBJECT_SIGNAL_9 ((zx_signals_t)1u << 9)
#define __ZX_OBJECT_SIGNAL_10 ((zx_signals_t)1u << 10)
#define __ZX_OBJECT_SIGNAL_11 ((zx_signals_t)1u << 11)
#define __ZX_OBJECT_SIGNAL_12 ((zx_signals_t)1u << 12)
#define __ZX_OBJECT_SIGNAL_13 ((zx_signals_t)1u << 13)
#define __ZX_OBJECT_SIGNAL_14 ((zx_signals_t)1u << 14)
#define __ZX_OBJECT_SIGNAL_15 ((zx_signals_t)1u << 15)
#define __ZX_OBJECT_SIGNAL_16 ((zx_signals_t)1u << 16)
#define __ZX_OBJECT_SIGNAL_17 ((zx_signals_t)1u << 17)
#define __ZX_OBJECT_SIGNAL_18 ((zx_signals_t)1u << 18)
#define __ZX_OBJECT_SIGNAL_19 ((zx_signals_t)1u << 19)
#define __ZX_OBJECT_SIGNAL_20 ((zx_signals_t)1u << 20)
#define __ZX_OBJECT_SIGNAL_21 ((zx_signals_t)1u << 21)
#define __ZX_OBJECT_SIGNAL_22 ((zx_signals_t)1u << 22)
#define __ZX_OBJECT_HANDLE_CLOSED ((zx_signals_t)1u << 23)

// ... and what each object type calls them.
#define ZX_EVENT_SIGNAL_MASK (ZX_USER_SIGNAL_ALL | __ZX_OBJECT_SIGNALED)
#define ZX_EVENTPAIR_SIGNAL_MASK (ZX_USER_SIGNAL_ALL | __ZX_OBJECT_SIGNALED | __ZX_OBJECT_PEER_CLOSED)
#define ZX_SOCKET_READABLE __ZX_OBJECT_READABLE
#define ZX_SOCKET_WRITABLE __ZX_OBJECT_WRITABLE
#define ZX_SOCKET_PEER_CLOSED __ZX_OBJECT_PEER_CLOSED
#define ZX_SOCKET_PEER_WRITE_DISABLED __ZX_OBJECT_SIGNAL_4
#define ZX_SOCKET_WRITE_DISABLED __ZX_OBJECT_SIGNAL_5
#define ZX_SOCKET_CONTROL_READABLE __ZX_OBJECT_SIGNAL_6
#define ZX_SOCKET_CONTROL_WRITABLE __ZX_OBJECT_SIGNAL_7
#define ZX_SOCKET_ACCEPT __ZX_OBJECT_SIGNAL_8
#define ZX_SOCKET_SHARE __ZX_OBJECT_SIGNAL_9
#define ZX_SOCKET_READ_THRESHOLD __ZX_OBJECT_SIGNAL_10
#define ZX_SOCKET_WRITE_THRESHOLD __ZX_OBJECT_SIGNAL_11
#define ZX_SOCKET_READ_DISABLED ZX_SOCKET_PEER_WRITE_DISABLED
#define ZX_FIFO_READABLE __ZX_OBJECT_READABLE
#define ZX_FIFO_WRITABLE __ZX_OBJECT_WRITABLE
#define ZX_FIFO_PEER_CLOSED __ZX_OBJECT_PEER_CLOSED
#define ZX_JOB_NO_PROCESSES __ZX_OBJECT_SIGNALED
#define ZX_JOB_NO_JOBS __ZX_OBJECT_SIGNAL_4
#define ZX_THREAD_RUNNING __ZX_OBJECT_SIGNAL_4
#define ZX_THREAD_SUSPENDED __ZX_OBJECT_SIGNAL_5
#define ZX_LOG_READABLE __ZX_OBJECT_READABLE
#define ZX_LOG_WRITABLE __ZX_OBJECT_WRITABLE
#define ZX_TIMER_SIGNALED __ZX_OBJECT_SIGNALED

// Low physical memory addresses (32 bits).
typedef uint32_t zx_paddr32_t;

// zx_cprng_draw and zx_cprng_add_entropy take at most this many bytes at a time.
#define ZX_CPRNG_DRAW_MAX_LEN ((size_t)256u)
#define ZX_CPRNG_ADD_ENTROPY_MAX_LEN ((size_t)256u)

// zx_interrupt_create options and slots.
#define ZX_INTERRUPT_REMAP_IRQ ((uint32_t)0x1u)
#define ZX_INTERRUPT_MODE_DEFAULT ((uint32_t)0u << 1)
#define ZX_INTERRUPT_MODE_EDGE_LOW ((uint32_t)1u << 1)
#define ZX_INTERRUPT_MODE_EDGE_HIGH ((uint32_t)2u << 1)
#define ZX_INTERRUPT_MODE_LEVEL_LOW ((uint32_t)3u << 1)
#define ZX_INTERRUPT_MODE_LEVEL_HIGH ((uint32_t)4u << 1)
#define ZX_INTERRUPT_MODE_EDGE_BOTH ((uint32_t)5u << 1)
#define ZX_INTERRUPT_MODE_MASK ((uint32_t)0xe)
#define ZX_INTERRUPT_VIRTUAL ((uint32_t)0x10)
#define ZX_INTERRUPT_SLOT_USER ((uint32_t)62u)
#define ZX_INTERRUPT_MAX_SLOTS ((uint32_t)62u)
#define ZX_PCI_INTERRUPT_SLOT ((uint32_t)0u)

// Sockets: zx_socket_create options; shutdown options (zx_socket_write with no bytes, or zx_socket_shutdown);
// the control plane flag; ZX_SOCKET_PEEK for zx_socket_read (late 2018).
#define ZX_SOCKET_SHUTDOWN_WRITE ((uint32_t)1u << 0)
#define ZX_SOCKET_SHUTDOWN_READ ((uint32_t)1u << 1)
#define ZX_SOCKET_SHUTDOWN_MASK (ZX_SOCKET_SHUTDOWN_WRITE | ZX_SOCKET_SHUTDOWN_READ)
#define ZX_SOCKET_STREAM ((uint32_t)0u)
#define ZX_SOCKET_DATAGRAM ((uint32_t)1u << 0)
#define ZX_SOCKET_HAS_CONTROL ((uint32_t)1u << 1)
#define ZX_SOCKET_HAS_ACCEPT ((uint32_t)1u << 2)
#define ZX_SOCKET_CREATE_MASK (ZX_SOCKET_DATAGRAM | ZX_SOCKET_HAS_CONTROL | ZX_SOCKET_HAS_ACCEPT)
#define ZX_SOCKET_CONTROL ((uint32_t)1u << 2)
#define ZX_SOCKET_PEEK ((uint32_t)1u << 3)

// zx_cache_flush options.
#define ZX_CACHE_FLUSH_INSN ((uint32_t)1u << 0)
#define ZX_CACHE_FLUSH_DATA ((uint32_t)1u << 1)
#define ZX_CACHE_FLUSH_INVALIDATE ((uint32_t)1u << 2)

// zx_timer_create slack options.
#define ZX_TIMER_SLACK_CENTER ((uint32_t)0u)
#define ZX_TIMER_SLACK_EARLY ((uint32_t)1u)
#define ZX_TIMER_SLACK_LATE ((uint32_t)2u)

// The mapping flags under their older names, still accepted in 2018.
#define ZX_VM_FLAG_PERM_READ ((uint32_t)1u << 0)
#define ZX_VM_FLAG_PERM_WRITE ((uint32_t)1u << 1)
#define ZX_VM_FLAG_PERM_EXECUTE ((uint32_t)1u << 2)
#define ZX_VM_FLAG_COMPACT ((uint32_t)1u << 3)
#define ZX_VM_FLAG_SPECIFIC ((uint32_t)1u << 4)
#define ZX_VM_FLAG_SPECIFIC_OVERWRITE ((uint32_t)1u << 5)
#define ZX_VM_FLAG_CAN_MAP_SPECIFIC ((uint32_t)1u << 6)
#define ZX_VM_FLAG_CAN_MAP_READ ((uint32_t)1u << 7)
#define ZX_VM_FLAG_CAN_MAP_WRITE ((uint32_t)1u << 8)
#define ZX_VM_FLAG_CAN_MAP_EXECUTE ((uint32_t)1u << 9)
#define ZX_VM_FLAG_MAP_RANGE ((uint32_t)1u << 10)
#define ZX_VM_FLAG_REQUIRE_NON_RESIZABLE ((uint32_t)1u << 11)

// A futex word: an atomic int in C, a plain int in C++ (which has no _Atomic).
#ifdef __cplusplus
typedef int zx_futex_t;
#else
#include <stdatomic.h>
typedef atomic_int zx_futex_t;
#endif

__END_CDECLS
