using CsCheck;

namespace Zx.Tests;

/// <summary>Sockets on the managed surface: the buffers charged to the board's RAM, a producer and a consumer on two
/// threads, random programs against a model of two byte queues, and nothing left behind.</summary>
public sealed class SocketTests
{
    private const int BufferMax = (int)ZxSocket.BufferMax;

    [Fact]
    public void QueuedBytesAndControlSlotsAreChargedToTheBoardsRam()
    {
        using var k = new TestKernel();
        ulong before = k.Kernel.KernelHeapBytes;
        Assert.Equal(ZxStatus.Ok, k.Sys.SocketCreate(0, out ZxHandle a, out ZxHandle b));
        Assert.Equal(before, k.Kernel.KernelHeapBytes); // an empty stream socket holds no buffer
        Assert.Equal(ZxStatus.Ok, k.Sys.SocketWrite(a, 0, new byte[100_000], out nuint written));
        Assert.Equal((nuint)100_000, written);
        ulong held = k.Kernel.KernelHeapBytes - before;
        Assert.InRange(held, 100_000UL, 2 * 100_000UL);
        Assert.Equal(ZxStatus.Ok, k.Sys.SocketRead(b, 0, new byte[100_000], out nuint read));
        Assert.Equal((nuint)100_000, read);
        Assert.Equal(before, k.Kernel.KernelHeapBytes); // an emptied large buffer is given back
        Assert.Equal(ZxStatus.Ok, k.Sys.SocketWrite(a, 0, new byte[100], out _));
        k.Sys.HandleCloseMany([a, b]);
        Assert.Equal(before, k.Kernel.KernelHeapBytes);
        Assert.Equal(ZxStatus.Ok, k.Sys.SocketCreate(ZxSocket.HasControl, out a, out b));
        Assert.Equal(before + 2 * ZxSocket.ControlMessageMax, k.Kernel.KernelHeapBytes);
        k.Sys.HandleCloseMany([a, b]);
        Assert.Equal(before, k.Kernel.KernelHeapBytes);
        k.AssertNoLeaks();
    }

