// Zx: zx_system_powerctl commands and argument, as in 2018.
#pragma once
#include <zircon/types.h>

__BEGIN_CDECLS

#define ZX_SYSTEM_POWERCTL_ENABLE_ALL_CPUS 1u
#define ZX_SYSTEM_POWERCTL_DISABLE_ALL_CPUS_BUT_PRIMARY 2u
#define ZX_SYSTEM_POWERCTL_ACPI_TRANSITION_S_STATE 3u
#define ZX_SYSTEM_POWERCTL_X86_SET_PKG_PL1 4u
#define ZX_SYSTEM_POWERCTL_REBOOT 5u
#define ZX_SYSTEM_POWERCTL_REBOOT_BOOTLOADER 6u
#define ZX_SYSTEM_POWERCTL_REBOOT_RECOVERY 7u
#define ZX_SYSTEM_POWERCTL_SHUTDOWN 8u

typedef struct zx_system_powerctl_arg {
    union {
        struct {
            uint8_t target_s_state; // 1 to 5
            uint8_t sleep_type_a;   // SLP_TYPa from ACPI
            uint8_t sleep_type_b;   // SLP_TYPb from ACPI
        } acpi_transition_s_state;
        struct {
            uint32_t power_limit; // milliwatts
            uint32_t time_window; // microseconds
            uint8_t clamp;
            uint8_t enable;
        } x86_power_limit;
    };
} zx_system_powerctl_arg_t;

__END_CDECLS
