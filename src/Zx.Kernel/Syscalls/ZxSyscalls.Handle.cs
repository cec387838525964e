using Zx.Kernel.Host;
using Zx.Kernel.Object;

namespace Zx.Kernel.Syscalls;

// Safety: pointer parameters are user memory, read and written only through UserCopy, which answers a fault.
public sealed unsafe partial class ZxSyscalls
{
    /// <summary><c>zx_handle_close</c>: closes a handle. <c>ZX_HANDLE_INVALID</c> is OK and does nothing.</summary>
    /// <remarks>Errors: BAD_HANDLE.</remarks>
    public ZxStatus HandleClose(ZxHandle handle)
    {
        if (!handle.IsValid)
            return ZxStatus.Ok;
        if (!Process.Handles.TryRemove(handle, out HandleTable.Detached detached))
            return ZxStatus.BadHandle;
        detached.Dispose();
        return ZxStatus.Ok;
    }

    /// <summary><c>zx_handle_close_many</c>: closes every handle the array names; ZX_HANDLE_INVALID entries are
    /// skipped.</summary>
    /// <remarks>Errors: BAD_HANDLE when any other entry names no handle (a value closed earlier in the same array
    /// included), after every good entry is closed, as in 2018; INVALID_ARGS when the array cannot be read. The array
    /// is read in chunks of 64 values, each chunk closed before the next is read (so a fault part way leaves the
    /// earlier chunks closed).</remarks>
    public ZxStatus HandleCloseMany(ZxHandle* handles, ulong count)
    {
        const int chunkSize = (int)ChannelDispatcher.MaxMessageHandles;
        Span<ZxHandle> chunk = stackalloc ZxHandle[chunkSize];
        ZxStatus status = ZxStatus.Ok;
        for (ulong done = 0; done < count;)
        {
            int n = (int)Math.Min(count - done, chunkSize);
            if (!UserCopy.TryCopyIn(chunk[..n], handles + done))
                return ZxStatus.InvalidArgs;
            foreach (ZxHandle handle in chunk[..n])
            {
                if (HandleClose(handle) != ZxStatus.Ok)
                    status = ZxStatus.BadHandle;
            }
            done += (ulong)n;
        }
        return status;
    }

    /// <summary><c>zx_handle_duplicate</c>: a new handle to the same object with <paramref name="rights"/>
    /// (<c>ZX_RIGHT_SAME_RIGHTS</c>, exactly, for the source's rights).</summary>
    /// <remarks>Rights: the source needs DUPLICATE. Errors, in order: BAD_HANDLE, ACCESS_DENIED, INVALID_ARGS
    /// (rights not a subset), NO_MEMORY, INVALID_ARGS (bad out).</remarks>
    public ZxStatus HandleDuplicate(ZxHandle handle, ZxRights rights, ZxHandle* @out)
    {
        ZxStatus status = Process.Handles.Duplicate(handle, rights, Kernel.Faults, out ZxHandle duplicate);
        if (status != ZxStatus.Ok)
            return status;
        return Process.PublishHandle(duplicate, @out);
    }

    /// <summary><c>zx_handle_replace</c>: replaces a handle with one of fewer (or the same) rights. Needs no
    /// right, and consumes the source whenever it named a handle, even on failure.</summary>
    /// <remarks>Errors, in order: BAD_HANDLE, INVALID_ARGS (rights not a subset; the source is closed),
    /// NO_MEMORY, INVALID_ARGS (bad out; both handles are gone).</remarks>
    public ZxStatus HandleReplace(ZxHandle handle, ZxRights rights, ZxHandle* @out)
    {
        if (!Process.Handles.TryRemove(handle, out HandleTable.Detached source))
            return ZxStatus.BadHandle;
        using (source)
        {
            if (!HandleTable.TryNarrowRights(source.Rights, rights, out ZxRights granted))
                return ZxStatus.InvalidArgs;
            return Process.MakeHandle(source.Object, granted, @out);
        }
    }

    /// <summary><c>zx_vmo_replace_as_executable</c> (Zircon from late 2018): replaces a VMO handle with one that also has
    /// EXECUTE, so the VMO can be mapped with ZX_VM_PERM_EXECUTE. As in the first kernel that had it, the VMEX
    /// resource it asks for is the root resource, or ZX_HANDLE_INVALID.</summary>
    /// <remarks>Errors, in order: BAD_HANDLE (the VMO handle), then, with the handle consumed whatever follows: the
    /// resource's BAD_HANDLE or WRONG_TYPE, WRONG_TYPE (not a VMO), NO_MEMORY, INVALID_ARGS (a bad out pointer).</remarks>
    public ZxStatus VmoReplaceAsExecutable(ZxHandle handle, ZxHandle vmex, ZxHandle* @out)
    {
        ZxStatus vmexStatus = vmex.IsValid ? Process.ValidateResource(vmex, ZxResourceKind.Root) : ZxStatus.Ok;
        if (!Process.Handles.TryRemove(handle, out HandleTable.Detached source))
            return ZxStatus.BadHandle;
        using (source)
        {
            if (vmexStatus != ZxStatus.Ok)
                return vmexStatus;
            if (source.Object is not VmObjectDispatcher)
                return ZxStatus.WrongType;
            return Process.MakeHandle(source.Object, source.Rights | ZxRights.Execute, @out);
        }
    }

}
