using Zx.Kernel.Host;

namespace Zx.Kernel.Vm;

/// <summary>A window of an address space onto a VMO (Zircon's <c>VmMapping</c>), made of real host mappings of
/// the board's backing memory: one host mapping per physically contiguous, backed run, so a mapped VMO is plain
/// loads and stores, and every alias of a physical page shows the same bytes.</summary>
/// <remarks>Tree fields are guarded by the aspace lock; the VMO offset and the host runs by the VMO's lock
/// (lock order: aspace, then VMO). Addresses past the end of the VMO, or whose physical pages no board region
/// backs, stay inaccessible, so touching them faults like a bus error.</remarks>
// Safety: the mapping's host addresses lie inside its aspace's reservation, which outlives the mapping.
internal sealed unsafe class VmMapping : VmAddressRegionOrMapping
{
    /// <summary>The host mappings, in address order; replaced, never changed in place (usually one run, so a
    /// mapping costs one small array).</summary>
    private (ulong Address, ulong Length)[] _runs = [];

    /// <summary>On a demand-paged mapping: what each faulted-in VMO page (by index) is mapped to: a frame's address, with
    /// bit 0 set while it is a read-only stand-in for a page the VMO does not own yet (a copy-on-write clone's
    /// ancestor's frame), or <see cref="VmObjectPaged.ZeroPage"/>. A commit of a stand-in's page takes the stand-in
    /// away, so the next touch maps the real one. Under the VMO's lock.</summary>
    private Dictionary<ulong, ulong>? _hostPages;

    private VmMapping(VmAspace aspace, VmAddressRegion parent, ulong @base, ulong size, ZxVmOptions flags,
        VmObject vmo, ulong vmoOffset, ZxVmOptions perms, ZxCachePolicy cachePolicy)
        : base(aspace, parent, @base, size, flags)
    {
        Vmo = vmo;
        VmoOffset = vmoOffset;
        Perms = perms;
        CachePolicy = cachePolicy;
        IsDemandPaged = aspace.DemandPaging && vmo is VmObjectPaged { IsContiguous: false };
    }

    /// <summary>True when the mapping's pages are mapped on first touch (a paged, non-contiguous VMO in a kernel with
    /// <see cref="KernelOptions.DemandPaging"/>); otherwise every page is mapped when the mapping is made.</summary>
    public bool IsDemandPaged { get; }

    /// <summary>The mapped object.</summary>
    public VmObject Vmo { get; }

    /// <summary>The object offset mapped at <see cref="VmAddressRegionOrMapping.Base"/>.</summary>
    public ulong VmoOffset { get; private set; }

    /// <summary>PERM_READ, PERM_WRITE, PERM_EXECUTE.</summary>
    public ZxVmOptions Perms { get; private set; }

    /// <summary>The VMO's cache policy when the mapping was made.</summary>
    public ZxCachePolicy CachePolicy { get; }

    /// <summary>Creates the mapping and its host mappings; NO_MEMORY (and nothing left) when the host refuses.</summary>
    public static Result<VmMapping> Create(VmAddressRegion parent, ulong @base, ulong size, ZxVmOptions flags, VmObject vmo,
        ulong vmoOffset, ZxVmOptions perms)
    {
        lock (vmo.Lock)
        {
            var created = new VmMapping(parent.Aspace, parent, @base, size, flags, vmo, vmoOffset, perms, vmo.CachePolicy);
            ZxStatus status = created.IsDemandPaged ? ZxStatus.Ok : created.MapRangeLocked(vmoOffset, size);
            if (status != ZxStatus.Ok)
            {
                created.ReleaseHost(@base, size);
                return status;
            }
            vmo.AddMappingLocked(created);
            return created;
        }
    }

    private static int HostProtection(ZxVmOptions perms) =>
        (perms.HasFlag(ZxVmOptions.PermRead) ? LinuxMemory.ProtRead : 0)
        | (perms.HasFlag(ZxVmOptions.PermWrite) ? LinuxMemory.ProtWrite : 0)
        | (perms.HasFlag(ZxVmOptions.PermExecute) ? LinuxMemory.ProtExec : 0);

    [ThreadStatic]
    private static List<PhysicalRun>? t_scratchRuns;

