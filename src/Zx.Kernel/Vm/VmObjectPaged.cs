using System.Runtime.InteropServices;
using Zx.Kernel.Host;

namespace Zx.Kernel.Vm;

/// <summary>A VMO whose pages come from the board's RAM, committed on first write and reading as zero until then
/// (Zircon's <c>VmObjectPaged</c>). A contiguous one owns one physically contiguous run, pinned for life.</summary>
/// <remarks><para>Mapping a range commits (allocates frames for) its pages without touching them, so every mapping is
/// a real host mapping of the frames and the host still allocates memory only on first touch. A decommitted page
/// that some mapping still covers keeps its frame (its memory goes back to the host and it reads as zero), so no
/// mapping can ever reach a frame that another object was given.</para>
/// <para>A copy-on-write clone (2018's <c>CloneCOW</c>) owns only the pages it has written: any other page shows
/// its parent's page at the same place (and so on up the chain), or zero past the parent's current size, so the
/// parent's later writes are seen there and a shared page is counted once, by its owner. The first write (or
/// commit, pin or mapping) of a page gives the clone its own copy. A clone shares its parent's lock, so one lock
/// guards a whole clone family and a look-up up the chain takes no other lock.</para></remarks>
// Safety: frame pointers come from the PMM's physmap and are used under the VMO's lock while the page is committed;
// user pointers are touched only through UserCopy.
internal sealed unsafe class VmObjectPaged : VmObject
{
    /// <summary><c>VmObjectPaged::MAX_SIZE</c>: 2^64 rounded down to the page list's 128 KiB granule.</summary>
    public const ulong MaxSize = 0xFFFF_FFFF_FFFE_0000;

    /// <summary>The <c>kResizable</c> creation option.</summary>
    public const uint OptionResizable = 1u << 0;

    /// <summary>The <c>kContiguous</c> creation option.</summary>
    public const uint OptionContiguous = 1u << 1;

    /// <summary>What <see cref="GetPageForFaultLocked"/> answers for a page nobody committed, read: the zero page,
    /// which is not a frame of the board.</summary>
    public const ulong ZeroPage = ulong.MaxValue;

    private readonly PmmNode _pmm;
    private readonly PhysicalMemory _memory;
    private readonly uint _options;
    private readonly Dictionary<ulong, ulong> _pages = [];
    private readonly HashSet<ulong> _released = [];
    private HashSet<ulong>? _untouched; // committed only for read-only mappings, so still zero
    private readonly Dictionary<ulong, int> _pins = [];
    private readonly List<VmObjectPagedSlice> _slices = [];
    private readonly VmObjectPaged? _cowParent; // a copy-on-write clone's parent, whose pages it shows until it writes
    private readonly ulong _parentPageOffset; // where page 0 of a clone lies in its parent, in pages
    private ulong _size;
    private bool _destroyed; // under the lock: the pages are gone, and reads and writes refuse

    private VmObjectPaged(PmmNode pmm, PhysicalMemory memory, uint options, ulong size)
    {
        _pmm = pmm;
        _memory = memory;
        _options = options;
        _size = size;
        CachePolicy = ZxCachePolicy.Cached;
    }

    /// <summary>A copy-on-write clone of <paramref name="parent"/> from <paramref name="parentOffset"/>: it takes the
    /// parent's lock and owns no page yet.</summary>
    private VmObjectPaged(VmObjectPaged parent, ulong parentOffset, uint options, ulong size) : base(parent.Lock)
    {
        _pmm = parent._pmm;
        _memory = parent._memory;
        _options = options;
        _size = size;
        _cowParent = parent;
        _parentPageOffset = parentOffset >> ZxConstants.PageShift;
        CachePolicy = ZxCachePolicy.Cached;
        IsCowClone = true;
    }

    /// <inheritdoc/>
    public override ulong Size
    {
        get { lock (Lock) return _size; }
    }

    /// <inheritdoc/>
    public override bool IsPaged => true;

    /// <inheritdoc/>
    public override bool IsContiguous => (_options & OptionContiguous) != 0;

    /// <inheritdoc/>
    public override bool IsResizable => (_options & OptionResizable) != 0;

    /// <inheritdoc/>
    public override uint CreateOptions => _options;

    /// <inheritdoc/>
    public override ulong CommittedBytes
    {
        get { lock (Lock) return (ulong)(_pages.Count - _released.Count) * ZxConstants.PageSize; }
    }

