// Zx: the syscalls libzircon.so exports, with Zircon's C signatures.
#pragma once

#include <zircon/errors.h>
#include <zircon/process.h>
#include <zircon/rights.h>
#include <zircon/syscalls/types.h>
#include <zircon/syscalls/iommu.h>
#include <zircon/syscalls/object.h>
#include <zircon/syscalls/pci.h>
#include <zircon/syscalls/port.h>
#include <zircon/syscalls/profile.h>
#include <zircon/syscalls/resource.h>
#include <zircon/syscalls/smc.h>
#include <zircon/syscalls/system.h>
#include <zircon/status.h>
#include <zircon/types.h>

__BEGIN_CDECLS

// One prototype per syscall, generated from syscalls/zircon.syscalls (as Zircon's abigen writes its
// syscalls/definitions.h).
#include <zircon/syscalls/definitions.h>

__END_CDECLS
