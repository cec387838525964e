namespace Zx.Kernel.Object;

/// <summary>One process's handles (Zircon's handle table, per process).</summary>
/// <remarks>
/// A handle value is <c>mixer ^ ((base &lt;&lt; 1) | 1)</c> as in the 2018 kernel, where <c>base</c> holds the slot
/// index in its low 20 bits and a 10-bit generation above it, and the per-process <c>mixer</c> is random with bits
/// 0, 1 and 31 clear. So every value is odd, has bit 31 clear, differs between processes and runs, and names
/// nothing once closed: the slot's generation moves on, and a freed slot waits behind at least 63 others before
/// it is used again. A table holds at most 2^20 handles.
/// </remarks>
internal sealed class HandleTable
{
    public const int IndexBits = 20;
    public const int MaxHandles = 1 << IndexBits;
    private const uint IndexMask = MaxHandles - 1;
    private const uint GenerationMask = (1u << 10) - 1;
    private const int FreeSlotsBeforeReuse = 64;

    private readonly uint _mixer;
    private readonly bool _recordOrigins;
    private int _version; // odd while a writer holds the table: writers' lock and readers' sequence lock in one word
    private Entry[] _entries = new Entry[64];
    private int _used;
    private int _freeHead = -1;
    private int _freeTail = -1;
    private int _freeCount;
    private int _count;

    private struct Entry
    {
        public Dispatcher? Object;
        public ZxRights Rights;
        public uint Generation;
        public int NextFree;
        public int Origin; // the syscall that created the handle (SyscallScope), when the kernel records it
    }

    public HandleTable(ProcessDispatcher owner)
    {
        Owner = owner;
        _recordOrigins = owner.Kernel.RecordHandleOrigins;
        _mixer = (uint)(Random.Shared.Next() << 2) & int.MaxValue;
    }

    /// <summary>Bytes of one slot of the table's array.</summary>
    internal static int EntryBytes => System.Runtime.CompilerServices.Unsafe.SizeOf<Entry>();

    /// <summary>The process the table belongs to.</summary>
    public ProcessDispatcher Owner { get; }

    /// <summary>Live handles in the table.</summary>
    public int Count
    {
        get => Volatile.Read(ref _count);
    }

    /// <summary>Installs a handle to <paramref name="target"/>; NO_MEMORY when the table is full.</summary>
    public ZxStatus Add(Dispatcher target, ZxRights rights, out ZxHandle handle) => Add(target, rights, transferred: false, out handle);

    /// <summary>Installs a handle that arrives in a message: it already counts as a handle of its object and
    /// already holds a reference, so neither is taken again.</summary>
    public ZxStatus AddTransferred(Dispatcher target, ZxRights rights, out ZxHandle handle) => Add(target, rights, transferred: true, out handle);

    private ZxStatus Add(Dispatcher target, ZxRights rights, bool transferred, out ZxHandle handle)
    {
        EnterWrite();
        try
        {
            return AddLocked(target, rights, transferred, out handle);
        }
        finally
        {
            ExitWrite();
        }
    }

    private ZxStatus AddLocked(Dispatcher target, ZxRights rights, bool transferred, out ZxHandle handle)
    {
        {
            int index;
            if (_freeCount >= FreeSlotsBeforeReuse || (_used == MaxHandles && _freeCount > 0))
            {
                index = _freeHead;
                _freeHead = _entries[index].NextFree;
                if (_freeHead < 0)
                    _freeTail = -1;
                _freeCount--;
            }
            else if (_used < MaxHandles)
            {
                if (_used == _entries.Length)
                    Array.Resize(ref _entries, Math.Min(_entries.Length * 2, MaxHandles));
                index = _used++;
            }
            else
            {
                handle = ZxHandle.Invalid;
                return ZxStatus.NoMemory;
            }
            ref Entry entry = ref _entries[index];
            entry.Object = target;
            entry.Rights = rights;
            entry.NextFree = -1;
            entry.Origin = _recordOrigins ? SyscallScope.Current : 0;
            _count++;
            handle = Encode(index, entry.Generation);
            if (!transferred)
                target.OnHandleAdded();
        }
        return ZxStatus.Ok;
    }

    // Writers take the table by turning the version odd with one compare-and-swap (a full fence: no slot write can
    // be seen before it), and give it back by making it even again with a release write (every slot write is seen
    // before it). Lock-free readers retry while it is odd or when it moved; their TryAddRef is a full fence before
    // their second version read. Writers hold the table for a few instructions, so waiting ones spin.
    private void EnterWrite()
    {
        int version = Volatile.Read(ref _version);
        if ((version & 1) == 0 && Interlocked.CompareExchange(ref _version, version + 1, version) == version)
            return;
        SpinWait spin = default;
        while (true)
        {
            spin.SpinOnce(sleep1Threshold: -1);
            version = Volatile.Read(ref _version);
            if ((version & 1) == 0 && Interlocked.CompareExchange(ref _version, version + 1, version) == version)
                return;
        }
    }