    /// <inheritdoc/>
    public override ulong CommittedPagesInRange(ulong offset, ulong length)
    {
        ulong first = offset >> ZxConstants.PageShift;
        ulong end = Ranges.TryAdd(offset, length, out ulong last) ? (last + ZxConstants.PageMask) >> ZxConstants.PageShift : ulong.MaxValue;
        lock (Lock)
            return (ulong)_pages.Keys.Count(index => index >= first && index < end && !_released.Contains(index));
    }

    /// <summary><c>RoundSize</c>: OUT_OF_RANGE when rounding wraps or passes <see cref="MaxSize"/>.</summary>
    public static ZxStatus RoundSize(ulong size, out ulong rounded)
    {
        if (!Ranges.TryRoundUpToPage(size, out rounded) || rounded > MaxSize)
            return ZxStatus.OutOfRange;
        return ZxStatus.Ok;
    }

    /// <summary><c>VmObjectPaged::Create</c>: rounds the size up to whole pages; allocates nothing.</summary>
    public static Result<VmObjectPaged> Create(PmmNode pmm, PhysicalMemory memory, uint options, ulong size)
    {
        ZxStatus status = RoundSize(size, out ulong rounded);
        if (status != ZxStatus.Ok)
            return status;
        return new VmObjectPaged(pmm, memory, options, rounded);
    }

    /// <summary><c>VmObjectPaged::CreateContiguous</c>: one physically contiguous, zero-filled run aligned to
    /// 2^<paramref name="alignLog2"/>, pinned for the object's life. NO_MEMORY when RAM has no such run.</summary>
    public static Result<VmObjectPaged> CreateContiguous(PmmNode pmm, PhysicalMemory memory, ulong size, int alignLog2)
    {
        ZxStatus status = RoundSize(size, out ulong rounded);
        if (status != ZxStatus.Ok)
            return status;
        var created = new VmObjectPaged(pmm, memory, OptionContiguous, rounded);
        if (rounded > 0)
        {
            if (pmm.AllocContiguous(rounded / ZxConstants.PageSize, alignLog2, out ulong paddr) != ZxStatus.Ok)
                return ZxStatus.NoMemory;
            for (ulong i = 0; i < rounded / ZxConstants.PageSize; i++)
                created._pages.Add(i, paddr + i * ZxConstants.PageSize);
        }
        return created;
    }

