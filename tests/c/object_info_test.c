// zx_object_get_info's 2018 topics for tasks: threads, jobs, statistics and handle counts, each checking its handle
// before anything else.
#include <zircon/process.h>
#include <zircon/syscalls/exception.h>
#include <string.h>
#include "zxtest.h"

static zx_koid_t koid_of(zx_handle_t handle) {
    zx_info_handle_basic_t info;
    memset(&info, 0, sizeof(info));
    zx_object_get_info(handle, ZX_INFO_HANDLE_BASIC, &info, sizeof(info), NULL, NULL);
    return info.koid;
}

static int contains(const zx_koid_t* koids, size_t count, zx_koid_t koid) {
    for (size_t i = 0; i < count; i++) {
        if (koids[i] == koid)
            return 1;
    }
    return 0;
}

TEST(process_threads_lists_the_calling_thread) {
    zx_koid_t koids[64];
    size_t actual = 0, avail = 0;
    ASSERT_OK(zx_object_get_info(zx_process_self(), ZX_INFO_PROCESS_THREADS, koids, sizeof(koids), &actual, &avail));
    EXPECT_TRUE(actual >= 1);
    EXPECT_EQ(actual, avail);
    EXPECT_TRUE(contains(koids, actual, koid_of(zx_thread_self())));
    // No room: still OK, nothing written, and avail says how many there are.
    ASSERT_OK(zx_object_get_info(zx_process_self(), ZX_INFO_PROCESS_THREADS, NULL, 0, &actual, &avail));
    EXPECT_EQ(0u, actual);
    EXPECT_TRUE(avail >= 1);
}

TEST(job_children_and_job_processes_list_what_lives_directly_in_the_job) {
    zx_handle_t job, grandchild, process, vmar;
    ASSERT_OK(zx_job_create(zx_job_default(), 0, &job));
    ASSERT_OK(zx_job_create(job, 0, &grandchild));
    ASSERT_OK(zx_process_create(job, "listed", 6, 0, &process, &vmar));
    zx_koid_t koids[16];
    size_t actual = 0, avail = 0;
    ASSERT_OK(zx_object_get_info(zx_job_default(), ZX_INFO_JOB_CHILDREN, koids, sizeof(koids), &actual, &avail));
    EXPECT_TRUE(contains(koids, actual, koid_of(job)));
    EXPECT_TRUE(!contains(koids, actual, koid_of(grandchild))); // direct children only
    ASSERT_OK(zx_object_get_info(job, ZX_INFO_JOB_PROCESSES, koids, sizeof(koids), &actual, &avail));
    EXPECT_EQ(1u, actual);
    EXPECT_EQ(koid_of(process), koids[0]);
    ASSERT_OK(zx_object_get_info(job, ZX_INFO_JOB_CHILDREN, koids, sizeof(koids), &actual, &avail));
    EXPECT_EQ(1u, actual);
    EXPECT_EQ(koid_of(grandchild), koids[0]);
    zx_koid_t gone = koid_of(grandchild);
    zx_handle_close(grandchild);
    ASSERT_OK(zx_object_get_info(job, ZX_INFO_JOB_CHILDREN, koids, sizeof(koids), &actual, &avail));
    EXPECT_TRUE(!contains(koids, actual, gone));
    zx_handle_close(vmar);
    zx_handle_close(process);
    zx_handle_close(job);
}

static void finish(uintptr_t arg1, uintptr_t arg2) {
    (void)arg1;
    (void)arg2;
}

TEST(thread_info_follows_the_threads_life) {
    zx_info_thread_t info;
    ASSERT_OK(zx_object_get_info(zx_thread_self(), ZX_INFO_THREAD, &info, sizeof(info), NULL, NULL));
    EXPECT_EQ(ZX_THREAD_STATE_RUNNING, info.state);
    EXPECT_EQ(ZX_EXCEPTION_PORT_TYPE_NONE, info.wait_exception_port_type);
    zx_handle_t thread;
    ASSERT_OK(zx_thread_create(zx_process_self(), "short", 5, 0, &thread));
    ASSERT_OK(zx_object_get_info(thread, ZX_INFO_THREAD, &info, sizeof(info), NULL, NULL));
    EXPECT_EQ(ZX_THREAD_STATE_NEW, info.state);
    ASSERT_OK(zx_thread_start(thread, (uintptr_t)&finish, 0, 0, 0));
    ASSERT_OK(zx_object_wait_one(thread, ZX_THREAD_TERMINATED, zx_deadline_after(ZX_SEC(10)), NULL));
    ASSERT_OK(zx_object_get_info(thread, ZX_INFO_THREAD, &info, sizeof(info), NULL, NULL));
    EXPECT_EQ(ZX_THREAD_STATE_DEAD, info.state);
    // A thread not in an exception has no exception report.
    zx_exception_report_t report;
    EXPECT_EQ(ZX_ERR_BAD_STATE, zx_object_get_info(thread, ZX_INFO_THREAD_EXCEPTION_REPORT, &report, sizeof(report), NULL, NULL));
    zx_handle_close(thread);
}

