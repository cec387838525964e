namespace Zx;

/// <summary>Object signals (<c>zx_signals_t</c>).</summary>
[Flags]
public enum ZxSignals : uint
{
    /// <summary><c>ZX_SIGNAL_NONE</c>.</summary>
    None = 0,
    /// <summary><c>__ZX_OBJECT_READABLE</c> (<c>ZX_CHANNEL_READABLE</c>, ...).</summary>
    ObjectReadable = 1u << 0,
    /// <summary><c>__ZX_OBJECT_WRITABLE</c>.</summary>
    ObjectWritable = 1u << 1,
    /// <summary><c>__ZX_OBJECT_PEER_CLOSED</c>.</summary>
    ObjectPeerClosed = 1u << 2,
    /// <summary><c>__ZX_OBJECT_SIGNALED</c>, which a VMO names <c>ZX_VMO_ZERO_CHILDREN</c>.</summary>
    ObjectSignaled = 1u << 3,
    /// <summary><c>ZX_VMO_ZERO_CHILDREN</c>: the VMO has no children.</summary>
    VmoZeroChildren = ObjectSignaled,
    /// <summary><c>ZX_EVENT_SIGNALED</c>.</summary>
    EventSignaled = ObjectSignaled,
    /// <summary><c>ZX_TIMER_SIGNALED</c>: the timer's deadline has passed.</summary>
    TimerSignaled = ObjectSignaled,
    /// <summary><c>ZX_TASK_TERMINATED</c> (<c>ZX_PROCESS_TERMINATED</c>, <c>ZX_THREAD_TERMINATED</c>).</summary>
    TaskTerminated = ObjectSignaled,
    /// <summary><c>ZX_SOCKET_PEER_WRITE_DISABLED</c> (also <c>ZX_SOCKET_READ_DISABLED</c>): the peer will write no more.</summary>
    SocketPeerWriteDisabled = 1u << 4,
    /// <summary><c>ZX_SOCKET_WRITE_DISABLED</c>: this end will write no more.</summary>
    SocketWriteDisabled = 1u << 5,
    /// <summary><c>ZX_SOCKET_CONTROL_READABLE</c>: a control message waits to be read.</summary>
    SocketControlReadable = 1u << 6,
    /// <summary><c>ZX_SOCKET_CONTROL_WRITABLE</c>: the peer's control slot is free.</summary>
    SocketControlWritable = 1u << 7,
    /// <summary><c>ZX_SOCKET_ACCEPT</c>: a shared socket waits to be accepted.</summary>
    SocketAccept = 1u << 8,
    /// <summary><c>ZX_SOCKET_SHARE</c>: the peer's accept slot is free.</summary>
    SocketShare = 1u << 9,
    /// <summary><c>ZX_SOCKET_READ_THRESHOLD</c>: at least the read threshold's bytes are queued.</summary>
    SocketReadThreshold = 1u << 10,
    /// <summary><c>ZX_SOCKET_WRITE_THRESHOLD</c>: the peer's buffer has room for at least the write threshold's bytes.</summary>
    SocketWriteThreshold = 1u << 11,
    /// <summary><c>ZX_THREAD_RUNNING</c>.</summary>
    ThreadRunning = 1u << 4,
    /// <summary><c>ZX_THREAD_SUSPENDED</c>.</summary>
    ThreadSuspended = 1u << 5,
    /// <summary><c>ZX_SIGNAL_HANDLE_CLOSED</c>.</summary>
    HandleClosed = 1u << 23,
    /// <summary><c>ZX_USER_SIGNAL_0</c>.</summary>
    User0 = 1u << 24,
    /// <summary><c>ZX_USER_SIGNAL_1</c>.</summary>
    User1 = 1u << 25,
    /// <summary><c>ZX_USER_SIGNAL_2</c>.</summary>
    User2 = 1u << 26,
    /// <summary><c>ZX_USER_SIGNAL_3</c>.</summary>
    User3 = 1u << 27,
    /// <summary><c>ZX_USER_SIGNAL_4</c>.</summary>
    User4 = 1u << 28,
    /// <summary><c>ZX_USER_SIGNAL_5</c>.</summary>
    User5 = 1u << 29,
    /// <summary><c>ZX_USER_SIGNAL_6</c>.</summary>
    User6 = 1u << 30,
    /// <summary><c>ZX_USER_SIGNAL_7</c>.</summary>
    User7 = 1u << 31,
    /// <summary><c>ZX_USER_SIGNAL_ALL</c>.</summary>
    UserAll = 0xFF000000,
}
