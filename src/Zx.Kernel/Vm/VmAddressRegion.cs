namespace Zx.Kernel.Vm;

/// <summary>A region of an address space that holds sub-regions and mappings (Zircon's <c>VmAddressRegion</c>),
/// with the 2018 rules for creating, unmapping, protecting and destroying them.</summary>
internal sealed class VmAddressRegion : VmAddressRegionOrMapping
{
    private readonly AddressMap<VmAddressRegionOrMapping> _children = new();

    /// <summary>The root region of <paramref name="aspace"/>: every CAN_MAP right and CAN_MAP_SPECIFIC.</summary>
    public VmAddressRegion(VmAspace aspace, ulong @base, ulong size)
        : base(aspace, null, @base, size, ZxVmOptions.CanMapRwx | ZxVmOptions.CanMapSpecific) { }

    private VmAddressRegion(VmAddressRegion parent, ulong @base, ulong size, ZxVmOptions flags)
        : base(parent.Aspace, parent, @base, size, flags) { }

    /// <summary>The children, in address order (aspace lock held).</summary>
    public IEnumerable<VmAddressRegionOrMapping> ChildrenLocked => _children.Values;

    /// <summary><c>CreateSubVmar</c>: INVALID_ARGS for an unaligned size or flags other than SPECIFIC,
    /// CAN_MAP_SPECIFIC, COMPACT and CAN_MAP_*; then the common placement rules.</summary>
    public Result<VmAddressRegion> CreateSubVmar(ulong offset, ulong size, ZxVmOptions flags)
    {
        if (!Ranges.IsPageAligned(size))
            return ZxStatus.InvalidArgs;
        if ((flags & ~(ZxVmOptions.Specific | ZxVmOptions.CanMapSpecific | ZxVmOptions.Compact | ZxVmOptions.CanMapRwx)) != 0)
            return ZxStatus.InvalidArgs;
        lock (Aspace.Lock)
        {
            ZxStatus status = PlaceLocked(offset, size, flags, out ulong @base, out bool overwrite);
            if (status != ZxStatus.Ok)
                return status;
            if (Aspace.Faults.ShouldFail())
                return ZxStatus.NoMemory;
            var region = new VmAddressRegion(this, @base, size, flags & (ZxVmOptions.CanMapRwx | ZxVmOptions.CanMapSpecific | ZxVmOptions.Compact));
            InsertChildLocked(region);
            return region;
        }
    }

    /// <summary><c>CreateVmMapping</c>: INVALID_ARGS for flags other than SPECIFIC, SPECIFIC_OVERWRITE and CAN_MAP_*;
    /// the length is rounded up to pages (wrapping to 0 is refused later); INVALID_ARGS for an unaligned VMO
    /// offset or one whose end wraps; then the common placement rules.</summary>
    public Result<VmMapping> CreateVmMapping(ulong offset, ulong size, ZxVmOptions flags, VmObject vmo, ulong vmoOffset,
        ZxVmOptions perms)
    {
        if ((flags & ~(ZxVmOptions.Specific | ZxVmOptions.SpecificOverwrite | ZxVmOptions.CanMapRwx)) != 0)
            return ZxStatus.InvalidArgs;
        size = unchecked((size + ZxConstants.PageMask) & ~ZxConstants.PageMask);
        if (!Ranges.IsPageAligned(vmoOffset) || !Ranges.TryAdd(vmoOffset, size, out _))
            return ZxStatus.InvalidArgs;
        if (perms.HasFlag(ZxVmOptions.PermRead))
            flags |= ZxVmOptions.CanMapRead;
        if (perms.HasFlag(ZxVmOptions.PermWrite))
            flags |= ZxVmOptions.CanMapWrite;
        if (perms.HasFlag(ZxVmOptions.PermExecute))
            flags |= ZxVmOptions.CanMapExecute;
        lock (Aspace.Lock)
        {
            ZxStatus status = PlaceLocked(offset, size, flags, out ulong @base, out bool overwrite);
            if (status != ZxStatus.Ok)
                return status;
            if (Aspace.Faults.ShouldFail())
                return ZxStatus.NoMemory;
            if (overwrite)
            {
                status = UnmapInternalLocked(@base, size, canDestroyRegions: false);
                if (status != ZxStatus.Ok)
                    return status;
            }
            Result<VmMapping> mapping = VmMapping.Create(this, @base, size, flags & ZxVmOptions.CanMapRwx, vmo, vmoOffset, perms);
            if (!mapping.Failed)
                InsertChildLocked(mapping.Value);
            return mapping;
        }
    }

