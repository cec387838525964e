using Zx.Kernel.Board;
using Zx.Kernel.Concurrency;

namespace Zx.Kernel.Vm;

/// <summary>The physical page allocator over the board's RAM regions (Zircon's <c>PmmNode</c>). Frames keep their
/// physical address for life; a freed frame reads as zero when handed out again.</summary>
/// <remarks><para>Starting costs nothing: each RAM region hands out never-used frames from a bump pointer, and freed
/// frames wait in a free list, so no per-page bookkeeping exists for memory that was never allocated.</para>
/// <para>The host charges about 10 us for the first touch of a frame and several more for giving one back, so the
/// last <see cref="WarmFrameLimit"/> frames freed stay resident ("warm") and are handed out first: zeroed then
/// (a 4 KiB clear), or not at all for a caller that overwrites the whole frame (a copy-on-write copy). Frames past
/// the limit go back to the host at once, in runs of consecutive frames (one host call per run).</para></remarks>
internal sealed class PmmNode
{
    /// <summary>How many freed frames stay resident for reuse (4 MiB).</summary>
    public const int WarmFrameLimit = 1024;

    private SpinGate _lock; // held for a few list operations, never across a host call (docs/concurrency.md)
    private readonly PhysicalMemory _memory;
    private readonly Arena[] _arenas;
    private readonly Stack<ulong> _free = new(); // given back to the host: they read as zero
    private readonly Stack<ulong> _warm = new(); // resident, holding a freed object's bytes until handed out
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
        get { using (SpinGate.Hold(ref _lock)) return _allocatedPages; }
    }

    /// <summary>Frees frames kept resident right now (at most <see cref="WarmFrameLimit"/>).</summary>
    public int WarmFrames
    {
        get { using (SpinGate.Hold(ref _lock)) return _warm.Count; }
    }

    /// <summary>Allocates one zero-filled frame.</summary>
    public ZxStatus AllocPage(out ulong paddr)
    {
        ZxStatus status = AllocPageUnzeroed(out paddr, out bool dirty);
        if (dirty)
            Clear(paddr);
        return status;
    }

    /// <summary>Allocates one frame for a caller that writes all of it before anyone reads it (a copy): a warm
    /// frame is handed out as it is. <paramref name="warm"/>: the frame is resident (it came from the warm list), so
    /// the physmap's page table most likely maps it already and a copy through the physmap costs no host fault.</summary>
    public ZxStatus AllocPageToOverwrite(out ulong paddr, out bool warm) => AllocPageUnzeroed(out paddr, out warm);

    // Safety: the frame was just handed out, so only the caller can reach it.
    private unsafe void Clear(ulong paddr) => new Span<byte>(FrameToVirt(paddr), (int)ZxConstants.PageSize).Clear();

    private ZxStatus AllocPageUnzeroed(out ulong paddr, out bool dirty)
    {
        paddr = 0;
        dirty = false;
        if (_faults.ShouldFail())
            return ZxStatus.NoMemory;
        using (SpinGate.Hold(ref _lock))
        {
            if (!RoomForLocked(1))
                return ZxStatus.NoMemory;
            if (_warm.TryPop(out paddr))
            {
                dirty = true;
                _allocatedPages++;
                return ZxStatus.Ok;
            }
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
        using (SpinGate.Hold(ref _lock))
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

    /// <summary>Frees frames: they stay resident while the warm list has room; the rest go back to the host.</summary>
    public void Free(ReadOnlySpan<ulong> frames)
    {
        int kept;
        using (SpinGate.Hold(ref _lock))
        {
            kept = Math.Min(frames.Length, WarmFrameLimit - _warm.Count);
            foreach (ulong frame in frames[..kept])
                _warm.Push(frame);
            _allocatedPages -= (ulong)kept;
        }
        if (kept < frames.Length)
            GiveBack(frames[kept..].ToArray(), countedAsAllocated: true);
    }

    /// <summary>Gives every warm frame back to the host now, so the host memory behind freed frames is zero.</summary>
    public void ReleaseWarmFrames()
    {
        ulong[] frames;
        using (SpinGate.Hold(ref _lock))
        {
            frames = [.. _warm];
            _warm.Clear();
        }
        GiveBack(frames, countedAsAllocated: false);
    }

    /// <summary>Discards the frames' memory, one host call per run of consecutive frames, then lists them free.</summary>
    private void GiveBack(ulong[] frames, bool countedAsAllocated)
    {
        Array.Sort(frames);
        for (int start = 0; start < frames.Length;)
        {
            int end = start + 1;
            while (end < frames.Length && frames[end] == frames[end - 1] + ZxConstants.PageSize && _memory.SameBacking(frames[start], frames[end]))
                end++;
            _memory.Discard(frames[start], (ulong)(end - start) * ZxConstants.PageSize);
            start = end;
        }
        using (SpinGate.Hold(ref _lock))
        {
            foreach (ulong frame in frames)
                _free.Push(frame);
            if (countedAsAllocated)
                _allocatedPages -= (ulong)frames.Length;
        }
    }

    /// <summary>Frees a contiguous run of frames.</summary>
    public void FreeContiguous(ulong paddr, ulong pageCount)
    {
        _memory.Discard(paddr, pageCount * ZxConstants.PageSize);
        using (SpinGate.Hold(ref _lock))
        {
            for (ulong i = 0; i < pageCount; i++)
                _free.Push(paddr + i * ZxConstants.PageSize);
            _allocatedPages -= pageCount;
        }
    }
}
