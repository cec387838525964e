using Zx.Kernel.Object;

namespace Zx.Tests;

/// <summary>zx_resource_create and validate_ranged_resource: the 2018 kernel's rules and the 2018 core tests
/// (system/utest/core/resource/resource.cpp).</summary>
public sealed class ResourceTests
{
    private const ulong Page = ZxConstants.PageSize;
    private const ulong MmioTestSize = 4 * Page;

    /// <summary>probe_address_space: 4 pages at 0, 4 GiB, 8 GiB, ...; every miss must be exactly NOT_FOUND.</summary>
    private static ulong Probe(TestKernel k)
    {
        for (ulong @base = 0; ; @base += 4UL << 30)
        {
            ZxStatus s = k.Sys.ResourceCreate(k.Root, (uint)ZxResourceKind.Mmio, @base, MmioTestSize, "probe"u8, out ZxHandle h);
            if (s == ZxStatus.Ok)
            {
                k.Sys.HandleClose(h);
                return @base;
            }
            Assert.Equal(ZxStatus.NotFound, s);
        }
    }

    [Fact]
    public void ProbeFindsTheDefaultBoardsMmioWindowAfterOnlyNotFound()
    {
        using var k = new TestKernel();
        ulong found = Probe(k);
        Assert.Equal(TestKernel.HighMmio, found);
        Zx.Kernel.Board.BoardRegion region = k.Kernel.Board.FindRegion(found)!;
        Assert.Equal(Zx.Kernel.Board.BoardRegionKind.Mmio, region.Kind);
        Assert.True(region.Size >= 1UL << 20);
        k.AssertNoLeaks();
    }

