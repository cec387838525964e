using Zx.Kernel.Object;
using Zx.Kernel.Vm;

namespace Zx.Kernel.Syscalls;

// Safety: pointer parameters are user memory, read and written only through UserCopy, which answers a fault.
public sealed unsafe partial class ZxSyscalls
{
    /// <summary><c>zx_vmar_allocate</c>: a sub-region of <paramref name="parent"/>.</summary>
    /// <remarks>Rights: READ, WRITE, EXECUTE on the parent for each CAN_MAP flag asked for. Errors, in order:
    /// BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE, INVALID_ARGS (unknown flag, a PERM_* flag, unaligned size, flags a
    /// region cannot take), the placement errors of <see cref="VmAddressRegion"/>, NO_MEMORY, and INVALID_ARGS
    /// when the address or then the handle cannot be written (the new region is destroyed again).</remarks>
    public ZxStatus VmarAllocate(ZxHandle parent, ZxVmOptions options, ulong offset, ulong size, ZxHandle* child, ulong* childAddress)
    {
        ZxRights needed = (options.HasFlag(ZxVmOptions.CanMapRead) ? ZxRights.Read : 0)
            | (options.HasFlag(ZxVmOptions.CanMapWrite) ? ZxRights.Write : 0)
            | (options.HasFlag(ZxVmOptions.CanMapExecute) ? ZxRights.Execute : 0);
        using Lookup<VmAddressRegionDispatcher> vmar = Process.BorrowDispatcherWithRights<VmAddressRegionDispatcher>(parent, needed);
        if (vmar.Failed)
            return vmar.Status;
        ZxStatus status = VmAddressRegionDispatcher.SplitFlags(options, out ZxVmOptions flags, out ZxVmOptions perms);
        if (status != ZxStatus.Ok || perms != 0)
            return ZxStatus.InvalidArgs;
        Result<VmAddressRegion> created = vmar.Object.Vmar.CreateSubVmar(offset, size, flags);
        if (created.Failed)
            return created.Status;
        VmAddressRegion region = created.Value;
        // The 2018 order: the address is written first, then the handle; a failure of either destroys the region.
        status = CopyOut(childAddress, region.Base);
        if (status == ZxStatus.Ok)
            status = MakeHandleAndRelease(new VmAddressRegionDispatcher(Kernel, region), VmAddressRegionDispatcher.RightsFor(region.Flags), child);
        if (status != ZxStatus.Ok)
            region.Destroy();
        return status;
    }

    /// <summary><c>zx_vmar_map</c>: maps <paramref name="length"/> bytes of a VMO from <paramref name="vmoOffset"/>
    /// into the region, as real host memory.</summary>
    /// <remarks>Order (the 2018 kernel's): BAD_HANDLE/WRONG_TYPE for the VMAR, then for the VMO; ACCESS_DENIED without
    /// MAP on the VMO; INVALID_ARGS for WRITE or EXECUTE without READ; INVALID_ARGS for MAP_RANGE with
    /// SPECIFIC_OVERWRITE; INVALID_ARGS for CAN_MAP_* bits; ACCESS_DENIED for a permission both handles do not
    /// allow; INVALID_ARGS for unknown bits; NOT_SUPPORTED for REQUIRE_NON_RESIZABLE on a resizable VMO; then
    /// the mapping rules; INVALID_ARGS for a bad out pointer (the mapping is removed again). The length is not
    /// checked against the VMO's size (2018): addresses past its end fault.</remarks>
    public ZxStatus VmarMap(ZxHandle vmarHandle, ZxVmOptions options, ulong vmarOffset, ZxHandle vmoHandle, ulong vmoOffset, ulong length, ulong* mappedAddress)
    {
        using Lookup<VmAddressRegionDispatcher> vmar = Process.BorrowDispatcherWithRights<VmAddressRegionDispatcher>(vmarHandle, ZxRights.None);
        if (vmar.Failed)
            return vmar.Status;
        using Lookup<VmObjectDispatcher> vmo = Process.GetDispatcher<VmObjectDispatcher>(vmoHandle);
        if (vmo.Failed)
            return vmo.Status;
        if (!vmo.Rights.HasFlag(ZxRights.Map))
            return ZxStatus.AccessDenied;
        if (!VmAddressRegionDispatcher.IsValidMappingProtection(options))
            return ZxStatus.InvalidArgs;
        bool mapRange = options.HasFlag(ZxVmOptions.MapRange); // faults every page in now (a demand-paged mapping)
        options &= ~ZxVmOptions.MapRange;
        if (mapRange && options.HasFlag(ZxVmOptions.SpecificOverwrite))
            return ZxStatus.InvalidArgs;
        if ((options & ZxVmOptions.CanMapRwx) != 0)
            return ZxStatus.InvalidArgs;
        bool canRead = vmo.Rights.HasFlag(ZxRights.Read) && vmar.Rights.HasFlag(ZxRights.Read);
        bool canWrite = vmo.Rights.HasFlag(ZxRights.Write) && vmar.Rights.HasFlag(ZxRights.Write);
        bool canExecute = vmo.Rights.HasFlag(ZxRights.Execute) && vmar.Rights.HasFlag(ZxRights.Execute);
        if ((options.HasFlag(ZxVmOptions.PermRead) && !canRead) || (options.HasFlag(ZxVmOptions.PermWrite) && !canWrite)
            || (options.HasFlag(ZxVmOptions.PermExecute) && !canExecute))
            return ZxStatus.AccessDenied;
        ZxStatus status = VmAddressRegionDispatcher.SplitFlags(options, out ZxVmOptions flags, out ZxVmOptions perms);
        if (status != ZxStatus.Ok)
            return status;
        VmObject target = vmo.Object.Vmo;
        if (flags.HasFlag(ZxVmOptions.RequireNonResizable))
        {
            flags &= ~ZxVmOptions.RequireNonResizable;
            if (target.IsResizable)
                return ZxStatus.NotSupported;
        }
        flags |= (canRead ? ZxVmOptions.CanMapRead : 0) | (canWrite ? ZxVmOptions.CanMapWrite : 0) | (canExecute ? ZxVmOptions.CanMapExecute : 0);
        Result<VmMapping> created = vmar.Object.Vmar.CreateVmMapping(vmarOffset, length, flags, target, vmoOffset, perms);
        if (created.Failed)
            return created.Status;
        VmMapping mapping = created.Value;
        if (mapRange)
        {
            lock (mapping.Aspace.Lock)
            {
                status = mapping.IsAlive ? mapping.PopulateLocked() : ZxStatus.Ok;
                if (status != ZxStatus.Ok)
                {
                    mapping.DestroyLocked(); // 2018: a MapRange that fails destroys the mapping and answers its status
                    return status;
                }
            }
        }
        status = CopyOut(mappedAddress, mapping.Base);
        if (status != ZxStatus.Ok)
        {
            lock (mapping.Aspace.Lock)
                mapping.DestroyLocked();
        }
        return status;
    }

