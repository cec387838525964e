// Mapped memory through plain C pointers: aliasing, protections and faults (checked in a forked child), and a
// contiguous VMO pinned through a BTI aliased by a physical VMO at the pinned address.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include "zxtest.h"

#define UART 0x09000000ull
#define RW (ZX_VM_PERM_READ | ZX_VM_PERM_WRITE)

// Runs touch(addr) in a forked child; returns the signal that ended it, or 0 when it returned.
static int fault_signal(void (*touch)(volatile uint8_t*), volatile uint8_t* addr) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        touch(addr);
        _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

static void write_byte(volatile uint8_t* p) { *p = 1; }
static void read_byte(volatile uint8_t* p) { (void)*p; }

TEST(mmio_registers_through_volatile_pointers_alias) {
    // The GPIO window has no device model on the default board: plain memory, the same bytes through every alias.
    // (A modelled region such as uart0 is mmio_test.c's.)
    const uint64_t gpio = 0x09030000ull;
    zx_handle_t mmio, a, b;
    ASSERT_OK(zx_resource_create(get_root_resource(), ZX_RSRC_KIND_MMIO, gpio, ZX_PAGE_SIZE, "gpio", 4, &mmio));
    ASSERT_OK(zx_vmo_create_physical(mmio, gpio, ZX_PAGE_SIZE, &a));
    ASSERT_OK(zx_vmo_create_physical(mmio, gpio, ZX_PAGE_SIZE, &b));
    zx_vaddr_t va, vb;
    ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), RW, 0, a, 0, ZX_PAGE_SIZE, &va));
    ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), RW, 0, b, 0, ZX_PAGE_SIZE, &vb));
    volatile uint32_t* regs_a = (volatile uint32_t*)va;
    volatile uint32_t* regs_b = (volatile uint32_t*)vb;
    regs_a[0x30 / 4] = 0x301;
    EXPECT_EQ(0x301, regs_b[0x30 / 4]);
    regs_b[0] = 'Z';
    EXPECT_EQ('Z', regs_a[0]);
    zx_info_vmo_t info;
    ASSERT_OK(zx_object_get_info(a, ZX_INFO_VMO, &info, sizeof(info), NULL, NULL));
    EXPECT_EQ(1, info.num_mappings);
    EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), va, ZX_PAGE_SIZE));
    EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), vb, ZX_PAGE_SIZE));
    zx_handle_close(a);
    zx_handle_close(b);
    zx_handle_close(mmio);
}

TEST(faults_on_read_only_unbacked_and_past_the_end) {
    zx_handle_t vmo, phys;
    ASSERT_OK(zx_vmo_create(ZX_PAGE_SIZE, 0, &vmo));
    zx_vaddr_t ro, big;
    ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ, 0, vmo, 0, ZX_PAGE_SIZE, &ro));
    EXPECT_EQ(0, fault_signal(read_byte, (volatile uint8_t*)ro));
    EXPECT_EQ(SIGSEGV, fault_signal(write_byte, (volatile uint8_t*)ro));
    // 2018 does not check the length against the VMO: the page past the end is mapped inaccessible.
    ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), RW, 0, vmo, 0, 2 * ZX_PAGE_SIZE, &big));
    EXPECT_EQ(0, fault_signal(write_byte, (volatile uint8_t*)big));
    EXPECT_EQ(SIGSEGV, fault_signal(read_byte, (volatile uint8_t*)big + ZX_PAGE_SIZE));
    // Physical memory no board region backs: a touch faults like a bus error.
    zx_vaddr_t unbacked;
    ASSERT_OK(zx_vmo_create_physical(get_root_resource(), 0, ZX_PAGE_SIZE, &phys));
    ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), RW, 0, phys, 0, ZX_PAGE_SIZE, &unbacked));
    EXPECT_EQ(SIGSEGV, fault_signal(read_byte, (volatile uint8_t*)unbacked));
    // Protect down to read-only, then back.
    ASSERT_OK(zx_vmar_protect(zx_vmar_root_self(), ZX_VM_PERM_READ, big, ZX_PAGE_SIZE));
    EXPECT_EQ(SIGSEGV, fault_signal(write_byte, (volatile uint8_t*)big));
    ASSERT_OK(zx_vmar_protect(zx_vmar_root_self(), RW, big, ZX_PAGE_SIZE));
    EXPECT_EQ(0, fault_signal(write_byte, (volatile uint8_t*)big));
    // An unmapped address faults too.
    EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), ro, ZX_PAGE_SIZE));
    EXPECT_EQ(SIGSEGV, fault_signal(read_byte, (volatile uint8_t*)ro));
    EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), big, 2 * ZX_PAGE_SIZE));
    EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), unbacked, ZX_PAGE_SIZE));
    zx_handle_close(vmo);
    zx_handle_close(phys);
}

