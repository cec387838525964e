using Zx.Kernel.Object;

namespace Zx.Kernel.Syscalls;

// Safety: pointer parameters are user memory, read and written only through UserCopy, which answers a fault.
public sealed unsafe partial class ZxSyscalls
{
    /// <summary><c>ZX_TASK_RETCODE_SYSCALL_KILL</c>: the return code of a process killed by <c>zx_task_kill</c>.</summary>
    public const long TaskRetcodeSyscallKill = -1024;

    /// <summary><c>zx_job_create</c>: a child job. Errors, in order: INVALID_ARGS (options), BAD_HANDLE,
    /// ACCESS_DENIED (neither MANAGE_JOB nor, as 2018 still allowed, WRITE), WRONG_TYPE, OUT_OF_RANGE (the parent is
    /// as deep as jobs go: 32 below the root), BAD_STATE (the parent was killed), NO_MEMORY, INVALID_ARGS (bad
    /// out).</summary>
    public ZxStatus JobCreate(ZxHandle parentJob, uint options, ZxHandle* @out)
    {
        if (options != 0)
            return ZxStatus.InvalidArgs;
        // 2018 looks the job up with MANAGE_JOB, and when that fails, again with WRITE (whose answer counts).
        using Lookup<JobDispatcher> parent = Process.GetDispatcherWithRights<JobDispatcher>(parentJob, ZxRights.ManageJob) is { Failed: false } manage
            ? manage
            : Process.GetDispatcherWithRights<JobDispatcher>(parentJob, ZxRights.Write);
        if (parent.Failed)
            return parent.Status;
        JobDispatcher job = parent.Object;
        if (job.MaxHeight == 0)
            return ZxStatus.OutOfRange;
        if (job.IsKilled)
            return ZxStatus.BadState;
        return MakeHandleAndRelease(new JobDispatcher(Kernel, job), ZxDefaultRights.Job, @out);
    }

    /// <summary><c>zx_process_create</c>: a process in <paramref name="job"/> with its own handle table and root
    /// VMAR; this process gets a handle to each.</summary>
    /// <remarks>Errors, in order: INVALID_ARGS (options), BAD_HANDLE/ACCESS_DENIED (WRITE)/WRONG_TYPE for the job,
    /// INVALID_ARGS (the name cannot be read), NO_MEMORY, INVALID_ARGS (an out value cannot be written; both handles are
    /// made before either value is written, and nothing is left).</remarks>
    public ZxStatus ProcessCreate(ZxHandle job, byte* name, ulong nameSize, uint options, ZxHandle* processOut, ZxHandle* vmarOut)
    {
        if (options != 0)
            return ZxStatus.InvalidArgs;
        ZxStatus allowed = EnforcePolicy(ZxJobPolicy.NewProcess);
        if (allowed != ZxStatus.Ok)
            return allowed;
        using Lookup<JobDispatcher> parent = Process.GetDispatcherWithRights<JobDispatcher>(job, ZxRights.Write);
        if (parent.Failed)
            return parent.Status;
        Span<byte> nameBuffer = stackalloc byte[ZxConstants.MaxNameLength];
        ZxStatus status = CopyInName(name, nameSize, nameBuffer, out ReadOnlySpan<byte> processName);
        if (status != ZxStatus.Ok)
            return status;
        if (parent.Object.IsKilled)
            return ZxStatus.BadState; // a killed job takes no new processes
        if (Kernel.Faults.ShouldFail())
            return ZxStatus.NoMemory;
        ProcessDispatcher? created = Kernel.CreateChildProcess(parent.Object, processName);
        if (created is null)
            return ZxStatus.NoMemory;
        var vmar = new VmAddressRegionDispatcher(Kernel, created.Aspace.Root);
        status = Process.InstallHandle(created, ZxDefaultRights.Process, out ZxHandle processHandle);
        if (status == ZxStatus.Ok)
        {
            status = Process.InstallHandle(vmar, VmAddressRegionDispatcher.RightsFor(created.Aspace.Root.Flags), out ZxHandle vmarHandle);
            if (status == ZxStatus.Ok)
                status = PublishHandlePair(processHandle, processOut, vmarHandle, vmarOut);
            else
                _ = HandleClose(processHandle);
        }
        if (status != ZxStatus.Ok)
            created.Kill(0);
        vmar.Release();
        created.Release();
        return status;
    }

