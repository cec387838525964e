namespace Zx.Kernel.Vm;

/// <summary>A VMO over a fixed, contiguous range of physical addresses (Zircon's <c>VmObjectPhysical</c>). It owns
/// no pages: it names the board's memory at <see cref="BaseAddress"/>, whatever backs it.</summary>
internal sealed class VmObjectPhysical : VmObject
{
    private VmObjectPhysical(ulong paddr, ulong size)
    {
        BaseAddress = paddr;
        Size = size;
        CachePolicy = ZxCachePolicy.Uncached;
    }

    /// <summary>The first physical address.</summary>
    public ulong BaseAddress { get; }

    /// <inheritdoc/>
    public override ulong Size { get; }

    /// <inheritdoc/>
    public override bool IsPaged => false;

    /// <inheritdoc/>
    public override bool IsContiguous => true;

    /// <summary><c>VmObjectPhysical::Create</c>: INVALID_ARGS when the base or size is not page-aligned, the size
    /// is 0, or <c>paddr + (size - 1)</c> passes 2^64 (so a range ending exactly at 2^64 is allowed).</summary>
    public static ZxStatus Create(ulong paddr, ulong size, out VmObjectPhysical? vmo)
    {
        vmo = null;
        if (!Ranges.IsPageAligned(paddr) || !Ranges.IsPageAligned(size) || size == 0)
            return ZxStatus.InvalidArgs;
        if (!Ranges.TryAdd(paddr, size - 1, out _))
            return ZxStatus.InvalidArgs;
        vmo = new VmObjectPhysical(paddr, size);
        return ZxStatus.Ok;
    }
}
