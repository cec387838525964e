using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Zx;

/// <summary>A 32-byte, NUL-padded object name (<c>char name[ZX_MAX_NAME_LEN]</c>) inside an info record.</summary>
[InlineArray(ZxConstants.MaxNameLength)]
public struct ZxName
{
    private byte _element0;

    /// <summary>Builds a name from text, truncated to 31 bytes of UTF-8.</summary>
    public static ZxName From(ReadOnlySpan<byte> bytes)
    {
        ZxName name = default;
        Span<byte> span = name;
        bytes[..Math.Min(bytes.Length, ZxConstants.MaxNameLength - 1)].CopyTo(span);
        return name;
    }

    /// <summary>The bytes up to the first NUL, as text.</summary>
    public override readonly string ToString()
    {
        ReadOnlySpan<byte> span = this;
        int end = span.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
    }
}

/// <summary>64 per-type handle counts (<c>uint32_t handle_count[64]</c>).</summary>
[InlineArray(64)]
public struct ZxHandleCounts
{
    private uint _element0;
}

/// <summary><c>zx_info_handle_basic_t</c> (ZX_INFO_HANDLE_BASIC): 32 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct ZxInfoHandleBasic
{
    /// <summary><c>koid</c>: the object's id.</summary>
    public ulong Koid;
    /// <summary><c>rights</c>: the handle's rights.</summary>
    public ZxRights Rights;
    /// <summary><c>type</c>: the object's type.</summary>
    public ZxObjectType Type;
    /// <summary><c>related_koid</c>: the peer or parent, or 0.</summary>
    public ulong RelatedKoid;
    /// <summary><c>props</c>: <c>ZX_OBJ_PROP_WAITABLE</c> when the object can be waited on.</summary>
    public uint Props;
}

/// <summary><c>zx_info_resource_t</c> (ZX_INFO_RESOURCE): kind, flags, base, size, name; 56 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct ZxInfoResource
{
    /// <summary><c>kind</c>.</summary>
    public ZxResourceKind Kind;
    /// <summary><c>flags</c>: <c>ZX_RSRC_FLAG_EXCLUSIVE</c> or 0.</summary>
    public uint Flags;
    /// <summary><c>base</c>: the first address, interrupt or port.</summary>
    public ulong Base;
    /// <summary><c>size</c>: the length of the range.</summary>
    public ulong Size;
    /// <summary><c>name</c>.</summary>
    public ZxName Name;
}

/// <summary><c>zx_info_vmo_t</c> (ZX_INFO_VMO, topic 23) as of December 2018, with <c>create_options</c> and
/// <c>cache_policy</c> after <c>handle_rights</c>; 112 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct ZxInfoVmo
{
    /// <summary><c>koid</c>.</summary>
    public ulong Koid;
    /// <summary><c>name</c>.</summary>
    public ZxName Name;
    /// <summary><c>size_bytes</c>.</summary>
    public ulong SizeBytes;
    /// <summary><c>parent_koid</c>: the parent of a child VMO, else 0.</summary>
    public ulong ParentKoid;
    /// <summary><c>num_children</c>.</summary>
    public ulong NumChildren;
    /// <summary><c>num_mappings</c>.</summary>
    public ulong NumMappings;
    /// <summary><c>share_count</c>: how many address spaces map it.</summary>
    public ulong ShareCount;
    /// <summary><c>flags</c>: <see cref="ZxInfoVmoFlags"/>.</summary>
    public ZxInfoVmoFlags Flags;
    /// <summary><c>committed_bytes</c>: memory allocated to a paged VMO; 0 for a physical one.</summary>
    public ulong CommittedBytes;
    /// <summary><c>handle_rights</c>: the rights of the handle asked through.</summary>
    public ZxRights HandleRights;
    /// <summary><c>create_options</c>: bit 0 resizable, bit 1 contiguous.</summary>
    public uint CreateOptions;
    /// <summary><c>cache_policy</c>.</summary>
    public ZxCachePolicy CachePolicy;
}

