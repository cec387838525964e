// Futexes through the C ABI: the order of the checks, timeouts, and no lost wake-up between a changed word and a
// wake (FutexTests counts wakes and requeues, where the number of blocked waiters can be watched).
#include <stdatomic.h>
#include <threads.h>
#include "zxtest.h"

TEST(futex_wait_checks_the_word_first) {
    zx_futex_t word = 5;
    EXPECT_EQ(ZX_ERR_BAD_STATE, zx_futex_wait(&word, 6, ZX_TIME_INFINITE));
    EXPECT_EQ(ZX_ERR_TIMED_OUT, zx_futex_wait(&word, 5, zx_deadline_after(ZX_MSEC(1))));
    EXPECT_EQ(ZX_ERR_TIMED_OUT, zx_futex_wait(&word, 5, 0));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_futex_wait((zx_futex_t*)((uintptr_t)&word + 1), 5, 0)); // unaligned
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_futex_wait(NULL, 0, 0));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_futex_wait((zx_futex_t*)4096, 0, 0));                   // unmapped
    EXPECT_OK(zx_futex_wake(&word, 0));
    EXPECT_OK(zx_futex_wake(&word, 1));                                                       // no waiter: fine
    EXPECT_OK(zx_futex_wake((zx_futex_t*)1, 0));                                              // count 0 first
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_futex_wake((zx_futex_t*)1, 1));
    zx_futex_t other = 0;
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_futex_requeue(&word, 1, 5, &word, 1));                  // the same word
    EXPECT_EQ(ZX_ERR_BAD_STATE, zx_futex_requeue(&word, 1, 4, &other, 1));
    EXPECT_OK(zx_futex_requeue(&word, 1, 5, &other, 1));
}

typedef struct {
    zx_futex_t turn;
    int rounds;
} pingpong_t;

static int pong(void* arg) {
    pingpong_t* p = arg;
    for (int i = 0; i < p->rounds; i++) {
        while (atomic_load(&p->turn) != 1)
            zx_futex_wait(&p->turn, 0, ZX_TIME_INFINITE);
        atomic_store(&p->turn, 0);
        zx_futex_wake(&p->turn, 1);
    }
    return 0;
}

TEST(a_futex_ping_pong_loses_no_wake_up) {
    pingpong_t p = {0, 2000};
    thrd_t t;
    ASSERT_EQ(thrd_success, thrd_create(&t, pong, &p));
    for (int i = 0; i < p.rounds; i++) {
        atomic_store(&p.turn, 1);
        zx_futex_wake(&p.turn, 1);
        while (atomic_load(&p.turn) != 0)
            zx_futex_wait(&p.turn, 1, ZX_TIME_INFINITE);
    }
    thrd_join(t, NULL);
    EXPECT_EQ(0, (int)atomic_load(&p.turn));
}