TEST(thread_stats_count_the_time_the_thread_ran) {
    volatile uint64_t spin = 0;
    for (int i = 0; i < 1000000; i++)
        spin += (uint64_t)i;
    zx_info_thread_stats_t stats;
    ASSERT_OK(zx_object_get_info(zx_thread_self(), ZX_INFO_THREAD_STATS, &stats, sizeof(stats), NULL, NULL));
    EXPECT_TRUE(stats.total_runtime > 0);
}

TEST(handle_count_counts_the_objects_handles) {
    zx_handle_t event, duplicate;
    ASSERT_OK(zx_event_create(0, &event));
    zx_info_handle_count_t count;
    ASSERT_OK(zx_object_get_info(event, ZX_INFO_HANDLE_COUNT, &count, sizeof(count), NULL, NULL));
    EXPECT_EQ(1u, count.handle_count);
    ASSERT_OK(zx_handle_duplicate(event, ZX_RIGHT_SAME_RIGHTS, &duplicate));
    ASSERT_OK(zx_object_get_info(event, ZX_INFO_HANDLE_COUNT, &count, sizeof(count), NULL, NULL));
    EXPECT_EQ(2u, count.handle_count);
    zx_handle_close(duplicate);
    zx_handle_close(event);
}

TEST(task_stats_count_the_processes_mappings) {
    zx_handle_t vmo;
    ASSERT_OK(zx_vmo_create(4 * ZX_PAGE_SIZE, 0, &vmo));
    zx_info_task_stats_t before, after;
    ASSERT_OK(zx_object_get_info(zx_process_self(), ZX_INFO_TASK_STATS, &before, sizeof(before), NULL, NULL));
    zx_vaddr_t addr;
    ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, 0, vmo, 0, 4 * ZX_PAGE_SIZE, &addr));
    ASSERT_OK(zx_object_get_info(zx_process_self(), ZX_INFO_TASK_STATS, &after, sizeof(after), NULL, NULL));
    EXPECT_EQ(before.mem_mapped_bytes + 4 * ZX_PAGE_SIZE, after.mem_mapped_bytes);
    ASSERT_OK(zx_vmar_unmap(zx_vmar_root_self(), addr, 4 * ZX_PAGE_SIZE));
    zx_handle_close(vmo);
}

TEST(the_handle_is_checked_before_the_topic_is_answered) {
    zx_info_thread_t info;
    size_t actual;
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_object_get_info(ZX_HANDLE_INVALID, ZX_INFO_THREAD, &info, sizeof(info), NULL, NULL));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_object_get_info(ZX_HANDLE_INVALID, ZX_INFO_PROCESS_MAPS, NULL, 0, &actual, NULL));
    EXPECT_EQ(ZX_ERR_WRONG_TYPE, zx_object_get_info(zx_process_self(), ZX_INFO_THREAD, &info, sizeof(info), NULL, NULL));
    // A process may not list its own maps or VMOs (the buffer lives in the address space being listed).
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_object_get_info(zx_process_self(), ZX_INFO_PROCESS_MAPS, NULL, 0, &actual, NULL));
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_object_get_info(zx_process_self(), ZX_INFO_PROCESS_VMOS, NULL, 0, &actual, NULL));
}

