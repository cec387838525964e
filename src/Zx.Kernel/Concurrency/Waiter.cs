using Zx.Kernel.Object;

namespace Zx.Kernel.Concurrency;

/// <summary>One thread waiting on one object through one handle (Zircon's wait state observer). Several waiters
/// of one <c>zx_object_wait_many</c> share one event.</summary>
internal sealed class Waiter : IDisposable
{
    [ThreadStatic]
    private static ManualResetEventSlim? t_event;

    private readonly ManualResetEventSlim _event;
    private readonly bool _ownsEvent;

    public Waiter(ProcessDispatcher process, ZxHandle handle, ZxSignals watched, ManualResetEventSlim? shared = null)
    {
        Process = process;
        Handle = handle;
        Watched = watched;
        if (shared is not null)
        {
            _event = shared;
            return;
        }
        // Each host thread keeps one event for its blocking waits (one wait at a time per thread), so a wait
        // allocates no event and the event's spinning stays warm.
        _event = t_event ?? new ManualResetEventSlim(false);
        t_event = null;
        _event.Reset();
        _ownsEvent = true;
    }

    /// <summary>This host thread's event for a wait in an object's wait slot (a thread makes one wait at a time).</summary>
    public static ManualResetEventSlim ThisThreadsEvent() => t_event ??= new ManualResetEventSlim(false);

    public ProcessDispatcher Process { get; }
    public ZxHandle Handle { get; }
    public ZxSignals Watched { get; }

    private volatile bool _satisfied;
    private volatile bool _handleClosed;

    /// <summary>True once the handle waited through was closed.</summary>
    public bool HandleClosed => _handleClosed;

    /// <summary>True once the object's signals matched while this waiter was registered (set under the object's
    /// state lock, so a pulse of a signal is never missed even if it is cleared again at once).</summary>
    public bool Satisfied => _satisfied;

    /// <summary>True when the wait is over: satisfied or its handle closed.</summary>
    public bool Done => _satisfied || _handleClosed;

    public void MarkSatisfied() => _satisfied = true;

    public void Wake() => _event.Set();

    /// <summary>Re-arms the event before blocking again (a late wake from an earlier wait may have set it).</summary>
    public void ResetEvent() => _event.Reset();

    public void CancelByHandleClose()
    {
        _handleClosed = true;
        _event.Set();
    }

    /// <summary>Blocks until woken or until <paramref name="timeout"/> passes (infinite when null).</summary>
    public bool Wait(TimeSpan? timeout) => timeout is null ? WaitForever() : _event.Wait(timeout.Value);

    private bool WaitForever()
    {
        _event.Wait();
        return true;
    }

    /// <summary>Blocks until the wait is done, the deadline passes or <paramref name="caller"/> is abandoned.</summary>
    public void BlockUntilDone(ProcessDispatcher caller, Deadline deadline)
    {
        Waiter self = this;
        BlockUntilAnyDone(new ReadOnlySpan<Waiter>(in self), caller, deadline);
    }

    /// <summary>Blocks until any of <paramref name="waiters"/> is done (they share the first one's event), the
    /// deadline passes or <paramref name="caller"/> is abandoned. The event is re-armed and the waiters checked again
    /// before each block, so neither a late wake from an earlier wait nor a host wait ending a little early can end
    /// the wait wrongly, and no wake is lost.</summary>
    public static void BlockUntilAnyDone(ReadOnlySpan<Waiter> waiters, ProcessDispatcher caller, Deadline deadline)
    {
        while (!AnyDone(waiters) && !Deadline.IsAbandoned(caller))
        {
            TimeSpan? left = deadline.Remaining();
            if (left == TimeSpan.Zero)
                return;
            waiters[0].ResetEvent();
            if (AnyDone(waiters))
                return;
            // A suspension (or kill) that set the event before the reset above would be lost: look again first.
            if (ThreadDispatcher.Current?.SuspendRequested == true || Deadline.IsAbandonedWithoutParking(caller))
                continue;
            waiters[0].Wait(Deadline.CheckSlice(left));
        }
    }

    private static bool AnyDone(ReadOnlySpan<Waiter> waiters)
    {
        foreach (Waiter waiter in waiters)
        {
            if (waiter.Done)
                return true;
        }
        return false;
    }

    /// <summary>Hands the thread's event back for its next wait (it is no longer reachable from the object).</summary>
    public void Dispose()
    {
        if (_ownsEvent)
            t_event = _event;
    }
}