    [Fact]
    public void AFullBoardIsNoMemoryAndLeavesTheSocketAsItWas()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.SocketCreate(ZxSocket.Datagram, out ZxHandle a, out ZxHandle b));
        Assert.Equal(ZxStatus.Ok, k.Sys.SocketWrite(a, 0, "kept"u8, out _));
        ulong free = k.Kernel.Board.RamBytes - k.Kernel.AllocatedPages * ZxConstants.PageSize - k.Kernel.KernelHeapBytes - ZxConstants.PageSize;
        Assert.True(k.Kernel.Pmm.TryChargeHeap(free)); // the board's RAM is all but taken
        try
        {
            Assert.Equal(ZxStatus.NoMemory, k.Sys.SocketWrite(a, 0, new byte[64 * 1024], out _));
        }
        finally
        {
            k.Kernel.Pmm.UnchargeHeap(free);
        }
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(b, ZxInfoTopic.Socket, out ZxInfoSocket info));
        Assert.Equal(4UL, info.RxBufSize);
        var buffer = new byte[16];
        Assert.Equal(ZxStatus.Ok, k.Sys.SocketRead(b, 0, buffer, out nuint n));
        Assert.Equal("kept"u8.ToArray(), buffer[..(int)n]);
        k.Sys.HandleCloseMany([a, b]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void AProducerAndAConsumerMoveEveryByteInOrder()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.SocketCreate(0, out ZxHandle producer, out ZxHandle consumer));
        const int Total = 3 * BufferMax + 12_345;
        var source = new byte[Total];
        new Random(7).NextBytes(source);
        var received = new byte[Total];
        int got = 0;
        var reader = new Thread(() =>
        {
            var random = new Random(11);
            while (got < Total)
            {
                int want = random.Next(1, 70_000);
                ZxStatus status = k.Sys.SocketRead(consumer, 0, received.AsSpan(got, Math.Min(want, Total - got)), out nuint n);
                if (status == ZxStatus.ShouldWait)
                {
                    k.Sys.ObjectWaitOne(consumer, ZxSignals.ObjectReadable | ZxSignals.ObjectPeerClosed, ZxConstants.TimeInfinite, out _);
                    continue;
                }
                Assert.Equal(ZxStatus.Ok, status);
                got += (int)n;
            }
        });
        reader.Start();
        var chunks = new Random(13);
        for (int sent = 0; sent < Total;)
        {
            int size = Math.Min(chunks.Next(1, 90_000), Total - sent);
            ZxStatus status = k.Sys.SocketWrite(producer, 0, source.AsSpan(sent, size), out nuint n);
            if (status == ZxStatus.ShouldWait)
            {
                k.Sys.ObjectWaitOne(producer, ZxSignals.ObjectWritable, ZxConstants.TimeInfinite, out _);
                continue;
            }
            Assert.Equal(ZxStatus.Ok, status);
            sent += (int)n;
        }
        Assert.True(reader.Join(TimeSpan.FromSeconds(60)));
        Assert.Equal(source, received);
        k.Sys.HandleCloseMany([producer, consumer]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void ASharedSocketLeftInTheSlotIsClosedWithItsHolder()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.SocketCreate(ZxSocket.HasAccept, out ZxHandle a0, out ZxHandle a1));
        Assert.Equal(ZxStatus.Ok, k.Sys.SocketCreate(ZxSocket.HasControl, out ZxHandle b0, out ZxHandle b1));
        Assert.Equal(ZxStatus.Ok, k.Sys.SocketShare(a0, b0));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.HandleClose(b0));
        // Closing the sender does not close what waits at the peer; closing the holder does.
        k.Sys.HandleClose(a0);
        k.Sys.ObjectWaitOne(b1, ZxSignals.User7, 0, out ZxSignals observed);
        Assert.Equal(ZxSignals.None, observed & ZxSignals.ObjectPeerClosed);
        k.Sys.HandleClose(a1);
        k.Sys.ObjectWaitOne(b1, ZxSignals.User7, 0, out observed);
        Assert.Equal(ZxSignals.ObjectPeerClosed, observed & ZxSignals.ObjectPeerClosed);
        k.Sys.HandleClose(b1);
        k.AssertNoLeaks();
    }

    [Fact]
    public void AnAcceptThatCannotHandTheSocketOutLeavesItInTheSlot()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.SocketCreate(ZxSocket.HasAccept, out ZxHandle a0, out ZxHandle a1));
        Assert.Equal(ZxStatus.Ok, k.Sys.SocketCreate(0, out ZxHandle b0, out ZxHandle b1));
        Assert.Equal(ZxStatus.Ok, k.Sys.SocketShare(a0, b0));
        unsafe
        {
            Assert.Equal(ZxStatus.InvalidArgs, k.Sys.SocketAccept(a1, (ZxHandle*)0x2000));
        }
        k.Sys.ObjectWaitOne(a1, ZxSignals.User7, 0, out ZxSignals observed);
        Assert.Equal(ZxSignals.SocketAccept, observed & ZxSignals.SocketAccept);
        Assert.Equal(ZxStatus.Ok, k.Sys.SocketAccept(a1, out ZxHandle accepted));
        Assert.Equal(ZxStatus.Ok, k.Sys.SocketWrite(accepted, 0, "x"u8, out _));
        k.Sys.HandleCloseMany([a0, a1, accepted, b1]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void BadUserBuffersAreInvalidArgsAndMoveNothing()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.SocketCreate(ZxSocket.HasControl, out ZxHandle a, out ZxHandle b));
        unsafe
        {
            nuint actual = 99;
            var wild = (byte*)0x2000;
            Assert.Equal(ZxStatus.InvalidArgs, k.Sys.SocketWrite(a, 0, wild, 16, &actual));
            Assert.Equal(ZxStatus.InvalidArgs, k.Sys.SocketWrite(a, ZxSocket.Control, wild, 16, &actual));
            Assert.Equal((nuint)99, actual);
            Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(b, ZxInfoTopic.Socket, out ZxInfoSocket info));
            Assert.Equal(0UL, info.RxBufSize);
            Assert.Equal(ZxStatus.Ok, k.Sys.SocketWrite(a, 0, "data"u8, out _));
            Assert.Equal(ZxStatus.Ok, k.Sys.SocketWrite(a, ZxSocket.Control, "ctl"u8, out _));
            Assert.Equal(ZxStatus.InvalidArgs, k.Sys.SocketRead(b, 0, wild, 16, &actual));
            Assert.Equal(ZxStatus.InvalidArgs, k.Sys.SocketRead(b, ZxSocket.Control, wild, 16, &actual));
            // Nothing was taken; a bad actual pointer takes the bytes all the same (2018).
            Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(b, ZxInfoTopic.Socket, out info));
            Assert.Equal(4UL, info.RxBufSize);
            byte[] buffer = new byte[8];
            fixed (byte* p = buffer)
                Assert.Equal(ZxStatus.InvalidArgs, k.Sys.SocketRead(b, 0, p, 8, (nuint*)0x2000));
            Assert.Equal("data"u8.ToArray(), buffer[..4]);
            Assert.Equal(ZxStatus.ShouldWait, k.Sys.SocketRead(b, 0, buffer, out _));
            Assert.Equal(ZxStatus.Ok, k.Sys.SocketRead(b, ZxSocket.Control, buffer, out nuint n));
            Assert.Equal((nuint)3, n);
        }
        k.Sys.HandleCloseMany([a, b]);
        k.AssertNoLeaks();
    }

    /// <summary>Random programs of writes (up to past the buffer's size), reads, peeks, shutdowns and closes on both
    /// ends of a stream or datagram socket, against a model of two bounded byte queues: every status, count, byte,
    /// signal and buffer size must agree.</summary>
    [Fact]
    public void RandomProgramsAgreeWithAByteQueueModel()
    {
        int[] sizes = [0, 1, 3, 100, 2008, 5000, 100_000, 200_000, BufferMax, BufferMax + 1];
        Gen.Select(Gen.Bool, Gen.Select(Gen.Int[0, 8], Gen.Int[0, 1], Gen.Int[0, sizes.Length - 1]).Array[1, 40]).Sample((datagram, program) =>
        {
            using var k = new TestKernel();
            Assert.Equal(ZxStatus.Ok, k.Sys.SocketCreate(datagram ? ZxSocket.Datagram : 0, out ZxHandle a, out ZxHandle b));
            ZxHandle[] ends = [a, b];
            bool[] open = [true, true], writeDisabled = [false, false], readDisabled = [false, false];
            var queues = new[] { new LinkedList<byte[]>(), new LinkedList<byte[]>() }; // queues[i]: what end i will read
            int[] queued = [0, 0];
            byte stamp = 1;
            foreach ((int op, int side, int which) in program)
            {
                int peer = 1 - side, n = sizes[which];
                if (!open[side])
                    continue;
                switch (op)
                {
                    case 0 or 1 or 2: // write n bytes
                    {
                        byte[] bytes = new byte[n];
                        for (int i = 0; i < n; i++)
                            bytes[i] = (byte)(stamp + i);
                        stamp += 17;
                        ZxStatus status = k.Sys.SocketWrite(ends[side], 0, bytes, out nuint actual);
                        int room = BufferMax - queued[peer];
                        ZxStatus expected = !open[peer] ? ZxStatus.PeerClosed : writeDisabled[side] ? ZxStatus.BadState
                            : n == 0 ? ZxStatus.Ok : room <= 0 ? ZxStatus.ShouldWait
                            : !datagram ? ZxStatus.Ok : n > BufferMax ? ZxStatus.OutOfRange : n > room ? ZxStatus.ShouldWait : ZxStatus.Ok;
                        Assert.Equal(expected, status);
                        if (status == ZxStatus.Ok && n > 0)
                        {
                            int taken = datagram ? n : Math.Min(n, room);
                            Assert.Equal((nuint)taken, actual);
                            queues[peer].AddLast(bytes[..taken]);
                            queued[peer] += taken;
                        }
                        break;
                    }
                    case 3 or 4 or 5: // read (op 5 peeks) up to n bytes; n == 0 asks what one read could take
                    {
                        bool peek = op == 5;
                        byte[] buffer = new byte[n];
                        ZxStatus status = k.Sys.SocketRead(ends[side], peek ? ZxSocket.Peek : 0, buffer, out nuint actual);
                        LinkedList<byte[]> q = queues[side];
                        if (n == 0)
                        {
                            Assert.Equal(ZxStatus.Ok, status);
                            Assert.Equal((nuint)(datagram ? q.First?.Value.Length ?? 0 : queued[side]), actual);
                            break;
                        }
                        ZxStatus expected = queued[side] > 0 ? ZxStatus.Ok : !open[peer] ? ZxStatus.PeerClosed
                            : readDisabled[side] ? ZxStatus.BadState : ZxStatus.ShouldWait;
                        Assert.Equal(expected, status);
                        if (status != ZxStatus.Ok)
                            break;
                        byte[] want = datagram ? q.First!.Value[..Math.Min(n, q.First.Value.Length)] : Take(q, n);
                        Assert.Equal((nuint)want.Length, actual);
                        Assert.Equal(want, buffer[..want.Length]);
                        if (peek)
                            break;
                        int consumed = datagram ? q.First!.Value.Length : want.Length;
                        if (datagram)
                            q.RemoveFirst();
                        else
                            Drop(q, consumed);
                        queued[side] -= consumed;
                        break;
                    }
                    case 6: // shut down one way or both
                    {
                        uint how = (uint)(which % 3 + 1);
                        Assert.Equal(ZxStatus.Ok, k.Sys.SocketShutdown(ends[side], how));
                        if ((how & ZxSocket.ShutdownWrite) != 0)
                        {
                            writeDisabled[side] = true;
                            readDisabled[peer] |= open[peer];
                        }
                        if ((how & ZxSocket.ShutdownRead) != 0)
                        {
                            readDisabled[side] = true;
                            writeDisabled[peer] |= open[peer];
                        }
                        break;
                    }
                    default:
                        if (which < 8)
                            break; // closes are rare, so programs go deep
                        k.Sys.HandleClose(ends[side]);
                        open[side] = false;
                        queues[side].Clear();
                        queued[side] = 0;
                        break;
                }
                for (int i = 0; i < 2; i++)
                {
                    if (!open[i])
                        continue;
                    k.Sys.ObjectWaitOne(ends[i], ZxSignals.User7, 0, out ZxSignals observed);
                    ZxSignals want = (queued[i] > 0 ? ZxSignals.ObjectReadable : 0)
                        | (open[1 - i] && !writeDisabled[i] && queued[1 - i] < BufferMax ? ZxSignals.ObjectWritable : 0)
                        | (open[1 - i] ? 0 : ZxSignals.ObjectPeerClosed)
                        | (writeDisabled[i] ? ZxSignals.SocketWriteDisabled : 0)
                        | (readDisabled[i] ? ZxSignals.SocketPeerWriteDisabled : 0);
                    Assert.Equal(want, observed & ~ZxSignals.UserAll);
                    Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(ends[i], ZxInfoTopic.Socket, out ZxInfoSocket info));
                    Assert.Equal((ulong)queued[i], info.RxBufSize);
                    Assert.Equal(open[1 - i] ? (ulong)queued[1 - i] : 0, info.TxBufSize);
                }
            }
            for (int i = 0; i < 2; i++)
            {
                if (open[i])
                    k.Sys.HandleClose(ends[i]);
            }
            k.AssertNoLeaks();
        }, iter: 150);
    }

    private static byte[] Take(LinkedList<byte[]> queue, int count)
    {
        var result = new List<byte>(count);
        foreach (byte[] chunk in queue)
        {
            result.AddRange(chunk.AsSpan(0, Math.Min(chunk.Length, count - result.Count)));
            if (result.Count == count)
                break;
        }
        return [.. result];
    }

    private static void Drop(LinkedList<byte[]> queue, int count)
    {
        while (count > 0)
        {
            byte[] first = queue.First!.Value;
            queue.RemoveFirst();
            if (first.Length > count)
                queue.AddFirst(first[count..]);
            count -= Math.Min(count, first.Length);
        }
    }
}
