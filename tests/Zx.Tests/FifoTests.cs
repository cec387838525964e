using CsCheck;

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

    /// <summary>Random programs of writes, reads (with a right and a wrong element size) and closes on both ends,
    /// against a reference model of two bounded queues: every status, count, element and signal must agree.</summary>
    [Fact]
    public void RandomProgramsAgreeWithAQueueModel()
    {
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, 1], Gen.Int[0, 9]).Array[1, 60].Sample(program =>
        {
            using var k = new TestKernel();
            const uint Count = 8, Size = 4;
            Assert.Equal(ZxStatus.Ok, k.Sys.FifoCreate(Count, Size, out ZxHandle a, out ZxHandle b));
            ZxHandle[] ends = [a, b];
            bool[] open = [true, true];
            var rings = new[] { new Queue<uint>(), new Queue<uint>() }; // rings[i]: what end i will read
            uint next = 1;
            foreach ((int op, int side, int n) in program)
            {
                int peer = 1 - side;
                if (!open[side])
                    continue;
                var bytes = new byte[n * Size];
                switch (op)
                {
                    case 0 or 1: // write n elements
                    {
                        for (int i = 0; i < n; i++)
                            BitConverter.TryWriteBytes(bytes.AsSpan(i * 4), next + (uint)i);
                        ZxStatus status = k.Sys.FifoWrite(ends[side], Size, bytes, out nuint actual);
                        ZxStatus expected = !open[peer] ? ZxStatus.PeerClosed : n == 0 ? ZxStatus.OutOfRange
                            : rings[peer].Count == Count ? ZxStatus.ShouldWait : ZxStatus.Ok;
                        Assert.Equal(expected, status);
                        if (status == ZxStatus.Ok)
                        {
                            int fit = Math.Min(n, (int)Count - rings[peer].Count);
                            Assert.Equal((nuint)fit, actual);
                            for (int i = 0; i < fit; i++)
                                rings[peer].Enqueue(next++);
                            next += (uint)(n - fit);
                        }
                        break;
                    }
                    case 2 or 3: // read up to n elements
                    {
                        ZxStatus status = k.Sys.FifoRead(ends[side], Size, bytes, out nuint actual);
                        ZxStatus expected = n == 0 ? ZxStatus.OutOfRange : rings[side].Count > 0 ? ZxStatus.Ok
                            : open[peer] ? ZxStatus.ShouldWait : ZxStatus.PeerClosed;
                        Assert.Equal(expected, status);
                        if (status == ZxStatus.Ok)
                        {
                            int got = Math.Min(n, rings[side].Count);
                            Assert.Equal((nuint)got, actual);
                            for (int i = 0; i < got; i++)
                                Assert.Equal(rings[side].Dequeue(), BitConverter.ToUInt32(bytes, i * 4));
                        }
                        break;
                    }
                    case 4: // the wrong element size is refused before anything else but a closed peer
                        Assert.Equal(open[peer] ? ZxStatus.OutOfRange : ZxStatus.PeerClosed, k.Sys.FifoWrite(ends[side], Size * 2, new byte[8], out _));
                        break;
                    default:
                        k.Sys.HandleClose(ends[side]);
                        open[side] = false;
                        rings[side].Clear();
                        break;
                }
                for (int i = 0; i < 2; i++)
                {
                    if (!open[i])
                        continue;
                    k.Sys.ObjectWaitOne(ends[i], ZxSignals.User7, 0, out ZxSignals observed);
                    ZxSignals want = (rings[i].Count > 0 ? ZxSignals.ObjectReadable : 0)
                        | (open[1 - i] && rings[1 - i].Count < Count ? ZxSignals.ObjectWritable : 0)
                        | (open[1 - i] ? 0 : ZxSignals.ObjectPeerClosed);
                    Assert.Equal(want, observed & ~ZxSignals.UserAll);
                }
            }
            for (int i = 0; i < 2; i++)
            {
                if (open[i])
                    k.Sys.HandleClose(ends[i]);
            }
            k.AssertNoLeaks();
        }, iter: 400);
    }
}
