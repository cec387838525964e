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

    /// <summary>Queues the packet for the object's current signals; false when the port was full.</summary>
    public bool Fire(ZxSignals observed)
    {
        var packet = new ZxPortPacket
        {
            Key = Key,
            Type = Repeating ? ZxPacketTypes.SignalRepeating : ZxPacketTypes.SignalOne,
            Status = ZxStatus.Ok,
        };
        packet.Payload[0] = (ulong)(uint)Watched | ((ulong)(uint)observed << 32); // trigger, observed
        packet.Payload[1] = 1;                                                      // count
        return Port.Queue(packet, this) == ZxStatus.Ok;
    }
}
