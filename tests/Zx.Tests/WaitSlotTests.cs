namespace Zx.Tests;

/// <summary>The object's wait slot (docs/decisions.md #39): the first blocking wait on an object waits in a slot of
/// the object's state word, later ones in the waiter list. Whichever place a wait is in, it must see the same
/// signals, pulses, closes and timeouts.</summary>
public sealed class WaitSlotTests
{
    private static readonly long TenSeconds = 10_000_000_000;

    // Starts a thread that waits on `handle` for `signals` and records the status and observed signals.
    private static Thread StartWait(TestKernel k, ZxHandle handle, ZxSignals signals, ZxStatus[] status, ZxSignals[] observed, int index)
    {
        var t = new Thread(() => status[index] = k.Sys.ObjectWaitOne(handle, signals, k.Sys.DeadlineAfter(TenSeconds), out observed[index]));
        t.Start();
        return t;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(50)]
    public void APulseWakesTheWaitInTheSlotAndTheWaitsInTheList(int delayMilliseconds)
    {
        // With no delay the waits are still spinning on the slot; with 50 ms they sleep on their events.
        using var k = new TestKernel();
        for (int round = 0; round < 20; round++)
        {
            Assert.Equal(ZxStatus.Ok, k.Sys.EventCreate(0, out ZxHandle ev));
            var status = new ZxStatus[3];
            var observed = new ZxSignals[3];
            Thread[] waits = [.. Enumerable.Range(0, 3).Select(i => StartWait(k, ev, ZxSignals.User0, status, observed, i))];
            // Wait until all three are registered: the slot is taken and the list holds two.
            AwaitRegisteredWaits(k, ev, 3);
            Thread.Sleep(delayMilliseconds);
            Assert.Equal(ZxStatus.Ok, k.Sys.ObjectSignal(ev, 0, (uint)ZxSignals.User0));
            Assert.Equal(ZxStatus.Ok, k.Sys.ObjectSignal(ev, (uint)ZxSignals.User0, 0));
            foreach (Thread t in waits)
                Assert.True(t.Join(TimeSpan.FromSeconds(10)), "a wait missed the pulse");
            Assert.All(status, s => Assert.Equal(ZxStatus.Ok, s));
            k.Sys.HandleClose(ev);
        }
        k.AssertNoLeaks();
    }

