using Zx.Kernel.Vm;

namespace Zx.Kernel.Object;

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