TEST(another_process_s_maps_list_its_regions_and_mappings_depth_first) {
    zx_handle_t proc, vmar, sub, vmo;
    ASSERT_OK(zx_process_create(zx_job_default(), "mapped", 6, 0, &proc, &vmar));
    ASSERT_OK(zx_vmo_create(3 * ZX_PAGE_SIZE, 0, &vmo));
    ASSERT_OK(zx_object_set_property(vmo, ZX_PROP_NAME, "data", 4));
    uint32_t word = 1;
    ASSERT_OK(zx_vmo_write(vmo, &word, 0, sizeof(word))); // one page committed before mapping
    zx_vaddr_t sub_addr, addr;
    ASSERT_OK(zx_vmar_allocate(vmar, ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE, 0, 16 * ZX_PAGE_SIZE, &sub, &sub_addr));
    ASSERT_OK(zx_vmar_map(sub, ZX_VM_PERM_READ, 0, vmo, ZX_PAGE_SIZE, 2 * ZX_PAGE_SIZE, &addr));

    size_t actual = 0, avail = 0;
    ASSERT_OK(zx_object_get_info(proc, ZX_INFO_PROCESS_MAPS, NULL, 0, &actual, &avail));
    EXPECT_EQ(0u, actual);
    EXPECT_EQ(4u, avail); // the address space, the root region, the child region, the mapping
    zx_info_maps_t maps[8];
    ASSERT_OK(zx_object_get_info(proc, ZX_INFO_PROCESS_MAPS, maps, sizeof(maps), &actual, &avail));
    ASSERT_EQ(4u, actual);
    EXPECT_EQ(ZX_INFO_MAPS_TYPE_ASPACE, maps[0].type);
    EXPECT_EQ(0u, maps[0].depth);
    EXPECT_EQ(ZX_INFO_MAPS_TYPE_VMAR, maps[1].type);
    EXPECT_EQ(1u, maps[1].depth);
    EXPECT_EQ(ZX_INFO_MAPS_TYPE_VMAR, maps[2].type);
    EXPECT_EQ(2u, maps[2].depth);
    EXPECT_EQ(sub_addr, maps[2].base);
    EXPECT_EQ(16u * ZX_PAGE_SIZE, maps[2].size);
    EXPECT_EQ(ZX_INFO_MAPS_TYPE_MAPPING, maps[3].type);
    EXPECT_EQ(3u, maps[3].depth);
    EXPECT_EQ(addr, maps[3].base);
    EXPECT_EQ(2u * ZX_PAGE_SIZE, maps[3].size);
    EXPECT_EQ(0, strcmp(maps[3].name, "data"));
    EXPECT_EQ(ZX_VM_PERM_READ, maps[3].u.mapping.mmu_flags);
    EXPECT_EQ(ZX_PAGE_SIZE, maps[3].u.mapping.vmo_offset);
    EXPECT_EQ(0u, maps[3].u.mapping.committed_pages); // a mapping commits nothing until its pages are written
    zx_info_handle_basic_t basic;
    ASSERT_OK(zx_object_get_info(vmo, ZX_INFO_HANDLE_BASIC, &basic, sizeof(basic), NULL, NULL));
    EXPECT_EQ(basic.koid, maps[3].u.mapping.vmo_koid);

    // The same VMO seen through the mapping, with no rights.
    zx_info_vmo_t vmos[4];
    ASSERT_OK(zx_object_get_info(proc, ZX_INFO_PROCESS_VMOS, vmos, sizeof(vmos), &actual, &avail));
    ASSERT_EQ(1u, actual);
    EXPECT_EQ(basic.koid, vmos[0].koid);
    EXPECT_EQ(ZX_INFO_VMO_VIA_MAPPING | ZX_INFO_VMO_TYPE_PAGED | ZX_INFO_VMO_RESIZABLE, vmos[0].flags);
    EXPECT_EQ(0u, vmos[0].handle_rights);
    EXPECT_EQ(3u * ZX_PAGE_SIZE, vmos[0].size_bytes);

    // Without READ on the process handle: ACCESS_DENIED.
    zx_handle_t weak;
    ASSERT_OK(zx_handle_duplicate(proc, ZX_RIGHT_WAIT, &weak));
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_object_get_info(weak, ZX_INFO_PROCESS_MAPS, maps, sizeof(maps), &actual, &avail));
    zx_handle_close(weak);
    zx_handle_close(sub);
    zx_handle_close(vmar);
    zx_handle_close(vmo);
    zx_handle_close(proc);
}

TEST(jobs_have_names) {
    zx_handle_t job;
    ASSERT_OK(zx_job_create(zx_job_default(), 0, &job));
    ASSERT_OK(zx_object_set_property(job, ZX_PROP_NAME, "workers", 7));
    char name[ZX_MAX_NAME_LEN];
    ASSERT_OK(zx_object_get_property(job, ZX_PROP_NAME, name, sizeof(name)));
    EXPECT_EQ(0, strcmp("workers", name));
    zx_handle_close(job);
}