    [Fact]
    public void BasicActions()
    {
        using var k = new TestKernel();
        ulong @base = Probe(k);
        Assert.Equal(ZxStatus.Ok, k.Sys.ResourceCreate(k.Root, (uint)ZxResourceKind.Root, 0, 0, "root"u8, out ZxHandle newRoot));
        Assert.Equal(ZxStatus.Ok, k.Sys.ResourceCreate(newRoot, (uint)ZxResourceKind.Mmio | ZxResourceFlags.Exclusive,
            @base, MmioTestSize, "test_resource_name"u8, out ZxHandle mmio));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(newRoot, ZxInfoTopic.Resource, out ZxInfoResource info));
        Assert.Equal(ZxResourceKind.Root, info.Kind);
        Assert.Equal(0UL, info.Base);
        Assert.Equal(0UL, info.Size);
        Assert.Equal(0u, info.Flags);
        Assert.Equal("root", info.Name.ToString());
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(mmio, ZxInfoTopic.Resource, out info));
        Assert.Equal(ZxResourceKind.Mmio, info.Kind);
        Assert.Equal(ZxResourceFlags.Exclusive, info.Flags);
        Assert.Equal(@base, info.Base);
        Assert.Equal(MmioTestSize, info.Size);
        Assert.Equal("test_resource_name", info.Name.ToString());
        Assert.Equal(ZxDefaultRights.Resource, k.RightsOf(mmio));
        Assert.Equal((ZxRights)0x800B, k.RightsOf(mmio));
        k.Sys.HandleCloseMany([mmio, newRoot]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void ExclusiveThenSharedIsNotFoundUntilTheExclusiveOneDies()
    {
        using var k = new TestKernel();
        ulong @base = Probe(k);
        ZxHandle exclusive = k.Mmio(@base, MmioTestSize, exclusive: true);
        Assert.Equal(ZxStatus.NotFound, k.Sys.ResourceCreate(k.Root, (uint)ZxResourceKind.Mmio, @base, MmioTestSize, "s"u8, out _));
        Assert.Equal(ZxStatus.NotFound, k.Sys.ResourceCreate(k.Root, (uint)ZxResourceKind.Mmio, @base + Page, Page, "s"u8, out _));
        Assert.Equal(ZxStatus.NotFound, k.Sys.ResourceCreate(k.Root, (uint)ZxResourceKind.Mmio | ZxResourceFlags.Exclusive, @base, Page, "e"u8, out _));
        // Beside it is free.
        ZxHandle beside = k.Mmio(@base + MmioTestSize, Page);
        // A duplicate keeps the object (and its range) alive.
        ZxHandle dup = k.Duplicate(exclusive, ZxRights.SameRights);
        k.Sys.HandleClose(exclusive);
        Assert.Equal(ZxStatus.NotFound, k.Sys.ResourceCreate(k.Root, (uint)ZxResourceKind.Mmio, @base, MmioTestSize, "s"u8, out _));
        k.Sys.HandleClose(dup);
        ZxHandle shared = k.Mmio(@base, MmioTestSize);
        k.Sys.HandleCloseMany([shared, beside]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void SharedThenExclusiveIsNotFound()
    {
        using var k = new TestKernel();
        ulong @base = Probe(k);
        ZxHandle shared = k.Mmio(@base, MmioTestSize);
        Assert.Equal(ZxStatus.NotFound, k.Sys.ResourceCreate(k.Root, (uint)ZxResourceKind.Mmio | ZxResourceFlags.Exclusive, @base, MmioTestSize, "e"u8, out _));
        ZxHandle shared2 = k.Mmio(@base, MmioTestSize);
        k.Sys.HandleCloseMany([shared, shared2]);
        ZxHandle exclusive = k.Mmio(@base, MmioTestSize, exclusive: true);
        k.Sys.HandleClose(exclusive);
        k.AssertNoLeaks();
    }

    [Fact]
    public void InvalidArgs()
    {
        using var k = new TestKernel();
        ulong @base = Probe(k);
        ZxHandle temp = k.Mmio(@base, MmioTestSize);
        // Only a ROOT parent mints (2018).
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.ResourceCreate(temp, (uint)ZxResourceKind.Root, 0, 0, ""u8, out _));
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.ResourceCreate(temp, (uint)ZxResourceKind.Mmio, @base, Page, ""u8, out _));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.ResourceCreate(k.Root, (uint)ZxResourceKind.Count, @base, Page, ""u8, out _));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.ResourceCreate(k.Root, (uint)ZxResourceKind.Count + 1, @base, Page, ""u8, out _));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.ResourceCreate(k.Root, (uint)ZxResourceKind.Mmio, ulong.MaxValue, 1024, ""u8, out _));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.ResourceCreate(k.Root, (uint)ZxResourceKind.Mmio, 1024, ulong.MaxValue, ""u8, out _));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.ResourceCreate(k.Root, (uint)ZxResourceKind.Mmio | 0xFF0000, @base, Page, ""u8, out _));
        k.Sys.HandleClose(temp);
        k.AssertNoLeaks();
    }

    [Fact]
    public void VmoCreation()
    {
        using var k = new TestKernel();
        ulong @base = Probe(k);
        ZxHandle mmio = k.Mmio(@base, MmioTestSize);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreatePhysical(mmio, @base, Page, out ZxHandle vmo));
        k.Sys.HandleCloseMany([vmo, mmio]);
        k.AssertNoLeaks();
    }

    [Theory]
    [InlineData(ZxCompatibility.Document)]
    [InlineData(ZxCompatibility.Zircon2018)]
    public void VmoCreationSmaller(ZxCompatibility c)
    {
        using var k = new TestKernel(c);
        ulong @base = Probe(k);
        ZxHandle mmio = k.Mmio(@base, Page / 2);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreatePhysical(mmio, @base, Page, out ZxHandle vmo));
        k.Sys.HandleCloseMany([vmo, mmio]);
        k.AssertNoLeaks();
    }

    [Theory]
    [InlineData(ZxCompatibility.Document)]
    [InlineData(ZxCompatibility.Zircon2018)]
    public void VmoCreationUnaligned(ZxCompatibility c)
    {
        using var k = new TestKernel(c);
        ulong @base = Probe(k);
        ZxHandle mmio = k.Mmio(@base + 0x7800, 0x2000);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreatePhysical(mmio, @base + 0x7000, 0x2000, out ZxHandle vmo));
        // The window widens to [0x7000, 0xA000), so 0x9000 + one page is the last that fits.
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreatePhysical(mmio, @base + 0x9000, Page, out ZxHandle last));
        Assert.NotEqual(ZxStatus.Ok, k.Sys.VmoCreatePhysical(mmio, @base + 0xA000, Page, out _));
        k.Sys.HandleCloseMany([vmo, last, mmio]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void ParentLookupUsesThe2018OrderWithTheWriteRight()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.BadHandle, k.Sys.ResourceCreate(ZxHandle.Invalid, (uint)ZxResourceKind.Mmio, TestKernel.Uart, Page, ""u8, out _));
        ZxHandle noWrite = k.Duplicate(k.Root, ZxRights.Duplicate | ZxRights.Transfer);
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.ResourceCreate(noWrite, (uint)ZxResourceKind.Mmio, TestKernel.Uart, Page, ""u8, out _));
        ZxHandle vmo = k.Vmo(Page);
        // A VMO with WRITE: WRONG_TYPE. A VMO without WRITE: ACCESS_DENIED, because 2018 checks rights first.
        Assert.Equal(ZxStatus.WrongType, k.Sys.ResourceCreate(vmo, (uint)ZxResourceKind.Mmio, TestKernel.Uart, Page, ""u8, out _));
        ZxHandle vmoRead = k.Duplicate(vmo, ZxRights.Read);
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.ResourceCreate(vmoRead, (uint)ZxResourceKind.Mmio, TestKernel.Uart, Page, ""u8, out _));
        k.Sys.HandleCloseMany([noWrite, vmo, vmoRead]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void RangesOutsideTheBoardAndRootKindsWithRanges()
    {
        using var k = new TestKernel();
        uint mmio = (uint)ZxResourceKind.Mmio;
        Assert.Equal(ZxStatus.NotFound, k.Sys.ResourceCreate(k.Root, mmio, 0x4000_0000, Page, ""u8, out _)); // RAM
        Assert.Equal(ZxStatus.NotFound, k.Sys.ResourceCreate(k.Root, mmio, 0, Page, ""u8, out _));           // nothing there
        Assert.Equal(ZxStatus.NotFound, k.Sys.ResourceCreate(k.Root, mmio, 0x3FFF_F000, 2 * Page, ""u8, out _)); // MMIO into RAM
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.ResourceCreate(k.Root, mmio, TestKernel.Uart, 0, ""u8, out _));   // size 0
        // Adjacent MMIO regions form one window (gic-dist and gic-cpu).
        Assert.Equal(ZxStatus.Ok, k.Sys.ResourceCreate(k.Root, mmio, 0x0800_F000, 2 * Page, ""u8, out ZxHandle across));
        foreach (ZxResourceKind kind in new[] { ZxResourceKind.Root, ZxResourceKind.Hypervisor, ZxResourceKind.Vmex })
        {
            Assert.Equal(ZxStatus.InvalidArgs, k.Sys.ResourceCreate(k.Root, (uint)kind, 1, 0, ""u8, out _));
            Assert.Equal(ZxStatus.InvalidArgs, k.Sys.ResourceCreate(k.Root, (uint)kind, 0, 1, ""u8, out _));
            Assert.Equal(ZxStatus.Ok, k.Sys.ResourceCreate(k.Root, (uint)kind, 0, 0, ""u8, out ZxHandle ok));
            k.Sys.HandleClose(ok);
        }
        k.Sys.HandleClose(across);
        k.AssertNoLeaks();
    }

    [Fact]
    public void IrqAndIoPortRangesComeFromTheBoard()
    {
        using var k = new TestKernel();
        uint irq = (uint)ZxResourceKind.Irq;
        Assert.Equal(ZxStatus.Ok, k.Sys.ResourceCreate(k.Root, irq | ZxResourceFlags.Exclusive, 33, 1, "uart-irq"u8, out ZxHandle uartIrq));
        Assert.Equal(ZxStatus.NotFound, k.Sys.ResourceCreate(k.Root, irq, 33, 1, ""u8, out _));
        Assert.Equal(ZxStatus.NotFound, k.Sys.ResourceCreate(k.Root, irq, 0, 32, ""u8, out _));      // SGIs/PPIs are not declared
        Assert.Equal(ZxStatus.NotFound, k.Sys.ResourceCreate(k.Root, irq, 1019, 2, ""u8, out _));    // past the last SPI
        Assert.Equal(ZxStatus.NotFound, k.Sys.ResourceCreate(k.Root, (uint)ZxResourceKind.IoPort, 0xCF8, 8, ""u8, out _)); // arm64: none
        // validate_ranged_resource with an IRQ window is exact, and the wrong kind is WRONG_TYPE.
        Assert.Equal(ZxStatus.Ok, k.Kernel.FirstProcess.Dispatcher.ValidateRangedResource(uartIrq, ZxResourceKind.Irq, 33, 1));
        Assert.Equal(ZxStatus.OutOfRange, k.Kernel.FirstProcess.Dispatcher.ValidateRangedResource(uartIrq, ZxResourceKind.Irq, 33, 2));
        Assert.Equal(ZxStatus.OutOfRange, k.Kernel.FirstProcess.Dispatcher.ValidateRangedResource(uartIrq, ZxResourceKind.Irq, 33, 0));
        Assert.Equal(ZxStatus.WrongType, k.Kernel.FirstProcess.Dispatcher.ValidateRangedResource(uartIrq, ZxResourceKind.Mmio, 33, 1));
        Assert.Equal(ZxStatus.Ok, k.Kernel.FirstProcess.Dispatcher.ValidateRangedResource(k.Root, ZxResourceKind.Irq, 0, 0));
        k.Sys.HandleClose(uartIrq);
        k.AssertNoLeaks();
    }

    [Fact]
    public void X86BoardDeclaresIoPorts()
    {
        var board = Zx.Kernel.Board.BoardLoader.Parse("""
            { "name": "pc", "regions": [ { "name": "ram", "kind": "ram", "base": 0, "size": "0x1000_0000" },
                                         { "name": "lapic", "kind": "mmio", "base": "0xFEE0_0000", "size": "0x1000" } ],
              "interrupts": [ { "base": 0, "count": 24 } ], "ioports": [ { "base": 0, "count": "0x10000" } ] }
            """, "pc.json");
        using var k = new TestKernel(board: board);
        Assert.Equal(ZxStatus.Ok, k.Sys.ResourceCreate(k.Root, (uint)ZxResourceKind.IoPort, 0xCF8, 8, "ports!"u8, out ZxHandle io));
        Assert.Equal(ZxStatus.NotFound, k.Sys.ResourceCreate(k.Root, (uint)ZxResourceKind.IoPort, 0xFFFF, 2, ""u8, out _));
        k.Sys.HandleClose(io);
        k.AssertNoLeaks();
    }

    [Fact]
    public void NameKeepsAtMost31BytesAndStopsAtNul()
    {
        using var k = new TestKernel();
        byte[] longName = System.Text.Encoding.ASCII.GetBytes(new string('n', 40));
        Assert.Equal(ZxStatus.Ok, k.Sys.ResourceCreate(k.Root, (uint)ZxResourceKind.Mmio, TestKernel.Uart, Page, longName, out ZxHandle r));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(r, ZxInfoTopic.Resource, out ZxInfoResource info));
        Assert.Equal(new string('n', 31), info.Name.ToString());
        Assert.Equal(0, ((ReadOnlySpan<byte>)info.Name)[31]);
        Assert.Equal(ZxStatus.Ok, k.Sys.ResourceCreate(k.Root, (uint)ZxResourceKind.Mmio, TestKernel.Uart, Page, "ab\0cd"u8, out ZxHandle r2));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(r2, ZxInfoTopic.Resource, out info));
        Assert.Equal("ab", info.Name.ToString());
        k.Sys.HandleCloseMany([r, r2]);
        k.AssertNoLeaks();
    }

    // Safety: the pointers are to the test's own pinned arrays and locals, or are bad user addresses the kernel must refuse.
    [Fact]
    public unsafe void NullNameWithLengthAndNullOut()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.ResourceCreate(k.Root, (uint)ZxResourceKind.Mmio, TestKernel.Uart, Page, null, 4, null));
        ZxHandle h;
        Assert.Equal(ZxStatus.Ok, k.Sys.ResourceCreate(k.Root, (uint)ZxResourceKind.Mmio, TestKernel.Uart, Page, null, 0, &h));
        // A NULL out destroys the new exclusive resource, so its range is free again.
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.ResourceCreate(k.Root, (uint)ZxResourceKind.Mmio | ZxResourceFlags.Exclusive, TestKernel.HighMmio, Page, null, 0, null));
        ZxHandle again = k.Mmio(TestKernel.HighMmio, Page, exclusive: true);
        k.Sys.HandleCloseMany([h, again]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void InjectedFailureLeavesNoResourceAndNoReservation()
    {
        using var k = new TestKernel();
        for (int n = 1; n <= 2; n++)
        {
            k.Kernel.Faults.FailNthAllocation(n);
            Assert.Equal(ZxStatus.NoMemory, k.Sys.ResourceCreate(k.Root, (uint)ZxResourceKind.Mmio | ZxResourceFlags.Exclusive, TestKernel.HighMmio, Page, "x"u8, out _));
            k.AssertNoLeaks();
        }
        ZxHandle h = k.Mmio(TestKernel.HighMmio, Page, exclusive: true);
        k.Sys.HandleClose(h);
        k.AssertNoLeaks();
    }
}
