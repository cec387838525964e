using Zx.Kernel.Host;

namespace Zx.Kernel.Object;

/// <summary>One end of a fifo (Zircon's <c>FifoDispatcher</c>): a ring of fixed-size elements that the peer writes
/// and this end reads. Both ends share the pair's lock, so a write, a read and a close are each one step.</summary>
/// <remarks>The ring's bytes are kernel memory charged to the board's RAM, like queued channel messages: both rings
/// at creation, given back when the end is destroyed.</remarks>
// Safety: user pointers are touched only through UserCopy; the ring is a managed array pinned for each copy.
internal sealed unsafe class FifoDispatcher : PeeredDispatcher
{
    /// <summary><c>kMaxSizeBytes</c>: a ring holds at most one page.</summary>
    public const ulong MaxSizeBytes = 4096;

    private readonly byte[] _ring;
    private readonly uint _elementCount; // a power of two
    private readonly uint _elementSize;
    private uint _head; // next element written, counted from creation (wraps); under PairLock
    private uint _tail; // next element read; under PairLock

    private FifoDispatcher(KernelContext kernel, uint elementCount, uint elementSize) : base(kernel, ZxSignals.ObjectWritable)
    {
        _elementCount = elementCount;
        _elementSize = elementSize;
        _ring = new byte[elementCount * elementSize];
    }

    /// <inheritdoc/>
    public override ZxObjectType Type => ZxObjectType.Fifo;

    /// <summary>Bytes one end's ring holds.</summary>
    private ulong RingBytes => (ulong)_ring.Length;

    /// <summary><c>FifoDispatcher::Create</c>: OUT_OF_RANGE unless the count is a power of two, both sizes are
    /// nonzero and the ring is at most 4,096 bytes; NO_MEMORY when the board's RAM cannot hold both rings. Returns
    /// one end; the other is its <see cref="Dispatcher.Peer"/>.</summary>
    public static Result<FifoDispatcher> Create(KernelContext kernel, ulong count, ulong elementSize)
    {
        if (count == 0 || elementSize == 0 || (count & (count - 1)) != 0 || count > MaxSizeBytes || elementSize > MaxSizeBytes
            || count * elementSize > MaxSizeBytes)
            return ZxStatus.OutOfRange;
        if (!kernel.Pmm.TryChargeHeap(2 * count * elementSize))
            return ZxStatus.NoMemory;
        var a = new FifoDispatcher(kernel, (uint)count, (uint)elementSize);
        var b = new FifoDispatcher(kernel, (uint)count, (uint)elementSize);
        Link(a, b);
        return a;
    }

    /// <inheritdoc/>
    protected override void OnDestroy() => Kernel.Pmm.UnchargeHeap(RingBytes);

    /// <summary>The peer is gone: PEER_CLOSED, and no longer WRITABLE.</summary>
    protected override void OnPeerZeroHandles() => UpdateState(ZxSignals.ObjectWritable, ZxSignals.ObjectPeerClosed);

    /// <summary><c>WriteFromUser</c>: writes up to <paramref name="count"/> elements into the peer's ring.
    /// PEER_CLOSED first, then OUT_OF_RANGE (another element size, or none), SHOULD_WAIT (the ring is full),
    /// INVALID_ARGS (the buffer cannot be read: nothing is written).</summary>
    public ZxStatus Write(ulong elementSize, byte* data, ulong count, out ulong actual)
    {
        actual = 0;
        lock (PairLock)
        {
            if (PeerLocked is not FifoDispatcher peer)
                return ZxStatus.PeerClosed;
            return peer.WriteSelfLocked(this, elementSize, data, count, out actual);
        }
    }

    private ZxStatus WriteSelfLocked(FifoDispatcher writer, ulong elementSize, byte* data, ulong count, out ulong actual)
    {
        actual = 0;
        if (elementSize != _elementSize || count == 0)
            return ZxStatus.OutOfRange;
        uint room = _elementCount - (_head - _tail);
        if (room == 0)
            return ZxStatus.ShouldWait;
        bool wasEmpty = room == _elementCount;
        uint n = (uint)Math.Min(count, room);
        if (!CopyRing(data, _head, n, toRing: true))
            return ZxStatus.InvalidArgs;
        _head += n;
        if (wasEmpty)
            UpdateState(0, ZxSignals.ObjectReadable);
        if (_head - _tail == _elementCount)
            writer.UpdateState(ZxSignals.ObjectWritable, 0);
        actual = n;
        return ZxStatus.Ok;
    }

    /// <summary><c>ReadToUser</c>: reads up to <paramref name="count"/> elements from this end's ring. OUT_OF_RANGE
    /// (another element size, or none), then SHOULD_WAIT when empty (PEER_CLOSED when the peer is gone too),
    /// INVALID_ARGS (the buffer cannot be written: nothing is taken).</summary>
    public ZxStatus Read(ulong elementSize, byte* data, ulong count, out ulong actual)
    {
        actual = 0;
        if (elementSize != _elementSize || count == 0)
            return ZxStatus.OutOfRange;
        lock (PairLock)
        {
            uint available = _head - _tail;
            if (available == 0)
                return PeerLocked is null ? ZxStatus.PeerClosed : ZxStatus.ShouldWait;
            bool wasFull = available == _elementCount;
            uint n = (uint)Math.Min(count, available);
            if (!CopyRing(data, _tail, n, toRing: false))
                return ZxStatus.InvalidArgs;
            _tail += n;
            if (wasFull)
                PeerLocked?.UpdateState(0, ZxSignals.ObjectWritable);
            if (_head == _tail)
                UpdateState(ZxSignals.ObjectReadable, 0);
            actual = n;
            return ZxStatus.Ok;
        }
    }

    /// <summary>Copies <paramref name="count"/> elements between the user's buffer and the ring from element
    /// <paramref name="position"/>, in two pieces when they wrap; false, with the ring's indexes untouched, when the
    /// user's buffer fails.</summary>
    private bool CopyRing(byte* user, uint position, uint count, bool toRing)
    {
        uint offset = position & (_elementCount - 1);
        uint first = Math.Min(count, _elementCount - offset);
        fixed (byte* ring = _ring)
        {
            byte* at = ring + (ulong)offset * _elementSize;
            ulong firstBytes = (ulong)first * _elementSize, restBytes = (ulong)(count - first) * _elementSize;
            return toRing
                ? UserCopy.TryCopy(at, user, firstBytes) && (restBytes == 0 || UserCopy.TryCopy(ring, user + firstBytes, restBytes))
                : UserCopy.TryCopy(user, at, firstBytes) && (restBytes == 0 || UserCopy.TryCopy(user + firstBytes, ring, restBytes));
        }
    }
}
