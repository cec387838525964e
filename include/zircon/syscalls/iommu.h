// Zx: IOMMU types and descriptors.
#pragma once

#include <zircon/types.h>

__BEGIN_CDECLS

#define ZX_IOMMU_MAX_DESC_LEN 4096

#define ZX_IOMMU_TYPE_DUMMY 0
#define ZX_IOMMU_TYPE_INTEL 1

typedef struct zx_iommu_desc_dummy {
    uint8_t reserved;
} zx_iommu_desc_dummy_t;

__END_CDECLS
