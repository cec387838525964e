namespace Zx.Kernel.Vm;

/// <summary>A VMO whose pages come from the board's RAM, committed on first write and reading as zero until then
/// (Zircon's <c>VmObjectPaged</c>).</summary>
internal sealed unsafe class VmObjectPaged : VmObject
{
    /// <summary><c>VmObjectPaged::MAX_SIZE</c>: 2^64 rounded down to the page list's 128 KiB granule.</summary>
    public const ulong MaxSize = 0xFFFF_FFFF_FFFE_0000;

    /// <summary>The <c>kResizable</c> creation option.</summary>
    public const uint OptionResizable = 1u << 0;

    private readonly PmmNode _pmm;
    private readonly PhysicalMemory _memory;
    private readonly uint _options;
    private readonly Dictionary<ulong, ulong> _pages = [];
    private ulong _size;

    private VmObjectPaged(PmmNode pmm, PhysicalMemory memory, uint options, ulong size)
    {
        _pmm = pmm;
        _memory = memory;
        _options = options;
        _size = size;
        CachePolicy = ZxCachePolicy.Cached;
    }

    /// <inheritdoc/>
    public override ulong Size
    {
        get { lock (Lock) return _size; }
    }

    /// <inheritdoc/>
    public override bool IsPaged => true;

    /// <inheritdoc/>
    public override bool IsContiguous => false;

    /// <inheritdoc/>
    public override bool IsResizable => (_options & OptionResizable) != 0;

    /// <inheritdoc/>
    public override uint CreateOptions => _options;

    /// <inheritdoc/>
    public override ulong CommittedBytes
    {
        get { lock (Lock) return (ulong)_pages.Count * ZxConstants.PageSize; }
    }

    /// <summary><c>RoundSize</c>: OUT_OF_RANGE when rounding wraps or passes <see cref="MaxSize"/>.</summary>
    public static ZxStatus RoundSize(ulong size, out ulong rounded)
    {
        if (!Ranges.TryRoundUpToPage(size, out rounded) || rounded > MaxSize)
            return ZxStatus.OutOfRange;
        return ZxStatus.Ok;
    }

    /// <summary><c>VmObjectPaged::Create</c>: rounds the size up to whole pages; allocates nothing.</summary>
    public static ZxStatus Create(PmmNode pmm, PhysicalMemory memory, uint options, ulong size, out VmObjectPaged? vmo)
    {
        vmo = null;
        ZxStatus status = RoundSize(size, out ulong rounded);
        if (status != ZxStatus.Ok)
            return status;
        vmo = new VmObjectPaged(pmm, memory, options, rounded);
        return ZxStatus.Ok;
    }

    /// <inheritdoc/>
    public override ZxStatus Read(byte* destination, ulong offset, ulong length)
    {
        lock (Lock)
        {
            ZxStatus status = CheckReadWrite(offset, length);
            if (status != ZxStatus.Ok)
                return status;
            while (length > 0)
            {
                ulong inPage = offset & ZxConstants.PageMask;
                int chunk = (int)Math.Min(ZxConstants.PageSize - inPage, length);
                var target = new Span<byte>(destination, chunk);
                if (_pages.TryGetValue(offset >> ZxConstants.PageShift, out ulong paddr))
                    new ReadOnlySpan<byte>(_memory.PhysToVirt(paddr, ZxConstants.PageSize) + inPage, chunk).CopyTo(target);
                else
                    target.Clear();
                destination += chunk;
                offset += (ulong)chunk;
                length -= (ulong)chunk;
            }
            return ZxStatus.Ok;
        }
    }

    /// <inheritdoc/>
    public override ZxStatus Write(byte* source, ulong offset, ulong length)
    {
        lock (Lock)
        {
            ZxStatus status = CheckReadWrite(offset, length);
            if (status != ZxStatus.Ok)
                return status;
            while (length > 0)
            {
                ulong inPage = offset & ZxConstants.PageMask;
                int chunk = (int)Math.Min(ZxConstants.PageSize - inPage, length);
                status = GetOrCommitPageLocked(offset >> ZxConstants.PageShift, out ulong paddr);
                if (status != ZxStatus.Ok)
                    return status;
                new ReadOnlySpan<byte>(source, chunk).CopyTo(new Span<byte>(_memory.PhysToVirt(paddr, ZxConstants.PageSize) + inPage, chunk));
                source += chunk;
                offset += (ulong)chunk;
                length -= (ulong)chunk;
            }
            return ZxStatus.Ok;
        }
    }

    /// <summary><c>ResizeLocked</c>: UNAVAILABLE unless resizable, OUT_OF_RANGE when the size cannot be rounded;
    /// shrinking frees the pages past the new end.</summary>
    public override ZxStatus Resize(ulong size)
    {
        lock (Lock)
        {
            if (!IsResizable)
                return ZxStatus.Unavailable;
            ZxStatus status = RoundSize(size, out ulong rounded);
            if (status != ZxStatus.Ok)
                return status;
            if (rounded < _size)
                FreePagesLocked(rounded >> ZxConstants.PageShift);
            _size = rounded;
            return ZxStatus.Ok;
        }
    }

    /// <inheritdoc/>
    public override void Destroy()
    {
        lock (Lock)
            FreePagesLocked(0);
    }

    private ZxStatus CheckReadWrite(ulong offset, ulong length)
    {
        if (CachePolicy != ZxCachePolicy.Cached)
            return ZxStatus.BadState;
        if (!Ranges.TryAdd(offset, length, out ulong end) || end > _size)
            return ZxStatus.OutOfRange;
        return ZxStatus.Ok;
    }

    private ZxStatus GetOrCommitPageLocked(ulong pageIndex, out ulong paddr)
    {
        if (_pages.TryGetValue(pageIndex, out paddr))
            return ZxStatus.Ok;
        ZxStatus status = _pmm.AllocPage(out paddr);
        if (status != ZxStatus.Ok)
            return status;
        _pages.Add(pageIndex, paddr);
        return ZxStatus.Ok;
    }

    private void FreePagesLocked(ulong firstPageIndex)
    {
        var freed = new List<ulong>();
        foreach ((ulong index, ulong paddr) in _pages)
        {
            if (index < firstPageIndex)
                continue;
            freed.Add(paddr);
            _pages.Remove(index);
        }
        if (freed.Count > 0)
            _pmm.Free(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(freed));
    }
}
