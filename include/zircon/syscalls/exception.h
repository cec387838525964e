// Zx: exception types, reports and exception-port options (Zircon's <zircon/syscalls/exception.h>, 2018 values).
#pragma once

#include <zircon/compiler.h>
#include <zircon/syscalls/port.h>
#include <zircon/types.h>

__BEGIN_CDECLS

// Set in the type of an exception Zircon makes up (not raised by the CPU).
#define ZX_EXCP_SYNTH ((uint8_t)0x80)

// Exceptions the CPU raises; report.context.arch says more.
#define ZX_EXCP_GENERAL ZX_PKT_TYPE_EXCEPTION(0)
#define ZX_EXCP_FATAL_PAGE_FAULT ZX_PKT_TYPE_EXCEPTION(1)
#define ZX_EXCP_UNDEFINED_INSTRUCTION ZX_PKT_TYPE_EXCEPTION(2)
#define ZX_EXCP_SW_BREAKPOINT ZX_PKT_TYPE_EXCEPTION(3)
#define ZX_EXCP_HW_BREAKPOINT ZX_PKT_TYPE_EXCEPTION(4)
#define ZX_EXCP_UNALIGNED_ACCESS ZX_PKT_TYPE_EXCEPTION(5)

// Exceptions Zircon makes up: a thread starting or exiting (to debuggers), a syscall that broke a job policy whose
// action asks for an exception, a process starting (to job debuggers).
#define ZX_EXCP_THREAD_STARTING ZX_PKT_TYPE_EXCEPTION(ZX_EXCP_SYNTH | 0)
#define ZX_EXCP_THREAD_EXITING ZX_PKT_TYPE_EXCEPTION(ZX_EXCP_SYNTH | 1)
#define ZX_EXCP_POLICY_ERROR ZX_PKT_TYPE_EXCEPTION(ZX_EXCP_SYNTH | 2)
#define ZX_EXCP_PROCESS_STARTING ZX_PKT_TYPE_EXCEPTION(ZX_EXCP_SYNTH | 3)

typedef uint32_t zx_excp_type_t;

// Non-zero when |excp| is raised by the CPU.
#define ZX_EXCP_IS_ARCH(excp) (((excp) & (ZX_PKT_TYPE_EXCEPTION(ZX_EXCP_SYNTH) & ~ZX_PKT_TYPE_MASK)) == 0)

typedef struct zx_x86_64_exc_data {
    uint64_t vector;
    uint64_t err_code;
    uint64_t cr2;
} zx_x86_64_exc_data_t;

typedef struct zx_arm64_exc_data {
    uint32_t esr;
    uint64_t far;
} zx_arm64_exc_data_t;

// What the CPU said about the exception (registers are read with zx_thread_read_state).
typedef struct zx_exception_context {
    struct {
        union {
            zx_x86_64_exc_data_t x86_64;
            zx_arm64_exc_data_t arm_64;
        } u;
    } arch;
} zx_exception_context_t;

// The start of every exception report.
typedef struct zx_exception_header {
    uint32_t size; // the report's size in bytes, this field included
    zx_excp_type_t type;
} zx_exception_header_t;

typedef struct zx_exception_report {
    zx_exception_header_t header;
    zx_exception_context_t context;
} zx_exception_report_t;

// zx_task_resume options: resume a thread stopped in an exception; with it, pass the exception on to the next
// handler instead of retrying the instruction.
#define ZX_RESUME_EXCEPTION ((uint32_t)1)
#define ZX_RESUME_TRY_NEXT ((uint32_t)2)

// zx_task_bind_exception_port options.
#define ZX_EXCEPTION_PORT_DEBUGGER ((uint32_t)1)
#define ZX_EXCEPTION_PORT_UNBIND_QUIETLY ((uint32_t)2)

// The exception port a thread waits on (zx_info_thread_t.wait_exception_port_type).
#define ZX_EXCEPTION_PORT_TYPE_NONE ((uint32_t)0u)
#define ZX_EXCEPTION_PORT_TYPE_DEBUGGER ((uint32_t)1u)
#define ZX_EXCEPTION_PORT_TYPE_THREAD ((uint32_t)2u)
#define ZX_EXCEPTION_PORT_TYPE_PROCESS ((uint32_t)3u)
#define ZX_EXCEPTION_PORT_TYPE_JOB ((uint32_t)4u)
#define ZX_EXCEPTION_PORT_TYPE_JOB_DEBUGGER ((uint32_t)5u)

__END_CDECLS
