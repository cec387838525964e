using Zx.Kernel.Concurrency;

namespace Zx.Kernel.Object;

// The signal state of every kernel object, and how it is changed and waited on without a lock in the common case
// (docs/concurrency.md draws the word and the lock order). The model's view of it is the few public members:
// Signals, UpdateState, AddWaiter/RemoveWaiter, AddObserver/RemoveObservers and CancelWaitsThrough.
internal abstract partial class Dispatcher
{
    // The state word: the signals (high 32 bits), the wait slot's claim count and state, and whether the waiter list
    // or the observers have entries (docs/decisions.md #39). While they have none, a signal is one compare-and-swap
    // of this word, which also ends a slot wait it satisfies; with them it runs under the state lock.
    // The wait slot: one blocking wait at a time waits here instead of in the waiter list. Its state moves Free ->
    // Claiming (the waiter fills in the fields below) -> Waiting (or Satisfied at once; the claim is counted) ->
    // Blocked (the waiter sleeps on _slotEvent) -> Satisfied or Closed (a signal or a close) -> Free (the waiter
    // leaves). Every change is one compare-and-swap of the whole word, so a signal ends exactly the claim it saw,
    // and a wait that began after a signal was asserted (and perhaps cleared again) is never ended by it.
    private long _state;
    private uint _slotWatched;
    private ZxHandle _slotHandle;
    private ProcessDispatcher? _slotProcess;
    private ManualResetEventSlim? _slotEvent;
    private SpinGate _stateLock; // guards the waiter list and the observers
    private List<Waiter>? _waiters;
    private List<AsyncObserver>? _observers;
    private int _waiterCount;
    [ThreadStatic]
    private static List<Waiter>? t_toWake;

    /// <summary>Clears then sets signal bits, waking every waiter whose signals are now asserted. Waiters are
    /// woken after the state lock is released, so a woken thread does not stall on it.</summary>
    public void UpdateState(ZxSignals clear, ZxSignals set)
    {
        long word = Volatile.Read(ref _state);
        while ((word & Listed) == 0)
        {
            long next = NextState(word, clear, set);
            long found = Interlocked.CompareExchange(ref _state, next, word);
            if (found == word)
            {
                WakeSlotIfEnded(word, next);
                return;
            }
            word = found;
        }
        UpdateStateListed(clear, set);
    }

    // The state word after clearing then setting signals: a waiting or blocked slot wait whose signals are now
    // asserted becomes Satisfied.
    private long NextState(long word, ZxSignals clear, ZxSignals set)
    {
        uint next = ((uint)SignalsOf(word) & ~(uint)clear) | (uint)set;
        long result = (word & uint.MaxValue) | ((long)next << 32);
        if (SlotStateOf(word) is WaitSlotState.Waiting or WaitSlotState.Blocked && (next & Volatile.Read(ref _slotWatched)) != 0)
            result = WithSlotState(result, WaitSlotState.Satisfied);
        return result;
    }

    // After a successful compare-and-swap from `before` to `after`: wakes the slot's waiter if that change ended its
    // blocked wait.
    private void WakeSlotIfEnded(long before, long after)
    {
        if (SlotStateOf(before) == WaitSlotState.Blocked && SlotStateOf(after) != WaitSlotState.Blocked)
            Volatile.Read(ref _slotEvent)?.Set();
    }

    // UpdateState when the waiter list or the observers have entries: under the state lock, so registrations and
    // the changes they see are ordered.
    private void UpdateStateListed(ZxSignals clear, ZxSignals set)
    {
        List<Waiter>? toWake = null;
        long word, after;
        EnterState();
        try
        {
            word = Volatile.Read(ref _state);
            while (true)
            {
                after = NextState(word, clear, set);
                long found = Interlocked.CompareExchange(ref _state, after, word);
                if (found == word)
                    break;
                word = found;
            }
            uint previous = (uint)SignalsOf(word);
            uint next = (previous & ~(uint)clear) | (uint)set;
            if (_waiters is not null)
            {
                foreach (Waiter waiter in _waiters)
                {
                    if ((next & (uint)waiter.Watched) == 0)
                        continue;
                    waiter.MarkSatisfied();
                    toWake ??= t_toWake ??= [];
                    toWake.Add(waiter);
                }
            }
            if (_observers is not null)
            {
                for (int i = _observers.Count - 1; i >= 0; i--)
                {
                    AsyncObserver observer = _observers[i];
                    uint asserted = observer.Repeating ? next & ~previous : next;
                    if ((asserted & (uint)observer.Watched) == 0)
                        continue;
                    bool queued = observer.Fire((ZxSignals)next, SignalCount);
                    if (!observer.Repeating || !queued) // a full port ends a repeating wait, as in 2018
                    {
                        _observers.RemoveAt(i);
                        observer.Port.Release();
                        RecountLocked();
                    }
                }
            }
        }
        finally
        {
            ExitState();
        }
        WakeSlotIfEnded(word, after);
        if (toWake is null)
            return;
        // A waiter may have left between the unlock and here; waking its (reset-on-reuse) event is harmless
        // because a wait always rechecks the object's signals before it reports success.
        foreach (Waiter waiter in toWake)
            waiter.Wake();
        toWake.Clear();
    }

