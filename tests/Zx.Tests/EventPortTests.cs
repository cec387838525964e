namespace Zx.Tests;

/// <summary>Events, event pairs, zx_object_wait_many, ports and zx_object_wait_async.</summary>
public sealed class EventPortTests
{
    [Fact]
    public void EventsAndEventPairs()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.EventCreate(1, out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.EventCreate(0, out ZxHandle ev));
        Assert.Equal(ZxDefaultRights.Event, k.RightsOf(ev));
        Assert.Equal(0xd00fu, (uint)k.RightsOf(ev)); // 2018: BASIC | READ | WRITE | SIGNAL (decision 62)
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectSignal(ev, 0, (uint)ZxSignals.EventSignaled));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(ev, ZxSignals.EventSignaled, 0, out ZxSignals observed));
        Assert.Equal(ZxSignals.EventSignaled, observed);
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.ObjectSignalPeer(ev, 0, (uint)ZxSignals.User0)); // no SIGNAL_PEER right
        Assert.Equal(ZxStatus.NotSupported, k.Sys.EventPairCreate(1, out _, out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.EventPairCreate(0, out ZxHandle a, out ZxHandle b));
        Assert.Equal(ZxDefaultRights.EventPair, k.RightsOf(a));
        Assert.Equal(0xf00fu, (uint)k.RightsOf(a)); // and SIGNAL_PEER
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(a, ZxInfoTopic.HandleBasic, out ZxInfoHandleBasic ia));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(b, ZxInfoTopic.HandleBasic, out ZxInfoHandleBasic ib));
        Assert.Equal(ib.Koid, ia.RelatedKoid);
        Assert.Equal(ia.Koid, ib.RelatedKoid);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectSignalPeer(a, 0, (uint)ZxSignals.User2));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(b, ZxSignals.User2, 0, out observed));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.ObjectSignalPeer(a, 0, (uint)ZxSignals.ObjectPeerClosed));
        k.Sys.HandleClose(a);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(b, ZxSignals.ObjectPeerClosed, 0, out observed));
        Assert.Equal(ZxStatus.PeerClosed, k.Sys.ObjectSignalPeer(b, 0, (uint)ZxSignals.User0));
        k.Sys.HandleCloseMany([b, ev]);
        k.AssertNoLeaks();
    }

    // Safety: the pointers are to the test's own pinned arrays and locals, or are bad user addresses the kernel must refuse.
    [Fact]
    public unsafe void EventPairWithABadOutLeavesNothing()
    {
        using var k = new TestKernel();
        ZxHandle h;
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.EventPairCreate(0, null, &h));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.EventPairCreate(0, &h, null));
        k.Kernel.Faults.FailNthAllocation(2);
        Assert.Equal(ZxStatus.NoMemory, k.Sys.EventPairCreate(0, &h, &h));
        k.Kernel.Faults.FailNthAllocation(3);
        Assert.Equal(ZxStatus.NoMemory, k.Sys.EventPairCreate(0, &h, &h));
        k.AssertNoLeaks();
    }

    [Fact]
    public void WaitMany()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.EventCreate(0, out ZxHandle e1));
        Assert.Equal(ZxStatus.Ok, k.Sys.EventCreate(0, out ZxHandle e2));
        var items = new ZxWaitItem[] { new() { Handle = e1, WaitFor = ZxSignals.EventSignaled }, new() { Handle = e2, WaitFor = ZxSignals.User1 } };
        Assert.Equal(ZxStatus.TimedOut, k.Sys.ObjectWaitMany(items, k.Sys.DeadlineAfter(1_000_000)));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectSignal(e2, 0, (uint)ZxSignals.User1));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitMany(items, ZxConstants.TimeInfinite));
        Assert.Equal(ZxSignals.None, items[0].Pending);
        Assert.Equal(ZxSignals.User1, items[1].Pending);
        Assert.Equal(ZxStatus.OutOfRange, k.Sys.ObjectWaitMany(new ZxWaitItem[17], 0));
        Assert.Equal(ZxStatus.TimedOut, k.Sys.ObjectWaitMany(Span<ZxWaitItem>.Empty, k.Sys.DeadlineAfter(1_000_000)));
        items[1].Handle = ZxHandle.Invalid;
        Assert.Equal(ZxStatus.BadHandle, k.Sys.ObjectWaitMany(items, 0));
        k.Sys.HandleCloseMany([e1, e2]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void PortQueueWaitAndAsyncWaits()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.PortCreate(2, out _)); // only ZX_PORT_BIND_TO_INTERRUPT (1) is an option
        Assert.Equal(ZxStatus.Ok, k.Sys.PortCreate(0, out ZxHandle port));
        Assert.Equal(ZxDefaultRights.Port, k.RightsOf(port));
        var user = new ZxPortPacket { Key = 42, Type = 99, Status = ZxStatus.Ok };
        user.Payload[0] = 0x1234;
        Assert.Equal(ZxStatus.Ok, k.Sys.PortQueue(port, user));
        Assert.Equal(ZxStatus.Ok, k.Sys.PortWait(port, 0, out ZxPortPacket got));
        Assert.Equal(42UL, got.Key);
        Assert.Equal(ZxPacketTypes.User, got.Type);
        Assert.Equal(0x1234UL, got.Payload[0]);
        Assert.Equal(ZxStatus.TimedOut, k.Sys.PortWait(port, k.Sys.DeadlineAfter(1_000_000), out _));

        Assert.Equal(ZxStatus.Ok, k.Sys.EventCreate(0, out ZxHandle ev));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.ObjectWaitAsync(ev, port, 1, ZxSignals.EventSignaled, 2));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitAsync(ev, port, 7, ZxSignals.EventSignaled, ZxPacketTypes.WaitAsyncOnce));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectSignal(ev, 0, (uint)ZxSignals.EventSignaled));
        Assert.Equal(ZxStatus.Ok, k.Sys.PortWait(port, 0, out got));
        Assert.Equal(7UL, got.Key);
        Assert.Equal(ZxPacketTypes.SignalOne, got.Type);
        Assert.Equal((uint)ZxSignals.EventSignaled, (uint)got.Payload[0]);           // trigger
        Assert.Equal((uint)ZxSignals.EventSignaled, (uint)(got.Payload[0] >> 32));   // observed
        Assert.Equal(1UL, got.Payload[1]);                                           // count
        Assert.Equal(ZxStatus.TimedOut, k.Sys.PortWait(port, 0, out _));             // ONCE: no second packet

        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitAsync(ev, port, 8, ZxSignals.User0, ZxPacketTypes.WaitAsyncRepeating));
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(ZxStatus.Ok, k.Sys.ObjectSignal(ev, 0, (uint)ZxSignals.User0));
            Assert.Equal(ZxStatus.Ok, k.Sys.ObjectSignal(ev, (uint)ZxSignals.User0, 0));
        }
        // One packet waits at a time per wait (2018): the raises before the port is read share it.
        Assert.Equal(ZxStatus.Ok, k.Sys.PortWait(port, 0, out got));
        Assert.Equal(ZxPacketTypes.SignalRepeating, got.Type);
        Assert.Equal(ZxStatus.TimedOut, k.Sys.PortWait(port, 0, out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.PortCancel(port, ev, 8));
        Assert.Equal(ZxStatus.NotFound, k.Sys.PortCancel(port, ev, 8));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectSignal(ev, 0, (uint)ZxSignals.User0));
        Assert.Equal(ZxStatus.TimedOut, k.Sys.PortWait(port, 0, out _));
        // Closing the handle a wait was made through cancels it.
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitAsync(ev, port, 9, ZxSignals.User4, ZxPacketTypes.WaitAsyncOnce));
        ZxHandle dup = k.Duplicate(ev, ZxRights.SameRights);
        k.Sys.HandleClose(ev);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectSignal(dup, 0, (uint)ZxSignals.User4));
        Assert.Equal(ZxStatus.TimedOut, k.Sys.PortWait(port, 0, out _));
        k.Sys.HandleCloseMany([dup, port]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void AFullPortRefusesWithShouldWaitThenDrainsInOrderAndWakesAcrossThreads()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.PortCreate(0, out ZxHandle port));
        // 2018: a port holding more than 2,048 packets refuses the next; so 2,049 fit.
        const int fits = Zx.Kernel.Object.PortDispatcher.MaxPendingPackets + 1;
        for (ulong i = 0; i < fits; i++)
            Assert.Equal(ZxStatus.Ok, k.Sys.PortQueue(port, new ZxPortPacket { Key = i }));
        Assert.Equal(ZxStatus.ShouldWait, k.Sys.PortQueue(port, new ZxPortPacket { Key = 9999 }));
        Assert.Equal(ZxStatus.Ok, k.Sys.PortWait(port, 0, out ZxPortPacket first));
        Assert.Equal(0UL, first.Key);
        Assert.Equal(ZxStatus.Ok, k.Sys.PortQueue(port, new ZxPortPacket { Key = fits }));
        for (ulong i = 1; i <= fits; i++)
        {
            Assert.Equal(ZxStatus.Ok, k.Sys.PortWait(port, 0, out ZxPortPacket p));
            Assert.Equal(i, p.Key);
        }
        ZxStatus status = ZxStatus.Internal;
        ZxPortPacket received = default;
        var waiter = new Thread(() => status = k.Sys.PortWait(port, k.Sys.DeadlineAfter(10_000_000_000), out received));
        waiter.Start();
        Thread.Sleep(30);
        Assert.Equal(ZxStatus.Ok, k.Sys.PortQueue(port, new ZxPortPacket { Key = 77 }));
        Assert.True(waiter.Join(TimeSpan.FromSeconds(10)));
        Assert.Equal(ZxStatus.Ok, status);
        Assert.Equal(77UL, received.Key);
        k.Sys.HandleClose(port);
        k.AssertNoLeaks();
    }

    [Fact]
    public void ThreadsBlockedOnOnePortEachTakeOneOfThePacketsQueued()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.PortCreate(0, out ZxHandle port));
        var statuses = new ZxStatus[3];
        var keys = new ulong[3];
        Thread[] waiters = [.. Enumerable.Range(0, 3).Select(i => new Thread(() =>
        {
            statuses[i] = k.Sys.PortWait(port, k.Sys.DeadlineAfter(10_000_000_000), out ZxPortPacket packet);
            keys[i] = packet.Key;
        }))];
        foreach (Thread waiter in waiters)
            waiter.Start();
        Thread.Sleep(50);
        for (ulong key = 1; key <= 3; key++)
            Assert.Equal(ZxStatus.Ok, k.Sys.PortQueue(port, new ZxPortPacket { Key = key }));
        foreach (Thread waiter in waiters)
            Assert.True(waiter.Join(TimeSpan.FromSeconds(10)));
        Assert.All(statuses, s => Assert.Equal(ZxStatus.Ok, s));
        Assert.Equal([1UL, 2UL, 3UL], keys.Order());
        Assert.Equal(ZxStatus.TimedOut, k.Sys.PortWait(port, 0, out _)); // each packet was taken once
        k.Sys.HandleClose(port);
        k.AssertNoLeaks();
    }

    [Fact]
    public void AWaitBlockedWhenThePortsLastHandleClosesEndsAtItsDeadline()
    {
        // zx_port_wait borrows the port (decision 113): the close frees nothing the wait uses, and the wait goes on
        // until its deadline, as it did holding a reference.
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.PortCreate(0, out ZxHandle port));
        ZxStatus status = ZxStatus.Internal;
        var waiter = new Thread(() => status = k.Sys.PortWait(port, k.Sys.DeadlineAfter(300_000_000), out _));
        waiter.Start();
        Thread.Sleep(50);
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(port));
        Assert.True(waiter.Join(TimeSpan.FromSeconds(10)));
        Assert.Equal(ZxStatus.TimedOut, status);
        Assert.Equal(ZxStatus.BadHandle, k.Sys.PortQueue(port, new ZxPortPacket()));
        k.AssertNoLeaks();
    }

    [Fact]
    public void PortRightsComeFirst()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.PortCreate(0, out ZxHandle port));
        ZxHandle readOnly = k.Duplicate(port, ZxRights.Read);
        ZxHandle writeOnly = k.Duplicate(port, ZxRights.Write);
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.PortQueue(readOnly, new ZxPortPacket()));
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.PortWait(writeOnly, 0, out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.EventCreate(0, out ZxHandle ev));
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.ObjectWaitAsync(ev, readOnly, 0, ZxSignals.User0, 0));
        ZxHandle noWait = k.Duplicate(ev, ZxRights.Signal);
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.ObjectWaitAsync(noWait, port, 0, ZxSignals.User0, 0));
        Assert.Equal(ZxStatus.WrongType, k.Sys.PortQueue(ev, new ZxPortPacket()));
        k.Sys.HandleCloseMany([port, readOnly, writeOnly, ev, noWait]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void CookiesAreScopedToTheirFirstSetter()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.EventCreate(0, out ZxHandle ev));
        Assert.Equal(ZxStatus.Ok, k.Sys.EventCreate(0, out ZxHandle scope));
        ZxHandle vmo = k.Vmo(4096);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectSetCookie(ev, scope, 42));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetCookie(ev, scope, out ulong cookie));
        Assert.Equal(42UL, cookie);
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.ObjectGetCookie(ev, vmo, out _));
        Assert.Equal(ZxStatus.NotSupported, k.Sys.ObjectSetCookie(vmo, scope, 1));
        k.Sys.HandleCloseMany([ev, scope, vmo]);
        k.AssertNoLeaks();
    }
}
