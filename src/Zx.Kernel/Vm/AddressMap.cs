namespace Zx.Kernel.Vm;

/// <summary>A region's children ordered by base address, with the look-ups the region needs in logarithmic time:
/// the child at or below an address, and the children from there on. Children never overlap, so the one at or below
/// an address is the only earlier one that can reach past it.</summary>
/// <remarks>
/// The entries live in sorted chunks of at most <see cref="ChunkCapacity"/>, themselves in address order: finding a
/// place is a binary search over the chunks' first keys and then within one chunk, and an insert or remove moves at
/// most one chunk's entries (a single sorted array would move all of them: at 30,000 mappings that is hundreds of
/// kilobytes per map). Not thread-safe: the aspace lock guards it.
/// </remarks>
internal sealed class AddressMap<T> where T : class
{
    /// <summary>The most entries a chunk holds before it splits.</summary>
    public const int ChunkCapacity = 256;

    private sealed class Chunk
    {
        public readonly ulong[] Keys = new ulong[ChunkCapacity];
        public readonly T[] Values = new T[ChunkCapacity];
        public int Count;
    }

    private readonly List<Chunk> _chunks = [];

    /// <summary>How many entries the map holds.</summary>
    public int Count { get; private set; }

    /// <summary>Adds <paramref name="value"/> at <paramref name="key"/>, which no entry holds.</summary>
    /// <exception cref="ArgumentException">An entry with that key exists.</exception>
    public void Add(ulong key, T value)
    {
        if (_chunks.Count == 0)
            _chunks.Add(new Chunk());
        int c = ChunkFor(key);
        Chunk chunk = _chunks[c];
        int i = Array.BinarySearch(chunk.Keys, 0, chunk.Count, key);
        if (i >= 0)
            throw new ArgumentException($"an entry at 0x{key:x} exists", nameof(key));
        i = ~i;
        if (chunk.Count == ChunkCapacity)
        {
            // Split: the upper half moves to a new chunk after this one.
            var upper = new Chunk { Count = ChunkCapacity / 2 };
            Array.Copy(chunk.Keys, ChunkCapacity / 2, upper.Keys, 0, upper.Count);
            Array.Copy(chunk.Values, ChunkCapacity / 2, upper.Values, 0, upper.Count);
            Array.Clear(chunk.Values, ChunkCapacity / 2, upper.Count);
            chunk.Count = ChunkCapacity / 2;
            _chunks.Insert(c + 1, upper);
            if (i > chunk.Count)
            {
                chunk = upper;
                i -= ChunkCapacity / 2;
            }
        }
        Array.Copy(chunk.Keys, i, chunk.Keys, i + 1, chunk.Count - i);
        Array.Copy(chunk.Values, i, chunk.Values, i + 1, chunk.Count - i);
        chunk.Keys[i] = key;
        chunk.Values[i] = value;
        chunk.Count++;
        Count++;
    }

    /// <summary>Removes the entry at <paramref name="key"/> when it is <paramref name="value"/>; false otherwise.</summary>
    public bool Remove(ulong key, T value)
    {
        if (_chunks.Count == 0)
            return false;
        int c = ChunkFor(key);
        Chunk chunk = _chunks[c];
        int i = Array.BinarySearch(chunk.Keys, 0, chunk.Count, key);
        if (i < 0 || !ReferenceEquals(chunk.Values[i], value))
            return false;
        Array.Copy(chunk.Keys, i + 1, chunk.Keys, i, chunk.Count - i - 1);
        Array.Copy(chunk.Values, i + 1, chunk.Values, i, chunk.Count - i - 1);
        chunk.Count--;
        chunk.Values[chunk.Count] = null!;
        if (chunk.Count == 0 && _chunks.Count > 1)
            _chunks.RemoveAt(c);
        Count--;
        return true;
    }

    /// <summary>The entry with the greatest key at or below <paramref name="key"/>, or null.</summary>
    public T? AtOrBelow(ulong key)
    {
        if (Count == 0)
            return null;
        int c = ChunkFor(key);
        Chunk chunk = _chunks[c];
        int i = Array.BinarySearch(chunk.Keys, 0, chunk.Count, key);
        if (i < 0)
            i = ~i - 1;
        return i >= 0 ? chunk.Values[i] : null;
    }

    /// <summary>The entries in key order, starting with the one at or below <paramref name="key"/> (or the first one
    /// when none is). A struct: a <c>foreach</c> over it allocates nothing (the map and unmap paths walk it on every
    /// call).</summary>
    public Walk From(ulong key) => new(this, key);

    /// <summary>The entries from a key on, in key order (<see cref="From"/>).</summary>
    public readonly struct Walk(AddressMap<T> map, ulong key) : IEnumerable<T>
    {
        /// <summary>The walk's enumerator (a struct, for <c>foreach</c>).</summary>
        public Enumerator GetEnumerator() => new(map, key);

        IEnumerator<T> IEnumerable<T>.GetEnumerator() => GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Walks the chunks from the entry at or below a key; the map must not change while it walks.</summary>
    public struct Enumerator : IEnumerator<T>
    {
        private readonly List<Chunk> _chunks;
        private int _chunk, _index;
        private T? _current;

        internal Enumerator(AddressMap<T> map, ulong key)
        {
            _chunks = map._chunks;
            _current = null;
            if (map.Count == 0)
            {
                _chunk = _chunks.Count;
                _index = -1;
                return;
            }
            _chunk = map.ChunkFor(key);
            int i = Array.BinarySearch(_chunks[_chunk].Keys, 0, _chunks[_chunk].Count, key);
            _index = (i >= 0 ? i : Math.Max(~i - 1, 0)) - 1; // MoveNext steps onto it
        }

        /// <inheritdoc/>
        public readonly T Current => _current!;

        readonly object System.Collections.IEnumerator.Current => Current;

        /// <inheritdoc/>
        public bool MoveNext()
        {
            for (; _chunk < _chunks.Count; _chunk++, _index = -1)
            {
                Chunk chunk = _chunks[_chunk];
                if (++_index < chunk.Count)
                {
                    _current = chunk.Values[_index];
                    return true;
                }
            }
            return false;
        }

        /// <summary>Not supported: take a new walk instead.</summary>
        public readonly void Reset() => throw new NotSupportedException();

        /// <inheritdoc/>
        public readonly void Dispose() { }
    }

    /// <summary>Every entry, in key order.</summary>
    public Walk Values => From(0);

    // The chunk whose range holds key: the last one whose first key is at or below it (the first chunk for smaller
    // keys). Empty chunks exist only when the map is empty.
    private int ChunkFor(ulong key)
    {
        int lo = 0, hi = _chunks.Count - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (_chunks[mid].Count > 0 && _chunks[mid].Keys[0] <= key)
                lo = mid;
            else
                hi = mid - 1;
        }
        return lo;
    }
}
