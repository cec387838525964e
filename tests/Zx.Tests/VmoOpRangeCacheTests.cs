namespace Zx.Tests;

/// <summary>zx_vmo_op_range (each op's rights and answer) and zx_vmo_set_cache_policy (the 2018 core test vmo_cache_test).</summary>
public sealed class VmoOpRangeCacheTests
{
    private const ulong Page = ZxConstants.PageSize;

    [Fact]
    public void OpRangeOnPagedVmo()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(8 * Page);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoOpRange(vmo, ZxVmoOp.Commit, 0, 3 * Page));
        Assert.Equal(3UL, k.Kernel.AllocatedPages);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoOpRange(vmo, ZxVmoOp.Commit, 7 * Page, 100 * Page)); // trimmed to the end
        Assert.Equal(4UL, k.Kernel.AllocatedPages);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoOpRange(vmo, ZxVmoOp.Commit, 8 * Page, 5));          // at the end: empty
        Assert.Equal(ZxStatus.OutOfRange, k.Sys.VmoOpRange(vmo, ZxVmoOp.Commit, 8 * Page + 1, 5));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoOpRange(vmo, ZxVmoOp.Decommit, 1, Page));           // pages 0 and 1
        Assert.Equal(2UL, k.Kernel.AllocatedPages);
        Assert.Equal(ZxStatus.OutOfRange, k.Sys.VmoOpRange(vmo, ZxVmoOp.Decommit, ulong.MaxValue, 1));
        Assert.Equal(ZxStatus.NotSupported, k.Sys.VmoOpRange(vmo, ZxVmoOp.Lock, 0, Page));
        Assert.Equal(ZxStatus.NotSupported, k.Sys.VmoOpRange(vmo, ZxVmoOp.Unlock, 0, Page));
        foreach (ZxVmoOp op in new[] { ZxVmoOp.CacheSync, ZxVmoOp.CacheInvalidate, ZxVmoOp.CacheClean, ZxVmoOp.CacheCleanInvalidate })
        {
            foreach ((ulong o, ulong l) in new[] { (0UL, 1UL), (1UL, 1UL), (0UL, 8 * Page), (1UL, 8 * Page - 1), (0x5200UL, 1UL), (0x5200UL, 0x1200UL) })
                Assert.Equal(ZxStatus.Ok, k.Sys.VmoOpRange(vmo, op, o, l));
            Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoOpRange(vmo, op, 0, 0));
            foreach ((ulong o, ulong l) in new[] { (1UL, 8 * Page), (8 * Page, 1UL), (ulong.MaxValue, 1UL), (ulong.MaxValue, ulong.MaxValue) })
                Assert.Equal(ZxStatus.OutOfRange, k.Sys.VmoOpRange(vmo, op, o, l));
        }
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoOpRange(vmo, (ZxVmoOp)5, 0, Page));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoOpRange(vmo, (ZxVmoOp)10, 0, Page));
        k.Sys.HandleClose(vmo);
        k.AssertNoLeaks();
    }

    [Fact]
    public void OpRangeRightsComeFirst()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(Page);
        ZxHandle readOnly = k.Duplicate(vmo, ZxRights.Read);
        ZxHandle writeOnly = k.Duplicate(vmo, ZxRights.Write);
        ZxHandle none = k.Duplicate(vmo, ZxRights.None);
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.VmoOpRange(readOnly, ZxVmoOp.Commit, 0, Page));
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.VmoOpRange(readOnly, ZxVmoOp.Decommit, 0, Page));
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.VmoOpRange(readOnly, ZxVmoOp.CacheInvalidate, 0, Page));
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.VmoOpRange(writeOnly, ZxVmoOp.CacheSync, 0, Page));
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.VmoOpRange(writeOnly, ZxVmoOp.CacheClean, 0, Page));
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.VmoOpRange(writeOnly, ZxVmoOp.CacheCleanInvalidate, 0, Page));
        Assert.Equal(ZxStatus.NotSupported, k.Sys.VmoOpRange(none, ZxVmoOp.Lock, 0, Page)); // no rights check in 2018
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoOpRange(none, (ZxVmoOp)77, 0, Page));
        Assert.Equal(ZxStatus.WrongType, k.Sys.VmoOpRange(k.Root, ZxVmoOp.Commit, 0, Page));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.VmoOpRange(ZxHandle.Invalid, ZxVmoOp.Commit, 0, Page));
        k.Sys.HandleCloseMany([vmo, readOnly, writeOnly, none]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void OpRangeOnPhysicalVmoIsNotSupportedAfterTheRightsCheck()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreatePhysical(k.Root, TestKernel.Uart, Page, out ZxHandle vmo));
        foreach (ZxVmoOp op in new[] { ZxVmoOp.Commit, ZxVmoOp.Decommit, ZxVmoOp.Lock, ZxVmoOp.Unlock, ZxVmoOp.CacheSync,
                     ZxVmoOp.CacheInvalidate, ZxVmoOp.CacheClean, ZxVmoOp.CacheCleanInvalidate })
            Assert.Equal(ZxStatus.NotSupported, k.Sys.VmoOpRange(vmo, op, 0, Page));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoOpRange(vmo, (ZxVmoOp)5, 0, Page));
        ZxHandle readOnly = k.Duplicate(vmo, ZxRights.Read);
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.VmoOpRange(readOnly, ZxVmoOp.Commit, 0, Page));
        k.Sys.HandleCloseMany([vmo, readOnly]);
        k.AssertNoLeaks();
    }

    private static ulong CommittedBytes(TestKernel k, ZxHandle vmo)
    {
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(vmo, ZxInfoTopic.Vmo, out ZxInfoVmo info));
        return info.CommittedBytes;
    }

    [Fact]
    public void PagedCachePolicyRulesOfVmoCacheTest()
    {
        using var k = new TestKernel();
        ZxHandle root = k.Kernel.FirstProcess.RootVmar;
        // All four policies are fine on a clean VMO; MASK+1 is INVALID_ARGS even with a bad handle.
        foreach (uint policy in new uint[] { 0, 1, 2, 3 })
        {
            ZxHandle v = k.Vmo(Page);
            Assert.Equal(ZxStatus.Ok, k.Sys.VmoSetCachePolicy(v, policy));
            k.Sys.HandleClose(v);
        }
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoSetCachePolicy(ZxHandle.Invalid, 4));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.VmoSetCachePolicy(ZxHandle.Invalid, 1));
        ZxHandle vmo = k.Vmo(Page);
        ZxHandle noMap = k.Duplicate(vmo, ZxRights.Read | ZxRights.Write);
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.VmoSetCachePolicy(noMap, 1));
        // While committed: BAD_STATE.
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoOpRange(vmo, ZxVmoOp.Commit, 0, Page));
        Assert.Equal(ZxStatus.BadState, k.Sys.VmoSetCachePolicy(vmo, 1));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoOpRange(vmo, ZxVmoOp.Decommit, 0, Page));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoSetCachePolicy(vmo, 1));
        // Not CACHED: read and write are BAD_STATE.
        Assert.Equal(ZxStatus.BadState, k.Sys.VmoRead(vmo, new byte[1], 0));
        Assert.Equal(ZxStatus.BadState, k.Sys.VmoWrite(vmo, new byte[1], 0));
        // While mapped: BAD_STATE; the mapping records the policy it was made with.
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarMap(root, ZxVmOptions.PermRead, 0, vmo, 0, Page, out ulong a));
        Assert.Equal(ZxStatus.BadState, k.Sys.VmoSetCachePolicy(vmo, 0));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(root, a, Page));
        // Once unmapped, it changes again (vmo_cache_test): the page the read-only mapping committed (decision 17)
        // was never written, so it goes back and stands in nobody's way.
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoSetCachePolicy(vmo, 0));
        Assert.Equal(0UL, CommittedBytes(k, vmo));
        // Pages that may hold data still count: written through the syscall after a read-only mapping ...
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarMap(root, ZxVmOptions.PermRead, 0, vmo, 0, Page, out a));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoWrite(vmo, new byte[] { 7 }, 0));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(root, a, Page));
        Assert.Equal(ZxStatus.BadState, k.Sys.VmoSetCachePolicy(vmo, 0));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoOpRange(vmo, ZxVmoOp.Decommit, 0, Page));
        // ... mapped writable ...
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarMap(root, ZxVmOptions.PermRead | ZxVmOptions.PermWrite, 0, vmo, 0, Page, out a));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(root, a, Page));
        Assert.Equal(ZxStatus.BadState, k.Sys.VmoSetCachePolicy(vmo, 0));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoOpRange(vmo, ZxVmoOp.Decommit, 0, Page));
        // ... or made writable by zx_vmar_protect.
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarMap(root, ZxVmOptions.PermRead, 0, vmo, 0, Page, out a));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarProtect(root, ZxVmOptions.PermRead | ZxVmOptions.PermWrite, a, Page));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(root, a, Page));
        Assert.Equal(ZxStatus.BadState, k.Sys.VmoSetCachePolicy(vmo, 0));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoOpRange(vmo, ZxVmoOp.Decommit, 0, Page));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoSetCachePolicy(vmo, 0));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoWrite(vmo, new byte[1], 0));
        k.Sys.HandleCloseMany([vmo, noMap]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void PhysicalVmoStartsUncachedAndRefusesChangesWhileMapped()
    {
        using var k = new TestKernel();
        ZxHandle root = k.Kernel.FirstProcess.RootVmar;
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreatePhysical(k.Root, TestKernel.Uart, Page, out ZxHandle vmo));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarMap(root, ZxVmOptions.PermRead | ZxVmOptions.PermWrite, 0, vmo, 0, Page, out ulong a));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoSetCachePolicy(vmo, (uint)ZxCachePolicy.Uncached)); // the same: always OK
        Assert.Equal(ZxStatus.BadState, k.Sys.VmoSetCachePolicy(vmo, (uint)ZxCachePolicy.Cached));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(root, a, Page));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoSetCachePolicy(vmo, (uint)ZxCachePolicy.Cached));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(vmo, ZxInfoTopic.Vmo, out ZxInfoVmo info));
        Assert.Equal(ZxCachePolicy.Cached, info.CachePolicy);
        // Physical VMOs still refuse read and write whatever the policy.
        Assert.Equal(ZxStatus.NotSupported, k.Sys.VmoRead(vmo, new byte[1], 0));
        k.Sys.HandleClose(vmo);
        k.AssertNoLeaks();
    }
}
