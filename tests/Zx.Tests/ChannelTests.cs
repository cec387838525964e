namespace Zx.Tests;

/// <summary>Channels: bytes and handles between processes, the 2018 failure rules, signals and limits.</summary>
// Safety: the pointers are to the test's own pinned arrays and locals, or are bad user addresses the kernel must refuse.
public sealed unsafe class ChannelTests
{
    private const ulong Page = ZxConstants.PageSize;

    [Fact]
    public void APhysicalVmoSentToAnotherProcessIsMappedThereAndSharesBytes()
    {
        using var k = new TestKernel();
        ProcessContext other = k.Kernel.CreateProcess("driver-host");
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelCreate(0, out ZxHandle here, out ZxHandle there));
        // Hand the far end to the other process the way a launcher would: through the kernel's own table API.
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelCreate(0, out ZxHandle bootstrapHere, out ZxHandle bootstrapThere));
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelWrite(bootstrapHere, 0, "hello"u8, [there]));
        Assert.True(TryMoveHandle(k, bootstrapThere, other, out ZxHandle bootstrapInOther));
        var bytes = new byte[16];
        var handles = new ZxHandle[1];
        Assert.Equal(ZxStatus.Ok, other.Syscalls.ChannelRead(bootstrapInOther, 0, bytes, handles, out uint nb, out uint nh));
        Assert.Equal(5u, nb);
        Assert.Equal(1u, nh);
        ZxHandle channelInOther = handles[0];
        Assert.Equal(ZxStatus.BadHandle, k.Sys.HandleClose(there)); // it left this process

        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreatePhysical(k.Root, TestKernel.Uart, Page, out ZxHandle vmo));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarMap(k.Kernel.FirstProcess.RootVmar, ZxVmOptions.PermRead | ZxVmOptions.PermWrite, 0, vmo, 0, Page, out ulong mine));
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleDuplicate(vmo, ZxRights.SameRights, out ZxHandle toSend));
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelWrite(here, 0, ReadOnlySpan<byte>.Empty, [toSend]));
        Assert.Equal(ZxStatus.Ok, other.Syscalls.ChannelRead(channelInOther, 0, bytes, handles, out _, out nh));
        Assert.Equal(1u, nh);
        Assert.Equal(ZxStatus.Ok, other.Syscalls.ObjectGetInfo(handles[0], ZxInfoTopic.HandleBasic, out ZxInfoHandleBasic basic));
        Assert.Equal(ZxDefaultRights.Vmo, basic.Rights);
        Assert.Equal(ZxStatus.Ok, other.Syscalls.VmarMap(other.RootVmar, ZxVmOptions.PermRead | ZxVmOptions.PermWrite, 0, handles[0], 0, Page, out ulong theirs));
        ((byte*)mine)[100] = 0x77;
        Assert.Equal(0x77, ((byte*)theirs)[100]);
        ((byte*)theirs)[200] = 0x88;
        Assert.Equal(0x88, ((byte*)mine)[200]);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(vmo, ZxInfoTopic.Vmo, out ZxInfoVmo info));
        Assert.Equal(2UL, info.NumMappings);
        Assert.Equal(2UL, info.ShareCount);
        Assert.Equal(ZxStatus.Ok, other.Syscalls.VmarUnmap(other.RootVmar, theirs, Page));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(k.Kernel.FirstProcess.RootVmar, mine, Page));
        other.Syscalls.HandleCloseMany([handles[0], channelInOther, bootstrapInOther]);
        k.Sys.HandleCloseMany([vmo, here, bootstrapHere]);
        Assert.Equal(k.BaselineObjects + 2, k.Kernel.LiveObjectCount); // the other process and its root VMAR
        Assert.Equal(2, other.HandleCount);
    }

    /// <summary>Moves a handle from the first process into another (what a process launcher does).</summary>
    private static bool TryMoveHandle(TestKernel k, ZxHandle handle, ProcessContext to, out ZxHandle moved)
    {
        moved = ZxHandle.Invalid;
        if (!k.Kernel.FirstProcess.Dispatcher.Handles.TryRemove(handle, out Zx.Kernel.Object.HandleTable.Detached d))
            return false;
        Zx.Kernel.Object.HandleTable.InTransit t = d.Transfer();
        return to.Dispatcher.Handles.AddTransferred(t.Object, t.Rights, out moved) == ZxStatus.Ok;
    }

    [Fact]
    public void SendingWithoutTransferFailsAndDiscardsEveryNamedHandle()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelCreate(0, out ZxHandle a, out ZxHandle b));
        ZxHandle vmo = k.Vmo(Page);
        ZxHandle noTransfer = k.Duplicate(vmo, ZxRights.Read | ZxRights.Duplicate);
        ZxHandle fine = k.Duplicate(vmo, ZxRights.SameRights);
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.ChannelWrite(a, 0, "x"u8, [fine, noTransfer]));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.HandleClose(fine));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.HandleClose(noTransfer));
        Assert.Equal(ZxStatus.ShouldWait, k.Sys.ChannelRead(b, 0, new byte[8], new ZxHandle[4], out _, out _));
        // The channel end itself: NOT_SUPPORTED, and it is gone too.
        ZxHandle other = k.Duplicate(vmo, ZxRights.SameRights);
        Assert.Equal(ZxStatus.NotSupported, k.Sys.ChannelWrite(a, 0, ""u8, [other, a]));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.HandleClose(other));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.HandleClose(a));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(b, ZxSignals.ObjectPeerClosed, 0, out _));
        k.Sys.HandleCloseMany([vmo, b]);
        k.AssertNoLeaks();
    }

    /// <summary>channel WriteConsumesAllHandles: a write naming more than 64 handles is OUT_OF_RANGE and closes
    /// every one of them, past the 64th too (through zx_channel_call as well).</summary>
    [Theory]
    [InlineData(65, false)]
    [InlineData(200, false)]
    [InlineData(65, true)]
    public void AWriteOfTooManyHandlesClosesEveryOne(int count, bool call)
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelCreate(0, out ZxHandle a, out ZxHandle b));
        var events = new ZxHandle[count];
        for (int i = 0; i < count; i++)
            Assert.Equal(ZxStatus.Ok, k.Sys.EventCreate(0, out events[i]));
        long before = k.Kernel.LiveObjectCount;
        ZxStatus status;
        if (call)
        {
            byte* bytes = stackalloc byte[8];
            fixed (ZxHandle* handles = events)
            {
                var args = new ZxChannelCallArgs { WrBytes = bytes, WrNumBytes = 8, WrHandles = handles, WrNumHandles = (uint)count, RdBytes = bytes, RdNumBytes = 8 };
                uint actualBytes, actualHandles;
                status = k.Sys.ChannelCall(a, 0, 0, &args, &actualBytes, &actualHandles);
            }
        }
        else
        {
            status = k.Sys.ChannelWrite(a, 0, ""u8, events);
        }
        Assert.Equal(ZxStatus.OutOfRange, status);
        foreach (ZxHandle h in events)
            Assert.Equal(ZxStatus.BadHandle, k.Sys.HandleClose(h));
        Assert.Equal(before - count, k.Kernel.LiveObjectCount);
        k.Sys.HandleCloseMany([a, b]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void FailedWritesStillConsumeHandlesAndLimits()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelCreate(0, out ZxHandle a, out ZxHandle b));
        ZxHandle vmo = k.Vmo(Page);
        ZxHandle d1 = k.Duplicate(vmo, ZxRights.SameRights);
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.ChannelWrite(a, 1, ""u8, [d1]));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.HandleClose(d1));
        ZxHandle d2 = k.Duplicate(vmo, ZxRights.SameRights);
        Assert.Equal(ZxStatus.OutOfRange, k.Sys.ChannelWrite(a, 0, new byte[65537], [d2]));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.HandleClose(d2));
        ZxHandle d3 = k.Duplicate(vmo, ZxRights.SameRights);
        Assert.Equal(ZxStatus.WrongType, k.Sys.ChannelWrite(vmo, 0, ""u8, [d3])); // not a channel: d3 is gone anyway
        Assert.Equal(ZxStatus.BadHandle, k.Sys.HandleClose(d3));
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelWrite(a, 0, new byte[65536], ReadOnlySpan<ZxHandle>.Empty));
        Assert.Equal(ZxStatus.OutOfRange, k.Sys.ChannelWrite(a, 0, ""u8, new ZxHandle[65]));
        // Too small a buffer: BUFFER_TOO_SMALL with the sizes, and the message stays queued.
        Assert.Equal(ZxStatus.BufferTooSmall, k.Sys.ChannelRead(b, 0, new byte[10], Span<ZxHandle>.Empty, out uint nb, out uint nh));
        Assert.Equal(65536u, nb);
        Assert.Equal(0u, nh);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(b, ZxSignals.ObjectReadable, 0, out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelRead(b, 0, new byte[65536], Span<ZxHandle>.Empty, out nb, out _));
        Assert.Equal(ZxStatus.TimedOut, k.Sys.ObjectWaitOne(b, ZxSignals.ObjectReadable, 0, out ZxSignals observed));
        Assert.Equal(ZxSignals.ObjectWritable, observed);
        // MAY_DISCARD drops a message that does not fit.
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelWrite(a, 0, new byte[20], ReadOnlySpan<ZxHandle>.Empty));
        Assert.Equal(ZxStatus.BufferTooSmall, k.Sys.ChannelRead(b, Zx.Kernel.Syscalls.ZxSyscalls.ChannelReadMayDiscard, new byte[1], Span<ZxHandle>.Empty, out _, out _));
        Assert.Equal(ZxStatus.ShouldWait, k.Sys.ChannelRead(b, 0, new byte[1], Span<ZxHandle>.Empty, out _, out _));
        Assert.Equal(ZxStatus.NotSupported, k.Sys.ChannelRead(b, 2, new byte[1], Span<ZxHandle>.Empty, out _, out _));
        // Peer closed: the write fails (its handles go), the reader sees PEER_CLOSED once drained.
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelWrite(b, 0, "last"u8, ReadOnlySpan<ZxHandle>.Empty));
        k.Sys.HandleClose(b);
        ZxHandle d4 = k.Duplicate(vmo, ZxRights.SameRights);
        Assert.Equal(ZxStatus.PeerClosed, k.Sys.ChannelWrite(a, 0, "x"u8, [d4]));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.HandleClose(d4));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(a, ZxSignals.ObjectPeerClosed, 0, out observed));
        Assert.Equal(ZxSignals.ObjectPeerClosed | ZxSignals.ObjectReadable, observed);
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelRead(a, 0, new byte[4], Span<ZxHandle>.Empty, out _, out _));
        Assert.Equal(ZxStatus.PeerClosed, k.Sys.ChannelRead(a, 0, new byte[4], Span<ZxHandle>.Empty, out _, out _));
        k.Sys.HandleCloseMany([a, vmo]);
        k.AssertNoLeaks();
    }

    /// <summary>zx_channel_write and zx_channel_read borrow the end (decision 109): writers and readers racing with the
    /// last close of either end see only OK, SHOULD_WAIT, PEER_CLOSED or BAD_HANDLE, every handle a message carried is
    /// either read or closed with the message, and nothing is left behind.</summary>
    [Fact]
    public void ReadsAndWritesRacingWithTheLastCloseLeaveNothingBehind()
    {
        using var k = new TestKernel();
        ZxStatus[] expected = [ZxStatus.Ok, ZxStatus.ShouldWait, ZxStatus.PeerClosed, ZxStatus.BadHandle];
        for (int round = 0; round < 40; round++)
        {
            Assert.Equal(ZxStatus.Ok, k.Sys.ChannelCreate(0, out ZxHandle writerEnd, out ZxHandle readerEnd));
            var seen = new System.Collections.Concurrent.ConcurrentBag<ZxStatus>();
            var received = new System.Collections.Concurrent.ConcurrentBag<ZxHandle>();
            var kept = new System.Collections.Concurrent.ConcurrentBag<ZxHandle>();
            var writer = new Thread(() =>
            {
                for (int i = 0; i < 100; i++)
                {
                    if (k.Sys.EventCreate(0, out ZxHandle carried) != ZxStatus.Ok)
                        continue;
                    ZxStatus status = k.Sys.ChannelWrite(writerEnd, 0, "m"u8, [carried]);
                    seen.Add(status);
                    if (status != ZxStatus.Ok && k.Sys.HandleClose(carried) != ZxStatus.BadHandle)
                        kept.Add(carried); // a failed write consumes its handles too: this must stay empty
                }
            });
            var reader = new Thread(() =>
            {
                var bytes = new byte[4];
                var handles = new ZxHandle[1];
                for (int i = 0; i < 100; i++)
                {
                    ZxStatus status = k.Sys.ChannelRead(readerEnd, 0, bytes, handles, out _, out uint count);
                    seen.Add(status);
                    if (status == ZxStatus.Ok && count == 1)
                        received.Add(handles[0]);
                }
            });
            writer.Start();
            reader.Start();
            Thread.Sleep(round % 3);
            Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(round % 2 == 0 ? readerEnd : writerEnd));
            Assert.True(writer.Join(TimeSpan.FromSeconds(10)));
            Assert.True(reader.Join(TimeSpan.FromSeconds(10)));
            Assert.All(seen, s => Assert.Contains(s, expected));
            Assert.Empty(kept);
            foreach (ZxHandle h in received)
                Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(h));
            _ = k.Sys.HandleClose(round % 2 == 0 ? writerEnd : readerEnd);
        }
        k.AssertNoLeaks();
    }

    [Fact]
    public void HandlesInAnUnreadMessageAreClosedWhenTheChannelGoes()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelCreate(0, out ZxHandle a, out ZxHandle b));
        ZxHandle vmo = k.Vmo(Page);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoWrite(vmo, new byte[] { 1 }, 0));
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelWrite(a, 0, ""u8, [vmo]));
        Assert.Equal(1UL, k.Kernel.AllocatedPages);
        k.Sys.HandleCloseMany([a, b]);
        Assert.Equal(0UL, k.Kernel.AllocatedPages);
        k.AssertNoLeaks();
    }
}

