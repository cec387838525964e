using Zx.Kernel.Concurrency;
using Zx.Kernel.Host;
using Zx.Kernel.Object;

namespace Zx.Kernel.Syscalls;

// Safety: pointer parameters are user memory, read and written only through UserCopy, which answers a fault.
public sealed unsafe partial class ZxSyscalls
{
    /// <summary><c>zx_clock_get_monotonic</c>: nanoseconds since the kernel started.</summary>
    public long ClockGetMonotonic() => Kernel.MonotonicNow;

    /// <summary><c>zx_clock_get</c> (2018 form, returning the time): <c>ZX_CLOCK_MONOTONIC</c> (0) since the kernel
    /// started, <c>ZX_CLOCK_UTC</c> (1) since the Unix epoch (the host's at boot, then as <c>zx_clock_adjust</c> sets it), <c>ZX_CLOCK_THREAD</c> (2) the calling host thread's
    /// CPU time; 0 for any other id.</summary>
    public long ClockGet(uint clockId) => clockId switch
    {
        0 => Kernel.MonotonicNow,
        1 => Kernel.MonotonicNow + Kernel.UtcOffset,
        2 => (long)Environment.CpuUsage.TotalTime.Ticks * 100,
        _ => 0,
    };

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
        // A killed process's sleeping threads wake within a slice.
        TimeSpan slice = TimeSpan.FromMilliseconds(100);
        using ThreadDispatcher.BlockedScope blocked = ThreadDispatcher.BlockedIn(ZxThreadState.BlockedSleeping);
        for (TimeSpan? timeout = TimeUntil(deadline); timeout != TimeSpan.Zero && !CallerAbandoned; timeout = TimeUntil(deadline))
            Thread.Sleep(timeout is null || timeout.Value > slice ? slice : timeout.Value);
        return ZxStatus.Ok;
    }

    /// <summary><c>zx_object_signal</c>: clears then sets user signals.</summary>
    /// <remarks>Rights: SIGNAL. Errors, in order: BAD_HANDLE, ACCESS_DENIED, NOT_SUPPORTED (an object without
    /// signals), INVALID_ARGS (a bit outside <c>ZX_USER_SIGNAL_ALL</c>, which for an event also allows
    /// <c>ZX_EVENT_SIGNALED</c>).</remarks>
    public ZxStatus ObjectSignal(ZxHandle handle, uint clearMask, uint setMask)
    {
        using Lookup<Dispatcher> target = Process.BorrowDispatcherWithRights<Dispatcher>(handle, ZxRights.Signal);
        if (target.Failed)
            return target.Status;
        if (!target.Object.HasStateTracker)
            return ZxStatus.NotSupported;
        if (((clearMask | setMask) & ~(uint)target.Object.AllowedUserSignals) != 0)
            return ZxStatus.InvalidArgs;
        target.Object.UpdateState((ZxSignals)clearMask, (ZxSignals)setMask);
        return ZxStatus.Ok;
    }

    /// <summary><c>zx_object_signal_peer</c>: clears then sets user signals on the other end of a pair.</summary>
    /// <remarks>Rights: SIGNAL_PEER. Errors, in order: BAD_HANDLE, ACCESS_DENIED, NOT_SUPPORTED (not a peered
    /// object), INVALID_ARGS (a bit the peer may not take), PEER_CLOSED.</remarks>
    public ZxStatus ObjectSignalPeer(ZxHandle handle, uint clearMask, uint setMask)
    {
        using Lookup<Dispatcher> target = Process.BorrowDispatcherWithRights<Dispatcher>(handle, ZxRights.SignalPeer);
        if (target.Failed)
            return target.Status;
        if (!target.Object.IsPeered)
            return ZxStatus.NotSupported;
        if (((clearMask | setMask) & ~(uint)target.Object.AllowedUserSignals) != 0)
            return ZxStatus.InvalidArgs;
        Dispatcher? peer = target.Object.Peer;
        if (peer is null)
            return ZxStatus.PeerClosed;
        peer.UpdateState((ZxSignals)clearMask, (ZxSignals)setMask);
        return ZxStatus.Ok;
    }

    /// <summary><c>zx_event_create</c>: an event. Errors: INVALID_ARGS (options), NO_MEMORY, INVALID_ARGS (bad out).</summary>
    public ZxStatus EventCreate(uint options, ZxHandle* @out)
    {
        if (options != 0)
            return ZxStatus.InvalidArgs;
        ZxStatus allowed = EnforcePolicy(ZxJobPolicy.NewEvent);
        if (allowed != ZxStatus.Ok)
            return allowed;
        return MakeHandleAndRelease(new EventDispatcher(Kernel), ZxDefaultRights.Event, @out);
    }

    /// <summary><c>zx_eventpair_create</c>: two events, each the other's peer; closing one asserts PEER_CLOSED on
    /// the other. Errors: NOT_SUPPORTED (options), NO_MEMORY, INVALID_ARGS (a bad out pointer; nothing is left).</summary>
    public ZxStatus EventPairCreate(uint options, ZxHandle* out0, ZxHandle* out1)
    {
        if (options != 0)
            return ZxStatus.NotSupported;
        ZxStatus allowed = EnforcePolicy(ZxJobPolicy.NewEventpair);
        if (allowed != ZxStatus.Ok)
            return allowed;
        (EventPairDispatcher a, EventPairDispatcher b) = EventPairDispatcher.Create(Kernel);
        return MakeHandlePair(a, b, ZxDefaultRights.EventPair, out0, out1);
    }

    /// <summary>Hands out both ends of a new pair: both handles are made, then both values written; when either
    /// handle cannot be made or either value cannot be written, neither handle is left. This is the pair's
    /// allocation point, as <see cref="MakeHandleAndRelease"/> is a single object's.</summary>
    private ZxStatus MakeHandlePair(PeeredDispatcher a, PeeredDispatcher b, ZxRights rights, ZxHandle* out0, ZxHandle* out1)
    {
        try
        {
            if (Kernel.Faults.ShouldFail())
            {
                a.UnlinkIfUnhandled();
                return ZxStatus.NoMemory;
            }
            ZxStatus status = Process.InstallHandle(a, rights, out ZxHandle h0);
            if (status != ZxStatus.Ok)
            {
                a.UnlinkIfUnhandled();
                return status;
            }
            status = Process.InstallHandle(b, rights, out ZxHandle h1);
            if (status != ZxStatus.Ok)
            {
                _ = HandleClose(h0);
                return status;
            }
            return PublishHandlePair(h0, out0, h1, out1);
        }
        finally
        {
            a.Release();
            b.Release();
        }
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
        using Lookup<Dispatcher> target = Process.BorrowDispatcherWithRights<Dispatcher>(handle, ZxRights.Wait);
        if (target.Failed)
            return target.Status;
        if (!target.Object.HasStateTracker)
            return ZxStatus.NotSupported;
        ZxStatus status = target.Object.WaitOne(Process, handle, signals, deadline, out ZxSignals state);
        return CopyOutIfWanted(observed, state, status);
    }

    /// <summary><c>zx_object_wait_many</c>: waits until any item's signals are asserted (up to 16 items).</summary>
    /// <remarks>Errors, in order: OUT_OF_RANGE (more than 16 items), TIMED_OUT after sleeping to the deadline for
    /// zero items, INVALID_ARGS (NULL items), then per item BAD_HANDLE, ACCESS_DENIED (WAIT), NOT_SUPPORTED; then
    /// TIMED_OUT, or CANCELED when any handle was closed. The items are copied in once (INVALID_ARGS when they
    /// cannot be read) and, whatever the outcome of the wait, copied back with every <c>pending</c> filled in
    /// (INVALID_ARGS when that write faults).</remarks>
    public ZxStatus ObjectWaitMany(ZxWaitItem* items, ulong count, long deadline)
    {
        if (count > ZxConstants.WaitManyMaxItems)
            return ZxStatus.OutOfRange;
        if (count == 0)
        {
            _ = Nanosleep(deadline);
            return ZxStatus.TimedOut;
        }
        int n = (int)count;
        Span<ZxWaitItem> copied = stackalloc ZxWaitItem[n];
        if (!UserCopy.TryCopyIn(copied, items))
            return ZxStatus.InvalidArgs;
        var targets = new Dispatcher[n];
        var waiters = new Waiter[n];
        using var wake = new ManualResetEventSlim(false, spinCount: 100);
        int registered = 0;
        try
        {
            for (int i = 0; i < n; i++)
            {
                using Lookup<Dispatcher> target = Process.GetDispatcherWithRights<Dispatcher>(copied[i].Handle, ZxRights.Wait);
                if (target.Failed)
                    return target.Status;
                if (!target.Object.HasStateTracker)
                    return ZxStatus.NotSupported;
                targets[i] = target.Object;
                target.Object.AddRef();
                waiters[i] = new Waiter(Process, copied[i].Handle, copied[i].WaitFor, wake);
                target.Object.AddWaiter(waiters[i]);
                registered = i + 1;
            }
            for (int i = 0; i < n; i++)
            {
                if (!Process.Handles.StillNames(copied[i].Handle, targets[i]))
                    waiters[i].CancelByHandleClose();
            }
            using (ThreadDispatcher.BlockedIn(ZxThreadState.BlockedWaitMany))
                Waiter.BlockUntilAnyDone(waiters, Process, new Deadline(Kernel, deadline));
            bool closed = false, satisfied = false;
            for (int i = 0; i < n; i++)
            {
                targets[i].RemoveWaiter(waiters[i]);
                ZxSignals state = targets[i].Signals;
                if (waiters[i].HandleClosed)
                {
                    state |= ZxSignals.HandleClosed;
                    closed = true;
                }
                satisfied |= waiters[i].Satisfied;
                copied[i].Pending = state;
            }
            registered = 0;
            if (!UserCopy.TryCopyOut(items, copied))
                return ZxStatus.InvalidArgs;
            return closed ? ZxStatus.Canceled : satisfied ? ZxStatus.Ok : ZxStatus.TimedOut;
        }
        finally
        {
            for (int i = 0; i < n; i++)
            {
                if (targets[i] is null)
                    continue;
                if (i < registered)
                    targets[i].RemoveWaiter(waiters[i]);
                targets[i].Release();
            }
        }
    }

    /// <summary>The time left until a monotonic deadline: null for <c>ZX_TIME_INFINITE</c>, zero when past.</summary>
    private TimeSpan? TimeUntil(long deadline) => new Deadline(Kernel, deadline).Remaining();
}
