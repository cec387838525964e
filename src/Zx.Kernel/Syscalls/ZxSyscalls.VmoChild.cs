using Zx.Kernel.Object;
using Zx.Kernel.Vm;

namespace Zx.Kernel.Syscalls;

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
        if (!options.HasFlag(ZxVmoCloneOptions.CopyOnWrite)
            || (options & ~(ZxVmoCloneOptions.CopyOnWrite | ZxVmoCloneOptions.NonResizeable)) != 0)
            return ZxStatus.InvalidArgs;
        bool resizable = !options.HasFlag(ZxVmoCloneOptions.NonResizeable);
        ZxStatus status = vmo.Object.Vmo.CreateSnapshot(offset, size, resizable, vmo.Rights.HasFlag(ZxRights.GetProperty), out VmObject? child);
        if (status != ZxStatus.Ok)
            return status;
        ZxRights rights = vmo.Rights | ZxRights.GetProperty | ZxRights.SetProperty | ZxRights.Write;
        return CreateVmoDispatcher(child!, @out, rights);
    }

    /// <summary><c>zx_vmo_clone</c> (managed form).</summary>
    public ZxStatus VmoClone(ZxHandle handle, ZxVmoCloneOptions options, ulong offset, ulong size, out ZxHandle clone)
    {
        ZxHandle h;
        ZxStatus status = VmoClone(handle, options, offset, size, &h);
        clone = status == ZxStatus.Ok ? h : ZxHandle.Invalid;
        return status;
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
        bool noWrite = options.HasFlag(ZxVmoChildOptions.NoWrite);
        options &= ~ZxVmoChildOptions.NoWrite;
        bool copyName = vmo.Rights.HasFlag(ZxRights.GetProperty);
        ZxRights rights = vmo.Rights | ZxRights.GetProperty | ZxRights.SetProperty;
        VmObject? child = null;
        ZxStatus status;
        if (options.HasFlag(ZxVmoChildOptions.Slice))
        {
            if (options != ZxVmoChildOptions.Slice)
                return ZxStatus.InvalidArgs;
            VmObject parent = vmo.Object.Vmo;
            status = parent.IsPaged && parent.IsResizable ? ZxStatus.NotSupported : parent.CreateSlice(offset, size, copyName, out child);
        }
        else
        {
            if (!options.HasFlag(ZxVmoChildOptions.Snapshot) && !options.HasFlag(ZxVmoChildOptions.SnapshotAtLeastOnWrite))
                return ZxStatus.InvalidArgs;
            bool resizable = options.HasFlag(ZxVmoChildOptions.Resizable);
            if ((options & ~(ZxVmoChildOptions.Snapshot | ZxVmoChildOptions.SnapshotAtLeastOnWrite | ZxVmoChildOptions.Resizable)) != 0
                || (options.HasFlag(ZxVmoChildOptions.Snapshot) && options.HasFlag(ZxVmoChildOptions.SnapshotAtLeastOnWrite)))
                return ZxStatus.InvalidArgs;
            status = vmo.Object.Vmo.CreateSnapshot(offset, size, resizable, copyName, out child);
            rights = (rights & ~ZxRights.Execute) | ZxRights.Write;
        }
        if (status != ZxStatus.Ok)
            return status;
        if (noWrite)
            rights &= ~ZxRights.Write;
        return CreateVmoDispatcher(child!, @out, rights);
    }

    /// <summary><c>zx_vmo_create_child</c> (managed form).</summary>
    public ZxStatus VmoCreateChild(ZxHandle handle, ZxVmoChildOptions options, ulong offset, ulong size, out ZxHandle child)
    {
        ZxHandle h;
        ZxStatus status = VmoCreateChild(handle, options, offset, size, &h);
        child = status == ZxStatus.Ok ? h : ZxHandle.Invalid;
        return status;
    }
}
