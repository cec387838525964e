using Zx.Kernel.Concurrency;

namespace Zx.Kernel.Object;

/// <summary>An interrupt (Zircon's late-2018 <c>InterruptDispatcher</c>, with its event and virtual kinds): a board IRQ
/// vector a device model raises, or a virtual one user code triggers. It is waited on directly
/// (<c>zx_interrupt_wait</c>) or bound to a port, where each interrupt queues one packet and the next waits for
/// <c>zx_interrupt_ack</c>.</summary>
/// <remarks>The state is an <see cref="InterruptLatch"/>: a trigger and a direct waiter meet there without a lock (the
/// waiter spins, then sleeps, BLOCKED_INTERRUPT); binding, packets, acks and destruction take the object's lock.</remarks>
internal sealed class InterruptDispatcher : Dispatcher
{
    private readonly Lock _lock = new(); // binding, packets, acks and destruction; a direct wait and its trigger meet in the latch
    private readonly InterruptLatch _latch = new();
    private readonly InterruptVectors? _vectors; // where a board vector is registered, or null (virtual)
    private PortDispatcher? _port;
    private ulong _key;

    private InterruptDispatcher(KernelContext kernel, uint vector, InterruptVectors? vectors) : base(kernel, ZxSignals.None)
    {
        Vector = vector;
        _vectors = vectors;
    }

    /// <summary>The board IRQ number (0 for a virtual interrupt).</summary>
    public uint Vector { get; }

    /// <summary>True for <c>ZX_INTERRUPT_VIRTUAL</c>.</summary>
    public bool IsVirtual => _vectors is null;

    /// <inheritdoc/>
    public override ZxObjectType Type => ZxObjectType.Interrupt;

    /// <summary>A virtual interrupt.</summary>
    public static InterruptDispatcher CreateVirtual(KernelContext kernel) => new(kernel, 0, null);

    /// <summary>An interrupt for board vector <paramref name="vector"/>: ALREADY_BOUND while another interrupt object
    /// holds it (2018's <c>register_int_handler</c>).</summary>
    public static Result<InterruptDispatcher> CreateForVector(KernelContext kernel, uint vector)
    {
        var created = new InterruptDispatcher(kernel, vector, kernel.InterruptVectors);
        if (!kernel.InterruptVectors.TryRegister(vector, created))
        {
            created.Release();
            return ZxStatus.AlreadyBound;
        }
        return created;
    }

    /// <summary><c>WaitForInterrupt</c>: BAD_STATE when bound to a port, CANCELED once destroyed; otherwise returns
    /// at once with a pending interrupt's time, or blocks until one comes. Waiting again acknowledges the last one.</summary>
    public ZxStatus Wait(Func<bool> abandoned, out long timestamp)
    {
        using ThreadDispatcher.BlockedScope blocked = ThreadDispatcher.BlockedIn(ZxThreadState.BlockedInterrupt);
        while (true)
        {
            switch (_latch.Arrive(out timestamp))
            {
                case InterruptLatch.Outcome.Done:
                    return ZxStatus.Ok;
                case InterruptLatch.Outcome.NeedsLock:
                    lock (_lock)
                        return _port is not null ? ZxStatus.BadState : ZxStatus.Canceled; // bound, or destroyed
            }
            // Waiting: the latch spins, then sleeps a slice; a trigger it saw is taken without the lock.
            if (_latch.AwaitChange(Kernel, TimeSpan.FromMilliseconds(100)))
            {
                if (_latch.TryTake(out timestamp))
                    return ZxStatus.Ok;
                continue; // destroyed, or another waiter took it: Arrive says which
            }
            // Outside any lock: a suspension stops the thread here, a kill ends the wait.
            if (abandoned())
            {
                _latch.TryMove(InterruptState.Waiting, InterruptState.Idle); // nobody waits any more: bind may
                timestamp = 0;
                return ZxStatus.Canceled;
            }
        }
    }

    /// <summary><c>Trigger</c> of a virtual interrupt: BAD_STATE for a board one, CANCELED once destroyed.</summary>
    public ZxStatus Trigger(long timestamp) => IsVirtual ? Raise(timestamp) : ZxStatus.BadState;

    /// <summary>The interrupt fires (a device model's line, or a trigger): the waiter wakes, or one packet is queued on
    /// the bound port; while a packet waits for its ack only the time is kept.</summary>
    public ZxStatus Raise(long timestamp)
    {
        if (_latch.Raise(timestamp) != InterruptLatch.Outcome.NeedsLock)
            return ZxStatus.Ok;
        lock (_lock)
        {
            InterruptState state = _latch.State;
            if (state == InterruptState.Destroyed)
                return ZxStatus.Canceled;
            if (_latch.PortTime == 0)
                _latch.PortTime = timestamp; // the first interrupt's time since the last packet
            if (state != InterruptState.NeedAck)
                SendPacketLocked();
            return ZxStatus.Ok;
        }
    }

