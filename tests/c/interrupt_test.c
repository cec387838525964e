// Interrupts (late 2018): virtual ones triggered by user code, board ones under an IRQ resource; waited on directly
// or bound to a port, with the 2018 statuses and rights.
#include <pthread.h>
#include <stdatomic.h>
#include <zircon/syscalls/port.h>
#include "zxtest.h"

#define SECOND (1000ll * 1000 * 1000)

TEST(interrupt_create_checks_in_the_kernels_order) {
    zx_handle_t irq, interrupt;
    // A board interrupt needs an IRQ resource that covers its vector (the default board has 0-1019 and no more).
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_interrupt_create(ZX_HANDLE_INVALID, 33, 0, &interrupt));
    ASSERT_OK(zx_resource_create(get_root_resource(), ZX_RSRC_KIND_IRQ, 33, 2, "uart", 4, &irq));
    EXPECT_EQ(ZX_ERR_OUT_OF_RANGE, zx_interrupt_create(irq, 40, 0, &interrupt));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_interrupt_create(irq, 33, 0x20, &interrupt));                       // unknown option
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_interrupt_create(irq, 33, ZX_INTERRUPT_MODE_EDGE_BOTH, &interrupt)); // past LEVEL_HIGH
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_interrupt_create(get_root_resource(), 5000, 0, &interrupt));        // no such vector
    ASSERT_OK(zx_interrupt_create(irq, 33, ZX_INTERRUPT_MODE_LEVEL_HIGH, &interrupt));
    zx_handle_t again;
    EXPECT_EQ(ZX_ERR_ALREADY_BOUND, zx_interrupt_create(irq, 33, 0, &again));  // one object per vector
    zx_info_handle_basic_t basic;
    ASSERT_OK(zx_object_get_info(interrupt, ZX_INFO_HANDLE_BASIC, &basic, sizeof basic, NULL, NULL));
    EXPECT_EQ(ZX_OBJ_TYPE_INTERRUPT, basic.type);
    EXPECT_EQ(ZX_DEFAULT_INTERRUPT_RIGHTS, basic.rights);
    EXPECT_EQ(ZX_ERR_BAD_STATE, zx_interrupt_trigger(interrupt, 0, 1));  // only virtual ones trigger
    ASSERT_OK(zx_handle_close(interrupt));
    ASSERT_OK(zx_interrupt_create(irq, 33, 0, &interrupt));  // the last handle gave the vector back
    zx_handle_close(interrupt);
    // A virtual interrupt needs no resource, and exactly ZX_INTERRUPT_VIRTUAL.
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_interrupt_create(ZX_HANDLE_INVALID, 0, ZX_INTERRUPT_VIRTUAL | ZX_INTERRUPT_REMAP_IRQ, &interrupt));
    ASSERT_OK(zx_interrupt_create(ZX_HANDLE_INVALID, 0, ZX_INTERRUPT_VIRTUAL, &interrupt));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_interrupt_trigger(interrupt, 1, 0));
    EXPECT_EQ(ZX_ERR_BAD_STATE, zx_interrupt_ack(interrupt));  // not bound
    zx_handle_close(interrupt);
    zx_handle_close(irq);
}

TEST(a_virtual_interrupt_triggered_then_waited_gives_its_timestamp) {
    zx_handle_t interrupt;
    ASSERT_OK(zx_interrupt_create(ZX_HANDLE_INVALID, 0, ZX_INTERRUPT_VIRTUAL, &interrupt));
    ASSERT_OK(zx_interrupt_trigger(interrupt, 0, 1234));
    ASSERT_OK(zx_interrupt_trigger(interrupt, 0, 5678));  // not the first since the last wait: the time is kept
    zx_time_t when = 0;
    ASSERT_OK(zx_interrupt_wait(interrupt, &when));
    EXPECT_EQ(1234, when);
    EXPECT_OK(zx_interrupt_trigger(interrupt, 0, 99));
    EXPECT_OK(zx_interrupt_wait(interrupt, NULL));  // the timestamp is optional
    EXPECT_OK(zx_interrupt_trigger(interrupt, 0, 7));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_interrupt_wait(interrupt, (zx_time_t*)1));
    EXPECT_OK(zx_interrupt_destroy(interrupt));
    EXPECT_EQ(ZX_ERR_CANCELED, zx_interrupt_wait(interrupt, &when));
    EXPECT_EQ(ZX_ERR_CANCELED, zx_interrupt_trigger(interrupt, 0, 1));
    zx_handle_close(interrupt);
}

struct waiter {
    zx_handle_t interrupt;
    zx_status_t status;
    zx_time_t when;
};

static void* wait_for_interrupt(void* arg) {
    struct waiter* w = arg;
    w->status = zx_interrupt_wait(w->interrupt, &w->when);
    return NULL;
}

