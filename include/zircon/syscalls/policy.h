// Zx: job policy topics, conditions and actions (Zircon's <zircon/syscalls/policy.h>, 2018 values).
#pragma once

#include <zircon/types.h>

__BEGIN_CDECLS

// How zx_job_set_policy combines a policy with the parent job's.
#define ZX_JOB_POL_RELATIVE 0u // applied where the parent's policy says nothing
#define ZX_JOB_POL_ABSOLUTE 1u // applied as given, or the call fails

// The policy topic.
#define ZX_JOB_POL_BASIC 0u

// One entry of a ZX_JOB_POL_BASIC policy.
typedef struct zx_policy_basic {
    uint32_t condition;
    uint32_t policy;
} zx_policy_basic_t;

// Conditions.
#define ZX_POL_BAD_HANDLE 0u
#define ZX_POL_WRONG_OBJECT 1u
#define ZX_POL_VMAR_WX 2u
#define ZX_POL_NEW_ANY 3u
#define ZX_POL_NEW_VMO 4u
#define ZX_POL_NEW_CHANNEL 5u
#define ZX_POL_NEW_EVENT 6u
#define ZX_POL_NEW_EVENTPAIR 7u
#define ZX_POL_NEW_PORT 8u
#define ZX_POL_NEW_SOCKET 9u
#define ZX_POL_NEW_FIFO 10u
#define ZX_POL_NEW_TIMER 11u
#define ZX_POL_NEW_PROCESS 12u
#define ZX_POL_NEW_PROFILE 13u // late 2018
#define ZX_POL_MAX 14u

// Actions: ALLOW or DENY, either one ORed with EXCEPTION; KILL denies and kills.
#define ZX_POL_ACTION_ALLOW 0u
#define ZX_POL_ACTION_DENY 1u
#define ZX_POL_ACTION_EXCEPTION 2u
#define ZX_POL_ACTION_ALLOW_EXCEPTION (ZX_POL_ACTION_ALLOW | ZX_POL_ACTION_EXCEPTION)
#define ZX_POL_ACTION_DENY_EXCEPTION (ZX_POL_ACTION_DENY | ZX_POL_ACTION_EXCEPTION)
#define ZX_POL_ACTION_KILL 5u

__END_CDECLS