TEST(kill_on_oom_is_a_job_property_of_zero_or_one) {
    zx_handle_t job, vmo;
    ASSERT_OK(zx_job_create(zx_job_default(), 0, &job));
    ASSERT_OK(zx_vmo_create(ZX_PAGE_SIZE, 0, &vmo));
    size_t on = 1, off = 0, bad = 2;
    EXPECT_OK(zx_object_set_property(job, ZX_PROP_JOB_KILL_ON_OOM, &on, sizeof(on)));
    EXPECT_OK(zx_object_set_property(job, ZX_PROP_JOB_KILL_ON_OOM, &off, sizeof(off)));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_object_set_property(job, ZX_PROP_JOB_KILL_ON_OOM, &bad, sizeof(bad)));
    EXPECT_EQ(ZX_ERR_WRONG_TYPE, zx_object_set_property(vmo, ZX_PROP_JOB_KILL_ON_OOM, &on, sizeof(on)));
    zx_handle_close(vmo);
    zx_handle_close(job);
}

TEST(cpu_and_memory_statistics_need_the_root_resource) {
    zx_info_cpu_stats_t cpus[64];
    size_t actual = 0, avail = 0;
    ASSERT_OK(zx_object_get_info(get_root_resource(), ZX_INFO_CPU_STATS, cpus, sizeof(cpus), &actual, &avail));
    EXPECT_TRUE(actual >= 1 && actual <= avail);
    EXPECT_EQ(0u, cpus[0].cpu_number);
    EXPECT_EQ(ZX_INFO_CPU_STATS_FLAG_ONLINE, cpus[0].flags);
    // A short buffer: as many as fit, and how many there are.
    ASSERT_OK(zx_object_get_info(get_root_resource(), ZX_INFO_CPU_STATS, cpus, sizeof(cpus[0]), &actual, &avail));
    EXPECT_EQ(1u, actual);

    zx_info_kmem_stats_t before, after;
    ASSERT_OK(zx_object_get_info(get_root_resource(), ZX_INFO_KMEM_STATS, &before, sizeof(before), NULL, NULL));
    EXPECT_EQ(zx_system_get_physmem(), before.total_bytes);
    zx_handle_t vmo;
    ASSERT_OK(zx_vmo_create(4 * ZX_PAGE_SIZE, 0, &vmo));
    ASSERT_OK(zx_vmo_op_range(vmo, ZX_VMO_OP_COMMIT, 0, 4 * ZX_PAGE_SIZE, NULL, 0));
    ASSERT_OK(zx_object_get_info(get_root_resource(), ZX_INFO_KMEM_STATS, &after, sizeof(after), NULL, NULL));
    EXPECT_EQ(before.vmo_bytes + 4 * ZX_PAGE_SIZE, after.vmo_bytes);
    EXPECT_EQ(before.free_bytes - 4 * ZX_PAGE_SIZE, after.free_bytes);
    EXPECT_EQ(ZX_ERR_BUFFER_TOO_SMALL, zx_object_get_info(get_root_resource(), ZX_INFO_KMEM_STATS, &after, 8, NULL, NULL));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_object_get_info(get_root_resource(), ZX_INFO_KMEM_STATS, (void*)4096, sizeof(after), NULL, NULL));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_object_get_info(get_root_resource(), ZX_INFO_CPU_STATS, cpus, sizeof(cpus), (size_t*)1, NULL));

    // Any other handle: the wrong type; no handle: BAD_HANDLE.
    EXPECT_EQ(ZX_ERR_WRONG_TYPE, zx_object_get_info(vmo, ZX_INFO_KMEM_STATS, &after, sizeof(after), NULL, NULL));
    EXPECT_EQ(ZX_ERR_WRONG_TYPE, zx_object_get_info(vmo, ZX_INFO_CPU_STATS, cpus, sizeof(cpus), NULL, NULL));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_object_get_info(ZX_HANDLE_INVALID, ZX_INFO_CPU_STATS, cpus, sizeof(cpus), NULL, NULL));
    // No sockets yet: ZX_INFO_SOCKET on anything else is the wrong type.
    zx_info_socket_t socket_info;
    EXPECT_EQ(ZX_ERR_WRONG_TYPE, zx_object_get_info(vmo, ZX_INFO_SOCKET, &socket_info, sizeof(socket_info), NULL, NULL));
    zx_handle_close(vmo);
}
