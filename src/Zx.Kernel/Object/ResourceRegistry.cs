using Zx.Kernel.Board;

namespace Zx.Kernel.Object;

/// <summary>What ranged resources may claim, and who holds what (Zircon's per-kind region allocators plus the
/// list of live resources used by the exclusive check).</summary>
/// <remarks>MMIO resources may claim the board's MMIO regions (adjacent regions join into one window), IRQ
/// resources its interrupt ranges, IOPORT resources its I/O port ranges. A kind with nothing declared finds
/// nothing (NOT_FOUND). An exclusive resource holds its range until it is destroyed; a shared one holds
/// nothing, but is seen by later exclusive requests while it lives.</remarks>
internal sealed class ResourceRegistry
{
    private readonly List<(ulong Base, ulong Size)>[] _windows;
    private readonly List<ResourceDispatcher>[] _live;

    public ResourceRegistry(BoardDescription board)
    {
        int kinds = (int)ZxResourceKind.Count;
        _windows = new List<(ulong, ulong)>[kinds];
        _live = new List<ResourceDispatcher>[kinds];
        for (int i = 0; i < kinds; i++)
        {
            _windows[i] = [];
            _live[i] = [];
        }
        _windows[(int)ZxResourceKind.Mmio] = Coalesce(board.Regions.Where(r => r.Kind == BoardRegionKind.Mmio).Select(r => (r.Base, r.Size)));
        _windows[(int)ZxResourceKind.Irq] = Coalesce(board.Interrupts.Select(r => (r.Base, r.Count)));
        _windows[(int)ZxResourceKind.IoPort] = Coalesce(board.IoPorts.Select(r => (r.Base, r.Count)));
    }

    /// <summary>The lock every resource creation and destruction takes (Zircon's global resource lock).</summary>
    public Lock Lock { get; } = new();

    /// <summary>The windows a kind may claim, for inspection.</summary>
    public IReadOnlyList<(ulong Base, ulong Size)> WindowsOf(ZxResourceKind kind) => _windows[(int)kind];

    /// <summary><c>RegionAllocator::GetRegion</c> for a specific range: INVALID_ARGS when the size is 0 or
    /// <c>base + size</c> wraps; NOT_FOUND unless one window holds the whole range and no exclusive resource
    /// overlaps it.</summary>
    public ZxStatus CheckRegionLocked(ZxResourceKind kind, ulong @base, ulong size)
    {
        if (size == 0 || unchecked(@base + size) < @base)
            return ZxStatus.InvalidArgs;
        bool inside = _windows[(int)kind].Any(w => Ranges.Contains(w.Base, w.Size, @base, size));
        if (!inside)
            return ZxStatus.NotFound;
        foreach (ResourceDispatcher held in _live[(int)kind])
        {
            if (held.IsExclusive && Ranges.Intersects(held.Base, held.Size, @base, size))
                return ZxStatus.NotFound;
        }
        return ZxStatus.Ok;
    }

    /// <summary>True when any live resource of <paramref name="kind"/> overlaps the range.</summary>
    public bool AnyIntersectingLocked(ZxResourceKind kind, ulong @base, ulong size) =>
        _live[(int)kind].Any(r => Ranges.Intersects(r.Base, r.Size, @base, size));

    public void AddLocked(ResourceDispatcher resource) => _live[(int)resource.Kind].Add(resource);

    public void Remove(ResourceDispatcher resource)
    {
        if ((int)resource.Kind >= _live.Length)
            return;
        lock (Lock)
            _live[(int)resource.Kind].Remove(resource);
    }

    private static List<(ulong Base, ulong Size)> Coalesce(IEnumerable<(ulong Base, ulong Size)> ranges)
    {
        var result = new List<(ulong Base, ulong Size)>();
        foreach ((ulong b, ulong s) in ranges.OrderBy(r => r.Base))
        {
            if (result.Count > 0)
            {
                (ulong pb, ulong ps) = result[^1];
                if (Ranges.TryAdd(pb, ps, out ulong end) && end == b)
                {
                    result[^1] = (pb, ps + s);
                    continue;
                }
            }
            result.Add((b, s));
        }
        return result;
    }
}
