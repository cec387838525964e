using System.Runtime.CompilerServices;

namespace Zx.Kernel.Object;

/// <summary>One process's handles (Zircon's handle table, per process).</summary>
/// <remarks>
/// <para>A handle value is <c>mixer ^ ((base &lt;&lt; 1) | 1)</c> as in the 2018 kernel, where <c>base</c> holds the slot
/// index in its low 20 bits and a 10-bit generation above it, and the per-process <c>mixer</c> is random with bits
/// 0, 1 and 31 clear. So every value is odd, has bit 31 clear, differs between processes and runs, and names
/// nothing once closed: the slot's generation moves on, and a freed slot waits behind at least 63 others before
/// it is used again. A table holds at most 2^20 handles.</para>
/// <para>Concurrency (docs/decisions.md #38). Slots live in chunks of 256 that never move, found through a directory
/// that only grows. Each slot has a sequence word holding its generation and its state (free, live, or busy while
/// one writer changes it): look-ups read a slot between two reads of its word and write nothing to it; a close
/// claims the slot by turning its word busy with one compare-and-swap. Free slots and fresh index space are kept
/// in shards, each with its own small lock on its own cache line; a host thread always uses the same shard (chosen
/// round-robin on its first use), and a shard that runs dry takes a new chunk of the index space. So two threads
/// working on separate handles share no written cache line.</para>
/// </remarks>
internal sealed class HandleTable
{
    public const int IndexBits = 20;
    public const int MaxHandles = 1 << IndexBits;
    private const uint IndexMask = MaxHandles - 1;
    private const uint GenerationMask = (1u << 10) - 1;
    private const int FreeSlotsBeforeReuse = 64;
    private const int ChunkBits = 8;
    private const int ChunkSize = 1 << ChunkBits;
    private const int MaxChunks = MaxHandles / ChunkSize;

    // A slot's sequence word: its generation above two state bits.
    private const uint StateMask = 3;
    private const uint FreeState = 0;
    private const uint BusyBit = 1;
    private const uint LiveState = 2;

