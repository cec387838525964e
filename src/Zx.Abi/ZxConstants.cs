namespace Zx;

/// <summary>Basic Zircon constants (<c>types.h</c>, <c>limits.h</c>).</summary>
public static class ZxConstants
{
    /// <summary><c>ZX_PAGE_SIZE</c>.</summary>
    public const ulong PageSize = 4096;
    /// <summary><c>ZX_PAGE_SHIFT</c>.</summary>
    public const int PageShift = 12;
    /// <summary><c>ZX_PAGE_MASK</c>.</summary>
    public const ulong PageMask = PageSize - 1;
    /// <summary><c>ZX_MAX_NAME_LEN</c>: names hold 31 bytes and a NUL.</summary>
    public const int MaxNameLength = 32;
    /// <summary><c>ZX_KOID_INVALID</c>.</summary>
    public const ulong KoidInvalid = 0;
    /// <summary><c>ZX_KOID_KERNEL</c>.</summary>
    public const ulong KoidKernel = 1;
    /// <summary><c>ZX_KOID_FIRST</c>: the first koid handed to an object.</summary>
    public const ulong KoidFirst = 1024;
    /// <summary><c>ZX_TIME_INFINITE</c>.</summary>
    public const long TimeInfinite = long.MaxValue;
    /// <summary><c>ZX_TIME_INFINITE_PAST</c>.</summary>
    public const long TimeInfinitePast = long.MinValue;
    /// <summary><c>ZX_WAIT_MANY_MAX_ITEMS</c>.</summary>
    public const int WaitManyMaxItems = 16;
    /// <summary><c>ZX_OBJ_PROP_NONE</c>.</summary>
    public const uint ObjPropNone = 0;
    /// <summary><c>ZX_OBJ_PROP_WAITABLE</c>.</summary>
    public const uint ObjPropWaitable = 1;
}

/// <summary><c>zx_object_get_info</c> topics (2018 values; <c>ZX_INFO_VMO</c> as of December 2018).</summary>
public enum ZxInfoTopic : uint
{
    /// <summary><c>ZX_INFO_NONE</c>.</summary>
    None = 0,
    /// <summary><c>ZX_INFO_HANDLE_VALID</c>.</summary>
    HandleValid = 1,
    /// <summary><c>ZX_INFO_HANDLE_BASIC</c>.</summary>
    HandleBasic = 2,
    /// <summary><c>ZX_INFO_PROCESS</c>.</summary>
    Process = 3,
    /// <summary><c>ZX_INFO_PROCESS_THREADS</c>.</summary>
    ProcessThreads = 4,
    /// <summary><c>ZX_INFO_VMAR</c>.</summary>
    Vmar = 7,
    /// <summary><c>ZX_INFO_JOB_CHILDREN</c>.</summary>
    JobChildren = 8,
    /// <summary><c>ZX_INFO_JOB_PROCESSES</c>.</summary>
    JobProcesses = 9,
    /// <summary><c>ZX_INFO_THREAD</c>.</summary>
    Thread = 10,
    /// <summary><c>ZX_INFO_THREAD_EXCEPTION_REPORT</c>.</summary>
    ThreadExceptionReport = 11,
    /// <summary><c>ZX_INFO_TASK_STATS</c>.</summary>
    TaskStats = 12,
    /// <summary><c>ZX_INFO_PROCESS_MAPS</c>.</summary>
    ProcessMaps = 13,
    /// <summary><c>ZX_INFO_PROCESS_VMOS</c>.</summary>
    ProcessVmos = 14,
    /// <summary><c>ZX_INFO_THREAD_STATS</c>.</summary>
    ThreadStats = 15,
    /// <summary><c>ZX_INFO_CPU_STATS</c>.</summary>
    CpuStats = 16,
    /// <summary><c>ZX_INFO_KMEM_STATS</c>.</summary>
    KmemStats = 17,
    /// <summary><c>ZX_INFO_RESOURCE</c>.</summary>
    Resource = 18,
    /// <summary><c>ZX_INFO_HANDLE_COUNT</c>.</summary>
    HandleCount = 19,
    /// <summary><c>ZX_INFO_BTI</c>.</summary>
    Bti = 20,
    /// <summary><c>ZX_INFO_PROCESS_HANDLE_STATS</c>.</summary>
    ProcessHandleStats = 21,
    /// <summary><c>ZX_INFO_SOCKET</c>.</summary>
    Socket = 22,
    /// <summary><c>ZX_INFO_VMO</c> (December 2018).</summary>
    Vmo = 23,
}

/// <summary>Object property ids (<c>ZX_PROP_*</c>).</summary>
public enum ZxProperty : uint
{
    /// <summary><c>ZX_PROP_NAME</c>: a 32-byte name.</summary>
    Name = 3,
    /// <summary><c>ZX_PROP_REGISTER_FS</c> (x86).</summary>
    RegisterFs = 4,
    /// <summary><c>ZX_PROP_PROCESS_DEBUG_ADDR</c>.</summary>
    ProcessDebugAddr = 5,
    /// <summary><c>ZX_PROP_PROCESS_VDSO_BASE_ADDRESS</c>.</summary>
    ProcessVdsoBaseAddress = 6,
    /// <summary><c>ZX_PROP_SOCKET_RX_BUF_MAX</c>.</summary>
    SocketRxBufMax = 8,
    /// <summary><c>ZX_PROP_SOCKET_RX_BUF_SIZE</c>.</summary>
    SocketRxBufSize = 9,
    /// <summary><c>ZX_PROP_SOCKET_TX_BUF_MAX</c>.</summary>
    SocketTxBufMax = 10,
    /// <summary><c>ZX_PROP_SOCKET_TX_BUF_SIZE</c>.</summary>
    SocketTxBufSize = 11,
    /// <summary><c>ZX_PROP_SOCKET_RX_THRESHOLD</c>: a <c>size_t</c> (late 2018).</summary>
    SocketRxThreshold = 12,
    /// <summary><c>ZX_PROP_SOCKET_TX_THRESHOLD</c>: a <c>size_t</c> (late 2018).</summary>
    SocketTxThreshold = 13,
    /// <summary><c>ZX_PROP_CHANNEL_TX_MSG_MAX</c>: 14 since the socket thresholds took 12 and 13 (late 2018).</summary>
    ChannelTxMsgMax = 14,
    /// <summary><c>ZX_PROP_JOB_KILL_ON_OOM</c>: a job's <c>size_t</c> flag, 0 or 1 (set only).</summary>
    JobKillOnOom = 15,
}
