// Zx: names of the records the syscall prototypes take by pointer, declared ahead of their headers (as 2018 did).
#pragma once
#include <zircon/compiler.h>

__BEGIN_CDECLS

typedef struct zx_port_packet zx_port_packet_t;
typedef struct zx_pci_bar zx_pci_bar_t;
typedef struct zx_pcie_device_info zx_pcie_device_info_t;
typedef struct zx_pci_init_arg zx_pci_init_arg_t;
typedef struct zx_system_powerctl_arg zx_system_powerctl_arg_t;
typedef struct zx_profile_info zx_profile_info_t;
typedef struct zx_smc_parameters zx_smc_parameters_t;
typedef struct zx_smc_result zx_smc_result_t;

__END_CDECLS
