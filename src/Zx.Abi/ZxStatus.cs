namespace Zx;

/// <summary>A Zircon status code (<c>zx_status_t</c>), with the values of the 2018 <c>errors.h</c>.</summary>
public enum ZxStatus
{
    /// <summary><c>ZX_OK</c>: success.</summary>
    Ok = 0,
    /// <summary><c>ZX_ERR_INTERNAL</c>.</summary>
    Internal = -1,
    /// <summary><c>ZX_ERR_NOT_SUPPORTED</c>.</summary>
    NotSupported = -2,
    /// <summary><c>ZX_ERR_NO_RESOURCES</c>.</summary>
    NoResources = -3,
    /// <summary><c>ZX_ERR_NO_MEMORY</c>.</summary>
    NoMemory = -4,
    /// <summary><c>ZX_ERR_INTERNAL_INTR_RETRY</c>.</summary>
    InternalIntrRetry = -6,
    /// <summary><c>ZX_ERR_INVALID_ARGS</c>.</summary>
    InvalidArgs = -10,
    /// <summary><c>ZX_ERR_BAD_HANDLE</c>.</summary>
    BadHandle = -11,
    /// <summary><c>ZX_ERR_WRONG_TYPE</c>.</summary>
    WrongType = -12,
    /// <summary><c>ZX_ERR_BAD_SYSCALL</c>.</summary>
    BadSyscall = -13,
    /// <summary><c>ZX_ERR_OUT_OF_RANGE</c>.</summary>
    OutOfRange = -14,
    /// <summary><c>ZX_ERR_BUFFER_TOO_SMALL</c>.</summary>
    BufferTooSmall = -15,
    /// <summary><c>ZX_ERR_BAD_STATE</c>.</summary>
    BadState = -20,
    /// <summary><c>ZX_ERR_TIMED_OUT</c>.</summary>
    TimedOut = -21,
    /// <summary><c>ZX_ERR_SHOULD_WAIT</c>.</summary>
    ShouldWait = -22,
    /// <summary><c>ZX_ERR_CANCELED</c>.</summary>
    Canceled = -23,
    /// <summary><c>ZX_ERR_PEER_CLOSED</c>.</summary>
    PeerClosed = -24,
    /// <summary><c>ZX_ERR_NOT_FOUND</c>.</summary>
    NotFound = -25,
    /// <summary><c>ZX_ERR_ALREADY_EXISTS</c>.</summary>
    AlreadyExists = -26,
    /// <summary><c>ZX_ERR_ALREADY_BOUND</c>.</summary>
    AlreadyBound = -27,
    /// <summary><c>ZX_ERR_UNAVAILABLE</c>.</summary>
    Unavailable = -28,
    /// <summary><c>ZX_ERR_ACCESS_DENIED</c>.</summary>
    AccessDenied = -30,
    /// <summary><c>ZX_ERR_IO</c>.</summary>
    Io = -40,
    /// <summary><c>ZX_ERR_IO_REFUSED</c>.</summary>
    IoRefused = -41,
    /// <summary><c>ZX_ERR_IO_DATA_INTEGRITY</c>.</summary>
    IoDataIntegrity = -42,
    /// <summary><c>ZX_ERR_IO_DATA_LOSS</c>.</summary>
    IoDataLoss = -43,
    /// <summary><c>ZX_ERR_IO_NOT_PRESENT</c>.</summary>
    IoNotPresent = -44,
    /// <summary><c>ZX_ERR_IO_OVERRUN</c>.</summary>
    IoOverrun = -45,
    /// <summary><c>ZX_ERR_IO_MISSED_DEADLINE</c>.</summary>
    IoMissedDeadline = -46,
    /// <summary><c>ZX_ERR_IO_INVALID</c>.</summary>
    IoInvalid = -47,
    /// <summary><c>ZX_ERR_BAD_PATH</c>.</summary>
    BadPath = -50,
    /// <summary><c>ZX_ERR_NOT_DIR</c>.</summary>
    NotDir = -51,
    /// <summary><c>ZX_ERR_NOT_FILE</c>.</summary>
    NotFile = -52,
    /// <summary><c>ZX_ERR_FILE_BIG</c>.</summary>
    FileBig = -53,
    /// <summary><c>ZX_ERR_NO_SPACE</c>.</summary>
    NoSpace = -54,
    /// <summary><c>ZX_ERR_NOT_EMPTY</c>.</summary>
    NotEmpty = -55,
    /// <summary><c>ZX_ERR_STOP</c>.</summary>
    Stop = -60,
    /// <summary><c>ZX_ERR_NEXT</c>.</summary>
    Next = -61,
    /// <summary><c>ZX_ERR_ASYNC</c>.</summary>
    Async = -62,
    /// <summary><c>ZX_ERR_PROTOCOL_NOT_SUPPORTED</c>.</summary>
    ProtocolNotSupported = -70,
    /// <summary><c>ZX_ERR_ADDRESS_UNREACHABLE</c>.</summary>
    AddressUnreachable = -71,
    /// <summary><c>ZX_ERR_ADDRESS_IN_USE</c>.</summary>
    AddressInUse = -72,
    /// <summary><c>ZX_ERR_NOT_CONNECTED</c>.</summary>
    NotConnected = -73,
    /// <summary><c>ZX_ERR_CONNECTION_REFUSED</c>.</summary>
    ConnectionRefused = -74,
    /// <summary><c>ZX_ERR_CONNECTION_RESET</c>.</summary>
    ConnectionReset = -75,
    /// <summary><c>ZX_ERR_CONNECTION_ABORTED</c>.</summary>
    ConnectionAborted = -76,
}