    private static readonly int s_shardMask = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(Environment.ProcessorCount * 2, 2, 64)) - 1;
    private static int s_nextTicket;
    [ThreadStatic] private static int t_ticket;

    private readonly uint _mixer;
    private readonly bool _recordOrigins;
    private readonly Shard[] _shards = new Shard[s_shardMask + 1];
    private readonly Lock _growLock = new();
    private Entry[]?[] _chunks = new Entry[]?[4];
    private int _chunksHanded; // under _growLock

    private struct Entry
    {
        public Dispatcher? Object;
        public ZxRights Rights;
        public uint Sequence;
        public int NextFree;
        public int Origin; // the syscall that created the handle (SyscallScope), when the kernel records it
    }

    // One shard's free list (first in, first out) and fresh index space, under its own spin lock. Its fields sit in
    // the second half of 128 bytes, so neighbouring shards and the array's header share no cache line with them.
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit, Size = 128)]
    private struct Shard
    {
        [System.Runtime.InteropServices.FieldOffset(64)] public int Lock;
        [System.Runtime.InteropServices.FieldOffset(68)] public int FreeHead;
        [System.Runtime.InteropServices.FieldOffset(72)] public int FreeTail;
        [System.Runtime.InteropServices.FieldOffset(76)] public int FreeCount;
        [System.Runtime.InteropServices.FieldOffset(80)] public int NextFresh;
        [System.Runtime.InteropServices.FieldOffset(84)] public int FreshEnd;
        [System.Runtime.InteropServices.FieldOffset(88)] public int Count; // handles added minus handles removed through this shard
    }

    public HandleTable(ProcessDispatcher owner)
    {
        Owner = owner;
        _recordOrigins = owner.Kernel.RecordHandleOrigins;
        _mixer = (uint)(Random.Shared.Next() << 2) & int.MaxValue;
        for (int i = 0; i < _shards.Length; i++)
            _shards[i].FreeHead = _shards[i].FreeTail = -1;
    }

    /// <summary>Bytes of one slot of the table.</summary>
    internal static int EntryBytes => System.Runtime.CompilerServices.Unsafe.SizeOf<Entry>();

    /// <summary>The process the table belongs to.</summary>
    public ProcessDispatcher Owner { get; }

    /// <summary>Live handles in the table (exact when no other thread is changing it).</summary>
    public int Count
    {
        get
        {
            int count = 0;
            for (int i = 0; i < _shards.Length; i++)
                count += Volatile.Read(ref _shards[i].Count);
            return count;
        }
    }

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
        if (_closed)
        {
            handle = ZxHandle.Invalid;
            return ZxStatus.BadState; // the process is dead: nothing is added on its behalf
        }
        int index = Allocate();
        if (index < 0)
        {
            handle = ZxHandle.Invalid;
            return ZxStatus.NoMemory;
        }
        ref Entry entry = ref Slot(index);
        entry.Object = target;
        entry.Rights = rights;
        entry.NextFree = -1;
        entry.Origin = _recordOrigins ? SyscallScope.Current : 0;
        uint live = (entry.Sequence & ~StateMask) | LiveState;
        Volatile.Write(ref entry.Sequence, live); // publishes the fields above
        handle = Encode(index, live >> 2);
        return ZxStatus.Ok;
    }

    /// <summary>Finds a live handle and takes a reference to its object. Lock-free: it reads the slot between two
    /// reads of the slot's sequence word, and writes nothing to the table.</summary>
    public bool TryGet(ZxHandle handle, out Dispatcher? target, out ZxRights rights) => TryFind(handle, countReference: true, out target, out rights);

    /// <summary>Finds a live handle without taking a reference: it writes nothing at all, for syscalls that only
    /// touch the object's signal state (a racing close may destroy the object while they use it, which for its
    /// signals and waits is the same as the close coming just after).</summary>
    public bool TryBorrow(ZxHandle handle, out Dispatcher? target, out ZxRights rights) => TryFind(handle, countReference: false, out target, out rights);

    private bool TryFind(ZxHandle handle, bool countReference, out Dispatcher? target, out ZxRights rights)
    {
        ref Entry entry = ref SlotOf(handle, out _, out uint live);
        if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref entry))
        {
            while (TryReadLive(ref entry, live, out Dispatcher found, out rights))
            {
                if (!countReference)
                {
                    target = found;
                    return true;
                }
                if (found.TryAddRef())
                {
                    if (Volatile.Read(ref entry.Sequence) == live) // TryAddRef was a full fence
                    {
                        target = found;
                        return true;
                    }
                    found.Release();
                }
            }
        }
        target = null;
        rights = ZxRights.None;
        return false;
    }

    // Reads a live slot's object and rights between two reads of its word that both show `live` (acquire reads
    // keep the order word, fields, word); false once the slot holds something else.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadLive(ref Entry entry, uint live, out Dispatcher target, out ZxRights rights)
    {
        while (ReadSettled(ref entry) == live)
        {
            Dispatcher? found = Volatile.Read(ref entry.Object);
            rights = (ZxRights)Volatile.Read(ref System.Runtime.CompilerServices.Unsafe.As<ZxRights, uint>(ref entry.Rights));
            if (found is not null && Volatile.Read(ref entry.Sequence) == live)
            {
                target = found;
                return true;
            }
        }
        target = null!;
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
        ref Entry entry = ref SlotOf(handle, out _, out uint live);
        if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref entry))
            return ZxStatus.BadHandle;
        while (TryReadLive(ref entry, live, out Dispatcher target, out ZxRights sourceRights))
        {
            if ((sourceRights & ZxRights.Duplicate) == 0)
                return ZxStatus.AccessDenied;
            if (!TryNarrowRights(sourceRights, rights, out ZxRights granted))
                return ZxStatus.InvalidArgs;
            if (!target.TryAddHandleToLive())
                continue; // every handle is gone, so the source is too
            if (Volatile.Read(ref entry.Sequence) != live) // the compare-and-swap above was a full fence
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
        ref Entry entry = ref SlotOf(handle, out _, out uint live);
        return !System.Runtime.CompilerServices.Unsafe.IsNullRef(ref entry)
            && TryReadLive(ref entry, live, out Dispatcher found, out _) && ReferenceEquals(found, target);
    }

    /// <summary>True when <paramref name="handle"/> names a live handle.</summary>
    public bool IsValid(ZxHandle handle)
    {
        ref Entry entry = ref SlotOf(handle, out _, out uint live);
        return !System.Runtime.CompilerServices.Unsafe.IsNullRef(ref entry) && ReadSettled(ref entry) == live;
    }

    /// <summary>Removes a handle, handing its count to the caller, who must pass the object to
    /// <see cref="Dispatcher.OnHandleRemoved"/> (directly or through <see cref="Detached.Dispose"/>).</summary>
    public bool TryRemove(ZxHandle handle, out Detached detached)
    {
        ref Entry entry = ref SlotOf(handle, out int index, out uint live);
        if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref entry))
            return TryRemoveAt(ref entry, index, live, out detached);
        detached = default;
        return false;
    }

    // Claims a slot whose word is `live` (one compare-and-swap decides between racing closes), empties it, moves its
    // generation on and gives the index to this thread's shard's free list.
    private bool TryRemoveAt(ref Entry entry, int index, uint live, out Detached detached)
    {
        while (ReadSettled(ref entry) == live)
        {
            if (Interlocked.CompareExchange(ref entry.Sequence, live | BusyBit, live) != live)
                continue;
            detached = new Detached(entry.Object!, entry.Rights, Owner, Encode(index, live >> 2));
            entry.Object = null;
            entry.Rights = ZxRights.None;
            Volatile.Write(ref entry.Sequence, (((live >> 2) + 1) & GenerationMask) << 2 | FreeState);
            Free(index);
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

    private bool _closed;

    /// <summary>Removes and closes every handle.</summary>
    public void RemoveAll()
    {
        var removed = new List<Detached>();
        ForEachLive((ref Entry entry, int index, uint live) =>
        {
            if (TryRemoveAt(ref entry, index, live, out Detached d))
                removed.Add(d);
        });
        foreach (Detached d in removed)
            d.Dispose();
    }

    /// <summary>Lists every live handle with its object and, when recorded, the syscall that created it.</summary>
    public List<HandleCensus> Census()
    {
        var result = new List<HandleCensus>();
        ForEachLive((ref Entry entry, int index, uint live) =>
        {
            if (entry.Object is Dispatcher d)
                result.Add(new HandleCensus(Encode(index, live >> 2), d.Type, d.Koid, entry.Rights, ZxSyscallTable.FromId(entry.Origin)?.CName));
        });
        return result;
    }

    /// <summary>Adds the object of every live handle to <paramref name="objects"/>.</summary>
    public void CollectObjects(HashSet<Dispatcher> objects)
    {
        ForEachLive((ref Entry entry, int index, uint live) =>
        {
            if (entry.Object is Dispatcher d)
                objects.Add(d);
        });
    }

    /// <summary>Counts live handles per object type.</summary>
    public void CountByType(Span<uint> counts)
    {
        uint[] byType = new uint[counts.Length];
        ForEachLive((ref Entry entry, int index, uint live) =>
        {
            if (entry.Object is Dispatcher d && (int)d.Type < byType.Length)
                byType[(int)d.Type]++;
        });
        for (int i = 0; i < counts.Length; i++)
            counts[i] += byType[i];
    }

    private delegate void SlotVisitor(ref Entry entry, int index, uint live);

    // Visits the slots that are live when it reaches them (a snapshot only when nothing else changes the table).
    private void ForEachLive(SlotVisitor visit)
    {
        Entry[]?[] chunks = Volatile.Read(ref _chunks);
        for (int c = 0; c < chunks.Length; c++)
        {
            Entry[]? chunk = Volatile.Read(ref chunks[c]);
            if (chunk is null)
                continue;
            for (int i = 0; i < chunk.Length; i++)
            {
                uint sequence = ReadSettled(ref chunk[i]);
                if ((sequence & StateMask) == LiveState)
                    visit(ref chunk[i], (c << ChunkBits) | i, sequence);
            }
        }
    }

    // The slot a handle value points at, its index and the word the slot has while that handle is live; a null
    // reference for a value that is not a handle value or whose chunk was never handed out.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Entry SlotOf(ZxHandle handle, out int index, out uint live)
    {
        if (Decode(handle, out index, out uint generation))
        {
            live = LiveSequence(generation);
            return ref Slot(index);
        }
        live = 0;
        return ref System.Runtime.CompilerServices.Unsafe.NullRef<Entry>();
    }

    // The slot of an index, or a null reference when its chunk was never handed out.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Entry Slot(int index)
    {
        Entry[]?[] chunks = Volatile.Read(ref _chunks);
        int c = index >> ChunkBits;
        if ((uint)c < (uint)chunks.Length)
        {
            Entry[]? chunk = Volatile.Read(ref chunks[c]);
            if (chunk is not null)
                return ref chunk[index & (ChunkSize - 1)];
        }
        return ref System.Runtime.CompilerServices.Unsafe.NullRef<Entry>();
    }

    // A slot's word once no writer holds it; writers hold a slot for a few instructions.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint ReadSettled(ref Entry entry)
    {
        uint sequence = Volatile.Read(ref entry.Sequence);
        return (sequence & BusyBit) == 0 ? sequence : WaitUntilSettled(ref entry);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static uint WaitUntilSettled(ref Entry entry)
    {
        uint sequence;
        SpinWait spin = default;
        do
        {
            spin.SpinOnce(sleep1Threshold: -1);
            sequence = Volatile.Read(ref entry.Sequence);
        }
        while ((sequence & BusyBit) != 0);
        return sequence;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint LiveSequence(uint generation) => (generation << 2) | LiveState;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Shard ThisThreadsShard()
    {
        int ticket = t_ticket;
        if (ticket == 0)
            ticket = TakeTicket();
        return ref _shards[ticket & s_shardMask];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int TakeTicket() => t_ticket = Interlocked.Increment(ref s_nextTicket);

    // A free index for a new handle, or -1 when all 2^20 are in use: this thread's shard's oldest free slot once 64
    // wait there, else fresh index space (a new chunk when the shard's is used up), else any free slot anywhere.
    private int Allocate()
    {
        ref Shard shard = ref ThisThreadsShard();
        Enter(ref shard);
        int index = shard.FreeCount >= FreeSlotsBeforeReuse ? PopFree(ref shard) : TakeFresh(ref shard);
        if (index < 0 && TryGrow(out int start))
        {
            index = start;
            shard.NextFresh = start + 1;
            shard.FreshEnd = start + ChunkSize;
        }
        if (index < 0)
            index = PopFree(ref shard);
        if (index >= 0)
            shard.Count++;
        Exit(ref shard);
        return index >= 0 ? index : AllocateFromOtherShards();
    }

    // The table's index space is all handed out and this thread's shard has nothing left: take what another has.
    private int AllocateFromOtherShards()
    {
        for (int i = 0; i < _shards.Length; i++)
        {
            ref Shard shard = ref _shards[i];
            Enter(ref shard);
            int index = PopFree(ref shard);
            if (index < 0)
                index = TakeFresh(ref shard);
            if (index >= 0)
                shard.Count++;
            Exit(ref shard);
            if (index >= 0)
                return index;
        }
        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int TakeFresh(ref Shard shard) => shard.NextFresh < shard.FreshEnd ? shard.NextFresh++ : -1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int PopFree(ref Shard shard)
    {
        int index = shard.FreeHead;
        if (index < 0)
            return -1;
        shard.FreeHead = Slot(index).NextFree;
        if (shard.FreeHead < 0)
            shard.FreeTail = -1;
        shard.FreeCount--;
        return index;
    }

    private void Free(int index)
    {
        ref Shard shard = ref ThisThreadsShard();
        Enter(ref shard);
        Slot(index).NextFree = -1;
        if (shard.FreeTail >= 0)
            Slot(shard.FreeTail).NextFree = index;
        else
            shard.FreeHead = index;
        shard.FreeTail = index;
        shard.FreeCount++;
        shard.Count--;
        Exit(ref shard);
    }

    // Hands out the next chunk of index space: its slots exist (all free, generation 0) before it is returned.
    private bool TryGrow(out int start)
    {
        lock (_growLock)
        {
            if (_chunksHanded == MaxChunks)
            {
                start = -1;
                return false;
            }
            int c = _chunksHanded++;
            var chunk = new Entry[ChunkSize];
            Entry[]?[] chunks = _chunks;
            if (c < chunks.Length)
            {
                Volatile.Write(ref chunks[c], chunk);
            }
            else
            {
                Entry[]?[] grown = new Entry[]?[Math.Min(chunks.Length * 2, MaxChunks)];
                Array.Copy(chunks, grown, chunks.Length);
                grown[c] = chunk;
                Volatile.Write(ref _chunks, grown);
            }
            start = c << ChunkBits;
            return true;
        }
    }

    // Takes a shard's lock. Finding it held means another thread uses the same shard right now (two threads' tickets
    // fell on one shard), so this thread takes a new ticket: threads that collide move apart after a few collisions,
    // and each then has a shard (and its cache line) to itself.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Enter(ref Shard shard)
    {
        if (Interlocked.CompareExchange(ref shard.Lock, 1, 0) != 0)
            EnterContended(ref shard);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void EnterContended(ref Shard shard)
    {
        TakeTicket();
        SpinWait spin = default;
        do
            spin.SpinOnce(sleep1Threshold: -1);
        while (Volatile.Read(ref shard.Lock) != 0 || Interlocked.CompareExchange(ref shard.Lock, 1, 0) != 0);
    }

    /// <summary>The shard this thread's next handle operations use (tests).</summary>
    internal static int CurrentThreadShard => t_ticket & s_shardMask;

    /// <summary>Points this thread at the same shard as a thread whose <see cref="CurrentThreadShard"/> is
    /// <paramref name="shard"/> (tests: makes two threads collide).</summary>
    internal static void UseShardForTests(int shard) => t_ticket = (s_shardMask + 1) * 1024 + shard;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Exit(ref Shard shard) => Volatile.Write(ref shard.Lock, 0);

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