    private void ExitWrite() => Volatile.Write(ref _version, _version + 1);

    /// <summary>Finds a live handle and takes a reference to its object. Lock-free: it reads the slot between two
    /// reads of the table's version, and falls back to the lock when a writer got in the way.</summary>
    public bool TryGet(ZxHandle handle, out Dispatcher? target, out ZxRights rights)
    {
        for (int attempt = 0; attempt < 4; attempt++)
        {
            int version = Volatile.Read(ref _version);
            if ((version & 1) != 0)
                continue;
            Entry[] entries = Volatile.Read(ref _entries);
            int used = Volatile.Read(ref _used);
            if (!Decode(handle, out int index, out uint generation) || index >= used || index >= entries.Length)
            {
                if (Volatile.Read(ref _version) != version)
                    continue;
                target = null;
                rights = ZxRights.None;
                return false;
            }
            Dispatcher? found = Volatile.Read(ref entries[index].Object);
            ZxRights foundRights = entries[index].Rights;
            uint foundGeneration = entries[index].Generation;
            if (found is null || foundGeneration != generation)
            {
                if (Volatile.Read(ref _version) != version)
                    continue;
                target = null;
                rights = ZxRights.None;
                return false;
            }
            if (!found.TryAddRef())
                continue;
            if (Volatile.Read(ref _version) == version)
            {
                target = found;
                rights = foundRights;
                return true;
            }
            found.Release();
        }
        return TryGetLocked(handle, out target, out rights);
    }

    private bool TryGetLocked(ZxHandle handle, out Dispatcher? target, out ZxRights rights)
    {
        EnterWrite();
        try
        {
            if (!TryFind(handle, out int index))
            {
                target = null;
                rights = ZxRights.None;
                return false;
            }
            target = _entries[index].Object!;
            rights = _entries[index].Rights;
            target.AddRef();
            return true;
        }
        finally
        {
            ExitWrite();
        }
    }

    /// <summary>Duplicates a handle in one step under the table (no reference is taken for the look-up: the source
    /// handle keeps the object alive). Checks in <c>zx_handle_duplicate</c>'s order: BAD_HANDLE, ACCESS_DENIED (no
    /// DUPLICATE right), INVALID_ARGS (<paramref name="rights"/> not a subset), NO_MEMORY (an injected fault or a
    /// full table).</summary>
    public ZxStatus Duplicate(ZxHandle handle, ZxRights rights, FaultInjection faults, out ZxHandle duplicate)
    {
        duplicate = ZxHandle.Invalid;
        EnterWrite();
        try
        {
            if (!TryFind(handle, out int index))
                return ZxStatus.BadHandle;
            ZxRights sourceRights = _entries[index].Rights;
            if ((sourceRights & ZxRights.Duplicate) == 0)
                return ZxStatus.AccessDenied;
            if (!TryNarrowRights(sourceRights, rights, out ZxRights granted))
                return ZxStatus.InvalidArgs;
            if (faults.ShouldFail())
                return ZxStatus.NoMemory;
            return AddLocked(_entries[index].Object!, granted, transferred: false, out duplicate);
        }
        finally
        {
            ExitWrite();
        }
    }

    /// <summary>The duplicate/replace rights rule: SAME_RIGHTS (an exact value) keeps the source's rights;
    /// anything else must be a subset of them.</summary>
    public static bool TryNarrowRights(ZxRights source, ZxRights requested, out ZxRights granted)
    {
        granted = requested == ZxRights.SameRights ? source : requested;
        return (source & granted) == granted;
    }

    /// <summary>True when <paramref name="handle"/> still names <paramref name="target"/>. Lock-free and without
    /// taking a reference, so it writes nothing the object's other users read (a wait uses it to notice a close
    /// that raced with registering). It begins with a full fence: the caller's registration is visible before the
    /// table is read, as the closer's table write is before it looks for waiters.</summary>
    public bool StillNames(ZxHandle handle, Dispatcher target)
    {
        Interlocked.MemoryBarrier();
        for (int attempt = 0; attempt < 4; attempt++)
        {
            int version = Volatile.Read(ref _version);
            if ((version & 1) != 0)
                continue;
            Entry[] entries = Volatile.Read(ref _entries);
            int used = Volatile.Read(ref _used);
            bool names = Decode(handle, out int index, out uint generation) && index < used && index < entries.Length
                && ReferenceEquals(Volatile.Read(ref entries[index].Object), target) && entries[index].Generation == generation;
            Interlocked.MemoryBarrier(); // the slot's reads stay before the second version read
            if (Volatile.Read(ref _version) == version)
                return names;
        }
        EnterWrite();
        try
        {
            return TryFind(handle, out int index) && ReferenceEquals(_entries[index].Object, target);
        }
        finally
        {
            ExitWrite();
        }
    }

