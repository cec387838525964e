using Zx.Kernel.Vm;

namespace Zx.Kernel.Object;

/// <summary>An IOMMU (Zircon's <c>IommuDispatcher</c>). Only the DUMMY type exists here: device addresses are the
/// physical addresses of the board, so a device sees exactly the frames the kernel pinned.</summary>
internal sealed class IommuDispatcher(KernelContext kernel) : Dispatcher(kernel, ZxSignals.None)
{
    /// <inheritdoc/>
    public override ZxObjectType Type => ZxObjectType.Iommu;

    /// <inheritdoc/>
    public override bool HasStateTracker => false;
}

/// <summary>A bus transaction initiator: a device's view through an IOMMU (Zircon's
/// <c>BusTransactionInitiatorDispatcher</c>). It keeps the PMTs whose handles were closed without
/// <c>zx_pmt_unpin</c> in quarantine, their pages still pinned, until <c>zx_bti_release_quarantine</c> or its
/// own destruction.</summary>
internal sealed class BusTransactionInitiatorDispatcher : Dispatcher
{
    private readonly IommuDispatcher _iommu;
    private readonly List<PinnedMemoryTokenDispatcher> _quarantine = [];
    private readonly Lock _lock = new();

    public BusTransactionInitiatorDispatcher(KernelContext kernel, IommuDispatcher iommu, ulong busTransactionId) : base(kernel, ZxSignals.None)
    {
        _iommu = iommu;
        iommu.AddRef();
        BusTransactionId = busTransactionId;
    }

    /// <summary>The bus transaction id it was created with.</summary>
    public ulong BusTransactionId { get; }

    /// <summary>The dummy IOMMU's minimum contiguity: one page.</summary>
    public static ulong MinimumContiguity => ZxConstants.PageSize;

    /// <summary>The dummy IOMMU's address space: all of 2^64 (reported as UINT64_MAX).</summary>
    public static ulong AspaceSize => ulong.MaxValue;

    /// <inheritdoc/>
    public override ZxObjectType Type => ZxObjectType.Bti;

    /// <inheritdoc/>
    public override bool HasStateTracker => false;

    /// <summary>Pages pinned through this BTI that sit in quarantine.</summary>
    public int QuarantinedCount
    {
        get { lock (_lock) return _quarantine.Count; }
    }

    /// <summary>Takes a PMT whose last handle went without an unpin.</summary>
    public void Quarantine(PinnedMemoryTokenDispatcher pmt)
    {
        pmt.AddRef();
        lock (_lock)
            _quarantine.Add(pmt);
    }

    /// <summary><c>zx_bti_release_quarantine</c>: unpins everything in quarantine.</summary>
    public void ReleaseQuarantine()
    {
        PinnedMemoryTokenDispatcher[] released;
        lock (_lock)
        {
            released = [.. _quarantine];
            _quarantine.Clear();
        }
        foreach (PinnedMemoryTokenDispatcher pmt in released)
        {
            pmt.Unpin();
            pmt.Release();
        }
    }

    /// <summary>When the last handle goes, quarantined pins are released (they hold references to this BTI).</summary>
    protected override void OnZeroHandles() => ReleaseQuarantine();

    /// <inheritdoc/>
    protected override void OnDestroy()
    {
        ReleaseQuarantine();
        _iommu.Release();
    }
}

/// <summary>A pinned range of a VMO (Zircon's <c>PinnedMemoryTokenDispatcher</c>): the pages cannot be decommitted
/// or moved until it is unpinned.</summary>
internal sealed class PinnedMemoryTokenDispatcher : Dispatcher
{
    private readonly BusTransactionInitiatorDispatcher _bti;
    private int _unpinned;

    public PinnedMemoryTokenDispatcher(KernelContext kernel, BusTransactionInitiatorDispatcher bti, VmObject vmo, ulong offset,
        ulong size, IReadOnlyList<PhysicalRun> runs) : base(kernel, ZxSignals.None)
    {
        _bti = bti;
        bti.AddRef();
        Vmo = vmo;
        vmo.AddRef();
        Offset = offset;
        Size = size;
        Runs = runs;
    }

    /// <summary>The pinned object.</summary>
    public VmObject Vmo { get; }

    /// <summary>The first pinned offset.</summary>
    public ulong Offset { get; }

    /// <summary>The pinned length.</summary>
    public ulong Size { get; }

    /// <summary>The physical runs of the pinned range.</summary>
    public IReadOnlyList<PhysicalRun> Runs { get; }

    /// <inheritdoc/>
    public override ZxObjectType Type => ZxObjectType.Pmt;

    /// <inheritdoc/>
    public override bool HasStateTracker => false;

    /// <summary><c>EncodeAddrs</c>: one device address per page, or with <paramref name="compress"/> one per
    /// minimum-contiguity chunk, or with <paramref name="contiguous"/> the single base address. INVALID_ARGS when
    /// <paramref name="count"/> does not match (too few slots for COMPRESS).</summary>
    public ZxStatus EncodeAddresses(bool compress, bool contiguous, Span<ulong> addresses, ulong count)
    {
        ulong pages = Size / ZxConstants.PageSize;
        if (contiguous)
        {
            if (count != 1)
                return ZxStatus.InvalidArgs;
            addresses[0] = Runs[0].Paddr;
            return ZxStatus.Ok;
        }
        ulong chunk = BusTransactionInitiatorDispatcher.MinimumContiguity;
        ulong needed = compress ? (Size + chunk - 1) / chunk : pages;
        if (compress ? count < needed : count != pages)
            return ZxStatus.InvalidArgs;
        int i = 0;
        foreach (PhysicalRun run in Runs)
        {
            for (ulong at = 0; at < run.Length; at += ZxConstants.PageSize)
                addresses[i++] = run.Paddr + at;
        }
        return ZxStatus.Ok;
    }

    /// <summary>Unpins once; later calls do nothing.</summary>
    public void Unpin()
    {
        if (Interlocked.Exchange(ref _unpinned, 1) == 0)
            Vmo.Unpin(Offset, Size);
    }

    /// <summary>Closing the last handle without an unpin sends the PMT to its BTI's quarantine.</summary>
    protected override void OnZeroHandles()
    {
        if (Volatile.Read(ref _unpinned) == 0)
            _bti.Quarantine(this);
    }

    /// <inheritdoc/>
    protected override void OnDestroy()
    {
        Unpin();
        Vmo.Release();
        _bti.Release();
    }
}
