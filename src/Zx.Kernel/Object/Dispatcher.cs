namespace Zx.Kernel.Object;

/// <summary>The base of every kernel object that handles can name (Zircon's <c>Dispatcher</c>): a koid, a signal
/// state, a handle count and a kernel reference count.</summary>
/// <remarks>References are held by handles, by the syscall that is using the object, and (in later issues) by
/// mappings and children. The object is destroyed exactly once, when the last reference goes: that is when a
/// VMO's pages return to the board and an exclusive resource's range is released.</remarks>
internal abstract class Dispatcher
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
    private int _stateLock; // guards the waiter list and the observers
    private List<Waiter>? _waiters;
    private List<AsyncObserver>? _observers;
    private int _waiterCount;
    private int _refCount = 1;
    private int _handleCount;

    /// <summary>Creates the object with one reference, owned by its creator.</summary>
#pragma warning disable CA2214 // Type is a constant in every class
    protected Dispatcher(KernelContext kernel, ZxSignals initialSignals)
    {
        Kernel = kernel;
        Koid = kernel.GenerateKoid();
        _state = (long)(ulong)(uint)initialSignals << 32;
        kernel.OnObjectCreated(this); // every Type is a constant of its class, safe to read here
    }
#pragma warning restore CA2214

    /// <summary>The kernel the object lives in.</summary>
    public KernelContext Kernel { get; }

    /// <summary>The kernel object id.</summary>
    public ulong Koid { get; }

    /// <summary>The object type (<c>ZX_OBJ_TYPE_*</c>).</summary>
    public abstract ZxObjectType Type { get; }

    /// <summary>The koid of a related object (a peer or parent), or 0.</summary>
    public virtual ulong RelatedKoid => 0;

    /// <summary>True when the object has a signal state that can be waited on.</summary>
    public virtual bool HasStateTracker => true;

    /// <summary>The signals <c>zx_object_signal</c> may set or clear: the user signals, plus SIGNALED for events.</summary>
    public virtual ZxSignals AllowedUserSignals => ZxSignals.UserAll;

    /// <summary>The other end of a peered object (event pair, channel), or null; null also once the peer is gone
    /// for good.</summary>
    public virtual Dispatcher? Peer => null;

    /// <summary>True for objects that have a peer at all (whether or not it is still there).</summary>
    public virtual bool IsPeered => false;

    /// <summary>The current signal state.</summary>
    public ZxSignals Signals => SignalsOf(Volatile.Read(ref _state));

    /// <summary>How many handles name the object right now.</summary>
    public int HandleCount => Volatile.Read(ref _handleCount);

    /// <summary>True once the last reference has gone.</summary>
    public bool IsDestroyed => Volatile.Read(ref _refCount) < 0;

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
        if (SlotStateOf(word) is SlotWaiting or SlotBlocked && (next & Volatile.Read(ref _slotWatched)) != 0)
            result = WithSlotState(result, SlotSatisfied);
        return result;
    }

    // After a successful compare-and-swap from `before` to `after`: wakes the slot's waiter if that change ended its
    // blocked wait.
    private void WakeSlotIfEnded(long before, long after)
    {
        if (SlotStateOf(before) == SlotBlocked && SlotStateOf(after) != SlotBlocked)
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
                    bool queued = observer.Fire((ZxSignals)next);
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
                bool queued = observer.Fire(now);
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
    public void CancelWaitsThrough(ProcessDispatcher process, ZxHandle handle)
    {
        if (Volatile.Read(ref _waiterCount) != 0 || SlotStateOf(Volatile.Read(ref _state)) != SlotFree)
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
    private void EnterState()
    {
        if (Interlocked.CompareExchange(ref _stateLock, 1, 0) == 0)
            return;
        SpinWait spin = default;
        do
            spin.SpinOnce();
        while (Volatile.Read(ref _stateLock) != 0 || Interlocked.CompareExchange(ref _stateLock, 1, 0) != 0);
    }

    private void ExitState() => Volatile.Write(ref _stateLock, 0);

    internal const int SlotFree = 0, SlotWaiting = 1, SlotBlocked = 2, SlotSatisfied = 3, SlotClosed = 4, SlotClaiming = 5;
    private const long SlotStateMask = 7;
    private const long Listed = 8;
    private const int ClaimShift = 4;
    private const long ClaimMask = 0x0FFF_FFFFL << ClaimShift;

    private static ZxSignals SignalsOf(long word) => (ZxSignals)(uint)(word >>> 32);

    private static int SlotStateOf(long word) => (int)(word & SlotStateMask);

    private static long WithSlotState(long word, int state) => (word & ~SlotStateMask) | (uint)state;

    private static long CountingClaim(long word) => (word & ~ClaimMask) | ((word + (1L << ClaimShift)) & ClaimMask);

    // Moves the slot to `to` with one compare-and-swap while its state is `from` (any state when `from` is -1);
    // returns the word it replaced, or -1 when the state was not `from`.
    private long MoveSlot(int from, int to)
    {
        long word = Volatile.Read(ref _state);
        while (from < 0 || SlotStateOf(word) == from)
        {
            long found = Interlocked.CompareExchange(ref _state, WithSlotState(word, to), word);
            if (found == word)
                return word;
            word = found;
        }
        return -1;
    }

    /// <summary>Takes the wait slot for a wait on <paramref name="watched"/> through <paramref name="handle"/>;
    /// false when another wait holds it (that wait then uses the waiter list). The claim's last compare-and-swap is
    /// a full fence: the claim is visible before the caller reads the handle table again.</summary>
    internal bool TryClaimWaitSlot(ProcessDispatcher process, ZxHandle handle, ZxSignals watched)
    {
        // The same wait again (same process, handle and signals: a thread waiting on the object in a loop) finds the
        // fields already right and claims the free slot with one compare-and-swap. Every completed claim moves the
        // claim count in the word, so the swap fails if anyone claimed the slot (and could have changed the fields)
        // after the word was read; a claim in progress is not Free.
        long seen = Volatile.Read(ref _state);
        if (SlotStateOf(seen) == SlotFree && ReferenceEquals(_slotProcess, process) && _slotHandle == handle
            && Volatile.Read(ref _slotWatched) == (uint)watched)
        {
            int direct = (SignalsOf(seen) & watched) != 0 ? SlotSatisfied : SlotWaiting;
            if (Interlocked.CompareExchange(ref _state, CountingClaim(WithSlotState(seen, direct)), seen) == seen)
                return true;
        }
        if (MoveSlot(SlotFree, SlotClaiming) < 0)
            return false;
        // Written only when they change, so a thread that waits on the object again and again leaves their cache
        // line shared with the threads that signal it.
        if (_slotProcess != process)
            _slotProcess = process;
        if (_slotHandle != handle)
            _slotHandle = handle;
        if (_slotWatched != (uint)watched)
            Volatile.Write(ref _slotWatched, (uint)watched);
        long word = Volatile.Read(ref _state);
        while (true)
        {
            int state = (SignalsOf(word) & watched) != 0 ? SlotSatisfied : SlotWaiting;
            long found = Interlocked.CompareExchange(ref _state, CountingClaim(WithSlotState(word, state)), word);
            if (found == word)
                return true;
            word = found;
        }
    }

    /// <summary>Blocking waits and asynchronous waits registered on the object (the slot's included).</summary>
    internal int RegisteredWaits => (SlotState is SlotWaiting or SlotBlocked ? 1 : 0) + Volatile.Read(ref _waiterCount);

    /// <summary>The wait slot's state (<c>Slot*</c>).</summary>
    internal int SlotState => SlotStateOf(Volatile.Read(ref _state));

    /// <summary>Moves the caller's waiting slot to Blocked, to sleep on <paramref name="wake"/>; false when the
    /// wait already ended.</summary>
    internal bool TryBlockInWaitSlot(ManualResetEventSlim wake)
    {
        Volatile.Write(ref _slotEvent, wake);
        return MoveSlot(SlotWaiting, SlotBlocked) >= 0;
    }

    /// <summary>Ends the caller's slot wait as closed (a close that raced with the claim); a close wins over a
    /// signal that came at the same time.</summary>
    internal void CloseWaitSlot() => MoveSlot(-1, SlotClosed);

    /// <summary>The slot's owner leaves it: returns how the wait ended (Satisfied, Closed, or Waiting/Blocked for a
    /// timeout) and frees the slot.</summary>
    internal int LeaveWaitSlot() => SlotStateOf(MoveSlot(-1, SlotFree)); // the fields only count while the slot is claimed

    // Ends the slot's wait as Closed when it waits through `handle` of `process` (which was just closed).
    private void CloseSlotWaitThrough(ProcessDispatcher process, ZxHandle handle)
    {
        long word = Volatile.Read(ref _state);
        while (SlotStateOf(word) is SlotWaiting or SlotBlocked && _slotProcess == process && _slotHandle == handle)
        {
            // The fields are read after the word: if a newer claim wrote them, the word changed and this fails.
            long closed = WithSlotState(word, SlotClosed);
            long found = Interlocked.CompareExchange(ref _state, closed, word);
            if (found == word)
            {
                WakeSlotIfEnded(word, closed);
                return;
            }
            word = found;
        }
    }

    /// <summary>Copies the object's name into a 32-byte buffer (empty unless the object has names).</summary>
    public virtual void GetName(Span<byte> name32) => name32.Clear();

    /// <summary>Sets the name; objects without names return NOT_SUPPORTED.</summary>
    public virtual ZxStatus SetName(ReadOnlySpan<byte> name) => ZxStatus.NotSupported;

    /// <summary>Takes another reference.</summary>
    public void AddRef() => Interlocked.Increment(ref _refCount);

    /// <summary>Takes another reference unless the object is already destroyed (lock-free lookups). A destroyed
    /// object's count sits far below zero, so an increment can never bring it back to life.</summary>
    public bool TryAddRef() => Interlocked.Increment(ref _refCount) > 0;

    /// <summary>Drops a reference; the last one destroys the object. The count is parked at
    /// <see cref="Destroyed"/> first, so a lock-free lookup racing with the last release cannot revive it; if such
    /// a lookup got its increment in first, the parking fails and that lookup's own release destroys the object.</summary>
    public void Release()
    {
        int remaining = Interlocked.Decrement(ref _refCount);
        if (remaining == 0)
        {
            if (Interlocked.CompareExchange(ref _refCount, Destroyed, 0) != 0)
                return;
            DropObservers();
            OnDestroy();
            Kernel.OnObjectDestroyed(this);
        }
        else if (remaining < 0 && remaining > Destroyed / 2)
        {
            throw new InvalidOperationException($"koid {Koid}: reference count underflow");
        }
    }

    private const int Destroyed = int.MinValue / 2;

    /// <summary>Called when a handle to the object is created. The handles together hold one reference, taken by
    /// the first.</summary>
    internal void OnHandleAdded()
    {
        if (Interlocked.Increment(ref _handleCount) == 1)
            AddRef();
    }

    /// <summary>Counts one more handle of an object that has at least one already (a duplicate); false once the
    /// count has reached zero. One compare-and-swap, and no reference: the handles' shared one already covers it.</summary>
    internal bool TryAddHandleToLive()
    {
        int count = Volatile.Read(ref _handleCount);
        while (count > 0)
        {
            int seen = Interlocked.CompareExchange(ref _handleCount, count + 1, count);
            if (seen == count)
                return true;
            count = seen;
        }
        return false;
    }

    /// <summary>The objects whose handles travel inside this object (the handles in a channel's queued messages), for
    /// the census's reachability walk.</summary>
    public virtual void CollectCarriedObjects(List<Dispatcher> carried) { }

    /// <summary>Called when a handle to the object goes away; the last one runs <see cref="OnZeroHandles"/> and
    /// drops the handles' reference.</summary>
    internal void OnHandleRemoved()
    {
        if (Interlocked.Decrement(ref _handleCount) == 0)
        {
            OnZeroHandles();
            Release();
        }
    }

    /// <summary>Called when the last handle goes, before the handle's reference is dropped.</summary>
    protected virtual void OnZeroHandles() { }

    /// <summary>Releases what the object owns; called once.</summary>
    protected virtual void OnDestroy() { }

    /// <summary>Drops the asynchronous waits still registered when the object dies (their ports' references).</summary>
    private void DropObservers() => RemoveObservers(static _ => true);
}

/// <summary>A looked-up object with the reference the lookup took (none for a borrowed look-up); dispose it to drop
/// the reference.</summary>
/// <typeparam name="T">The object type the lookup asked for.</typeparam>
internal readonly struct Lookup<T> : IDisposable where T : Dispatcher
{
    private readonly T? _object;
    private readonly bool _counted;

    public Lookup(ZxStatus status) => Status = status;

    public Lookup(T found, ZxRights rights, bool counted)
    {
        _object = found;
        _counted = counted;
        Rights = rights;
        Status = ZxStatus.Ok;
    }

    /// <summary>OK, or why the lookup failed.</summary>
    public ZxStatus Status { get; }

    /// <summary>True when the lookup failed.</summary>
    public bool Failed => Status != ZxStatus.Ok;

    /// <summary>The object; only valid when <see cref="Status"/> is OK.</summary>
    public T Object => _object ?? throw new InvalidOperationException("the lookup failed: " + Status);

    /// <summary>The rights of the handle that was looked up.</summary>
    public ZxRights Rights { get; }

    public void Dispose()
    {
        if (_counted)
            _object?.Release();
    }
}

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

    /// <summary>Hands the thread's event back for its next wait (it is no longer reachable from the object).</summary>
    public void Dispose()
    {
        if (_ownsEvent)
            t_event = _event;
    }
}