    /// <summary>The placement rules of <c>CreateSubVmarInternal</c>, in order: BAD_STATE when destroyed,
    /// INVALID_ARGS for size 0, ACCESS_DENIED for a CAN_MAP right this region lacks, INVALID_ARGS for an offset
    /// without SPECIFIC, ACCESS_DENIED for SPECIFIC without CAN_MAP_SPECIFIC, INVALID_ARGS when the range is not
    /// inside the region or not page-aligned, NO_MEMORY when the specific range is taken (unless
    /// SPECIFIC_OVERWRITE) or no spot is free.</summary>
    private ZxStatus PlaceLocked(ulong offset, ulong size, ZxVmOptions flags, out ulong @base, out bool overwrite)
    {
        @base = 0;
        overwrite = false;
        if (!IsAlive)
            return ZxStatus.BadState;
        if (size == 0)
            return ZxStatus.InvalidArgs;
        if ((flags & ~Flags & ZxVmOptions.CanMapRwx) != 0)
            return ZxStatus.AccessDenied;
        bool specificOverwrite = flags.HasFlag(ZxVmOptions.SpecificOverwrite);
        bool specific = flags.HasFlag(ZxVmOptions.Specific) || specificOverwrite;
        if (!specific && offset != 0)
            return ZxStatus.InvalidArgs;
        if (specific && !Flags.HasFlag(ZxVmOptions.CanMapSpecific))
            return ZxStatus.AccessDenied;
        if (offset >= Size || size > Size - offset)
            return ZxStatus.InvalidArgs;
        if (specific)
        {
            @base = Base + offset;
            if (!Ranges.IsPageAligned(@base))
                return ZxStatus.InvalidArgs;
            if (!IsRangeAvailableLocked(@base, size))
            {
                if (!specificOverwrite)
                    return ZxStatus.NoMemory;
                overwrite = true;
            }
            return ZxStatus.Ok;
        }
        return AllocSpotLocked(size, out @base);
    }

    /// <summary>Picks a free, page-aligned spot: uniformly at random among all that fit, as Zircon's ASLR
    /// allocator does, or the lowest one in a COMPACT region.</summary>
    /// <remarks>A random page-aligned address in the region is tried first, up to <see cref="RandomTries"/> times:
    /// each try that lands on a free spot is uniform among the free spots (every candidate address is equally
    /// likely, and occupied ones are redrawn), and costs one look-up instead of a walk over every child. A crowded
    /// region falls back to counting the spots gap by gap.</remarks>
    private ZxStatus AllocSpotLocked(ulong size, out ulong spot)
    {
        spot = 0;
        if (!Flags.HasFlag(ZxVmOptions.Compact) && size <= Size)
        {
            ulong positions = ((Size - size) >> ZxConstants.PageShift) + 1;
            for (int attempt = 0; attempt < RandomTries; attempt++)
            {
                ulong candidate = Base + ((ulong)Aspace.Random.NextInt64(0, (long)Math.Min(positions, long.MaxValue)) << ZxConstants.PageShift);
                if (IsRangeAvailableLocked(candidate, size))
                {
                    spot = candidate;
                    return ZxStatus.Ok;
                }
            }
        }
        ulong candidates = CountOrPickSpots(size, ulong.MaxValue, out _);
        if (candidates == 0)
            return ZxStatus.NoMemory;
        ulong index = Flags.HasFlag(ZxVmOptions.Compact) ? 0 : (ulong)Aspace.Random.NextInt64(0, (long)Math.Min(candidates, long.MaxValue));
        CountOrPickSpots(size, index, out spot);
        return ZxStatus.Ok;
    }

