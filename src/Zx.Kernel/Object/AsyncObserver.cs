namespace Zx.Kernel.Object;

/// <summary>An asynchronous wait (<c>zx_object_wait_async</c>): it queues a signal packet on its port when the
/// object's signals match, once (ONCE) or each time they become asserted (REPEATING).</summary>
internal sealed class AsyncObserver(PortDispatcher port, ProcessDispatcher process, ZxHandle handle, ulong key, ZxSignals watched, bool repeating)
{
    public PortDispatcher Port { get; } = port;
    public ProcessDispatcher Process { get; } = process;
    public ZxHandle Handle { get; } = handle;
    public ulong Key { get; } = key;
    public ZxSignals Watched { get; } = watched;
    public bool Repeating { get; } = repeating;

    // The observer's packet while it waits in its port's queue (under the port's lock): one at a time, as in 2018;
    // signals seen before it is read are added to it.
    internal bool InQueue;
    internal ZxSignals PendingObserved;
    internal ulong PendingCount;

    /// <summary>Queues the signal packet for <paramref name="observed"/> (or adds the signals to the packet already
    /// waiting); false when the port was full.</summary>
    public bool Fire(ZxSignals observed, ulong count) => Port.QueueSignal(this, observed, count) == ZxStatus.Ok;

    /// <summary>The packet as it stands now (under the port's lock).</summary>
    internal ZxPortPacket BuildPacket()
    {
        var packet = new ZxPortPacket
        {
            Key = Key,
            Type = Repeating ? ZxPacketTypes.SignalRepeating : ZxPacketTypes.SignalOne,
            Status = ZxStatus.Ok,
        };
        packet.Payload[0] = (ulong)(uint)Watched | ((ulong)(uint)PendingObserved << 32); // trigger, observed
        packet.Payload[1] = PendingCount;                                                // count
        return packet;
    }
}
