// Register expectations for driver tests on Zx (libzircon.so): the mock-mmio idea across plain pointers. Script a
// device region (the writes the driver must make, the values its reads get), run the unchanged driver code against
// a mapping of that region, then verify. Map the region after zxmock_mmio_begin: its accesses are trapped from then.
//
//     zxmock_mmio_begin("uart0", 0);                       // in order
//     zxmock_mmio_expect_write("uart0", 0x30, 4, 0x301);   // UARTCR
//     zxmock_mmio_expect_read("uart0", 0x18, 4, 0x90);     // UARTFR answers TXFE | RXFE
//     ... map uart0 and run the driver ...
//     char why[256];
//     if (zxmock_mmio_verify("uart0", why, sizeof why) != ZX_OK) printf("%s\n", why);
//     zxmock_mmio_end("uart0");
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <zircon/types.h>

#ifdef __cplusplus
extern "C" {
#endif

// Puts a scripted device behind the MMIO region |region| (a board region's name) in place of its model; with
// |any_order| nonzero the expectations may be met in any order. ZX_ERR_NOT_FOUND when no MMIO region has the name.
zx_status_t zxmock_mmio_begin(const char* region, int any_order);

// Expects a write of |value| at |offset| with an access of |width| bytes (1, 2, 4 or 8). ZX_ERR_BAD_STATE without
// zxmock_mmio_begin, ZX_ERR_INVALID_ARGS for another width.
zx_status_t zxmock_mmio_expect_write(const char* region, uint64_t offset, uint32_t width, uint64_t value);

// Expects a read at |offset| with an access of |width| bytes, which returns |value|.
zx_status_t zxmock_mmio_expect_read(const char* region, uint64_t offset, uint32_t width, uint64_t value);

// ZX_OK when every expectation was met as asked. Otherwise ZX_ERR_BAD_STATE and, in |message| (cut to |size|, always
// NUL-terminated), the first problem: the offset, the width, the expected and the actual value and the driver's
// instruction address, or the expectations never met.
zx_status_t zxmock_mmio_verify(const char* region, char* message, size_t size);

// Takes the scripted device away: the region's model (if any) answers again.
void zxmock_mmio_end(const char* region);

#ifdef __cplusplus
}
#endif
