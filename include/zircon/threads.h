// Zx: Zircon's extensions to C11 threads (Zircon's <zircon/threads.h>).
#pragma once

#include <threads.h>
#include <zircon/compiler.h>
#include <zircon/errors.h>
#include <zircon/types.h>

__BEGIN_CDECLS

// The thread handle of C11 thread |t|: the handle zx_thread_self() returns on that thread, still owned by it (it
// ends with the thread, so duplicate it to keep it longer). ZX_HANDLE_INVALID for a thread that has not called into
// Zx yet.
zx_handle_t thrd_get_zx_handle(thrd_t t);

// A <threads.h> status as a zx_status_t.
static inline zx_status_t __PURE thrd_status_to_zx_status(int thrd_status) {
    switch (thrd_status) {
    case thrd_success:
        return ZX_OK;
    case thrd_nomem:
        return ZX_ERR_NO_MEMORY;
    case thrd_timedout:
        return ZX_ERR_TIMED_OUT;
    case thrd_busy:
        return ZX_ERR_SHOULD_WAIT;
    case thrd_error:
    default:
        return ZX_ERR_INTERNAL;
    }
}

__END_CDECLS
