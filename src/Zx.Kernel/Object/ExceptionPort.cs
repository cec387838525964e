using System.Runtime.InteropServices;

namespace Zx.Kernel.Object;

/// <summary><c>ZX_EXCEPTION_PORT_TYPE_*</c>: which binding an exception port is.</summary>
internal enum ExceptionPortType : uint
{
    /// <summary>No port.</summary>
    None = 0,
    /// <summary>A process's debugger port (tried first).</summary>
    Debugger = 1,
    /// <summary>A thread's own port.</summary>
    Thread = 2,
    /// <summary>A process's port.</summary>
    Process = 3,
    /// <summary>A job's port (the thread's job first, then its parents).</summary>
    Job = 4,
    /// <summary>A job's debugger port (bound, never tried: 2018 did not use it yet).</summary>
    JobDebugger = 5,
}

/// <summary>What became of a thread's exception (2018's <c>handler_status_t</c>).</summary>
internal enum ExceptionOutcome
{
    /// <summary>A handler resumed the thread: it retries what faulted.</summary>
    Resume,
    /// <summary>The thread was killed while it waited.</summary>
    Killed,
    /// <summary>No handler resumed it: its process dies (<c>ZX_TASK_RETCODE_EXCEPTION_KILL</c>).</summary>
    NotHandled,
}

/// <summary><c>zx_exception_report_t</c> on x86-64: header {size, type}, then the context {vector, err_code, cr2};
/// 32 bytes (ZX_INFO_THREAD_EXCEPTION_REPORT).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ZxExceptionReport
{
    /// <summary>The report's size, this field included: 32.</summary>
    public uint Size;
    /// <summary><c>ZX_EXCP_*</c>.</summary>
    public uint Type;
    /// <summary>The processor's exception vector (14 for a page fault).</summary>
    public ulong Vector;
    /// <summary>The processor's error code.</summary>
    public ulong ErrorCode;
    /// <summary>The faulting address (CR2).</summary>
    public ulong Cr2;
}

/// <summary>The exception types (<c>ZX_EXCP_*</c>: <c>ZX_PKT_TYPE_EXCEPTION(n)</c>).</summary>
internal static class ZxExceptionType
{
    /// <summary><c>ZX_EXCP_GENERAL</c>.</summary>
    public const uint General = 0x008;
    /// <summary><c>ZX_EXCP_FATAL_PAGE_FAULT</c>.</summary>
    public const uint FatalPageFault = 0x108;
    /// <summary><c>ZX_EXCP_UNDEFINED_INSTRUCTION</c>.</summary>
    public const uint UndefinedInstruction = 0x208;
    /// <summary><c>ZX_EXCP_SW_BREAKPOINT</c>.</summary>
    public const uint SoftwareBreakpoint = 0x308;
    /// <summary><c>ZX_EXCP_UNALIGNED_ACCESS</c>.</summary>
    public const uint UnalignedAccess = 0x508;
    /// <summary><c>ZX_EXCP_POLICY_ERROR</c>.</summary>
    public const uint PolicyError = 0x8208;
    /// <summary><c>ZX_EXCP_THREAD_STARTING</c> (to the process's debugger).</summary>
    public const uint ThreadStarting = 0x8008;
    /// <summary><c>ZX_EXCP_THREAD_EXITING</c> (to the process's debugger).</summary>
    public const uint ThreadExiting = 0x8108;

    /// <summary>Zircon's name for an exception type, as its crash log prints it.</summary>
    public static string Describe(uint type) => type switch
    {
        FatalPageFault => "fatal page fault",
        UndefinedInstruction => "undefined instruction",
        General => "general fault",
        SoftwareBreakpoint => "software breakpoint",
        UnalignedAccess => "alignment fault",
        PolicyError => "policy error",
        ThreadStarting => "thread starting",
        ThreadExiting => "thread exiting",
        _ => "unknown fault",
    };
}

/// <summary>A binding of a port to a thread, process or job (Zircon's <c>ExceptionPort</c>): an exception of a thread
/// under it queues a packet there, and the thread waits for <c>zx_task_resume_from_exception</c>. When the port's
/// last handle closes, the binding goes, and a thread waiting on it tries the next handler.</summary>
internal sealed class ExceptionPort(ExceptionPortType type, PortDispatcher port, ulong key)
{
    /// <summary>Which binding this is.</summary>
    public ExceptionPortType Type { get; } = type;