/// <summary><c>zx_info_process_handle_stats_t</c> (ZX_INFO_PROCESS_HANDLE_STATS): handles per object type.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct ZxInfoProcessHandleStats
{
    /// <summary><c>handle_count</c>, indexed by <see cref="ZxObjectType"/>.</summary>
    public ZxHandleCounts HandleCount;
}

/// <summary><c>zx_info_process_t</c> (ZX_INFO_PROCESS): the return code, then started, exited and
/// debugger_attached as bytes; 16 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct ZxInfoProcess
{
    /// <summary><c>return_code</c>: valid once exited.</summary>
    public long ReturnCode;
    /// <summary><c>started</c> (a C bool).</summary>
    public byte Started;
    /// <summary><c>exited</c> (a C bool).</summary>
    public byte Exited;
    /// <summary><c>debugger_attached</c> (a C bool).</summary>
    public byte DebuggerAttached;
}

/// <summary><c>zx_info_handle_count_t</c> (ZX_INFO_HANDLE_COUNT): 4 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct ZxInfoHandleCount
{
    /// <summary><c>handle_count</c>: how many handles name the object.</summary>
    public uint HandleCount;
}

/// <summary><c>zx_info_thread_t</c> (ZX_INFO_THREAD): 8 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct ZxInfoThread
{
    /// <summary><c>state</c>: a <see cref="ZxThreadState"/> value.</summary>
    public uint State;
    /// <summary><c>wait_exception_port_type</c>: <c>ZX_EXCEPTION_PORT_TYPE_*</c> while the thread waits in an
    /// exception, else NONE (0).</summary>
    public uint WaitExceptionPortType;
}

/// <summary><c>zx_info_thread_stats_t</c> (ZX_INFO_THREAD_STATS): 8 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct ZxInfoThreadStats
{
    /// <summary><c>total_runtime</c>: nanoseconds the thread has run on a CPU.</summary>
    public long TotalRuntime;
}

/// <summary><c>zx_info_socket_t</c> (ZX_INFO_SOCKET): 48 bytes, with the late-2018 <c>rx_buf_available</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct ZxInfoSocket
{
    /// <summary><c>options</c>: the options the socket was created with.</summary>
    public uint Options;
    /// <summary><c>rx_buf_max</c>: the most bytes this end's receive buffer holds.</summary>
    public ulong RxBufMax;
    /// <summary><c>rx_buf_size</c>: the bytes queued for this end to read.</summary>
    public ulong RxBufSize;
    /// <summary><c>rx_buf_available</c>: what one read can take: every queued byte of a stream socket, the next
    /// datagram's bytes of a datagram socket.</summary>
    public ulong RxBufAvailable;
    /// <summary><c>tx_buf_max</c>: the most bytes the peer's receive buffer holds (0 once the peer is closed).</summary>
    public ulong TxBufMax;
    /// <summary><c>tx_buf_size</c>: the bytes queued for the peer to read (0 once the peer is closed).</summary>
    public ulong TxBufSize;
}

/// <summary><c>zx_info_task_stats_t</c> (ZX_INFO_TASK_STATS): 32 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct ZxInfoTaskStats
{
    /// <summary><c>mem_mapped_bytes</c>.</summary>
    public ulong MemMappedBytes;
    /// <summary><c>mem_private_bytes</c>.</summary>
    public ulong MemPrivateBytes;
    /// <summary><c>mem_shared_bytes</c>.</summary>
    public ulong MemSharedBytes;
    /// <summary><c>mem_scaled_shared_bytes</c>.</summary>
    public ulong MemScaledSharedBytes;
}

