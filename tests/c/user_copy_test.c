// The wild-pointer matrix: every pointer parameter of every exported syscall, given an address the kernel cannot
// read or write, answers ZX_ERR_INVALID_ARGS (or the earlier status the kernel's order of checks gives), the
// program keeps running, and nothing is left behind: the process holds exactly the handles it held before, a
// mapping whose address could not be written is gone (the same range can be mapped again), a failed pin leaves the
// VMO unpinned (it can shrink).
#include <pthread.h>
#include <sys/mman.h>
#include <zircon/syscalls/debug.h>
#include <zircon/syscalls/log.h>
#include <zircon/syscalls/policy.h>
#include "zxtest.h"

enum { BAD_NULL, BAD_ONE, BAD_LOW_PAGE, BAD_NONCANONICAL, BAD_INACCESSIBLE, BAD_RELEASED, BAD_READ_ONLY, BAD_COUNT };

static const char* const bad_names[BAD_COUNT] = {
    "NULL", "0x1", "unmapped low page", "non-canonical", "PROT_NONE page", "range released by zx_vmar_unmap",
    "read-only page",
};

// Addresses the kernel must refuse to write; all but the read-only page are refused for reading as well.
#define ALL_BAD ((1u << BAD_COUNT) - 1)
#define OUT_BAD ALL_BAD
#define IN_BAD (ALL_BAD & ~(1u << BAD_READ_ONLY))
#define NON_NULL(mask) ((mask) & ~(1u << BAD_NULL))

static void* bad_pointer(int which) {
    static void* table[BAD_COUNT];
    static int ready;
    if (!ready) {
        table[BAD_NULL] = NULL;
        table[BAD_ONE] = (void*)1;
        table[BAD_LOW_PAGE] = (void*)0x2000;  // below vm.mmap_min_addr: never mapped
        table[BAD_NONCANONICAL] = (void*)0xdead000000000000ull;
        table[BAD_INACCESSIBLE] = mmap(NULL, ZX_PAGE_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        void* ro = mmap(NULL, ZX_PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        table[BAD_READ_ONLY] = ro;
        zx_handle_t vmo;
        zx_vaddr_t addr = 0;
        if (zx_vmo_create(ZX_PAGE_SIZE, 0, &vmo) == ZX_OK &&
            zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, 0, vmo, 0, ZX_PAGE_SIZE, &addr) == ZX_OK) {
            zx_vmar_unmap(zx_vmar_root_self(), addr, ZX_PAGE_SIZE);
            zx_handle_close(vmo);
        }
        table[BAD_RELEASED] = (void*)addr;
        ready = 1;
    }
    return table[which];
}

// Every handle this process holds, of every type.
static long handle_count(void) {
    zx_info_process_handle_stats_t stats;
    if (zx_object_get_info(zx_process_self(), ZX_INFO_PROCESS_HANDLE_STATS, &stats, sizeof stats, NULL, NULL) != ZX_OK)
        return -1;
    long total = 0;
    for (unsigned i = 0; i < ZX_OBJ_TYPE_LAST; i++) total += stats.handle_count[i];
    return total;
}

static void expect_status(int* failed, int line, const char* call, int which, zx_status_t expected, zx_status_t actual) {
    if (expected == actual) return;
    printf("    user_copy_test.c:%d: %s with %s: expected %d, got %d\n", line, call, bad_names[which], expected, actual);
    *failed = 1;
}

// Runs the body once per bad address of the mask; BAD is that address. The handle count must not change unless the
// body says by how much (HANDLES_CONSUMED).
#define EACH_BAD(mask)                                                                       \
    for (int bad_i = 0, consumed_ = 0; bad_i < BAD_COUNT; bad_i++, consumed_ = 0)            \
        for (long before_ = ((mask) >> bad_i & 1) ? handle_count() : -2; before_ != -2;      \
             expect_status(zxtest_failed, __LINE__, "handle count", bad_i, (zx_status_t)(before_ - consumed_), \
                           (zx_status_t)handle_count()), before_ = -2)
#define BAD (bad_pointer(bad_i))
#define HANDLES_CONSUMED(n) (consumed_ = (n))
#define EXPECT_BAD(expected, call) expect_status(zxtest_failed, __LINE__, #call, bad_i, expected, call)

TEST(user_copy_handle_calls) {
    zx_handle_t event, out;
    ASSERT_OK(zx_event_create(0, &event));
    EACH_BAD(IN_BAD) {
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_handle_close_many(BAD, 2));
    }
    EXPECT_OK(zx_handle_close_many(NULL, 0));
    EACH_BAD(OUT_BAD) {
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_handle_duplicate(event, ZX_RIGHT_SAME_RIGHTS, BAD));
    }
    EACH_BAD(OUT_BAD) {
        zx_handle_t dup;
        ASSERT_OK(zx_handle_duplicate(event, ZX_RIGHT_SAME_RIGHTS, &dup));
        // replace consumes the duplicate, and the replacement it could not hand out is closed: net zero.
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_handle_replace(dup, ZX_RIGHT_SAME_RIGHTS, BAD));
        EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_handle_close(dup));
    }
    ASSERT_OK(zx_handle_duplicate(event, ZX_RIGHT_SAME_RIGHTS, &out));
    zx_handle_close(out);
    zx_handle_close(event);
}

