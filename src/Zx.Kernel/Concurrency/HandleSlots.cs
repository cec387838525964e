using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Zx.Kernel.Object;

namespace Zx.Kernel.Concurrency;

/// <summary>The storage behind one process's handle table: slots that hold an object, its rights and the syscall
/// that made the handle, each with a sequence word, in chunks that never move; and the per-thread shards that hand
/// out free slots. It knows nothing of handle values or rights rules (<see cref="HandleTable"/> does); it answers
/// "is slot <c>i</c> live in generation <c>g</c>, and with what" without taking a lock. docs/concurrency.md draws
/// its state machine.</summary>
/// <remarks>
/// <para>A slot's sequence word is its generation above two state bits: Free, Live, or Busy (one writer is changing
/// the slot). A look-up reads the fields between two reads of the word that both show Live in the generation it
/// expects, and writes nothing. A removal claims the slot by turning its word Busy with one compare-and-swap, so of
/// two racing closes exactly one wins; it then empties the slot and writes the word Free with the next generation.
/// A new handle's fields are written before the word turns Live (a release write), so a reader that sees Live sees
/// them.</para>
/// <para>Free slots and fresh index space are kept in shards, each with its own small lock on its own cache line; a
/// host thread always uses the same shard (chosen round-robin on its first use), and a shard that runs dry takes a
/// new chunk of the index space. So two threads working on separate handles share no written cache line. A freed
/// slot waits behind at least 63 others of its shard before it is used again.</para>
/// <para>This is a mutable struct embedded in <see cref="HandleTable"/> (no indirection on the look-up path): it
/// must live in a field and never be copied.</para>
/// </remarks>
internal struct HandleSlots
{
    /// <summary>Bits of a slot index: a table holds at most 2^20 slots.</summary>
    public const int IndexBits = 20;

    /// <summary>The most slots a table can have.</summary>
    public const int Capacity = 1 << IndexBits;

    /// <summary>Generations count modulo 2^10.</summary>
    public const uint GenerationMask = (1u << 10) - 1;

    private const int FreeSlotsBeforeReuse = 64;
    private const int ChunkBits = 8;
    private const int ChunkSize = 1 << ChunkBits;
    private const int MaxChunks = Capacity / ChunkSize;

    // A slot's sequence word: its generation above two state bits.
    private const uint StateMask = 3;
    private const uint FreeState = 0;
    private const uint BusyBit = 1;
    private const uint LiveState = 2;

