namespace Zx.Tests;

/// <summary>The typed lib/zx-style API: owning handles, unowned borrows, ZxException.</summary>
public sealed class TypedApiTests
{
    [Fact]
    public void TheRootResourceIsBorrowedSoDisposingItClosesNothing()
    {
        using var k = new TestKernel();
        using (Resource root = Resource.Root(k.Kernel).Value)
            Assert.False(root.IsOwner);
        Assert.Throws<InvalidOperationException>(() => Resource.Root(k.Kernel).Value.Release());
        // The kernel's root handle still works for everyone.
        using Resource mmio = Resource.Create(Resource.Root(k.Kernel), ZxResourceKind.Mmio, TestKernel.Uart, 0x1000, "uart0");
        Assert.Equal(ZxStatus.Ok, k.Sys.ResourceCreate(k.Root, (uint)ZxResourceKind.Mmio, TestKernel.Uart, 0x1000, "x"u8, out ZxHandle other));
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(other));
    }

    [Fact]
    public void PhysicalVmoThroughTheTypedApi()
    {
        using var k = new TestKernel();
        using (Resource mmio = Resource.Create(Resource.Root(k.Kernel), ZxResourceKind.Mmio, TestKernel.Uart, 0x1000, "uart0", exclusive: true))
        using (Vmo vmo = Vmo.CreatePhysical(mmio.Borrow(), TestKernel.Uart, 0x1000))
        {
            Assert.Equal(0x1000UL, vmo.Size);
            Assert.Equal(ZxDefaultRights.Vmo, vmo.Rights);
            Assert.Equal("uart0", mmio.Info.Name.ToString());
            Assert.Equal(ZxCachePolicy.Uncached, vmo.Info.CachePolicy);
            ZxException e = Assert.Throws<ZxException>(() => vmo.Read(new byte[1], 0));
            Assert.Equal(ZxStatus.NotSupported, e.Status);
            Assert.Equal("zx_vmo_read", e.Syscall);
            Assert.Contains("ZX_ERR_NOT_SUPPORTED", e.Message, StringComparison.Ordinal);
        }
        k.AssertNoLeaks();
    }

    [Fact]
    public void CreatePhysicalFailureThrowsWithTheStatus()
    {
        using var k = new TestKernel();
        using Resource mmio = Resource.Create(Resource.Root(k.Kernel), ZxResourceKind.Mmio, TestKernel.Uart, 0x1000, "uart0");
        ZxException e = Assert.Throws<ZxException>(() => Vmo.CreatePhysical(mmio.Borrow(), TestKernel.Uart + 0x1000, 0x1000));
        Assert.Equal(ZxStatus.AccessDenied, e.Status);
        Assert.Equal(ZxStatus.NotFound, Assert.Throws<ZxException>(() =>
            Resource.Create(Resource.Root(k.Kernel), ZxResourceKind.Mmio, 0x4000_0000, 0x1000, "ram")).Status);
    }

    [Fact]
    public void PagedVmoDuplicateReplaceAndName()
    {
        using var k = new TestKernel();
        using (Vmo vmo = Vmo.Create(k.Kernel.FirstProcess, 8192))
        {
            vmo.Write("hello"u8, 10);
            using Vmo reader = vmo.Duplicate(ZxRights.Read | ZxRights.Duplicate | ZxRights.GetProperty);
            var buffer = new byte[5];
            reader.Read(buffer, 10);
            Assert.Equal("hello"u8.ToArray(), buffer);
            Assert.Equal(ZxStatus.AccessDenied, Assert.Throws<ZxException>(() => reader.Write("x"u8, 0)).Status);
            vmo.Name = "buffer";
            Assert.Equal("buffer", reader.Name);
            Assert.Equal(vmo.Koid, reader.Koid);
            using Vmo narrowed = reader.Replace(ZxRights.Read);
            Assert.False(reader.IsValid);
            Assert.Equal(ZxRights.Read, narrowed.Rights);
            Unowned<Vmo> borrowed = narrowed.Borrow();
            Assert.Equal(narrowed.Raw, borrowed.Raw);
        }
        k.AssertNoLeaks();
    }
}

/// <summary>Every object type of the typed API (issue 20): each owns its handle, borrows without owning, throws
/// ZxException with the status, and has a non-throwing form on its hot path.</summary>
public sealed class TypedObjectTests
{
    private static ProcessContext First(TestKernel k) => k.Kernel.FirstProcess;