    /// <summary><c>zx_thread_create</c>: a thread of <paramref name="processHandle"/>, not yet running.</summary>
    /// <remarks>Errors, in order: INVALID_ARGS (options), BAD_HANDLE/ACCESS_DENIED (WRITE, as in 2018)/WRONG_TYPE,
    /// INVALID_ARGS (the name cannot be read), BAD_STATE (the process is dead), NO_MEMORY, INVALID_ARGS (bad out).</remarks>
    public ZxStatus ThreadCreate(ZxHandle processHandle, byte* name, ulong nameSize, uint options, ZxHandle* @out)
    {
        if (options != 0)
            return ZxStatus.InvalidArgs;
        using Lookup<ProcessDispatcher> process = Process.GetDispatcherWithRights<ProcessDispatcher>(processHandle, ZxRights.Write);
        if (process.Failed)
            return process.Status;
        Span<byte> nameBuffer = stackalloc byte[ZxConstants.MaxNameLength];
        ZxStatus status = CopyInName(name, nameSize, nameBuffer, out ReadOnlySpan<byte> threadName);
        if (status != ZxStatus.Ok)
            return status;
        if (Kernel.Faults.ShouldFail())
            return ZxStatus.NoMemory;
        var thread = new ThreadDispatcher(Kernel, process.Object, threadName);
        status = process.Object.AddThread(thread);
        if (status != ZxStatus.Ok)
        {
            thread.Release();
            return status;
        }
        return MakeHandleAndRelease(thread, ZxDefaultRights.Thread, @out);
    }

    /// <summary><c>zx_thread_start</c>: runs the C function at <paramref name="entry"/>
    /// (<c>void entry(uintptr_t arg1, uintptr_t arg2)</c>) on a new host thread acting in the thread's process.
    /// <paramref name="stack"/> is ignored: the host thread has its own stack.</summary>
    /// <remarks>Rights: WRITE. Errors: BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE, INVALID_ARGS (entry 0), BAD_STATE
    /// (already started, the process not started with <c>zx_process_start</c>, or dead).</remarks>
    public ZxStatus ThreadStart(ZxHandle threadHandle, ulong entry, ulong stack, ulong arg1, ulong arg2)
    {
        if (entry == 0)
            return ZxStatus.InvalidArgs;
        KernelContext kernel = Kernel;
        return ThreadStart(threadHandle, _ => kernel.NativeEntryRunner((nuint)entry, (nuint)arg1, (nuint)arg2), requireStarted: true);
    }

    /// <summary><c>zx_thread_start</c> with a managed entry that receives the thread's process.</summary>
    public ZxStatus ThreadStart(ZxHandle threadHandle, Action<ProcessContext> entry) => ThreadStart(threadHandle, entry, requireStarted: true);

    private ZxStatus ThreadStart(ZxHandle threadHandle, Action<ProcessContext> entry, bool requireStarted)
    {
        using Lookup<ThreadDispatcher> thread = Process.GetDispatcherWithRights<ThreadDispatcher>(threadHandle, ZxRights.Write);
        if (thread.Failed)
            return thread.Status;
        ProcessDispatcher process = thread.Object.Process;
        if (requireStarted && !process.IsStarted)
            return ZxStatus.BadState;
        return thread.Object.Start(() => entry(process.Context!));
    }

