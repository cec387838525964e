using Zx.Kernel.Concurrency;
using Zx.Kernel.Host;
using Zx.Kernel.Object;

namespace Zx.Kernel.Syscalls;

// Safety: pointer parameters are user memory, read and written only through UserCopy, which answers a fault.
public sealed unsafe partial class ZxSyscalls
{
    /// <summary><c>ZX_RESUME_EXCEPTION</c>: <c>zx_task_resume</c> of a thread waiting in an exception.</summary>
    public const uint ResumeException = 1;

    /// <summary><c>zx_task_suspend</c> (2018): suspends a thread until <c>zx_task_resume</c>; suspensions count, so
    /// each needs its resume. The thread stops at once in user code, at its blocking wait or on its way out of a
    /// syscall, and asserts ZX_THREAD_SUSPENDED when it has.</summary>
    /// <remarks>Rights: WRITE. Errors: BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE (not a thread), BAD_STATE (killed or
    /// ended).</remarks>
    public ZxStatus TaskSuspend(ZxHandle handle)
    {
        using Lookup<ThreadDispatcher> thread = Process.GetDispatcherWithRights<ThreadDispatcher>(handle, ZxRights.Write);
        return thread.Failed ? thread.Status : thread.Object.Suspend();
    }

    /// <summary><c>zx_task_resume</c> (2018): with no options, drops one <c>zx_task_suspend</c> of a thread (the last
    /// lets it go on); ZX_RESUME_EXCEPTION (with ZX_RESUME_TRY_NEXT) answers the exception a thread waits in, through
    /// any port (the deprecated 2018 form of zx_task_resume_from_exception).</summary>
    /// <remarks>Rights: WRITE. Errors: BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE, then INVALID_ARGS (unknown options, or
    /// TRY_NEXT alone), BAD_STATE (ZX_RESUME_EXCEPTION: not in an exception).</remarks>
    public ZxStatus TaskResume(ZxHandle handle, uint options)
    {
        using Lookup<ThreadDispatcher> thread = Process.GetDispatcherWithRights<ThreadDispatcher>(handle, ZxRights.Write);
        if (thread.Failed)
            return thread.Status;
        if ((options & ~(ResumeException | ResumeTryNext)) != 0 || options == ResumeTryNext)
            return ZxStatus.InvalidArgs;
        if ((options & ResumeException) != 0)
            return thread.Object.MarkException(null, (options & ResumeTryNext) != 0);
        thread.Object.Resume();
        return ZxStatus.Ok;
    }

    /// <summary><c>zx_task_suspend_token</c> (late 2018: threads and processes): suspends the task while the token
    /// lives; closing the token's last handle resumes it. A suspended process's threads, and those it makes while
    /// suspended, are suspended.</summary>
    /// <remarks>Rights: WRITE. Errors: BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE (not a thread or process), BAD_STATE
    /// (killed or ended), NO_MEMORY, INVALID_ARGS (a bad out pointer: the token is closed again, resuming the
    /// task).</remarks>
    public ZxStatus TaskSuspendToken(ZxHandle handle, ZxHandle* token)
    {
        using Lookup<Dispatcher> task = Process.GetDispatcherWithRights<Dispatcher>(handle, ZxRights.Write);
        if (task.Failed)
            return task.Status;
        Result<SuspendTokenDispatcher> created = SuspendTokenDispatcher.Create(Kernel, task.Object);
        if (created.Failed)
            return created.Status;
        return MakeHandleAndRelease(created.Value, ZxDefaultRights.SuspendToken, token);
    }

    // The size of each kind of thread state (x86-64), or 0 for a kind that does not exist.
    private static ulong ThreadStateSize(uint kind) => kind switch
    {
        ZxThreadStateKind.GeneralRegs => 144,
        ZxThreadStateKind.FpRegs => 160,
        ZxThreadStateKind.VectorRegs => 2120,
        ZxThreadStateKind.DebugRegs => 48,
        ZxThreadStateKind.SingleStep => 4,
        ZxThreadStateKind.X86RegisterFs or ZxThreadStateKind.X86RegisterGs => 8,
        _ => 0,
    };

