using Zx.Kernel.Object;
using Zx.Kernel.Vm;

namespace Zx.Kernel.Syscalls;

// Safety: pointer parameters are user memory, read and written only through UserCopy, which answers a fault.
public sealed unsafe partial class ZxSyscalls
{
    /// <summary><c>zx_vmo_create</c>: a paged VMO of <paramref name="size"/> bytes rounded up to whole pages, backed
    /// by the board's RAM as it is written.</summary>
    /// <remarks>Options: 0 (resizable) or <c>ZX_VMO_NON_RESIZABLE</c>. Errors, in order: INVALID_ARGS (options),
    /// OUT_OF_RANGE (size too large), NO_MEMORY, INVALID_ARGS (bad out). Rights: 0xD0FF.</remarks>
    public ZxStatus VmoCreate(ulong size, ZxVmoOptions options, ZxHandle* @out)
    {
        uint vmOptions = options switch
        {
            ZxVmoOptions.None => VmObjectPaged.OptionResizable,
            ZxVmoOptions.NonResizable => 0u,
            _ => uint.MaxValue,
        };
        if (vmOptions == uint.MaxValue)
            return ZxStatus.InvalidArgs;
        ZxStatus allowed = EnforcePolicy(ZxJobPolicy.NewVmo);
        if (allowed != ZxStatus.Ok)
            return allowed;
        Result<VmObjectPaged> vmo = VmObjectPaged.Create(Kernel.Pmm, Kernel.Memory, vmOptions, size);
        if (vmo.Failed)
            return vmo.Status;
        return CreateVmoDispatcher(vmo.Value, @out);
    }

    /// <summary><c>zx_vmo_read</c>: copies bytes out of a paged VMO.</summary>
    /// <remarks>Rights: READ. Errors, in order: BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE, INVALID_ARGS (NULL buffer
    /// with a length: the buffer is probed first), NOT_SUPPORTED (physical VMO), BAD_STATE (not CACHED),
    /// OUT_OF_RANGE.</remarks>
    public ZxStatus VmoRead(ZxHandle handle, byte* buffer, ulong offset, ulong length)
    {
        using Lookup<VmObjectDispatcher> vmo = Process.BorrowDispatcherWithRights<VmObjectDispatcher>(handle, ZxRights.Read);
        if (vmo.Failed)
            return vmo.Status;
        return vmo.Object.Read(buffer, offset, length);
    }

    /// <summary><c>zx_vmo_write</c>: copies bytes into a paged VMO, committing pages as needed.</summary>
    /// <remarks>Rights: WRITE. Errors, in order: BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE, INVALID_ARGS (NULL buffer
    /// with a length), NOT_SUPPORTED (physical VMO), BAD_STATE (not CACHED), OUT_OF_RANGE, NO_MEMORY.</remarks>
    public ZxStatus VmoWrite(ZxHandle handle, byte* buffer, ulong offset, ulong length)
    {
        using Lookup<VmObjectDispatcher> vmo = Process.BorrowDispatcherWithRights<VmObjectDispatcher>(handle, ZxRights.Write);
        if (vmo.Failed)
            return vmo.Status;
        return vmo.Object.Write(buffer, offset, length);
    }

    /// <summary><c>zx_vmo_get_size</c>: the size in bytes (whole pages).</summary>
    /// <remarks>Rights: none. Errors: BAD_HANDLE, WRONG_TYPE, INVALID_ARGS (NULL out).</remarks>
    public ZxStatus VmoGetSize(ZxHandle handle, ulong* size)
    {
        using Lookup<VmObjectDispatcher> vmo = Process.GetDispatcher<VmObjectDispatcher>(handle);
        if (vmo.Failed)
            return vmo.Status;
        return CopyOut(size, vmo.Object.Vmo.Size);
    }

    /// <summary><c>zx_vmo_set_size</c>: resizes a resizable paged VMO; shrinking frees the pages past the end.</summary>
    /// <remarks>Rights: WRITE. Errors, in order: BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE, NOT_SUPPORTED (physical),
    /// UNAVAILABLE (not resizable), OUT_OF_RANGE (size too large).</remarks>
    public ZxStatus VmoSetSize(ZxHandle handle, ulong size)
    {
        using Lookup<VmObjectDispatcher> vmo = Process.GetDispatcherWithRights<VmObjectDispatcher>(handle, ZxRights.Write);
        if (vmo.Failed)
            return vmo.Status;
        return vmo.Object.SetSize(size);
    }

    /// <summary><c>zx_vmo_op_range</c>: commit, decommit, lock, unlock and cache operations on a range.</summary>
    /// <remarks>Rights: none for the lookup, then COMMIT/DECOMMIT/CACHE_INVALIDATE need WRITE and
    /// CACHE_SYNC/CLEAN/CLEAN_INVALIDATE need READ (ACCESS_DENIED). LOCK and UNLOCK are NOT_SUPPORTED (2018);
    /// unknown ops are INVALID_ARGS. Physical VMOs answer NOT_SUPPORTED to every op after its rights check.</remarks>
    public ZxStatus VmoOpRange(ZxHandle handle, ZxVmoOp op, ulong offset, ulong size, void* buffer, ulong bufferSize)
    {
        using Lookup<VmObjectDispatcher> vmo = Process.GetDispatcher<VmObjectDispatcher>(handle);
        if (vmo.Failed)
            return vmo.Status;
        return vmo.Object.RangeOp(op, offset, size, vmo.Rights);
    }

    /// <summary><c>zx_vmo_op_range</c> (managed form, no buffer).</summary>
    public ZxStatus VmoOpRange(ZxHandle handle, ZxVmoOp op, ulong offset, ulong size) => VmoOpRange(handle, op, offset, size, null, 0);

    /// <summary><c>zx_vmo_set_cache_policy</c>: the cache policy later mappings take.</summary>
    /// <remarks>Order: INVALID_ARGS for a policy outside <c>ZX_CACHE_POLICY_MASK</c> (before the handle), then
    /// BAD_HANDLE, ACCESS_DENIED (MAP), WRONG_TYPE, then the object's rules: a physical VMO takes its current
    /// policy always and another one only while unmapped (BAD_STATE); a paged VMO only with no committed page and
    /// no mapping (BAD_STATE).</remarks>
    public ZxStatus VmoSetCachePolicy(ZxHandle handle, uint cachePolicy)
    {
        if ((cachePolicy & ~(uint)ZxCachePolicy.Mask) != 0)
            return ZxStatus.InvalidArgs;
        using Lookup<VmObjectDispatcher> vmo = Process.GetDispatcherWithRights<VmObjectDispatcher>(handle, ZxRights.Map);
        if (vmo.Failed)
            return vmo.Status;
        return vmo.Object.SetMappingCachePolicy((ZxCachePolicy)cachePolicy);
    }

    /// <summary>Wraps a new VMO in a dispatcher and hands it out with <paramref name="rights"/> (the default VMO
    /// rights unless given); on failure the VMO is released again.</summary>
    private ZxStatus CreateVmoDispatcher(VmObject vmo, ZxHandle* @out, ZxRights rights = ZxDefaultRights.Vmo)
    {
        return MakeHandleAndRelease(new VmObjectDispatcher(Kernel, vmo), rights, @out);
    }
}
