using System.Text;
using Zx.Kernel;

namespace Zx;

/// <summary>What jobs, processes and threads share (lib/zx's <c>zx::task</c>; named <c>ZxTask</c> so that it never
/// clashes with <see cref="System.Threading.Tasks.Task"/>): kill, suspend, wait for the end.</summary>
public abstract class ZxTask : Handle
{
    /// <summary>Takes ownership of a raw task handle.</summary>
    protected ZxTask(ProcessContext process, ZxHandle raw) : base(process, raw) { }

    /// <summary>Names a raw task handle, owning it or only viewing it.</summary>
    protected ZxTask(ProcessContext process, ZxHandle raw, bool owned) : base(process, raw, owned) { }

    /// <summary><c>zx_task_kill</c>.</summary>
    public void Kill() => ZxException.ThrowIfFailed(Sys.TaskKill(Raw), "zx_task_kill");

    /// <summary><c>zx_task_suspend_token</c>: the task stays suspended until the token is disposed.</summary>
    public Handle Suspend()
    {
        ZxException.ThrowIfFailed(Sys.TaskSuspendToken(Raw, out ZxHandle token), "zx_task_suspend_token");
        return new Handle(Process, token);
    }

    /// <summary>Waits until the task ends (<c>ZX_TASK_TERMINATED</c>), up to <paramref name="timeout"/>.</summary>
    public void WaitForExit(TimeSpan? timeout = null) => Wait(ZxSignals.TaskTerminated, timeout);
}

/// <summary>A job (lib/zx's <c>zx::job</c>): a node of the task tree holding processes and jobs.</summary>
public sealed class Job : ZxTask
{
    /// <summary>Takes ownership of a raw job handle.</summary>
    public Job(ProcessContext process, ZxHandle raw) : base(process, raw) { }

    private Job(ProcessContext process, ZxHandle raw, bool owned) : base(process, raw, owned) { }

    /// <summary>The process's default job, borrowed (<c>zx_job_default()</c>).</summary>
    public static Unowned<Job> Default(ProcessContext process)
    {
        ArgumentNullException.ThrowIfNull(process);
        return new(new Job(process, process.DefaultJob, owned: false));
    }

    /// <summary><c>zx_job_create</c>: a child of <paramref name="parent"/>.</summary>
    public static Job Create(Unowned<Job> parent)
    {
        ProcessContext process = parent.Value.Process;
        return new(process, Created(process.Syscalls.JobCreate(parent.Raw, 0, out ZxHandle raw), raw, "zx_job_create"));
    }

    /// <summary>Borrows the handle.</summary>
    public new Unowned<Job> Borrow() => new(this);
}

/// <summary>A process (lib/zx's <c>zx::process</c>; named <c>ZxProcess</c> so that it never clashes with
/// <see cref="System.Diagnostics.Process"/>): an address space and a handle table; its threads run C# entry
/// points on host threads acting in it.</summary>
public sealed class ZxProcess : ZxTask
{
    /// <summary>Takes ownership of a raw process handle.</summary>
    public ZxProcess(ProcessContext process, ZxHandle raw) : base(process, raw) { }

    /// <summary><c>zx_process_create</c> in <paramref name="job"/>: the process and its root VMAR.</summary>
    public static (ZxProcess Process, Vmar RootVmar) Create(Unowned<Job> job, string name)
    {
        ProcessContext owner = job.Value.Process;
        ZxException.ThrowIfFailed(owner.Syscalls.ProcessCreate(job.Raw, Encoding.UTF8.GetBytes(name ?? ""), 0, out ZxHandle process, out ZxHandle vmar),
            "zx_process_create");
        return (new ZxProcess(owner, process), new Vmar(owner, vmar));
    }

    /// <summary><c>zx_process_start</c> with a C# entry: <paramref name="thread"/> runs <paramref name="entry"/> in the new
    /// process, which receives <paramref name="bootstrap"/> (moved into it; may be null).</summary>
    public void Start(ZxThread thread, Handle? bootstrap, Action<ProcessContext, ZxHandle> entry)
    {
        ArgumentNullException.ThrowIfNull(thread);
        ZxHandle arg = bootstrap?.Release() ?? ZxHandle.Invalid;
        ZxException.ThrowIfFailed(Sys.ProcessStart(Raw, thread.Raw, arg, entry), "zx_process_start");
    }

    /// <summary><c>ZX_INFO_PROCESS</c>: started, exited, the return code.</summary>
    public ZxInfoProcess Info => GetInfo<ZxInfoProcess>(ZxInfoTopic.Process);

    /// <summary><c>zx_process_read_memory</c>.</summary>
    public int ReadMemory(ulong address, Span<byte> buffer)
    {
        ZxException.ThrowIfFailed(Sys.ProcessReadMemory(Raw, (nuint)address, buffer, out nuint actual), "zx_process_read_memory");
        return (int)actual;
    }

    /// <summary><c>zx_process_write_memory</c>.</summary>
    public int WriteMemory(ulong address, ReadOnlySpan<byte> buffer)
    {
        ZxException.ThrowIfFailed(Sys.ProcessWriteMemory(Raw, (nuint)address, buffer, out nuint actual), "zx_process_write_memory");
        return (int)actual;
    }

    /// <summary>Borrows the handle.</summary>
    public new Unowned<ZxProcess> Borrow() => new(this);
}

/// <summary>A thread (lib/zx's <c>zx::thread</c>; named <c>ZxThread</c> so that it never clashes with
/// <see cref="System.Threading.Thread"/>).</summary>
public sealed class ZxThread : ZxTask
{
    /// <summary>Takes ownership of a raw thread handle.</summary>
    public ZxThread(ProcessContext process, ZxHandle raw) : base(process, raw) { }

    /// <summary><c>zx_thread_create</c> in <paramref name="process"/>.</summary>
    public static ZxThread Create(Unowned<ZxProcess> process, string name)
    {
        ProcessContext owner = process.Value.Process;
        return new(owner, Created(owner.Syscalls.ThreadCreate(process.Raw, Encoding.UTF8.GetBytes(name ?? ""), 0, out ZxHandle raw), raw, "zx_thread_create"));
    }

    /// <summary><c>zx_thread_start</c> with a C# entry, run on a host thread acting in the thread's process (a thread
    /// of an already started process).</summary>
    public void Start(Action<ProcessContext> entry) => ZxException.ThrowIfFailed(Sys.ThreadStart(Raw, entry), "zx_thread_start");

    /// <summary><c>ZX_INFO_THREAD</c>: the thread's state.</summary>
    public ZxInfoThread Info => GetInfo<ZxInfoThread>(ZxInfoTopic.Thread);

    /// <summary>Borrows the handle.</summary>
    public new Unowned<ZxThread> Borrow() => new(this);
}