TEST(user_copy_object_info_and_properties) {
    zx_handle_t vmo;
    ASSERT_OK(zx_vmo_create(ZX_PAGE_SIZE, 0, &vmo));
    zx_info_handle_basic_t basic;
    size_t actual, avail;
    EACH_BAD(OUT_BAD) {
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_object_get_info(vmo, ZX_INFO_HANDLE_BASIC, BAD, sizeof basic, NULL, NULL));
    }
    // actual and avail are optional: NULL means "not wanted"; any other bad address is INVALID_ARGS.
    EACH_BAD(NON_NULL(OUT_BAD)) {
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_object_get_info(vmo, ZX_INFO_HANDLE_BASIC, &basic, sizeof basic, BAD, &avail));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_object_get_info(vmo, ZX_INFO_HANDLE_BASIC, &basic, sizeof basic, &actual, BAD));
    }
    EXPECT_OK(zx_object_get_info(vmo, ZX_INFO_HANDLE_BASIC, &basic, sizeof basic, NULL, NULL));
    // The kernel's order: the record, then actual, then avail.
    actual = avail = 99;
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_object_get_info(vmo, ZX_INFO_HANDLE_BASIC, &basic, sizeof basic, &actual, bad_pointer(BAD_READ_ONLY)));
    EXPECT_EQ(1, actual);

    EACH_BAD(OUT_BAD) {
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_object_get_property(vmo, ZX_PROP_NAME, BAD, ZX_MAX_NAME_LEN));
    }
    EACH_BAD(IN_BAD) {
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_object_set_property(vmo, ZX_PROP_NAME, BAD, 8));
    }
    char name[ZX_MAX_NAME_LEN];
    ASSERT_OK(zx_object_set_property(vmo, ZX_PROP_NAME, "intact", 6));
    ASSERT_OK(zx_object_get_property(vmo, ZX_PROP_NAME, name, sizeof name));
    EXPECT_EQ(0, strcmp(name, "intact"));
    zx_handle_close(vmo);
}

TEST(user_copy_waits) {
    zx_handle_t event;
    ASSERT_OK(zx_event_create(0, &event));
    ASSERT_OK(zx_object_signal(event, 0, ZX_USER_SIGNAL_0));
    EACH_BAD(NON_NULL(OUT_BAD)) {
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_object_wait_one(event, ZX_USER_SIGNAL_0, 0, BAD));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_object_wait_one(event, ZX_USER_SIGNAL_1, 0, BAD));  // after TIMED_OUT
    }
    EXPECT_OK(zx_object_wait_one(event, ZX_USER_SIGNAL_0, 0, NULL));
    EACH_BAD(IN_BAD) {
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_object_wait_many(BAD, 1, 0));
    }
    // The items are read, then written back after the wait: a valid item on a read-only page is refused at the end.
    zx_wait_item_t* frozen = mmap(NULL, ZX_PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    frozen->handle = event;
    frozen->waitfor = ZX_USER_SIGNAL_0;
    ASSERT_OK(mprotect(frozen, ZX_PAGE_SIZE, PROT_READ));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_object_wait_many(frozen, 1, 0));
    EXPECT_EQ(0, frozen->pending);
    munmap(frozen, ZX_PAGE_SIZE);
    zx_wait_item_t item = {.handle = event, .waitfor = ZX_USER_SIGNAL_0};
    EXPECT_OK(zx_object_wait_many(&item, 1, 0));
    EXPECT_TRUE(item.pending & ZX_USER_SIGNAL_0);
    zx_handle_close(event);
}

