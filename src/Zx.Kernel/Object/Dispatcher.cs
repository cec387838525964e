namespace Zx.Kernel.Object;

/// <summary>The base of every kernel object that handles can name (Zircon's <c>Dispatcher</c>): a koid, a signal
/// state, a handle count and a kernel reference count. This file holds the life cycle; the signal state and its
/// waits are in Concurrency/Dispatcher.SignalState.cs and Concurrency/Dispatcher.WaitSlot.cs.</summary>
/// <remarks>References are held by handles, by the syscall that is using the object, and by mappings and
/// children. The object is destroyed exactly once, when the last reference goes: that is when a
/// VMO's pages return to the board and an exclusive resource's range is released.</remarks>
internal abstract partial class Dispatcher
{
    private int _refCount = 1;
    private int _handleCount;

    /// <summary>Creates the object with one reference, owned by its creator.</summary>
#pragma warning disable CA2214 // Type is a constant in every class
    protected Dispatcher(KernelContext kernel, ZxSignals initialSignals)
    {
        Kernel = kernel;
        Koid = kernel.GenerateKoid();
        InitializeSignals(initialSignals);
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

    /// <summary>The object's cookie jar, for the kinds that have one in 2018 (events and event pairs); null otherwise.</summary>
    public virtual CookieJar? Cookies => null;

    /// <summary>True when the object has a signal state that can be waited on.</summary>
    public virtual bool HasStateTracker => true;

    /// <summary>The signals <c>zx_object_signal</c> may set or clear: the user signals, plus SIGNALED for events.</summary>
    public virtual ZxSignals AllowedUserSignals => ZxSignals.UserAll;

    /// <summary>The other end of a peered object (event pair, channel), or null; null also once the peer is gone
    /// for good.</summary>
    public virtual Dispatcher? Peer => null;

    /// <summary>True for objects that have a peer at all (whether or not it is still there).</summary>
    public virtual bool IsPeered => false;

    /// <summary>How many handles name the object right now.</summary>
    public int HandleCount => Volatile.Read(ref _handleCount);

    /// <summary>True once the last reference has gone.</summary>
    public bool IsDestroyed => Volatile.Read(ref _refCount) < 0;

    /// <summary>The count a signal packet reports (<c>zx_packet_signal_t.count</c>): 1, or for a channel the
    /// messages waiting. Read without the object's locks (it is called while the state lock is held).</summary>
    public virtual ulong SignalCount => 1;

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
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
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
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal void OnHandleRemoved()
    {
        if (Interlocked.Decrement(ref _handleCount) == 0)
            LastHandleRemoved();
    }

    // The cold end of OnHandleRemoved, out of line so that the common case inlines into every close.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void LastHandleRemoved()
    {
        OnZeroHandles();
        Release();
    }

    /// <summary>Called when the last handle goes, before the handle's reference is dropped.</summary>
    protected virtual void OnZeroHandles() { }

    /// <summary>Releases what the object owns; called once.</summary>
    protected virtual void OnDestroy() { }

    /// <summary>Drops the asynchronous waits still registered when the object dies (their ports' references).</summary>
    private void DropObservers() => RemoveObservers(static _ => true);
}
