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

static zx_futex_t owned_word, other_word;
static _Atomic zx_koid_t waiter_koids[2];

static int wait_on_owned(void* arg) {
    int index = (int)(intptr_t)arg;
    zx_info_handle_basic_t info;
    zx_object_get_info(zx_thread_self(), ZX_INFO_HANDLE_BASIC, &info, sizeof info, NULL, NULL);
    atomic_store(&waiter_koids[index], info.koid);
    // Waits on the owned word, or on the one it is moved to: woken either way, it leaves.
    zx_futex_wait(&owned_word, 0, zx_deadline_after(ZX_SEC(10)));
    return 0;
}

static zx_koid_t owner_of(zx_futex_t* word) {
    zx_koid_t koid = 12345;
    if (zx_futex_get_owner(word, &koid) != ZX_OK) return 12345;
    return koid;
}

TEST(the_later_owner_calls_name_the_thread_they_wake) {
    zx_handle_t event;
    ASSERT_OK(zx_event_create(0, &event));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_futex_wake_single_owner((zx_futex_t*)((uintptr_t)&owned_word + 2)));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_futex_get_owner((zx_futex_t*)((uintptr_t)&owned_word + 2), NULL));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_futex_get_owner(&owned_word, (zx_koid_t*)0x2000));
    EXPECT_EQ(0u, owner_of(&owned_word));
    EXPECT_OK(zx_futex_wake_single_owner(&owned_word)); // no waiter: no owner
    EXPECT_EQ(0u, owner_of(&owned_word));
    thrd_t threads[2];
    for (int i = 0; i < 2; i++) {
        atomic_store(&waiter_koids[i], 0);
        ASSERT_EQ(thrd_success, thrd_create(&threads[i], wait_on_owned, (void*)(intptr_t)i));
        while (atomic_load(&waiter_koids[i]) == 0) thrd_yield();
        zx_nanosleep(zx_deadline_after(ZX_MSEC(20))); // let it block, so the waiters queue in order
    }
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_futex_requeue_single_owner(&owned_word, 0, &owned_word, 1, ZX_HANDLE_INVALID));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_futex_requeue_single_owner(&owned_word, 0, &other_word, 1, 0x7ffffffe));
    EXPECT_EQ(ZX_ERR_WRONG_TYPE, zx_futex_requeue_single_owner(&owned_word, 0, &other_word, 1, event));
    EXPECT_EQ(ZX_ERR_BAD_STATE, zx_futex_requeue_single_owner(&owned_word, 1, &other_word, 1, ZX_HANDLE_INVALID));
    // The first waiter is woken as the owner; the second moves to the other word, which this thread owns.
    ASSERT_OK(zx_futex_requeue_single_owner(&owned_word, 0, &other_word, 1, zx_thread_self()));
    EXPECT_EQ(atomic_load(&waiter_koids[0]), owner_of(&owned_word));
    zx_info_handle_basic_t self;
    ASSERT_OK(zx_object_get_info(zx_thread_self(), ZX_INFO_HANDLE_BASIC, &self, sizeof self, NULL, NULL));
    EXPECT_EQ(self.koid, owner_of(&other_word));
    ASSERT_EQ(thrd_success, thrd_join(threads[0], NULL));
    // Woken as the owner from the other word; a plain wake leaves a word without an owner.
    ASSERT_OK(zx_futex_wake_single_owner(&other_word));
    EXPECT_EQ(atomic_load(&waiter_koids[1]), owner_of(&other_word));
    ASSERT_EQ(thrd_success, thrd_join(threads[1], NULL));
    ASSERT_OK(zx_futex_wake(&owned_word, 1));
    EXPECT_EQ(0u, owner_of(&owned_word));
    zx_handle_close(event);
}
