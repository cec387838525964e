// Zx: the process start message's layout and handle kinds (Zircon's <zircon/processargs.h>). A host program is not
// started with such a message; these are for code that builds or reads one.
#pragma once

#include <stdint.h>
#include <zircon/compiler.h>
#include <zircon/types.h>

__BEGIN_CDECLS

#define ZX_PROCARGS_PROTOCOL ((uint32_t)0x4150585du)
#define ZX_PROCARGS_VERSION ((uint32_t)0x0001000u)

// The head of the start message; each *_off is a byte offset from the start of the message.
typedef struct zx_proc_args {
    uint32_t protocol;
    uint32_t version;
    uint32_t handle_info_off; // one uint32_t PA_HND() value per handle of the message
    uint32_t args_off;        // args_num NUL-terminated strings
    uint32_t args_num;
    uint32_t environ_off;     // environ_num NUL-terminated NAME=VALUE strings
    uint32_t environ_num;
    uint32_t names_off;       // names_num NUL-terminated namespace paths (PA_NS_DIR's argument indexes them)
    uint32_t names_num;
} zx_proc_args_t;

// A handle's kind (8 bits) and argument (16 bits).
#define PA_HND(type, arg) (((type)&0xFF) | (((arg)&0xFFFF) << 16))
#define PA_HND_TYPE(n) ((n)&0xFF)
#define PA_HND_SUBTYPE(n) (((n) >> 8) & 0xFF)
#define PA_HND_ARG(n) (((n) >> 16) & 0xFFFF)

// The runtime's own handles.
#define PA_PROC_SELF 0x01u
#define PA_THREAD_SELF 0x02u
#define PA_JOB_DEFAULT 0x03u
#define PA_VMAR_ROOT 0x04u
#define PA_VMAR_LOADED 0x05u

// The loader service and the VMOs it and the runtime use.
#define PA_LDSVC_LOADER 0x10u
#define PA_VMO_VDSO 0x11u
#define PA_VMO_STACK 0x13u
#define PA_VMO_EXECUTABLE 0x14u
#define PA_VMO_BOOTDATA 0x1Au
#define PA_VMO_BOOTFS 0x1Bu
#define PA_VMO_KERNEL_FILE 0x1Cu

// Namespaces.
#define PA_NS_DIR 0x20u

// File descriptors and services.
#define PA_FDIO_REMOTE 0x32u
#define PA_FDIO_LOGGER 0x35u
#define PA_FDIO_SOCKET 0x36u
#define PA_DIRECTORY_REQUEST 0x3Bu
#define PA_RESOURCE 0x3Fu

// For one-off use.
#define PA_USER0 0xF0u
#define PA_USER1 0xF1u
#define PA_USER2 0xF2u

__END_CDECLS