TEST(user_copy_creating_calls_leave_nothing) {
    zx_handle_t a, b, mmio, iommu, bti, vmo;
    ASSERT_OK(zx_vmo_create(ZX_PAGE_SIZE, ZX_VMO_NON_RESIZABLE, &vmo));  // slices need a non-resizable parent
    ASSERT_OK(zx_resource_create(get_root_resource(), ZX_RSRC_KIND_MMIO, 0x09000000, ZX_PAGE_SIZE, "uart", 4, &mmio));
    zx_iommu_desc_dummy_t desc = {0};
    ASSERT_OK(zx_iommu_create(get_root_resource(), ZX_IOMMU_TYPE_DUMMY, &desc, sizeof desc, &iommu));
    ASSERT_OK(zx_bti_create(iommu, 0, 0, &bti));
    EACH_BAD(OUT_BAD) {
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_event_create(0, BAD));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_port_create(0, BAD));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_eventpair_create(0, BAD, &b));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_eventpair_create(0, &a, BAD));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_channel_create(0, BAD, &b));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_channel_create(0, &a, BAD));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_job_create(zx_job_default(), 0, BAD));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_vmo_create(ZX_PAGE_SIZE, 0, BAD));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_vmo_create_physical(mmio, 0x09000000, ZX_PAGE_SIZE, BAD));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_vmo_clone(vmo, ZX_VMO_CLONE_COPY_ON_WRITE, 0, ZX_PAGE_SIZE, BAD));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_vmo_create_child(vmo, ZX_VMO_CHILD_SLICE, 0, ZX_PAGE_SIZE, BAD));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_resource_create(get_root_resource(), ZX_RSRC_KIND_MMIO, 0x09000000, ZX_PAGE_SIZE, "u", 1, BAD));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_iommu_create(get_root_resource(), ZX_IOMMU_TYPE_DUMMY, &desc, sizeof desc, BAD));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_bti_create(iommu, 0, 1, BAD));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_vmo_create_contiguous(bti, ZX_PAGE_SIZE, 0, BAD));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_process_create(zx_job_default(), "p", 1, 0, BAD, &b));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_process_create(zx_job_default(), "p", 1, 0, &a, BAD));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_thread_create(zx_process_self(), "t", 1, 0, BAD));
    }
    // Names and descriptors are inputs.
    EACH_BAD(IN_BAD) {
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_resource_create(get_root_resource(), ZX_RSRC_KIND_MMIO, 0x09000000, ZX_PAGE_SIZE, BAD, 4, &a));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_iommu_create(get_root_resource(), ZX_IOMMU_TYPE_DUMMY, BAD, sizeof desc, &a));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_process_create(zx_job_default(), BAD, 4, 0, &a, &b));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_thread_create(zx_process_self(), BAD, 4, 0, &a));
    }
    // A NULL name of length 0 is an empty name.
    ASSERT_OK(zx_resource_create(get_root_resource(), ZX_RSRC_KIND_MMIO, 0x09000000, ZX_PAGE_SIZE, NULL, 0, &a));
    zx_handle_close(a);
    zx_handle_close(bti);
    zx_handle_close(iommu);
    zx_handle_close(mmio);
    zx_handle_close(vmo);
}

TEST(user_copy_ports) {
    zx_handle_t port;
    ASSERT_OK(zx_port_create(0, &port));
    zx_port_packet_t packet = {.key = 7, .type = ZX_PKT_TYPE_USER};
    EACH_BAD(IN_BAD) {
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_port_queue(port, BAD));
    }
    // A packet whose copy-out fails is taken off the queue (2018).
    EACH_BAD(OUT_BAD) {
        ASSERT_OK(zx_port_queue(port, &packet));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_port_wait(port, 0, BAD));
        EXPECT_BAD(ZX_ERR_TIMED_OUT, zx_port_wait(port, 0, &packet));
    }
    zx_handle_close(port);
}

