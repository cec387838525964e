using Zx.Kernel.Board;

namespace Zx.Kernel.Vm;

/// <summary>The physical page allocator over the board's RAM regions (Zircon's <c>PmmNode</c>). Frames keep their
/// physical address for life; freed frames go back to the host and read as zero when handed out again.</summary>
/// <remarks>Starting costs nothing: each RAM region hands out never-used frames from a bump pointer, and freed
/// frames wait in a free list, so no per-page bookkeeping exists for memory that was never allocated.</remarks>
internal sealed class PmmNode
{
    private readonly Lock _lock = new();
    private readonly PhysicalMemory _memory;
    private readonly Arena[] _arenas;
    private readonly Stack<ulong> _free = new();
    private readonly FaultInjection _faults;
    private ulong _allocatedPages;
    private readonly ulong _capacityPages;
    private long _heapBytes;

    // Safety: the physmap pointer covers the region and lives as long as the board's PhysicalMemory.
    private sealed unsafe class Arena(BoardRegion region, byte* physmap)
    {
        public BoardRegion Region { get; } = region;
        public byte* Physmap { get; } = physmap;
        public ulong Next { get; set; } = region.Base;
        public ulong Remaining => Region.End - Next;
    }

    public PmmNode(PhysicalMemory memory, FaultInjection faults)
    {
        _memory = memory;
        _faults = faults;
        _arenas = [.. memory.Board.Regions.Where(r => r.Kind == BoardRegionKind.Ram).Select(r => CreateArena(memory, r))];
        _capacityPages = memory.Board.RamBytes / ZxConstants.PageSize;
    }

    /// <summary>Bytes of kernel memory charged to the board's RAM right now (queued channel messages): Zircon keeps
    /// them in its heap, which lives in RAM, so they and the pages VMOs hold share one budget.</summary>
    /// <remarks>The charge is one interlocked counter beside the page count, so a channel message costs no lock: a
    /// charge checks the pages allocated at that moment, and a page allocation (under the lock) checks the charge, so
    /// at the edge of a full RAM, racing threads can pass it by at most what each has in flight.</remarks>
    public ulong HeapBytes => (ulong)Interlocked.Read(ref _heapBytes);

    // Pages a number of bytes stands for, rounded up.
    private static ulong PagesFor(ulong bytes) => (bytes + ZxConstants.PageSize - 1) / ZxConstants.PageSize;

    // Pages the heap charge stands for.
    private ulong HeapPages => PagesFor((ulong)Interlocked.Read(ref _heapBytes));

    // True when pageCount more pages fit in the RAM beside the heap charge. Under _lock.
    private bool RoomForLocked(ulong pageCount) => _allocatedPages + HeapPages + pageCount <= _capacityPages;

    /// <summary>Charges <paramref name="bytes"/> of kernel memory to the RAM; false (nothing charged) when the RAM
    /// cannot hold them beside the pages allocated.</summary>
    public bool TryChargeHeap(ulong bytes)
    {
        long after = Interlocked.Add(ref _heapBytes, (long)bytes);
        if (after >= 0 && Volatile.Read(ref _allocatedPages) + PagesFor((ulong)after) <= _capacityPages)
            return true;
        Interlocked.Add(ref _heapBytes, -(long)bytes);
        return false;
    }

    /// <summary>Gives back a charge made with <see cref="TryChargeHeap"/>.</summary>
    public void UnchargeHeap(ulong bytes) => Interlocked.Add(ref _heapBytes, -(long)bytes);

    // Safety: PhysToVirt returns the board's own mapping of the region, valid while the board lives.
    private static unsafe Arena CreateArena(PhysicalMemory memory, BoardRegion region) => new(region, memory.PhysToVirt(region.Base, region.Size));

    /// <summary>The kernel's pointer to a frame this allocator handed out (a short walk over the RAM regions,
    /// usually one).</summary>
    // Safety: the frame is one this allocator handed out, inside a region the physmap covers.
    public unsafe byte* FrameToVirt(ulong paddr)
    {
        foreach (Arena arena in _arenas)
        {
            if (paddr - arena.Region.Base < arena.Region.Size)
                return arena.Physmap + (paddr - arena.Region.Base);
        }
        throw new InvalidOperationException($"0x{paddr:x} is not a RAM frame");
    }

    /// <summary>Pages handed out and not yet freed.</summary>
    public ulong AllocatedPages
    {
        get { lock (_lock) return _allocatedPages; }
    }

    /// <summary>Allocates one zero-filled frame.</summary>
    public ZxStatus AllocPage(out ulong paddr)
    {
        paddr = 0;
        if (_faults.ShouldFail())
            return ZxStatus.NoMemory;
        lock (_lock)
        {
            if (!RoomForLocked(1))
                return ZxStatus.NoMemory;
            if (_free.TryPop(out paddr))
            {
                _allocatedPages++;
                return ZxStatus.Ok;
            }
            foreach (Arena arena in _arenas)
            {
                if (arena.Remaining >= ZxConstants.PageSize)
                {
                    paddr = arena.Next;
                    arena.Next += ZxConstants.PageSize;
                    _allocatedPages++;
                    return ZxStatus.Ok;
                }
            }
        }
        return ZxStatus.NoMemory;
    }

    /// <summary>Allocates <paramref name="pageCount"/> physically contiguous, zero-filled frames whose first
    /// address is aligned to 2^<paramref name="alignLog2"/> bytes.</summary>
    public ZxStatus AllocContiguous(ulong pageCount, int alignLog2, out ulong paddr)
    {
        paddr = 0;
        if (pageCount == 0 || pageCount > ulong.MaxValue / ZxConstants.PageSize)
            return ZxStatus.InvalidArgs;
        if (_faults.ShouldFail())
            return ZxStatus.NoMemory;
        ulong bytes = pageCount * ZxConstants.PageSize;
        ulong align = alignLog2 < ZxConstants.PageShift ? ZxConstants.PageSize : alignLog2 >= 64 ? 0 : 1UL << alignLog2;
        if (align == 0)
            return ZxStatus.NoMemory;
        lock (_lock)
        {
            if (!RoomForLocked(pageCount))
                return ZxStatus.NoMemory;
            foreach (Arena arena in _arenas)
            {
                ulong start = (arena.Next + (align - 1)) & ~(align - 1);
                if (start < arena.Next || start - arena.Next > arena.Remaining || arena.Region.End - start < bytes)
                    continue;
                for (ulong skipped = arena.Next; skipped < start; skipped += ZxConstants.PageSize)
                    _free.Push(skipped);
                arena.Next = start + bytes;
                _allocatedPages += pageCount;
                paddr = start;
                return ZxStatus.Ok;
            }
        }
        return ZxStatus.NoMemory;
    }

    /// <summary>Frees frames, giving their memory back to the host.</summary>
    public void Free(ReadOnlySpan<ulong> frames)
    {
        foreach (ulong frame in frames)
            _memory.Discard(frame, ZxConstants.PageSize);
        lock (_lock)
        {
            foreach (ulong frame in frames)
                _free.Push(frame);
            _allocatedPages -= (ulong)frames.Length;
        }
    }

    /// <summary>Frees a contiguous run of frames.</summary>
    public void FreeContiguous(ulong paddr, ulong pageCount)
    {
        _memory.Discard(paddr, pageCount * ZxConstants.PageSize);
        lock (_lock)
        {
            for (ulong i = 0; i < pageCount; i++)
                _free.Push(paddr + i * ZxConstants.PageSize);
            _allocatedPages -= pageCount;
        }
    }
}
