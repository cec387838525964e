namespace Zx.Kernel.Object;

/// <summary>A port (Zircon's <c>PortDispatcher</c>): a queue of packets from <c>zx_port_queue</c> and from
/// asynchronous waits on other objects.</summary>
internal sealed class PortDispatcher(KernelContext kernel, bool canBindToInterrupt = false) : Dispatcher(kernel, ZxSignals.None)
{
    // A queued packet: a user's or an interrupt's (Owner: the interrupt, so it can be taken back), or an observer's
    // (built when read).
    private readonly Queue<(ZxPortPacket Packet, AsyncObserver? Source, object? Owner)> _packets = new();

    /// <summary>Made with <c>ZX_PORT_BIND_TO_INTERRUPT</c>: interrupts may be bound to it.</summary>
    public bool CanBindToInterrupt { get; } = canBindToInterrupt;

    /// <summary>Queues an interrupt's packet and wakes one waiter. An interrupt has at most one packet queued (it
    /// waits for an ack before the next), so the queue's limit does not apply, as in 2018.</summary>
    public void QueueInterruptPacket(in ZxPortPacket packet, object owner)
    {
        Action[]? arrivals;
        lock (_lock)
        {
            _packets.Enqueue((packet, null, owner));
            PulseLocked();
            arrivals = TakeArrivalListenersLocked();
        }
        Notify(arrivals);
    }

    /// <summary>Takes back the packet <paramref name="owner"/> queued; false when it was read already.</summary>
    public bool RemoveInterruptPacket(object owner)
    {
        lock (_lock)
        {
            int before = _packets.Count;
            var kept = _packets.Where(p => p.Owner != owner).ToList();
            _packets.Clear();
            foreach (var p in kept)
                _packets.Enqueue(p);
            return kept.Count != before;
        }
    }
    private readonly object _lock = new(); // a monitor: port_wait blocks on it
    private int _waiting; // threads in Monitor.Wait on _lock; under _lock

    // Wakes one thread waiting for a packet; a queue with nobody waiting makes no call into the monitor (a pulse
    // costs a call into the runtime, and would give the lock a sync block for good).
    private void PulseLocked()
    {
        if (_waiting != 0)
            Monitor.Pulse(_lock);
    }

    /// <inheritdoc/>
    public override ZxObjectType Type => ZxObjectType.Port;

    /// <inheritdoc/>
    public override bool HasStateTracker => false;

    private List<ExceptionPort>? _exceptionBindings; // under _lock

    /// <summary>Records an exception-port binding made with this port.</summary>
    public void AddExceptionBinding(ExceptionPort binding)
    {
        lock (_lock)
            (_exceptionBindings ??= []).Add(binding);
    }

    /// <summary>Forgets an exception-port binding that was unbound.</summary>
    public void RemoveExceptionBinding(ExceptionPort binding)
    {
        lock (_lock)
            _exceptionBindings?.Remove(binding);
    }

    /// <summary><c>ExceptionPort::OnPortZeroHandles</c>: with the port's last handle, every exception binding made
    /// with it goes, and threads waiting on one try the next handler.</summary>
    protected override void OnZeroHandles()
    {
        List<ExceptionPort>? bindings;
        lock (_lock)
        {
            bindings = _exceptionBindings;
            _exceptionBindings = null;
        }
        foreach (ExceptionPort binding in bindings ?? [])
            binding.Owner?.OnPortGone(binding, Kernel);
    }

    /// <summary>Packets waiting to be read.</summary>
    public int QueuedCount
    {
        get { lock (_lock) return _packets.Count; }
    }

    /// <summary><c>kMaxPendingPacketCountPerPort</c>: 2,048. A queue that already holds more packets than this
    /// refuses the next one (so at most 2,049 wait), as the 2018 kernel does.</summary>
    public const int MaxPendingPackets = 16 * 1024 / 8;

    /// <summary>Queues a user packet and wakes one waiter; SHOULD_WAIT when the port already holds more than
    /// <see cref="MaxPendingPackets"/> packets.</summary>
    public ZxStatus Queue(in ZxPortPacket packet)
    {
        ZxStatus status;
        Action[]? arrivals;
        lock (_lock)
        {
            status = EnqueueLocked(packet, null);
            arrivals = TakeArrivalListenersLocked();
        }
        Notify(arrivals);
        return status;
    }

    // Queues an entry and wakes one waiter; SHOULD_WAIT when the port is full.
    private ZxStatus EnqueueLocked(in ZxPortPacket packet, AsyncObserver? source)
    {
        if (_packets.Count > MaxPendingPackets)
            return ZxStatus.ShouldWait;
        _packets.Enqueue((packet, source, null));
        PulseLocked();
        return ZxStatus.Ok;
    }

    private List<Action>? _arrivalListeners; // under _lock: told once of the next packet (asynchronous port waits)

