using Zx.Kernel;

namespace Zx;

/// <summary>A packet read from a port, by kind (lib/zx's <c>zx_port_packet_t</c> as a discriminated record).</summary>
/// <param name="Key">The key given when the packet's source was bound or queued.</param>
/// <param name="Status">The packet's status.</param>
public abstract record PortPacket(ulong Key, ZxStatus Status)
{
    /// <summary>The typed form of a raw packet.</summary>
    public static PortPacket From(in ZxPortPacket packet) => packet.Type switch
    {
        ZxPacketTypes.User => new UserPacket(packet.Key, packet.Status, Payload(packet)),
        ZxPacketTypes.SignalOne or ZxPacketTypes.SignalRepeating => new SignalPacket(packet.Key, packet.Status,
            (ZxSignals)(uint)packet.Payload[0], (ZxSignals)(uint)(packet.Payload[0] >> 32), packet.Payload[1], packet.Type == ZxPacketTypes.SignalRepeating),
        ZxPacketTypes.Interrupt => new InterruptPacket(packet.Key, packet.Status, (long)packet.Payload[0]),
        _ => new OtherPacket(packet.Key, packet.Status, packet.Type, Payload(packet)),
    };

    private static byte[] Payload(in ZxPortPacket packet)
    {
        var bytes = new byte[32];
        for (int i = 0; i < 4; i++)
            BitConverter.TryWriteBytes(bytes.AsSpan(8 * i), packet.Payload[i]);
        return bytes;
    }
}

/// <summary>A packet queued with <c>zx_port_queue</c> (<c>ZX_PKT_TYPE_USER</c>) and its 32 bytes.</summary>
/// <param name="Key">The key.</param>
/// <param name="Status">The status.</param>
/// <param name="Payload">The 32-byte user payload.</param>
public sealed record UserPacket(ulong Key, ZxStatus Status, byte[] Payload) : PortPacket(Key, Status);

/// <summary>An asynchronous wait's packet (<c>ZX_PKT_TYPE_SIGNAL_ONE</c> or <c>_REP</c>).</summary>
/// <param name="Key">The key given to <c>zx_object_wait_async</c>.</param>
/// <param name="Status">The status.</param>
/// <param name="Trigger">The signals waited for.</param>
/// <param name="Observed">The signals asserted when it fired.</param>
/// <param name="Count">How many times they were seen.</param>
/// <param name="Repeating">True for a repeating wait's packet.</param>
public sealed record SignalPacket(ulong Key, ZxStatus Status, ZxSignals Trigger, ZxSignals Observed, ulong Count, bool Repeating) : PortPacket(Key, Status);

/// <summary>A bound interrupt's packet (<c>ZX_PKT_TYPE_INTERRUPT</c>) and its time.</summary>
/// <param name="Key">The key given to <c>zx_interrupt_bind</c>.</param>
/// <param name="Status">The status.</param>
/// <param name="Timestamp">When the interrupt fired.</param>
public sealed record InterruptPacket(ulong Key, ZxStatus Status, long Timestamp) : PortPacket(Key, Status);

/// <summary>A packet of another type (the guest types), with its raw payload.</summary>
/// <param name="Key">The key.</param>
/// <param name="Status">The status.</param>
/// <param name="Type">The <c>ZX_PKT_TYPE_*</c> value.</param>
/// <param name="Payload">The 32 payload bytes.</param>
public sealed record OtherPacket(ulong Key, ZxStatus Status, uint Type, byte[] Payload) : PortPacket(Key, Status);

/// <summary>A port (lib/zx's <c>zx::port</c>): packets from <c>zx_port_queue</c>, asynchronous waits and bound
/// interrupts.</summary>
public sealed class Port : Handle
{
    /// <summary>Takes ownership of a raw port handle.</summary>
    public Port(ProcessContext process, ZxHandle raw) : base(process, raw) { }

    /// <summary><c>zx_port_create</c>; <paramref name="bindToInterrupt"/> gives <c>ZX_PORT_BIND_TO_INTERRUPT</c>.</summary>
    public static Port Create(ProcessContext process, bool bindToInterrupt = false)
    {
        ArgumentNullException.ThrowIfNull(process);
        uint options = bindToInterrupt ? Kernel.Syscalls.ZxSyscalls.PortBindToInterrupt : 0;
        return new(process, Created(process.Syscalls.PortCreate(options, out ZxHandle raw), raw, "zx_port_create"));
    }

    /// <summary><c>zx_port_queue</c> of a user packet with <paramref name="key"/> and up to 32 bytes of payload.</summary>
    public void Queue(ulong key, ReadOnlySpan<byte> payload = default)
    {
        if (payload.Length > 32)
            throw new ArgumentException("a user packet carries at most 32 bytes", nameof(payload));
        var packet = new ZxPortPacket { Key = key, Type = ZxPacketTypes.User };
        for (int i = 0; i < payload.Length; i++)
            packet.Payload[i / 8] |= (ulong)payload[i] << (8 * (i % 8));
        ZxException.ThrowIfFailed(Sys.PortQueue(Raw, packet), "zx_port_queue");
    }

    /// <summary><c>zx_port_wait</c>: the next packet, waiting up to <paramref name="timeout"/> (forever when null).</summary>
    /// <exception cref="ZxException">TIMED_OUT when none came.</exception>
    public PortPacket Wait(TimeSpan? timeout = null)
    {
        ZxException.ThrowIfFailed(TryWait(DeadlineAfter(timeout), out ZxPortPacket packet), "zx_port_wait");
        return PortPacket.From(packet);
    }

    /// <summary><c>zx_port_wait</c> without exceptions or allocation (the hot path).</summary>
    public ZxStatus TryWait(long deadline, out ZxPortPacket packet) => Sys.PortWait(Raw, deadline, out packet);

    /// <summary>The next packet, without blocking a thread while the port is empty (one kernel port and one host
    /// thread serve every asynchronous wait).</summary>
    public async Task<PortPacket> WaitAsync(CancellationToken cancellationToken = default)
    {
        Kernel.Concurrency.AsyncWaitResult result = await Process.Kernel.AsyncWaits.PortWaitAsync(Process, Raw, cancellationToken).ConfigureAwait(false);
        ZxException.ThrowIfFailed(result.Status, "zx_port_wait");
        return PortPacket.From(result.Packet);
    }

    /// <summary><c>zx_object_wait_async</c>: a packet with <paramref name="key"/> when <paramref name="handle"/>'s
    /// object asserts any of <paramref name="signals"/> (once, or each time when <paramref name="repeating"/>).</summary>
    public void WaitAsyncOn<T>(Unowned<T> handle, ulong key, ZxSignals signals, bool repeating = false) where T : Handle =>
        ZxException.ThrowIfFailed(Sys.ObjectWaitAsync(handle.Raw, Raw, key, signals,
            repeating ? ZxPacketTypes.WaitAsyncRepeating : ZxPacketTypes.WaitAsyncOnce), "zx_object_wait_async");

    /// <summary><c>zx_port_cancel</c>: the waits with <paramref name="key"/> through <paramref name="source"/>.</summary>
    public void Cancel<T>(Unowned<T> source, ulong key) where T : Handle => ZxException.ThrowIfFailed(Sys.PortCancel(Raw, source.Raw, key), "zx_port_cancel");

    /// <summary><c>zx_handle_duplicate</c>.</summary>
    public Port Duplicate(ZxRights rights = ZxRights.SameRights) => new(Process, DuplicateRaw(rights));

    /// <summary>Borrows the handle.</summary>
    public new Unowned<Port> Borrow() => new(this);
}
