using Zx.Kernel;

namespace Zx;

/// <summary>An IOMMU (lib/zx's <c>zx::iommu</c>); Zx's is the dummy IOMMU, which maps physical addresses 1:1.</summary>
public sealed class Iommu : Handle
{
    /// <summary>Takes ownership of a raw IOMMU handle.</summary>
    public Iommu(ProcessContext process, ZxHandle raw) : base(process, raw) { }

    /// <summary><c>zx_iommu_create</c> of a dummy IOMMU under the root resource.</summary>
    public static Iommu CreateDummy(Unowned<Resource> root)
    {
        ProcessContext process = root.Value.Process;
        ZxHandle raw;
        ZxStatus status;
        unsafe // a one-byte dummy descriptor and the out handle, on the stack for the call
        {
            byte desc = 0;
            status = process.Syscalls.IommuCreate(root.Raw, ZxIommuType.Dummy, &desc, 1, &raw);
        }
        return new(process, Created(status, raw, "zx_iommu_create"));
    }

    /// <summary>Borrows the handle.</summary>
    public new Unowned<Iommu> Borrow() => new(this);
}

/// <summary>A bus transaction initiator (lib/zx's <c>zx::bti</c>): pins VMO pages for a device and gives their
/// physical addresses.</summary>
public sealed class Bti : Handle
{
    /// <summary>Takes ownership of a raw BTI handle.</summary>
    public Bti(ProcessContext process, ZxHandle raw) : base(process, raw) { }

    /// <summary><c>zx_bti_create</c>.</summary>
    public static Bti Create(Unowned<Iommu> iommu, ulong btiId)
    {
        ProcessContext process = iommu.Value.Process;
        return new(process, Created(process.Syscalls.BtiCreate(iommu.Raw, 0, btiId, out ZxHandle raw), raw, "zx_bti_create"));
    }

    /// <summary><c>zx_bti_pin</c>: pins <paramref name="size"/> bytes of <paramref name="vmo"/> from
    /// <paramref name="offset"/>; the addresses of its pages (one per page, or one with <c>ZX_BTI_CONTIGUOUS</c>),
    /// and the PMT that unpins them.</summary>
    public (Pmt Pmt, ulong[] Addresses) Pin(Unowned<Vmo> vmo, ulong offset, ulong size, ZxBtiOptions options)
    {
        int count = (options & ZxBtiOptions.Contiguous) != 0 ? 1 : checked((int)((size + ZxConstants.PageSize - 1) / ZxConstants.PageSize));
        var addresses = new ulong[count];
        ZxException.ThrowIfFailed(Sys.BtiPin(Raw, options, vmo.Raw, offset, size, addresses, out ZxHandle pmt), "zx_bti_pin");
        return (new Pmt(Process, pmt), addresses);
    }

    /// <summary>Borrows the handle.</summary>
    public new Unowned<Bti> Borrow() => new(this);
}

/// <summary>A pinned memory token (lib/zx's <c>zx::pmt</c>): <see cref="Unpin"/> releases the pages; disposing it
/// without unpinning leaves them quarantined, as closing the handle does in Zircon.</summary>
public sealed class Pmt : Handle
{
    /// <summary>Takes ownership of a raw PMT handle.</summary>
    public Pmt(ProcessContext process, ZxHandle raw) : base(process, raw) { }

    /// <summary><c>zx_pmt_unpin</c>: unpins and consumes the handle.</summary>
    public void Unpin() => ZxException.ThrowIfFailed(Sys.PmtUnpin(Release()), "zx_pmt_unpin");
}
