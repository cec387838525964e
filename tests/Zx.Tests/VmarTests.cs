using System.Runtime.InteropServices;

namespace Zx.Tests;

/// <summary>VMARs and real host mappings: zx_vmar_map/unmap/protect/allocate/destroy and ZX_INFO_VMAR
/// (the 2018 kernel's order; docs/decisions.md).</summary>
// Safety: the pointers are to the test's own pinned arrays and locals, or are bad user addresses the kernel must refuse.
public sealed unsafe class VmarTests
{
    private const ulong Page = ZxConstants.PageSize;
    private const ZxVmOptions Rw = ZxVmOptions.PermRead | ZxVmOptions.PermWrite;

    private static ulong Map(TestKernel k, ZxHandle vmo, ulong length, ZxVmOptions options = Rw, ulong vmoOffset = 0)
    {
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarMap(k.Kernel.FirstProcess.RootVmar, options, 0, vmo, vmoOffset, length, out ulong address));
        return address;
    }

    private static ZxInfoVmo Info(TestKernel k, ZxHandle vmo)
    {
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(vmo, ZxInfoTopic.Vmo, out ZxInfoVmo info));
        return info;
    }

    [Fact]
    public void TwoPhysicalVmosOverOneMmioPageAliasByteForByte()
    {
        using var k = new TestKernel();
        ZxHandle mmio = k.Mmio(TestKernel.Uart, Page);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreatePhysical(mmio, TestKernel.Uart, Page, out ZxHandle a));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreatePhysical(k.Root, TestKernel.Uart, Page, out ZxHandle b));
        var pa = (byte*)Map(k, a, Page);
        var pb = (byte*)Map(k, b, Page);
        Assert.NotEqual((nint)pa, (nint)pb);
        for (int i = 0; i < (int)Page; i++)
            pa[i] = (byte)(i * 13 + 1);
        Assert.True(new ReadOnlySpan<byte>(pa, (int)Page).SequenceEqual(new ReadOnlySpan<byte>(pb, (int)Page)));
        *(uint*)(pb + 0x18) = 0xCAFEF00D; // a "register" written through the other alias
        Assert.Equal(0xCAFEF00Du, *(uint*)(pa + 0x18));
        Assert.Equal(0xCAFEF00Du, *(uint*)(k.Kernel.Memory.PhysToVirt(TestKernel.Uart + 0x18, 4)));
        Assert.Equal(1UL, Info(k, a).NumMappings);
        Assert.Equal(1UL, Info(k, a).ShareCount);
        Assert.Equal(ZxCachePolicy.Uncached, Info(k, a).CachePolicy);
        k.Sys.HandleCloseMany([a, b, mmio]);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(k.Kernel.FirstProcess.RootVmar, (ulong)pa, Page));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(k.Kernel.FirstProcess.RootVmar, (ulong)pb, Page));
        k.AssertNoLeaks();
    }

    [Fact]
    public void PagedVmoMappingAndVmoReadWriteSeeTheSameBytes()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(4 * Page);
        var p = (byte*)Map(k, vmo, 4 * Page);
        p[5000] = 0x42;
        var one = new byte[1];
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoRead(vmo, one, 5000));
        Assert.Equal(0x42, one[0]);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoWrite(vmo, new byte[] { 0x99 }, 3 * Page + 7));
        Assert.Equal(0x99, p[3 * Page + 7]);
        // Closing the handle keeps the VMO alive while it is mapped.
        k.Sys.HandleClose(vmo);
        Assert.Equal(0x42, p[5000]);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(k.Kernel.FirstProcess.RootVmar, (ulong)p, 4 * Page));
        Assert.Equal(0UL, k.Kernel.AllocatedPages);
        k.AssertNoLeaks();
    }

    [Fact]
    public void MappingA1GiBVmoAndTouchingOnePageCostsOnePage()
    {
        using var k = new TestKernel();
        ulong rss = Zx.Kernel.Host.LinuxMemory.ResidentBytes();
        ZxHandle vmo = k.Vmo(1UL << 30);
        var p = (byte*)Map(k, vmo, 1UL << 30);
        p[(1UL << 29) + 123] = 7;
        Assert.Equal(Page, k.Kernel.Memory.HostCommittedBytes);
        Assert.True(Zx.Kernel.Host.LinuxMemory.ResidentBytes() < rss + (512UL << 20));
        k.Sys.HandleClose(vmo);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(k.Kernel.FirstProcess.RootVmar, (ulong)p, 1UL << 30));
        k.Kernel.ReleaseFreeMemory(); // the freed frames (every mapped page was committed) stay warm until now
        Assert.Equal(0UL, k.Kernel.Memory.HostCommittedBytes);
        k.AssertNoLeaks();
    }

    [Fact]
    public void MapOrderOfChecks()
    {
        using var k = new TestKernel();
        ZxHandle root = k.Kernel.FirstProcess.RootVmar;
        ZxHandle vmo = k.Vmo(Page);
        ulong a;
        Assert.Equal(ZxStatus.BadHandle, k.Sys.VmarMap(ZxHandle.Invalid, Rw, 0, ZxHandle.Invalid, 0, Page, out a));
        Assert.Equal(ZxStatus.WrongType, k.Sys.VmarMap(vmo, Rw, 0, vmo, 0, Page, out a));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.VmarMap(root, Rw, 0, ZxHandle.Invalid, 0, Page, out a));
        Assert.Equal(ZxStatus.WrongType, k.Sys.VmarMap(root, Rw, 0, root, 0, Page, out a));
        ZxHandle noMap = k.Duplicate(vmo, ZxRights.Read | ZxRights.Write);
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.VmarMap(root, ZxVmOptions.PermWrite, 0, noMap, 0, Page, out a)); // MAP before protection
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmarMap(root, ZxVmOptions.PermWrite, 0, vmo, 0, Page, out a));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmarMap(root, ZxVmOptions.PermExecute, 0, vmo, 0, Page, out a));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmarMap(root, Rw | ZxVmOptions.MapRange | ZxVmOptions.SpecificOverwrite, 0, vmo, 0, Page, out a));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmarMap(root, Rw | ZxVmOptions.CanMapRead, 0, vmo, 0, Page, out a));
        ZxHandle readOnly = k.Duplicate(vmo, ZxRights.Read | ZxRights.Map);
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.VmarMap(root, Rw, 0, readOnly, 0, Page, out a));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmarMap(root, Rw | (ZxVmOptions)(1u << 20), 0, vmo, 0, Page, out a));
        Assert.Equal(ZxStatus.NotSupported, k.Sys.VmarMap(root, Rw | ZxVmOptions.RequireNonResizable, 0, vmo, 0, Page, out a));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmarMap(root, Rw, 0, vmo, 100, Page, out a));       // unaligned VMO offset
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmarMap(root, Rw, 0, vmo, ulong.MaxValue & ~ZxConstants.PageMask, 2 * Page, out a)); // wraps
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmarMap(root, Rw, 0, vmo, 0, 0, out a));            // zero length
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmarMap(root, Rw, Page, vmo, 0, Page, out a));      // offset without SPECIFIC
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmarMap(root, Rw, 0, vmo, 0, ulong.MaxValue, out a)); // rounds to 0
        // Read-only mapping through the read-only handle is fine; the VMO size is not checked (2018).
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarMap(root, ZxVmOptions.PermRead, 0, readOnly, 0, 3 * Page, out a));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(root, a, 3 * Page));
        // A NULL out pointer removes the mapping again.
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmarMap(root, Rw, 0, vmo, 0, Page, null));
        Assert.Equal(0UL, Info(k, vmo).NumMappings);
        k.Sys.HandleCloseMany([vmo, noMap, readOnly]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void SpecificPlacementOverlapAndOverwrite()
    {
        using var k = new TestKernel();
        ZxHandle root = k.Kernel.FirstProcess.RootVmar;
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(root, ZxInfoTopic.Vmar, out ZxInfoVmar rootInfo));
        Assert.Equal(k.Kernel.AddressSpaceSize, rootInfo.Len);
        ZxHandle v1 = k.Vmo(2 * Page), v2 = k.Vmo(Page);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoWrite(v1, new byte[] { 1 }, Page));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoWrite(v2, new byte[] { 2 }, 0));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarMap(root, Rw | ZxVmOptions.Specific, 16 * Page, v1, 0, 2 * Page, out ulong a));
        Assert.Equal(rootInfo.Base + 16 * Page, a);
        Assert.Equal(ZxStatus.NoMemory, k.Sys.VmarMap(root, Rw | ZxVmOptions.Specific, 17 * Page, v2, 0, Page, out _));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmarMap(root, Rw | ZxVmOptions.Specific, 17 * Page + 1, v2, 0, Page, out _));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmarMap(root, Rw | ZxVmOptions.Specific, rootInfo.Len, v2, 0, Page, out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarMap(root, Rw | ZxVmOptions.SpecificOverwrite, 17 * Page, v2, 0, Page, out ulong b));
        Assert.Equal(a + Page, b);
        Assert.Equal(2, ((byte*)b)[0]); // the second page now shows v2
        Assert.Equal(1UL, Info(k, v1).NumMappings);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(root, a, 2 * Page));
        Assert.Equal(0UL, Info(k, v1).NumMappings);
        Assert.Equal(0UL, Info(k, v2).NumMappings);
        k.Sys.HandleCloseMany([v1, v2]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void PlacementIsRandomisedUnlessCompact()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(Page);
        var addresses = new HashSet<ulong>();
        for (int i = 0; i < 8; i++)
        {
            ulong a = Map(k, vmo, Page);
            addresses.Add(a);
            Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(k.Kernel.FirstProcess.RootVmar, a, Page));
        }
        Assert.True(addresses.Count > 1, "eight placements in 64 GiB all landed on one address");
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarAllocate(k.Kernel.FirstProcess.RootVmar, ZxVmOptions.Compact | ZxVmOptions.CanMapRead | ZxVmOptions.CanMapWrite,
            0, 64 * Page, out ZxHandle compact, out ulong compactBase));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarMap(compact, Rw, 0, vmo, 0, Page, out ulong first));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarMap(compact, Rw, 0, vmo, 0, Page, out ulong second));
        Assert.Equal(compactBase, first);
        Assert.Equal(compactBase + Page, second);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarDestroy(compact));
        k.Sys.HandleCloseMany([vmo, compact]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void PartialUnmapAndProtectSplitMappings()
    {
        using var k = new TestKernel();
        ZxHandle root = k.Kernel.FirstProcess.RootVmar;
        ZxHandle vmo = k.Vmo(4 * Page);
        ZxHandle noExecute = k.Duplicate(vmo, ZxRights.Read | ZxRights.Write | ZxRights.Map);
        ulong a = Map(k, noExecute, 4 * Page);
        for (ulong i = 0; i < 4; i++)
            ((byte*)a)[i * Page] = (byte)(i + 10);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(root, a + Page, Page));
        Assert.Equal(2UL, Info(k, vmo).NumMappings);
        Assert.Equal(12, ((byte*)a)[2 * Page]);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarProtect(root, ZxVmOptions.PermRead, a + 2 * Page, Page));
        Assert.Equal(3UL, Info(k, vmo).NumMappings);
        Assert.Equal(12, ((byte*)a)[2 * Page]);
        ((byte*)a)[3 * Page] = 99; // still writable
        // A hole in the range: NOT_FOUND; a permission the mapping was not made able to take (the handle had no
        // EXECUTE): ACCESS_DENIED.
        Assert.Equal(ZxStatus.NotFound, k.Sys.VmarProtect(root, ZxVmOptions.PermRead, a, 3 * Page));
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.VmarProtect(root, ZxVmOptions.PermRead | ZxVmOptions.PermExecute, a, Page));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmarProtect(root, ZxVmOptions.PermWrite, a, Page));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmarProtect(root, ZxVmOptions.PermRead | ZxVmOptions.Specific, a, Page));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmarProtect(root, ZxVmOptions.PermRead, a + 1, Page));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmarUnmap(root, a + 1, Page));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmarUnmap(root, a, 0));
        // Unmapping a range with holes and several mappings at once is fine.
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(root, a, 4 * Page));
        Assert.Equal(0UL, Info(k, vmo).NumMappings);
        var check = new byte[1];
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoRead(vmo, check, 3 * Page));
        Assert.Equal(99, check[0]);
        k.Sys.HandleCloseMany([vmo, noExecute]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void SubRegionsRightsDestroyAndInfo()
    {
        using var k = new TestKernel();
        ZxHandle root = k.Kernel.FirstProcess.RootVmar;
        Assert.Equal(ZxDefaultRights.Vmar | ZxRights.Read | ZxRights.Write | ZxRights.Execute, k.RightsOf(root));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarAllocate(root, ZxVmOptions.CanMapRead, 0, 16 * Page, out ZxHandle ro, out ulong roBase));
        Assert.Equal(ZxDefaultRights.Vmar | ZxRights.Read, k.RightsOf(ro));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(ro, ZxInfoTopic.Vmar, out ZxInfoVmar info));
        Assert.Equal(roBase, info.Base);
        Assert.Equal(16 * Page, info.Len);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(ro, ZxInfoTopic.HandleBasic, out ZxInfoHandleBasic basic));
        Assert.Equal(ZxObjectType.Vmar, basic.Type);
        Assert.Equal(0u, basic.Props);
        // A child cannot have rights its parent lacks; the handle must hold the rights asked for.
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.VmarAllocate(ro, ZxVmOptions.CanMapWrite, 0, Page, out _, out _));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmarAllocate(ro, ZxVmOptions.CanMapRead | ZxVmOptions.PermRead, 0, Page, out _, out _));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmarAllocate(ro, ZxVmOptions.CanMapRead, 0, Page + 1, out _, out _));
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.VmarAllocate(ro, ZxVmOptions.Specific | ZxVmOptions.CanMapRead, Page, Page, out _, out _));
        ZxHandle vmo = k.Vmo(Page);
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.VmarMap(ro, Rw, 0, vmo, 0, Page, out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarMap(ro, ZxVmOptions.PermRead, 0, vmo, 0, Page, out ulong mapped));
        Assert.True(mapped >= roBase && mapped < roBase + 16 * Page);
        // Unmap refuses to cut a sub-region in part.
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmarUnmap(root, roBase, Page));
        // Closing the VMAR handle does not unmap; destroy does.
        ZxHandle again = k.Duplicate(ro, ZxRights.SameRights);
        k.Sys.HandleClose(ro);
        Assert.Equal(1UL, Info(k, vmo).NumMappings);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarDestroy(again));
        Assert.Equal(0UL, Info(k, vmo).NumMappings);
        Assert.Equal(ZxStatus.BadState, k.Sys.VmarDestroy(again));
        Assert.Equal(ZxStatus.BadState, k.Sys.VmarMap(again, ZxVmOptions.PermRead, 0, vmo, 0, Page, out _));
        Assert.Equal(ZxStatus.BadState, k.Sys.VmarUnmap(again, roBase, Page));
        k.Sys.HandleCloseMany([again, vmo]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void UnbackedPhysicalRangesStayInaccessible()
    {
        using var k = new TestKernel();
        // ROOT may name any range: 0x0 has no region, so nothing is mapped there.
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreatePhysical(k.Root, 0x0800_0000 - 2 * Page, 4 * Page, out ZxHandle vmo));
        ulong a = Map(k, vmo, 4 * Page);
        // The last two pages are gic-dist (backed), the first two are not.
        ((byte*)a)[2 * Page] = 5;
        Assert.Equal(5, *k.Kernel.Memory.PhysToVirt(0x0800_0000, 1));
        Assert.Equal(2, MappedRuns(a, 4 * Page));
        k.Sys.HandleClose(vmo);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(k.Kernel.FirstProcess.RootVmar, a, 4 * Page));
        k.AssertNoLeaks();
    }

    /// <summary>Pages of [address, address+length) that the host reports as mapped readable in /proc/self/maps.</summary>
    private static int MappedRuns(ulong address, ulong length)
    {
        int pages = 0;
        foreach (HostMaps.Region r in HostMaps.Regions())
        {
            if (r.Perms[0] != 'r' || r.End <= address || r.Start >= address + length)
                continue;
            pages += (int)((Math.Min(r.End, address + length) - Math.Max(r.Start, address)) / Page);
        }
        return pages;
    }

    [Fact]
    public void DecommitGivesMemoryBackAndMappedPagesReadZero()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(2 * Page);
        var p = (byte*)Map(k, vmo, 2 * Page);
        p[0] = 1;
        p[Page] = 2;
        Assert.Equal(2 * Page, k.Kernel.Memory.HostCommittedBytes);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoOpRange(vmo, ZxVmoOp.Decommit, 0, Page));
        Assert.Equal(Page, k.Kernel.Memory.HostCommittedBytes);
        Assert.Equal(0, p[0]);
        Assert.Equal(2, p[Page]);
        Assert.Equal(Page, Info(k, vmo).CommittedBytes);
        p[0] = 3; // touching again works
        Assert.Equal(3, p[0]);
        k.Sys.HandleClose(vmo);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(k.Kernel.FirstProcess.RootVmar, (ulong)p, 2 * Page));
        Assert.Equal(0UL, k.Kernel.AllocatedPages);
        k.AssertNoLeaks();
    }

    [Fact]
    public void ShrinkingAMappedVmoUnmapsThePagesPastItsEnd()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(4 * Page);
        var p = (byte*)Map(k, vmo, 4 * Page);
        p[3 * Page] = 9;
        Assert.Equal(4, MappedRuns((ulong)p, 4 * Page));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoSetSize(vmo, 2 * Page));
        Assert.Equal(2, MappedRuns((ulong)p, 4 * Page));
        Assert.Equal(2UL, k.Kernel.AllocatedPages);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoSetSize(vmo, 4 * Page));
        Assert.Equal(4, MappedRuns((ulong)p, 4 * Page));
        Assert.Equal(0, p[3 * Page]);
        k.Sys.HandleClose(vmo);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(k.Kernel.FirstProcess.RootVmar, (ulong)p, 4 * Page));
        k.AssertNoLeaks();
    }

    [Fact]
    public void ManyMapUnmapCyclesWhileAnotherThreadCreatesThreads()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(Page);
        using var stop = new CancellationTokenSource();
        var spawner = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var t = new Thread(() => { Span<byte> stack = stackalloc byte[4096]; stack[0] = 1; });
                t.Start();
                t.Join();
            }
        });
        spawner.Start();
        for (int i = 0; i < 10_000; i++)
        {
            var p = (byte*)Map(k, vmo, Page);
            p[0] = (byte)i;
            Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(k.Kernel.FirstProcess.RootVmar, (ulong)p, Page));
        }
        stop.Cancel();
        spawner.Join();
        var b = new byte[1];
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoRead(vmo, b, 0));
        Assert.Equal(unchecked((byte)9999), b[0]);
        k.Sys.HandleClose(vmo);
        k.AssertNoLeaks();
    }
}