    /// <summary>How many random addresses <see cref="AllocSpotLocked"/> tries before it walks the gaps.</summary>
    private const int RandomTries = 16;

    /// <summary>Walks the gaps between children: counts the page-aligned spots where <paramref name="size"/> bytes
    /// fit, and returns in <paramref name="spot"/> the one numbered <paramref name="pick"/> (if that many exist).</summary>
    private ulong CountOrPickSpots(ulong size, ulong pick, out ulong spot)
    {
        spot = 0;
        ulong count = 0;
        ulong previousEnd = Base;
        foreach (VmAddressRegionOrMapping? child in _children.Values.Append(null))
        {
            ulong gapEnd = child?.Base ?? Base + Size;
            if (gapEnd > previousEnd && gapEnd - previousEnd >= size)
            {
                ulong spots = ((gapEnd - previousEnd - size) >> ZxConstants.PageShift) + 1;
                if (pick >= count && pick - count < spots)
                    spot = previousEnd + ((pick - count) << ZxConstants.PageShift);
                count += spots;
            }
            if (child is not null)
                previousEnd = child.Base + child.Size;
        }
        return count;
    }

    private bool IsRangeAvailableLocked(ulong @base, ulong size) => !TouchedLocked(@base, size, null);

    /// <summary>Whether any child overlaps the range; with <paramref name="touched"/>, adds every one that does to it,
    /// in address order. Only the child at or below the base can reach into the range from the left, and the walk
    /// stops at the first child that starts past its end (a loop, not an iterator: map and unmap allocate nothing
    /// for it).</summary>
    private bool TouchedLocked(ulong @base, ulong size, List<VmAddressRegionOrMapping>? touched)
    {
        bool any = false;
        foreach (VmAddressRegionOrMapping child in _children.From(@base))
        {
            if (child.Base >= @base && child.Base - @base >= size)
                break;
            if (!Ranges.Intersects(child.Base, child.Size, @base, size))
                continue;
            any = true;
            if (touched is null)
                break;
            touched.Add(child);
        }
        return any;
    }

    /// <summary><c>Unmap</c>: the size is rounded up; INVALID_ARGS for size 0 or an unaligned base; BAD_STATE when
    /// destroyed; then <see cref="UnmapInternalLocked"/>.</summary>
    public ZxStatus Unmap(ulong @base, ulong size)
    {
        size = unchecked((size + ZxConstants.PageMask) & ~ZxConstants.PageMask);
        if (size == 0 || !Ranges.IsPageAligned(@base))
            return ZxStatus.InvalidArgs;
        lock (Aspace.Lock)
        {
            if (!IsAlive)
                return ZxStatus.BadState;
            return UnmapInternalLocked(@base, size, canDestroyRegions: true);
        }
    }

    /// <summary><c>UnmapInternalLocked</c>: INVALID_ARGS outside this region, or when the range partly covers a
    /// sub-region (or covers one at all when regions may not be destroyed); mappings are unmapped in part or
    /// whole; whole sub-regions are destroyed. An empty range of the region is OK.</summary>
    public ZxStatus UnmapInternalLocked(ulong @base, ulong size, bool canDestroyRegions)
    {
        if (!IsInRange(@base, size))
            return ZxStatus.InvalidArgs;
        ulong end = @base + size;
        List<VmAddressRegionOrMapping> touched = CollectTouchedLocked(@base, size);
        foreach (VmAddressRegionOrMapping child in touched)
        {
            if (child is VmAddressRegion && (!canDestroyRegions || child.Base < @base || child.Base + child.Size > end))
                return ZxStatus.InvalidArgs;
        }
        foreach (VmAddressRegionOrMapping child in touched)
        {
            if (child is VmMapping mapping)
            {
                ulong start = Math.Max(child.Base, @base), stop = Math.Min(child.Base + child.Size, end);
                ZxStatus status = mapping.UnmapLocked(start, stop - start);
                if (status != ZxStatus.Ok)
                    return status;
            }
            else
            {
                child.DestroyLocked();
            }
        }
        return ZxStatus.Ok;
    }