    /// <summary><c>zx_vmar_unmap</c>: unmaps whole or partial mappings and destroys whole sub-regions in the range.</summary>
    /// <remarks>Rights: none. Errors: BAD_HANDLE, WRONG_TYPE, INVALID_ARGS (unaligned, zero length, outside the
    /// region, partly covering a sub-region), BAD_STATE (destroyed region).</remarks>
    public ZxStatus VmarUnmap(ZxHandle vmarHandle, ulong address, ulong length)
    {
        using Lookup<VmAddressRegionDispatcher> vmar = Process.BorrowDispatcherWithRights<VmAddressRegionDispatcher>(vmarHandle, ZxRights.None);
        if (vmar.Failed)
            return vmar.Status;
        if (!Ranges.IsPageAligned(address))
            return ZxStatus.InvalidArgs;
        return vmar.Object.Vmar.Unmap(address, length);
    }

    /// <summary><c>zx_vmar_protect</c>: changes the permissions of mapped pages.</summary>
    /// <remarks>Rights: READ, WRITE, EXECUTE on the VMAR for each permission asked for. Errors, in order:
    /// BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE, INVALID_ARGS (WRITE/EXECUTE without READ, unaligned address, any
    /// non-permission flag), then <see cref="VmAddressRegion.Protect"/>.</remarks>
    public ZxStatus VmarProtect(ZxHandle vmarHandle, ZxVmOptions options, ulong address, ulong length)
    {
        ZxRights needed = (options.HasFlag(ZxVmOptions.PermRead) ? ZxRights.Read : 0)
            | (options.HasFlag(ZxVmOptions.PermWrite) ? ZxRights.Write : 0)
            | (options.HasFlag(ZxVmOptions.PermExecute) ? ZxRights.Execute : 0);
        using Lookup<VmAddressRegionDispatcher> vmar = Process.BorrowDispatcherWithRights<VmAddressRegionDispatcher>(vmarHandle, needed);
        if (vmar.Failed)
            return vmar.Status;
        if (!VmAddressRegionDispatcher.IsValidMappingProtection(options) || !Ranges.IsPageAligned(address))
            return ZxStatus.InvalidArgs;
        ZxStatus status = VmAddressRegionDispatcher.SplitFlags(options, out ZxVmOptions flags, out ZxVmOptions perms);
        if (status != ZxStatus.Ok || flags != 0)
            return ZxStatus.InvalidArgs;
        return vmar.Object.Vmar.Protect(address, length, perms);
    }

    /// <summary><c>zx_vmar_destroy</c>: unmaps everything in the region and destroys it and its sub-regions.</summary>
    /// <remarks>Rights: none. Errors: BAD_HANDLE, WRONG_TYPE, BAD_STATE (already destroyed).</remarks>
    public ZxStatus VmarDestroy(ZxHandle vmarHandle)
    {
        using Lookup<VmAddressRegionDispatcher> vmar = Process.BorrowDispatcherWithRights<VmAddressRegionDispatcher>(vmarHandle, ZxRights.None);
        if (vmar.Failed)
            return vmar.Status;
        return vmar.Object.Vmar.Destroy();
    }
}
