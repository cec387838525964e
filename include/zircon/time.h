// Zx: time types, units and saturating time arithmetic (Zircon's <zircon/time.h>, included by <zircon/types.h>).
#pragma once

#include <stdint.h>
#include <zircon/compiler.h>

__BEGIN_CDECLS

// A point in time, in nanoseconds (of the monotonic clock unless said otherwise).
typedef int64_t zx_time_t;
// A span of time in nanoseconds.
typedef int64_t zx_duration_t;
// A span of time in the hardware's ticks.
typedef uint64_t zx_ticks_t;
// The clock a time is read from (ZX_CLOCK_*).
typedef uint32_t zx_clock_t;

#define ZX_TIME_INFINITE INT64_MAX
#define ZX_TIME_INFINITE_PAST INT64_MIN

#define ZX_CLOCK_MONOTONIC ((zx_clock_t)0u)
#define ZX_CLOCK_UTC ((zx_clock_t)1u)
#define ZX_CLOCK_THREAD ((zx_clock_t)2u)

// Durations from units.
#define ZX_NSEC(n) ((zx_duration_t)(1LL * (n)))
#define ZX_USEC(n) ((zx_duration_t)(1000LL * (n)))
#define ZX_MSEC(n) ((zx_duration_t)(1000000LL * (n)))
#define ZX_SEC(n) ((zx_duration_t)(1000000000LL * (n)))
#define ZX_MIN(n) (ZX_SEC(n) * 60LL)
#define ZX_HOUR(n) (ZX_MIN(n) * 60LL)

// Arithmetic that saturates instead of wrapping: a result past the end of the range is ZX_TIME_INFINITE, one past
// its start ZX_TIME_INFINITE_PAST (the wrapped result has the wrong sign, which says which end).
__CONSTEXPR static inline int64_t __zx_add_saturate(int64_t a, int64_t b) {
    int64_t sum = 0;
    return add_overflow(a, b, &sum) ? (sum >= 0 ? ZX_TIME_INFINITE_PAST : ZX_TIME_INFINITE) : sum;
}

__CONSTEXPR static inline int64_t __zx_sub_saturate(int64_t a, int64_t b) {
    int64_t difference = 0;
    return sub_overflow(a, b, &difference) ? (difference >= 0 ? ZX_TIME_INFINITE_PAST : ZX_TIME_INFINITE) : difference;
}

__CONSTEXPR static inline zx_time_t zx_time_add_duration(zx_time_t time, zx_duration_t duration) {
    return __zx_add_saturate(time, duration);
}

__CONSTEXPR static inline zx_time_t zx_time_sub_duration(zx_time_t time, zx_duration_t duration) {
    return __zx_sub_saturate(time, duration);
}

__CONSTEXPR static inline zx_duration_t zx_time_sub_time(zx_time_t time1, zx_time_t time2) {
    return __zx_sub_saturate(time1, time2);
}

__CONSTEXPR static inline zx_duration_t zx_duration_add_duration(zx_duration_t a, zx_duration_t b) {
    return __zx_add_saturate(a, b);
}

__CONSTEXPR static inline zx_duration_t zx_duration_sub_duration(zx_duration_t a, zx_duration_t b) {
    return __zx_sub_saturate(a, b);
}

__CONSTEXPR static inline zx_duration_t zx_duration_mul_int64(zx_duration_t duration, int64_t multiplier) {
    zx_duration_t product = 0;
    if (mul_overflow(duration, multiplier, &product))
        return (duration > 0) == (multiplier > 0) ? ZX_TIME_INFINITE : ZX_TIME_INFINITE_PAST;
    return product;
}

__END_CDECLS
