namespace Zx.Tests;

/// <summary>Paged VMOs: zx_vmo_create, read, write, get_size, set_size (2018 rules).</summary>
// Safety: the pointers are to the test's own pinned arrays and locals, or are bad user addresses the kernel must refuse.
public sealed unsafe class PagedVmoTests
{
    private const ulong Page = ZxConstants.PageSize;

    [Fact]
    public void ReadAndWriteThatLoseTheRaceWithTheLastCloseAnswerBadHandleAndCommitNothing()
    {
        // zx_vmo_read and zx_vmo_write borrow the handle's object without a reference. Here the borrow happens, then
        // the last handle goes (the object is destroyed and its pages freed), then the read and the write reach the
        // object: they must refuse as if the close had come first, and the write must not commit a page that nothing
        // would ever free.
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(2 * Page);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoWrite(vmo, [7], 0));
        Assert.Equal(1UL, k.Kernel.AllocatedPages);
        Assert.True(k.Kernel.FirstProcess.Dispatcher.Handles.TryBorrow(vmo, out Zx.Kernel.Object.Dispatcher? borrowed, out _));
        var target = (Zx.Kernel.Object.VmObjectDispatcher)borrowed!;
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(vmo));
        Assert.Equal(0UL, k.Kernel.AllocatedPages);
        byte[] buffer = new byte[Page];
        fixed (byte* p = buffer)
        {
            Assert.Equal(ZxStatus.BadHandle, target.Read(p, 0, Page));
            Assert.Equal(ZxStatus.BadHandle, target.Write(p, Page, Page));
            // The VM layer knows no handles: it says the object is gone, and the dispatcher answers BAD_HANDLE.
            Assert.Equal(Zx.Kernel.Vm.VmObject.Destroyed, target.Vmo.Read(p, 0, Page));
            Assert.NotEqual(ZxStatus.BadHandle, Zx.Kernel.Vm.VmObject.Destroyed);
        }
        Assert.Equal(0UL, k.Kernel.AllocatedPages);
        k.AssertNoLeaks();
    }

    [Fact]
    public void CreateRoundsUpAndChecksOptions()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreate(1, ZxVmoOptions.None, out ZxHandle one));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoGetSize(one, out ulong size));
        Assert.Equal(Page, size);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreate(0, ZxVmoOptions.NonResizable, out ZxHandle zero));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoGetSize(zero, out size));
        Assert.Equal(0UL, size);
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoCreate(Page, (ZxVmoOptions)2, out _));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoCreate(Page, (ZxVmoOptions)3, out _));
        Assert.Equal(ZxStatus.OutOfRange, k.Sys.VmoCreate(ulong.MaxValue, ZxVmoOptions.None, out _));
        Assert.Equal(ZxStatus.OutOfRange, k.Sys.VmoCreate(0xFFFF_FFFF_FFFE_0001, ZxVmoOptions.None, out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreate(0xFFFF_FFFF_FFFE_0000, ZxVmoOptions.None, out ZxHandle huge));
        Assert.Equal(ZxDefaultRights.Vmo, k.RightsOf(one));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(one, ZxInfoTopic.Vmo, out ZxInfoVmo info));
        Assert.Equal(ZxInfoVmoFlags.TypePaged | ZxInfoVmoFlags.Resizable | ZxInfoVmoFlags.ViaHandle, info.Flags);
        Assert.Equal(ZxCachePolicy.Cached, info.CachePolicy);
        Assert.Equal(1u, info.CreateOptions);
        k.Sys.HandleCloseMany([one, zero, huge]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void UnwrittenPagesReadAsZeroAndWritesRoundTrip()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(4 * Page);
        var buffer = new byte[4 * Page];
        Array.Fill(buffer, (byte)0xAA);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoRead(vmo, buffer, 0));
        Assert.All(buffer, b => Assert.Equal(0, b));
        Assert.Equal(0UL, k.Kernel.AllocatedPages);
        byte[] data = Enumerable.Range(0, 6000).Select(i => (byte)(i * 7)).ToArray();
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoWrite(vmo, data, Page - 100));
        Assert.Equal(3UL, k.Kernel.AllocatedPages); // bytes 3996..9995 touch pages 0, 1 and 2
        var back = new byte[6000];
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoRead(vmo, back, Page - 100));
        Assert.Equal(data, back);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(vmo, ZxInfoTopic.Vmo, out ZxInfoVmo info));
        Assert.Equal(3 * Page, info.CommittedBytes);
        // The bytes are in the board's RAM, visible through the kernel's physmap.
        k.Sys.HandleClose(vmo);
        Assert.Equal(0UL, k.Kernel.AllocatedPages);
        k.AssertNoLeaks();
    }

    [Fact]
    public void ReadWriteRangeChecksWithOffsetsNearTwoToTheSixtyFour()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(2 * Page);
        var one = new byte[1];
        Assert.Equal(ZxStatus.OutOfRange, k.Sys.VmoRead(vmo, one, 2 * Page));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoRead(vmo, one, 2 * Page - 1));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoRead(vmo, Span<byte>.Empty, 2 * Page));
        Assert.Equal(ZxStatus.OutOfRange, k.Sys.VmoRead(vmo, Span<byte>.Empty, 2 * Page + 1));
        Assert.Equal(ZxStatus.OutOfRange, k.Sys.VmoRead(vmo, one, ulong.MaxValue));
        Assert.Equal(ZxStatus.OutOfRange, k.Sys.VmoWrite(vmo, one, ulong.MaxValue));
        Assert.Equal(ZxStatus.OutOfRange, k.Sys.VmoWrite(vmo, new byte[16], ulong.MaxValue - 7));
        Assert.Equal(ZxStatus.OutOfRange, k.Sys.VmoRead(vmo, new byte[3 * Page], 0));
        Assert.Equal(0UL, k.Kernel.AllocatedPages);
        k.Sys.HandleClose(vmo);
        k.AssertNoLeaks();
    }

    // Safety: the pointers are to the test's own pinned arrays and locals, or are bad user addresses the kernel must refuse.
    [Fact]
    public unsafe void HugeLengthsFromCAreRangeChecked()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(2 * Page);
        byte b = 0;
        Assert.Equal(ZxStatus.OutOfRange, k.Sys.VmoRead(vmo, &b, 1, ulong.MaxValue));
        Assert.Equal(ZxStatus.OutOfRange, k.Sys.VmoWrite(vmo, &b, 0, ulong.MaxValue));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoWrite(vmo, null, 0, 1));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoWrite(vmo, null, 0, 0));
        k.Sys.HandleClose(vmo);
        k.AssertNoLeaks();
    }

    [Fact]
    public void RightsAreCheckedFirstInThe2018Order()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(Page);
        ZxHandle readOnly = k.Duplicate(vmo, ZxRights.Read);
        ZxHandle none = k.Duplicate(vmo, ZxRights.None);
        var buf = new byte[4];
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.VmoWrite(readOnly, buf, 0));
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.VmoRead(none, buf, 0));
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.VmoWrite(none, buf, 0));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoGetSize(none, out _));
        // A resource with no rights passed to vmo_read: 2018 checks rights before type, so ACCESS_DENIED.
        ZxHandle bareRoot = k.Duplicate(k.Root, ZxRights.None);
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.VmoRead(bareRoot, buf, 0));
        // With the right but the wrong type: WRONG_TYPE.
        Assert.Equal(ZxStatus.WrongType, k.Sys.VmoWrite(k.Root, buf, 0));
        Assert.Equal(ZxStatus.WrongType, k.Sys.VmoGetSize(k.Root, out _));
        k.Sys.HandleCloseMany([vmo, readOnly, none, bareRoot]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void SetSize()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(4 * Page);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoWrite(vmo, new byte[4 * Page].Select(_ => (byte)1).ToArray(), 0));
        Assert.Equal(4UL, k.Kernel.AllocatedPages);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoSetSize(vmo, Page + 1));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoGetSize(vmo, out ulong size));
        Assert.Equal(2 * Page, size);
        Assert.Equal(2UL, k.Kernel.AllocatedPages);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoSetSize(vmo, 4 * Page));
        var tail = new byte[2 * Page];
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoRead(vmo, tail, 2 * Page));
        Assert.All(tail, b => Assert.Equal(0, b));
        Assert.Equal(ZxStatus.OutOfRange, k.Sys.VmoSetSize(vmo, ulong.MaxValue));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreate(Page, ZxVmoOptions.NonResizable, out ZxHandle fixedSize));
        Assert.Equal(ZxStatus.Unavailable, k.Sys.VmoSetSize(fixedSize, 2 * Page));
        k.Sys.HandleCloseMany([vmo, fixedSize]);
        Assert.Equal(0UL, k.Kernel.AllocatedPages);
        k.AssertNoLeaks();
    }

    [Fact]
    public void InjectedPageAllocationFailureIsNoMemory()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(Page);
        k.Kernel.Faults.FailNthAllocation(1);
        Assert.Equal(ZxStatus.NoMemory, k.Sys.VmoWrite(vmo, new byte[1], 0));
        Assert.Equal(0UL, k.Kernel.AllocatedPages);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoWrite(vmo, new byte[1], 0));
        for (int n = 1; n <= 2; n++)
        {
            k.Kernel.Faults.FailNthAllocation(n);
            Assert.Equal(ZxStatus.NoMemory, k.Sys.VmoCreate(Page, ZxVmoOptions.None, out _));
        }
        k.Sys.HandleClose(vmo);
        k.AssertNoLeaks();
    }

    [Fact]
    public void RamRunsOut()
    {
        var board = Zx.Kernel.Board.BoardLoader.Parse("""
            { "name": "tiny", "regions": [ { "name": "ram", "kind": "ram", "base": "0x1000", "size": "0x4000" } ] }
            """, "tiny.json");
        using var k = new TestKernel(board: board);
        ZxHandle vmo = k.Vmo(8 * Page);
        Assert.Equal(ZxStatus.NoMemory, k.Sys.VmoWrite(vmo, new byte[8 * Page], 0));
        Assert.Equal(4UL, k.Kernel.AllocatedPages);
        k.Sys.HandleClose(vmo);
        Assert.Equal(0UL, k.Kernel.AllocatedPages);
        ZxHandle again = k.Vmo(4 * Page);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoWrite(again, new byte[4 * Page], 0));
        k.Sys.HandleClose(again);
        k.AssertNoLeaks();
    }
}
