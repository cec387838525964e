using Zx.Kernel.Host;
using Zx.Kernel.Object;

namespace Zx.Kernel.Syscalls;

// Safety: the profile record is user memory, read only through UserCopy; the out pointer goes through the handle
// helpers, which answer a fault.
public sealed unsafe partial class ZxSyscalls
{
    /// <summary><c>zx_profile_create</c> (2018): a scheduler profile. Errors, in order: BAD_HANDLE, WRONG_TYPE (the
    /// root resource is needed), INVALID_ARGS (the record cannot be read), NOT_SUPPORTED (a type other than
    /// ZX_PROFILE_INFO_SCHEDULER), INVALID_ARGS (a priority outside 0..31), NO_MEMORY, INVALID_ARGS (a bad out
    /// pointer; nothing is left).</summary>
    public ZxStatus ProfileCreate(ZxHandle resource, ZxProfileInfo* profile, ZxHandle* @out)
    {
        ZxStatus status = EnforcePolicy(ZxJobPolicy.NewProfile);
        if (status != ZxStatus.Ok)
            return status;
        status = Process.ValidateResource(resource, ZxResourceKind.Root);
        if (status != ZxStatus.Ok)
            return status;
        if (!UserCopy.TryRead(profile, out ZxProfileInfo info))
            return ZxStatus.InvalidArgs;
        Result<ProfileDispatcher> created = ProfileDispatcher.Create(Kernel, info);
        if (created.Failed)
            return created.Status;
        return MakeHandleAndRelease(created.Value, ZxDefaultRights.Profile, @out);
    }

    /// <summary><c>zx_object_set_profile</c> (2018): gives a thread the profile's priority (recorded; the host
    /// schedules the host thread). Rights: MANAGE_THREAD on the thread, APPLY_PROFILE on the profile. Errors, in
    /// order: the thread's BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE, then the profile's.</summary>
    public ZxStatus ObjectSetProfile(ZxHandle handle, ZxHandle profile, uint options)
    {
        using Lookup<ThreadDispatcher> thread = Process.GetDispatcherWithRights<ThreadDispatcher>(handle, ZxRights.ManageThread);
        if (thread.Failed)
            return thread.Status;
        using Lookup<ProfileDispatcher> applied = Process.GetDispatcherWithRights<ProfileDispatcher>(profile, ZxRights.ApplyProfile);
        if (applied.Failed)
            return applied.Status;
        thread.Object.Priority = applied.Object.Info.Priority;
        return ZxStatus.Ok;
    }

    /// <summary><c>zx_thread_set_priority</c> (2018, experimental): sets the calling thread's priority; INVALID_ARGS
    /// outside 0..31. Recorded only.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "every syscall is a method of the calling process's ZxSyscalls")]
    public ZxStatus ThreadSetPriority(int prio)
    {
        if (prio is < ProfileDispatcher.LowestPriority or > ProfileDispatcher.HighestPriority)
            return ZxStatus.InvalidArgs;
        if (ThreadDispatcher.Current is ThreadDispatcher self)
            self.Priority = prio;
        return ZxStatus.Ok;
    }
}
