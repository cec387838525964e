// Zx: resource kinds and flags, with the values of September 2018 (ROOT is 4).
#pragma once

#include <zircon/types.h>

#define ZX_RSRC_KIND_MMIO ((uint32_t)0u)
#define ZX_RSRC_KIND_IRQ ((uint32_t)1u)
#define ZX_RSRC_KIND_IOPORT ((uint32_t)2u)
#define ZX_RSRC_KIND_HYPERVISOR ((uint32_t)3u)
#define ZX_RSRC_KIND_ROOT ((uint32_t)4u)
#define ZX_RSRC_KIND_VMEX ((uint32_t)5u)
#define ZX_RSRC_KIND_COUNT ((uint32_t)6u)

#define ZX_RSRC_FLAG_EXCLUSIVE ((uint32_t)0x00010000u)
#define ZX_RSRC_FLAGS_MASK ((uint32_t)ZX_RSRC_FLAG_EXCLUSIVE)
#define ZX_RSRC_KIND_MASK ((uint32_t)0x0000ffffu)
#define ZX_RSRC_EXTRACT_KIND(x) ((x) & ZX_RSRC_KIND_MASK)
#define ZX_RSRC_EXTRACT_FLAGS(x) ((x) & 0xffff0000u)