TEST(pinned_contiguous_vmo_aliases_physical_vmo) {
    zx_handle_t iommu, bti, contig, phys, pmt;
    zx_iommu_desc_dummy_t desc = {0};
    ASSERT_OK(zx_iommu_create(get_root_resource(), ZX_IOMMU_TYPE_DUMMY, &desc, sizeof(desc), &iommu));
    ASSERT_OK(zx_bti_create(iommu, 0, 0, &bti));
    ASSERT_OK(zx_vmo_create_contiguous(bti, 2 * ZX_PAGE_SIZE, 0, &contig));
    zx_paddr_t addrs[2];
    ASSERT_OK(zx_bti_pin(bti, ZX_BTI_PERM_READ | ZX_BTI_PERM_WRITE, contig, 0, 2 * ZX_PAGE_SIZE, addrs, 2, &pmt));
    EXPECT_EQ(addrs[0] + ZX_PAGE_SIZE, addrs[1]);
    ASSERT_OK(zx_vmo_create_physical(get_root_resource(), addrs[0], 2 * ZX_PAGE_SIZE, &phys));
    zx_vaddr_t vp, vc;
    ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), RW, 0, phys, 0, 2 * ZX_PAGE_SIZE, &vp));
    ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), RW, 0, contig, 0, 2 * ZX_PAGE_SIZE, &vc));
    strcpy((char*)vp + ZX_PAGE_SIZE, "written by a device");
    char buf[32] = {0};
    ASSERT_OK(zx_vmo_read(contig, buf, ZX_PAGE_SIZE, 20));
    EXPECT_EQ(0, strcmp(buf, "written by a device"));
    EXPECT_EQ(0, strcmp((char*)vc + ZX_PAGE_SIZE, "written by a device"));
    ASSERT_OK(zx_vmo_write(contig, "back", 0, 5));
    EXPECT_EQ(0, strcmp((char*)vp, "back"));
    zx_info_bti_t bti_info;
    ASSERT_OK(zx_object_get_info(bti, ZX_INFO_BTI, &bti_info, sizeof(bti_info), NULL, NULL));
    EXPECT_EQ(ZX_PAGE_SIZE, bti_info.minimum_contiguity);
    EXPECT_EQ(ZX_ERR_BAD_STATE, zx_vmo_set_cache_policy(phys, ZX_CACHE_POLICY_CACHED));
    EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), vp, 2 * ZX_PAGE_SIZE));
    EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), vc, 2 * ZX_PAGE_SIZE));
    EXPECT_OK(zx_vmo_set_cache_policy(phys, ZX_CACHE_POLICY_CACHED));
    EXPECT_OK(zx_pmt_unpin(pmt));
    zx_handle_close(phys);
    zx_handle_close(contig);
    zx_handle_close(bti);
    zx_handle_close(iommu);
}

