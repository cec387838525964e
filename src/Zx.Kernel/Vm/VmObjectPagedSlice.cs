namespace Zx.Kernel.Vm;

/// <summary>A SLICE child of a paged VMO: a window onto <see cref="RootOffset"/>.. of its root's pages, shared
/// both ways (later kernels' <c>ZX_VMO_CHILD_SLICE</c>). It shares the root's lock, so one lock guards the pages,
/// the mappings and the host runs of the whole family.</summary>
// Safety: user pointers are handed to the parent, which touches them only through UserCopy.
internal sealed unsafe class VmObjectPagedSlice : VmObject
{
    private readonly VmObjectPaged _root;

    public VmObjectPagedSlice(VmObjectPaged root, ulong rootOffset, ulong size) : base(root.Lock)
    {
        _root = root;
        RootOffset = rootOffset;
        Size = size;
        CachePolicy = root.CachePolicy;
    }

    /// <summary>Where the slice starts in its root.</summary>
    public ulong RootOffset { get; }

    /// <inheritdoc/>
    public override ulong Size { get; }

    /// <inheritdoc/>
    public override bool IsPaged => true;

    /// <inheritdoc/>
    public override bool IsContiguous => _root.IsContiguous;

    /// <inheritdoc/>
    public override ulong CommittedPagesInRange(ulong offset, ulong length) =>
        offset >= Size ? 0 : _root.CommittedPagesInRange(RootOffset + offset, Math.Min(length, Size - offset));

    /// <inheritdoc/>
    public override ZxStatus Read(byte* destination, ulong offset, ulong length) =>
        Ranges.TryAdd(offset, length, out ulong end) && end <= Size ? _root.Read(destination, RootOffset + offset, length) : ReadWriteRangeError();

    /// <inheritdoc/>
    public override ZxStatus Write(byte* source, ulong offset, ulong length) =>
        Ranges.TryAdd(offset, length, out ulong end) && end <= Size ? _root.Write(source, RootOffset + offset, length) : ReadWriteRangeError();

    private ZxStatus ReadWriteRangeError() => CachePolicy != ZxCachePolicy.Cached ? ZxStatus.BadState : ZxStatus.OutOfRange;

    /// <inheritdoc/>
    public override ZxStatus GetPhysicalRunsLocked(ulong offset, ulong length, List<PhysicalRun> runs, bool readOnlyMapping)
    {
        if (offset >= Size)
            return ZxStatus.Ok;
        int first = runs.Count;
        ZxStatus status = _root.GetPhysicalRunsLocked(RootOffset + offset, Math.Min(length, Size - offset), runs, readOnlyMapping);
        for (int i = first; i < runs.Count; i++)
            runs[i] = runs[i] with { VmoOffset = runs[i].VmoOffset - RootOffset };
        return status;
    }

    /// <inheritdoc/>
    public override void MayBeWrittenLocked(ulong offset, ulong length) => _root.MayBeWrittenLocked(RootOffset + offset, length);

    /// <summary>A slice's policy is its root's: changing it is BAD_STATE (it has a parent).</summary>
    public override ZxStatus SetMappingCachePolicy(ZxCachePolicy policy) => ZxStatus.BadState;

    /// <inheritdoc/>
    public override ZxStatus CommitRange(ulong offset, ulong length) =>
        offset > Size ? ZxStatus.OutOfRange : _root.CommitRange(RootOffset + offset, Math.Min(length, Size - offset));

    /// <inheritdoc/>
    public override ZxStatus DecommitRange(ulong offset, ulong length) =>
        offset > Size ? ZxStatus.OutOfRange : _root.DecommitRange(RootOffset + offset, Math.Min(length, Size - offset));

    /// <inheritdoc/>
    public override ZxStatus CacheOp(ulong offset, ulong length) =>
        length == 0 ? ZxStatus.InvalidArgs : Ranges.InRange(offset, length, Size) ? ZxStatus.Ok : ZxStatus.OutOfRange;

    /// <inheritdoc/>
    public override ZxStatus Pin(ulong offset, ulong length, List<PhysicalRun> runs)
    {
        if (!Ranges.InRange(offset, length, Size))
            return ZxStatus.OutOfRange;
        int first = runs.Count;
        ZxStatus status = _root.Pin(RootOffset + offset, length, runs);
        for (int i = first; i < runs.Count; i++)
            runs[i] = runs[i] with { VmoOffset = runs[i].VmoOffset - RootOffset };
        return status;
    }

    /// <inheritdoc/>
    public override void Unpin(ulong offset, ulong length) => _root.Unpin(RootOffset + offset, length);

    /// <summary>A slice of a slice is a slice of the root, adopted by this one.</summary>
    public override Result<VmObject> CreateSlice(ulong offset, ulong size, bool copyName) =>
        _root.CreateSliceOf(this, RootOffset, offset, size, copyName);

    /// <summary>True when one of this slice's mappings covers <paramref name="offset"/> (root lock held).</summary>
    public bool IsMappedLocked(ulong offset)
    {
        foreach (VmMapping mapping in MappingsLocked)
        {
            if (offset >= mapping.VmoOffset && offset - mapping.VmoOffset < mapping.Size)
                return true;
        }
        return false;
    }

    /// <inheritdoc/>
    protected override void Destroy() => _root.ForgetSlice(this);
}