/// <summary><c>zx_info_cpu_stats_t</c> (ZX_INFO_CPU_STATS): one record per CPU (120 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct ZxInfoCpuStats
{
    /// <summary><c>ZX_INFO_CPU_STATS_FLAG_ONLINE</c>.</summary>
    public const uint FlagOnline = 1u << 0;

    /// <summary><c>cpu_number</c>.</summary>
    public uint CpuNumber;
    /// <summary><c>flags</c>: <see cref="FlagOnline"/>.</summary>
    public uint Flags;
    /// <summary><c>idle_time</c>, in nanoseconds.</summary>
    public long IdleTime;
    /// <summary><c>reschedules</c>.</summary>
    public ulong Reschedules;
    /// <summary><c>context_switches</c>.</summary>
    public ulong ContextSwitches;
    /// <summary><c>irq_preempts</c>.</summary>
    public ulong IrqPreempts;
    /// <summary><c>preempts</c>.</summary>
    public ulong Preempts;
    /// <summary><c>yields</c>.</summary>
    public ulong Yields;
    /// <summary><c>ints</c>: hardware interrupts.</summary>
    public ulong Ints;
    /// <summary><c>timer_ints</c>.</summary>
    public ulong TimerInts;
    /// <summary><c>timers</c>.</summary>
    public ulong Timers;
    /// <summary><c>page_faults</c> (deprecated, 0).</summary>
    public ulong PageFaults;
    /// <summary><c>exceptions</c> (deprecated, 0).</summary>
    public ulong Exceptions;
    /// <summary><c>syscalls</c>.</summary>
    public ulong Syscalls;
    /// <summary><c>reschedule_ipis</c>.</summary>
    public ulong RescheduleIpis;
    /// <summary><c>generic_ipis</c>.</summary>
    public ulong GenericIpis;
}

/// <summary><c>zx_info_kmem_stats_t</c> (ZX_INFO_KMEM_STATS): the system's memory in bytes (72 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct ZxInfoKmemStats
{
    /// <summary><c>total_bytes</c>: all RAM.</summary>
    public ulong TotalBytes;
    /// <summary><c>free_bytes</c>: RAM nobody holds.</summary>
    public ulong FreeBytes;
    /// <summary><c>wired_bytes</c>.</summary>
    public ulong WiredBytes;
    /// <summary><c>total_heap_bytes</c>.</summary>
    public ulong TotalHeapBytes;
    /// <summary><c>free_heap_bytes</c>.</summary>
    public ulong FreeHeapBytes;
    /// <summary><c>vmo_bytes</c>: RAM committed to VMOs.</summary>
    public ulong VmoBytes;
    /// <summary><c>mmu_overhead_bytes</c>.</summary>
    public ulong MmuOverheadBytes;
    /// <summary><c>ipc_bytes</c>: RAM held by messages in flight.</summary>
    public ulong IpcBytes;
    /// <summary><c>other_bytes</c>.</summary>
    public ulong OtherBytes;
}

/// <summary><c>zx_profile_info_t</c> (2018): a scheduler profile for <c>zx_profile_create</c> (20 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct ZxProfileInfo
{
    /// <summary><c>ZX_PROFILE_INFO_SCHEDULER</c>, the only type.</summary>
    public const uint TypeScheduler = 1;

    /// <summary><c>type</c>.</summary>
    public uint Type;
    /// <summary><c>scheduler.priority</c>: ZX_PRIORITY_LOWEST (0) to ZX_PRIORITY_HIGHEST (31).</summary>
    public int Priority;
    /// <summary><c>scheduler.boost</c>.</summary>
    public uint Boost;
    /// <summary><c>scheduler.deboost</c>.</summary>
    public uint Deboost;
    /// <summary><c>scheduler.quantum</c>.</summary>
    public uint Quantum;
}

/// <summary><c>zx_info_maps_type_t</c>: what a <see cref="ZxInfoMaps"/> record describes.</summary>
public enum ZxInfoMapsType : uint
{
    /// <summary><c>ZX_INFO_MAPS_TYPE_NONE</c>.</summary>
    None = 0,
    /// <summary><c>ZX_INFO_MAPS_TYPE_ASPACE</c>: the whole address space (depth 0).</summary>
    Aspace = 1,
    /// <summary><c>ZX_INFO_MAPS_TYPE_VMAR</c>: a region.</summary>
    Vmar = 2,
    /// <summary><c>ZX_INFO_MAPS_TYPE_MAPPING</c>: a mapping of a VMO.</summary>
    Mapping = 3,
}