TEST(a_blocked_waiter_wakes_for_a_trigger_and_ends_with_canceled_on_destroy) {
    zx_handle_t interrupt;
    ASSERT_OK(zx_interrupt_create(ZX_HANDLE_INVALID, 0, ZX_INTERRUPT_VIRTUAL, &interrupt));
    struct waiter w = {interrupt, ZX_ERR_INTERNAL, 0};
    pthread_t thread;
    ASSERT_EQ(0, pthread_create(&thread, NULL, wait_for_interrupt, &w));
    zx_nanosleep(zx_deadline_after(SECOND / 20));
    ASSERT_OK(zx_interrupt_trigger(interrupt, 0, 42));
    pthread_join(thread, NULL);
    EXPECT_OK(w.status);
    EXPECT_EQ(42, w.when);
    w.status = ZX_ERR_INTERNAL;
    ASSERT_EQ(0, pthread_create(&thread, NULL, wait_for_interrupt, &w));
    zx_nanosleep(zx_deadline_after(SECOND / 20));
    zx_handle_t port;
    ASSERT_OK(zx_port_create(ZX_PORT_BIND_TO_INTERRUPT, &port));
    EXPECT_EQ(ZX_ERR_BAD_STATE, zx_interrupt_bind(interrupt, port, 1, 0));  // a thread waits on it
    ASSERT_OK(zx_interrupt_destroy(interrupt));
    pthread_join(thread, NULL);
    EXPECT_EQ(ZX_ERR_CANCELED, w.status);
    zx_handle_close(port);
    zx_handle_close(interrupt);
}

TEST(a_bound_interrupt_queues_one_packet_until_acked) {
    zx_handle_t interrupt, port, plain;
    ASSERT_OK(zx_interrupt_create(ZX_HANDLE_INVALID, 0, ZX_INTERRUPT_VIRTUAL, &interrupt));
    ASSERT_OK(zx_port_create(0, &plain));
    ASSERT_OK(zx_port_create(ZX_PORT_BIND_TO_INTERRUPT, &port));
    zx_handle_t refused;
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_port_create(2, &refused));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_interrupt_bind(interrupt, port, 1, 1));
    EXPECT_EQ(ZX_ERR_WRONG_TYPE, zx_interrupt_bind(interrupt, plain, 1, 0));  // made without BIND_TO_INTERRUPT
    EXPECT_EQ(ZX_ERR_WRONG_TYPE, zx_interrupt_bind(port, port, 1, 0));
    ASSERT_OK(zx_interrupt_bind(interrupt, port, 0xabc, 0));
    EXPECT_EQ(ZX_ERR_ALREADY_BOUND, zx_interrupt_bind(interrupt, port, 0xabc, 0));
    EXPECT_EQ(ZX_ERR_BAD_STATE, zx_interrupt_wait(interrupt, NULL));  // bound: no direct waits
    ASSERT_OK(zx_interrupt_trigger(interrupt, 0, 100));
    ASSERT_OK(zx_interrupt_trigger(interrupt, 0, 200));  // before the ack: only remembered
    zx_port_packet_t packet;
    ASSERT_OK(zx_port_wait(port, zx_deadline_after(SECOND), &packet));
    EXPECT_EQ(0xabc, packet.key);
    EXPECT_EQ(ZX_PKT_TYPE_INTERRUPT, packet.type);
    EXPECT_EQ(ZX_OK, packet.status);
    EXPECT_EQ(100, packet.interrupt.timestamp);
    EXPECT_EQ(ZX_ERR_TIMED_OUT, zx_port_wait(port, 0, &packet));
    ASSERT_OK(zx_interrupt_ack(interrupt));  // the remembered one queues now
    ASSERT_OK(zx_port_wait(port, 0, &packet));
    EXPECT_EQ(200, packet.interrupt.timestamp);
    ASSERT_OK(zx_interrupt_ack(interrupt));
    EXPECT_EQ(ZX_ERR_TIMED_OUT, zx_port_wait(port, 0, &packet));
    // Destroy takes a queued packet back (OK); with one read and not acked it says NOT_FOUND.
    ASSERT_OK(zx_interrupt_trigger(interrupt, 0, 300));
    EXPECT_OK(zx_interrupt_destroy(interrupt));
    EXPECT_EQ(ZX_ERR_TIMED_OUT, zx_port_wait(port, 0, &packet));
    EXPECT_EQ(ZX_ERR_CANCELED, zx_interrupt_ack(interrupt));
    zx_handle_close(interrupt);
    ASSERT_OK(zx_interrupt_create(ZX_HANDLE_INVALID, 0, ZX_INTERRUPT_VIRTUAL, &interrupt));
    ASSERT_OK(zx_interrupt_bind(interrupt, port, 1, 0));
    ASSERT_OK(zx_interrupt_trigger(interrupt, 0, 400));
    ASSERT_OK(zx_port_wait(port, 0, &packet));
    EXPECT_EQ(ZX_ERR_NOT_FOUND, zx_interrupt_destroy(interrupt));
    zx_handle_close(interrupt);
    zx_handle_close(port);
    zx_handle_close(plain);
}

TEST(interrupt_calls_check_their_rights) {
    zx_handle_t interrupt, port, limited;
    ASSERT_OK(zx_interrupt_create(ZX_HANDLE_INVALID, 0, ZX_INTERRUPT_VIRTUAL, &interrupt));
    ASSERT_OK(zx_port_create(ZX_PORT_BIND_TO_INTERRUPT, &port));
    // No duplicate right by default: a narrower handle comes from zx_handle_replace.
    zx_handle_t dup;
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_handle_duplicate(interrupt, ZX_RIGHT_SAME_RIGHTS, &dup));
    ASSERT_OK(zx_handle_replace(interrupt, ZX_RIGHT_TRANSFER, &limited));
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_interrupt_bind(limited, port, 1, 0));      // READ
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_interrupt_wait(limited, NULL));            // WAIT
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_interrupt_ack(limited));                   // WRITE
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_interrupt_trigger(limited, 0, 1));         // SIGNAL
    EXPECT_OK(zx_interrupt_destroy(limited));                                      // none
    zx_handle_close(limited);
    zx_handle_close(port);
}
