using Zx.Kernel.Vm;

namespace Zx.Kernel.Object;

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
