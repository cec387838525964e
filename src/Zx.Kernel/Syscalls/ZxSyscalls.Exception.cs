using Zx.Kernel.Object;

namespace Zx.Kernel.Syscalls;

// Safety: no user pointers here.
public sealed unsafe partial class ZxSyscalls
{
    /// <summary><c>ZX_EXCEPTION_PORT_DEBUGGER</c>: bind (or unbind) a process's or job's debugger port.</summary>
    public const uint ExceptionPortDebugger = 1;

    /// <summary><c>ZX_EXCEPTION_PORT_UNBIND_QUIETLY</c>: unbind without sending waiting threads to the next handler.</summary>
    public const uint ExceptionPortUnbindQuietly = 2;

    /// <summary><c>ZX_RESUME_TRY_NEXT</c>: pass the exception on to the next handler.</summary>
    public const uint ResumeTryNext = 2;

    /// <summary><c>zx_task_bind_exception_port</c> (2018): binds <paramref name="port"/> to a thread, process or job
    /// (the process's or job's debugger port with ZX_EXCEPTION_PORT_DEBUGGER), so an exception of a thread under it
    /// queues a packet with <paramref name="key"/> there; ZX_HANDLE_INVALID as the port unbinds.</summary>
    /// <remarks>Rights: none checked (2018). Order: INVALID_ARGS for options other than DEBUGGER (and, unbinding,
    /// UNBIND_QUIETLY); then binding, the port's BAD_HANDLE/WRONG_TYPE, the task's BAD_HANDLE, WRONG_TYPE for a
    /// task that is not one, INVALID_ARGS for DEBUGGER on a thread, ALREADY_BOUND; unbinding, BAD_STATE when nothing
    /// was bound.</remarks>
    public ZxStatus TaskBindExceptionPort(ZxHandle handle, ZxHandle port, ulong key, uint options)
    {
        bool unbind = !port.IsValid;
        uint allowed = unbind ? ExceptionPortDebugger | ExceptionPortUnbindQuietly : ExceptionPortDebugger;
        if ((options & ~allowed) != 0)
            return ZxStatus.InvalidArgs;
        bool debugger = (options & ExceptionPortDebugger) != 0;
        if (unbind)
        {
            using Lookup<Dispatcher> task = Process.GetDispatcher<Dispatcher>(handle);
            if (task.Failed)
                return task.Status;
            ExceptionPortSlots? slots = SlotsOf(task.Object, debugger, out ZxStatus refused);
            if (slots is null)
                return refused;
            return slots.Unbind(debugger, (options & ExceptionPortUnbindQuietly) != 0, Kernel) ? ZxStatus.Ok : ZxStatus.BadState;
        }
        using Lookup<PortDispatcher> eport = Process.GetDispatcher<PortDispatcher>(port);
        if (eport.Failed)
            return eport.Status;
        using Lookup<Dispatcher> target = Process.GetDispatcher<Dispatcher>(handle);
        if (target.Failed)
            return target.Status;
        ExceptionPortSlots? bindTo = SlotsOf(target.Object, debugger, out ZxStatus status);
        if (bindTo is null)
            return status;
        if (target.Object is ThreadDispatcher { HasEnded: true } or ProcessDispatcher { IsDead: true })
            return ZxStatus.NotFound; // 2018: SetExceptionPort on a dead thread or process
        ExceptionPortType type = target.Object switch
        {
            JobDispatcher => debugger ? ExceptionPortType.JobDebugger : ExceptionPortType.Job,
            ProcessDispatcher => debugger ? ExceptionPortType.Debugger : ExceptionPortType.Process,
            _ => ExceptionPortType.Thread,
        };
        return bindTo.Bind(new ExceptionPort(type, eport.Object, key), debugger);
    }

    // The bindings of a task: WRONG_TYPE for an object that is no task, INVALID_ARGS for a thread's debugger port.
    private static ExceptionPortSlots? SlotsOf(Dispatcher task, bool debugger, out ZxStatus refused)
    {
        refused = ZxStatus.Ok;
        switch (task)
        {
            case JobDispatcher job:
                return job.ExceptionPorts;
            case ProcessDispatcher process:
                return process.ExceptionPorts;
            case ThreadDispatcher thread when !debugger:
                return thread.ExceptionPorts;
            case ThreadDispatcher:
                refused = ZxStatus.InvalidArgs;
                return null;
            default:
                refused = ZxStatus.WrongType;
                return null;
        }
    }

    /// <summary><c>zx_task_resume_from_exception</c> (2018): answers the exception a thread waits in, through the
    /// port it was sent to: 0 resumes it (the faulting instruction runs again), ZX_RESUME_TRY_NEXT passes it on.</summary>
    /// <remarks>Rights: none checked (2018). Order: the thread's BAD_HANDLE/WRONG_TYPE, the port's, INVALID_ARGS for
    /// other options, BAD_STATE when the thread is not waiting in an exception (or was answered), ACCESS_DENIED when
    /// the port is not the one the exception went to.</remarks>
    public ZxStatus TaskResumeFromException(ZxHandle handle, ZxHandle port, uint options)
    {
        using Lookup<ThreadDispatcher> thread = Process.GetDispatcher<ThreadDispatcher>(handle);
        if (thread.Failed)
            return thread.Status;
        using Lookup<PortDispatcher> eport = Process.GetDispatcher<PortDispatcher>(port);
        if (eport.Failed)
            return eport.Status;
        if (options != 0 && options != ResumeTryNext)
            return ZxStatus.InvalidArgs;
        return thread.Object.MarkException(eport.Object, options == ResumeTryNext);
    }

    /// <summary>Raises <paramref name="type"/> on the calling thread from inside a syscall (a policy error): its
    /// exception ports are tried in order; when none resumes it, its process is killed with
    /// ZX_TASK_RETCODE_EXCEPTION_KILL. A caller that is no Zircon thread kills its process at once.</summary>
    private void RaiseSyscallException(uint type)
    {
        ThreadDispatcher? thread = ThreadDispatcher.Current;
        ExceptionOutcome outcome = ExceptionOutcome.NotHandled;
        if (thread is not null && thread.Process == Process)
        {
            var report = new ZxExceptionReport { Size = 32, Type = type };
            outcome = thread.HandleException(type, report, null, out _);
        }
        if (outcome == ExceptionOutcome.NotHandled)
            Process.Kill(TaskRetcodeExceptionKill);
    }
}
