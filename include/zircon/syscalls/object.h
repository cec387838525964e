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
#define ZX_PROP_CHANNEL_TX_MSG_MAX 12u

__END_CDECLS