/// <summary><c>zx_info_maps_mapping_t</c>: the mapping part of a <see cref="ZxInfoMaps"/> record (32 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct ZxInfoMapsMapping
{
    /// <summary><c>mmu_flags</c>: the ZX_VM_PERM_* bits of the mapping.</summary>
    public ZxVmOptions MmuFlags;
    /// <summary><c>vmo_koid</c>.</summary>
    public ulong VmoKoid;
    /// <summary><c>vmo_offset</c>: the VMO offset mapped at <see cref="ZxInfoMaps.Base"/>.</summary>
    public ulong VmoOffset;
    /// <summary><c>committed_pages</c>: pages of the mapped range the VMO has committed.</summary>
    public ulong CommittedPages;
}

/// <summary><c>zx_info_maps_t</c> (ZX_INFO_PROCESS_MAPS): one node of an address space, depth first (96 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct ZxInfoMaps
{
    /// <summary><c>name</c>.</summary>
    public ZxName Name;
    /// <summary><c>base</c>.</summary>
    public ulong Base;
    /// <summary><c>size</c>.</summary>
    public ulong Size;
    /// <summary><c>depth</c>: 0 for the address space, 1 for its root region, and so on.</summary>
    public ulong Depth;
    /// <summary><c>type</c>.</summary>
    public ZxInfoMapsType Type;
    /// <summary><c>u.mapping</c>, for <see cref="ZxInfoMapsType.Mapping"/>.</summary>
    public ZxInfoMapsMapping Mapping;
}

/// <summary><c>ZX_THREAD_STATE_*</c>: a thread's state in <see cref="ZxInfoThread"/>.</summary>
public static class ZxThreadState
{
    /// <summary>Made, not started.</summary>
    public const uint New = 0x0000;
    /// <summary>Running.</summary>
    public const uint Running = 0x0001;
    /// <summary>Suspended.</summary>
    public const uint Suspended = 0x0002;
    /// <summary>Blocked (reported with a reason below).</summary>
    public const uint Blocked = 0x0003;
    /// <summary>Killed, not gone yet.</summary>
    public const uint Dying = 0x0004;
    /// <summary>Ended.</summary>
    public const uint Dead = 0x0005;
    /// <summary>Waiting in an exception.</summary>
    public const uint BlockedException = 0x0103;
    /// <summary>In <c>zx_nanosleep</c>.</summary>
    public const uint BlockedSleeping = 0x0203;
    /// <summary>In a futex wait.</summary>
    public const uint BlockedFutex = 0x0303;
    /// <summary>In <c>zx_port_wait</c>.</summary>
    public const uint BlockedPort = 0x0403;
    /// <summary>In <c>zx_channel_call</c>.</summary>
    public const uint BlockedChannel = 0x0503;
    /// <summary>In <c>zx_object_wait_one</c>.</summary>
    public const uint BlockedWaitOne = 0x0603;
    /// <summary>In <c>zx_object_wait_many</c>.</summary>
    public const uint BlockedWaitMany = 0x0703;
    /// <summary>In <c>zx_interrupt_wait</c>.</summary>
    public const uint BlockedInterrupt = 0x0803;
}

/// <summary>The kinds of thread state <c>zx_thread_read_state</c> and <c>zx_thread_write_state</c> move
/// (<c>ZX_THREAD_STATE_*</c>, <c>ZX_THREAD_X86_REGISTER_*</c>).</summary>
public static class ZxThreadStateKind
{
    /// <summary><c>ZX_THREAD_STATE_GENERAL_REGS</c>: <c>zx_thread_state_general_regs_t</c>.</summary>
    public const uint GeneralRegs = 0;
    /// <summary><c>ZX_THREAD_STATE_FP_REGS</c>.</summary>
    public const uint FpRegs = 1;
    /// <summary><c>ZX_THREAD_STATE_VECTOR_REGS</c>.</summary>
    public const uint VectorRegs = 2;
    /// <summary><c>ZX_THREAD_STATE_DEBUG_REGS</c>.</summary>
    public const uint DebugRegs = 4;
    /// <summary><c>ZX_THREAD_STATE_SINGLE_STEP</c>.</summary>
    public const uint SingleStep = 5;
    /// <summary><c>ZX_THREAD_X86_REGISTER_FS</c>.</summary>
    public const uint X86RegisterFs = 6;
    /// <summary><c>ZX_THREAD_X86_REGISTER_GS</c>.</summary>
    public const uint X86RegisterGs = 7;
}
