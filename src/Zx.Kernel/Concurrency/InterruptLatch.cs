namespace Zx.Kernel.Concurrency;

/// <summary>The states of an interrupt object (2018's <c>InterruptDispatcher</c>).</summary>
internal enum InterruptState
{
    /// <summary>Nothing pending, nobody waiting.</summary>
    Idle,
    /// <summary>An interrupt came and nobody has taken it yet.</summary>
    Triggered,
    /// <summary>Taken (by a waiter, or as a packet on the bound port) and not yet acknowledged.</summary>
    NeedAck,
    /// <summary>A thread waits in <c>zx_interrupt_wait</c>.</summary>
    Waiting,
    /// <summary>Destroyed: every call ends with CANCELED.</summary>
    Destroyed,
}

/// <summary>An interrupt object's state word, and the fast path of a direct wait (docs/concurrency.md): a trigger and
/// a waiter that meet on an unbound interrupt change the word with compare-and-swap only, the waiter spinning on it
/// (<see cref="BoundedSpin"/>) before it sleeps on an event armed just for that. Everything else (binding to a port,
/// packets, acks, destruction) happens under the owner's lock, with compare-and-swap too where a fast-path party may
/// change the word at the same moment; a fast-path call that finds the interrupt bound or destroyed says so and the
/// owner takes the lock.</summary>
/// <remarks>Nothing here needs disposing (the event is a managed one that never made a kernel handle), so a wait or a
/// trigger that borrowed the interrupt (no reference) may finish after the object's end: it finds the state
/// Destroyed.</remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001",
    Justification = "a ManualResetEventSlim whose wait handle is never asked for holds no kernel object; not disposing it lets borrowed calls outlive the interrupt")]
internal sealed class InterruptLatch
{
    private const int BoundFlag = 0x100, StateMask = 0xFF;

    private readonly ManualResetEventSlim _wake = new(false);
    private int _word;     // InterruptState in the low byte, BoundFlag once bound to a port
    private long _time;    // unbound: the pending interrupt's time (written before the word says Triggered)
    private int _sleeping; // 1 while a waiter sleeps on _wake

    /// <summary>The state now.</summary>
    public InterruptState State => (InterruptState)(Volatile.Read(ref _word) & StateMask);

    /// <summary>True once bound to a port (set under the owner's lock).</summary>
    public bool IsBound => (Volatile.Read(ref _word) & BoundFlag) != 0;

    /// <summary>Bound: the first interrupt's time since the last packet, or 0 (under the owner's lock).</summary>
    public long PortTime { get; set; }

    /// <summary>What a fast-path call did.</summary>
    public enum Outcome
    {
        /// <summary>A pending interrupt was taken (a wait), or the interrupt is now pending (a raise).</summary>
        Done,
        /// <summary>The waiter now waits (the word says Waiting), or a raise joined an interrupt already pending.</summary>
        Armed,
        /// <summary>Bound or destroyed: the owner decides under its lock.</summary>
        NeedsLock,
    }

    /// <summary>A waiter arrives: takes a pending interrupt (<see cref="Outcome.Done"/>, with its time), or marks the
    /// interrupt Waiting (<see cref="Outcome.Armed"/>; Waiting already, when another thread waits too).</summary>
    public Outcome Arrive(out long time)
    {
        time = 0;
        while (true)
        {
            int word = Volatile.Read(ref _word);
            if ((word & BoundFlag) != 0)
                return Outcome.NeedsLock;
            switch ((InterruptState)word)
            {
                case InterruptState.Triggered:
                    if (TryTake(out time))
                        return Outcome.Done;
                    continue;
                case InterruptState.Waiting:
                    return Outcome.Armed;
                case InterruptState.Idle or InterruptState.NeedAck:
                    if (Interlocked.CompareExchange(ref _word, (int)InterruptState.Waiting, word) == word)
                        return Outcome.Armed;
                    continue;
                default:
                    return Outcome.NeedsLock;
            }
        }
    }

