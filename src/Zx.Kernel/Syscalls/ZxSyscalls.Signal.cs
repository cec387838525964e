using Zx.Kernel.Object;

namespace Zx.Kernel.Syscalls;

public sealed unsafe partial class ZxSyscalls
{
    /// <summary><c>zx_clock_get_monotonic</c>: nanoseconds since the kernel started.</summary>
    public long ClockGetMonotonic() => Kernel.MonotonicNow;

    /// <summary><c>zx_deadline_after</c>: now plus <paramref name="nanoseconds"/>, saturating at
    /// <c>ZX_TIME_INFINITE</c>.</summary>
    public long DeadlineAfter(long nanoseconds)
    {
        long now = Kernel.MonotonicNow;
        return nanoseconds > 0 && now > ZxConstants.TimeInfinite - nanoseconds ? ZxConstants.TimeInfinite : now + nanoseconds;
    }

    /// <summary><c>zx_nanosleep</c>: sleeps until <paramref name="deadline"/> (a past deadline returns at once).</summary>
    public ZxStatus Nanosleep(long deadline)
    {
        // Host sleeps count coarse milliseconds and may end early: sleep again until the deadline has passed.
        for (TimeSpan? timeout = TimeUntil(deadline); timeout != TimeSpan.Zero; timeout = TimeUntil(deadline))
            Thread.Sleep(timeout ?? Timeout.InfiniteTimeSpan);
        return ZxStatus.Ok;
    }

    /// <summary><c>zx_object_signal</c>: clears then sets user signals.</summary>
    /// <remarks>Rights: SIGNAL. Errors, in order: BAD_HANDLE, ACCESS_DENIED, INVALID_ARGS (a bit outside
    /// <c>ZX_USER_SIGNAL_ALL</c>), NOT_SUPPORTED (an object without signals).</remarks>
    public ZxStatus ObjectSignal(ZxHandle handle, uint clearMask, uint setMask)
    {
        using Lookup<Dispatcher> target = Process.GetDispatcherWithRights<Dispatcher>(handle, ZxRights.Signal);
        if (target.Failed)
            return target.Status;
        if (((clearMask | setMask) & ~(uint)ZxSignals.UserAll) != 0)
            return ZxStatus.InvalidArgs;
        if (!target.Object.HasStateTracker)
            return ZxStatus.NotSupported;
        target.Object.UpdateState((ZxSignals)clearMask, (ZxSignals)setMask);
        return ZxStatus.Ok;
    }

    /// <summary><c>zx_object_wait_one</c>: waits until any of <paramref name="signals"/> is asserted, the deadline
    /// passes or the handle is closed, then reports the object's signals in <paramref name="observed"/>.</summary>
    /// <remarks>Rights: WAIT. Errors, in order: BAD_HANDLE, ACCESS_DENIED, NOT_SUPPORTED (no signals); then
    /// TIMED_OUT, or CANCELED when the handle was closed (observed then includes
    /// <c>ZX_SIGNAL_HANDLE_CLOSED</c>); INVALID_ARGS when <paramref name="observed"/> cannot be written. An
    /// already-asserted signal returns OK even with a deadline in the past. <paramref name="observed"/> may be
    /// NULL.</remarks>
    public ZxStatus ObjectWaitOne(ZxHandle handle, ZxSignals signals, long deadline, ZxSignals* observed)
    {
        using Lookup<Dispatcher> target = Process.GetDispatcherWithRights<Dispatcher>(handle, ZxRights.Wait);
        if (target.Failed)
            return target.Status;
        Dispatcher d = target.Object;
        if (!d.HasStateTracker)
            return ZxStatus.NotSupported;
        using var waiter = new Waiter(Process, handle, signals);
        d.AddWaiter(waiter);
        // A close that raced with registering would have found no waiter to cancel: check the handle again.
        if (!Process.Handles.TryGet(handle, out Dispatcher? again, out _) || !ReferenceEquals(again, d))
            waiter.CancelByHandleClose();
        again?.Release();
        bool woken = waiter.Wait(TimeUntil(deadline));
        while (!woken && TimeUntil(deadline) != TimeSpan.Zero)
            woken = waiter.Wait(TimeUntil(deadline)); // a host wait may end a little before the deadline
        d.RemoveWaiter(waiter);
        ZxSignals state = d.Signals | (waiter.HandleClosed ? ZxSignals.HandleClosed : 0);
        if (observed is not null)
            *observed = state;
        if (waiter.HandleClosed)
            return ZxStatus.Canceled;
        return woken || (state & signals) != 0 ? ZxStatus.Ok : ZxStatus.TimedOut;
    }

    /// <summary><c>zx_object_wait_one</c> (managed form).</summary>
    public ZxStatus ObjectWaitOne(ZxHandle handle, ZxSignals signals, long deadline, out ZxSignals observed)
    {
        ZxSignals result = 0;
        ZxStatus status = ObjectWaitOne(handle, signals, deadline, &result);
        observed = result;
        return status;
    }

    /// <summary>The time left until a monotonic deadline: null for <c>ZX_TIME_INFINITE</c>, zero when past.</summary>
    private TimeSpan? TimeUntil(long deadline)
    {
        if (deadline == ZxConstants.TimeInfinite)
            return null;
        if (deadline <= 0)
            return TimeSpan.Zero;
        long remaining = deadline - Kernel.MonotonicNow;
        if (remaining <= 0)
            return TimeSpan.Zero;
        // Waits count whole milliseconds: round up, so a wait never ends before its deadline.
        long milliseconds = Math.Min(remaining / 1_000_000 + 1, int.MaxValue - 1);
        return TimeSpan.FromMilliseconds(milliseconds);
    }
}
