// A tiny test runner in the spirit of Zircon's unittest: TEST() cases run in order, each reports PASS or FAIL,
// and the run ends with "N passed, M failed".
#pragma once

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zircon/syscalls.h>

typedef void (*zxtest_fn)(int* failed);
struct zxtest_case { const char* name; zxtest_fn fn; };
#define ZXTEST_MAX 256
extern struct zxtest_case zxtest_cases[ZXTEST_MAX];
extern int zxtest_count;

#define TEST(case_name)                                                              \
    static void case_name(int* zxtest_failed);                                       \
    __attribute__((constructor)) static void zxtest_register_##case_name(void) {     \
        zxtest_cases[zxtest_count].name = #case_name;                                \
        zxtest_cases[zxtest_count++].fn = case_name;                                 \
    }                                                                                \
    static void case_name(int* zxtest_failed)

#define EXPECT_EQ(expected, actual)                                                          \
    do {                                                                                     \
        long long e_ = (long long)(expected), a_ = (long long)(actual);                      \
        if (e_ != a_) {                                                                      \
            printf("    %s:%d: expected %s == %s (%lld, 0x%llx), got %lld (0x%llx)\n",      \
                   __FILE__, __LINE__, #expected, #actual, e_, e_, a_, a_);                  \
            *zxtest_failed = 1;                                                              \
        }                                                                                    \
    } while (0)

#define ASSERT_EQ(expected, actual)                 \
    do {                                            \
        int before_ = *zxtest_failed;               \
        EXPECT_EQ(expected, actual);                \
        if (*zxtest_failed && !before_) return;     \
    } while (0)

#define EXPECT_OK(actual) EXPECT_EQ(ZX_OK, actual)
#define ASSERT_OK(actual) ASSERT_EQ(ZX_OK, actual)
#define EXPECT_TRUE(cond) EXPECT_EQ(1, !!(cond))