TEST(user_copy_channels) {
    zx_handle_t a, b, event;
    ASSERT_OK(zx_channel_create(0, &a, &b));
    char bytes[8] = "message";
    uint32_t actual_bytes, actual_handles;
    EACH_BAD(IN_BAD) {
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_channel_write(a, 0, BAD, sizeof bytes, NULL, 0));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_channel_write(a, 0, bytes, sizeof bytes, BAD, 1));
    }
    EXPECT_EQ(ZX_ERR_SHOULD_WAIT, zx_channel_read(b, 0, bytes, NULL, sizeof bytes, 0, NULL, NULL));
    // A message whose bytes cannot be written is consumed, and the handle it carried is closed: its peer sees it.
    EACH_BAD(NON_NULL(OUT_BAD)) {
        zx_handle_t e0, e1;
        ASSERT_OK(zx_eventpair_create(0, &e0, &e1));
        ASSERT_OK(zx_channel_write(a, 0, bytes, sizeof bytes, &e1, 1));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_channel_read(b, 0, BAD, &event, sizeof bytes, 1, NULL, NULL));
        EXPECT_BAD(ZX_OK, zx_object_wait_one(e0, ZX_EVENTPAIR_PEER_CLOSED, 0, NULL));
        zx_handle_close(e0);
    }
    // Bytes first, then handles: a bad handle array leaves the bytes written, the message gone, its handles closed.
    EACH_BAD(NON_NULL(OUT_BAD)) {
        zx_handle_t e0, e1;
        char got[8] = {0};
        ASSERT_OK(zx_eventpair_create(0, &e0, &e1));
        ASSERT_OK(zx_channel_write(a, 0, bytes, sizeof bytes, &e1, 1));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_channel_read(b, 0, got, BAD, sizeof got, 1, NULL, NULL));
        EXPECT_EQ(0, memcmp(got, bytes, sizeof bytes));
        EXPECT_BAD(ZX_OK, zx_object_wait_one(e0, ZX_EVENTPAIR_PEER_CLOSED, 0, NULL));
        ASSERT_OK(zx_eventpair_create(0, &e1, &event));
        zx_handle_close(e1);
        ASSERT_OK(zx_channel_write(a, 0, bytes, sizeof bytes, &event, 1));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_channel_read_etc(b, 0, got, BAD, sizeof got, 1, NULL, NULL));
        zx_handle_close(e0);
    }
    // The actual counts come first of all; a message whose counts cannot be written is gone too.
    EACH_BAD(NON_NULL(OUT_BAD)) {
        ASSERT_OK(zx_channel_write(a, 0, bytes, sizeof bytes, NULL, 0));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_channel_read(b, 0, bytes, NULL, sizeof bytes, 0, BAD, &actual_handles));
        ASSERT_OK(zx_channel_write(a, 0, bytes, sizeof bytes, NULL, 0));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_channel_read(b, 0, bytes, NULL, sizeof bytes, 0, &actual_bytes, BAD));
        EXPECT_BAD(ZX_ERR_SHOULD_WAIT, zx_channel_read(b, 0, bytes, NULL, sizeof bytes, 0, NULL, NULL));
    }
    EACH_BAD(IN_BAD) {
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_channel_call(a, 0, 0, BAD, &actual_bytes, &actual_handles));
    }
    zx_handle_close(a);
    zx_handle_close(b);
}

