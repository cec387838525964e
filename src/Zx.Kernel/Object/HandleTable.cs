using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Zx.Kernel.Concurrency;

namespace Zx.Kernel.Object;

/// <summary>One process's handles (Zircon's handle table, per process): handle values, the rights each carries, and
/// the rules for looking up, duplicating, replacing and closing them. The slots behind the values, and how they are
/// read and written without locks, are <see cref="HandleSlots"/>'s (docs/concurrency.md).</summary>
/// <remarks>A handle value is <c>mixer ^ ((base &lt;&lt; 1) | 1)</c> as in the 2018 kernel, where <c>base</c> holds the
/// slot index in its low 20 bits and a 10-bit generation above it, and the per-process <c>mixer</c> is random with
/// bits 0, 1 and 31 clear. So every value is odd, has bit 31 clear, differs between processes and runs, and names
/// nothing once closed: the slot's generation moves on, and a freed slot waits behind at least 63 others before it
/// is used again. A table holds at most 2^20 handles.</remarks>
internal sealed class HandleTable
{
    public const int IndexBits = HandleSlots.IndexBits;
    public const int MaxHandles = HandleSlots.Capacity;
    private const uint IndexMask = MaxHandles - 1;

    private readonly uint _mixer;
    private readonly bool _recordOrigins;
    private System.Collections.Concurrent.ConcurrentDictionary<uint, string>? _sites; // recording origins: where user code created each handle
    private HandleSlots _slots = new(); // a mutable struct: used in place, never copied
    private bool _closed;

    public HandleTable(ProcessDispatcher owner)
    {
        Owner = owner;
        _recordOrigins = owner.Kernel.RecordHandleOrigins;
        _mixer = (uint)(Random.Shared.Next() << 2) & int.MaxValue;
    }

    /// <summary>Bytes of one slot of the table.</summary>
    internal static int EntryBytes => HandleSlots.EntryBytes;

    /// <summary>The shard this thread's next handle operations use (tests).</summary>
    internal static int CurrentThreadShard => HandleSlots.CurrentThreadShard;

    /// <summary>Points this thread at another thread's shard (tests: makes two threads collide).</summary>
    internal static void UseShardForTests(int shard) => HandleSlots.UseShardForTests(shard);

    /// <summary>The process the table belongs to.</summary>
    public ProcessDispatcher Owner { get; }

    /// <summary>Live handles in the table (exact when no other thread is changing it).</summary>
    public int Count => _slots.Count;

    /// <summary>Installs a handle to <paramref name="target"/>; NO_MEMORY when the table is full.</summary>
    public ZxStatus Add(Dispatcher target, ZxRights rights, out ZxHandle handle)
    {
        ZxStatus status = Install(target, rights, out handle);
        if (status == ZxStatus.Ok)
            target.OnHandleAdded();
        return status;
    }

    /// <summary>Installs a handle that arrives in a message: it already counts as a handle of its object, so it is
    /// not counted again.</summary>
    public ZxStatus AddTransferred(Dispatcher target, ZxRights rights, out ZxHandle handle) => Install(target, rights, out handle);

    private ZxStatus Install(Dispatcher target, ZxRights rights, out ZxHandle handle)
    {
        handle = ZxHandle.Invalid;
        if (_closed)
            return ZxStatus.BadState; // the process is dead: nothing is added on its behalf
        if (!_slots.TryTake(out int index))
            return ZxStatus.NoMemory;
        uint generation = _slots.Publish(index, target, rights, _recordOrigins ? SyscallScope.Current : 0);
        handle = Encode(index, generation);
        if (_recordOrigins && SyscallScope.Site is string site)
            LazyInitializer.EnsureInitialized(ref _sites)[handle.Value] = site;
        return ZxStatus.Ok;
    }

    /// <summary>Finds a live handle and takes a reference to its object. Lock-free, and writes nothing to the
    /// table.</summary>
    public bool TryGet(ZxHandle handle, [NotNullWhen(true)] out Dispatcher? target, out ZxRights rights) => TryFind(handle, countReference: true, out target, out rights);

    /// <summary>Finds a live handle without taking a reference: it writes nothing at all, for syscalls that only
    /// touch the object's signal state (a racing close may destroy the object while they use it, which for its
    /// signals and waits is the same as the close coming just after).</summary>
    public bool TryBorrow(ZxHandle handle, [NotNullWhen(true)] out Dispatcher? target, out ZxRights rights) => TryFind(handle, countReference: false, out target, out rights);

