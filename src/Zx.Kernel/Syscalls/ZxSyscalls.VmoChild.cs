using Zx.Kernel.Object;
using Zx.Kernel.Vm;

namespace Zx.Kernel.Syscalls;

// Safety: pointer parameters are user memory, read and written only through UserCopy, which answers a fault.
public sealed unsafe partial class ZxSyscalls
{
    /// <summary><c>zx_vmo_clone</c> (2018): a copy-on-write clone of <c>[offset, offset+size)</c>.</summary>
    /// <remarks>Rights: DUPLICATE and READ. Errors, in order: BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE, INVALID_ARGS
    /// (no COPY_ON_WRITE, or unknown bits), NOT_SUPPORTED (a physical VMO), BAD_STATE (not CACHED), INVALID_ARGS
    /// (unaligned offset), OUT_OF_RANGE, NO_MEMORY, INVALID_ARGS (bad out). The new handle has the source's rights
    /// plus GET_PROPERTY, SET_PROPERTY and WRITE.</remarks>
    public ZxStatus VmoClone(ZxHandle handle, ZxVmoCloneOptions options, ulong offset, ulong size, ZxHandle* @out)
    {
        using Lookup<VmObjectDispatcher> vmo = Process.GetDispatcherWithRights<VmObjectDispatcher>(handle, ZxRights.Duplicate | ZxRights.Read);
        if (vmo.Failed)
            return vmo.Status;
        Result<VmObject> child = vmo.Object.Clone(options, offset, size, vmo.Rights, out ZxRights rights);
        if (child.Failed)
            return child.Status;
        return CreateVmoDispatcher(child.Value, @out, rights);
    }

    /// <summary><c>zx_vmo_create_child</c> (later kernels): SLICE, SNAPSHOT or SNAPSHOT_AT_LEAST_ON_WRITE, with
    /// RESIZABLE and NO_WRITE.</summary>
    /// <remarks>Rights: DUPLICATE and READ. Errors, in order: BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE, INVALID_ARGS
    /// (SLICE with another type flag, no type, unknown bits), then the object's rules: a physical VMO takes only
    /// SLICE (otherwise NOT_SUPPORTED); a slice of a resizable paged VMO is NOT_SUPPORTED; a slice must be aligned
    /// and inside its parent (INVALID_ARGS). Rights: the source's plus GET_PROPERTY and SET_PROPERTY; snapshots
    /// drop EXECUTE and gain WRITE; NO_WRITE drops WRITE.</remarks>
    public ZxStatus VmoCreateChild(ZxHandle handle, ZxVmoChildOptions options, ulong offset, ulong size, ZxHandle* @out)
    {
        using Lookup<VmObjectDispatcher> vmo = Process.GetDispatcherWithRights<VmObjectDispatcher>(handle, ZxRights.Duplicate | ZxRights.Read);
        if (vmo.Failed)
            return vmo.Status;
        Result<VmObject> child = vmo.Object.CreateChild(options, offset, size, vmo.Rights, out ZxRights rights);
        if (child.Failed)
            return child.Status;
        return CreateVmoDispatcher(child.Value, @out, rights);
    }

}