    /// <summary>The children that overlap the range, in address order, in the aspace's scratch list (valid until
    /// the next call under the same lock).</summary>
    private List<VmAddressRegionOrMapping> CollectTouchedLocked(ulong @base, ulong size)
    {
        List<VmAddressRegionOrMapping> touched = Aspace.ScratchNodes;
        touched.Clear();
        TouchedLocked(@base, size, touched);
        return touched;
    }

    /// <summary><c>Protect</c>: the size is rounded up; INVALID_ARGS for size 0 or an unaligned base; BAD_STATE when
    /// destroyed; INVALID_ARGS outside the region; NOT_FOUND when any part of the range is not mapped;
    /// INVALID_ARGS when it covers a sub-region; ACCESS_DENIED when a mapping cannot take the permissions.</summary>
    public ZxStatus Protect(ulong @base, ulong size, ZxVmOptions perms)
    {
        size = unchecked((size + ZxConstants.PageMask) & ~ZxConstants.PageMask);
        if (size == 0 || !Ranges.IsPageAligned(@base))
            return ZxStatus.InvalidArgs;
        lock (Aspace.Lock)
        {
            if (!IsAlive)
                return ZxStatus.BadState;
            if (!IsInRange(@base, size))
                return ZxStatus.InvalidArgs;
            ulong end = @base + size;
            List<VmAddressRegionOrMapping> touched = CollectTouchedLocked(@base, size);
            if (touched.Count == 0 || touched[0].Base > @base)
                return ZxStatus.NotFound;
            ulong covered = touched[0].Base;
            foreach (VmAddressRegionOrMapping child in touched)
            {
                if (child is not VmMapping)
                    return ZxStatus.InvalidArgs;
                if (child.Base != covered)
                    return ZxStatus.NotFound;
                if (!child.IsValidMappingFlags(perms))
                    return ZxStatus.AccessDenied;
                covered = child.Base + child.Size;
            }
            if (covered < end)
                return ZxStatus.NotFound;
            foreach (VmAddressRegionOrMapping child in touched)
            {
                var mapping = (VmMapping)child;
                ulong start = Math.Max(mapping.Base, @base), stop = Math.Min(mapping.Base + mapping.Size, end);
                ZxStatus status = mapping.ProtectLocked(start, stop - start, perms);
                if (status != ZxStatus.Ok)
                    return status;
            }
            return ZxStatus.Ok;
        }
    }

    /// <summary><c>Destroy</c>: unmaps and destroys everything inside, then the region itself. BAD_STATE when it
    /// is already destroyed.</summary>
    public ZxStatus Destroy()
    {
        lock (Aspace.Lock)
        {
            if (!IsAlive)
                return ZxStatus.BadState;
            DestroyLocked();
            return ZxStatus.Ok;
        }
    }

    /// <inheritdoc/>
    public override void DestroyLocked()
    {
        if (!IsAlive)
            return;
        foreach (VmAddressRegionOrMapping child in _children.Values.ToList())
            child.DestroyLocked();
        IsAlive = false;
        Parent?.RemoveChildLocked(this);
        Parent = null;
    }

    /// <summary>The mapping that holds <paramref name="address"/>, searching down through sub-regions.</summary>
    public VmMapping? FindMappingLocked(ulong address)
    {
        VmAddressRegionOrMapping? child = _children.AtOrBelow(address);
        if (child is null || !child.IsInRange(address, 1))
            return null;
        return child as VmMapping ?? ((VmAddressRegion)child).FindMappingLocked(address);
    }

    internal void InsertChildLocked(VmAddressRegionOrMapping child) => _children.Add(child.Base, child);

    internal void RemoveChildLocked(VmAddressRegionOrMapping child) => _children.Remove(child.Base, child);
}