/// <summary>Names of status codes as Zircon spells them.</summary>
public static class ZxStatusNames
{
    /// <summary>Returns the Zircon name of <paramref name="status"/>, for example <c>ZX_ERR_BAD_HANDLE</c>
    /// (<c>zx_status_get_string</c>).</summary>
    public static string ToZirconName(this ZxStatus status) => status switch
    {
        ZxStatus.Ok => "ZX_OK",
        ZxStatus.Internal => "ZX_ERR_INTERNAL",
        ZxStatus.NotSupported => "ZX_ERR_NOT_SUPPORTED",
        ZxStatus.NoResources => "ZX_ERR_NO_RESOURCES",
        ZxStatus.NoMemory => "ZX_ERR_NO_MEMORY",
        ZxStatus.InternalIntrRetry => "ZX_ERR_INTERNAL_INTR_RETRY",
        ZxStatus.InvalidArgs => "ZX_ERR_INVALID_ARGS",
        ZxStatus.BadHandle => "ZX_ERR_BAD_HANDLE",
        ZxStatus.WrongType => "ZX_ERR_WRONG_TYPE",
        ZxStatus.BadSyscall => "ZX_ERR_BAD_SYSCALL",
        ZxStatus.OutOfRange => "ZX_ERR_OUT_OF_RANGE",
        ZxStatus.BufferTooSmall => "ZX_ERR_BUFFER_TOO_SMALL",
        ZxStatus.BadState => "ZX_ERR_BAD_STATE",
        ZxStatus.TimedOut => "ZX_ERR_TIMED_OUT",
        ZxStatus.ShouldWait => "ZX_ERR_SHOULD_WAIT",
        ZxStatus.Canceled => "ZX_ERR_CANCELED",
        ZxStatus.PeerClosed => "ZX_ERR_PEER_CLOSED",
        ZxStatus.NotFound => "ZX_ERR_NOT_FOUND",
        ZxStatus.AlreadyExists => "ZX_ERR_ALREADY_EXISTS",
        ZxStatus.AlreadyBound => "ZX_ERR_ALREADY_BOUND",
        ZxStatus.Unavailable => "ZX_ERR_UNAVAILABLE",
        ZxStatus.AccessDenied => "ZX_ERR_ACCESS_DENIED",
        ZxStatus.Io => "ZX_ERR_IO",
        ZxStatus.IoRefused => "ZX_ERR_IO_REFUSED",
        ZxStatus.IoDataIntegrity => "ZX_ERR_IO_DATA_INTEGRITY",
        ZxStatus.IoDataLoss => "ZX_ERR_IO_DATA_LOSS",
        ZxStatus.IoNotPresent => "ZX_ERR_IO_NOT_PRESENT",
        ZxStatus.IoOverrun => "ZX_ERR_IO_OVERRUN",
        ZxStatus.IoMissedDeadline => "ZX_ERR_IO_MISSED_DEADLINE",
        ZxStatus.IoInvalid => "ZX_ERR_IO_INVALID",
        ZxStatus.BadPath => "ZX_ERR_BAD_PATH",
        ZxStatus.NotDir => "ZX_ERR_NOT_DIR",
        ZxStatus.NotFile => "ZX_ERR_NOT_FILE",
        ZxStatus.FileBig => "ZX_ERR_FILE_BIG",
        ZxStatus.NoSpace => "ZX_ERR_NO_SPACE",
        ZxStatus.NotEmpty => "ZX_ERR_NOT_EMPTY",
        ZxStatus.Stop => "ZX_ERR_STOP",
        ZxStatus.Next => "ZX_ERR_NEXT",
        ZxStatus.Async => "ZX_ERR_ASYNC",
        ZxStatus.ProtocolNotSupported => "ZX_ERR_PROTOCOL_NOT_SUPPORTED",
        ZxStatus.AddressUnreachable => "ZX_ERR_ADDRESS_UNREACHABLE",
        ZxStatus.AddressInUse => "ZX_ERR_ADDRESS_IN_USE",
        ZxStatus.NotConnected => "ZX_ERR_NOT_CONNECTED",
        ZxStatus.ConnectionRefused => "ZX_ERR_CONNECTION_REFUSED",
        ZxStatus.ConnectionReset => "ZX_ERR_CONNECTION_RESET",
        ZxStatus.ConnectionAborted => "ZX_ERR_CONNECTION_ABORTED",
        _ => "(UNKNOWN)",
    };
}