    private static readonly int s_shardMask = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(Environment.ProcessorCount * 2, 2, 64)) - 1;
    private static int s_nextTicket;
    [ThreadStatic] private static int t_ticket;

    private readonly Shard[] _shards;
    private readonly Lock _growLock;
    private Entry[]?[] _chunks;
    private int _chunksHanded; // under _growLock

    /// <summary>One slot.</summary>
    internal struct Entry
    {
        public Dispatcher? Object;
        public ZxRights Rights;
        public uint Sequence;
        public int NextFree;
        public int Origin; // the syscall that created the handle (SyscallScope), when the kernel records it
    }

    // One shard's free list (first in, first out) and fresh index space, under its own spin lock. Its fields sit in
    // the second half of 128 bytes, so neighbouring shards and the array's header share no cache line with them.
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct Shard
    {
        [FieldOffset(64)] public int Lock;
        [FieldOffset(68)] public int FreeHead;
        [FieldOffset(72)] public int FreeTail;
        [FieldOffset(76)] public int FreeCount;
        [FieldOffset(80)] public int NextFresh;
        [FieldOffset(84)] public int FreshEnd;
        [FieldOffset(88)] public int Count; // slots taken minus slots freed through this shard
    }

    /// <summary>An empty store.</summary>
    public HandleSlots()
    {
        _shards = new Shard[s_shardMask + 1];
        _growLock = new Lock();
        _chunks = new Entry[]?[4];
        for (int i = 0; i < _shards.Length; i++)
            _shards[i].FreeHead = _shards[i].FreeTail = -1;
    }

    /// <summary>Bytes of one slot.</summary>
    public static int EntryBytes => Unsafe.SizeOf<Entry>();

    /// <summary>Live slots (exact when no other thread is changing the store).</summary>
    public readonly int Count
    {
        get
        {
            int count = 0;
            for (int i = 0; i < _shards.Length; i++)
                count += Volatile.Read(ref _shards[i].Count);
            return count;
        }
    }

    /// <summary>Takes a free slot for a new handle; false when all 2^20 are in use.</summary>
    public bool TryTake(out int index)
    {
        index = Allocate();
        return index >= 0;
    }

    /// <summary>Fills a slot taken with <see cref="TryTake"/> and makes it live; returns the generation it is live
    /// in.</summary>
    public uint Publish(int index, Dispatcher target, ZxRights rights, int origin)
    {
        ref Entry entry = ref EntryAt(index);
        entry.Object = target;
        entry.Rights = rights;
        entry.NextFree = -1;
        entry.Origin = origin;
        uint live = (entry.Sequence & ~StateMask) | LiveState;
        Volatile.Write(ref entry.Sequence, live); // publishes the fields above
        return live >> 2;
    }

    /// <summary>The slot at <paramref name="index"/>, to read while it is live in a generation; a slot whose
    /// <see cref="Slot.Exists"/> is false when its chunk was never handed out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly Slot At(int index) => new(ref EntryAt(index));

    /// <summary>A reference to one slot, read without locks.</summary>
    public readonly ref struct Slot
    {
        private readonly ref Entry _entry;

        internal Slot(ref Entry entry) => _entry = ref entry;

        /// <summary>False for an index whose chunk was never handed out (no handle can name it).</summary>
        public bool Exists => !Unsafe.IsNullRef(ref _entry);

        /// <summary>Reads the slot's object and rights between two reads of its word that both show it live in
        /// <paramref name="generation"/> (acquire reads keep the order word, fields, word); false once it holds
        /// something else.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryRead(uint generation, out Dispatcher target, out ZxRights rights)
        {
            uint live = LiveWord(generation);
            while (ReadSettled(ref _entry) == live)
            {
                Dispatcher? found = Volatile.Read(ref _entry.Object);
                rights = (ZxRights)Volatile.Read(ref Unsafe.As<ZxRights, uint>(ref _entry.Rights));
                if (found is not null && Volatile.Read(ref _entry.Sequence) == live)
                {
                    target = found;
                    return true;
                }
            }
            target = null!;
            rights = ZxRights.None;
            return false;
        }

        /// <summary>True when the slot is still live in <paramref name="generation"/>, by one read of its word (the
        /// caller's interlocked operation just before was the fence).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool IsUnchanged(uint generation) => Volatile.Read(ref _entry.Sequence) == LiveWord(generation);

        /// <summary>True when the slot is live in <paramref name="generation"/> once no writer holds it.</summary>
        public bool IsLive(uint generation) => ReadSettled(ref _entry) == LiveWord(generation);
    }

    /// <summary>Empties a slot that is live in <paramref name="generation"/> (one compare-and-swap decides between
    /// racing removals), moves its generation on and gives the index to this thread's shard; false when it was not
    /// live in that generation.</summary>
    public bool TryRemove(int index, uint generation, out Dispatcher target, out ZxRights rights)
    {
        ref Entry entry = ref EntryAt(index);
        if (!Unsafe.IsNullRef(ref entry))
        {
            uint live = LiveWord(generation);
            while (ReadSettled(ref entry) == live)
            {
                if (Interlocked.CompareExchange(ref entry.Sequence, live | BusyBit, live) != live)
                    continue;
                target = entry.Object!;
                rights = entry.Rights;
                entry.Object = null;
                entry.Rights = ZxRights.None;
                Volatile.Write(ref entry.Sequence, ((generation + 1) & GenerationMask) << 2 | FreeState);
                Free(index);
                return true;
            }
        }
        target = null!;
        rights = ZxRights.None;
        return false;
    }

    /// <summary>What <see cref="ForEachLive"/> shows of a live slot.</summary>
    public delegate void LiveSlotVisitor(int index, uint generation, Dispatcher target, ZxRights rights, int origin);

    /// <summary>Visits the slots that are live when it reaches them (a snapshot only when nothing else changes the
    /// store).</summary>
    public readonly void ForEachLive(LiveSlotVisitor visit)
    {
        Entry[]?[] chunks = Volatile.Read(ref Unsafe.AsRef(in _chunks));
        for (int c = 0; c < chunks.Length; c++)
        {
            Entry[]? chunk = Volatile.Read(ref chunks[c]);
            if (chunk is null)
                continue;
            for (int i = 0; i < chunk.Length; i++)
            {
                uint sequence = ReadSettled(ref chunk[i]);
                if ((sequence & StateMask) == LiveState && chunk[i].Object is Dispatcher target)
                    visit((c << ChunkBits) | i, sequence >> 2, target, chunk[i].Rights, chunk[i].Origin);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint LiveWord(uint generation) => (generation << 2) | LiveState;

    // The slot of an index, or a null reference when its chunk was never handed out.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly ref Entry EntryAt(int index)
    {
        Entry[]?[] chunks = Volatile.Read(ref Unsafe.AsRef(in _chunks));
        int c = index >> ChunkBits;
        if ((uint)c < (uint)chunks.Length)
        {
            Entry[]? chunk = Volatile.Read(ref chunks[c]);
            if (chunk is not null)
                return ref chunk[index & (ChunkSize - 1)];
        }
        return ref Unsafe.NullRef<Entry>();
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

    // ------------------------------------------------------------------ the shards

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly ref Shard ThisThreadsShard()
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

    // The store's index space is all handed out and this thread's shard has nothing left: take what another has.
    private readonly int AllocateFromOtherShards()
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
    private readonly int PopFree(ref Shard shard)
    {
        int index = shard.FreeHead;
        if (index < 0)
            return -1;
        shard.FreeHead = EntryAt(index).NextFree;
        if (shard.FreeHead < 0)
            shard.FreeTail = -1;
        shard.FreeCount--;
        return index;
    }

    private readonly void Free(int index)
    {
        ref Shard shard = ref ThisThreadsShard();
        Enter(ref shard);
        EntryAt(index).NextFree = -1;
        if (shard.FreeTail >= 0)
            EntryAt(shard.FreeTail).NextFree = index;
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Exit(ref Shard shard) => Volatile.Write(ref shard.Lock, 0);

    /// <summary>The shard this thread's next handle operations use (tests).</summary>
    internal static int CurrentThreadShard => t_ticket & s_shardMask;

    /// <summary>Points this thread at the same shard as a thread whose <see cref="CurrentThreadShard"/> is
    /// <paramref name="shard"/> (tests: makes two threads collide).</summary>
    internal static void UseShardForTests(int shard) => t_ticket = (s_shardMask + 1) * 1024 + shard;
}