TEST(vmar_allocate_info_and_destroy) {
    zx_handle_t sub, vmo;
    zx_vaddr_t base, mapped;
    // Regions cannot be placed with SPECIFIC_OVERWRITE.
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_vmar_allocate(zx_vmar_root_self(), ZX_VM_CAN_MAP_READ | ZX_VM_SPECIFIC | ZX_VM_SPECIFIC_OVERWRITE, 0, ZX_PAGE_SIZE, &sub, &base));
    ASSERT_OK(zx_vmar_allocate(zx_vmar_root_self(), ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE | ZX_VM_CAN_MAP_SPECIFIC, 0, 16 * ZX_PAGE_SIZE, &sub, &base));
    zx_info_vmar_t info;
    ASSERT_OK(zx_object_get_info(sub, ZX_INFO_VMAR, &info, sizeof(info), NULL, NULL));
    EXPECT_EQ(base, info.base);
    EXPECT_EQ(16 * ZX_PAGE_SIZE, info.len);
    ASSERT_OK(zx_vmo_create(ZX_PAGE_SIZE, 0, &vmo));
    EXPECT_EQ(ZX_ERR_ACCESS_DENIED, zx_vmar_map(sub, ZX_VM_PERM_READ | ZX_VM_PERM_EXECUTE, 0, vmo, 0, ZX_PAGE_SIZE, &mapped));
    ASSERT_OK(zx_vmar_map(sub, RW | ZX_VM_SPECIFIC, 4 * ZX_PAGE_SIZE, vmo, 0, ZX_PAGE_SIZE, &mapped));
    EXPECT_EQ(base + 4 * ZX_PAGE_SIZE, mapped);
    *(volatile uint64_t*)mapped = 0x1122334455667788ull;
    uint64_t value = 0;
    ASSERT_OK(zx_vmo_read(vmo, &value, 0, sizeof(value)));
    EXPECT_EQ(0x1122334455667788ull, value);
    EXPECT_OK(zx_vmar_destroy(sub));
    EXPECT_EQ(ZX_ERR_BAD_STATE, zx_vmar_destroy(sub));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_vmar_map(zx_vmar_root_self(), RW, 0, vmo, 0, ZX_PAGE_SIZE, NULL));
    zx_info_handle_basic_t job;
    ASSERT_OK(zx_object_get_info(zx_job_default(), ZX_INFO_HANDLE_BASIC, &job, sizeof(job), NULL, NULL));
    EXPECT_EQ(ZX_OBJ_TYPE_JOB, job.type);
    EXPECT_OK(zx_vmo_op_range(vmo, ZX_VMO_OP_DECOMMIT, 0, ZX_PAGE_SIZE, NULL, 0));
    zx_handle_close(sub);
    zx_handle_close(vmo);
}

// The exports added with address spaces, called with NULL pointers, huge lengths and invalid handles.
TEST(crash_check_address_space_exports) {
    zx_handle_t vmo;
    ASSERT_OK(zx_vmo_create(ZX_PAGE_SIZE, 0, &vmo));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_vmar_allocate(0, 0, 0, ZX_PAGE_SIZE, NULL, NULL));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_vmar_allocate(zx_vmar_root_self(), ZX_VM_CAN_MAP_READ, 0, ZX_PAGE_SIZE, NULL, NULL));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_vmar_allocate(zx_vmar_root_self(), ZX_VM_CAN_MAP_READ, 0, SIZE_MAX, NULL, NULL));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ, 0, vmo, 0, SIZE_MAX, NULL));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ, 0, vmo, 0, SIZE_MAX - 2 * ZX_PAGE_SIZE, NULL));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_vmar_unmap(zx_vmar_root_self(), 0, SIZE_MAX));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_vmar_unmap(zx_vmar_root_self(), UINTPTR_MAX & ~(uintptr_t)ZX_PAGE_MASK, ZX_PAGE_SIZE));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_vmar_protect(zx_vmar_root_self(), ZX_VM_PERM_READ, 0, ZX_PAGE_SIZE));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_vmar_protect(zx_vmar_root_self(), ZX_VM_PERM_READ, 0, SIZE_MAX));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_vmar_destroy(0));
    EXPECT_EQ(ZX_ERR_OUT_OF_RANGE, zx_vmo_op_range(vmo, ZX_VMO_OP_COMMIT, UINT64_MAX, UINT64_MAX, NULL, SIZE_MAX));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_vmo_set_cache_policy(vmo, UINT32_MAX));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_vmo_create_contiguous(0, 0, 0, NULL));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_iommu_create(get_root_resource(), ZX_IOMMU_TYPE_DUMMY, NULL, SIZE_MAX, NULL));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_iommu_create(get_root_resource(), ZX_IOMMU_TYPE_DUMMY, NULL, 1, NULL));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_bti_create(0, 0, 0, NULL));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_bti_pin(0, 0, 0, 0, 0, NULL, SIZE_MAX, NULL));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_bti_release_quarantine(0));
    EXPECT_EQ(ZX_ERR_BAD_HANDLE, zx_pmt_unpin(0));
    zx_handle_t iommu, bti;
    zx_iommu_desc_dummy_t desc = {0};
    ASSERT_OK(zx_iommu_create(get_root_resource(), ZX_IOMMU_TYPE_DUMMY, &desc, sizeof(desc), &iommu));
    ASSERT_OK(zx_bti_create(iommu, 0, 0, &bti));
    EXPECT_EQ(ZX_ERR_INVALID_ARGS, zx_bti_pin(bti, ZX_BTI_PERM_READ, vmo, 0, ZX_PAGE_SIZE, NULL, 1, NULL));
    // The address array is sized from addrs_count before pinning, as in 2018: a huge count is NO_MEMORY.
    EXPECT_EQ(ZX_ERR_NO_MEMORY, zx_bti_pin(bti, ZX_BTI_PERM_READ, vmo, 0, ZX_PAGE_SIZE, NULL, SIZE_MAX, NULL));
    EXPECT_EQ(ZX_ERR_OUT_OF_RANGE, zx_bti_pin(bti, ZX_BTI_PERM_READ, vmo, 0, 2 * ZX_PAGE_SIZE, NULL, 2, NULL));
    EXPECT_EQ(ZX_ERR_OUT_OF_RANGE, zx_vmo_create_contiguous(bti, SIZE_MAX & ~(size_t)ZX_PAGE_MASK, 0, NULL));
    EXPECT_EQ(ZX_ERR_NO_MEMORY, zx_vmo_create_contiguous(bti, (size_t)1 << 40, 0, NULL));
    zx_handle_close(bti);
    zx_handle_close(iommu);
    zx_handle_close(vmo);
}

