// Zx: the PCI records and limits of the 2018 DDK syscalls (zx_pci_*). The default board has no PCI bus, so the
// zx_pci_* syscalls answer NOT_SUPPORTED; the records are here so bus-driver code compiles.
#pragma once
#include <zircon/types.h>

__BEGIN_CDECLS

typedef enum {
    PCI_RESOURCE_TYPE_UNUSED = 0,
    PCI_RESOURCE_TYPE_MMIO,
    PCI_RESOURCE_TYPE_PIO,
} zx_pci_resource_types_t;

// A base address register: a VMO handle for an MMIO BAR, an I/O port range for a PIO one.
typedef struct zx_pci_bar {
    uint32_t type;
    size_t size;
    union {
        zx_handle_t mmio_handle;
        uintptr_t pio_addr;
    };
} zx_pci_resource_t;

// What the bus driver learns of each function it probes.
typedef struct zx_pcie_device_info {
    uint16_t vendor_id;
    uint16_t device_id;
    uint8_t base_class;
    uint8_t sub_class;
    uint8_t program_interface;
    uint8_t revision_id;
    uint8_t bus_id;
    uint8_t dev_id;
    uint8_t func_id;
} zx_pcie_device_info_t;

#define ZX_PCI_MAX_BUSSES (256u)
#define ZX_PCI_MAX_DEVICES_PER_BUS (32u)
#define ZX_PCI_MAX_FUNCTIONS_PER_DEVICE (8u)
#define ZX_PCI_MAX_FUNCTIONS_PER_BUS (ZX_PCI_MAX_DEVICES_PER_BUS * ZX_PCI_MAX_FUNCTIONS_PER_DEVICE)
#define ZX_PCI_MAX_LEGACY_IRQ_PINS (4u)
#define ZX_PCI_MAX_MSI_IRQS (32u)
#define ZX_PCI_MAX_MSIX_IRQS (2048u)
#define ZX_PCI_STANDARD_CONFIG_HDR_SIZE (64u)
#define ZX_PCI_BASE_CONFIG_SIZE (256u)
#define ZX_PCI_EXTENDED_CONFIG_SIZE (4096u)
#define ZX_PCI_ECAM_BYTE_PER_BUS (ZX_PCI_EXTENDED_CONFIG_SIZE * ZX_PCI_MAX_FUNCTIONS_PER_BUS)
#define ZX_PCI_BAR_REGS_PER_BRIDGE (2u)
#define ZX_PCI_BAR_REGS_PER_DEVICE (6u)
#define ZX_PCI_MAX_BAR_REGS (6u)
#define ZX_PCI_NO_IRQ_MAPPING UINT32_MAX
#define ZX_MAX_PCI_IRQS (64u)

// Global IRQ of each device, function and legacy pin (ZX_PCI_NO_IRQ_MAPPING when none).
typedef uint32_t zx_pci_irq_swizzle_lut_t[ZX_PCI_MAX_DEVICES_PER_BUS][ZX_PCI_MAX_FUNCTIONS_PER_DEVICE]
                                         [ZX_PCI_MAX_LEGACY_IRQ_PINS];

typedef struct zx_pci_init_arg {
    zx_pci_irq_swizzle_lut_t dev_pin_to_global_irq;
    uint32_t num_irqs;
    struct {
        uint32_t global_irq;
        bool level_triggered;
        bool active_high;
    } irqs[ZX_MAX_PCI_IRQS];
    uint32_t addr_window_count;
    struct {
        bool is_mmio;
        bool has_ecam;
        uint64_t base;
        size_t size;
        uint8_t bus_start;
        uint8_t bus_end;
    } addr_windows[];
} zx_pci_init_arg_t;

#define ZX_PCI_INIT_ARG_MAX_ECAM_WINDOWS 1
#define ZX_PCI_INIT_ARG_MAX_SIZE \
    (sizeof(((zx_pci_init_arg_t*)NULL)->addr_windows[0]) * ZX_PCI_INIT_ARG_MAX_ECAM_WINDOWS + sizeof(zx_pci_init_arg_t))

typedef enum {
    ZX_PCIE_IRQ_MODE_DISABLED = 0,
    ZX_PCIE_IRQ_MODE_LEGACY = 1,
    ZX_PCIE_IRQ_MODE_MSI = 2,
    ZX_PCIE_IRQ_MODE_MSI_X = 3,
} zx_pci_irq_mode_t;

__END_CDECLS
