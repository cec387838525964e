using Zx.Kernel.Object;

namespace Zx.Kernel.Syscalls;

// Safety: the out pointer is user memory, written only through the handle helpers, which answer a fault.
public sealed unsafe partial class ZxSyscalls
{
    /// <summary><c>zx_object_get_child</c>: a new handle to a job's child job or process, or a process's thread,
    /// found by koid.</summary>
    /// <remarks>Errors, in order: BAD_HANDLE; ACCESS_DENIED (the parent handle lacks ENUMERATE, or lacks a right
    /// asked for: <paramref name="rights"/> must be a subset of the parent handle's, or SAME_RIGHTS for all of
    /// them); WRONG_TYPE (neither a job nor a process); NOT_FOUND (no live child with that koid); NO_MEMORY;
    /// INVALID_ARGS (a bad out pointer; nothing is left).</remarks>
    public ZxStatus ObjectGetChild(ZxHandle handle, ulong koid, ZxRights rights, ZxHandle* @out)
    {
        using Lookup<Dispatcher> parent = Process.GetDispatcher<Dispatcher>(handle);
        if (parent.Failed)
            return parent.Status;
        if (!parent.Rights.HasFlag(ZxRights.Enumerate))
            return ZxStatus.AccessDenied;
        if (rights == ZxRights.SameRights)
            rights = parent.Rights;
        else if ((parent.Rights & rights) != rights)
            return ZxStatus.AccessDenied;
        Dispatcher? child = parent.Object switch
        {
            ProcessDispatcher process => process.FindLiveThread(koid),
            JobDispatcher job => (Dispatcher?)job.FindChildJob(koid) ?? Kernel.FindProcessIn(job, koid),
            _ => null,
        };
        if (child is null)
            return parent.Object is ProcessDispatcher or JobDispatcher ? ZxStatus.NotFound : ZxStatus.WrongType;
        return MakeHandleAndRelease(child, rights, @out);
    }
}