    // The 2018 validate_thread_state_input: INVALID_ARGS for an unknown kind, BUFFER_TOO_SMALL for a short buffer.
    private static ZxStatus ValidateThreadState(uint kind, nuint bufferSize, out ulong size)
    {
        size = ThreadStateSize(kind);
        return size == 0 ? ZxStatus.InvalidArgs : bufferSize < size ? ZxStatus.BufferTooSmall : ZxStatus.Ok;
    }

    // What any kind of state needs from the thread: BAD_STATE unless it has stopped; NOT_SUPPORTED for a kind other
    // than the general registers.
    private static ZxStatus CheckStateAccess(ThreadDispatcher thread, uint kind) =>
        !thread.IsStopped ? ZxStatus.BadState : kind != ZxThreadStateKind.GeneralRegs ? ZxStatus.NotSupported : ZxStatus.Ok;

    /// <summary><c>zx_thread_read_state</c>: the general registers (ZX_THREAD_STATE_GENERAL_REGS) of a suspended thread, or
    /// of one waiting in an exception (the faulting context's).</summary>
    /// <remarks>Rights: READ. Errors, in order: BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE, INVALID_ARGS (an unknown
    /// kind), BUFFER_TOO_SMALL, BAD_STATE (the thread has not stopped), NOT_SUPPORTED (a kind other than the general
    /// registers), INVALID_ARGS (the buffer cannot be written).</remarks>
    public ZxStatus ThreadReadState(ZxHandle handle, uint kind, byte* buffer, nuint bufferSize)
    {
        using Lookup<ThreadDispatcher> thread = Process.GetDispatcherWithRights<ThreadDispatcher>(handle, ZxRights.Read);
        if (thread.Failed)
            return thread.Status;
        ZxStatus status = ValidateThreadState(kind, bufferSize, out _);
        if (status == ZxStatus.Ok)
            status = CheckStateAccess(thread.Object, kind);
        if (status != ZxStatus.Ok)
            return status;
        Span<ulong> registers = stackalloc ulong[ParkBlock.GeneralRegisters];
        status = thread.Object.ReadGeneralRegisters(registers); // BAD_STATE if it was resumed since
        if (status != ZxStatus.Ok)
            return status;
        return UserCopy.TryCopyOut(buffer, System.Runtime.InteropServices.MemoryMarshal.AsBytes((ReadOnlySpan<ulong>)registers))
            ? ZxStatus.Ok : ZxStatus.InvalidArgs;
    }

    /// <summary><c>zx_thread_write_state</c>: gives a thread suspended in user code new general registers, which it
    /// goes on with when resumed.</summary>
    /// <remarks>Rights: WRITE. Errors, in order: BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE, INVALID_ARGS (an unknown
    /// kind), BUFFER_TOO_SMALL, INVALID_ARGS (the buffer cannot be read), BAD_STATE (the thread has not stopped),
    /// NOT_SUPPORTED (another kind, or a thread stopped inside a syscall).</remarks>
    public ZxStatus ThreadWriteState(ZxHandle handle, uint kind, byte* buffer, nuint bufferSize)
    {
        using Lookup<ThreadDispatcher> thread = Process.GetDispatcherWithRights<ThreadDispatcher>(handle, ZxRights.Write);
        if (thread.Failed)
            return thread.Status;
        ZxStatus status = ValidateThreadState(kind, bufferSize, out ulong size);
        if (status != ZxStatus.Ok)
            return status;
        Span<byte> state = stackalloc byte[(int)size];
        if (!UserCopy.TryCopyIn(state, buffer))
            return ZxStatus.InvalidArgs;
        status = CheckStateAccess(thread.Object, kind);
        return status != ZxStatus.Ok ? status
            : thread.Object.WriteGeneralRegisters(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(state));
    }
}