    /// <summary>Maps the object range <c>[vmoOffset, vmoOffset+length)</c> (clipped to this mapping) onto the
    /// host, committing a paged object's pages.</summary>
    private ZxStatus MapRangeLocked(ulong vmoOffset, ulong length)
    {
        ulong start = Math.Max(vmoOffset, VmoOffset);
        ulong end = Math.Min(vmoOffset + length, VmoOffset + Size);
        if (start >= end)
            return ZxStatus.Ok;
        // A list of the calling thread's own: callers hold either the aspace lock (map, protect) or only the VMO's
        // lock (a resize remapping every mapping of the VMO), so no lock both kinds of caller hold could guard a
        // shared one.
        List<PhysicalRun> physical = t_scratchRuns ??= [];
        physical.Clear();
        ZxStatus status = Vmo.GetPhysicalRunsLocked(start, end - start, physical, readOnlyMapping: !Perms.HasFlag(ZxVmOptions.PermWrite));
        if (status != ZxStatus.Ok)
            return status;
        int prot = HostProtection(Perms);
        IReadOnlyList<PhysicalMemory.Backing> backings = Aspace.Memory.Backings;
        foreach (PhysicalRun run in physical)
        {
            ulong runAddress = Base + (run.VmoOffset - VmoOffset);
            ulong runLast = run.Paddr + (run.Length - 1);
            for (int i = 0; i < backings.Count; i++)
            {
                PhysicalMemory.Backing backing = backings[i];
                ulong regionLast = backing.Region.Base + (backing.Region.Size - 1);
                if (regionLast < run.Paddr || backing.Region.Base > runLast)
                    continue;
                if (Aspace.DemandPaging && Aspace.Memory.IsTrapped(backing.Region))
                    continue; // a device's registers stay unmapped: each access traps to its model
                ulong pieceStart = Math.Max(run.Paddr, backing.Region.Base);
                ulong pieceLength = Math.Min(runLast, regionLast) - pieceStart + 1;
                ulong address = runAddress + (pieceStart - run.Paddr);
                if (!HostMapBudget.TryTake())
                    return ZxStatus.NoMemory; // Zx's share of the host's mapping limit is spent
                if (!LinuxMemory.MapFixedShared((byte*)address, pieceLength, prot, backing.Fd, pieceStart - backing.Region.Base))
                {
                    HostMapBudget.Adjust(-1);
                    return ZxStatus.NoMemory;
                }
                _runs = [.. _runs, (address, pieceLength)];
            }
        }
        if (_runs.Length > 1)
            Array.Sort(_runs, static (a, b) => a.Address.CompareTo(b.Address));
        return ZxStatus.Ok;
    }

    /// <summary><c>VmMapping::PageFault</c> (under the aspace lock): ACCESS_DENIED when the mapping does not allow
    /// the access, OUT_OF_RANGE past the end of the VMO; otherwise the VMO finds or commits the page and it is mapped
    /// at <paramref name="address"/>'s page, read-only while it is a stand-in (the zero page, or a page a
    /// copy-on-write clone still shares with an ancestor), so that the first write faults again and commits it.</summary>
    public ZxStatus PageFaultLocked(ulong address, PageFaultFlags access)
    {
        bool write = access.HasFlag(PageFaultFlags.Write);
        if ((write && !Perms.HasFlag(ZxVmOptions.PermWrite)) || (access.HasFlag(PageFaultFlags.Execute) && !Perms.HasFlag(ZxVmOptions.PermExecute))
            || (!write && !access.HasFlag(PageFaultFlags.Execute) && !Perms.HasFlag(ZxVmOptions.PermRead)))
            return ZxStatus.AccessDenied;
        if (!IsDemandPaged)
            return ZxStatus.OutOfRange; // a populated mapping faults only where no page can be mapped: past the VMO's end
        lock (Vmo.Lock)
            return FaultInPageLocked(address & ~ZxConstants.PageMask, write);
    }