    [Fact]
    public void AMappingShowsTheVmosBytesAndGivesVolatileRegisterAccess()
    {
        using var k = new TestKernel();
        using Vmo vmo = Vmo.Create(First(k), 0x2000);
        Vmar root = Vmar.Root(First(k)).Value;
        Assert.False(root.IsOwner);
        Mapping mapping = root.Map(vmo.Borrow(), 0, 0x2000);
        Assert.Equal(0x2000UL, mapping.Length);
        "through the span"u8.CopyTo(mapping.Span);
        var back = new byte[16];
        vmo.Read(back, 0);
        Assert.Equal("through the span"u8.ToArray(), back);
        mapping.Write<uint>(0x1000, 0xC0FFEE11);
        Assert.Equal(0xC0FFEE11u, mapping.Read<uint>(0x1000));
        Assert.Equal((byte)0x11, mapping.Read<byte>(0x1000));
        Assert.Equal((ushort)0xEE11, mapping.Read<ushort>(0x1000));
        mapping.Write<ulong>(0x1008, ulong.MaxValue);
        Assert.Equal(ulong.MaxValue, mapping.Read<ulong>(0x1008));
        Assert.Throws<ArgumentException>(() => mapping.Read<uint>(0x1002));            // misaligned
        Assert.Throws<ArgumentOutOfRangeException>(() => mapping.Read<ulong>(0x2000)); // outside
        Assert.Throws<NotSupportedException>(() => mapping.Read<int>(0));              // not a register width
        mapping.Dispose();
        Assert.Throws<ObjectDisposedException>(() => mapping.Span.Length);
        root.Dispose(); // a borrowed root: closes nothing
        using Mapping again = Vmar.Root(First(k)).Value.Map(vmo.Borrow(), 0, 0x1000, ZxVmOptions.PermRead);
        Assert.Equal((byte)'t', again.Read<byte>(0));
    }

    [Fact]
    public void AChannelMovesBytesAndHandlesAndAnswersACall()
    {
        using var k = new TestKernel();
        (Channel a, Channel b) = Channel.Create(First(k));
        using (a)
        using (b)
        {
            Event sent = Event.Create(First(k));
            ulong koid = sent.Koid;
            a.Write("hello"u8, sent);
            Assert.False(sent.IsValid); // moved into the message
            using (ChannelMessage message = b.Read())
            {
                Assert.Equal("hello"u8.ToArray(), message.Bytes);
                Assert.Equal(koid, Assert.Single(message.Handles).Koid);
            }
            ZxException empty = Assert.Throws<ZxException>(() => b.Read());
            Assert.Equal(ZxStatus.ShouldWait, empty.Status);
            Assert.Equal(ZxStatus.ShouldWait, b.TryRead(new byte[8], [], out _, out _));
            // A call: the server echoes the request's transaction id with its own bytes.
            var server = new System.Threading.Thread(() =>
            {
                b.Wait(ZxSignals.ObjectReadable, TimeSpan.FromSeconds(10));
                using ChannelMessage request = b.Read();
                byte[] reply = [.. request.Bytes[..4], .. "pong"u8];
                Assert.Equal(ZxStatus.Ok, b.TryWrite(reply, []));
            });
            server.Start();
            using ChannelMessage answer = a.Call([0, 0, 0, 0, .. "ping"u8], timeout: TimeSpan.FromSeconds(10));
            server.Join();
            Assert.Equal("pong"u8.ToArray(), answer.Bytes[4..]);
        }
    }

    [Fact]
    public void EventsAndEventPairsSignalAndWait()
    {
        using var k = new TestKernel();
        using Event e = Event.Create(First(k));
        e.Signal(ZxSignals.None, ZxSignals.User0);
        Assert.Equal(ZxSignals.User0, e.Wait(ZxSignals.User0, TimeSpan.Zero) & ZxSignals.User0);
        Assert.Equal(ZxStatus.TimedOut, e.TryWait(ZxSignals.User1, 0, out _));
        ZxException timedOut = Assert.Throws<ZxException>(() => e.Wait(ZxSignals.User1, TimeSpan.FromMilliseconds(1)));
        Assert.Equal(ZxStatus.TimedOut, timedOut.Status);
        Assert.Equal("zx_object_wait_one", timedOut.Syscall);
        using Event copy = e.Duplicate(ZxRights.Wait | ZxRights.Signal);
        Assert.Equal(e.Koid, copy.Koid);
        Assert.Equal(ZxRights.Wait | ZxRights.Signal, copy.Rights);
        (EventPair left, EventPair right) = EventPair.Create(First(k));
        using (right)
        {
            left.SignalPeer(ZxSignals.None, ZxSignals.User2);
            Assert.Equal(ZxSignals.User2, right.Wait(ZxSignals.User2, TimeSpan.Zero) & ZxSignals.User2);
            left.Dispose();
            Assert.Equal(ZxStatus.PeerClosed, right.TrySignalPeer(ZxSignals.None, ZxSignals.User0));
        }
    }