    /// <summary>Takes the oldest packet if there is one; otherwise registers <paramref name="arrival"/> to be called
    /// once, outside the port's lock, when the next packet is queued (the kernel's asynchronous waits,
    /// <see cref="Concurrency.AsyncWaits"/>). The check and the registration are one step, so no packet slips
    /// between them.</summary>
    public bool TryDequeueOrListen(Action arrival, out ZxPortPacket packet)
    {
        lock (_lock)
        {
            if (_packets.Count > 0)
                return TryDequeueLocked(out packet);
            (_arrivalListeners ??= []).Add(arrival);
            packet = default;
            return false;
        }
    }

    /// <summary>Forgets a listener registered by <see cref="TryDequeueOrListen"/> (a canceled wait).</summary>
    public void StopListening(Action arrival)
    {
        lock (_lock)
            _arrivalListeners?.Remove(arrival);
    }

    private Action[]? TakeArrivalListenersLocked()
    {
        if (_arrivalListeners is not { Count: > 0 } listeners || _packets.Count == 0)
            return null;
        Action[] taken = [.. listeners];
        listeners.Clear();
        return taken;
    }

    private static void Notify(Action[]? arrivals)
    {
        foreach (Action arrival in arrivals ?? [])
            arrival();
    }

    /// <summary>Queues <paramref name="observer"/>'s signal packet, or, when it is still waiting in the queue, adds
    /// <paramref name="observed"/> to it (one packet per observer at a time, as in 2018); SHOULD_WAIT when the port is
    /// full.</summary>
    public ZxStatus QueueSignal(AsyncObserver observer, ZxSignals observed, ulong count)
    {
        ZxStatus status;
        Action[]? arrivals;
        lock (_lock)
        {
            if (observer.InQueue)
            {
                observer.PendingObserved |= observed;
                return ZxStatus.Ok;
            }
            status = EnqueueLocked(default, observer); // the packet is built from the observer when read
            if (status == ZxStatus.Ok)
            {
                observer.InQueue = true;
                observer.PendingObserved = observed;
                observer.PendingCount = count;
            }
            arrivals = TakeArrivalListenersLocked();
        }
        Notify(arrivals);
        return status;
    }

    /// <summary>Takes the oldest packet when there is one, without waiting.</summary>
    public bool TryDequeueNow(out ZxPortPacket packet)
    {
        lock (_lock)
        {
            if (_packets.Count != 0)
                return TryDequeueLocked(out packet);
        }
        packet = default;
        return false;
    }

    /// <summary>Takes the oldest packet, waiting while <paramref name="remaining"/> says time is left (null:
    /// forever) and <paramref name="abandoned"/> stays false (the waiting thread's process was killed).</summary>
    public bool TryDequeue(Func<TimeSpan?> remaining, Func<bool> abandoned, out ZxPortPacket packet)
    {
        TimeSpan slice = TimeSpan.FromMilliseconds(100);
        lock (_lock)
        {
            if (_packets.Count == 0 && !WaitForPacketLocked(remaining, abandoned, slice))
            {
                packet = default;
                return false;
            }
            return TryDequeueLocked(out packet);
        }
    }

    // Takes the oldest packet (there is one), building an observer's from its state.
    private bool TryDequeueLocked(out ZxPortPacket packet)
    {
        (ZxPortPacket queued, AsyncObserver? source, _) = _packets.Dequeue();
        if (source is not null)
        {
            queued = source.BuildPacket();
            source.InQueue = false;
        }
        packet = queued;
        return true;
    }

    // Waits (the thread BLOCKED_PORT) until a packet is queued; false when the deadline passes or the caller is
    // abandoned first. Under _lock, which Monitor.Wait gives up while it sleeps.
    private bool WaitForPacketLocked(Func<TimeSpan?> remaining, Func<bool> abandoned, TimeSpan slice)
    {
        using ThreadDispatcher.BlockedScope blocked = ThreadDispatcher.BlockedIn(ZxThreadState.BlockedPort);
        _waiting++;
        try
        {
            while (_packets.Count == 0)
            {
                TimeSpan? left = remaining();
                if (left == TimeSpan.Zero || abandoned())
                    return false;
                Monitor.Wait(_lock, left is null || left.Value > slice ? slice : left.Value);
            }
            return true;
        }
        finally
        {
            _waiting--;
        }
    }

    /// <summary>Removes the queued packets that <paramref name="matches"/>; returns how many.</summary>
    public int RemoveQueued(Func<AsyncObserver, bool> matches)
    {
        lock (_lock)
        {
            int before = _packets.Count;
            var kept = new List<(ZxPortPacket Packet, AsyncObserver? Source, object? Owner)>(before);
            foreach (var p in _packets)
            {
                if (p.Source is not null && matches(p.Source))
                    p.Source.InQueue = false;
                else
                    kept.Add(p);
            }
            _packets.Clear();
            foreach (var p in kept)
                _packets.Enqueue(p);
            return before - kept.Count;
        }
    }
}
