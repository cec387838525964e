using Zx.Kernel.Host;
using Zx.Kernel.Object;
using Zx.Kernel.Vm;

namespace Zx.Kernel.Syscalls;

// Safety: pointer parameters are user memory, read and written only through UserCopy, which answers a fault.
public sealed unsafe partial class ZxSyscalls
{
    /// <summary><c>zx_iommu_create</c>: an IOMMU; only <c>ZX_IOMMU_TYPE_DUMMY</c> exists.</summary>
    /// <remarks>Errors, in order: INVALID_ARGS (descriptor over 4096 bytes), BAD_HANDLE, WRONG_TYPE (not the ROOT
    /// resource), INVALID_ARGS (the descriptor cannot be read), NOT_SUPPORTED (another type), INVALID_ARGS (the
    /// dummy descriptor is not exactly one byte), NO_MEMORY, INVALID_ARGS (bad out).</remarks>
    public ZxStatus IommuCreate(ZxHandle resource, ZxIommuType type, void* desc, ulong descSize, ZxHandle* @out)
    {
        if (descSize > ZxIommuConstants.MaxDescLength)
            return ZxStatus.InvalidArgs;
        ZxStatus status = Process.ValidateResource(resource, ZxResourceKind.Root);
        if (status != ZxStatus.Ok)
            return status;
        Span<byte> descriptor = stackalloc byte[(int)descSize];
        if (!UserCopy.TryCopyIn(descriptor, desc))
            return ZxStatus.InvalidArgs;
        if (type != ZxIommuType.Dummy)
            return ZxStatus.NotSupported;
        if (descSize != ZxIommuConstants.DummyDescLength)
            return ZxStatus.InvalidArgs;
        return MakeHandleAndRelease(new IommuDispatcher(Kernel), ZxDefaultRights.Iommu, @out);
    }

    /// <summary><c>zx_bti_create</c>: a device's bus transaction initiator behind an IOMMU.</summary>
    /// <remarks>Errors, in order: INVALID_ARGS (options), BAD_HANDLE, WRONG_TYPE, NO_MEMORY, INVALID_ARGS (bad out).</remarks>
    public ZxStatus BtiCreate(ZxHandle iommu, uint options, ulong busTransactionId, ZxHandle* @out)
    {
        if (options != 0)
            return ZxStatus.InvalidArgs;
        using Lookup<IommuDispatcher> parent = Process.GetDispatcherWithRights<IommuDispatcher>(iommu, ZxRights.None);
        if (parent.Failed)
            return parent.Status;
        return MakeHandleAndRelease(new BusTransactionInitiatorDispatcher(Kernel, parent.Object, busTransactionId), ZxDefaultRights.Bti, @out);
    }

    /// <summary><c>zx_bti_pin</c> (the 2018 signature with a PMT out handle): pins a VMO range and writes the
    /// device (here: physical) address of each page, of each minimum-contiguity chunk (COMPRESS), or of the whole
    /// range (CONTIGUOUS, contiguous VMOs only).</summary>
    /// <remarks>Errors, in order: BAD_HANDLE/ACCESS_DENIED (MAP)/WRONG_TYPE for the BTI; INVALID_ARGS for an
    /// unaligned offset or size; BAD_HANDLE/WRONG_TYPE for the VMO; ACCESS_DENIED without MAP, or without READ,
    /// WRITE, EXECUTE for the matching permission; INVALID_ARGS for unknown options, COMPRESS with CONTIGUOUS, or
    /// CONTIGUOUS on a VMO that is not contiguous; OUT_OF_RANGE outside the VMO; NO_MEMORY; INVALID_ARGS when the
    /// address count does not match or a pointer is bad (nothing stays pinned).</remarks>
    public ZxStatus BtiPin(ZxHandle bti, ZxBtiOptions options, ZxHandle vmoHandle, ulong offset, ulong size, ulong* addresses,
        ulong addressCount, ZxHandle* pmt)
    {
        using Lookup<BusTransactionInitiatorDispatcher> device = Process.GetDispatcherWithRights<BusTransactionInitiatorDispatcher>(bti, ZxRights.Map);
        if (device.Failed)
            return device.Status;
        if (!Ranges.IsPageAligned(offset) || !Ranges.IsPageAligned(size))
            return ZxStatus.InvalidArgs;
        using Lookup<VmObjectDispatcher> vmo = Process.GetDispatcher<VmObjectDispatcher>(vmoHandle);
        if (vmo.Failed)
            return vmo.Status;
        if (!vmo.Rights.HasFlag(ZxRights.Map)
            || (options.HasFlag(ZxBtiOptions.PermRead) && !vmo.Rights.HasFlag(ZxRights.Read))
            || (options.HasFlag(ZxBtiOptions.PermWrite) && !vmo.Rights.HasFlag(ZxRights.Write))
            || (options.HasFlag(ZxBtiOptions.PermExecute) && !vmo.Rights.HasFlag(ZxRights.Execute)))
            return ZxStatus.AccessDenied;
        bool compress = options.HasFlag(ZxBtiOptions.Compress), contiguous = options.HasFlag(ZxBtiOptions.Contiguous);
        const ZxBtiOptions known = ZxBtiOptions.PermRead | ZxBtiOptions.PermWrite | ZxBtiOptions.PermExecute | ZxBtiOptions.Compress | ZxBtiOptions.Contiguous;
        if ((options & ~known) != 0 || (compress && contiguous) || (contiguous && !vmo.Object.Vmo.IsContiguous))
            return ZxStatus.InvalidArgs;
        if (size == 0)
            return ZxStatus.InvalidArgs;
        // The address array is sized from addrs_count before pinning (as in 2018), and from the page count.
        const ulong limit = int.MaxValue / sizeof(ulong);
        ulong pages = size / ZxConstants.PageSize;
        if (pages > limit || addressCount > limit || Kernel.Faults.ShouldFail())
            return ZxStatus.NoMemory;
        var runs = new List<PhysicalRun>();
        ZxStatus status = vmo.Object.Vmo.Pin(offset, size, runs);
        if (status != ZxStatus.Ok)
            return status;
        var token = new PinnedMemoryTokenDispatcher(Kernel, device.Object, vmo.Object.Vmo, offset, size, runs);
        var encoded = new ulong[contiguous ? 1 : pages];
        status = token.EncodeAddresses(compress, contiguous, encoded, addressCount);
        // COMPRESS may be given more slots than it needs; only the used ones are written.
        if (status == ZxStatus.Ok && !UserCopy.TryCopyOut(addresses, new ReadOnlySpan<ulong>(encoded, 0, (int)Math.Min(addressCount, (ulong)encoded.Length))))
            status = ZxStatus.InvalidArgs;
        if (status != ZxStatus.Ok)
        {
            token.Unpin();
            token.Release();
            return status;
        }
        // The PMT is unpinned before its handle goes again, so a PMT the caller never learned of is not quarantined.
        status = Process.InstallHandle(token, ZxDefaultRights.Pmt, out ZxHandle pmtHandle);
        if (status == ZxStatus.Ok && !UserCopy.TryWrite(pmt, pmtHandle))
            status = ZxStatus.InvalidArgs;
        if (status != ZxStatus.Ok)
        {
            token.Unpin();
            _ = HandleClose(pmtHandle);
        }
        token.Release();
        return status;
    }