// Fills the host's map count (vm.max_map_count) with one-page mappings, each faulted in at once (ZX_VM_MAP_RANGE: a
// demand-paged mapping costs a host mapping only once touched): the map that finds no room answers ZX_ERR_NO_MEMORY,
// and every syscall after it works. Runs in a helper process so the rest of the suite keeps its map count.
HELPER(map_count_exhaustion_helper) {
    zx_handle_t vmo;
    ASSERT_OK(zx_vmo_create(ZX_PAGE_SIZE, 0, &vmo));
    static zx_vaddr_t mapped[200000];
    int count = 0;
    zx_status_t status = ZX_OK;
    while (count < 200000 && (status = zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_MAP_RANGE, 0, vmo, 0, ZX_PAGE_SIZE, &mapped[count])) == ZX_OK)
        count++;
    EXPECT_EQ(ZX_ERR_NO_MEMORY, status);
    printf("    %d mappings before ZX_ERR_NO_MEMORY\n", count);
    // Every later syscall works (while the map count is still full) ...
    zx_handle_t event, a, b;
    EXPECT_OK(zx_event_create(0, &event));
    EXPECT_OK(zx_object_signal(event, 0, ZX_USER_SIGNAL_0));
    EXPECT_OK(zx_object_wait_one(event, ZX_USER_SIGNAL_0, 0, NULL));
    EXPECT_OK(zx_channel_create(0, &a, &b));
    EXPECT_OK(zx_channel_write(a, 0, "ok", 2, &event, 1));
    char got[2];
    uint32_t n, h;
    EXPECT_OK(zx_channel_read(b, 0, got, &event, sizeof got, 1, &n, &h));
    uint64_t size;
    EXPECT_OK(zx_vmo_get_size(vmo, &size));
    EXPECT_OK(zx_vmo_write(vmo, "x", 0, 1));
    // ... and once the mappings go, mapping works again.
    for (int i = 0; i < count; i++)
        EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), mapped[i], ZX_PAGE_SIZE));
    zx_vaddr_t again;
    EXPECT_OK(zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ, 0, vmo, 0, ZX_PAGE_SIZE, &again));
    zx_handle_close(a);
    zx_handle_close(b);
    zx_handle_close(event);
    zx_handle_close(vmo);
}

TEST(running_into_the_host_map_count_is_no_memory_and_everything_else_works) {
    EXPECT_EQ(0, zxtest_run_helper("map_count_exhaustion_helper"));
}

TEST(cache_policy_changes_again_once_the_only_mapping_is_gone) {
    zx_handle_t vmo;
    ASSERT_OK(zx_vmo_create(ZX_PAGE_SIZE, 0, &vmo));
    uintptr_t addr;
    ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ, 0, vmo, 0, ZX_PAGE_SIZE, &addr));
    EXPECT_EQ(ZX_ERR_BAD_STATE, zx_vmo_set_cache_policy(vmo, ZX_CACHE_POLICY_CACHED));
    ASSERT_OK(zx_vmar_unmap(zx_vmar_root_self(), addr, ZX_PAGE_SIZE));
    EXPECT_OK(zx_vmo_set_cache_policy(vmo, ZX_CACHE_POLICY_CACHED));
    // A page written before stays committed, and so stands in the way.
    char c = 1;
    ASSERT_OK(zx_vmo_write(vmo, &c, 0, 1));
    EXPECT_EQ(ZX_ERR_BAD_STATE, zx_vmo_set_cache_policy(vmo, ZX_CACHE_POLICY_UNCACHED));
    zx_handle_close(vmo);
}