/// <summary>zx_channel_call, many waiters on one object, a no-lost-wake-up stress loop, and zx_clock_get.</summary>
// Safety: the pointers are to the test's own pinned arrays and locals, or are bad user addresses the kernel must refuse.
public sealed unsafe class CallAndStressTests
{
    [Fact]
    public void ChannelCallGetsTheReplyWithItsTxid()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelCreate(0, out ZxHandle client, out ZxHandle server));
        var serverThread = new Thread(() =>
        {
            var request = new byte[64];
            for (int i = 0; i < 2; i++)
            {
                k.Sys.ObjectWaitOne(server, ZxSignals.ObjectReadable, ZxConstants.TimeInfinite, out _);
                k.Sys.ChannelRead(server, 0, request, Span<ZxHandle>.Empty, out uint n, out _);
                // An unrelated message first, then the reply carrying the request's txid.
                k.Sys.ChannelWrite(server, 0, new byte[] { 1, 2, 3, 4, 0xEE }, ReadOnlySpan<ZxHandle>.Empty);
                request[4] = (byte)(request[4] * 2);
                k.Sys.ChannelWrite(server, 0, request.AsSpan(0, (int)n), ReadOnlySpan<ZxHandle>.Empty);
            }
        });
        serverThread.Start();
        byte* write = stackalloc byte[5];
        write[4] = 21;
        byte* read = stackalloc byte[16];
        var args = new ZxChannelCallArgs { WrBytes = write, WrNumBytes = 5, RdBytes = read, RdNumBytes = 16 };
        uint actualBytes, actualHandles;
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelCall(client, 0, k.Sys.DeadlineAfter(10_000_000_000), &args, &actualBytes, &actualHandles));
        Assert.Equal(5u, actualBytes);
        Assert.Equal(42, read[4]);
        Assert.Equal(0x80u, (uint)read[3] & 0x80); // the kernel's txid has its high bit set
        // The unrelated message waits in the queue.
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelRead(client, 0, new byte[8], Span<ZxHandle>.Empty, out uint n, out _));
        Assert.Equal(5u, n);
        // A reply too big for the read buffer: BUFFER_TOO_SMALL with its size.
        args.RdNumBytes = 2;
        Assert.Equal(ZxStatus.BufferTooSmall, k.Sys.ChannelCall(client, 0, k.Sys.DeadlineAfter(10_000_000_000), &args, &actualBytes, &actualHandles));
        Assert.Equal(5u, actualBytes);
        serverThread.Join();
        args.WrNumBytes = 3;
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.ChannelCall(client, 0, 0, &args, null, null));
        args.WrNumBytes = 5;
        Assert.Equal(ZxStatus.TimedOut, k.Sys.ChannelCall(client, 0, k.Sys.DeadlineAfter(20_000_000), &args, null, null));
        k.Sys.HandleClose(server);
        Assert.Equal(ZxStatus.PeerClosed, k.Sys.ChannelCall(client, 0, ZxConstants.TimeInfinite, &args, null, null));
        k.Sys.HandleClose(client);
        k.AssertNoLeaks();
    }

    [Fact]
    public void ChannelCallWhoseHandleIsClosedDuringTheCallIsCanceled()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelCreate(0, out ZxHandle client, out ZxHandle server));
        ZxStatus status = ZxStatus.Internal;
        var caller = new Thread(() =>
        {
            byte* write = stackalloc byte[8];
            byte* read = stackalloc byte[8];
            var args = new ZxChannelCallArgs { WrBytes = write, WrNumBytes = 8, RdBytes = read, RdNumBytes = 8 };
            status = k.Sys.ChannelCall(client, 0, ZxConstants.TimeInfinite, &args, null, null);
        });
        caller.Start();
        // Once the request has arrived, the call is waiting: close the caller's only handle to its end.
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(server, ZxSignals.ObjectReadable, k.Sys.DeadlineAfter(10_000_000_000), out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(client));
        Assert.True(caller.Join(TimeSpan.FromSeconds(10)));
        Assert.Equal(ZxStatus.Canceled, status); // 2018: on_zero_handles cancels the waiting calls
        // The server end sees PEER_CLOSED, and its reply goes nowhere.
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(server, ZxSignals.ObjectPeerClosed, 0, out _));
        Assert.Equal(ZxStatus.PeerClosed, k.Sys.ChannelWrite(server, 0, new byte[8], ReadOnlySpan<ZxHandle>.Empty));
        k.Sys.HandleClose(server);
        k.AssertNoLeaks();
    }

    [Fact]
    public void ManyWaitersOnOneObjectAllWake()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.EventCreate(0, out ZxHandle ev));
        var statuses = new ZxStatus[16];
        Thread[] threads = [.. Enumerable.Range(0, 16).Select(i => new Thread(() =>
            statuses[i] = k.Sys.ObjectWaitOne(ev, ZxSignals.EventSignaled, k.Sys.DeadlineAfter(10_000_000_000), out _)))];
        foreach (Thread t in threads)
            t.Start();
        Thread.Sleep(50);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectSignal(ev, 0, (uint)ZxSignals.EventSignaled));
        foreach (Thread t in threads)
            Assert.True(t.Join(TimeSpan.FromSeconds(10)));
        Assert.All(statuses, s => Assert.Equal(ZxStatus.Ok, s));
        k.Sys.HandleClose(ev);
        k.AssertNoLeaks();
    }

    [Fact]
    public void NoLostWakeUpsInAPingPongStressLoop()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.EventPairCreate(0, out ZxHandle a, out ZxHandle b));
        const int rounds = 5_000;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var peer = new Thread(() =>
        {
            for (int i = 0; i < rounds; i++)
            {
                if (k.Sys.ObjectWaitOne(b, ZxSignals.User0, k.Sys.DeadlineAfter(10_000_000_000), out _) != ZxStatus.Ok)
                    return;
                k.Sys.ObjectSignal(b, (uint)ZxSignals.User0, 0);
                k.Sys.ObjectSignalPeer(b, 0, (uint)ZxSignals.User1);
            }
        });
        peer.Start();
        for (int i = 0; i < rounds; i++)
        {
            Assert.Equal(ZxStatus.Ok, k.Sys.ObjectSignalPeer(a, 0, (uint)ZxSignals.User0));
            Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(a, ZxSignals.User1, k.Sys.DeadlineAfter(10_000_000_000), out _));
            Assert.Equal(ZxStatus.Ok, k.Sys.ObjectSignal(a, (uint)ZxSignals.User1, 0));
            Assert.True(DateTime.UtcNow < deadline, "the loop is hanging");
        }
        Assert.True(peer.Join(TimeSpan.FromSeconds(10)));
        k.Sys.HandleCloseMany([a, b]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void ClockGet()
    {
        using var k = new TestKernel();
        long before = k.Sys.ClockGet(0);
        Assert.True(k.Sys.ClockGet(0) >= before);
        Assert.True(Math.Abs(k.Sys.ClockGet(1) - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000) < 5_000_000_000);
        Assert.True(k.Sys.ClockGet(2) > 0);
        Assert.Equal(0, k.Sys.ClockGet(99));
    }
    /// <summary>Queued messages are kernel memory charged to the board's RAM: a flood ends in NO_MEMORY once the RAM
    /// is full, the host's memory stays within the RAM's size of where it started, VMO pages and messages share the
    /// one budget, and closing the channel gives it all back.</summary>
    [Fact]
    public void AChannelFloodEndsInNoMemoryWithinTheBoardsRamAndClosingGivesItBack()
    {
        const ulong ram = 64UL << 20;
        var board = Zx.Kernel.Board.BoardLoader.Parse($$"""
            { "name": "small", "regions": [ { "name": "ram", "kind": "ram", "base": "0x40000000", "size": {{ram}} } ] }
            """, "small.json");
        using var k = new TestKernel(board: board);
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelCreate(0, out ZxHandle a, out ZxHandle b));
        var message = new byte[64 * 1024];
        long managedBefore = GC.GetTotalMemory(forceFullCollection: true);
        long residentBefore = Environment.WorkingSet;
        int sent = 0;
        ZxStatus status;
        while ((status = k.Sys.ChannelWrite(a, 0, message, ReadOnlySpan<ZxHandle>.Empty)) == ZxStatus.Ok)
            sent++;
        Assert.Equal(ZxStatus.NoMemory, status);
        ulong perMessage = (ulong)message.Length + 128;
        Assert.Equal((int)(ram / perMessage), sent);
        Assert.True(k.Kernel.KernelHeapBytes <= ram);
        long grown = Environment.WorkingSet - residentBefore;
        Assert.True(grown < (long)ram + (48L << 20), $"resident memory grew by {grown >> 20} MiB for a {ram >> 20} MiB board");
        // The RAM is full: a VMO cannot commit a page until a message is read.
        ZxHandle vmo = k.Vmo(ZxConstants.PageSize);
        Assert.Equal(ZxStatus.NoMemory, k.Sys.VmoWrite(vmo, new byte[1], 0));
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelRead(b, 0, message, Span<ZxHandle>.Empty, out _, out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoWrite(vmo, new byte[1], 0));
        // Closing the reader destroys the queued messages: the charge goes back at once, and the host memory with the
        // next collection.
        k.Sys.HandleClose(b);
        Assert.Equal(0UL, k.Kernel.KernelHeapBytes);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        long managedAfter = GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(managedAfter - managedBefore < (long)ram / 2, $"{(managedAfter - managedBefore) >> 20} MiB more still managed");
        k.Sys.HandleCloseMany([a, vmo]);
        k.AssertNoLeaks();
    }
    /// <summary>A channel end sent into its own queue (through its peer, which then closes) has a handle that no
    /// process can ever read: the census lists it as unreachable, while a handle in flight on a channel someone
    /// holds is not; and each live process's address-space reservation is counted.</summary>
    [Fact]
    public void TheCensusNamesObjectsNothingCanReachAndTheHostReservations()
    {
        using var kernel = KernelContext.Create(new KernelOptions { RecordHandleOrigins = true });
        var sys = kernel.FirstProcess.Syscalls;
        Assert.Equal(ZxStatus.Ok, sys.ChannelCreate(0, out ZxHandle a, out ZxHandle b));
        Assert.Equal(ZxStatus.Ok, sys.ChannelCreate(0, out ZxHandle c, out ZxHandle d));
        Assert.Equal(ZxStatus.Ok, sys.EventCreate(0, out ZxHandle inFlight));
        Assert.Equal(ZxStatus.Ok, sys.ObjectGetInfo(b, ZxInfoTopic.HandleBasic, out ZxInfoHandleBasic orphanInfo));
        Assert.Equal(ZxStatus.Ok, sys.ObjectGetInfo(inFlight, ZxInfoTopic.HandleBasic, out ZxInfoHandleBasic eventInfo));
        Assert.Equal(ZxStatus.Ok, sys.ChannelWrite(a, 0, "self"u8, [b])); // b lands in its own queue
        Assert.Equal(ZxStatus.Ok, sys.ChannelWrite(c, 0, "keep"u8, [inFlight])); // readable through d
        Assert.Equal(ZxStatus.Ok, sys.HandleClose(a));
        KernelCensus census = kernel.TakeCensus();
        Assert.Equal([new ObjectCensus(ZxObjectType.Channel, orphanInfo.Koid)], census.Unreachable);
        Assert.DoesNotContain(census.Unreachable, o => o.Koid == eventInfo.Koid);
        Assert.Equal(1, census.HostReservations);
        Assert.Equal(kernel.AddressSpaceSize, census.HostReservedBytes);
        string summary = CensusJson.Summary(census);
        Assert.Contains($"unreachable: channel koid {orphanInfo.Koid}", summary, StringComparison.Ordinal);
        Assert.Equal(census.Unreachable, CensusJson.Read(CensusJson.Write(census)).Unreachable);
        // A child process holds a reservation; one that never started gives it back with its last handle.
        Assert.Equal(ZxStatus.Ok, sys.ProcessCreate(kernel.FirstProcess.DefaultJob, "child"u8, 0, out ZxHandle child, out ZxHandle vmar));
        Assert.Equal(2, kernel.TakeCensus().HostReservations);
        sys.HandleCloseMany([child, vmar, c, d]);
        Assert.Equal(1, kernel.TakeCensus().HostReservations);
    }
}