    /// <summary><c>zx_process_start</c>: starts the process's first thread at <paramref name="entry"/>, moving
    /// <paramref name="arg1Handle"/> from this process into the new one and passing the new value as the first
    /// argument.</summary>
    /// <remarks>Rights: WRITE on both. Errors, in order: BAD_HANDLE/ACCESS_DENIED/WRONG_TYPE for the process and
    /// the thread, ACCESS_DENIED (the thread is another process's), BAD_HANDLE (the argument handle; it is
    /// consumed from here on), BAD_STATE (already started or dead).</remarks>
    public ZxStatus ProcessStart(ZxHandle processHandle, ZxHandle threadHandle, ulong entry, ulong stack, ZxHandle arg1Handle, ulong arg2) =>
        entry == 0 ? ZxStatus.InvalidArgs
            : ProcessStart(processHandle, threadHandle, arg1Handle, (context, arg1) =>
                context.Kernel.NativeEntryRunner((nuint)entry, arg1.Value, (nuint)arg2));

    /// <summary><c>zx_process_start</c> with a managed entry that receives the new process and the bootstrap handle.</summary>
    public ZxStatus ProcessStart(ZxHandle processHandle, ZxHandle threadHandle, ZxHandle arg1Handle, Action<ProcessContext, ZxHandle> entry)
    {
        using Lookup<ProcessDispatcher> process = Process.GetDispatcherWithRights<ProcessDispatcher>(processHandle, ZxRights.Write);
        if (process.Failed)
            return process.Status;
        using Lookup<ThreadDispatcher> thread = Process.GetDispatcherWithRights<ThreadDispatcher>(threadHandle, ZxRights.Write);
        if (thread.Failed)
            return thread.Status;
        if (!ReferenceEquals(thread.Object.Process, process.Object))
            return ZxStatus.AccessDenied;
        ZxHandle arg = ZxHandle.Invalid;
        if (arg1Handle.IsValid)
        {
            if (!Process.Handles.TryRemove(arg1Handle, out HandleTable.Detached moved))
                return ZxStatus.BadHandle;
            HandleTable.InTransit transit = moved.Transfer();
            if (process.Object.Handles.AddTransferred(transit.Object, transit.Rights, out arg) != ZxStatus.Ok)
            {
                transit.Discard();
                return ZxStatus.NoMemory;
            }
        }
        ZxStatus status = process.Object.MarkStarted();
        if (status != ZxStatus.Ok)
            return status;
        return ThreadStart(threadHandle, context => entry(context, arg), requireStarted: false);
    }

    /// <summary><c>zx_process_exit</c> without leaving the caller: the calling process ends with
    /// <paramref name="returnCode"/> (its handles close, its memory is unmapped, ZX_TASK_TERMINATED is asserted).
    /// The C ABI's <c>zx_process_exit</c> calls this and then leaves the calling thread.</summary>
    public void ProcessExit(long returnCode) => Process.Kill(returnCode);

    /// <summary><c>zx_task_kill</c>: kills a thread, a process (its threads are killed, its handles close, its
    /// memory is unmapped) or every process of a job and of the jobs below it. A killed thread ends its waits and,
    /// running C code, leaves its entry at its next syscall, which never returns to it
    /// (<see cref="ThreadDispatcher.Kill"/>).</summary>
    /// <remarks>Rights: DESTROY. Errors: BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE (not a task).</remarks>
    public ZxStatus TaskKill(ZxHandle handle)
    {
        using Lookup<Dispatcher> task = Process.GetDispatcherWithRights<Dispatcher>(handle, ZxRights.Destroy);
        if (task.Failed)
            return task.Status;
        switch (task.Object)
        {
            case ProcessDispatcher process:
                process.Kill(TaskRetcodeSyscallKill);
                return ZxStatus.Ok;
            case JobDispatcher job:
                job.MarkKilled();
                foreach (ProcessContext context in Kernel.ProcessesOf(job))
                    context.Dispatcher.Kill(TaskRetcodeSyscallKill);
                return ZxStatus.Ok;
            case ThreadDispatcher thread:
                thread.Kill();
                return ZxStatus.Ok;
            default:
                return ZxStatus.WrongType;
        }
    }
}