TEST(user_copy_sockets) {
    zx_handle_t a, b, s0, s1, accepted;
    char bytes[8] = "stream!";
    size_t actual;
    EACH_BAD(OUT_BAD) {
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_socket_create(0, BAD, &b));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_socket_create(0, &a, BAD));
    }
    ASSERT_OK(zx_socket_create(ZX_SOCKET_HAS_CONTROL | ZX_SOCKET_HAS_ACCEPT, &a, &b));
    // Bytes that cannot be read are not written, on either plane.
    EACH_BAD(IN_BAD) {
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_socket_write(a, 0, BAD, sizeof bytes, &actual));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_socket_write(a, ZX_SOCKET_CONTROL, BAD, sizeof bytes, &actual));
        EXPECT_BAD(ZX_ERR_SHOULD_WAIT, zx_socket_read(b, 0, bytes, sizeof bytes, NULL));
        EXPECT_BAD(ZX_ERR_SHOULD_WAIT, zx_socket_read(b, ZX_SOCKET_CONTROL, bytes, sizeof bytes, NULL));
    }
    // A buffer that cannot be written takes nothing.
    ASSERT_OK(zx_socket_write(a, 0, bytes, sizeof bytes, NULL));
    ASSERT_OK(zx_socket_write(a, ZX_SOCKET_CONTROL, bytes, sizeof bytes, NULL));
    EACH_BAD(OUT_BAD) {
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_socket_read(b, 0, BAD, sizeof bytes, &actual));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_socket_read(b, ZX_SOCKET_CONTROL, BAD, sizeof bytes, &actual));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_socket_read(b, ZX_SOCKET_PEEK, BAD, sizeof bytes, &actual));
    }
    // An actual count that cannot be written: the bytes move all the same (2018).
    EACH_BAD(NON_NULL(OUT_BAD)) {
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_socket_read(b, 0, bytes, 1, BAD));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_socket_write(a, 0, bytes, 1, BAD));
    }
    ASSERT_OK(zx_socket_read(b, 0, NULL, 0, &actual));
    EXPECT_EQ(sizeof bytes, actual);
    // A shared socket that cannot be handed out stays in the slot.
    ASSERT_OK(zx_socket_create(0, &s0, &s1));
    ASSERT_OK(zx_socket_share(a, s0));
    EACH_BAD(OUT_BAD) {
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_socket_accept(b, BAD));
        EXPECT_BAD(ZX_OK, zx_object_wait_one(b, ZX_SOCKET_ACCEPT, 0, NULL));
    }
    ASSERT_OK(zx_socket_accept(b, &accepted));
    zx_handle_close(accepted);
    zx_handle_close(s1);
    zx_handle_close(a);
    zx_handle_close(b);
}

static void user_copy_wait_on(uintptr_t event, uintptr_t unused) {
    (void)unused;
    zx_object_wait_one((zx_handle_t)event, ZX_EVENT_SIGNALED, ZX_TIME_INFINITE, NULL);
}

TEST(user_copy_suspension_and_thread_state) {
    zx_handle_t event, thread, token;
    ASSERT_OK(zx_event_create(0, &event));
    ASSERT_OK(zx_thread_create(zx_process_self(), "w", 1, 0, &thread));
    ASSERT_OK(zx_thread_start(thread, (zx_vaddr_t)user_copy_wait_on, 0, event, 0));
    // A token that cannot be handed out is closed again: the thread is not left suspended.
    EACH_BAD(OUT_BAD) {
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_task_suspend_token(thread, BAD));
    }
    zx_signals_t observed = 0;
    zx_object_wait_one(thread, 0, 0, &observed);
    EXPECT_EQ(0u, observed & ZX_THREAD_SUSPENDED);
    ASSERT_OK(zx_task_suspend_token(thread, &token));
    ASSERT_OK(zx_object_wait_one(thread, ZX_THREAD_SUSPENDED, zx_deadline_after(ZX_SEC(10)), NULL));
    EACH_BAD(OUT_BAD) {
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_thread_read_state(thread, ZX_THREAD_STATE_GENERAL_REGS, BAD, 144));
    }
    EACH_BAD(IN_BAD) {
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_thread_write_state(thread, ZX_THREAD_STATE_GENERAL_REGS, BAD, 144));
    }
    zx_handle_close(token);
    ASSERT_OK(zx_object_signal(event, 0, ZX_EVENT_SIGNALED));
    ASSERT_OK(zx_object_wait_one(thread, ZX_THREAD_TERMINATED, zx_deadline_after(ZX_SEC(10)), NULL));
    zx_handle_close(thread);
    zx_handle_close(event);
}

