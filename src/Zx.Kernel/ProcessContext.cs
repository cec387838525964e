using Zx.Kernel.Object;
using Zx.Kernel.Syscalls;

namespace Zx.Kernel;

/// <summary>A process as the host sees it: its syscall surface and what tests need to observe it.</summary>
public sealed class ProcessContext
{
    internal ProcessContext(KernelContext kernel, ProcessDispatcher dispatcher)
    {
        Kernel = kernel;
        Dispatcher = dispatcher;
        Syscalls = new ZxSyscalls(this);
    }

    /// <summary>The kernel the process lives in.</summary>
    public KernelContext Kernel { get; }

    /// <summary>The raw syscall surface, acting in this process.</summary>
    public ZxSyscalls Syscalls { get; }

    /// <summary>The process's koid.</summary>
    public ulong Koid => Dispatcher.Koid;

    /// <summary>The process's handle to itself (what <c>zx_process_self()</c> returns).</summary>
    public ZxHandle SelfHandle { get; internal set; }

    /// <summary>The process's handle to its root VMAR (what <c>zx_vmar_root_self()</c> returns).</summary>
    public ZxHandle RootVmar { get; internal set; }

    /// <summary>The first process's handle to the root job (what <c>zx_job_default()</c> returns); invalid in
    /// other processes.</summary>
    public ZxHandle DefaultJob { get; internal set; }

    /// <summary>True once the process was killed or its last thread exited.</summary>
    public bool IsDead => Dispatcher.IsDead;

    /// <summary>Handles the process holds right now.</summary>
    public int HandleCount => Dispatcher.Handles.Count;

    internal ProcessDispatcher Dispatcher { get; }

    internal void Install(Dispatcher target, ZxRights rights, out ZxHandle handle) =>
        Dispatcher.Handles.Add(target, rights, out handle);
}