    /// <summary>Takes a pending interrupt of an unbound interrupt (Triggered -> NeedAck) with its time.</summary>
    public bool TryTake(out long time)
    {
        time = 0;
        if (Volatile.Read(ref _word) != (int)InterruptState.Triggered)
            return false;
        long pending = Volatile.Read(ref _time); // after the word: the time of the interrupt it announced
        if (Interlocked.CompareExchange(ref _word, (int)InterruptState.NeedAck, (int)InterruptState.Triggered) != (int)InterruptState.Triggered)
            return false;
        time = pending;
        return true;
    }

    /// <summary>An interrupt of an unbound interrupt: pending now (<see cref="Outcome.Done"/>, a sleeping waiter
    /// woken), joined to one already pending (<see cref="Outcome.Armed"/>), or bound/destroyed.</summary>
    public Outcome Raise(long time)
    {
        while (true)
        {
            int word = Volatile.Read(ref _word);
            if ((word & BoundFlag) != 0)
                return Outcome.NeedsLock;
            switch ((InterruptState)word)
            {
                case InterruptState.Triggered:
                    return Outcome.Armed; // one pending already: this one joins it and keeps its time
                case InterruptState.Destroyed:
                    return Outcome.NeedsLock;
            }
            Volatile.Write(ref _time, time); // before the word: a waiter reads the time once it sees Triggered
            if (Interlocked.CompareExchange(ref _word, (int)InterruptState.Triggered, word) != word)
                continue;
            // The swap is a full fence, as is the sleeper's mark: either it sees Triggered and does not sleep, or
            // this sees its mark and wakes it.
            if (Volatile.Read(ref _sleeping) != 0)
                _wake.Set();
            return Outcome.Done;
        }
    }

    /// <summary>A waiter that arrived and saw nothing: spins on the word, then sleeps up to <paramref name="slice"/>
    /// while it still says Waiting; true when the word changed.</summary>
    public bool AwaitChange(KernelContext kernel, TimeSpan slice)
    {
        if (BoundedSpin.Until(new LeftWaiting(this), new Deadline(kernel, ZxConstants.TimeInfinite)))
            return true;
        _wake.Reset();
        Interlocked.Exchange(ref _sleeping, 1);
        if (State == InterruptState.Waiting)
            _wake.Wait(slice);
        Volatile.Write(ref _sleeping, 0);
        return State != InterruptState.Waiting;
    }

    private readonly struct LeftWaiting(InterruptLatch latch) : ISpinCheck
    {
        public bool Ended() => Volatile.Read(ref latch._word) != (int)InterruptState.Waiting;
    }

    /// <summary>Moves the state from <paramref name="from"/> to <paramref name="to"/>, keeping the bound mark; false
    /// when it was not <paramref name="from"/> (a fast-path party changed it first).</summary>
    public bool TryMove(InterruptState from, InterruptState to)
    {
        int word = Volatile.Read(ref _word);
        if ((InterruptState)(word & StateMask) != from)
            return false;
        return Interlocked.CompareExchange(ref _word, (word & BoundFlag) | (int)to, word) == word;
    }

    /// <summary>Sets the state whatever it was, keeping the bound mark; returns the state before. Under the owner's
    /// lock.</summary>
    public InterruptState Set(InterruptState to)
    {
        while (true)
        {
            int word = Volatile.Read(ref _word);
            if (Interlocked.CompareExchange(ref _word, (word & BoundFlag) | (int)to, word) == word)
                return (InterruptState)(word & StateMask);
        }
    }

    /// <summary>Marks the interrupt bound unless it is destroyed or a thread waits; the state it was in, or null when
    /// it could not be bound. Under the owner's lock.</summary>
    public InterruptState? TryBind()
    {
        while (true)
        {
            int word = Volatile.Read(ref _word);
            var state = (InterruptState)(word & StateMask);
            if (state is InterruptState.Destroyed or InterruptState.Waiting)
                return null;
            if (Interlocked.CompareExchange(ref _word, word | BoundFlag, word) == word)
            {
                PortTime = state == InterruptState.Triggered ? Volatile.Read(ref _time) : 0;
                return state;
            }
        }
    }

    /// <summary>Wakes a sleeping waiter so it looks at the state again (destruction).</summary>
    public void WakeWaiter() => _wake.Set();
}
