namespace Zx.Kernel.Object;

/// <summary>The base of every kernel object that handles can name (Zircon's <c>Dispatcher</c>): a koid, a signal
/// state, a handle count and a kernel reference count.</summary>
/// <remarks>References are held by handles, by the syscall that is using the object, and (in later issues) by
/// mappings and children. The object is destroyed exactly once, when the last reference goes: that is when a
/// VMO's pages return to the board and an exclusive resource's range is released.</remarks>
internal abstract class Dispatcher
{
    // The state lock is one word beside the signals and the wait slot (a monitor, once two threads have contended
    // for it, moves its state to a separate block that both threads then write as well).
    private int _stateLock;
    private List<Waiter>? _waiters;
    private List<AsyncObserver>? _observers;
    private int _waiterCount;
    private int _refCount = 1;
    private int _handleCount;
    private uint _signals;

    // The wait slot: one blocking wait at a time waits here instead of in the waiter list, on the object's own cache
    // lines, so a signal that ends it writes nothing else (docs/decisions.md #39). The slot word holds a claim count
    // above three state bits; the state moves Free -> Waiting (claimed under the state lock, which counts the claim)
    // -> Blocked (the waiter sleeps on _slotEvent) -> Satisfied or Closed (a signal or a close) -> Free (the waiter
    // leaves). A signal decides under the lock which claim it ends and ends it after unlocking with one CAS that
    // fails if that claim is over, so a wait that began after a signal was asserted (and perhaps cleared again)
    // is never ended by it.
    private int _slot;
    private uint _slotWatched;
    private ZxHandle _slotHandle;
    private ProcessDispatcher? _slotProcess;
    private ManualResetEventSlim? _slotEvent;

    /// <summary>Creates the object with one reference, owned by its creator.</summary>
#pragma warning disable CA2214 // Type is a constant in every class
    protected Dispatcher(KernelContext kernel, ZxSignals initialSignals)
    {
        Kernel = kernel;
        Koid = kernel.GenerateKoid();
        _signals = (uint)initialSignals;
        kernel.OnObjectCreated(Type); // every Type is a constant of its class, safe to read here
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
    public ZxSignals Signals => (ZxSignals)Volatile.Read(ref _signals);

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
        List<Waiter>? toWake = null;
        int slotToEnd = -1;
        EnterState();
        try
        {
            uint previous = Volatile.Read(ref _signals);
            uint next = (previous & ~(uint)clear) | (uint)set;
            Volatile.Write(ref _signals, next);
            if ((next & _slotWatched) != 0)
                slotToEnd = Volatile.Read(ref _slot);
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
                    observer.Fire((ZxSignals)next);
                    if (!observer.Repeating)
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
        if (slotToEnd >= 0)
            EndSlotWait(slotToEnd, SlotSatisfied);
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
            RecountLocked();
            if ((Volatile.Read(ref _signals) & (uint)waiter.Watched) != 0)
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
            ZxSignals now = (ZxSignals)Volatile.Read(ref _signals);
            if ((now & observer.Watched) != 0)
            {
                observer.Fire(now);
                if (!observer.Repeating)
                    return;
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
    private void RecountLocked() => Volatile.Write(ref _waiterCount, (_waiters?.Count ?? 0) + (_observers?.Count ?? 0));

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
        if (Volatile.Read(ref _waiterCount) != 0 || (Volatile.Read(ref _slot) & SlotStateMask) != SlotFree)
            CancelWaitsThroughSlow(process, handle);
    }

    // Kept apart so that the closure below is only allocated when there are waits to cancel (a closure over
    // parameters is created on entry to the method that declares it).
    private void CancelWaitsThroughSlow(ProcessDispatcher process, ZxHandle handle)
    {
        int slotToEnd = -1;
        EnterState();
        try
        {
            if (_slotProcess == process && _slotHandle == handle)
                slotToEnd = Volatile.Read(ref _slot);
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
        if (slotToEnd >= 0)
            EndSlotWait(slotToEnd, SlotClosed);
        RemoveObservers(o => o.Process == process && o.Handle == handle);
    }

    // Takes the state lock. Holders run a few instructions and never block, so a waiting thread spins.
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

    internal const int SlotFree = 0, SlotWaiting = 1, SlotBlocked = 2, SlotSatisfied = 3, SlotClosed = 4;
    private const int SlotStateMask = 7;
    private const int SlotClaim = 8;

    /// <summary>Takes the wait slot for a wait on <paramref name="watched"/> through <paramref name="handle"/>;
    /// false when another wait holds it (that wait then uses the waiter list).</summary>
    internal bool TryClaimWaitSlot(ProcessDispatcher process, ZxHandle handle, ZxSignals watched)
    {
        EnterState();
        try
        {
            int slot = _slot;
            if ((slot & SlotStateMask) != SlotFree)
                return false;
            _slotProcess = process;
            _slotHandle = handle;
            _slotWatched = (uint)watched;
            int state = (Volatile.Read(ref _signals) & (uint)watched) != 0 ? SlotSatisfied : SlotWaiting;
            Volatile.Write(ref _slot, (((slot & ~SlotStateMask) + SlotClaim) & int.MaxValue) | state); // never negative
            return true;
        }
        finally
        {
            ExitState();
        }
    }

    /// <summary>The wait slot's state (<c>Slot*</c>).</summary>
    internal int SlotState => Volatile.Read(ref _slot) & SlotStateMask;

    /// <summary>Moves the caller's waiting slot to Blocked, to sleep on <paramref name="wake"/>; false when the
    /// wait already ended.</summary>
    internal bool TryBlockInWaitSlot(ManualResetEventSlim wake)
    {
        Volatile.Write(ref _slotEvent, wake);
        int slot = Volatile.Read(ref _slot);
        return (slot & SlotStateMask) == SlotWaiting
            && Interlocked.CompareExchange(ref _slot, (slot & ~SlotStateMask) | SlotBlocked, slot) == slot;
    }

    /// <summary>Ends the caller's slot wait as closed (a close that raced with the claim); a close wins over a
    /// signal that came at the same time.</summary>
    internal void CloseWaitSlot()
    {
        int slot;
        do
            slot = Volatile.Read(ref _slot);
        while (Interlocked.CompareExchange(ref _slot, (slot & ~SlotStateMask) | SlotClosed, slot) != slot);
    }

    /// <summary>The slot's owner leaves it: returns how the wait ended (Satisfied, Closed, or Waiting/Blocked for a
    /// timeout) and frees the slot.</summary>
    internal int LeaveWaitSlot()
    {
        _slotWatched = 0;
        _slotProcess = null;
        while (true)
        {
            int slot = Volatile.Read(ref _slot);
            if (Interlocked.CompareExchange(ref _slot, slot & ~SlotStateMask, slot) == slot)
                return slot & SlotStateMask;
        }
    }

    // After the state lock: ends the claim `seen` (read under the lock) with `outcome`, unless it is over, and
    // wakes its waiter when it sleeps.
    private void EndSlotWait(int seen, int outcome)
    {
        int slot = seen;
        while ((slot & SlotStateMask) is SlotWaiting or SlotBlocked)
        {
            int found = Interlocked.CompareExchange(ref _slot, (slot & ~SlotStateMask) | outcome, slot);
            if (found == slot)
            {
                if ((slot & SlotStateMask) == SlotBlocked)
                    Volatile.Read(ref _slotEvent)!.Set();
                return;
            }
            if ((found & ~SlotStateMask) != (seen & ~SlotStateMask))
                return; // another claim
            slot = found;
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
            Kernel.OnObjectDestroyed(Type);
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
