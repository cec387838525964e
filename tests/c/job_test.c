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

static zx_koid_t koid_of(zx_handle_t h) {
    zx_info_handle_basic_t info;
    return zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, &info, sizeof(info), NULL, NULL) == ZX_OK ? info.koid : 0;
}

TEST(object_get_child_finds_jobs_processes_and_threads_by_koid) {
    zx_handle_t job, child_job, proc, vmar, thread, found;
    ASSERT_OK(zx_job_create(zx_job_default(), 0, &job));
    ASSERT_OK(zx_job_create(job, 0, &child_job));
    ASSERT_OK(zx_process_create(job, "kid", 3, 0, &proc, &vmar));
    ASSERT_OK(zx_thread_create(proc, "t", 1, 0, &thread));

    ASSERT_OK(zx_object_get_child(job, koid_of(child_job), ZX_RIGHT_SAME_RIGHTS, &found));
    EXPECT_EQ(koid_of(child_job), koid_of(found));
    zx_info_handle_basic_t info;
    ASSERT_OK(zx_object_get_info(found, ZX_INFO_HANDLE_BASIC, &info, sizeof(info), NULL, NULL));
    EXPECT_EQ(ZX_DEFAULT_JOB_RIGHTS, info.rights); // SAME_RIGHTS: the parent handle's rights
    zx_handle_close(found);
    ASSERT_OK(zx_object_get_child(job, koid_of(proc), ZX_RIGHT_WAIT, &found));
    EXPECT_EQ(koid_of(proc), koid_of(found));
    ASSERT_OK(zx_object_get_info(found, ZX_INFO_HANDLE_BASIC, &info, sizeof(info), NULL, NULL));
    EXPECT_EQ(ZX_RIGHT_WAIT, info.rights);
    zx_handle_close(found);
    ASSERT_OK(zx_object_get_child(proc, koid_of(thread), ZX_RIGHT_SAME_RIGHTS, &found));
    EXPECT_EQ(koid_of(thread), koid_of(found));
    zx_handle_close(found);

    // Not a child: the grandchild's process is not the job's own, a thread is not a job's child.
    zx_handle_t grand_proc, grand_vmar;
    ASSERT_OK(zx_process_create(child_job, "g", 1, 0, &grand_proc, &grand_vmar));
    EXPECT_EQ(ZX_ERR_NOT_FOUND, zx_object_get_child(job, koid_of(grand_proc), ZX_RIGHT_SAME_RIGHTS, &found));
    EXPECT_EQ(ZX_ERR_NOT_FOUND, zx_object_get_child(job, koid_of(thread), ZX_RIGHT_SAME_RIGHTS, &found));
    EXPECT_EQ(ZX_ERR_NOT_FOUND, zx_object_get_child(proc, koid_of(proc), ZX_RIGHT_SAME_RIGHTS, &found));

    // Rights: ENUMERATE on the parent, and no right the parent handle lacks.
    zx_handle_t no_enumerate, weak;
    ASSERT_OK(zx_handle_duplicate(job, ZX_DEFAULT_JOB_RIGHTS & ~ZX_RIGHT_ENUMERATE, &no_enumerate));
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_object_get_child(no_enumerate, koid_of(proc), ZX_RIGHT_SAME_RIGHTS, &found));
    ASSERT_OK(zx_handle_duplicate(job, ZX_RIGHT_ENUMERATE | ZX_RIGHT_WAIT, &weak));
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_object_get_child(weak, koid_of(proc), ZX_RIGHT_WAIT | ZX_RIGHT_DESTROY, &found));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_object_get_child(ZX_HANDLE_INVALID, 1, ZX_RIGHT_SAME_RIGHTS, &found));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_object_get_child(job, koid_of(proc), ZX_RIGHT_SAME_RIGHTS, (zx_handle_t*)1));

    zx_handle_t all[] = {no_enumerate, weak, grand_proc, grand_vmar, thread, vmar, proc, child_job, job};
    for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
        zx_handle_close(all[i]);
}
