namespace Zx.Tests;

/// <summary>IOMMU, BTI, contiguous VMOs and pinning, including the aliasing of a pinned contiguous VMO with a
/// physical VMO at the pinned address.</summary>
// Safety: the pointers are to the test's own pinned arrays and locals, or are bad user addresses the kernel must refuse.
public sealed unsafe class BtiTests
{
    private const ulong Page = ZxConstants.PageSize;
    private const ZxVmOptions Rw = ZxVmOptions.PermRead | ZxVmOptions.PermWrite;

    private static ZxHandle Bti(TestKernel k)
    {
        Assert.Equal(ZxStatus.Ok, k.Sys.IommuCreate(k.Root, ZxIommuType.Dummy, new byte[1], out ZxHandle iommu));
        Assert.Equal(ZxStatus.Ok, k.Sys.BtiCreate(iommu, 0, 7, out ZxHandle bti));
        k.Sys.HandleClose(iommu); // the BTI keeps the IOMMU alive
        return bti;
    }

    [Fact]
    public void PinnedContiguousVmoAliasesAPhysicalVmoAtThePinnedAddress()
    {
        using var k = new TestKernel();
        ZxHandle bti = Bti(k);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreateContiguous(bti, 4 * Page, 0, out ZxHandle contiguous));
        var addrs = new ulong[4];
        Assert.Equal(ZxStatus.Ok, k.Sys.BtiPin(bti, ZxBtiOptions.PermRead | ZxBtiOptions.PermWrite, contiguous, 0, 4 * Page, addrs, out ZxHandle pmt));
        for (int i = 1; i < 4; i++)
            Assert.Equal(addrs[0] + (ulong)i * Page, addrs[i]);
        Assert.Equal(Zx.Kernel.Board.BoardRegionKind.Ram, k.Kernel.Board.FindRegion(addrs[0])!.Kind);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreatePhysical(k.Root, addrs[0], 4 * Page, out ZxHandle physical));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarMap(k.Kernel.FirstProcess.RootVmar, Rw, 0, physical, 0, 4 * Page, out ulong pa));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarMap(k.Kernel.FirstProcess.RootVmar, Rw, 0, contiguous, 0, 4 * Page, out ulong ca));
        // physical mapping -> zx_vmo_read of the contiguous VMO and its own mapping
        for (int i = 0; i < 4 * (int)Page; i += 511)
            ((byte*)pa)[i] = (byte)(i ^ 0x5A);
        var back = new byte[4 * Page];
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoRead(contiguous, back, 0));
        for (int i = 0; i < 4 * (int)Page; i += 511)
        {
            Assert.Equal((byte)(i ^ 0x5A), back[i]);
            Assert.Equal((byte)(i ^ 0x5A), ((byte*)ca)[i]);
        }
        // and the reverse: zx_vmo_write and the contiguous mapping -> the physical mapping
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoWrite(contiguous, "dma!"u8, 2 * Page + 8));
        Assert.Equal((byte)'d', ((byte*)pa)[2 * Page + 8]);
        ((byte*)ca)[3 * Page] = 0xEE;
        Assert.Equal(0xEE, ((byte*)pa)[3 * Page]);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(physical, ZxInfoTopic.Vmo, out ZxInfoVmo info));
        Assert.Equal(0UL, info.CommittedBytes);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(contiguous, ZxInfoTopic.Vmo, out info));
        Assert.Equal(ZxInfoVmoFlags.TypePaged | ZxInfoVmoFlags.Contiguous | ZxInfoVmoFlags.ViaHandle, info.Flags);
        Assert.Equal(4 * Page, info.CommittedBytes);
        Assert.Equal(2u, info.CreateOptions);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(k.Kernel.FirstProcess.RootVmar, pa, 4 * Page));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(k.Kernel.FirstProcess.RootVmar, ca, 4 * Page));
        Assert.Equal(ZxStatus.Ok, k.Sys.PmtUnpin(pmt));
        k.Sys.HandleCloseMany([physical, contiguous, bti]);
        Assert.Equal(0UL, k.Kernel.AllocatedPages);
        k.AssertNoLeaks();
    }

    [Fact]
    public void PinOptionsAndAddressCounts()
    {
        using var k = new TestKernel();
        ZxHandle bti = Bti(k);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreateContiguous(bti, 4 * Page, 0, out ZxHandle contiguous));
        ZxHandle paged = k.Vmo(4 * Page);
        var four = new ulong[4];
        var one = new ulong[1];
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.BtiPin(bti, ZxBtiOptions.PermRead, paged, 0, 4 * Page, new ulong[3], out _));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.BtiPin(bti, ZxBtiOptions.PermRead | ZxBtiOptions.Compress, paged, 0, 4 * Page, new ulong[3], out _));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.BtiPin(bti, ZxBtiOptions.PermRead | ZxBtiOptions.Contiguous, paged, 0, 4 * Page, one, out _));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.BtiPin(bti, ZxBtiOptions.PermRead | ZxBtiOptions.Contiguous | ZxBtiOptions.Compress, contiguous, 0, 4 * Page, one, out _));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.BtiPin(bti, ZxBtiOptions.PermRead | (ZxBtiOptions)0x100, paged, 0, 4 * Page, four, out _));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.BtiPin(bti, ZxBtiOptions.PermRead, paged, 1, 4 * Page, four, out _));
        Assert.Equal(ZxStatus.OutOfRange, k.Sys.BtiPin(bti, ZxBtiOptions.PermRead, paged, Page, 4 * Page, four, out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.BtiPin(bti, ZxBtiOptions.PermRead | ZxBtiOptions.Contiguous, contiguous, 0, 4 * Page, one, out ZxHandle p1));
        Assert.Equal(ZxStatus.Ok, k.Sys.BtiPin(bti, ZxBtiOptions.PermRead | ZxBtiOptions.Compress, paged, 0, 4 * Page, four, out ZxHandle p2));
        // Rights: MAP on the BTI and on the VMO, and READ/WRITE on the VMO for the matching permission.
        ZxHandle readOnly = k.Duplicate(paged, ZxRights.Read | ZxRights.Map);
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.BtiPin(bti, ZxBtiOptions.PermWrite, readOnly, 0, 4 * Page, four, out _));
        ZxHandle noMap = k.Duplicate(paged, ZxRights.Read);
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.BtiPin(bti, ZxBtiOptions.PermRead, noMap, 0, 4 * Page, four, out _));
        ZxHandle btiNoMap = k.Duplicate(bti, ZxRights.Read);
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.BtiPin(btiNoMap, ZxBtiOptions.PermRead, paged, 0, 4 * Page, four, out _));
        Assert.Equal(ZxStatus.WrongType, k.Sys.BtiPin(paged, ZxBtiOptions.PermRead, paged, 0, 4 * Page, four, out _));
        // Pinned pages cannot be decommitted; after unpin they can.
        Assert.Equal(ZxStatus.BadState, k.Sys.VmoOpRange(paged, ZxVmoOp.Decommit, 0, Page));
        Assert.Equal(ZxStatus.Ok, k.Sys.PmtUnpin(p2));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoOpRange(paged, ZxVmoOp.Decommit, 0, Page));
        Assert.Equal(ZxStatus.NotSupported, k.Sys.VmoOpRange(contiguous, ZxVmoOp.Decommit, 0, Page));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.PmtUnpin(p2));
        Assert.Equal(ZxStatus.WrongType, k.Sys.PmtUnpin(readOnly)); // and the handle is gone
        Assert.Equal(ZxStatus.BadHandle, k.Sys.HandleClose(readOnly));
        Assert.Equal(ZxStatus.Ok, k.Sys.PmtUnpin(p1));
        k.Sys.HandleCloseMany([contiguous, paged, noMap, btiNoMap, bti]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void ClosedPmtStaysPinnedInQuarantineUntilReleased()
    {
        using var k = new TestKernel();
        ZxHandle bti = Bti(k);
        ZxHandle paged = k.Vmo(Page);
        Assert.Equal(ZxStatus.Ok, k.Sys.BtiPin(bti, ZxBtiOptions.PermRead, paged, 0, Page, new ulong[1], out ZxHandle pmt));
        k.Sys.HandleClose(pmt);
        Assert.Equal(ZxStatus.BadState, k.Sys.VmoOpRange(paged, ZxVmoOp.Decommit, 0, Page));
        // zx_bti_release_quarantine needs WRITE, which the 2018 default BTI rights do not include
        // (docs/decisions.md #22); closing the last BTI handle releases the quarantine.
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.BtiReleaseQuarantine(bti));
        Assert.Equal(ZxStatus.BadState, k.Sys.VmoOpRange(paged, ZxVmoOp.Decommit, 0, Page));
        k.Sys.HandleClose(bti);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoOpRange(paged, ZxVmoOp.Decommit, 0, Page));
        // With a WRITE right, as later kernels grant, the quarantine can be released without closing the BTI.
        var device = Install(k, out ZxHandle writable);
        Assert.Equal(ZxStatus.Ok, k.Sys.BtiPin(writable, ZxBtiOptions.PermRead, paged, 0, Page, new ulong[1], out pmt));
        k.Sys.HandleClose(pmt);
        Assert.Equal(1, device.QuarantinedCount);
        Assert.Equal(ZxStatus.Ok, k.Sys.BtiReleaseQuarantine(writable));
        Assert.Equal(0, device.QuarantinedCount);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoOpRange(paged, ZxVmoOp.Decommit, 0, Page));
        k.Sys.HandleClose(writable);
        k.Sys.HandleClose(paged);
        k.AssertNoLeaks();
    }

    /// <summary>A BTI handle with WRITE added, installed directly in the kernel (no syscall grants it in 2018).</summary>
    private static Zx.Kernel.Object.BusTransactionInitiatorDispatcher Install(TestKernel k, out ZxHandle handle)
    {
        var iommu = new Zx.Kernel.Object.IommuDispatcher(k.Kernel);
        var bti = new Zx.Kernel.Object.BusTransactionInitiatorDispatcher(k.Kernel, iommu, 1);
        iommu.Release();
        Assert.Equal(ZxStatus.Ok, k.Kernel.FirstProcess.Dispatcher.Handles.Add(bti, ZxDefaultRights.Bti | ZxRights.Write, out handle));
        bti.Release();
        return bti;
    }

    [Fact]
    public void IommuBtiAndContiguousCreationRules()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.IommuCreate(k.Root, ZxIommuType.Dummy, new byte[4097], out _));
        Assert.Equal(ZxStatus.NotSupported, k.Sys.IommuCreate(k.Root, ZxIommuType.Intel, new byte[1], out _));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.IommuCreate(k.Root, ZxIommuType.Dummy, new byte[2], out _));
        ZxHandle mmio = k.Mmio(TestKernel.Uart, Page);
        Assert.Equal(ZxStatus.WrongType, k.Sys.IommuCreate(mmio, ZxIommuType.Dummy, new byte[1], out _));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.IommuCreate(ZxHandle.Invalid, ZxIommuType.Dummy, new byte[1], out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.IommuCreate(k.Root, ZxIommuType.Dummy, new byte[1], out ZxHandle iommu));
        Assert.Equal(ZxDefaultRights.Iommu, k.RightsOf(iommu));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.BtiCreate(iommu, 1, 0, out _));
        Assert.Equal(ZxStatus.WrongType, k.Sys.BtiCreate(mmio, 0, 0, out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.BtiCreate(iommu, 0, 0, out ZxHandle bti));
        Assert.Equal(ZxDefaultRights.Bti, k.RightsOf(bti));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(bti, ZxInfoTopic.Bti, out ZxInfoBti info));
        Assert.Equal(Page, info.MinimumContiguity);
        Assert.Equal(ulong.MaxValue, info.AspaceSize);
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoCreateContiguous(bti, 0, 0, out _));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoCreateContiguous(bti, Page, 11, out _));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoCreateContiguous(bti, Page, 64, out _));
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.VmoCreateContiguous(iommu, Page, 0, out _)); // no MAP: rights before type
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreate(Page, ZxVmoOptions.None, out ZxHandle notBti));
        Assert.Equal(ZxStatus.WrongType, k.Sys.VmoCreateContiguous(notBti, Page, 0, out _));
        k.Sys.HandleClose(notBti);
        Assert.Equal(ZxStatus.NoMemory, k.Sys.VmoCreateContiguous(bti, 8UL << 30, 0, out _)); // more than the board's RAM
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreateContiguous(bti, 2 * Page, 20, out ZxHandle aligned));
        var addr = new ulong[1];
        Assert.Equal(ZxStatus.Ok, k.Sys.BtiPin(bti, ZxBtiOptions.PermRead | ZxBtiOptions.Contiguous, aligned, 0, 2 * Page, addr, out ZxHandle pmt));
        Assert.Equal(0UL, addr[0] % (1UL << 20));
        Assert.Equal(ZxDefaultRights.Vmo, k.RightsOf(aligned));
        Assert.Equal(ZxStatus.Ok, k.Sys.PmtUnpin(pmt));
        k.Sys.HandleCloseMany([aligned, bti, iommu, mmio]);
        Assert.Equal(0UL, k.Kernel.AllocatedPages);
        k.AssertNoLeaks();
    }
}