    /// <summary>Maps one page of a demand-paged mapping (the aspace's and the VMO's locks are held).</summary>
    private ZxStatus FaultInPageLocked(ulong pageAddress, bool write)
    {
        ulong pageIndex = (VmoOffset + (pageAddress - Base)) >> ZxConstants.PageShift;
        var paged = (VmObjectPaged)Vmo;
        ZxStatus status = paged.GetPageForFaultLocked(pageIndex, write, out ulong paddr, out bool owned);
        if (status != ZxStatus.Ok)
            return status;
        int prot = HostProtection(Perms) & (owned ? ~0 : ~LinuxMemory.ProtWrite);
        ulong value = paddr == VmObjectPaged.ZeroPage ? paddr : paddr | (owned ? 0UL : 1UL);
        long delta = RunDeltaLocked(pageIndex, value);
        if (delta > 0 && !HostMapBudget.TryTake())
            return ZxStatus.NoMemory; // Zx's share of the host's mapping limit is spent: the thread sees a fatal page fault
        // The zero page is private anonymous memory mapped read-only (the host's own zero page; neighbouring ones make
        // one host mapping); a frame is its region's file, shared, so every alias shows the same bytes.
        bool mapped = paddr == VmObjectPaged.ZeroPage
            ? LinuxMemory.MapZeroFixed((byte*)pageAddress, ZxConstants.PageSize, prot)
            : Aspace.Memory.FindBacking(paddr, ZxConstants.PageSize) is PhysicalMemory.Backing backing
              && LinuxMemory.MapFixedSharedPopulated((byte*)pageAddress, ZxConstants.PageSize, prot, backing.Fd, paddr - backing.Region.Base);
        if (!mapped)
        {
            if (delta > 0)
                HostMapBudget.Adjust(-1);
            return ZxStatus.NoMemory; // the host's limit of mappings: the thread sees a fatal page fault
        }
        if (delta < 0)
            HostMapBudget.Adjust(delta);
        (_hostPages ??= [])[pageIndex] = value;
        return ZxStatus.Ok;
    }

    // Whether the host merges two neighbouring pages into one mapping: zero pages with zero pages, frames whose
    // addresses follow each other with the same writability.
    private static bool Continues(ulong before, ulong after) =>
        before == VmObjectPaged.ZeroPage ? after == VmObjectPaged.ZeroPage
        : after != VmObjectPaged.ZeroPage && (before & 1) == (after & 1) && (before & ~1UL) + ZxConstants.PageSize == (after & ~1UL);

    // True when page `index` starts a host mapping (it is mapped and its predecessor does not continue into it).
    private static bool StartsRun(ulong index, Dictionary<ulong, ulong> pages) =>
        pages.TryGetValue(index, out ulong value)
        && !(index > 0 && pages.TryGetValue(index - 1, out ulong before) && Continues(before, value));

    /// <summary>How many host mappings (an estimate the budget counts) mapping <paramref name="value"/> at page
    /// <paramref name="index"/> adds (1), keeps (0) or saves (-1), or, with ulong.MaxValue - 1, unmapping it.</summary>
    private long RunDeltaLocked(ulong index, ulong value)
    {
        Dictionary<ulong, ulong> pages = _hostPages ??= [];
        long before = (StartsRun(index, pages) ? 1 : 0) + (StartsRun(index + 1, pages) ? 1 : 0);
        bool had = pages.TryGetValue(index, out ulong old);
        if (value == Unmapped)
            pages.Remove(index);
        else
            pages[index] = value;
        long after = (StartsRun(index, pages) ? 1 : 0) + (StartsRun(index + 1, pages) ? 1 : 0);
        if (had)
            pages[index] = old;
        else
            pages.Remove(index);
        return after - before;
    }

    private const ulong Unmapped = ulong.MaxValue - 1;

    /// <summary>Forgets the faulted-in pages of VMO pages <c>[first, end)</c> (their host memory was given back to the
    /// reservation), giving their host mappings back to the budget.</summary>
    private void ForgetHostPagesLocked(ulong first, ulong end)
    {
        if (_hostPages is not { Count: > 0 } pages || first >= end)
            return;
        IEnumerable<ulong> inRange = end - first <= (ulong)pages.Count
            ? Enumerable.Range(0, (int)(end - first)).Select(i => first + (ulong)i).Where(pages.ContainsKey)
            : pages.Keys.Where(index => index >= first && index < end);
        foreach (ulong index in inRange.ToList())
        {
            HostMapBudget.Adjust(RunDeltaLocked(index, Unmapped));
            pages.Remove(index);
        }
    }

    /// <summary><c>ZX_VM_MAP_RANGE</c> on a demand-paged mapping: faults every page in now, as a write where the
    /// mapping may write (which commits it) and as a read elsewhere (the zero page, committing nothing), as Zircon's
    /// <c>MapRange</c> does. On failure the pages stay committed and the mapping is removed by the caller.</summary>
    public ZxStatus PopulateLocked()
    {
        if (!IsDemandPaged)
            return ZxStatus.Ok;
        lock (Vmo.Lock)
        {
            ulong mappedEnd = Math.Min(Size, Vmo.Size > VmoOffset ? Vmo.Size - VmoOffset : 0);
            for (ulong at = 0; at < mappedEnd; at += ZxConstants.PageSize)
            {
                ZxStatus status = FaultInPageLocked(Base + at, Perms.HasFlag(ZxVmOptions.PermWrite));
                if (status != ZxStatus.Ok)
                    return status;
            }
            return ZxStatus.Ok;
        }
    }

