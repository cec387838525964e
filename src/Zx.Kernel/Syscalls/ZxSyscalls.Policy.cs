using Zx.Kernel.Host;
using Zx.Kernel.Object;

namespace Zx.Kernel.Syscalls;

// Safety: pointer parameters are user memory, read only through UserCopy, which answers a fault.
public sealed unsafe partial class ZxSyscalls
{
    /// <summary>The return code of a process a KILL policy ended (<c>ZX_TASK_RETCODE_POLICY_KILL</c>).</summary>
    public const long TaskRetcodePolicyKill = -1026;

    /// <summary>The return code of a process ended by an exception no handler took
    /// (<c>ZX_TASK_RETCODE_EXCEPTION_KILL</c>).</summary>
    public const long TaskRetcodeExceptionKill = -1028;

    // Entries zx_job_set_policy copies at most: more would be a kernel allocation the 2018 kernel could not make.
    private const uint PolicyEntriesMax = 8192;

    /// <summary><c>zx_job_set_policy</c>: adds basic policy entries to a job that has no child jobs and no processes
    /// yet; its new jobs and processes inherit the result, and the syscalls of its processes enforce it.</summary>
    /// <remarks>Rights: SET_POLICY. Errors, in order: INVALID_ARGS (a mode other than RELATIVE or ABSOLUTE; no
    /// entries or a NULL array; a topic other than BASIC), NO_MEMORY (more than 8,192 entries), INVALID_ARGS (the
    /// entries cannot be read), BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE, BAD_STATE (the job has a child job or a
    /// process), OUT_OF_RANGE (more entries than conditions), then per entry INVALID_ARGS (an unknown condition),
    /// NOT_SUPPORTED (an unknown action), ALREADY_EXISTS (ABSOLUTE, and the job's policy says otherwise).</remarks>
    public ZxStatus JobSetPolicy(ZxHandle job, uint options, uint topic, void* policy, uint count)
    {
        if (options != ZxJobPolicy.Relative && options != ZxJobPolicy.Absolute)
            return ZxStatus.InvalidArgs;
        if (policy is null || count == 0)
            return ZxStatus.InvalidArgs;
        if (topic != ZxJobPolicy.Basic)
            return ZxStatus.InvalidArgs;
        if (count > PolicyEntriesMax)
            return ZxStatus.NoMemory;
        var entries = new ZxPolicyBasic[count];
        if (!UserCopy.TryCopyIn(entries.AsSpan(), (ZxPolicyBasic*)policy))
            return ZxStatus.InvalidArgs;
        using Lookup<JobDispatcher> target = Process.GetDispatcherWithRights<JobDispatcher>(job, ZxRights.SetPolicy);
        if (target.Failed)
            return target.Status;
        return target.Object.SetPolicy(options, entries, j => Kernel.ProcessKoidsIn(j).Count > 0);
    }

    /// <summary><c>zx_job_set_policy</c> (managed form).</summary>
    public ZxStatus JobSetPolicy(ZxHandle job, uint options, ReadOnlySpan<ZxPolicyBasic> entries)
    {
        fixed (ZxPolicyBasic* p = entries)
            return JobSetPolicy(job, options, ZxJobPolicy.Basic, p, (uint)entries.Length);
    }

    /// <summary><c>ProcessDispatcher::QueryPolicy</c>: what the calling process's policy says about
    /// <paramref name="condition"/>. ACCESS_DENIED for DENY and KILL, OK otherwise. KILL also kills the process; an
    /// EXCEPTION action raises ZX_EXCP_POLICY_ERROR on the calling thread (its exception ports answer; when none
    /// resumes it, the process is killed as Zircon kills one whose exception nobody handles).</summary>
    private ZxStatus EnforcePolicy(uint condition)
    {
        uint action = Process.Policy.ActionFor(condition);
        if (action == ZxJobPolicy.ActionAllow)
            return ZxStatus.Ok;
        // At a syscall's start, holding nothing, so the process can be killed right here (as zx_task_kill of itself):
        // the calling thread then never sees the syscall return.
        if (action == ZxJobPolicy.ActionKill)
            Process.Kill(TaskRetcodePolicyKill);
        else if ((action & ZxJobPolicy.ActionException) != 0)
            RaiseSyscallException(ZxExceptionType.PolicyError);
        return (action & ZxJobPolicy.ActionDeny) != 0 ? ZxStatus.AccessDenied : ZxStatus.Ok;
    }
}
