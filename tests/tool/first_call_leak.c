// The program's very first syscall creates a channel and leaks both ends: the trace must show that call, and the
// leak report must name the channel (the kernel starts inside this call).
#include <zircon/syscalls.h>

int main(void) {
    zx_handle_t a, b;
    if (zx_channel_create(0, &a, &b) != ZX_OK) return 1;
    zx_handle_t e;
    if (zx_event_create(0, &e) != ZX_OK) return 1;
    zx_handle_close(e);
    return 0;
}
