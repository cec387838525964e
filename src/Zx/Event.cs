using Zx.Kernel;

namespace Zx;

/// <summary>An event (lib/zx's <c>zx::event</c>): user signals to set, clear and wait for.</summary>
public sealed class Event : Handle
{
    /// <summary>Takes ownership of a raw event handle.</summary>
    public Event(ProcessContext process, ZxHandle raw) : base(process, raw) { }

    /// <summary><c>zx_event_create</c>.</summary>
    public static Event Create(ProcessContext process)
    {
        ArgumentNullException.ThrowIfNull(process);
        return new(process, Created(process.Syscalls.EventCreate(0, out ZxHandle raw), raw, "zx_event_create"));
    }

    /// <summary><c>zx_handle_duplicate</c>.</summary>
    public Event Duplicate(ZxRights rights = ZxRights.SameRights) => new(Process, DuplicateRaw(rights));

    /// <summary>Borrows the handle.</summary>
    public new Unowned<Event> Borrow() => new(this);
}

/// <summary>One end of an event pair (lib/zx's <c>zx::eventpair</c>): signals on itself and on its peer.</summary>
public sealed class EventPair : Handle
{
    /// <summary>Takes ownership of a raw event-pair handle.</summary>
    public EventPair(ProcessContext process, ZxHandle raw) : base(process, raw) { }

    /// <summary><c>zx_eventpair_create</c>: both ends.</summary>
    public static (EventPair First, EventPair Second) Create(ProcessContext process)
    {
        ArgumentNullException.ThrowIfNull(process);
        ZxException.ThrowIfFailed(process.Syscalls.EventPairCreate(0, out ZxHandle a, out ZxHandle b), "zx_eventpair_create");
        return (new(process, a), new(process, b));
    }

    /// <summary><c>zx_object_signal_peer</c>: clears then sets user signals on the other end.</summary>
    public void SignalPeer(ZxSignals clear, ZxSignals set) => ZxException.ThrowIfFailed(TrySignalPeer(clear, set), "zx_object_signal_peer");

    /// <summary><c>zx_object_signal_peer</c> without exceptions (PEER_CLOSED once the other end is gone).</summary>
    public ZxStatus TrySignalPeer(ZxSignals clear, ZxSignals set) => Sys.ObjectSignalPeer(Raw, (uint)clear, (uint)set);

    /// <summary><c>zx_handle_duplicate</c>.</summary>
    public EventPair Duplicate(ZxRights rights = ZxRights.SameRights) => new(Process, DuplicateRaw(rights));

    /// <summary>Borrows the handle.</summary>
    public new Unowned<EventPair> Borrow() => new(this);
}
