// Zx: port packets (the 2018 layout: key, type, status and a 32-byte payload).
#pragma once

#include <zircon/types.h>

__BEGIN_CDECLS

#define ZX_WAIT_ASYNC_ONCE ((uint32_t)0u)
#define ZX_WAIT_ASYNC_REPEATING ((uint32_t)1u)

#define ZX_PKT_TYPE_USER ((uint8_t)0x00u)
#define ZX_PKT_TYPE_SIGNAL_ONE ((uint8_t)0x01u)
#define ZX_PKT_TYPE_SIGNAL_REP ((uint8_t)0x02u)
#define ZX_PKT_TYPE_GUEST_BELL ((uint8_t)0x03u)
#define ZX_PKT_TYPE_GUEST_MEM ((uint8_t)0x04u)
#define ZX_PKT_TYPE_GUEST_IO ((uint8_t)0x05u)
#define ZX_PKT_TYPE_GUEST_VCPU ((uint8_t)0x06u)
#define ZX_PKT_TYPE_INTERRUPT ((uint8_t)0x07u)
#define ZX_PKT_TYPE_EXCEPTION(n) ((uint32_t)(0x08u | (((n)&0xFFu) << 8)))

#define ZX_PKT_IS_USER(type) ((type) == ZX_PKT_TYPE_USER)
#define ZX_PKT_IS_SIGNAL_ONE(type) ((type) == ZX_PKT_TYPE_SIGNAL_ONE)
#define ZX_PKT_IS_SIGNAL_REP(type) ((type) == ZX_PKT_TYPE_SIGNAL_REP)
#define ZX_PKT_IS_INTERRUPT(type) ((type) == ZX_PKT_TYPE_INTERRUPT)

typedef struct zx_packet_user {
    union {
        uint64_t u64[4];
        uint32_t u32[8];
        uint16_t u16[16];
        uint8_t c8[32];
    };
} zx_packet_user_t;

typedef struct zx_packet_signal {
    zx_signals_t trigger;
    zx_signals_t observed;
    uint64_t count;
    uint64_t reserved0;
    uint64_t reserved1;
} zx_packet_signal_t;

typedef struct zx_packet_interrupt {
    zx_time_t timestamp;
    uint64_t reserved0;
    uint64_t reserved1;
    uint64_t reserved2;
} zx_packet_interrupt_t;

typedef struct zx_port_packet {
    uint64_t key;
    uint32_t type;
    zx_status_t status;
    union {
        zx_packet_user_t user;
        zx_packet_signal_t signal;
        zx_packet_interrupt_t interrupt;
    };
} zx_port_packet_t;

__END_CDECLS
