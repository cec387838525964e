namespace Zx.Tests;

/// <summary>The hot paths that must allocate nothing on the managed heap: a duplicate + close, a
/// handle lookup, <c>zx_object_get_info</c> HANDLE_BASIC, and a port queue + wait (counted on the calling thread,
/// after a warm-up).</summary>
public sealed class AllocationFreeTests
{
    private const int Rounds = 10_000;

    private static long AllocatedBy(Action body)
    {
        // Warm up: first calls may allocate (tiered compilation), and the handle table grows once until closed
        // slots start being reused (after 64 of them).
        for (int i = 0; i < 200; i++)
            body();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Rounds; i++)
            body();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void DuplicateAndCloseAllocateNothing()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreate(4096, ZxVmoOptions.None, out ZxHandle vmo));
        ZxStatus last = ZxStatus.Internal;
        long bytes = AllocatedBy(() =>
        {
            k.Sys.HandleDuplicate(vmo, ZxRights.SameRights, out ZxHandle d);
            last = k.Sys.HandleClose(d);
        });
        Assert.Equal(ZxStatus.Ok, last);
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void PortQueueAndAWaitThatFindsThePacketAllocateNothing()
    {
        // The blocking half of zx_port_wait makes closures; a wait that finds a packet queued must not reach it.
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.PortCreate(0, out ZxHandle port));
        ZxStatus last = ZxStatus.Internal;
        ulong key = 0, received = 0;
        long bytes = AllocatedBy(() =>
        {
            k.Sys.PortQueue(port, new ZxPortPacket { Key = ++key });
            last = k.Sys.PortWait(port, ZxConstants.TimeInfinite, out ZxPortPacket packet);
            received = packet.Key;
        });
        Assert.Equal(ZxStatus.Ok, last);
        Assert.Equal(key, received);
        Assert.Equal(0, bytes);
    }

    // Safety: the pointers are to the test's own pinned arrays and locals, or are bad user addresses the kernel must refuse.
    [Fact]
    public unsafe void LookupAndGetInfoHandleBasicAllocateNothing()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreate(4096, ZxVmoOptions.None, out ZxHandle vmo));
        ZxStatus last = ZxStatus.Internal;
        long bytes = AllocatedBy(() =>
        {
            ZxInfoHandleBasic info;
            last = k.Sys.ObjectGetInfo(vmo, ZxInfoTopic.HandleBasic, &info, (ulong)sizeof(ZxInfoHandleBasic), null, null);
        });
        Assert.Equal(ZxStatus.Ok, last);
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void APhysicalVmoCostsAtMost256BytesAndAHandleSlot24()
    {
        using var k = new TestKernel();
        ZxHandle mmio = k.Mmio(TestKernel.Uart, 4096);
        var handles = new ZxHandle[1000];
        for (int round = 0; round < 2; round++)
        {
            // The first round grows the handle table; the second reuses its slots, so only the objects count.
            long before = GC.GetAllocatedBytesForCurrentThread();
            int failures = 0;
            for (int i = 0; i < handles.Length; i++)
                failures += k.Sys.VmoCreatePhysical(mmio, TestKernel.Uart, 4096, out handles[i]) == ZxStatus.Ok ? 0 : 1;
            long perVmo = (GC.GetAllocatedBytesForCurrentThread() - before) / handles.Length;
            Assert.Equal(0, failures);
            Assert.Equal(ZxStatus.Ok, k.Sys.HandleCloseMany(handles));
            if (round == 1)
                Assert.True(perVmo <= 256, $"a physical VMO allocates {perVmo} bytes");
        }
        Assert.Equal(24, Zx.Kernel.Object.HandleTable.EntryBytes);
    }
}
