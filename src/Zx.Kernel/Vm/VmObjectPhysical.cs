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

    /// <inheritdoc/>
    public override ZxStatus GetPhysicalRunsLocked(ulong offset, ulong length, List<PhysicalRun> runs, bool readOnlyMapping)
    {
        if (offset < Size)
            runs.Add(new PhysicalRun(offset, BaseAddress + offset, Math.Min(length, Size - offset)));
        return ZxStatus.Ok;
    }

    /// <summary>The same policy is always OK; otherwise BAD_STATE while mapped, while it has a slice, or while it
    /// is a slice (docs/decisions.md #4).</summary>
    public override ZxStatus SetMappingCachePolicy(ZxCachePolicy policy)
    {
        lock (Lock)
        {
            if (policy == CachePolicy)
                return ZxStatus.Ok;
            if (MappingsLocked.Count > 0 || ChildrenLocked.Count > 0 || Parent is not null)
                return ZxStatus.BadState;
            CachePolicy = policy;
            return ZxStatus.Ok;
        }
    }

    /// <summary>Pinning a physical VMO always works (<c>CommitRangePinned</c>): its memory cannot move.</summary>
    public override ZxStatus Pin(ulong offset, ulong length, List<PhysicalRun> runs)
    {
        if (!Ranges.InRange(offset, length, Size))
            return ZxStatus.OutOfRange;
        runs.Add(new PhysicalRun(offset, BaseAddress + offset, length));
        return ZxStatus.Ok;
    }

    /// <summary><c>CreateChildSlice</c>: INVALID_ARGS for an unaligned offset or size or a slice not wholly inside;
    /// OUT_OF_RANGE past the largest VMO size. The slice names the same physical pages, takes this VMO's cache
    /// policy, and its name when <paramref name="copyName"/>.</summary>
    public override Result<VmObject> CreateSlice(ulong offset, ulong size, bool copyName)
    {
        if (!Ranges.IsPageAligned(offset) || !Ranges.IsPageAligned(size))
            return ZxStatus.InvalidArgs;
        if (size > VmObjectPaged.MaxSize)
            return ZxStatus.OutOfRange;
        if (!Ranges.InRange(offset, size, Size))
            return ZxStatus.InvalidArgs;
        var slice = new VmObjectPhysical(BaseAddress + offset, size) { CachePolicy = CachePolicy };
        if (copyName)
            CopyNameTo(slice);
        AdoptChild(slice);
        return slice;
    }

    /// <summary><c>VmObjectPhysical::Create</c>: INVALID_ARGS when the base or size is not page-aligned, the size
    /// is 0, or <c>paddr + (size - 1)</c> passes 2^64 (so a range ending exactly at 2^64 is allowed).</summary>
    public static Result<VmObjectPhysical> Create(ulong paddr, ulong size)
    {
        if (!Ranges.IsPageAligned(paddr) || !Ranges.IsPageAligned(size) || size == 0)
            return ZxStatus.InvalidArgs;
        if (!Ranges.TryAdd(paddr, size - 1, out _))
            return ZxStatus.InvalidArgs;
        return new VmObjectPhysical(paddr, size);
    }
}
