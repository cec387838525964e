// Zx: thread register state for zx_thread_read_state / zx_thread_write_state, as in 2018.
#pragma once
#include <stdint.h>
#include <zircon/compiler.h>

__BEGIN_CDECLS

#if defined(__x86_64__)

// ZX_THREAD_STATE_GENERAL_REGS.
typedef struct zx_thread_state_general_regs {
    uint64_t rax;
    uint64_t rbx;
    uint64_t rcx;
    uint64_t rdx;
    uint64_t rsi;
    uint64_t rdi;
    uint64_t rbp;
    uint64_t rsp;
    uint64_t r8;
    uint64_t r9;
    uint64_t r10;
    uint64_t r11;
    uint64_t r12;
    uint64_t r13;
    uint64_t r14;
    uint64_t r15;
    uint64_t rip;
    uint64_t rflags;
} zx_thread_state_general_regs_t;

// ZX_THREAD_STATE_FP_REGS: x87 and MMX state.
typedef struct zx_thread_state_fp_regs {
    uint16_t fcw;
    uint16_t fsw;
    uint8_t ftw;
    uint8_t reserved;
    uint16_t fop;
    uint64_t fip;
    uint64_t fdp;
    __ALIGNED(16)
    struct {
        uint64_t low;
        uint64_t high;
    } st[8];
} zx_thread_state_fp_regs_t;

// ZX_THREAD_STATE_VECTOR_REGS: SSE, AVX and AVX-512 state.
typedef struct zx_thread_state_vector_regs {
    struct {
        uint64_t v[8];
    } zmm[32];
    uint64_t opmask[8];
    uint32_t mxcsr;
} zx_thread_state_vector_regs_t;

// ZX_THREAD_STATE_DEBUG_REGS.
typedef struct zx_thread_state_debug_regs {
    uint64_t dr[4];
    uint64_t dr6;
    uint64_t dr7;
} zx_thread_state_debug_regs_t;

#elif defined(__aarch64__)

typedef struct zx_thread_state_general_regs {
    uint64_t r[30];
    uint64_t lr;
    uint64_t sp;
    uint64_t pc;
    uint64_t cpsr;
} zx_thread_state_general_regs_t;

typedef struct zx_thread_state_fp_regs {
    uint32_t unused; // arm64 keeps floating point in the vector registers
} zx_thread_state_fp_regs_t;

typedef struct zx_thread_state_vector_regs {
    uint32_t fpcr;
    uint32_t fpsr;
    struct {
        uint64_t low;
        uint64_t high;
    } v[32];
} zx_thread_state_vector_regs_t;

#define AARCH64_MAX_HW_BREAKPOINTS 16

typedef struct zx_thread_state_debug_regs {
    struct {
        uint64_t dbgbvr;
        uint32_t dbgbcr;
    } hw_bps[AARCH64_MAX_HW_BREAKPOINTS];
    uint8_t hw_bps_count;
} zx_thread_state_debug_regs_t;

#endif

// ZX_THREAD_STATE_SINGLE_STEP: 0 or 1.
typedef uint32_t zx_thread_state_single_step_t;

typedef uint64_t zx_thread_x86_register_fs_t;
typedef uint64_t zx_thread_x86_register_gs_t;

// The kinds of state zx_thread_read_state and zx_thread_write_state move.
typedef uint32_t zx_thread_state_topic_t;
#define ZX_THREAD_STATE_GENERAL_REGS ((uint32_t)0)
#define ZX_THREAD_STATE_FP_REGS ((uint32_t)1)
#define ZX_THREAD_STATE_VECTOR_REGS ((uint32_t)2)
#define ZX_THREAD_STATE_DEBUG_REGS ((uint32_t)4)
#define ZX_THREAD_STATE_SINGLE_STEP ((uint32_t)5)
#define ZX_THREAD_X86_REGISTER_FS ((uint32_t)6)
#define ZX_THREAD_X86_REGISTER_GS ((uint32_t)7)

__END_CDECLS
