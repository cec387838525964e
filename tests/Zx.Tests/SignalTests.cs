using System.Diagnostics;
using System.Runtime.CompilerServices;
using Zx.Kernel.Object;

namespace Zx.Tests;

/// <summary>zx_object_signal and zx_object_wait_one: system/utest/core/vmo-signal (vmo_signal_sanity_test) and the
/// waits the physical-VMO document relies on.</summary>
public sealed class SignalTests
{
    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_state")]
    private static extern ref long StateWord(Dispatcher dispatcher);

    // The distance in bytes between the signal state words of the two ends a pair syscall made.
    private static unsafe long StateDistance(TestKernel k, ZxHandle a, ZxHandle b)
    {
        Assert.True(k.Kernel.FirstProcess.Dispatcher.Handles.TryBorrow(a, out Dispatcher? first, out _));
        Assert.True(k.Kernel.FirstProcess.Dispatcher.Handles.TryBorrow(b, out Dispatcher? second, out _));
        Assert.Same(second, first.Peer);
        // No collection may move either object between the two address reads (safety: the addresses are only compared).
        Assert.True(GC.TryStartNoGCRegion(1 << 20));
        try
        {
            return Math.Abs((long)Unsafe.AsPointer(ref StateWord(second)) - (long)Unsafe.AsPointer(ref StateWord(first)));
        }
        finally
        {
            GC.EndNoGCRegion();
        }
    }

