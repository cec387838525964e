// Zx: zx_object_get_info topics and records, and object properties.
#pragma once

#include <stdbool.h>
#include <zircon/types.h>

__BEGIN_CDECLS

typedef enum {
    ZX_INFO_NONE = 0,
    ZX_INFO_HANDLE_VALID = 1,
    ZX_INFO_HANDLE_BASIC = 2,
    ZX_INFO_PROCESS = 3,
    ZX_INFO_PROCESS_THREADS = 4,
    ZX_INFO_VMAR = 7,
    ZX_INFO_JOB_CHILDREN = 8,
    ZX_INFO_JOB_PROCESSES = 9,
    ZX_INFO_THREAD = 10,
    ZX_INFO_THREAD_EXCEPTION_REPORT = 11,
    ZX_INFO_TASK_STATS = 12,
    ZX_INFO_PROCESS_MAPS = 13,
    ZX_INFO_PROCESS_VMOS = 14,
    ZX_INFO_THREAD_STATS = 15,
    ZX_INFO_CPU_STATS = 16,
    ZX_INFO_KMEM_STATS = 17,
    ZX_INFO_RESOURCE = 18,
    ZX_INFO_HANDLE_COUNT = 19,
    ZX_INFO_BTI = 20,
    ZX_INFO_PROCESS_HANDLE_STATS = 21,
    ZX_INFO_SOCKET = 22,
    ZX_INFO_VMO = 23,
    ZX_INFO_LAST
} zx_object_info_topic_t;

typedef enum {
    ZX_OBJ_PROP_NONE = 0,
    ZX_OBJ_PROP_WAITABLE = 1,
} zx_obj_props_t;

typedef struct zx_info_handle_basic {
    zx_koid_t koid;
    zx_rights_t rights;
    uint32_t type;
    zx_koid_t related_koid;
    uint32_t props;
} zx_info_handle_basic_t;

// ZX_INFO_HANDLE_COUNT: how many handles name the object.
typedef struct zx_info_handle_count {
    uint32_t handle_count;
} zx_info_handle_count_t;

typedef struct zx_info_process_handle_stats {
    uint32_t handle_count[64];
} zx_info_process_handle_stats_t;

typedef struct zx_info_resource {
    uint32_t kind;
    uint32_t flags;
    uint64_t base;
    size_t size;
    char name[ZX_MAX_NAME_LEN];
} zx_info_resource_t;

#define ZX_INFO_VMO_TYPE_PAGED (1u << 0)
#define ZX_INFO_VMO_TYPE_PHYSICAL (0u << 0)
#define ZX_INFO_VMO_TYPE(flags) ((flags) & (1u << 0))
#define ZX_INFO_VMO_RESIZABLE (1u << 1)
#define ZX_INFO_VMO_IS_COW_CLONE (1u << 2)
#define ZX_INFO_VMO_VIA_HANDLE (1u << 3)
#define ZX_INFO_VMO_VIA_MAPPING (1u << 4)
#define ZX_INFO_VMO_PAGER_BACKED (1u << 5)
#define ZX_INFO_VMO_CONTIGUOUS (1u << 6)

typedef struct zx_info_vmo {
    zx_koid_t koid;
    char name[ZX_MAX_NAME_LEN];
    uint64_t size_bytes;
    zx_koid_t parent_koid;
    size_t num_children;
    size_t num_mappings;
    size_t share_count;
    uint32_t flags;
    uint64_t committed_bytes;
    zx_rights_t handle_rights;
    uint32_t create_options;
    uint32_t cache_policy;
} zx_info_vmo_t;

typedef struct zx_info_process {
    int64_t return_code;
    bool started;
    bool exited;
    bool debugger_attached;
} zx_info_process_t;

typedef uint32_t zx_thread_state_t;

// ZX_INFO_THREAD: the thread's state (ZX_THREAD_STATE_*) and, while it waits in an exception, the kind of port it
// waits for (ZX_EXCEPTION_PORT_TYPE_*).
typedef struct zx_info_thread {
    zx_thread_state_t state;
    uint32_t wait_exception_port_type;
} zx_info_thread_t;

// ZX_INFO_THREAD_STATS.
typedef struct zx_info_thread_stats {
    zx_duration_t total_runtime;
} zx_info_thread_stats_t;

// ZX_INFO_TASK_STATS: a process's memory, in bytes (committed bytes are backed by physical memory).
typedef struct zx_info_task_stats {
    size_t mem_mapped_bytes;
    size_t mem_private_bytes;       // committed, mapped by this process only
    size_t mem_shared_bytes;        // committed, mapped by this and another process
    size_t mem_scaled_shared_bytes; // each shared byte divided by the number of processes that map it
} zx_info_task_stats_t;

// ZX_INFO_SOCKET.
typedef struct zx_info_socket {
    uint32_t options;
    size_t rx_buf_max;
    size_t rx_buf_size;
    size_t rx_buf_available; // late 2018: the bytes one read can take (the next datagram's, for a datagram socket)
    size_t tx_buf_max;
    size_t tx_buf_size;
} zx_info_socket_t;

