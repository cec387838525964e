using System.Runtime.CompilerServices;
using Zx.Kernel.Concurrency;

namespace Zx.Kernel.Object;

/// <summary>An interrupt (Zircon's late-2018 <c>InterruptDispatcher</c>, with its event and virtual kinds): a board IRQ
/// vector a device model raises, or a virtual one user code triggers. It is waited on directly
/// (<c>zx_interrupt_wait</c>) or bound to a port, where each interrupt queues one packet and the next waits for
/// <c>zx_interrupt_ack</c>.</summary>
/// <remarks>One lock guards the state; a waiting thread sleeps on it (BLOCKED_INTERRUPT).</remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001",
    Justification = "the wake event is disposed with the object's last reference (OnDestroy), a dispatcher's end of life")]
internal sealed class InterruptDispatcher : Dispatcher
{
    private enum State { Idle, Triggered, NeedAck, Waiting, Destroyed }

    private readonly Lock _lock = new(); // System.Threading.Lock: cheaper than a monitor when a waker and a waiter meet
    private readonly ManualResetEventSlim _wake = new(false); // a waiter sleeps on it (spinning briefly first, as event waits do)
    private readonly InterruptVectors? _vectors; // where a board vector is registered, or null (virtual)
    private State _state;
    private bool _sleeping; // a waiter sleeps on _wake (it spun first and the interrupt did not come)
    private long _timestamp; // bound: the first interrupt's time since the last packet, or 0; waited on: the pending one's
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
        timestamp = 0;
        using ThreadDispatcher.BlockedScope blocked = ThreadDispatcher.BlockedIn(ZxThreadState.BlockedInterrupt);
        lock (_lock)
        {
            if (TakeLocked(out ZxStatus status, out timestamp))
                return status;
        }
        while (true)
        {
            // Outside the lock: spin on the state first (BoundedSpin), so a trigger from a thread running on another
            // CPU is seen without a sleep and a wake-up, and taken without the lock (TryTakeTriggered); only then
            // sleep on the event, which is armed just for that, so a trigger caught by the spin costs no event
            // operation on either side.
            if (BoundedSpin.Until(new LeftWaiting(this), new Deadline(Kernel, ZxConstants.TimeInfinite)))
            {
                if (TryTakeTriggered(out timestamp))
                    return ZxStatus.Ok;
            }
            else
            {
                bool sleep;
                lock (_lock)
                {
                    sleep = _state == State.Waiting;
                    if (sleep)
                    {
                        _wake.Reset();
                        _sleeping = true;
                    }
                }
                if (sleep)
                    _wake.Wait(TimeSpan.FromMilliseconds(100));
            }
            lock (_lock)
            {
                _sleeping = false;
                if (_state == State.Waiting)
                    _state = State.Idle; // woken by nothing: look again after the abandonment check
                else if (TakeLocked(out ZxStatus status, out timestamp))
                    return status;
            }
            // Outside the lock: a suspension stops the thread here, a kill ends the wait.
            if (abandoned())
                return ZxStatus.Canceled;
            lock (_lock)
            {
                if (TakeLocked(out ZxStatus status, out timestamp))
                    return status;
            }
        }
    }

    // The state word, read and changed without the lock by a waiter that saw the trigger while spinning.
    private ref int StateWord => ref Unsafe.As<State, int>(ref _state);

    private readonly struct LeftWaiting(InterruptDispatcher interrupt) : ISpinCheck
    {
        public bool Ended() => Volatile.Read(ref interrupt.StateWord) != (int)State.Waiting;
    }

    // Takes a pending interrupt without the lock (Triggered -> NeedAck). Safe because, while the state is Triggered,
    // nothing writes the timestamp (Raise writes it only on the way into Triggered, under the lock) and every other
    // change of the state happens under the lock with a plain write that this compare-and-swap either precedes (then
    // the change stands: a Destroy after the interrupt was taken) or sees (then it fails and the lock decides).
    private bool TryTakeTriggered(out long timestamp)
    {
        timestamp = 0;
        if (Volatile.Read(ref StateWord) != (int)State.Triggered)
            return false;
        long time = Volatile.Read(ref _timestamp); // after the state: the time of the interrupt that state announced
        if (Interlocked.CompareExchange(ref StateWord, (int)State.NeedAck, (int)State.Triggered) != (int)State.Triggered)
            return false;
        timestamp = time;
        return true;
    }

    // What a waiter finds: true with the result when the wait is over (bound, destroyed or triggered); otherwise the
    // state becomes Waiting, and false.
    private bool TakeLocked(out ZxStatus status, out long timestamp)
    {
        timestamp = 0;
        status = ZxStatus.Ok;
        if (_port is not null)
            status = ZxStatus.BadState;
        else if (_state == State.Destroyed)
            status = ZxStatus.Canceled;
        else if (_state == State.Triggered)
        {
            _state = State.NeedAck;
            timestamp = _timestamp;
        }
        else
        {
            _state = State.Waiting;
            return false;
        }
        return true;
    }

    /// <summary><c>Trigger</c> of a virtual interrupt: BAD_STATE for a board one, CANCELED once destroyed.</summary>
    public ZxStatus Trigger(long timestamp) => IsVirtual ? Raise(timestamp) : ZxStatus.BadState;

    /// <summary>The interrupt fires (a device model's line, or a trigger): the waiter wakes, or one packet is queued on
    /// the bound port; while a packet waits for its ack only the time is kept.</summary>
    public ZxStatus Raise(long timestamp)
    {
        bool wake;
        lock (_lock)
        {
            if (_state == State.Destroyed)
                return ZxStatus.Canceled;
            if (_port is not null)
            {
                if (_timestamp == 0)
                    _timestamp = timestamp; // the first interrupt's time since the last packet
                if (_state != State.NeedAck)
                    SendPacketLocked();
                return ZxStatus.Ok;
            }
            if (_state == State.Triggered)
                return ZxStatus.Ok; // one pending interrupt already: this one joins it (and keeps its time)
            _timestamp = timestamp; // before the state: a waiter reads the time once it sees Triggered
            wake = _sleeping;
            Volatile.Write(ref StateWord, (int)State.Triggered); // last: a spinning waiter takes it at once
        }
        if (wake)
            _wake.Set(); // after the lock, so the woken waiter does not find it taken
        return ZxStatus.Ok;
    }

    private void SendPacketLocked()
    {
        var packet = new ZxPortPacket { Key = _key, Type = ZxPacketTypes.Interrupt, Status = ZxStatus.Ok };
        packet.Payload[0] = (ulong)_timestamp;
        _port!.QueueInterruptPacket(packet, this);
        _timestamp = 0;
        _state = State.NeedAck;
    }

    /// <summary><c>Bind</c>: CANCELED once destroyed, ALREADY_BOUND when bound, BAD_STATE while a thread waits.</summary>
    public ZxStatus Bind(PortDispatcher port, ulong key)
    {
        lock (_lock)
        {
            if (_state == State.Destroyed)
                return ZxStatus.Canceled;
            if (_port is not null)
                return ZxStatus.AlreadyBound;
            if (_state == State.Waiting)
                return ZxStatus.BadState;
            port.AddRef();
            _port = port;
            _key = key;
            if (_state != State.Triggered)
                _timestamp = 0; // a direct wait's last time is not an interrupt the port has yet to hear of
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
            if (_state == State.Destroyed)
                return ZxStatus.Canceled;
            if (_state == State.NeedAck)
            {
                if (_timestamp != 0)
                    SendPacketLocked();
                else
                    _state = State.Idle;
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
            if (_state != State.Destroyed)
                _vectors?.Unregister(Vector, this);
            if (_port is not null)
            {
                bool wasQueued = _port.RemoveInterruptPacket(this);
                State before = _state;
                if (before is State.Idle or State.NeedAck or State.Destroyed)
                    _state = State.Destroyed;
                return before == State.NeedAck && !wasQueued ? ZxStatus.NotFound : ZxStatus.Ok;
            }
            _state = State.Destroyed;
            _wake.Set();
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
        port?.Release();
        _wake.Dispose();
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
