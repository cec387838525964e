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

    private VmMapping(VmAspace aspace, VmAddressRegion parent, ulong @base, ulong size, ZxVmOptions flags,
        VmObject vmo, ulong vmoOffset, ZxVmOptions perms, ZxCachePolicy cachePolicy)
        : base(aspace, parent, @base, size, flags)
    {
        Vmo = vmo;
        VmoOffset = vmoOffset;
        Perms = perms;
        CachePolicy = cachePolicy;
    }

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
            ZxStatus status = created.MapRangeLocked(vmoOffset, size);
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

    /// <summary>Re-establishes the host mappings of an object range after the object changed size.</summary>
    public void RemapLocked(ulong vmoOffset, ulong length)
    {
        ulong start = Math.Max(vmoOffset, VmoOffset);
        ulong end = Math.Min(vmoOffset + length, VmoOffset + Size);
        if (start >= end)
            return;
        ReleaseHost(Base + (start - VmoOffset), end - start);
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