    /// <summary>The port packets go to.</summary>
    public PortDispatcher Port { get; } = port;

    /// <summary>The packets' key.</summary>
    public ulong Key { get; } = key;

    /// <summary>Where the binding is held, so it can be taken away when the port goes.</summary>
    public ExceptionPortSlots? Owner { get; set; }

    /// <summary><c>ExceptionPort::SendPacket</c>: an exception packet (key, type, status OK, pid and tid).</summary>
    public ZxStatus SendPacket(ThreadDispatcher thread, uint exceptionType)
    {
        var packet = new ZxPortPacket { Key = Key, Type = exceptionType, Status = ZxStatus.Ok };
        Span<ulong> payload = MemoryMarshal.Cast<ZxPacketPayload, ulong>(MemoryMarshal.CreateSpan(ref packet.Payload, 1));
        payload[0] = thread.Process.Koid;
        payload[1] = thread.Koid;
        return Port.Queue(packet);
    }
}

/// <summary>A task's exception-port bindings: its own, and (processes and jobs) its debugger's.</summary>
internal sealed class ExceptionPortSlots
{
    private readonly Lock _lock = new();
    private ExceptionPort? _regular;
    private ExceptionPort? _debugger;

    /// <summary>The task's own binding, or null.</summary>
    public ExceptionPort? Regular
    {
        get { lock (_lock) return _regular; }
    }

    /// <summary>The debugger's binding, or null.</summary>
    public ExceptionPort? Debugger
    {
        get { lock (_lock) return _debugger; }
    }

    /// <summary><c>SetExceptionPort</c>: ALREADY_BOUND when that slot holds a binding.</summary>
    public ZxStatus Bind(ExceptionPort port, bool debugger)
    {
        lock (_lock)
        {
            ref ExceptionPort? slot = ref debugger ? ref _debugger : ref _regular;
            if (slot is not null)
                return ZxStatus.AlreadyBound;
            slot = port;
            port.Owner = this;
        }
        port.Port.AddExceptionBinding(port);
        return ZxStatus.Ok;
    }

    /// <summary><c>ResetExceptionPort</c>: the binding goes (false when there was none). Unless
    /// <paramref name="quietly"/>, a thread waiting on it tries the next handler.</summary>
    public bool Unbind(bool debugger, bool quietly, KernelContext kernel)
    {
        ExceptionPort? removed;
        lock (_lock)
        {
            ref ExceptionPort? slot = ref debugger ? ref _debugger : ref _regular;
            removed = slot;
            slot = null;
        }
        if (removed is null)
            return false;
        removed.Port.RemoveExceptionBinding(removed);
        if (!quietly)
            kernel.Exceptions.OnPortRemoved(removed);
        return true;
    }

    /// <summary>The port's last handle closed: the binding goes, and threads waiting on it try the next handler.</summary>
    public void OnPortGone(ExceptionPort port, KernelContext kernel)
    {
        lock (_lock)
        {
            if (_regular == port)
                _regular = null;
            if (_debugger == port)
                _debugger = null;
        }
        kernel.Exceptions.OnPortRemoved(port);
    }
}

/// <summary>The threads of a kernel that wait in an exception, so that an exception port that goes away (unbound, or
/// its port closed) can send them on to the next handler.</summary>
internal sealed class ExceptionWaiters
{
    private readonly Lock _lock = new();
    private readonly HashSet<ThreadDispatcher> _waiting = [];

    /// <summary>Records a thread that waits for an answer.</summary>
    public void Add(ThreadDispatcher thread)
    {
        lock (_lock)
            _waiting.Add(thread);
    }

    /// <summary>Forgets a thread that got its answer.</summary>
    public void Remove(ThreadDispatcher thread)
    {
        lock (_lock)
            _waiting.Remove(thread);
    }

    /// <summary><c>OnExceptionPortRemoval</c> for every waiting thread.</summary>
    public void OnPortRemoved(ExceptionPort port)
    {
        ThreadDispatcher[] waiting;
        lock (_lock)
            waiting = [.. _waiting];
        foreach (ThreadDispatcher thread in waiting)
            thread.OnExceptionPortRemoval(port);
    }
}
