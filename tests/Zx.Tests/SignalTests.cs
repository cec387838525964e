using System.Diagnostics;

namespace Zx.Tests;

/// <summary>zx_object_signal and zx_object_wait_one: system/utest/core/vmo-signal (vmo_signal_sanity_test) and the
/// waits the physical-VMO document relies on.</summary>
public sealed class SignalTests
{
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