    [Fact]
    public void APortGivesEachPacketKindAsItsOwnRecord()
    {
        using var k = new TestKernel();
        using Port port = Port.Create(First(k), bindToInterrupt: true);
        port.Queue(42, "abc"u8);
        UserPacket user = Assert.IsType<UserPacket>(port.Wait(TimeSpan.Zero));
        Assert.Equal(42UL, user.Key);
        Assert.Equal("abc"u8.ToArray(), user.Payload[..3]);
        using Event e = Event.Create(First(k));
        port.WaitAsyncOn(e.Borrow(), 7, ZxSignals.User3);
        e.Signal(ZxSignals.None, ZxSignals.User3);
        SignalPacket signal = Assert.IsType<SignalPacket>(port.Wait(TimeSpan.FromSeconds(5)));
        Assert.Equal((7UL, ZxSignals.User3, false), (signal.Key, signal.Trigger, signal.Repeating));
        Assert.True((signal.Observed & ZxSignals.User3) != 0);
        using Interrupt irq = Interrupt.CreateVirtual(First(k));
        irq.Bind(port.Borrow(), 9);
        irq.Trigger(1234);
        InterruptPacket interrupt = Assert.IsType<InterruptPacket>(port.Wait(TimeSpan.FromSeconds(5)));
        Assert.Equal((9UL, 1234L), (interrupt.Key, interrupt.Timestamp));
        irq.Ack();
        Assert.Equal(ZxStatus.TimedOut, port.TryWait(0, out _));
        Assert.Throws<ArgumentException>(() => port.Queue(1, new byte[33]));
    }