TEST(user_copy_logs) {
    zx_handle_t log;
    EACH_BAD(OUT_BAD) {
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_debuglog_create(get_root_resource(), ZX_LOG_FLAG_READABLE, BAD));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_log_create(0, BAD));
    }
    ASSERT_OK(zx_debuglog_create(get_root_resource(), ZX_LOG_FLAG_READABLE, &log));
    EACH_BAD(IN_BAD) {
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_debuglog_write(log, 0, BAD, 8));
    }
    ASSERT_OK(zx_debuglog_write(log, 0, "kept", 4));
    char skip[ZX_LOG_RECORD_MAX];
    // A record whose copy-out fails stays next: the last one written is still there afterwards.
    EACH_BAD(OUT_BAD) {
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_debuglog_read(log, 0, BAD, ZX_LOG_RECORD_MAX));
    }
    zx_status_t n, last = 0;
    while ((n = zx_debuglog_read(log, 0, skip, sizeof skip)) > 0) last = n;
    EXPECT_EQ((zx_status_t)(sizeof(zx_log_record_t) + 4), last);
    zx_handle_close(log);
}

TEST(user_copy_policy_log_debug_futex_owner_and_replace_calls) {
    zx_handle_t job, log, vmo, exec;
    ASSERT_OK(zx_job_create(zx_job_default(), 0, &job));
    EACH_BAD(IN_BAD) {
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_job_set_policy(job, ZX_JOB_POL_RELATIVE, ZX_JOB_POL_BASIC, BAD, 1));
    }
    ASSERT_OK(zx_log_create(ZX_LOG_FLAG_READABLE, &log));
    EACH_BAD(IN_BAD) {
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_log_write(log, 8, BAD, 0));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_debug_write(BAD, 8));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_debug_send_command(get_root_resource(), BAD, 8));
    }
    ASSERT_OK(zx_log_write(log, 4, "kept", 0));
    EACH_BAD(OUT_BAD) {
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_log_read(log, ZX_LOG_RECORD_MAX, BAD, 0));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_debug_read(get_root_resource(), NULL, BAD));
    }
    zx_futex_t word = 0;
    EACH_BAD(OUT_BAD) {
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_futex_get_owner(&word, BAD));
    }
    // A replacement that cannot be handed out is closed; the VMO handle is consumed all the same.
    ASSERT_OK(zx_vmo_create(ZX_PAGE_SIZE, 0, &vmo));
    EACH_BAD(OUT_BAD) {
        zx_handle_t dup;
        ASSERT_OK(zx_handle_duplicate(vmo, ZX_RIGHT_SAME_RIGHTS, &dup));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_vmo_replace_as_executable(dup, ZX_HANDLE_INVALID, BAD));
        EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_handle_close(dup));
    }
    ASSERT_OK(zx_vmo_replace_as_executable(vmo, ZX_HANDLE_INVALID, &exec));
    zx_handle_close(exec);
    zx_handle_close(log);
    zx_handle_close(job);
}

TEST(user_copy_vmo_calls) {
    zx_handle_t vmo;
    ASSERT_OK(zx_vmo_create(ZX_PAGE_SIZE, 0, &vmo));
    EACH_BAD(OUT_BAD) {
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_vmo_read(vmo, BAD, 0, 16));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_vmo_get_size(vmo, BAD));
    }
    EACH_BAD(IN_BAD) {
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_vmo_write(vmo, BAD, 0, 16));
    }
    // A read or write that runs off the end of the caller's memory stops there: the bytes before it are copied.
    uint8_t pattern[32];
    memset(pattern, 0x5a, sizeof pattern);
    ASSERT_OK(zx_vmo_write(vmo, pattern, 0, sizeof pattern));
    uint8_t* edge = (uint8_t*)mmap(NULL, 2 * ZX_PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ASSERT_OK(mprotect(edge + ZX_PAGE_SIZE, ZX_PAGE_SIZE, PROT_NONE));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_vmo_read(vmo, edge + ZX_PAGE_SIZE - 16, 0, 32));
    EXPECT_EQ(0x5a, edge[ZX_PAGE_SIZE - 1]);
    memset(edge + ZX_PAGE_SIZE - 16, 0x33, 16);
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_vmo_write(vmo, edge + ZX_PAGE_SIZE - 16, 0, 32));
    uint8_t back[32];
    ASSERT_OK(zx_vmo_read(vmo, back, 0, sizeof back));
    EXPECT_EQ(0x33, back[15]);
    EXPECT_EQ(0x5a, back[16]);
    munmap(edge, 2 * ZX_PAGE_SIZE);
    zx_handle_close(vmo);
}

