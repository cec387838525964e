// Zx: the names of status codes (Zircon's <zircon/status.h>).
#pragma once

#include <zircon/compiler.h>
#include <zircon/types.h>

__BEGIN_CDECLS

// The name of a status, for example "ZX_ERR_BAD_HANDLE"; "(UNKNOWN)" for a value Zircon does not define. The string
// lives as long as the program.
const char* zx_status_get_string(zx_status_t status);

__END_CDECLS