// ZX_INFO_PROCESS_MAPS: the address space as a depth-first list of its regions and mappings.
typedef uint32_t zx_info_maps_type_t;
#define ZX_INFO_MAPS_TYPE_NONE ((zx_info_maps_type_t)0u)
#define ZX_INFO_MAPS_TYPE_ASPACE ((zx_info_maps_type_t)1u)
#define ZX_INFO_MAPS_TYPE_VMAR ((zx_info_maps_type_t)2u)
#define ZX_INFO_MAPS_TYPE_MAPPING ((zx_info_maps_type_t)3u)

typedef struct zx_info_maps_mapping {
    zx_vm_option_t mmu_flags; // ZX_VM_PERM_* bits
    zx_koid_t vmo_koid;
    uint64_t vmo_offset;
    size_t committed_pages;
} zx_info_maps_mapping_t;

typedef struct zx_info_maps {
    char name[ZX_MAX_NAME_LEN];
    zx_vaddr_t base;
    size_t size;
    size_t depth;
    zx_info_maps_type_t type;
    union {
        zx_info_maps_mapping_t mapping;
    } u;
} zx_info_maps_t;

// ZX_INFO_CPU_STATS (one record per CPU).
#define ZX_INFO_CPU_STATS_FLAG_ONLINE (1u << 0)

typedef struct zx_info_cpu_stats {
    uint32_t cpu_number;
    uint32_t flags;
    zx_duration_t idle_time;
    uint64_t reschedules;
    uint64_t context_switches;
    uint64_t irq_preempts;
    uint64_t preempts;
    uint64_t yields;
    uint64_t ints;
    uint64_t timer_ints;
    uint64_t timers;
    uint64_t page_faults;
    uint64_t exceptions;
    uint64_t syscalls;
    uint64_t reschedule_ipis;
    uint64_t generic_ipis;
} zx_info_cpu_stats_t;

// ZX_INFO_KMEM_STATS: the system's memory, in bytes.
typedef struct zx_info_kmem_stats {
    uint64_t total_bytes;
    uint64_t free_bytes;
    uint64_t wired_bytes;
    uint64_t total_heap_bytes;
    uint64_t free_heap_bytes;
    uint64_t vmo_bytes;
    uint64_t mmu_overhead_bytes;
    uint64_t ipc_bytes;
    uint64_t other_bytes;
} zx_info_kmem_stats_t;

typedef struct zx_info_vmar {
    uintptr_t base;
    size_t len;
} zx_info_vmar_t;

typedef struct zx_info_bti {
    uint64_t minimum_contiguity;
    uint64_t aspace_size;
} zx_info_bti_t;

#define ZX_PROP_NAME 3u
#if defined(__x86_64__)
#define ZX_PROP_REGISTER_GS 2u
#define ZX_PROP_REGISTER_FS 4u
#endif
#define ZX_PROP_PROCESS_DEBUG_ADDR 5u
#define ZX_PROCESS_DEBUG_ADDR_BREAK_ON_SET 1u
#define ZX_PROP_PROCESS_VDSO_BASE_ADDRESS 6u
#define ZX_PROP_SOCKET_RX_BUF_MAX 8u
#define ZX_PROP_SOCKET_RX_BUF_SIZE 9u
#define ZX_PROP_SOCKET_TX_BUF_MAX 10u
#define ZX_PROP_SOCKET_TX_BUF_SIZE 11u
#define ZX_PROP_SOCKET_RX_THRESHOLD 12u
#define ZX_PROP_SOCKET_TX_THRESHOLD 13u
#define ZX_PROP_CHANNEL_TX_MSG_MAX 14u
#define ZX_PROP_JOB_KILL_ON_OOM 15u

// Thread states (zx_info_thread_t.state); a blocked thread reports why in the high byte.
#define ZX_THREAD_STATE_NEW ((zx_thread_state_t)0x0000u)
#define ZX_THREAD_STATE_RUNNING ((zx_thread_state_t)0x0001u)
#define ZX_THREAD_STATE_SUSPENDED ((zx_thread_state_t)0x0002u)
#define ZX_THREAD_STATE_BLOCKED ((zx_thread_state_t)0x0003u)
#define ZX_THREAD_STATE_DYING ((zx_thread_state_t)0x0004u)
#define ZX_THREAD_STATE_DEAD ((zx_thread_state_t)0x0005u)
#define ZX_THREAD_STATE_BLOCKED_EXCEPTION ((zx_thread_state_t)0x0103u)
#define ZX_THREAD_STATE_BLOCKED_SLEEPING ((zx_thread_state_t)0x0203u)
#define ZX_THREAD_STATE_BLOCKED_FUTEX ((zx_thread_state_t)0x0303u)
#define ZX_THREAD_STATE_BLOCKED_PORT ((zx_thread_state_t)0x0403u)
#define ZX_THREAD_STATE_BLOCKED_CHANNEL ((zx_thread_state_t)0x0503u)
#define ZX_THREAD_STATE_BLOCKED_WAIT_ONE ((zx_thread_state_t)0x0603u)
#define ZX_THREAD_STATE_BLOCKED_WAIT_MANY ((zx_thread_state_t)0x0703u)
#define ZX_THREAD_STATE_BLOCKED_INTERRUPT ((zx_thread_state_t)0x0803u)
#define ZX_THREAD_STATE_BASIC(n) ((n)&0xff)

__END_CDECLS