    /// <summary>True when <paramref name="handle"/> names a live handle.</summary>
    public bool IsValid(ZxHandle handle)
    {
        EnterWrite();
        try
        {
            return TryFind(handle, out _);
        }
        finally
        {
            ExitWrite();
        }
    }

    /// <summary>Removes a handle, handing its reference to the caller, who must pass the object to
    /// <see cref="Dispatcher.OnHandleRemoved"/> (directly or through <see cref="Detached.Dispose"/>).</summary>
    public bool TryRemove(ZxHandle handle, out Detached detached)
    {
        EnterWrite();
        try
        {
            if (!TryFind(handle, out int index))
            {
                detached = default;
                return false;
            }
            detached = RemoveLocked(index, handle);
            return true;
        }
        finally
        {
            ExitWrite();
        }
    }

    /// <summary>Removes every handle; used when a process dies or the kernel shuts down.</summary>
    public void RemoveAll()
    {
        var removed = new List<Detached>();
        EnterWrite();
        try
        {
            for (int i = 0; i < _used; i++)
            {
                if (_entries[i].Object is not null)
                    removed.Add(RemoveLocked(i, Encode(i, _entries[i].Generation)));
            }
        }
        finally
        {
            ExitWrite();
        }
        foreach (Detached d in removed)
            d.Dispose();
    }

    /// <summary>Lists every live handle with its object and, when recorded, the syscall that created it.</summary>
    public List<HandleCensus> Census()
    {
        var result = new List<HandleCensus>();
        EnterWrite();
        try
        {
            for (int i = 0; i < _used; i++)
            {
                ref Entry e = ref _entries[i];
                if (e.Object is Dispatcher d)
                    result.Add(new HandleCensus(Encode(i, e.Generation), d.Type, d.Koid, e.Rights, ZxSyscallTable.FromId(e.Origin)?.CName));
            }
        }
        finally
        {
            ExitWrite();
        }
        return result;
    }

    /// <summary>Counts live handles per object type.</summary>
    public void CountByType(Span<uint> counts)
    {
        EnterWrite();
        try
        {
            for (int i = 0; i < _used; i++)
            {
                Dispatcher? d = _entries[i].Object;
                if (d is not null && (int)d.Type < counts.Length)
                    counts[(int)d.Type]++;
            }
        }
        finally
        {
            ExitWrite();
        }
    }

    private Detached RemoveLocked(int index, ZxHandle handle)
    {
        ref Entry entry = ref _entries[index];
        var detached = new Detached(entry.Object!, entry.Rights, Owner, handle);
        entry.Object = null;
        entry.Rights = ZxRights.None;
        entry.Generation = (entry.Generation + 1) & GenerationMask;
        entry.NextFree = -1;
        if (_freeTail >= 0)
            _entries[_freeTail].NextFree = index;
        else
            _freeHead = index;
        _freeTail = index;
        _freeCount++;
        _count--;
        return detached;
    }

    private bool Decode(ZxHandle handle, out int index, out uint generation)
    {
        uint value = handle.Value;
        uint baseValue = (value ^ _mixer) >> 1;
        index = (int)(baseValue & IndexMask);
        generation = baseValue >> IndexBits;
        return (value & 1) != 0;
    }

    private bool TryFind(ZxHandle handle, out int index)
    {
        index = -1;
        if (!Decode(handle, out int candidate, out uint generation) || candidate >= _used)
            return false;
        ref Entry entry = ref _entries[candidate];
        if (entry.Object is null || entry.Generation != generation)
            return false;
        index = candidate;
        return true;
    }

    private ZxHandle Encode(int index, uint generation) =>
        new(_mixer ^ ((((generation << IndexBits) | (uint)index) << 1) | 1));

    /// <summary>A handle inside a message: it counts as a handle of its object and holds a reference.</summary>
    internal readonly record struct InTransit(Dispatcher Object, ZxRights Rights)
    {
        /// <summary>Ends a handle that will never be delivered (the message is destroyed).</summary>
        public void Discard() => Object.OnHandleRemoved();
    }

    /// <summary>A handle taken out of a table: its object and rights, still holding the handle's reference.</summary>
    internal readonly struct Detached(Dispatcher target, ZxRights rights, ProcessDispatcher owner, ZxHandle handle) : IDisposable
    {
        public Dispatcher Object { get; } = target;
        public ZxRights Rights { get; } = rights;

        /// <summary>Ends the handle: waits made through it end with HANDLE_CLOSED, then its count and its reference
        /// are dropped.</summary>
        public void Dispose()
        {
            if (Object is null)
                return;
            Object.CancelWaitsThrough(owner, handle);
            Object.OnHandleRemoved();
        }

        /// <summary>Takes the handle out for a message: waits made through it end, but it still counts as a handle
        /// of its object and keeps its reference (see <see cref="AddTransferred"/>).</summary>
        public InTransit Transfer()
        {
            Object.CancelWaitsThrough(owner, handle);
            return new InTransit(Object, Rights);
        }
    }
}