    private void SendPacketLocked()
    {
        var packet = new ZxPortPacket { Key = _key, Type = ZxPacketTypes.Interrupt, Status = ZxStatus.Ok };
        packet.Payload[0] = (ulong)_latch.PortTime;
        _port!.QueueInterruptPacket(packet, this);
        _latch.PortTime = 0;
        _latch.Set(InterruptState.NeedAck);
    }

    /// <summary><c>Bind</c>: CANCELED once destroyed, ALREADY_BOUND when bound, BAD_STATE while a thread waits.</summary>
    public ZxStatus Bind(PortDispatcher port, ulong key)
    {
        lock (_lock)
        {
            if (_latch.State == InterruptState.Destroyed)
                return ZxStatus.Canceled;
            if (_port is not null)
                return ZxStatus.AlreadyBound;
            if (_latch.TryBind() is null)
                return _latch.State == InterruptState.Destroyed ? ZxStatus.Canceled : ZxStatus.BadState;
            port.AddRef();
            _port = port;
            _key = key;
            return ZxStatus.Ok;
        }
    }

    /// <summary><c>Ack</c>: BAD_STATE unless bound, CANCELED once destroyed; an interrupt that came while the packet
    /// waited queues the next packet now.</summary>
    public ZxStatus Ack()
    {
        lock (_lock)
        {
            if (_port is null)
                return ZxStatus.BadState;
            InterruptState state = _latch.State;
            if (state == InterruptState.Destroyed)
                return ZxStatus.Canceled;
            if (state == InterruptState.NeedAck)
            {
                if (_latch.PortTime != 0)
                    SendPacketLocked();
                else
                    _latch.Set(InterruptState.Idle);
            }
            return ZxStatus.Ok;
        }
    }

    /// <summary><c>Destroy</c>: the vector is given up; a waiter ends with CANCELED; bound, a packet still queued is
    /// taken back, and NOT_FOUND says one was already read and not acknowledged.</summary>
    public ZxStatus Destroy()
    {
        lock (_lock)
        {
            if (_latch.State != InterruptState.Destroyed)
                _vectors?.Unregister(Vector, this);
            if (_port is not null)
            {
                bool wasQueued = _port.RemoveInterruptPacket(this);
                InterruptState before = _latch.State;
                if (before is InterruptState.Idle or InterruptState.NeedAck or InterruptState.Destroyed)
                    _latch.Set(InterruptState.Destroyed);
                return before == InterruptState.NeedAck && !wasQueued ? ZxStatus.NotFound : ZxStatus.Ok;
            }
            _latch.Set(InterruptState.Destroyed);
            _latch.WakeWaiter();
            return ZxStatus.Ok;
        }
    }

    /// <inheritdoc/>
    protected override void OnZeroHandles() => Destroy();

    /// <inheritdoc/>
    protected override void OnDestroy()
    {
        PortDispatcher? port;
        lock (_lock)
        {
            port = _port;
            _port = null;
        }
        port?.Release(); // the latch holds nothing to free: a wait or trigger that borrowed the object still finds it
    }
}

/// <summary>Which interrupt object holds each board IRQ vector, so a device model's line reaches it.</summary>
internal sealed class InterruptVectors
{
    private readonly Lock _lock = new();
    private readonly Dictionary<uint, InterruptDispatcher> _byVector = [];

    /// <summary>Registers <paramref name="interrupt"/> for <paramref name="vector"/>; false when another holds it.</summary>
    public bool TryRegister(uint vector, InterruptDispatcher interrupt)
    {
        lock (_lock)
            return _byVector.TryAdd(vector, interrupt);
    }

    /// <summary>Gives the vector up, if <paramref name="interrupt"/> holds it.</summary>
    public void Unregister(uint vector, InterruptDispatcher interrupt)
    {
        lock (_lock)
        {
            if (_byVector.TryGetValue(vector, out InterruptDispatcher? holder) && holder == interrupt)
                _byVector.Remove(vector);
        }
    }

    /// <summary>A device's line fires: the interrupt object holding <paramref name="vector"/> (if any) gets it, with
    /// the time now. False when no object holds the vector.</summary>
    public bool Raise(uint vector, long now)
    {
        InterruptDispatcher? holder;
        lock (_lock)
            _byVector.TryGetValue(vector, out holder);
        return holder?.Raise(now) == ZxStatus.Ok;
    }
}