TEST(user_copy_vmar_calls_leave_no_mapping) {
    zx_handle_t vmo, child;
    ASSERT_OK(zx_vmo_create(ZX_PAGE_SIZE, 0, &vmo));
    zx_info_vmar_t root;
    ASSERT_OK(zx_object_get_info(zx_vmar_root_self(), ZX_INFO_VMAR, &root, sizeof root, NULL, NULL));
    zx_vaddr_t addr;
    ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ, 0, vmo, 0, ZX_PAGE_SIZE, &addr));
    ASSERT_OK(zx_vmar_unmap(zx_vmar_root_self(), addr, ZX_PAGE_SIZE));
    size_t offset = addr - root.base;
    EACH_BAD(OUT_BAD) {
        // The same fixed range maps again each time: the failed mapping was removed.
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_SPECIFIC, offset, vmo, 0, ZX_PAGE_SIZE, BAD));
        zx_info_vmo_t info;
        EXPECT_BAD(ZX_OK, zx_object_get_info(vmo, ZX_INFO_VMO, &info, sizeof info, NULL, NULL));
        EXPECT_EQ(0, info.num_mappings);
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_vmar_allocate(zx_vmar_root_self(), ZX_VM_CAN_MAP_READ | ZX_VM_SPECIFIC, offset, ZX_PAGE_SIZE, BAD, &addr));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_vmar_allocate(zx_vmar_root_self(), ZX_VM_CAN_MAP_READ | ZX_VM_SPECIFIC, offset, ZX_PAGE_SIZE, &child, BAD));
    }
    ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_SPECIFIC, offset, vmo, 0, ZX_PAGE_SIZE, &addr));
    EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), addr, ZX_PAGE_SIZE));
    zx_handle_close(vmo);
}

TEST(user_copy_bti_pin_leaves_nothing_pinned) {
    zx_handle_t iommu, bti, vmo, pmt;
    zx_iommu_desc_dummy_t desc = {0};
    ASSERT_OK(zx_iommu_create(get_root_resource(), ZX_IOMMU_TYPE_DUMMY, &desc, sizeof desc, &iommu));
    ASSERT_OK(zx_bti_create(iommu, 0, 0, &bti));
    ASSERT_OK(zx_vmo_create(2 * ZX_PAGE_SIZE, 0, &vmo));
    zx_paddr_t addrs[2];
    EACH_BAD(OUT_BAD) {
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_bti_pin(bti, ZX_BTI_PERM_READ, vmo, 0, 2 * ZX_PAGE_SIZE, BAD, 2, &pmt));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_bti_pin(bti, ZX_BTI_PERM_READ, vmo, 0, 2 * ZX_PAGE_SIZE, addrs, 2, BAD));
        // Nothing stays pinned: the VMO can shrink (a pinned page would make this BAD_STATE).
        EXPECT_BAD(ZX_OK, zx_vmo_set_size(vmo, 0));
        EXPECT_BAD(ZX_OK, zx_vmo_set_size(vmo, 2 * ZX_PAGE_SIZE));
    }
    zx_handle_close(vmo);
    zx_handle_close(bti);
    zx_handle_close(iommu);
}

// The server side of the channel_call cases: answers each request with its txid, 8 bytes and an event handle.

static void* echo_server(void* arg) {
    zx_handle_t server = (zx_handle_t)(uintptr_t)arg;
    for (;;) {
        char request[64];
        uint32_t n, h;
        if (zx_object_wait_one(server, ZX_CHANNEL_READABLE | ZX_CHANNEL_PEER_CLOSED, ZX_TIME_INFINITE, NULL) != ZX_OK) break;
        if (zx_channel_read(server, 0, request, NULL, sizeof request, 0, &n, &h) != ZX_OK) break;
        zx_handle_t event;
        zx_event_create(0, &event);
        zx_channel_write(server, 0, request, 8, &event, 1);
    }
    zx_handle_close(server);
    return NULL;
}