    /// <summary>Registers a waiter; it is woken at once when its signals are already asserted.</summary>
    public void AddWaiter(Waiter waiter)
    {
        EnterState();
        try
        {
            (_waiters ??= []).Add(waiter);
            RecountLocked(); // a full fence: signals set from here on take the lock
            if ((Signals & waiter.Watched) != 0)
            {
                waiter.MarkSatisfied();
                waiter.Wake();
            }
        }
        finally
        {
            ExitState();
        }
    }

    /// <summary>Registers an asynchronous wait; it fires at once when its signals are already asserted (and, when
    /// ONCE, is then done). The observer holds a reference to its port while registered.</summary>
    public void AddObserver(AsyncObserver observer)
    {
        EnterState();
        try
        {
            Interlocked.Or(ref _state, Listed); // signals set from here on take the lock (RecountLocked clears it again)
            ZxSignals now = Signals;
            if ((now & observer.Watched) != 0)
            {
                bool queued = observer.Fire(now, SignalCount);
                if (!observer.Repeating || !queued)
                {
                    RecountLocked();
                    return;
                }
            }
            observer.Port.AddRef();
            (_observers ??= []).Add(observer);
            RecountLocked();
        }
        finally
        {
            ExitState();
        }
    }

    /// <summary>Removes the asynchronous waits that <paramref name="matches"/>; returns how many.</summary>
    public int RemoveObservers(Func<AsyncObserver, bool> matches)
    {
        EnterState();
        try
        {
            if (_observers is null)
                return 0;
            int removed = 0;
            for (int i = _observers.Count - 1; i >= 0; i--)
            {
                if (!matches(_observers[i]))
                    continue;
                _observers[i].Port.Release();
                _observers.RemoveAt(i);
                removed++;
            }
            RecountLocked();
            return removed;
        }
        finally
        {
            ExitState();
        }
    }

    /// <summary>Keeps the lock-free count of waits (blocking and asynchronous) that a closing handle may have to
    /// cancel.</summary>
    private void RecountLocked()
    {
        int count = (_waiters?.Count ?? 0) + (_observers?.Count ?? 0);
        Volatile.Write(ref _waiterCount, count);
        if (count != 0)
            Interlocked.Or(ref _state, Listed);
        else
            Interlocked.And(ref _state, ~Listed);
    }

    /// <summary>Removes a waiter.</summary>
    public void RemoveWaiter(Waiter waiter)
    {
        EnterState();
        try
        {
            if (_waiters is not null && _waiters.Remove(waiter))
                RecountLocked();
        }
        finally
        {
            ExitState();
        }
    }

    /// <summary>Wakes the waits made through <paramref name="handle"/> of <paramref name="process"/>, which was just
    /// closed: they end with <c>ZX_SIGNAL_HANDLE_CLOSED</c>.</summary>
    /// <remarks>Without waiters this takes no lock; a wait that registers while its handle is being closed checks
    /// the handle again after registering (see <c>zx_object_wait_one</c>).</remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void CancelWaitsThrough(ProcessDispatcher process, ZxHandle handle)
    {
        if (Volatile.Read(ref _waiterCount) != 0 || SlotStateOf(Volatile.Read(ref _state)) != WaitSlotState.Free)
            CancelWaitsThroughSlow(process, handle);
    }

    // Kept apart so that the closure below is only allocated when there are waits to cancel (a closure over
    // parameters is created on entry to the method that declares it).
    private void CancelWaitsThroughSlow(ProcessDispatcher process, ZxHandle handle)
    {
        CloseSlotWaitThrough(process, handle);
        EnterState();
        try
        {
            foreach (Waiter waiter in _waiters ?? [])
            {
                if (waiter.Process == process && waiter.Handle == handle)
                    waiter.CancelByHandleClose();
            }
        }
        finally
        {
            ExitState();
        }
        RemoveObservers(o => o.Process == process && o.Handle == handle);
    }

    // Takes the state lock. Holders keep it briefly (list updates, waking waiters, queueing port packets), so a
    // waiting thread spins.
    private void EnterState() => _stateLock.Enter();

    private void ExitState() => _stateLock.Exit();

    private const long SlotStateMask = 7;
    private const long Listed = 8;
    private const int ClaimShift = 4;
    private const long ClaimMask = 0x0FFF_FFFFL << ClaimShift;

    private static ZxSignals SignalsOf(long word) => (ZxSignals)(uint)(word >>> 32);

    private static WaitSlotState SlotStateOf(long word) => (WaitSlotState)(word & SlotStateMask);

    private static long WithSlotState(long word, WaitSlotState state) => (word & ~SlotStateMask) | (long)state;

    private static long CountingClaim(long word) => (word & ~ClaimMask) | ((word + (1L << ClaimShift)) & ClaimMask);

    /// <summary>Sets the signals an object starts with (the constructor's only use of the state word).</summary>
    private void InitializeSignals(ZxSignals initial) => _state = (long)(ulong)(uint)initial << 32;

    /// <summary>The current signal state.</summary>
    public ZxSignals Signals => SignalsOf(Volatile.Read(ref _state));
}