    [Fact]
    public void TheTwoEndsOfEveryPairKeepTheirSignalStatesApart()
    {
        // Decision 110: each end is followed by PeeredDispatcher.SpacingBytes of its own, so the two ends' state words
        // (each touched by the other end's thread) are never neighbours in the host's cache.
        using var k = new TestKernel();
        var pairs = new List<(ZxHandle, ZxHandle)>();
        Assert.Equal(ZxStatus.Ok, k.Sys.EventPairCreate(0, out ZxHandle e0, out ZxHandle e1));
        pairs.Add((e0, e1));
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelCreate(0, out ZxHandle c0, out ZxHandle c1));
        pairs.Add((c0, c1));
        Assert.Equal(ZxStatus.Ok, k.Sys.SocketCreate(0, out ZxHandle s0, out ZxHandle s1));
        pairs.Add((s0, s1));
        Assert.Equal(ZxStatus.Ok, k.Sys.FifoCreate(4, 8, out ZxHandle f0, out ZxHandle f1));
        pairs.Add((f0, f1));
        foreach ((ZxHandle a, ZxHandle b) in pairs)
        {
            long distance = StateDistance(k, a, b);
            Assert.True(distance >= PeeredDispatcher.SpacingBytes + 64, $"ends {distance} bytes apart");
            k.Sys.HandleClose(a);
            k.Sys.HandleClose(b);
        }
        k.AssertNoLeaks();
    }

    [Fact]
    public void VmoSignalSanity()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreatePhysical(k.Root, TestKernel.Uart, ZxConstants.PageSize, out ZxHandle vmo));
        // A new VMO reports exactly ZERO_CHILDREN.
        Assert.Equal(ZxStatus.TimedOut, k.Sys.ObjectWaitOne(vmo, ZxSignals.User0, k.Sys.DeadlineAfter(2), out ZxSignals observed));
        Assert.Equal(ZxSignals.VmoZeroChildren, observed);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(vmo, ZxSignals.VmoZeroChildren, 0, out observed));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectSignal(vmo, 0, (uint)ZxSignals.User0));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(vmo, ZxSignals.User0, ZxConstants.TimeInfinite, out observed));
        Assert.Equal(ZxSignals.User0 | ZxSignals.VmoZeroChildren, observed);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectSignal(vmo, (uint)ZxSignals.User0, 0));
        Assert.Equal(ZxStatus.TimedOut, k.Sys.ObjectWaitOne(vmo, ZxSignals.User0, 0, out observed));
        Assert.Equal(ZxSignals.VmoZeroChildren, observed);
        k.Sys.HandleClose(vmo);
        k.AssertNoLeaks();
    }

    [Fact]
    public void SignalAndWaitRightsAndMasks()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(ZxConstants.PageSize);
        ZxHandle noSignal = k.Duplicate(vmo, ZxRights.Wait);
        ZxHandle noWait = k.Duplicate(vmo, ZxRights.Signal);
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.ObjectSignal(noSignal, 0, (uint)ZxSignals.User1));
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.ObjectWaitOne(noWait, ZxSignals.User1, 0, out _));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.ObjectSignal(vmo, 0, (uint)ZxSignals.VmoZeroChildren));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.ObjectSignal(vmo, (uint)ZxSignals.ObjectReadable, 0));
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.ObjectSignal(noSignal, 0, (uint)ZxSignals.VmoZeroChildren)); // rights first
        Assert.Equal(ZxStatus.BadHandle, k.Sys.ObjectWaitOne(ZxHandle.Invalid, ZxSignals.User0, 0, out _));
        // A VMAR has no WAIT or SIGNAL right: ACCESS_DENIED.
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.ObjectWaitOne(k.Kernel.FirstProcess.RootVmar, ZxSignals.User0, 0, out _));
        // Safety: the pointers are to the test's own pinned arrays and locals, or are bad user addresses the kernel must refuse.
        unsafe
        {
            Assert.Equal(ZxStatus.TimedOut, k.Sys.ObjectWaitOne(vmo, ZxSignals.User0, 0, null)); // observed is optional
        }
        k.Sys.HandleCloseMany([vmo, noSignal, noWait]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void AWaitIsWokenFromAnotherThreadAndEndsWhenItsHandleCloses()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(ZxConstants.PageSize);
        ZxStatus status = ZxStatus.Internal;
        ZxSignals observed = 0;
        var waiter = new Thread(() => status = k.Sys.ObjectWaitOne(vmo, ZxSignals.User3, k.Sys.DeadlineAfter(10_000_000_000), out observed));
        waiter.Start();
        Thread.Sleep(50);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectSignal(vmo, 0, (uint)ZxSignals.User3));
        Assert.True(waiter.Join(TimeSpan.FromSeconds(10)), "the wait was not woken");
        Assert.Equal(ZxStatus.Ok, status);
        Assert.True(observed.HasFlag(ZxSignals.User3));

        ZxHandle dup = k.Duplicate(vmo, ZxRights.SameRights);
        var closed = new Thread(() => status = k.Sys.ObjectWaitOne(dup, ZxSignals.User5, ZxConstants.TimeInfinite, out observed));
        closed.Start();
        Thread.Sleep(50);
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(dup));
        Assert.True(closed.Join(TimeSpan.FromSeconds(10)), "closing the handle did not end the wait");
        Assert.Equal(ZxStatus.Canceled, status);
        Assert.True(observed.HasFlag(ZxSignals.HandleClosed));
        k.Sys.HandleClose(vmo);
        k.AssertNoLeaks();
    }

    [Fact]
    public void DeadlinesAndSleep()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(ZxConstants.PageSize);
        long before = k.Sys.ClockGetMonotonic();
        var watch = Stopwatch.StartNew();
        Assert.Equal(ZxStatus.TimedOut, k.Sys.ObjectWaitOne(vmo, ZxSignals.User0, k.Sys.DeadlineAfter(30_000_000), out _));
        Assert.True(watch.ElapsedMilliseconds >= 25, $"woke after {watch.ElapsedMilliseconds} ms");
        Assert.True(k.Sys.ClockGetMonotonic() - before >= 30_000_000);
        Assert.Equal(ZxConstants.TimeInfinite, k.Sys.DeadlineAfter(long.MaxValue));
        Assert.Equal(ZxStatus.TimedOut, k.Sys.ObjectWaitOne(vmo, ZxSignals.User0, ZxConstants.TimeInfinitePast, out _));
        watch.Restart();
        Assert.Equal(ZxStatus.Ok, k.Sys.Nanosleep(k.Sys.DeadlineAfter(20_000_000)));
        Assert.True(watch.ElapsedMilliseconds >= 15);
        Assert.Equal(ZxStatus.Ok, k.Sys.Nanosleep(0));
        k.Sys.HandleClose(vmo);
        k.AssertNoLeaks();
    }
}
