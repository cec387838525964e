// Zx: Zircon's assertion macros for user code (Zircon's <zircon/assert.h>): a failed assertion prints where and
// why on stderr and aborts the program.
#pragma once

#include <stdio.h>
#include <stdlib.h>
#include <zircon/compiler.h>

#define ZX_PANIC(fmt, ...)                          \
    do {                                            \
        fprintf(stderr, fmt, ##__VA_ARGS__);        \
        abort();                                    \
    } while (0)

#define ZX_ASSERT(x)                                                                  \
    do {                                                                              \
        if (unlikely(!(x)))                                                           \
            ZX_PANIC("ASSERT FAILED at (%s:%d): %s\n", __FILE__, __LINE__, #x);       \
    } while (0)

#define ZX_ASSERT_MSG(x, msg, ...)                                                        \
    do {                                                                                  \
        if (unlikely(!(x)))                                                               \
            ZX_PANIC("ASSERT FAILED at (%s:%d): %s\n" msg "\n", __FILE__, __LINE__, #x,   \
                     ##__VA_ARGS__);                                                      \
    } while (0)

// The debug assertions are checked when ZX_DEBUGLEVEL is above 1 (it is 2 unless the build sets it).
#ifndef ZX_DEBUGLEVEL
#define ZX_DEBUGLEVEL 2
#endif
#define ZX_DEBUG_ASSERT_IMPLEMENTED (ZX_DEBUGLEVEL > 1)

#define ZX_DEBUG_ASSERT(x)                  \
    do {                                    \
        if (ZX_DEBUG_ASSERT_IMPLEMENTED)    \
            ZX_ASSERT(x);                   \
    } while (0)

#define ZX_DEBUG_ASSERT_MSG(x, msg, ...)                    \
    do {                                                    \
        if (ZX_DEBUG_ASSERT_IMPLEMENTED)                    \
            ZX_ASSERT_MSG(x, msg, ##__VA_ARGS__);           \
    } while (0)

// An expression checked only in debug builds (for conditions with no side effects).
#define ZX_DEBUG_ASSERT_COND(x) (!ZX_DEBUG_ASSERT_IMPLEMENTED || (x))
