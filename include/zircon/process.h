// Zx: the handles a program gets from its runtime (Zircon's <zircon/process.h>).
#pragma once

#include <stdint.h>
#include <zircon/compiler.h>
#include <zircon/types.h>

__BEGIN_CDECLS

// The calling thread's process. Processes made by zx_process_create get theirs from their creator, and see
// ZX_HANDLE_INVALID here.
zx_handle_t zx_process_self(void);

// The calling thread's own thread handle. A host thread that Zx did not start becomes a thread of the first process
// on its first call into Zx; the handle stays valid until the thread ends.
zx_handle_t zx_thread_self(void);

// The root VMAR of the calling thread's process (ZX_HANDLE_INVALID in processes made by zx_process_create).
zx_handle_t zx_vmar_root_self(void);

// The default job (in the first process).
zx_handle_t zx_job_default(void);

// Takes the startup handle that matches |hnd_info| (a PA_HND() value) out of those the process was started with.
// A host program is started with none, so this returns ZX_HANDLE_INVALID.
zx_handle_t zx_take_startup_handle(uint32_t hnd_info);

__END_CDECLS