    [Fact]
    public void AWaitThatBeginsAfterAPulseIsNotEndedByIt()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.EventCreate(0, out ZxHandle ev));
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(ZxStatus.Ok, k.Sys.ObjectSignal(ev, 0, (uint)ZxSignals.User0));
            Assert.Equal(ZxStatus.Ok, k.Sys.ObjectSignal(ev, (uint)ZxSignals.User0, 0));
            Assert.Equal(ZxStatus.TimedOut, k.Sys.ObjectWaitOne(ev, ZxSignals.User0, k.Sys.DeadlineAfter(2_000_000), out ZxSignals seen));
            Assert.Equal((ZxSignals)0, seen & ZxSignals.User0);
        }
        k.Sys.HandleClose(ev);
        k.AssertNoLeaks();
    }

    [Fact]
    public void ClosingAHandleEndsOnlyTheWaitsMadeThroughIt()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.EventCreate(0, out ZxHandle first));
        ZxHandle second = k.Duplicate(first, ZxRights.SameRights);
        var status = new ZxStatus[2];
        var observed = new ZxSignals[2];
        // The first wait takes the slot (through `first`), the second goes to the list (through `second`).
        Thread inSlot = StartWait(k, first, ZxSignals.User1, status, observed, 0);
        AwaitRegisteredWaits(k, first, 1);
        Thread inList = StartWait(k, second, ZxSignals.User1, status, observed, 1);
        AwaitRegisteredWaits(k, first, 2);

        Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(second));
        Assert.True(inList.Join(TimeSpan.FromSeconds(10)));
        AssertEndedByClose(status, observed, 1);
        Assert.True(inSlot.IsAlive, "closing another handle ended the wait in the slot");

        // And the other way round: closing the slot's own handle ends the wait in the slot.
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(first));
        Assert.True(inSlot.Join(TimeSpan.FromSeconds(10)));
        AssertEndedByClose(status, observed, 0);
        k.AssertNoLeaks();
    }

    [Fact]
    public void AWaitThroughAnotherHandleRetakesTheSlotWithItsOwnHandle()
    {
        // A wait through the same handle for the same signals claims the free slot with one compare-and-swap,
        // keeping the fields the last wait left; a wait through another handle must write its own, or a close of
        // the old handle would end it (and a close of its own would not).
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.EventCreate(0, out ZxHandle first));
        ZxHandle second = k.Duplicate(first, ZxRights.SameRights);
        for (int i = 0; i < 2; i++)
            Assert.Equal(ZxStatus.TimedOut, k.Sys.ObjectWaitOne(first, ZxSignals.User0, k.Sys.DeadlineAfter(1_000_000), out _));
        var status = new ZxStatus[1];
        var observed = new ZxSignals[1];
        Thread wait = StartWait(k, second, ZxSignals.User0, status, observed, 0);
        AwaitRegisteredWaits(k, second, 1);
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(first));
        Assert.False(wait.Join(TimeSpan.FromMilliseconds(200)), "closing the handle of an earlier wait ended this one");
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(second));
        Assert.True(wait.Join(TimeSpan.FromSeconds(10)));
        AssertEndedByClose(status, observed, 0);
        k.AssertNoLeaks();
    }

    [Fact]
    public void AWaitForOtherSignalsRetakesTheSlotWithItsOwnSignals()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.EventCreate(0, out ZxHandle ev));
        Assert.Equal(ZxStatus.TimedOut, k.Sys.ObjectWaitOne(ev, ZxSignals.User0, k.Sys.DeadlineAfter(1_000_000), out _));
        var status = new ZxStatus[1];
        var observed = new ZxSignals[1];
        Thread wait = StartWait(k, ev, ZxSignals.User1, status, observed, 0);
        AwaitRegisteredWaits(k, ev, 1);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectSignal(ev, 0, (uint)ZxSignals.User0));
        Assert.False(wait.Join(TimeSpan.FromMilliseconds(200)), "a signal the earlier wait watched ended this one");
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectSignal(ev, 0, (uint)ZxSignals.User1));
        Assert.True(wait.Join(TimeSpan.FromSeconds(10)));
        Assert.Equal(ZxStatus.Ok, status[0]);
        k.Sys.HandleClose(ev);
        k.AssertNoLeaks();
    }

    [Fact]
    public void TheSlotIsFreeAgainAfterATimeoutAndWorksWithAPort()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.EventCreate(0, out ZxHandle ev));
        Assert.Equal(ZxStatus.Ok, k.Sys.PortCreate(0, out ZxHandle port));
        Assert.Equal(ZxStatus.TimedOut, k.Sys.ObjectWaitOne(ev, ZxSignals.User2, k.Sys.DeadlineAfter(1_000_000), out _));
        Assert.Equal(0, Borrow(k, ev).RegisteredWaits);
        // A slot wait and a port observer on one object: one signal reaches both.
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitAsync(ev, port, 42, ZxSignals.User2, ZxPacketTypes.WaitAsyncOnce));
        var status = new ZxStatus[1];
        var observed = new ZxSignals[1];
        Thread wait = StartWait(k, ev, ZxSignals.User2, status, observed, 0);
        AwaitRegisteredWaits(k, ev, 2);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectSignal(ev, 0, (uint)ZxSignals.User2));
        Assert.True(wait.Join(TimeSpan.FromSeconds(10)));
        Assert.Equal(ZxStatus.Ok, status[0]);
        Assert.True(observed[0].HasFlag(ZxSignals.User2));
        Assert.Equal(ZxStatus.Ok, k.Sys.PortWait(port, 0, out ZxPortPacket packet));
        Assert.Equal(42UL, packet.Key);
        k.Sys.HandleCloseMany([ev, port]);
        k.AssertNoLeaks();
    }

    // Waits (up to 10 s) until the object behind `handle` has `count` registered waits.
    private static void AwaitRegisteredWaits(TestKernel k, ZxHandle handle, int count) =>
        Assert.True(SpinWait.SpinUntil(() => Borrow(k, handle).RegisteredWaits == count, 10_000), $"never saw {count} registered waits");

    // The wait recorded at `index` ended because its handle was closed.
    private static void AssertEndedByClose(ZxStatus[] status, ZxSignals[] observed, int index)
    {
        Assert.Equal(ZxStatus.Canceled, status[index]);
        Assert.True(observed[index].HasFlag(ZxSignals.HandleClosed));
    }

    private static Zx.Kernel.Object.Dispatcher Borrow(TestKernel k, ZxHandle handle) =>
        k.Kernel.FirstProcess.Dispatcher.Handles.TryBorrow(handle, out var d, out _) ? d! : throw new InvalidOperationException("no such handle");
}