TEST(user_copy_channel_call_and_read_etc) {
    zx_handle_t client, server;
    ASSERT_OK(zx_channel_create(0, &client, &server));
    pthread_t thread;
    ASSERT_EQ(0, pthread_create(&thread, NULL, echo_server, (void*)(uintptr_t)server));
    char wr[8] = {0}, rd[8];
    zx_handle_t rd_handle;
    uint32_t actual_bytes, actual_handles;
    zx_channel_call_args_t good = {.wr_bytes = wr, .wr_handles = NULL, .rd_bytes = rd, .rd_handles = &rd_handle,
                                   .wr_num_bytes = sizeof wr, .wr_num_handles = 0, .rd_num_bytes = sizeof rd, .rd_num_handles = 1};
    zx_time_t deadline = zx_deadline_after(10ll * 1000 * 1000 * 1000);
    ASSERT_OK(zx_channel_call(client, 0, deadline, &good, &actual_bytes, &actual_handles));
    EXPECT_EQ(8, actual_bytes);
    EXPECT_EQ(1, actual_handles);
    zx_handle_close(rd_handle);
    // What is sent cannot be read: nothing is sent.
    EACH_BAD(IN_BAD) {
        zx_channel_call_args_t args = good;
        args.wr_bytes = BAD;
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_channel_call(client, 0, deadline, &args, &actual_bytes, &actual_handles));
        args = good;
        args.wr_handles = BAD;
        args.wr_num_handles = 1;
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_channel_call(client, 0, deadline, &args, &actual_bytes, &actual_handles));
    }
    // The reply cannot be delivered: it is consumed and the event it carried is closed (the handle count says so).
    EACH_BAD(NON_NULL(OUT_BAD)) {
        zx_channel_call_args_t args = good;
        args.rd_bytes = BAD;
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_channel_call(client, 0, deadline, &args, &actual_bytes, &actual_handles));
        args = good;
        args.rd_handles = BAD;
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_channel_call(client, 0, deadline, &args, &actual_bytes, &actual_handles));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_channel_call(client, 0, deadline, &good, BAD, &actual_handles));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_channel_call(client, 0, deadline, &good, &actual_bytes, BAD));
    }
    // zx_channel_read_etc: the counts, then the bytes, then the handle records.
    zx_handle_t a, b;
    ASSERT_OK(zx_channel_create(0, &a, &b));
    EACH_BAD(NON_NULL(OUT_BAD)) {
        zx_handle_t event;
        zx_handle_info_t info;
        ASSERT_OK(zx_event_create(0, &event));
        ASSERT_OK(zx_channel_write(a, 0, wr, sizeof wr, &event, 1));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_channel_read_etc(b, 0, BAD, &info, sizeof rd, 1, NULL, NULL));
        ASSERT_OK(zx_event_create(0, &event));
        ASSERT_OK(zx_channel_write(a, 0, wr, sizeof wr, &event, 1));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_channel_read_etc(b, 0, rd, &info, sizeof rd, 1, BAD, NULL));
        EXPECT_BAD(ZX_ERR_SHOULD_WAIT, zx_channel_read_etc(b, 0, rd, &info, sizeof rd, 1, NULL, NULL));
    }
    zx_handle_close(a);
    zx_handle_close(b);
    zx_handle_close(client);  // the server sees PEER_CLOSED and ends
    pthread_join(thread, NULL);
}

TEST(user_copy_interrupt_calls) {
    zx_handle_t interrupt;
    // A handle that cannot be written out is closed again: the interrupt (and, for a board one, its vector) goes.
    EACH_BAD(OUT_BAD) {
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_interrupt_create(ZX_HANDLE_INVALID, 0, ZX_INTERRUPT_VIRTUAL, BAD));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_interrupt_create(get_root_resource(), 40, 0, BAD));
    }
    ASSERT_OK(zx_interrupt_create(get_root_resource(), 40, 0, &interrupt));  // the vector was given back each time
    zx_handle_close(interrupt);
    // A timestamp that cannot be written: the interrupt was taken all the same (NULL asks for none).
    ASSERT_OK(zx_interrupt_create(ZX_HANDLE_INVALID, 0, ZX_INTERRUPT_VIRTUAL, &interrupt));
    EACH_BAD(NON_NULL(OUT_BAD)) {
        EXPECT_BAD(ZX_OK, zx_interrupt_trigger(interrupt, 0, 5));
        EXPECT_BAD(ZX_ERR_INVALID_ARGS, zx_interrupt_wait(interrupt, BAD));
    }
    zx_handle_close(interrupt);
}