    /// <inheritdoc/>
    public override ZxStatus Read(byte* destination, ulong offset, ulong length)
    {
        lock (Lock)
        {
            ZxStatus status = CheckReadWrite(offset, length);
            if (status != ZxStatus.Ok)
                return status;
            ulong lastFault = ulong.MaxValue;
            while (length > 0)
            {
                int chunk = NextRunLocked(offset, length, out ulong paddr, out bool present);
                ulong left = present
                    ? UserCopy.CopyUntilFault(destination, _pmm.FrameToVirt(paddr) + (offset & ZxConstants.PageMask), (ulong)chunk)
                    : UserCopy.ZeroUntilFault(destination, (ulong)chunk);
                if (left != 0)
                {
                    ulong done = (ulong)chunk - left;
                    destination += done;
                    offset += done;
                    length -= done;
                    if (!ResolveUserFaultUnlocked((ulong)destination, write: true, ref lastFault))
                        return ZxStatus.InvalidArgs;
                    status = CheckReadWrite(offset, length);
                    if (status != ZxStatus.Ok)
                        return status;
                    continue;
                }
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
            ulong lastFault = ulong.MaxValue;
            while (length > 0)
            {
                status = NextWritableRunLocked(offset, length, out ulong paddr, out int chunk, out ZxStatus stoppedBy);
                if (status != ZxStatus.Ok)
                    return status;
                ulong left = UserCopy.CopyUntilFault(_pmm.FrameToVirt(paddr) + (offset & ZxConstants.PageMask), source, (ulong)chunk);
                if (left != 0)
                {
                    // A page of the user's buffer faulted: what came before stays written; fault the page in (without
                    // this object's lock) and go on from there, or stop when it cannot be had.
                    ulong done = (ulong)chunk - left;
                    source += done;
                    offset += done;
                    length -= done;
                    if (!ResolveUserFaultUnlocked((ulong)source, write: false, ref lastFault))
                        return ZxStatus.InvalidArgs;
                    status = CheckReadWrite(offset, length);
                    if (status != ZxStatus.Ok)
                        return status;
                    continue;
                }
                if (stoppedBy != ZxStatus.Ok)
                    return stoppedBy; // the run ended at a page that could not be committed: report it after the part before
                source += chunk;
                offset += (ulong)chunk;
                length -= (ulong)chunk;
            }
            return ZxStatus.Ok;
        }
    }

    /// <summary>Resolves a fault on the user's buffer at <paramref name="address"/> with this object's lock let go for
    /// the while (the fault takes the aspace's lock and a VMO's, maybe this one's: holding it would invert the lock
    /// order), as later Zircon kernels do. False when the page cannot be had, or when the same address faulted
    /// twice running.</summary>
    private bool ResolveUserFaultUnlocked(ulong address, bool write, ref ulong lastFault)
    {
        if (address == lastFault)
            return false;
        lastFault = address;
        Monitor.Exit(Lock);
        try
        {
            return UserCopy.TryResolveFault(address, write);
        }
        finally
        {
            Monitor.Enter(Lock);
        }
    }

    /// <summary>Like <see cref="NextRunLocked"/> for a write: commits each page it walks over (one page-list
    /// lookup per page) and stops where the frames stop being consecutive.</summary>
    private ZxStatus NextWritableRunLocked(ulong offset, ulong length, out ulong paddr, out int chunk, out ZxStatus stoppedBy)
    {
        const ulong maxChunk = 1UL << 30;
        chunk = 0;
        stoppedBy = ZxStatus.Ok;
        ulong page = offset >> ZxConstants.PageShift;
        ZxStatus status = GetOrCommitPageLocked(page, out paddr);
        if (status != ZxStatus.Ok)
            return status;
        ulong run = Math.Min(ZxConstants.PageSize - (offset & ZxConstants.PageMask), length);
        for (ulong next = 1; run < length && run < maxChunk; next++)
        {
            // A failure here ends the run and is reported once this part is written, so a write that runs out of
            // memory has written everything before the page it could not commit (as in Zircon).
            stoppedBy = GetOrCommitPageLocked(page + next, out ulong nextPaddr);
            if (stoppedBy != ZxStatus.Ok || nextPaddr != paddr + next * ZxConstants.PageSize)
                break;
            run += Math.Min(ZxConstants.PageSize, length - run);
        }
        chunk = (int)Math.Min(run, maxChunk);
        return ZxStatus.Ok;
    }

    /// <summary>The longest run from <paramref name="offset"/> (at most <paramref name="length"/> bytes, at most
    /// 1 GiB) whose bytes are either in physically consecutive frames (this object's or, for a clone, an
    /// ancestor's) or zero, so a read copies it in one go.</summary>
    private int NextRunLocked(ulong offset, ulong length, out ulong paddr, out bool present)
    {
        const ulong maxChunk = 1UL << 30;
        ulong page = offset >> ZxConstants.PageShift;
        present = FindFrameLocked(page, out paddr);
        ulong chunk = Math.Min(ZxConstants.PageSize - (offset & ZxConstants.PageMask), length);
        for (ulong next = 1; chunk < length && chunk < maxChunk; next++)
        {
            bool nextPresent = FindFrameLocked(page + next, out ulong nextPaddr);
            if (nextPresent != present || (present && nextPaddr != paddr + next * ZxConstants.PageSize))
                break;
            chunk += Math.Min(ZxConstants.PageSize, length - chunk);
        }
        return (int)Math.Min(chunk, maxChunk);
    }

    /// <summary><c>ResizeLocked</c>: UNAVAILABLE unless resizable, OUT_OF_RANGE when the size cannot be rounded,
    /// BAD_STATE when shrinking would drop pinned pages. Shrinking unmaps the dropped range from every mapping
    /// and frees its pages; growing maps the new range wherever a mapping already covers it.</summary>
    public override ZxStatus Resize(ulong size)
    {
        lock (Lock)
        {
            if (!IsResizable)
                return ZxStatus.Unavailable;
            ZxStatus status = RoundSize(size, out ulong rounded);
            if (status != ZxStatus.Ok)
                return status;
            ulong oldSize = _size;
            if (rounded < oldSize && AnyPinnedLocked(rounded, oldSize - rounded))
                return ZxStatus.BadState;
            _size = rounded;
            ulong start = Math.Min(rounded, oldSize), end = Math.Max(rounded, oldSize);
            foreach (VmMapping mapping in MappingsLocked)
                mapping.RemapLocked(start, end - start);
            if (rounded < oldSize)
                FreePagesLocked(rounded >> ZxConstants.PageShift, ulong.MaxValue);
            return ZxStatus.Ok;
        }
    }

    /// <inheritdoc/>
    public override ZxStatus GetPhysicalRunsLocked(ulong offset, ulong length, List<PhysicalRun> runs, bool readOnlyMapping)
    {
        if (offset >= _size)
            return ZxStatus.Ok;
        ulong end = offset + Math.Min(length, _size - offset);
        List<ulong>? fresh = null;
        for (ulong page = offset >> ZxConstants.PageShift; page << ZxConstants.PageShift < end; page++)
        {
            bool wasCommitted = _pages.ContainsKey(page);
            ZxStatus status = GetOrCommitPageLocked(page, out ulong paddr, readOnlyMapping);
            if (status != ZxStatus.Ok)
            {
                // Runs that cannot all be had commit nothing: give back the pages this call committed (in Zircon a
                // mapping commits no page at all, they fault in later; and a failed pin leaves nothing pinned).
                if (fresh is not null)
                    UncommitLocked(fresh);
                return status;
            }
            if (!wasCommitted)
                (fresh ??= []).Add(page);
            ulong vmoOffset = page << ZxConstants.PageShift;
            if (runs.Count > 0 && runs[^1] is var last && last.VmoOffset + last.Length == vmoOffset && last.Paddr + last.Length == paddr)
                runs[^1] = last with { Length = last.Length + ZxConstants.PageSize };
            else
                runs.Add(new PhysicalRun(vmoOffset, paddr, ZxConstants.PageSize));
        }
        return ZxStatus.Ok;
    }

    /// <summary><c>GetPageLocked</c> for a fault of a demand-paged mapping: OUT_OF_RANGE past the end. The page's
    /// own frame if it has one (<paramref name="owned"/>); a write commits it first (a zero frame, or a clone's copy of
    /// what it showed); a read of a page it does not own maps what it shows without committing: an ancestor's frame
    /// for a clone, else <see cref="ZeroPage"/>.</summary>
    public ZxStatus GetPageForFaultLocked(ulong pageIndex, bool write, out ulong paddr, out bool owned)
    {
        owned = false;
        paddr = 0;
        if (_destroyed || pageIndex >= _size >> ZxConstants.PageShift)
            return ZxStatus.OutOfRange;
        if (TryOwnFrameLocked(pageIndex, out paddr))
        {
            owned = true;
            return ZxStatus.Ok;
        }
        if (write)
        {
            ZxStatus status = GetOrCommitPageLocked(pageIndex, out paddr);
            owned = status == ZxStatus.Ok;
            return status;
        }
        if (_cowParent is null || !FindInParentLocked(pageIndex, out paddr))
            paddr = ZeroPage;
        return ZxStatus.Ok;
    }

    /// <summary>A page of this object was just committed (or its frame is about to go): every demand-paged mapping that
    /// shows a stand-in there (the zero page, or an ancestor's frame) lets it go, here and in the copy-on-write
    /// clones below that still show this object's page, so their next touch sees the new page.</summary>
    private void PageChangedLocked(ulong firstPage, ulong endPage)
    {
        foreach (VmMapping mapping in MappingsLocked)
            mapping.InvalidateLocked(firstPage, endPage, standInsOnly: true);
        foreach (VmObject child in ChildrenLocked)
        {
            if (child is not VmObjectPaged { _cowParent: not null } clone || clone._cowParent != this)
                continue;
            ulong shift = clone._parentPageOffset;
            if (endPage <= shift)
                continue;
            clone.PageChangedLocked(firstPage > shift ? firstPage - shift : 0, endPage - shift);
        }
    }

    /// <summary>2018 paged rules: BAD_STATE while any page is committed, any mapping or child exists, or the VMO
    /// is itself a clone; otherwise set (even to the same policy).</summary>
    /// <remarks>Pages that a mapping committed (decision 17) but nothing can have written (every mapping of them
    /// was read-only, and no write, commit or pin came) are zero and, in Zircon, would never have been committed:
    /// once the last mapping is gone they are given back here and do not stand in the way.</remarks>
    public override ZxStatus SetMappingCachePolicy(ZxCachePolicy policy)
    {
        lock (Lock)
        {
            if (MappingsLocked.Count > 0 || ChildrenLocked.Count > 0 || Parent is not null)
                return ZxStatus.BadState;
            foreach (ulong index in _pages.Keys)
            {
                if (!_released.Contains(index) && _untouched?.Contains(index) != true)
                    return ZxStatus.BadState;
            }
            FreePagesLocked(0, ulong.MaxValue);
            CachePolicy = policy;
            return ZxStatus.Ok;
        }
    }

    /// <inheritdoc/>
    public override void MayBeWrittenLocked(ulong offset, ulong length)
    {
        if (_untouched is not { Count: > 0 })
            return;
        ulong first = offset >> ZxConstants.PageShift, end = (offset + length + ZxConstants.PageMask) >> ZxConstants.PageShift;
        _untouched.RemoveWhere(index => index >= first && index < end);
    }

    /// <summary>A copy-on-write child (<c>CloneCOW</c>, SNAPSHOT, SNAPSHOT_AT_LEAST_ON_WRITE): BAD_STATE unless
    /// CACHED, INVALID_ARGS for an unaligned offset, OUT_OF_RANGE for a size too large or an end past 2^64.</summary>
    /// <remarks>A clone that may see the parent's later writes (<paramref name="seesParentWrites"/>: 2018's
    /// COPY_ON_WRITE, SNAPSHOT_AT_LEAST_ON_WRITE) costs nothing per page: it shares every page until it writes it.
    /// A strict SNAPSHOT copies the committed pages of its range now (NO_MEMORY when RAM runs out), because the
    /// parent's writes through a mapping cannot be stopped from reaching a shared page without a fault path; pages
    /// never committed stay uncommitted in both.</remarks>
    public override Result<VmObject> CreateSnapshot(ulong offset, ulong size, bool resizable, bool copyName, bool seesParentWrites)
    {
        if (CachePolicy != ZxCachePolicy.Cached)
            return ZxStatus.BadState;
        if (!Ranges.IsPageAligned(offset))
            return ZxStatus.InvalidArgs;
        ZxStatus status = RoundSize(size, out ulong rounded);
        if (status != ZxStatus.Ok)
            return status;
        if (!Ranges.TryAdd(offset, rounded, out _))
            return ZxStatus.OutOfRange;
        uint options = resizable ? OptionResizable : 0;
        VmObjectPaged child;
        if (seesParentWrites)
        {
            child = new VmObjectPaged(this, offset, options, rounded);
        }
        else
        {
            child = new VmObjectPaged(_pmm, _memory, options, rounded) { IsCowClone = true };
            status = CopyCommittedPagesTo(child, offset, rounded);
            if (status != ZxStatus.Ok)
            {
                child.Release();
                return status;
            }
        }
        if (copyName)
            CopyNameTo(child);
        AdoptChild(child);
        return child;
    }

    /// <summary>Gives <paramref name="snapshot"/> a copy of each page of <c>[offset, offset+size)</c> this object
    /// shows (its own or an ancestor's).</summary>
    private ZxStatus CopyCommittedPagesTo(VmObjectPaged snapshot, ulong offset, ulong size)
    {
        lock (Lock)
        {
            ulong first = offset >> ZxConstants.PageShift;
            ulong count = Math.Min(size, _size > offset ? _size - offset : 0) >> ZxConstants.PageShift;
            foreach (ulong index in PagesShownLocked(first, count))
            {
                FindFrameLocked(index, out ulong paddr);
                ZxStatus status = _pmm.AllocPageToOverwrite(out ulong copy, out bool warm);
                if (status != ZxStatus.Ok)
                    return status;
                CopyFrame(paddr, copy, warm);
                snapshot._pages.Add(index - first, copy);
            }
            return ZxStatus.Ok;
        }
    }

    /// <summary>The indexes in <c>[first, first+count)</c> whose bytes come from a frame (this object's or an
    /// ancestor's), without walking pages nobody committed.</summary>
    private HashSet<ulong> PagesShownLocked(ulong first, ulong count)
    {
        var shown = new HashSet<ulong>();
        ulong shift = 0, limit = count;
        for (VmObjectPaged? level = this; level is not null && limit > 0; level = level._cowParent)
        {
            foreach (ulong index in level._pages.Keys)
            {
                if (index >= first + shift && index - (first + shift) < limit && !level._released.Contains(index))
                    shown.Add(index - shift);
            }
            if (level._cowParent is null)
                break;
            shift += level._parentPageOffset;
            ulong parentPages = level._cowParent._size >> ZxConstants.PageShift;
            limit = Math.Min(limit, parentPages > first + shift ? parentPages - (first + shift) : 0);
        }
        return shown;
    }

    /// <summary>Copies a frame's bytes into another. A warm destination (resident, most likely mapped by the physmap's
    /// page table since it was last cleared or copied into) is copied through the physmap: a memory copy, about 100 ns.
    /// A cold one is copied inside the host kernel when one region's file holds both (<c>copy_file_range</c>, about
    /// 2 us here), because a first access through the physmap would fault (10-30 us on these virtual machines).</summary>
    private void CopyFrame(ulong from, ulong to, bool destinationWarm)
    {
        if (!destinationWarm && _memory.FindBacking(from, ZxConstants.PageSize) is PhysicalMemory.Backing backing && backing.Region.Contains(to, ZxConstants.PageSize)
            && LinuxMemory.CopyWithinFile(backing.Fd, from - backing.Region.Base, to - backing.Region.Base, ZxConstants.PageSize))
            return;
        new ReadOnlySpan<byte>(_pmm.FrameToVirt(from), (int)ZxConstants.PageSize).CopyTo(new Span<byte>(_pmm.FrameToVirt(to), (int)ZxConstants.PageSize));
    }

    /// <summary><c>CommitRange</c>: OUT_OF_RANGE when the offset is past the end; the length is trimmed to the
    /// size; a zero length is OK; NO_MEMORY when RAM runs out.</summary>
    public override ZxStatus CommitRange(ulong offset, ulong length)
    {
        lock (Lock)
        {
            if (!TrimRange(offset, length, out ulong start, out ulong end))
                return ZxStatus.OutOfRange;
            for (ulong page = start; page < end; page++)
            {
                ZxStatus status = GetOrCommitPageLocked(page, out _);
                if (status != ZxStatus.Ok)
                    return status;
            }
            return ZxStatus.Ok;
        }
    }

    /// <summary><c>DecommitRange</c>: NOT_SUPPORTED for a contiguous VMO, OUT_OF_RANGE past the end, BAD_STATE
    /// while any page of the range is pinned. The memory goes back to the host and the range reads as zero,
    /// through <c>zx_vmo_read</c> and through every mapping.</summary>
    public override ZxStatus DecommitRange(ulong offset, ulong length)
    {
        if (IsContiguous)
            return ZxStatus.NotSupported;
        lock (Lock)
        {
            if (!TrimRange(offset, length, out ulong start, out ulong end))
                return ZxStatus.OutOfRange;
            if (start < end && AnyPinnedLocked(start << ZxConstants.PageShift, (end - start) << ZxConstants.PageShift))
                return ZxStatus.BadState;
            FreePagesLocked(start, end);
            return ZxStatus.Ok;
        }
    }

    /// <summary>The cache operations: INVALID_ARGS for a zero length, OUT_OF_RANGE outside the object, else OK
    /// (the host keeps caches coherent).</summary>
    public override ZxStatus CacheOp(ulong offset, ulong length)
    {
        if (length == 0)
            return ZxStatus.InvalidArgs;
        lock (Lock)
            return Ranges.InRange(offset, length, _size) ? ZxStatus.Ok : ZxStatus.OutOfRange;
    }

    /// <summary>Pins committed pages (committing them first) and reports their physical runs.</summary>
    public override ZxStatus Pin(ulong offset, ulong length, List<PhysicalRun> runs)
    {
        lock (Lock)
        {
            if (!Ranges.InRange(offset, length, _size))
                return ZxStatus.OutOfRange;
            ulong first = offset & ~ZxConstants.PageMask;
            ZxStatus status = GetPhysicalRunsLocked(first, offset + length - first, runs, readOnlyMapping: false);
            if (status != ZxStatus.Ok)
                return status;
            for (ulong page = first >> ZxConstants.PageShift; page << ZxConstants.PageShift < offset + length; page++)
            {
                _pins[page] = _pins.GetValueOrDefault(page) + 1;
                _released.Remove(page);
            }
            return ZxStatus.Ok;
        }
    }

    /// <inheritdoc/>
    public override void Unpin(ulong offset, ulong length)
    {
        lock (Lock)
        {
            for (ulong page = offset >> ZxConstants.PageShift; page << ZxConstants.PageShift < offset + length; page++)
            {
                if (_pins.TryGetValue(page, out int count))
                {
                    if (count <= 1)
                        _pins.Remove(page);
                    else
                        _pins[page] = count - 1;
                }
            }
        }
    }

    /// <inheritdoc/>
    protected override void Destroy()
    {
        lock (Lock)
        {
            _destroyed = true;
            _pins.Clear();
            FreePagesLocked(0, ulong.MaxValue);
        }
    }

    private bool TrimRange(ulong offset, ulong length, out ulong startPage, out ulong endPage)
    {
        startPage = endPage = 0;
        if (offset > _size)
            return false;
        ulong trimmed = Math.Min(length, _size - offset);
        if (trimmed == 0)
            return true;
        startPage = offset >> ZxConstants.PageShift;
        endPage = (offset + trimmed + ZxConstants.PageMask) >> ZxConstants.PageShift;
        return true;
    }

    // zx_vmo_read and zx_vmo_write borrow the handle's object (no reference), so the last reference can go while
    // they wait for the lock: they then find the object destroyed and answer as if the close had come first.
    private ZxStatus CheckReadWrite(ulong offset, ulong length)
    {
        if (_destroyed)
            return Destroyed;
        if (CachePolicy != ZxCachePolicy.Cached)
            return ZxStatus.BadState;
        if (!Ranges.TryAdd(offset, length, out ulong end) || end > _size)
            return ZxStatus.OutOfRange;
        return ZxStatus.Ok;
    }

    /// <summary>The page's frame, committing it first if need be (a clone's first copy of a page it shared).
    /// <paramref name="readOnlyMapping"/>: for a mapping that cannot write it, so a new page stays zero.</summary>
    private ZxStatus GetOrCommitPageLocked(ulong pageIndex, out ulong paddr, bool readOnlyMapping = false)
    {
        if (_pages.TryGetValue(pageIndex, out paddr))
        {
            if (_released.Count > 0)
                _released.Remove(pageIndex);
            if (!readOnlyMapping && _untouched is { Count: > 0 })
                _untouched.Remove(pageIndex);
            return ZxStatus.Ok;
        }
        ulong source = 0;
        bool shared = _cowParent is not null && FindInParentLocked(pageIndex, out source);
        bool warm = false;
        ZxStatus status = shared ? _pmm.AllocPageToOverwrite(out paddr, out warm) : _pmm.AllocPage(out paddr);
        if (status != ZxStatus.Ok)
            return status;
        if (shared)
            CopyFrame(source, paddr, warm); // the clone's own copy of the page it showed until now
        else if (readOnlyMapping)
            (_untouched ??= []).Add(pageIndex);
        _pages.Add(pageIndex, paddr);
        if (MappingsLocked.Count > 0 || ChildrenLocked.Count > 0)
            PageChangedLocked(pageIndex, pageIndex + 1);
        return ZxStatus.Ok;
    }

    /// <summary>The frame whose bytes page <paramref name="pageIndex"/> shows: this object's own (a decommitted
    /// one counts as none), else for a clone its parent's at the same place while that lies inside the parent's
    /// current size, and so on up the chain. False when no object has one: the page reads as zero.</summary>
    private bool FindFrameLocked(ulong pageIndex, out ulong paddr)
    {
        return TryOwnFrameLocked(pageIndex, out paddr) || (_cowParent is not null && FindInParentLocked(pageIndex, out paddr));
    }

    /// <summary>This object's own frame for the page, unless it has none or it was decommitted (a released page's
    /// frame only stays for the mappings that cover it).</summary>
    private bool TryOwnFrameLocked(ulong pageIndex, out ulong paddr) =>
        _pages.TryGetValue(pageIndex, out paddr) && (_released.Count == 0 || !_released.Contains(pageIndex));

    /// <summary>Like <see cref="FindFrameLocked"/>, starting at this clone's parent.</summary>
    private bool FindInParentLocked(ulong pageIndex, out ulong paddr)
    {
        paddr = 0;
        VmObjectPaged level = this;
        while (level._cowParent is VmObjectPaged parent)
        {
            pageIndex += level._parentPageOffset;
            if (pageIndex >= parent._size >> ZxConstants.PageShift)
                return false; // past the parent's end: zero, whatever lies further up
            if (parent.TryOwnFrameLocked(pageIndex, out paddr))
                return true;
            level = parent;
        }
        return false;
    }

    private bool AnyPinnedLocked(ulong offset, ulong length)
    {
        foreach (ulong page in _pins.Keys)
        {
            ulong at = page << ZxConstants.PageShift;
            if (at >= offset && at - offset < length)
                return true;
        }
        return IsContiguous && _pages.Count > 0 && length > 0;
    }

    /// <summary>Decommits pages [first, end): frames no mapping covers go back to the allocator; frames a mapping
    /// covers stay with the object, but their memory goes back to the host (a clone's take its parent's bytes
    /// instead, when the parent has any there).</summary>
    private void FreePagesLocked(ulong firstPage, ulong endPage)
    {
        if (firstPage == 0 && endPage == ulong.MaxValue && MappingsLocked.Count == 0 && ChildrenLocked.Count == 0 && _slices.Count == 0)
        {
            // Every page of an object nothing maps or shares (a closed clone, most often): the frames go back in one
            // call, without the per-page checks below.
            ulong[] frames = [.. _pages.Values];
            _pages.Clear();
            _released.Clear();
            _untouched?.Clear();
            _pmm.Free(frames);
            return;
        }
        if (MappingsLocked.Count > 0 || ChildrenLocked.Count > 0)
        {
            // Demand-paged mappings let the pages go (they fault in again, as zero), and so do the clones' stand-ins
            // of them, before any frame goes back to the allocator.
            foreach (VmMapping mapping in MappingsLocked)
                mapping.InvalidateLocked(firstPage, endPage, standInsOnly: false);
            PageChangedLocked(firstPage, endPage);
        }
        var freed = new List<ulong>();
        foreach ((ulong index, ulong paddr) in _pages)
        {
            if (index < firstPage || index >= endPage)
                continue;
            if (IsMappedLocked(index))
            {
                // A clone's mapped page shows what the parent shows there again, through the mapping too; only
                // when that is zero does its memory go back to the host.
                if (_cowParent is not null && FindInParentLocked(index, out ulong source))
                {
                    CopyFrame(source, paddr, destinationWarm: true); // a page of this object: resident
                    _released.Remove(index);
                }
                else
                {
                    _memory.Discard(paddr, ZxConstants.PageSize);
                    _released.Add(index);
                }
                continue;
            }
            freed.Add(paddr);
            _pages.Remove(index);
            _released.Remove(index);
            _untouched?.Remove(index);
        }
        if (freed.Count > 0)
            _pmm.Free(CollectionsMarshal.AsSpan(freed));
    }

    /// <summary>Frees pages this object committed a moment ago and nothing maps or pins yet.</summary>
    private void UncommitLocked(List<ulong> pageIndices)
    {
        var frames = new List<ulong>(pageIndices.Count);
        foreach (ulong index in pageIndices)
        {
            if (_pages.Remove(index, out ulong paddr))
                frames.Add(paddr);
            _untouched?.Remove(index);
        }
        _pmm.Free(CollectionsMarshal.AsSpan(frames));
    }

    private bool IsMappedLocked(ulong pageIndex)
    {
        ulong offset = pageIndex << ZxConstants.PageShift;
        if (offset >= _size)
            return false; // mappings never map past the end of the object
        foreach (VmMapping mapping in MappingsLocked)
        {
            if (!mapping.IsDemandPaged && offset >= mapping.VmoOffset && offset - mapping.VmoOffset < mapping.Size)
                return true;
        }
        foreach (VmObjectPagedSlice slice in _slices)
        {
            if (offset >= slice.RootOffset && offset - slice.RootOffset < slice.Size && slice.IsMappedLocked(offset - slice.RootOffset))
                return true;
        }
        return false;
    }

    /// <summary>A SLICE child of a non-resizable paged VMO (the syscall refuses resizable ones): it shares this
    /// object's pages both ways. INVALID_ARGS for an unaligned offset or size or a slice not wholly inside.</summary>
    public override Result<VmObject> CreateSlice(ulong offset, ulong size, bool copyName) =>
        CreateSliceOf(this, 0, offset, size, copyName);

    /// <summary>Makes a slice of <c>[parentOffset + offset, +size)</c> of this root, adopted by <paramref name="parent"/>.</summary>
    internal Result<VmObject> CreateSliceOf(VmObject parent, ulong parentOffset, ulong offset, ulong size, bool copyName)
    {
        if (!Ranges.IsPageAligned(offset) || !Ranges.IsPageAligned(size))
            return ZxStatus.InvalidArgs;
        if (size > MaxSize)
            return ZxStatus.OutOfRange;
        if (!Ranges.InRange(offset, size, parent.Size))
            return ZxStatus.InvalidArgs;
        var slice = new VmObjectPagedSlice(this, parentOffset + offset, size);
        lock (Lock)
            _slices.Add(slice);
        if (copyName)
            parent.CopyNameTo(slice);
        parent.AdoptChild(slice);
        return slice;
    }

    internal void ForgetSlice(VmObjectPagedSlice slice)
    {
        lock (Lock)
            _slices.Remove(slice);
    }
}
