// The small 2018 syscalls: ticks, system information, the random number generator, the early-2018 VMAR argument
// orders, the calls that end with leaving the thread, and what a declared but unimplemented syscall answers.
#include <string.h>
#include <zircon/features.h>
#include <zircon/syscalls.h>
#include "zxtest.h"

TEST(ticks_count_nanoseconds_of_the_monotonic_clock) {
    EXPECT_EQ(1000000000u, zx_ticks_per_second());
    uint64_t before = zx_ticks_get();
    zx_time_t now = zx_clock_get_monotonic();
    uint64_t after = zx_ticks_get();
    EXPECT_TRUE(before <= after);
    EXPECT_TRUE((uint64_t)now + ZX_MSEC(100) > before && (uint64_t)now < after + ZX_MSEC(100));
}

TEST(clock_get_new_writes_the_time_and_checks_the_clock_id) {
    zx_time_t t = 0;
    EXPECT_OK(zx_clock_get_new(ZX_CLOCK_MONOTONIC, &t));
    EXPECT_TRUE(t > 0 && t <= zx_clock_get_monotonic());
    EXPECT_OK(zx_clock_get_new(ZX_CLOCK_UTC, &t));
    EXPECT_TRUE(t > ZX_SEC(1500000000)); // after 2017
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_clock_get_new(3, &t));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_clock_get_new(ZX_CLOCK_MONOTONIC, (zx_time_t*)1));
}

TEST(system_information_describes_the_host_and_the_board) {
    EXPECT_TRUE(zx_system_get_num_cpus() >= 1);
    EXPECT_EQ(64u, zx_system_get_dcache_line_size());
    uint64_t physmem = zx_system_get_physmem();
    EXPECT_TRUE(physmem > 0);
    EXPECT_EQ(0u, physmem % ZX_PAGE_SIZE);
    char version[64];
    memset(version, 'x', sizeof(version));
    EXPECT_EQ(ZX_ERR_BUFFER_TOO_SMALL, zx_system_get_version(version, 4));
    EXPECT_EQ('x', version[0]);
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_system_get_version((char*)4096, sizeof(version)));
    EXPECT_OK(zx_system_get_version(version, sizeof(version)));
    EXPECT_EQ(0, strncmp(version, "Zx", 2));
    EXPECT_TRUE(memchr(version, '\0', sizeof(version)) != NULL);
}

TEST(the_random_number_generator_fills_buffers_of_its_limit) {
    uint8_t a[ZX_CPRNG_DRAW_MAX_LEN], b[ZX_CPRNG_DRAW_MAX_LEN];
    memset(a, 0, sizeof(a));
    memset(b, 0, sizeof(b));
    EXPECT_OK(zx_cprng_draw_new(a, sizeof(a)));
    EXPECT_OK(zx_cprng_draw_new(b, sizeof(b)));
    EXPECT_TRUE(memcmp(a, b, sizeof(a)) != 0);
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_cprng_draw_new(a, ZX_CPRNG_DRAW_MAX_LEN + 1));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_cprng_draw_new((void*)1, 8));
    // zx_cprng_draw takes any length, in pieces.
    static uint8_t big[4000];
    zx_cprng_draw(big, sizeof(big));
    size_t zeros = 0;
    for (size_t i = 0; i < sizeof(big); i++)
        zeros += big[i] == 0;
    EXPECT_TRUE(zeros < 100); // about 16 expected
    EXPECT_OK(zx_cprng_add_entropy(a, ZX_CPRNG_ADD_ENTROPY_MAX_LEN));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_cprng_add_entropy(a, ZX_CPRNG_ADD_ENTROPY_MAX_LEN + 1));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_cprng_add_entropy((void*)1, 8));
}

TEST(the_early_2018_vmar_calls_take_their_options_last) {
    zx_handle_t vmo, child;
    zx_vaddr_t child_addr, addr;
    ASSERT_OK(zx_vmo_create(ZX_PAGE_SIZE, 0, &vmo));
    ASSERT_OK(zx_vmar_allocate_old(zx_vmar_root_self(), 0, 4 * ZX_PAGE_SIZE,
                                   ZX_VM_FLAG_CAN_MAP_READ | ZX_VM_FLAG_CAN_MAP_WRITE, &child, &child_addr));
    ASSERT_OK(zx_vmar_map_old(child, 0, vmo, 0, ZX_PAGE_SIZE, ZX_VM_FLAG_PERM_READ | ZX_VM_FLAG_PERM_WRITE, &addr));
    EXPECT_TRUE(addr >= child_addr && addr < child_addr + 4 * ZX_PAGE_SIZE);
    *(volatile uint32_t*)addr = 7;
    EXPECT_OK(zx_vmar_protect_old(child, addr, ZX_PAGE_SIZE, ZX_VM_FLAG_PERM_READ));
    uint32_t value = 0;
    ASSERT_OK(zx_vmo_read(vmo, &value, 0, sizeof(value)));
    EXPECT_EQ(7u, value);
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_vmar_map_old(child, 0, vmo, 0, ZX_PAGE_SIZE, 1u << 30, &addr));
    zx_vmar_destroy(child);
    zx_handle_close(child);
    zx_handle_close(vmo);
}

static zx_futex_t exit_word;

static void exit_through_futex(uintptr_t handle, uintptr_t unused) {
    (void)unused;
    zx_futex_wake_handle_close_thread_exit(&exit_word, 1, 42, (zx_handle_t)handle);
}

