// The kernel log through the C ABI: log objects write records that every readable one reads from its own position,
// with the 2018 limits, signals and order of checks.
#include <string.h>
#include <zircon/syscalls/log.h>
#include "zxtest.h"

TEST(a_readable_log_reads_every_record_written_after_its_position) {
    zx_handle_t writer, reader, other_reader;
    ASSERT_OK(zx_debuglog_create(get_root_resource(), 0, &writer));
    ASSERT_OK(zx_debuglog_create(get_root_resource(), ZX_LOG_FLAG_READABLE, &reader));
    zx_info_handle_basic_t info;
    ASSERT_OK(zx_object_get_info(writer, ZX_INFO_HANDLE_BASIC, &info, sizeof info, NULL, NULL));
    EXPECT_EQ(ZX_OBJ_TYPE_LOG, info.type);
    EXPECT_EQ(ZX_DEFAULT_LOG_RIGHTS, info.rights);
    ASSERT_OK(zx_object_get_info(reader, ZX_INFO_HANDLE_BASIC, &info, sizeof info, NULL, NULL));
    EXPECT_EQ(ZX_DEFAULT_LOG_RIGHTS | ZX_RIGHT_READ, info.rights);
    // Skip whatever the log holds already.
    char buf[ZX_LOG_RECORD_MAX];
    while (zx_debuglog_read(reader, 0, buf, sizeof buf) > 0) {
    }
    zx_signals_t observed = 0;
    zx_object_wait_one(reader, 0, 0, &observed);
    EXPECT_EQ(ZX_LOG_WRITABLE, observed & (ZX_LOG_WRITABLE | ZX_LOG_READABLE));
    EXPECT_EQ(ZX_ERR_SHOULD_WAIT, zx_debuglog_read(reader, 0, buf, sizeof buf));
    ASSERT_OK(zx_debuglog_write(writer, ZX_LOG_WARN, "hello, log", 10));
    ASSERT_OK(zx_object_wait_one(reader, ZX_LOG_READABLE, 0, NULL));
    zx_status_t size = zx_debuglog_read(reader, 0, buf, sizeof buf);
    ASSERT_EQ((zx_status_t)(sizeof(zx_log_record_t) + 10), size);
    zx_log_record_t* record = (zx_log_record_t*)buf;
    EXPECT_EQ(10u, record->datalen);
    EXPECT_EQ(ZX_LOG_WARN, record->flags);
    EXPECT_EQ(0, memcmp(record->data, "hello, log", 10));
    EXPECT_TRUE(record->timestamp > 0 && record->timestamp <= zx_clock_get_monotonic());
    zx_info_handle_basic_t self;
    ASSERT_OK(zx_object_get_info(zx_process_self(), ZX_INFO_HANDLE_BASIC, &self, sizeof self, NULL, NULL));
    EXPECT_EQ(self.koid, record->pid);
    ASSERT_OK(zx_object_get_info(zx_thread_self(), ZX_INFO_HANDLE_BASIC, &self, sizeof self, NULL, NULL));
    EXPECT_EQ(self.koid, record->tid);
    // Read everything: SHOULD_WAIT, and READABLE goes.
    EXPECT_EQ(ZX_ERR_SHOULD_WAIT, zx_debuglog_read(reader, 0, buf, sizeof buf));
    zx_object_wait_one(reader, 0, 0, &observed);
    EXPECT_EQ(0u, observed & ZX_LOG_READABLE);
    // A new reader starts at the oldest record kept, so it sees this one too; a short buffer leaves it next.
    ASSERT_OK(zx_log_create(ZX_LOG_FLAG_READABLE, &other_reader));
    zx_status_t last = 0;
    for (zx_status_t n; (n = zx_log_read(other_reader, sizeof buf, buf, 0)) > 0;) last = n;
    EXPECT_EQ((zx_status_t)(sizeof(zx_log_record_t) + 10), last);
    ASSERT_OK(zx_log_write(writer, 3, "abc", 0));
    EXPECT_EQ(ZX_ERR_BUFFER_TOO_SMALL, zx_debuglog_read(other_reader, 0, buf, sizeof(zx_log_record_t) + 2));
    EXPECT_EQ((zx_status_t)(sizeof(zx_log_record_t) + 3), zx_debuglog_read(other_reader, 0, buf, sizeof buf));
    zx_handle_close(other_reader);
    zx_handle_close(reader);
    zx_handle_close(writer);
}

TEST(log_calls_check_in_the_kernels_order) {
    zx_handle_t writer, event;
    char buf[ZX_LOG_RECORD_MAX] = {0};
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_debuglog_create(ZX_HANDLE_INVALID, 0, &writer));
    ASSERT_OK(zx_event_create(0, &event));
    EXPECT_EQ(ZX_ERR_WRONG_TYPE, zx_debuglog_create(event, 0, &writer));
    ASSERT_OK(zx_debuglog_create(get_root_resource(), 0, &writer));
    EXPECT_EQ(ZX_ERR_OUT_OF_RANGE, zx_debuglog_write(ZX_HANDLE_INVALID, 0, buf, 225));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_debuglog_write(ZX_HANDLE_INVALID, 0x10000, buf, 4));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_debuglog_write(ZX_HANDLE_INVALID, 0, buf, 4));
    EXPECT_EQ(ZX_ERR_WRONG_TYPE, zx_debuglog_write(event, 0, buf, 4));
    EXPECT_OK(zx_debuglog_write(writer, 0, buf, 224));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_debuglog_read(writer, 1, buf, sizeof buf));
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_debuglog_read(writer, 0, buf, sizeof buf));  // write-only: no READ
    zx_handle_t write_only;
    ASSERT_OK(zx_handle_duplicate(writer, ZX_RIGHT_WAIT, &write_only));
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_debuglog_write(write_only, 0, buf, 4));
    zx_handle_close(write_only);
    zx_handle_close(writer);
    zx_handle_close(event);
}
