namespace Zx;

/// <summary>Socket options and limits (<c>types.h</c>).</summary>
public static class ZxSocket
{
    /// <summary><c>ZX_SOCKET_STREAM</c>: a byte stream (the default).</summary>
    public const uint Stream = 0;
    /// <summary><c>ZX_SOCKET_DATAGRAM</c>: messages that keep their boundaries.</summary>
    public const uint Datagram = 1u << 0;
    /// <summary><c>ZX_SOCKET_HAS_CONTROL</c>: each end has a one-message control plane.</summary>
    public const uint HasControl = 1u << 1;
    /// <summary><c>ZX_SOCKET_HAS_ACCEPT</c>: each end can share one socket with the other.</summary>
    public const uint HasAccept = 1u << 2;
    /// <summary><c>ZX_SOCKET_CREATE_MASK</c>.</summary>
    public const uint CreateMask = Datagram | HasControl | HasAccept;
    /// <summary><c>ZX_SOCKET_SHUTDOWN_WRITE</c>: this end writes no more.</summary>
    public const uint ShutdownWrite = 1u << 0;
    /// <summary><c>ZX_SOCKET_SHUTDOWN_READ</c>: the peer writes no more.</summary>
    public const uint ShutdownRead = 1u << 1;
    /// <summary><c>ZX_SOCKET_SHUTDOWN_MASK</c>.</summary>
    public const uint ShutdownMask = ShutdownWrite | ShutdownRead;
    /// <summary><c>ZX_SOCKET_CONTROL</c>: a read or write of the control plane.</summary>
    public const uint Control = 1u << 2;
    /// <summary><c>ZX_SOCKET_PEEK</c> (late 2018): a read that leaves the bytes queued.</summary>
    public const uint Peek = 1u << 3;
    /// <summary>The bytes one end's receive buffer holds: 128 of the 2018 kernel's 2,008-byte buffers (257,024).</summary>
    public const ulong BufferMax = 128 * 2008;
    /// <summary>The most bytes of a control message (the 2018 <c>ControlMsg::kSize</c>).</summary>
    public const ulong ControlMessageMax = 1024;
}