TEST(futex_wake_handle_close_thread_exit_stores_closes_and_leaves) {
    zx_handle_t thread, event, dup;
    ASSERT_OK(zx_event_create(0, &event));
    ASSERT_OK(zx_handle_duplicate(event, ZX_RIGHT_SAME_RIGHTS, &dup));
    ASSERT_OK(zx_thread_create(zx_process_self(), "futex-exit", 10, 0, &thread));
    ASSERT_OK(zx_thread_start(thread, (uintptr_t)&exit_through_futex, 0, dup, 0));
    EXPECT_OK(zx_object_wait_one(thread, ZX_THREAD_TERMINATED, zx_deadline_after(ZX_SEC(10)), NULL));
    EXPECT_EQ(42, (int)exit_word);
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_handle_close(dup)); // the thread closed it
    zx_handle_close(thread);
    zx_handle_close(event);
}

static zx_status_t unmap_failure;

static void exit_through_unmap(uintptr_t handle, uintptr_t addr) {
    // A failed unmap returns and the thread goes on; a good one does not return.
    unmap_failure = zx_vmar_unmap_handle_close_thread_exit(zx_vmar_root_self(), 1, ZX_PAGE_SIZE, (zx_handle_t)handle);
    zx_vmar_unmap_handle_close_thread_exit(zx_vmar_root_self(), addr, ZX_PAGE_SIZE, (zx_handle_t)handle);
    unmap_failure = ZX_ERR_INTERNAL; // never reached
}

TEST(vmar_unmap_handle_close_thread_exit_returns_only_when_the_unmap_fails) {
    zx_handle_t thread, vmo, dup;
    zx_vaddr_t addr;
    ASSERT_OK(zx_vmo_create(ZX_PAGE_SIZE, 0, &vmo));
    ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ, 0, vmo, 0, ZX_PAGE_SIZE, &addr));
    ASSERT_OK(zx_handle_duplicate(vmo, ZX_RIGHT_SAME_RIGHTS, &dup));
    ASSERT_OK(zx_thread_create(zx_process_self(), "unmap-exit", 10, 0, &thread));
    ASSERT_OK(zx_thread_start(thread, (uintptr_t)&exit_through_unmap, 0, dup, addr));
    EXPECT_OK(zx_object_wait_one(thread, ZX_THREAD_TERMINATED, zx_deadline_after(ZX_SEC(10)), NULL));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, unmap_failure);
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_handle_close(dup));
    zx_info_vmo_t info;
    ASSERT_OK(zx_object_get_info(vmo, ZX_INFO_VMO, &info, sizeof(info), NULL, NULL));
    EXPECT_EQ(0u, info.num_mappings);
    zx_handle_close(thread);
    zx_handle_close(vmo);
}

TEST(a_declared_syscall_zx_does_not_implement_yet_is_not_supported) {
    zx_handle_t a = ZX_HANDLE_INVALID;
    EXPECT_EQ(ZX_ERR_NOT_SUPPORTED, zx_guest_create(ZX_HANDLE_INVALID, 0, ZX_HANDLE_INVALID, &a));
    EXPECT_EQ(ZX_HANDLE_INVALID, a);
    EXPECT_EQ(ZX_ERR_NOT_SUPPORTED, zx_pci_map_interrupt(ZX_HANDLE_INVALID, 0, &a));
    EXPECT_EQ(ZX_HANDLE_INVALID, a);
    EXPECT_EQ(ZX_ERR_NOT_SUPPORTED, zx_pci_enable_bus_master(ZX_HANDLE_INVALID, true));
}

TEST(cache_flush_takes_the_2018_option_sets) {
    static uint8_t code[64];
    EXPECT_OK(zx_cache_flush(code, sizeof(code), ZX_CACHE_FLUSH_INSN));
    EXPECT_OK(zx_cache_flush(code, sizeof(code), ZX_CACHE_FLUSH_DATA));
    EXPECT_OK(zx_cache_flush(code, sizeof(code), ZX_CACHE_FLUSH_DATA | ZX_CACHE_FLUSH_INVALIDATE));
    EXPECT_OK(zx_cache_flush(code, sizeof(code), ZX_CACHE_FLUSH_INSN | ZX_CACHE_FLUSH_DATA));
    EXPECT_OK(zx_cache_flush(code, sizeof(code), ZX_CACHE_FLUSH_INSN | ZX_CACHE_FLUSH_DATA | ZX_CACHE_FLUSH_INVALIDATE));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_cache_flush(code, sizeof(code), 0));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_cache_flush(code, sizeof(code), ZX_CACHE_FLUSH_INVALIDATE));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_cache_flush(code, sizeof(code), ZX_CACHE_FLUSH_INSN | ZX_CACHE_FLUSH_INVALIDATE));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_cache_flush(code, sizeof(code), 8));
}

TEST(system_get_features_says_what_the_host_architecture_has) {
    uint32_t features = 0xdeadbeef;
#if defined(__x86_64__)
    EXPECT_EQ(ZX_ERR_NOT_SUPPORTED, zx_system_get_features(ZX_FEATURE_KIND_CPU, &features)); // x86 code uses cpuid
    EXPECT_EQ(0xdeadbeefu, features);
#else
    ASSERT_OK(zx_system_get_features(ZX_FEATURE_KIND_CPU, &features));
    EXPECT_TRUE(features & ZX_HAS_CPU_FEATURES);
#endif
    EXPECT_EQ(ZX_ERR_NOT_SUPPORTED, zx_system_get_features(1, &features));
}