/// <summary>Tests that count the host's mappings: they run alone, so no other test maps or unmaps meanwhile.</summary>
[CollectionDefinition("host mappings", DisableParallelization = true)]
public sealed class HostMappingsCollection;

// Safety: the pointers are to the test's own pinned arrays and locals, or are bad user addresses the kernel must refuse.
[Collection("host mappings")]
public sealed unsafe class TeardownTests
{
    [Fact]
    public void DisposingAKernelLeavesNoHostMappingOfIt()
    {
        string name = $"teardown-{Guid.NewGuid():N}";
        var board = Zx.Kernel.Board.BoardLoader.Parse($$"""
            { "name": "{{name}}", "regions": [ { "name": "ram", "kind": "ram", "base": "0x1000_0000", "size": "0x1000_0000" },
                                               { "name": "dev", "kind": "mmio", "base": "0x1000", "size": "0x1000" } ] }
            """, "teardown.json");
        var k = new TestKernel(board: board);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(k.Kernel.FirstProcess.RootVmar, ZxInfoTopic.Vmar, out ZxInfoVmar aspace));
        ZxHandle vmo = k.Vmo(8 * ZxConstants.PageSize);
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(ZxStatus.Ok, k.Sys.VmarMap(k.Kernel.FirstProcess.RootVmar, ZxVmOptions.PermRead | ZxVmOptions.PermWrite, 0, vmo, 0,
                8 * ZxConstants.PageSize, out ulong a));
            ((byte*)a)[i] = 1;
        }
        Assert.True(MapsLines(name, aspace).Count > 20);
        k.Dispose();
        Assert.Empty(MapsLines(name, aspace));
        Assert.Equal(0, k.Kernel.LiveObjectCount);
    }

    /// <summary>Lines of /proc/self/maps that belong to the kernel: its memfds (named after the board) or anything
    /// inside its process's reservation.</summary>
    private static List<string> MapsLines(string boardName, ZxInfoVmar aspace) =>
        [.. File.ReadLines("/proc/self/maps").Where(line =>
        {
            string[] range = line.Split(' ', 2)[0].Split('-');
            ulong start = Convert.ToUInt64(range[0], 16), end = Convert.ToUInt64(range[1], 16);
            return line.Contains(boardName, StringComparison.Ordinal) || (start < aspace.Base + aspace.Len && end > aspace.Base);
        })];
}