    [Fact]
    public async System.Threading.Tasks.Task APortWaitAsyncTakesTheNextPacketWithoutABlockedThread()
    {
        using var k = new TestKernel();
        using Port port = Port.Create(First(k));
        System.Threading.Tasks.Task<PortPacket> pending = port.WaitAsync();
        Assert.False(pending.IsCompleted);
        port.Queue(5);
        PortPacket packet = await pending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(5UL, packet.Key);
        port.Queue(6); // already there: taken at once
        Assert.Equal(6UL, (await port.WaitAsync().WaitAsync(TimeSpan.FromSeconds(10))).Key);
        using var cancel = new CancellationTokenSource();
        System.Threading.Tasks.Task<PortPacket> canceled = port.WaitAsync(cancel.Token);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => canceled);
        port.Queue(7); // the canceled wait took nothing
        Assert.Equal(7UL, port.Wait(TimeSpan.Zero).Key);
    }

    [Fact]
    public void ABtiPinsAVmoAndGivesItsPagesAddresses()
    {
        using var k = new TestKernel();
        using Iommu iommu = Iommu.CreateDummy(Resource.Root(k.Kernel));
        using Bti bti = Bti.Create(iommu.Borrow(), 1);
        using Vmo vmo = Vmo.Create(First(k), 0x3000);
        (Pmt pmt, ulong[] addresses) = bti.Pin(vmo.Borrow(), 0, 0x3000, ZxBtiOptions.PermRead);
        Assert.Equal(3, addresses.Length);
        Assert.All(addresses, a => Assert.Equal(0UL, a % 0x1000));
        Assert.Equal(3, addresses.Distinct().Count());
        pmt.Unpin();
        Assert.False(pmt.IsValid);
        ZxException e = Assert.Throws<ZxException>(() => bti.Pin(vmo.Borrow(), 0x1000, 0x1000, ZxBtiOptions.PermRead | ZxBtiOptions.PermWrite | (ZxBtiOptions)0x8000));
        Assert.Equal(ZxStatus.InvalidArgs, e.Status);
    }

    [Fact]
    public void AProcessRunsAThreadsEntryAndEndsWithIt()
    {
        using var k = new TestKernel();
        using Job job = Job.Create(Job.Default(First(k)));
        (ZxProcess process, Vmar vmar) = ZxProcess.Create(job.Borrow(), "typed");
        using (process)
        using (vmar)
        using (ZxThread thread = ZxThread.Create(process.Borrow(), "main"))
        {
            (Channel mine, Channel theirs) = Channel.Create(First(k));
            using (mine)
            {
                process.Start(thread, theirs, (context, bootstrap) =>
                {
                    context.Syscalls.ChannelWrite(bootstrap, 0, "started"u8, []);
                    context.Syscalls.ProcessExit(3);
                });
                Assert.False(theirs.IsValid); // moved into the new process
                mine.Wait(ZxSignals.ObjectReadable, TimeSpan.FromSeconds(10));
                using ChannelMessage message = mine.Read();
                Assert.Equal("started"u8.ToArray(), message.Bytes);
                process.WaitForExit(TimeSpan.FromSeconds(10));
                Assert.Equal(3, process.Info.ReturnCode);
                Assert.Equal(1, process.Info.Exited);
            }
        }
    }

    [Fact]
    public void SocketsFifosTimersAndInterruptsWorkThroughTheirTypes()
    {
        using var k = new TestKernel();
        (Socket s1, Socket s2) = Socket.Create(First(k));
        using (s1)
        using (s2)
        {
            Assert.Equal(5, s1.Write("bytes"u8));
            var buffer = new byte[8];
            Assert.Equal(5, s2.Read(buffer));
            Assert.Equal(ZxStatus.ShouldWait, s2.TryRead(buffer, out int none));
            Assert.Equal(0, none);
        }
        (Fifo f1, Fifo f2) = Fifo.Create(First(k), 4, 8);
        using (f1)
        using (f2)
        {
            Assert.Equal(2, f1.Write(new byte[16]));
            Assert.Equal(2, f2.Read(new byte[32]));
        }
        using ZxTimer timer = ZxTimer.Create(First(k));
        timer.Set(TimeSpan.FromMilliseconds(1));
        timer.Wait(ZxSignals.TimerSignaled, TimeSpan.FromSeconds(10));
        timer.Cancel();
        using Interrupt irq = Interrupt.CreateVirtual(First(k));
        irq.Trigger(77);
        Assert.Equal(77, irq.WaitForInterrupt());
        irq.Destroy();
        Assert.Equal(ZxStatus.Canceled, Assert.Throws<ZxException>(() => irq.WaitForInterrupt()).Status);
    }

    [Fact]
    public async System.Threading.Tasks.Task AThousandAsyncWaitsOnTwoThreadsNeedNoThreadEach()
    {
        using var k = new TestKernel();
        var events = Enumerable.Range(0, 1000).Select(_ => Event.Create(First(k))).ToArray();
        try
        {
            int threadsBefore = System.Diagnostics.Process.GetCurrentProcess().Threads.Count;
            System.Threading.Tasks.Task<ZxSignals>[] waits = [.. events.Select(e => e.WaitAsync(ZxSignals.User0))];
            Assert.Equal(1000, k.Kernel.AsyncWaits.PendingCount);
            int threadsWaiting = System.Diagnostics.Process.GetCurrentProcess().Threads.Count;
            Assert.True(threadsWaiting - threadsBefore <= 4, $"{threadsWaiting - threadsBefore} threads for 1,000 waits");
            // Two threads signal half each.
            var signalers = new[] { 0, 1 }.Select(half => new System.Threading.Thread(() =>
            {
                for (int i = half; i < events.Length; i += 2)
                    events[i].Signal(ZxSignals.None, ZxSignals.User0);
            })).ToArray();
            foreach (var t in signalers)
                t.Start();
            foreach (var t in signalers)
                t.Join();
            ZxSignals[] seen = await System.Threading.Tasks.Task.WhenAll(waits).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.All(seen, s => Assert.True((s & ZxSignals.User0) != 0));
            Assert.Equal(0, k.Kernel.AsyncWaits.PendingCount);
            // Already asserted: complete at once. Canceled by a token, or by closing the handle.
            Assert.True(events[0].WaitAsync(ZxSignals.User0).IsCompletedSuccessfully);
            using var cancel = new CancellationTokenSource();
            System.Threading.Tasks.Task<ZxSignals> canceled = events[1].WaitAsync(ZxSignals.User1, cancel.Token);
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => canceled);
            System.Threading.Tasks.Task<ZxSignals> closed = events[2].WaitAsync(ZxSignals.User1);
            events[2].Dispose();
            Assert.Equal(ZxStatus.Canceled, (await Assert.ThrowsAsync<ZxException>(() => closed)).Status);
            Assert.Equal(0, k.Kernel.AsyncWaits.PendingCount);
        }
        finally
        {
            foreach (Event e in events)
                e.Dispose();
        }
    }
}
