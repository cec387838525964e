using Zx.Kernel.Object;

namespace Zx.Kernel.Syscalls;

// Safety: pointer parameters are user memory, written only through the handle helpers, which answer a fault.
public sealed unsafe partial class ZxSyscalls
{
    /// <summary><c>zx_timer_create</c>: a timer on <c>ZX_CLOCK_MONOTONIC</c> with a slack mode. Errors, in order:
    /// INVALID_ARGS (another clock), INVALID_ARGS (options other than ZX_TIMER_SLACK_CENTER, EARLY or LATE),
    /// NO_MEMORY, INVALID_ARGS (a bad out pointer; nothing is left).</summary>
    public ZxStatus TimerCreate(uint options, uint clockId, ZxHandle* @out)
    {
        if (clockId != 0)
            return ZxStatus.InvalidArgs;
        ZxStatus allowed = EnforcePolicy(ZxJobPolicy.NewTimer);
        if (allowed != ZxStatus.Ok)
            return allowed;
        Result<TimerDispatcher> timer = TimerDispatcher.Create(Kernel, options);
        if (timer.Failed)
            return timer.Status;
        return MakeHandleAndRelease(timer.Value, ZxDefaultRights.Timer, @out);
    }

    /// <summary><c>zx_timer_set</c>: clears ZX_TIMER_SIGNALED and asserts it at <paramref name="deadline"/> (at once
    /// for 0 or a deadline already passed), replacing any pending deadline. Rights: WRITE. Errors: BAD_HANDLE,
    /// ACCESS_DENIED, WRONG_TYPE. The 2018 kernel does not check <paramref name="slack"/>.</summary>
    public ZxStatus TimerSet(ZxHandle handle, long deadline, long slack)
    {
        using Lookup<TimerDispatcher> timer = Process.GetDispatcherWithRights<TimerDispatcher>(handle, ZxRights.Write);
        if (timer.Failed)
            return timer.Status;
        timer.Object.Set(deadline, slack);
        return ZxStatus.Ok;
    }

    /// <summary><c>zx_timer_cancel</c>: clears ZX_TIMER_SIGNALED and any pending deadline (OK when there is none).
    /// Rights: WRITE. Errors: BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE.</summary>
    public ZxStatus TimerCancel(ZxHandle handle)
    {
        using Lookup<TimerDispatcher> timer = Process.GetDispatcherWithRights<TimerDispatcher>(handle, ZxRights.Write);
        if (timer.Failed)
            return timer.Status;
        timer.Object.Cancel();
        return ZxStatus.Ok;
    }
}
