namespace Zx.Tests;

/// <summary>zx_vmo_create_physical: every check in its order (listed on ZxSyscalls.VmoCreatePhysical) and the document's two differences from the 2018 kernel.</summary>
// Safety: the pointers are to the test's own pinned arrays and locals, or are bad user addresses the kernel must refuse.
public sealed unsafe class VmoCreatePhysicalTests
{
    private const ulong Page = ZxConstants.PageSize;

    private static ZxStatus RangeMiss(ZxCompatibility c) =>
        c == ZxCompatibility.Document ? ZxStatus.AccessDenied : ZxStatus.OutOfRange;

    [Theory]
    [InlineData(ZxCompatibility.Document)]
    [InlineData(ZxCompatibility.Zircon2018)]
    public void InvalidOrClosedResourceHandleIsBadHandle(ZxCompatibility c)
    {
        using var k = new TestKernel(c);
        Assert.Equal(ZxStatus.BadHandle, k.Sys.VmoCreatePhysical(ZxHandle.Invalid, TestKernel.Uart, Page, out _));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.VmoCreatePhysical(new ZxHandle(0x12344321), TestKernel.Uart, Page, out _));
        ZxHandle mmio = k.Mmio(TestKernel.Uart, Page);
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(mmio));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.VmoCreatePhysical(mmio, TestKernel.Uart, Page, out _));
        k.AssertNoLeaks();
    }

    [Fact]
    public void ResourceHandleNeedsNoRights()
    {
        using var k = new TestKernel();
        ZxHandle mmio = k.Mmio(TestKernel.Uart, Page);
        ZxHandle bare = k.Duplicate(mmio, ZxRights.None);
        Assert.Equal(ZxRights.None, k.RightsOf(bare));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreatePhysical(bare, TestKernel.Uart, Page, out ZxHandle vmo));
        ZxHandle bareRoot = k.Duplicate(k.Root, ZxRights.None);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreatePhysical(bareRoot, 0, Page, out ZxHandle rootVmo));
        k.Sys.HandleCloseMany([vmo, rootVmo, bare, bareRoot, mmio]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void NotAResourceIsWrongType()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(Page);
        Assert.Equal(ZxStatus.WrongType, k.Sys.VmoCreatePhysical(vmo, TestKernel.Uart, Page, out _));
        // Even when the range and alignment are also wrong, the type is checked first.
        Assert.Equal(ZxStatus.WrongType, k.Sys.VmoCreatePhysical(vmo, 1, 0, out _));
        Assert.Equal(ZxStatus.WrongType, k.Sys.VmoCreatePhysical(k.Kernel.FirstProcess.SelfHandle, TestKernel.Uart, Page, out _));
        k.Sys.HandleClose(vmo);
        k.AssertNoLeaks();
    }

    [Theory]
    [InlineData(ZxCompatibility.Document)]
    [InlineData(ZxCompatibility.Zircon2018)]
    public void ResourceOfAnotherKindIsWrongTypeNotAccessDenied(ZxCompatibility c)
    {
        using var k = new TestKernel(c);
        Assert.Equal(ZxStatus.Ok, k.Sys.ResourceCreate(k.Root, (uint)ZxResourceKind.Irq, 40, 4, "irq"u8, out ZxHandle irq));
        Assert.Equal(ZxStatus.WrongType, k.Sys.VmoCreatePhysical(irq, TestKernel.Uart, Page, out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.ResourceCreate(k.Root, (uint)ZxResourceKind.Vmex, 0, 0, "vmex"u8, out ZxHandle vmex));
        Assert.Equal(ZxStatus.WrongType, k.Sys.VmoCreatePhysical(vmex, 0, Page, out _));
        k.Sys.HandleCloseMany([irq, vmex]);
        k.AssertNoLeaks();
    }

    [Theory]
    [InlineData(ZxCompatibility.Document)]
    [InlineData(ZxCompatibility.Zircon2018)]
    public void RootResourceHasNoRangeCheck(ZxCompatibility c)
    {
        using var k = new TestKernel(c);
        // Unbacked space, RAM, MMIO, the very top of the address space: all allowed with ROOT, as in 2018.
        foreach ((ulong paddr, ulong size) in new[] { (0UL, Page), (0x4000_0000UL, 16 * Page), (TestKernel.Uart, Page), (ulong.MaxValue - Page + 1, Page) })
        {
            Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreatePhysical(k.Root, paddr, size, out ZxHandle vmo));
            Assert.Equal(ZxStatus.Ok, k.Sys.VmoGetSize(vmo, out ulong got));
            Assert.Equal(size, got);
            k.Sys.HandleClose(vmo);
        }
        k.AssertNoLeaks();
    }

    [Theory]
    [InlineData(ZxCompatibility.Document)]
    [InlineData(ZxCompatibility.Zircon2018)]
    public void RequestOutsideTheMmioWindow(ZxCompatibility c)
    {
        using var k = new TestKernel(c);
        ZxHandle mmio = k.Mmio(TestKernel.HighMmio + 4 * Page, 4 * Page);
        ZxStatus miss = RangeMiss(c);
        Assert.Equal(miss, k.Sys.VmoCreatePhysical(mmio, TestKernel.HighMmio + 3 * Page, Page, out _));   // before
        Assert.Equal(miss, k.Sys.VmoCreatePhysical(mmio, TestKernel.HighMmio + 8 * Page, Page, out _));   // after
        Assert.Equal(miss, k.Sys.VmoCreatePhysical(mmio, TestKernel.HighMmio + 7 * Page, 2 * Page, out _)); // straddles the end
        Assert.Equal(miss, k.Sys.VmoCreatePhysical(mmio, TestKernel.HighMmio + 3 * Page, 6 * Page, out _)); // covers it
        Assert.Equal(miss, k.Sys.VmoCreatePhysical(mmio, TestKernel.HighMmio + 4 * Page, 0, out _));       // size 0
        Assert.Equal(miss, k.Sys.VmoCreatePhysical(mmio, ulong.MaxValue - Page + 1, 2 * Page, out _));    // wraps
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreatePhysical(mmio, TestKernel.HighMmio + 4 * Page, 4 * Page, out ZxHandle whole));
        k.Sys.HandleCloseMany([whole, mmio]);
        k.AssertNoLeaks();
    }

    [Theory]
    [InlineData(ZxCompatibility.Document)]
    [InlineData(ZxCompatibility.Zircon2018)]
    public void RangeMissComesBeforeUnalignedPaddr(ZxCompatibility c)
    {
        using var k = new TestKernel(c);
        ZxHandle mmio = k.Mmio(TestKernel.HighMmio, 4 * Page);
        // Outside the window and unaligned: the range check wins.
        Assert.Equal(RangeMiss(c), k.Sys.VmoCreatePhysical(mmio, TestKernel.HighMmio + 8 * Page + 0x10, Page, out _));
        // Inside the window and unaligned: INVALID_ARGS.
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoCreatePhysical(mmio, TestKernel.HighMmio + 0x10, Page, out _));
        // With ROOT there is no range check, so an unaligned paddr is INVALID_ARGS.
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoCreatePhysical(k.Root, 0x10, Page, out _));
        k.Sys.HandleClose(mmio);
        k.AssertNoLeaks();
    }

    [Theory]
    [InlineData(ZxCompatibility.Document, ZxStatus.InvalidArgs)]
    [InlineData(ZxCompatibility.Zircon2018, ZxStatus.Ok)]
    public void UnalignedSize(ZxCompatibility c, ZxStatus expected)
    {
        using var k = new TestKernel(c);
        ZxHandle mmio = k.Mmio(TestKernel.HighMmio, 4 * Page);
        Assert.Equal(expected, k.Sys.VmoCreatePhysical(mmio, TestKernel.HighMmio, Page + 1, out ZxHandle vmo));
        Assert.Equal(expected, k.Sys.VmoCreatePhysical(k.Root, 0, 100, out ZxHandle rootVmo));
        if (expected == ZxStatus.Ok)
        {
            // 2018 rounds the size up silently.
            Assert.Equal(ZxStatus.Ok, k.Sys.VmoGetSize(vmo, out ulong size));
            Assert.Equal(2 * Page, size);
            Assert.Equal(ZxStatus.Ok, k.Sys.VmoGetSize(rootVmo, out size));
            Assert.Equal(Page, size);
        }
        k.Sys.HandleCloseMany([vmo, rootVmo, mmio]);
        k.AssertNoLeaks();
    }

    [Theory]
    [InlineData(ZxCompatibility.Document)]
    [InlineData(ZxCompatibility.Zircon2018)]
    public void UnalignedSizeUsesTheUnroundedSizeForTheRangeCheck(ZxCompatibility c)
    {
        using var k = new TestKernel(c);
        // A one-page resource: an unaligned size of a page and a half is outside it before rounding.
        ZxHandle mmio = k.Mmio(TestKernel.HighMmio, Page);
        Assert.Equal(RangeMiss(c), k.Sys.VmoCreatePhysical(mmio, TestKernel.HighMmio, Page + Page / 2, out _));
        // Half a page fits the window; 2018 rounds it up to a page, the document refuses it.
        ZxStatus expected = c == ZxCompatibility.Document ? ZxStatus.InvalidArgs : ZxStatus.Ok;
        Assert.Equal(expected, k.Sys.VmoCreatePhysical(mmio, TestKernel.HighMmio, Page / 2, out ZxHandle vmo));
        k.Sys.HandleCloseMany([vmo, mmio]);
        k.AssertNoLeaks();
    }

    [Theory]
    [InlineData(ZxCompatibility.Document)]
    [InlineData(ZxCompatibility.Zircon2018)]
    public void SizeZeroWithRootIsInvalidArgs(ZxCompatibility c)
    {
        using var k = new TestKernel(c);
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoCreatePhysical(k.Root, 0, 0, out _));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoCreatePhysical(k.Root, TestKernel.Uart, 0, out _));
        k.AssertNoLeaks();
    }

    [Theory]
    [InlineData(ZxCompatibility.Document)]
    [InlineData(ZxCompatibility.Zircon2018)]
    public void OverflowAtAndBeyondTwoToTheSixtyFour(ZxCompatibility c)
    {
        using var k = new TestKernel(c);
        // paddr + size == 2^64 exactly: allowed, because the kernel checks paddr + (size - 1).
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreatePhysical(k.Root, Page, ulong.MaxValue - Page + 1, out ZxHandle top));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreatePhysical(k.Root, ulong.MaxValue - Page + 1, Page, out ZxHandle lastPage));
        // One page beyond: INVALID_ARGS.
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoCreatePhysical(k.Root, 2 * Page, ulong.MaxValue - Page + 1, out _));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoCreatePhysical(k.Root, ulong.MaxValue - Page + 1, 2 * Page, out _));
        // A size within 4095 of 2^64: 2018 wraps it to 0, the document calls it unaligned; INVALID_ARGS either way.
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoCreatePhysical(k.Root, 0, ulong.MaxValue, out _));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoCreatePhysical(k.Root, 0, ulong.MaxValue - 4094, out _));
        k.Sys.HandleCloseMany([top, lastPage]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void NewHandleAndObjectState()
    {
        using var k = new TestKernel();
        ZxHandle mmio = k.Mmio(TestKernel.Uart, Page);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreatePhysical(mmio, TestKernel.Uart, Page, out ZxHandle vmo));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(vmo, ZxInfoTopic.HandleBasic, out ZxInfoHandleBasic basic));
        Assert.Equal((ZxRights)0xD0FF, basic.Rights);
        Assert.Equal(ZxDefaultRights.Vmo, basic.Rights);
        Assert.Equal(ZxObjectType.Vmo, basic.Type);
        Assert.Equal(ZxConstants.ObjPropWaitable, basic.Props);
        Assert.Equal(0UL, basic.RelatedKoid);
        Assert.True(basic.Koid > ZxConstants.KoidFirst, "koids start at ZX_KOID_FIRST; the process and root resource come first");
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(vmo, ZxInfoTopic.Vmo, out ZxInfoVmo info));
        Assert.Equal(basic.Koid, info.Koid);
        Assert.Equal(Page, info.SizeBytes);
        Assert.Equal(ZxCachePolicy.Uncached, info.CachePolicy);
        Assert.Equal(ZxInfoVmoFlags.ViaHandle | ZxInfoVmoFlags.Contiguous, info.Flags);
        Assert.Equal(0u, (uint)info.Flags & 1);
        Assert.Equal(0UL, info.CommittedBytes);
        Assert.Equal(0UL, info.ParentKoid);
        Assert.Equal(0UL, info.NumChildren);
        Assert.Equal((ZxRights)0xD0FF, info.HandleRights);
        Assert.Equal("", info.Name.ToString());
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoGetSize(vmo, out ulong size));
        Assert.Equal(Page, size);
        Assert.Equal(ZxSignals.VmoZeroChildren, k.Kernel.FirstProcess.Dispatcher.Handles.TryGet(vmo, out var d, out _) ? Signals(d!) : 0);
        k.Sys.HandleCloseMany([vmo, mmio]);
        k.AssertNoLeaks();
    }

    private static ZxSignals Signals(Zx.Kernel.Object.Dispatcher d)
    {
        ZxSignals s = d.Signals;
        d.Release();
        return s;
    }

    [Fact]
    public void PhysicalVmoRefusesReadWriteAndSetSizeAfterTheRightsCheck()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreatePhysical(k.Root, TestKernel.Uart, Page, out ZxHandle vmo));
        var buffer = new byte[16];
        Assert.Equal(ZxStatus.NotSupported, k.Sys.VmoRead(vmo, buffer, 0));
        Assert.Equal(ZxStatus.NotSupported, k.Sys.VmoWrite(vmo, buffer, 0));
        Assert.Equal(ZxStatus.NotSupported, k.Sys.VmoSetSize(vmo, 2 * Page));
        // A bad buffer is probed before NOT_SUPPORTED.
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoRead(vmo, null, 0, 16));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoWrite(vmo, null, 0, 16));
        // Rights come first.
        ZxHandle readOnly = k.Duplicate(vmo, ZxRights.Read);
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.VmoWrite(readOnly, buffer, 0));
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.VmoSetSize(readOnly, Page));
        Assert.Equal(ZxStatus.NotSupported, k.Sys.VmoRead(readOnly, buffer, 0));
        k.Sys.HandleCloseMany([vmo, readOnly]);
        k.AssertNoLeaks();
    }

    [Theory]
    [InlineData(ZxCompatibility.Document)]
    [InlineData(ZxCompatibility.Zircon2018)]
    public void NullOutIsCheckedLastAndLeavesNothing(ZxCompatibility c)
    {
        using var k = new TestKernel(c);
        ZxHandle mmio = k.Mmio(TestKernel.Uart, Page);
        long objects = k.Kernel.LiveObjectCount;
        int handles = k.Kernel.FirstProcess.HandleCount;
        // Everything else valid: the object is created, then destroyed; no handle remains.
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoCreatePhysical(mmio, TestKernel.Uart, Page, null));
        Assert.Equal(objects, k.Kernel.LiveObjectCount);
        Assert.Equal(handles, k.Kernel.FirstProcess.HandleCount);
        // Any earlier error wins over the NULL out.
        Assert.Equal(ZxStatus.BadHandle, k.Sys.VmoCreatePhysical(ZxHandle.Invalid, TestKernel.Uart, Page, null));
        Assert.Equal(RangeMiss(c), k.Sys.VmoCreatePhysical(mmio, TestKernel.Uart + Page, Page, null));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoCreatePhysical(k.Root, 1, Page, null));
        // An injected allocation failure (step 6 or 8) also comes before the out check.
        k.Kernel.Faults.FailNthAllocation(1);
        Assert.Equal(ZxStatus.NoMemory, k.Sys.VmoCreatePhysical(mmio, TestKernel.Uart, Page, null));
        k.Sys.HandleClose(mmio);
        k.AssertNoLeaks();
    }

    [Fact]
    public void EveryInjectedAllocationFailureIsNoMemoryAndLeavesNothing()
    {
        using var k = new TestKernel();
        ZxHandle mmio = k.Mmio(TestKernel.Uart, Page);
        long objects = k.Kernel.LiveObjectCount;
        int handles = k.Kernel.FirstProcess.HandleCount;
        ZxHandle probe = ZxHandle.Invalid;
        long points = k.Kernel.Faults.CountAllocationPoints(() => Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreatePhysical(mmio, TestKernel.Uart, Page, out probe)));
        Assert.True(points >= 2, "object and handle allocation are both fault points");
        k.Sys.HandleClose(probe);
        for (int n = 1; n <= points; n++)
        {
            k.Kernel.Faults.FailNthAllocation(n);
            Assert.Equal(ZxStatus.NoMemory, k.Sys.VmoCreatePhysical(mmio, TestKernel.Uart, Page, out ZxHandle h));
            Assert.Equal(ZxHandle.Invalid, h);
            Assert.Equal(objects, k.Kernel.LiveObjectCount);
            Assert.Equal(handles, k.Kernel.FirstProcess.HandleCount);
        }
        k.Sys.HandleClose(mmio);
        k.AssertNoLeaks();
    }
}
