// A tiny test runner in the spirit of Zircon's unittest: TEST() cases run in order, each reports PASS or FAIL,
// and the run ends with "N passed, M failed".
#pragma once

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zircon/syscalls.h>

typedef void (*zxtest_fn)(int* failed);
struct zxtest_case { const char* name; zxtest_fn fn; int helper; };
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

// A helper is not a test: it runs only as `zx-c-tests --helper NAME` (a test starts it in a fresh host process with
// zxtest_run_helper to check what happens to a whole program, such as zx_process_exit on its own thread).
#define HELPER(helper_name)                                                          \
    static void helper_name(int* zxtest_failed);                                     \
    __attribute__((constructor)) static void zxtest_register_##helper_name(void) {   \
        zxtest_cases[zxtest_count].name = #helper_name;                              \
        zxtest_cases[zxtest_count].helper = 1;                                       \
        zxtest_cases[zxtest_count++].fn = helper_name;                               \
    }                                                                                \
    static void helper_name(int* zxtest_failed)

// Runs helper NAME in a new host process (this executable again); returns its exit status, or -signal.
int zxtest_run_helper(const char* name);

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
#define ASSERT_TRUE(cond) ASSERT_EQ(1, !!(cond))