    /// <summary><c>RangeChangeUpdate</c> for VMO pages <c>[firstPage, endPage)</c> (the VMO's lock is held): a
    /// demand-paged mapping forgets the host pages there so the next touch faults them in again; with
    /// <paramref name="standInsOnly"/>, only those mapped as stand-ins (a page of the VMO was just committed).</summary>
    public void InvalidateLocked(ulong firstPage, ulong endPage, bool standInsOnly)
    {
        if (!IsDemandPaged || _hostPages is not { Count: > 0 } pages)
            return;
        ulong mappingFirst = VmoOffset >> ZxConstants.PageShift, mappingEnd = (VmoOffset + Size) >> ZxConstants.PageShift;
        ulong first = Math.Max(firstPage, mappingFirst), end = Math.Min(endPage, mappingEnd);
        if (first >= end)
            return;
        if (!standInsOnly)
        {
            ReleaseHost(Base + ((first - mappingFirst) << ZxConstants.PageShift), (end - first) << ZxConstants.PageShift);
            return;
        }
        if (end - first == 1)
        {
            if (pages.TryGetValue(first, out ulong value) && IsStandIn(value))
                ReleaseHost(Base + ((first - mappingFirst) << ZxConstants.PageShift), ZxConstants.PageSize);
            return;
        }
        foreach (ulong index in pages.Where(p => p.Key >= first && p.Key < end && IsStandIn(p.Value)).Select(p => p.Key).ToList())
            ReleaseHost(Base + ((index - mappingFirst) << ZxConstants.PageShift), ZxConstants.PageSize);
    }

    private static bool IsStandIn(ulong value) => value == VmObjectPaged.ZeroPage || (value & 1) != 0;

    /// <summary>Re-establishes the host mappings of an object range after the object changed size.</summary>
    public void RemapLocked(ulong vmoOffset, ulong length)
    {
        ulong start = Math.Max(vmoOffset, VmoOffset);
        ulong end = Math.Min(vmoOffset + length, VmoOffset + Size);
        if (start >= end)
            return;
        ReleaseHost(Base + (start - VmoOffset), end - start);
        if (!IsDemandPaged)
            _ = MapRangeLocked(start, end - start);
    }

    /// <summary>Unmaps <c>[address, address+length)</c>, which lies inside this mapping: the whole mapping is
    /// destroyed, an end is trimmed, or the middle goes and the tail becomes a new mapping.</summary>
    public ZxStatus UnmapLocked(ulong address, ulong length)
    {
        if (address == Base && length == Size)
        {
            DestroyLocked();
            return ZxStatus.Ok;
        }
        lock (Vmo.Lock)
        {
            if (!ReleaseHost(address, length))
                return ZxStatus.NoMemory;
            if (address == Base)
            {
                Parent!.RemoveChildLocked(this);
                VmoOffset += length;
                Base += length;
                Size -= length;
                Parent.InsertChildLocked(this);
            }
            else if (address + length == Base + Size)
            {
                Size -= length;
            }
            else
            {
                ulong tailBase = address + length;
                SplitTailLocked(tailBase, Perms);
                Size = address - Base;
            }
            return ZxStatus.Ok;
        }
    }

    /// <summary>Changes the permissions of <c>[address, address+length)</c>, splitting the mapping at the edges
    /// of the range. ACCESS_DENIED when a permission has no CAN_MAP flag.</summary>
    public ZxStatus ProtectLocked(ulong address, ulong length, ZxVmOptions perms)
    {
        if (!IsValidMappingFlags(perms))
            return ZxStatus.AccessDenied;
        lock (Vmo.Lock)
        {
            if (perms.HasFlag(ZxVmOptions.PermWrite))
                Vmo.MayBeWrittenLocked(VmoOffset + (address - Base), length);
            if (IsDemandPaged)
            {
                // The pages fault in again with the new permissions (an arch MMU update in Zircon).
                if (!ReleaseHost(address, length))
                    return ZxStatus.NoMemory;
            }
            foreach ((ulong runAddress, ulong runLength) in _runs)
            {
                ulong start = Math.Max(runAddress, address), end = Math.Min(runAddress + runLength, address + length);
                if (start < end && !LinuxMemory.Protect((byte*)start, end - start, HostProtection(perms)))
                    return ZxStatus.NoMemory;
            }
            ulong rangeEnd = address + length;
            if (rangeEnd < Base + Size)
            {
                SplitTailLocked(rangeEnd, Perms);
                Size = rangeEnd - Base;
            }
            if (address > Base)
            {
                SplitTailLocked(address, perms);
                Size = address - Base;
            }
            else
            {
                Perms = perms;
            }
            return ZxStatus.Ok;
        }
    }