    /// <summary><c>zx_bti_release_quarantine</c>: unpins what closed PMT handles left pinned.</summary>
    /// <remarks>Rights: WRITE. Errors: BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE.</remarks>
    public ZxStatus BtiReleaseQuarantine(ZxHandle bti)
    {
        using Lookup<BusTransactionInitiatorDispatcher> device = Process.GetDispatcherWithRights<BusTransactionInitiatorDispatcher>(bti, ZxRights.Write);
        if (device.Failed)
            return device.Status;
        device.Object.ReleaseQuarantine();
        return ZxStatus.Ok;
    }

    /// <summary><c>zx_pmt_unpin</c>: unpins and consumes the handle (even when it is not a PMT).</summary>
    /// <remarks>Errors: BAD_HANDLE, WRONG_TYPE (the handle is closed anyway).</remarks>
    public ZxStatus PmtUnpin(ZxHandle pmt)
    {
        if (!Process.Handles.TryRemove(pmt, out HandleTable.Detached handle))
            return ZxStatus.BadHandle;
        using (handle)
        {
            if (handle.Object is not PinnedMemoryTokenDispatcher token)
                return ZxStatus.WrongType;
            token.Unpin();
            return ZxStatus.Ok;
        }
    }

    /// <summary><c>zx_vmo_create_contiguous</c>: a paged VMO of physically contiguous RAM, pinned for life.</summary>
    /// <remarks>Errors, in order: INVALID_ARGS (size 0; alignment below a page or 64 or more, 0 meaning a page),
    /// BAD_HANDLE/ACCESS_DENIED (MAP)/WRONG_TYPE for the BTI, OUT_OF_RANGE (size too large), NO_MEMORY (no such
    /// run of RAM), INVALID_ARGS (bad out). Rights: 0xD0FF.</remarks>
    public ZxStatus VmoCreateContiguous(ZxHandle bti, ulong size, uint alignmentLog2, ZxHandle* @out)
    {
        if (size == 0)
            return ZxStatus.InvalidArgs;
        if (alignmentLog2 == 0)
            alignmentLog2 = ZxConstants.PageShift;
        if (alignmentLog2 < ZxConstants.PageShift || alignmentLog2 >= 64)
            return ZxStatus.InvalidArgs;
        using Lookup<BusTransactionInitiatorDispatcher> device = Process.GetDispatcherWithRights<BusTransactionInitiatorDispatcher>(bti, ZxRights.Map);
        if (device.Failed)
            return device.Status;
        Result<VmObjectPaged> vmo = VmObjectPaged.CreateContiguous(Kernel.Pmm, Kernel.Memory, size, (int)alignmentLog2);
        if (vmo.Failed)
            return vmo.Status;
        return CreateVmoDispatcher(vmo.Value, @out);
    }
}
