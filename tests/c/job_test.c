// Jobs through the C ABI: the rights zx_job_create takes, a killed job's refusal, and the depth jobs may reach.
#include <zircon/process.h>
#include "zxtest.h"

TEST(job_create_takes_a_parent_with_write_instead_of_manage_job) {
    zx_handle_t writable, child;
    ASSERT_OK(zx_handle_duplicate(zx_job_default(), ZX_RIGHTS_BASIC | ZX_RIGHT_WRITE, &writable));
    EXPECT_OK(zx_job_create(writable, 0, &child));
    zx_handle_close(child);
    zx_handle_t neither;
    ASSERT_OK(zx_handle_duplicate(zx_job_default(), ZX_RIGHTS_BASIC, &neither));
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_job_create(neither, 0, &child));
    zx_handle_close(neither);
    zx_handle_close(writable);
}

TEST(a_killed_job_takes_no_new_jobs_or_processes) {
    zx_handle_t job, below, child, process, vmar;
    ASSERT_OK(zx_job_create(zx_job_default(), 0, &job));
    ASSERT_OK(zx_job_create(job, 0, &below));
    ASSERT_OK(zx_task_kill(job));
    EXPECT_EQ(ZX_ERR_BAD_STATE, zx_job_create(job, 0, &child));
    EXPECT_EQ(ZX_ERR_BAD_STATE, zx_job_create(below, 0, &child)); // a job below a killed one is killed too
    EXPECT_EQ(ZX_ERR_BAD_STATE, zx_process_create(job, "late", 4, 0, &process, &vmar));
    zx_handle_close(below);
    zx_handle_close(job);
}

TEST(jobs_nest_only_so_deep) {
    zx_handle_t chain[40];
    size_t depth = 0;
    zx_handle_t parent = zx_job_default();
    zx_status_t status = ZX_OK;
    while (depth < 40) {
        status = zx_job_create(parent, 0, &chain[depth]);
        if (status != ZX_OK)
            break;
        parent = chain[depth++];
    }
    EXPECT_EQ(ZX_ERR_OUT_OF_RANGE, status);
    EXPECT_TRUE(depth > 0 && depth < 40);
    while (depth > 0)
        zx_handle_close(chain[--depth]);
}