    /// <summary>Moves <c>[at, end)</c> of this mapping into a new mapping with <paramref name="perms"/> (the
    /// caller shrinks this one).</summary>
    private void SplitTailLocked(ulong at, ZxVmOptions perms)
    {
        ulong end = Base + Size;
        var tail = new VmMapping(Aspace, Parent!, at, end - at, Flags, Vmo, VmoOffset + (at - Base), perms, CachePolicy);
        int before = _runs.Length;
        tail._runs = RunsOutside(_runs, 0, at); // the runs at and after `at`
        if (_hostPages is { Count: > 0 } pages)
        {
            // The faulted-in pages at and after the split go with the tail; a host mapping across the split now
            // counts for both.
            ulong splitIndex = tail.VmoOffset >> ZxConstants.PageShift;
            tail._hostPages = pages.Where(p => p.Key >= splitIndex).ToDictionary();
            foreach (ulong index in tail._hostPages.Keys)
                pages.Remove(index);
            if (splitIndex > 0 && pages.TryGetValue(splitIndex - 1, out ulong last) && tail._hostPages.TryGetValue(splitIndex, out ulong next)
                && Continues(last, next))
                HostMapBudget.Adjust(1);
        }
        _runs = RunsOutside(_runs, at, ulong.MaxValue); // the runs before it
        HostMapBudget.Adjust(tail._runs.Length + _runs.Length - before);
        Vmo.AddMappingLocked(tail);
        Parent!.InsertChildLocked(tail);
    }

    /// <summary>Unmaps everything, forgets the VMO and leaves the tree.</summary>
    public override void DestroyLocked()
    {
        if (!IsAlive)
            return;
        lock (Vmo.Lock)
        {
            ReleaseHost(Base, Size);
            Vmo.RemoveMappingLocked(this);
        }
        IsAlive = false;
        Parent?.RemoveChildLocked(this);
        Parent = null;
        Vmo.Release();
    }

    /// <summary>Maps inaccessible memory over a window and forgets the host runs inside it.</summary>
    private bool ReleaseHost(ulong address, ulong length)
    {
        if (!LinuxMemory.ReleaseToReservation((byte*)address, length))
            return false;
        if (_hostPages is { Count: > 0 })
        {
            ulong first = (VmoOffset + (address - Base)) >> ZxConstants.PageShift;
            ForgetHostPagesLocked(first, first + ((length + ZxConstants.PageMask) >> ZxConstants.PageShift));
        }
        int before = _runs.Length;
        _runs = RunsOutside(_runs, address, address + length);
        HostMapBudget.Adjust(_runs.Length - before);
        return true;
    }

    /// <summary>The parts of <paramref name="runs"/> outside <c>[from, to)</c>, in order (a run across an edge
    /// keeps the part on each side); the empty array, without allocating, when nothing is left.</summary>
    private static (ulong Address, ulong Length)[] RunsOutside((ulong Address, ulong Length)[] runs, ulong from, ulong to)
    {
        int count = 0;
        foreach ((ulong a, ulong l) in runs)
        {
            ulong runEnd = a + l;
            count += runEnd <= from || a >= to ? 1 : (a < from ? 1 : 0) + (runEnd > to ? 1 : 0);
        }
        if (count == 0)
            return [];
        var kept = new (ulong Address, ulong Length)[count];
        int next = 0;
        foreach ((ulong a, ulong l) in runs)
        {
            ulong runEnd = a + l;
            if (runEnd <= from || a >= to)
            {
                kept[next++] = (a, l);
                continue;
            }
            if (a < from)
                kept[next++] = (a, from - a);
            if (runEnd > to)
                kept[next++] = (to, runEnd - to);
        }
        return kept;
    }
}
