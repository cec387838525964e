namespace Zx.Tests;

/// <summary>Fifos on the managed surface: the rings' bytes charged to the board's RAM, a producer and a consumer on
/// two threads, and nothing left behind.</summary>
public sealed class FifoTests
{
    [Fact]
    public void BothRingsAreChargedToTheBoardsRamUntilBothEndsAreGone()
    {
        using var k = new TestKernel();
        ulong before = k.Kernel.KernelHeapBytes;
        Assert.Equal(ZxStatus.Ok, k.Sys.FifoCreate(64, 16, out ZxHandle a, out ZxHandle b));
        Assert.Equal(before + 2 * 64 * 16, k.Kernel.KernelHeapBytes);
        k.Sys.HandleClose(a); // a's ring goes with a: once unlinked, nothing keeps it
        Assert.Equal(before + 64 * 16, k.Kernel.KernelHeapBytes);
        k.Sys.HandleClose(b);
        Assert.Equal(before, k.Kernel.KernelHeapBytes);
        k.AssertNoLeaks();
    }

    [Fact]
    public void AProducerAndAConsumerMoveEveryElementInOrder()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.FifoCreate(8, 8, out ZxHandle producer, out ZxHandle consumer));
        const int Count = 20_000;
        var received = new List<ulong>(Count);
        var reader = new Thread(() =>
        {
            var buffer = new byte[8 * 8];
            while (received.Count < Count)
            {
                ZxStatus status = k.Sys.FifoRead(consumer, 8, buffer, out nuint n);
                if (status == ZxStatus.ShouldWait)
                {
                    k.Sys.ObjectWaitOne(consumer, ZxSignals.ObjectReadable | ZxSignals.ObjectPeerClosed, ZxConstants.TimeInfinite, out _);
                    continue;
                }
                Assert.Equal(ZxStatus.Ok, status);
                for (int i = 0; i < (int)n; i++)
                    received.Add(BitConverter.ToUInt64(buffer, 8 * i));
            }
        });
        reader.Start();
        var element = new byte[8];
        for (ulong next = 0; next < Count;)
        {
            BitConverter.TryWriteBytes(element, next);
            ZxStatus status = k.Sys.FifoWrite(producer, 8, element, out nuint n);
            if (status == ZxStatus.ShouldWait)
            {
                k.Sys.ObjectWaitOne(producer, ZxSignals.ObjectWritable, ZxConstants.TimeInfinite, out _);
                continue;
            }
            Assert.Equal(ZxStatus.Ok, status);
            Assert.Equal((nuint)1, n);
            next++;
        }
        Assert.True(reader.Join(TimeSpan.FromSeconds(30)));
        Assert.Equal(Enumerable.Range(0, Count).Select(i => (ulong)i), received);
        k.Sys.HandleCloseMany([producer, consumer]);
        k.AssertNoLeaks();
    }
}