    private bool TryFind(ZxHandle handle, bool countReference, [NotNullWhen(true)] out Dispatcher? target, out ZxRights rights)
    {
        if (Decode(handle, out int index, out uint generation))
        {
            HandleSlots.Slot slot = _slots.At(index);
            if (slot.Exists)
            {
                while (slot.TryRead(generation, out Dispatcher found, out rights))
                {
                    if (!countReference)
                    {
                        target = found;
                        return true;
                    }
                    if (found.TryAddRef())
                    {
                        if (slot.IsUnchanged(generation)) // TryAddRef was a full fence
                        {
                            target = found;
                            return true;
                        }
                        found.Release();
                    }
                }
            }
        }
        target = null;
        rights = ZxRights.None;
        return false;
    }

    /// <summary>Duplicates a handle. Checks in <c>zx_handle_duplicate</c>'s order: BAD_HANDLE, ACCESS_DENIED (no
    /// DUPLICATE right), INVALID_ARGS (<paramref name="rights"/> not a subset), NO_MEMORY (an injected fault or a
    /// full table).</summary>
    /// <remarks>Lock-free on the source: it reads the slot, counts the new handle on the object (only while the
    /// object still has a handle, so a racing close can never make its count pass through zero and back), then
    /// checks the slot did not change; if it did, the count is given back and the look-up starts again.</remarks>
    public ZxStatus Duplicate(ZxHandle handle, ZxRights rights, FaultInjection faults, out ZxHandle duplicate)
    {
        duplicate = ZxHandle.Invalid;
        if (!Decode(handle, out int index, out uint generation))
            return ZxStatus.BadHandle;
        HandleSlots.Slot slot = _slots.At(index);
        if (!slot.Exists)
            return ZxStatus.BadHandle;
        while (slot.TryRead(generation, out Dispatcher target, out ZxRights sourceRights))
        {
            if ((sourceRights & ZxRights.Duplicate) == 0)
                return ZxStatus.AccessDenied;
            if (!TryNarrowRights(sourceRights, rights, out ZxRights granted))
                return ZxStatus.InvalidArgs;
            if (!target.TryAddHandleToLive())
                continue; // every handle is gone, so the source is too
            if (!slot.IsUnchanged(generation)) // the compare-and-swap above was a full fence
            {
                target.OnHandleRemoved();
                continue;
            }
            if (faults.ShouldFail())
            {
                target.OnHandleRemoved();
                return ZxStatus.NoMemory;
            }
            ZxStatus status = Install(target, granted, out duplicate);
            if (status != ZxStatus.Ok)
                target.OnHandleRemoved();
            return status;
        }
        return ZxStatus.BadHandle;
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
    /// that raced with registering). The caller registers with an interlocked operation (a full fence) just before,
    /// so its registration is visible before the table is read, as a closer's table write is before it looks for
    /// waiters.</summary>
    public bool StillNames(ZxHandle handle, Dispatcher target)
    {
        if (!Decode(handle, out int index, out uint generation))
            return false;
        HandleSlots.Slot slot = _slots.At(index);
        return slot.Exists && slot.TryRead(generation, out Dispatcher found, out _) && ReferenceEquals(found, target);
    }

    /// <summary>True when <paramref name="handle"/> names a live handle.</summary>
    public bool IsValid(ZxHandle handle)
    {
        if (!Decode(handle, out int index, out uint generation))
            return false;
        HandleSlots.Slot slot = _slots.At(index);
        return slot.Exists && slot.IsLive(generation);
    }

    /// <summary>Removes a handle, handing its count to the caller, who must pass the object to
    /// <see cref="Dispatcher.OnHandleRemoved"/> (directly or through <see cref="Detached.Dispose"/>).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool TryRemove(ZxHandle handle, out Detached detached)
    {
        if (Decode(handle, out int index, out uint generation)
            && _slots.TryRemove(index, generation, out Dispatcher target, out ZxRights rights))
        {
            _sites?.TryRemove(handle.Value, out _);
            detached = new Detached(target, rights, Owner, handle);
            return true;
        }
        detached = default;
        return false;
    }

    /// <summary>Closes the table for good (its process died): every handle is removed and closed, and from then on
    /// nothing can be added (BAD_STATE). A handle added by a call racing with the close may survive it; the table
    /// removes what is left again when its process is destroyed.</summary>
    public void Close()
    {
        Volatile.Write(ref _closed, true);
        RemoveAll();
    }

    /// <summary>True once <see cref="Close"/> was called.</summary>
    public bool IsClosed => Volatile.Read(ref _closed);

    /// <summary>Removes and closes every handle.</summary>
    public void RemoveAll()
    {
        var removed = new List<Detached>();
        _slots.ForEachLive((index, generation, _, _, _) =>
        {
            if (_slots.TryRemove(index, generation, out Dispatcher target, out ZxRights rights))
                removed.Add(new Detached(target, rights, Owner, Encode(index, generation)));
        });
        foreach (Detached d in removed)
            d.Dispose();
    }

    /// <summary>Lists every live handle with its object and, when recorded, the syscall that created it.</summary>
    public List<HandleCensus> Census()
    {
        var result = new List<HandleCensus>();
        _slots.ForEachLive((index, generation, d, rights, origin) =>
            result.Add(new HandleCensus(Encode(index, generation), d.Type, d.Koid, rights, CreatedBy(origin, Encode(index, generation)))));
        return result;
    }

    /// <summary>The object and rights of every live handle, in table order.</summary>
    public List<(Dispatcher Object, ZxRights Rights)> ObjectsWithRights()
    {
        var result = new List<(Dispatcher, ZxRights)>();
        _slots.ForEachLive((_, _, d, rights, _) => result.Add((d, rights)));
        return result;
    }

    // "zx_event_create at program+0x1234" (the syscall, and where user code made it when known), or null.
    private string? CreatedBy(int origin, ZxHandle handle)
    {
        string? syscall = ZxSyscallTable.FromId(origin)?.CName;
        return syscall is not null && _sites is not null && _sites.TryGetValue(handle.Value, out string? site) ? $"{syscall} at {site}" : syscall;
    }

    /// <summary>Adds the object of every live handle to <paramref name="objects"/>.</summary>
    public void CollectObjects(HashSet<Dispatcher> objects) => _slots.ForEachLive((_, _, d, _, _) => objects.Add(d));

    /// <summary>Counts live handles per object type.</summary>
    public void CountByType(Span<uint> counts)
    {
        uint[] byType = new uint[counts.Length];
        _slots.ForEachLive((_, _, d, _, _) =>
        {
            if ((int)d.Type < byType.Length)
                byType[(int)d.Type]++;
        });
        for (int i = 0; i < counts.Length; i++)
            counts[i] += byType[i];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Decode(ZxHandle handle, out int index, out uint generation)
    {
        uint value = handle.Value;
        uint baseValue = (value ^ _mixer) >> 1;
        index = (int)(baseValue & IndexMask);
        generation = baseValue >> IndexBits;
        return (value & 1) != 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ZxHandle Encode(int index, uint generation) =>
        new(_mixer ^ ((((generation << IndexBits) | (uint)index) << 1) | 1));

    /// <summary>A handle inside a message: it still counts as a handle of its object, which keeps the object alive.</summary>
    internal readonly record struct InTransit(Dispatcher Object, ZxRights Rights)
    {
        /// <summary>Ends a handle that will never be delivered (the message is destroyed).</summary>
        public void Discard() => Object.OnHandleRemoved();
    }

    /// <summary>A handle taken out of a table: its object and rights, still counted as a handle of the object.</summary>
    internal readonly struct Detached(Dispatcher target, ZxRights rights, ProcessDispatcher owner, ZxHandle handle) : IDisposable
    {
        public Dispatcher Object { get; } = target;
        public ZxRights Rights { get; } = rights;

        /// <summary>Ends the handle: waits made through it end with HANDLE_CLOSED, then it stops counting as a handle
        /// of its object (the last handle drops the handles' reference).</summary>
        public void Dispose()
        {
            if (Object is null)
                return;
            Object.CancelWaitsThrough(owner, handle);
            Object.OnHandleRemoved();
        }

        /// <summary>Takes the handle out for a message: waits made through it end, but it still counts as a handle
        /// of its object (see <see cref="AddTransferred"/>).</summary>
        public InTransit Transfer()
        {
            Object.CancelWaitsThrough(owner, handle);
            return new InTransit(Object, Rights);
        }
    }
}
