using System.Buffers;
using Zx.Kernel.Host;
using Zx.Kernel.Vm;

namespace Zx.Kernel.Object;

/// <summary>One end of a socket (Zircon's <c>SocketDispatcher</c>): a byte stream or a queue of datagrams that the
/// peer writes and this end reads, optionally with a one-message control plane and a one-socket accept slot. Both
/// ends share the pair's lock, so every write, read, shutdown and close is one step.</summary>
/// <remarks>Each end's receive buffer holds at most <see cref="ZxSocket.BufferMax"/> bytes, the 2018 kernel's 128
/// buffers of 2,008 bytes, so SHOULD_WAIT comes exactly where the kernel's does. The memory holding queued bytes is
/// kernel memory charged to the board's RAM, like queued channel messages: the buffer grows as bytes arrive and is
/// given back when it empties.</remarks>
// Safety: user pointers are touched only through UserCopy; the buffers are managed arrays pinned for each copy.
internal sealed unsafe class SocketDispatcher : PeeredDispatcher
{
    private readonly uint _options;
    private readonly ReceiveBuffer _data;    // what the peer wrote, for this end to read; under PairLock
    private readonly byte[]? _control;       // the control message the peer wrote (HAS_CONTROL); under PairLock
    private int _controlLength;              // 0: the control slot is free
    private HandleTable.InTransit? _shared;  // the socket the peer shared (HAS_ACCEPT); under PairLock
    private ulong _readThreshold;
    private ulong _writeThreshold;
    private bool _readDisabled;              // the peer will write no more (shut down either way)
    private bool _writeDisabled;

    private SocketDispatcher(KernelContext kernel, uint options, ZxSignals initialSignals)
        : base(kernel, initialSignals)
    {
        _options = options;
        _data = new ReceiveBuffer(kernel.Pmm);
        if ((options & ZxSocket.HasControl) != 0)
            _control = new byte[ZxSocket.ControlMessageMax];
    }

    /// <inheritdoc/>
    public override ZxObjectType Type => ZxObjectType.Socket;

    private bool IsDatagram => (_options & ZxSocket.Datagram) != 0;

    private SocketDispatcher? PeerSocket => (SocketDispatcher?)PeerLocked;

    /// <summary><c>SocketDispatcher::Create</c>: INVALID_ARGS for an unknown option; NO_MEMORY when the board's RAM
    /// cannot hold the control planes. Both ends start WRITABLE, with SHARE (HAS_ACCEPT) and CONTROL_WRITABLE
    /// (HAS_CONTROL). Returns one end; the other is its <see cref="Dispatcher.Peer"/>.</summary>
    public static Result<SocketDispatcher> Create(KernelContext kernel, uint options)
    {
        if ((options & ~ZxSocket.CreateMask) != 0)
            return ZxStatus.InvalidArgs;
        ZxSignals initial = ZxSignals.ObjectWritable;
        if ((options & ZxSocket.HasAccept) != 0)
            initial |= ZxSignals.SocketShare;
        if ((options & ZxSocket.HasControl) != 0)
        {
            initial |= ZxSignals.SocketControlWritable;
            if (!kernel.Pmm.TryChargeHeap(2 * ZxSocket.ControlMessageMax))
                return ZxStatus.NoMemory;
        }
        var a = new SocketDispatcher(kernel, options, initial);
        var b = new SocketDispatcher(kernel, options, initial);
        Link(a, b);
        return a;
    }

    /// <inheritdoc/>
    protected override void OnDestroy()
    {
        _data.Release();
        if (_control is not null)
            Kernel.Pmm.UnchargeHeap(ZxSocket.ControlMessageMax);
    }

    /// <summary>The peer is gone: PEER_CLOSED, and no longer WRITABLE.</summary>
    protected override void OnPeerZeroHandles() => UpdateState(ZxSignals.ObjectWritable, ZxSignals.ObjectPeerClosed);

    /// <summary>When the last handle goes, the peer sees PEER_CLOSED and a shared socket still waiting here is
    /// closed (as a channel's queued messages are).</summary>
    protected override void OnZeroHandles()
    {
        base.OnZeroHandles();
        HandleTable.InTransit? shared;
        lock (PairLock)
        {
            shared = _shared;
            _shared = null;
        }
        shared?.Discard();
    }

    /// <inheritdoc/>
    public override void CollectCarriedObjects(List<Dispatcher> carried)
    {
        lock (PairLock)
        {
            if (_shared is { } shared)
                carried.Add(shared.Object);
        }
    }

    /// <summary><c>Write</c>: queues bytes for the peer. PEER_CLOSED, then BAD_STATE (this end shut down writing);
    /// no bytes is OK with nothing written; then INVALID_ARGS (more than 4 GiB), SHOULD_WAIT (the peer's buffer is
    /// full), OUT_OF_RANGE (a datagram larger than the buffer), SHOULD_WAIT (a datagram that does not fit now),
    /// NO_MEMORY (the board's RAM is full), INVALID_ARGS (the bytes cannot be read: nothing is written). A stream
    /// write takes what fits.</summary>
    public ZxStatus Write(byte* data, ulong length, out ulong written)
    {
        written = 0;
        lock (PairLock)
        {
            if (PeerSocket is not { } peer)
                return ZxStatus.PeerClosed;
            if (_writeDisabled)
                return ZxStatus.BadState;
            if (length == 0)
                return ZxStatus.Ok;
            if (length > uint.MaxValue)
                return ZxStatus.InvalidArgs;
            return peer.WriteSelfLocked(this, data, length, out written);
        }
    }

    private ZxStatus WriteSelfLocked(SocketDispatcher writer, byte* data, ulong length, out ulong written)
    {
        written = 0;
        if (_data.IsFull)
            return ZxStatus.ShouldWait;
        bool wasEmpty = _data.IsEmpty;
        ZxStatus status = IsDatagram ? _data.WriteDatagram(data, length, out written) : _data.WriteStream(data, length, out written);
        if (status != ZxStatus.Ok)
            return status;
        ZxSignals set = wasEmpty ? ZxSignals.ObjectReadable : 0;
        if (_readThreshold > 0 && _data.Size >= _readThreshold)
            set |= ZxSignals.SocketReadThreshold;
        if (set != 0)
            UpdateState(0, set);
        ZxSignals clear = 0;
        if (writer._writeThreshold > 0 && ZxSocket.BufferMax - _data.Size < writer._writeThreshold)
            clear |= ZxSignals.SocketWriteThreshold;
        if (_data.IsFull)
            clear |= ZxSignals.ObjectWritable;
        if (clear != 0)
            writer.UpdateState(clear, 0);
        return ZxStatus.Ok;
    }

    /// <summary><c>Read</c>: takes (or, peeking, copies) queued bytes: a stream read what is there up to
    /// <paramref name="length"/>, a datagram read one datagram (the part past <paramref name="length"/> is dropped).
    /// No buffer and no length asks how many bytes one read could take. Then INVALID_ARGS (more than 4 GiB); when
    /// empty PEER_CLOSED (the peer is gone), BAD_STATE (the peer shut down writing), else SHOULD_WAIT; INVALID_ARGS
    /// (the buffer cannot be written: nothing is taken).</summary>
    public ZxStatus Read(byte* buffer, ulong length, bool peek, out ulong read)
    {
        read = 0;
        lock (PairLock)
        {
            if (buffer is null && length == 0)
            {
                read = _data.Available(IsDatagram);
                return ZxStatus.Ok;
            }
            if (length > uint.MaxValue)
                return ZxStatus.InvalidArgs;
            if (_data.IsEmpty)
                return PeerLocked is null ? ZxStatus.PeerClosed : _readDisabled ? ZxStatus.BadState : ZxStatus.ShouldWait;
            bool wasFull = _data.IsFull;
            ZxStatus status = _data.Read(buffer, length, IsDatagram, peek, out read);
            if (status != ZxStatus.Ok || peek)
                return status;
            ZxSignals clear = _data.IsEmpty ? ZxSignals.ObjectReadable : 0;
            if (_readThreshold > 0 && _data.Size < _readThreshold)
                clear |= ZxSignals.SocketReadThreshold;
            if (clear != 0)
                UpdateState(clear, 0);
            if (PeerSocket is { } peer)
            {
                ZxSignals set = 0;
                if (peer._writeThreshold > 0 && ZxSocket.BufferMax - _data.Size >= peer._writeThreshold)
                    set |= ZxSignals.SocketWriteThreshold;
                if (wasFull && read > 0 && !peer._writeDisabled)
                    set |= ZxSignals.ObjectWritable;
                if (set != 0)
                    peer.UpdateState(0, set);
            }
            return ZxStatus.Ok;
        }
    }

    /// <summary><c>WriteControl</c>: puts one message in the peer's control slot. BAD_STATE (no control plane),
    /// INVALID_ARGS (no bytes), OUT_OF_RANGE (over 1,024 bytes), PEER_CLOSED, SHOULD_WAIT (the slot is taken),
    /// INVALID_ARGS (the bytes cannot be read). Shutting down does not stop the control plane.</summary>
    public ZxStatus WriteControl(byte* data, ulong length)
    {
        if (_control is null)
            return ZxStatus.BadState;
        if (length == 0)
            return ZxStatus.InvalidArgs;
        if (length > ZxSocket.ControlMessageMax)
            return ZxStatus.OutOfRange;
        lock (PairLock)
        {
            if (PeerSocket is not { } peer)
                return ZxStatus.PeerClosed;
            if (peer._controlLength != 0)
                return ZxStatus.ShouldWait;
            fixed (byte* slot = peer._control)
            {
                if (!UserCopy.TryCopy(slot, data, length))
                    return ZxStatus.InvalidArgs;
            }
            peer._controlLength = (int)length;
            peer.UpdateState(0, ZxSignals.SocketControlReadable);
            UpdateState(ZxSignals.SocketControlWritable, 0);
            return ZxStatus.Ok;
        }
    }

    /// <summary><c>ReadControl</c>: takes (or, peeking, copies) the control message, cut to
    /// <paramref name="length"/>. BAD_STATE (no control plane), SHOULD_WAIT (none), INVALID_ARGS (the buffer cannot
    /// be written: the message stays).</summary>
    public ZxStatus ReadControl(byte* buffer, ulong length, bool peek, out ulong read)
    {
        read = 0;
        if (_control is null)
            return ZxStatus.BadState;
        lock (PairLock)
        {
            if (_controlLength == 0)
                return ZxStatus.ShouldWait;
            ulong n = Math.Min((ulong)_controlLength, length);
            fixed (byte* slot = _control)
            {
                if (n > 0 && !UserCopy.TryCopy(buffer, slot, n))
                    return ZxStatus.InvalidArgs;
            }
            read = n;
            if (peek)
                return ZxStatus.Ok;
            _controlLength = 0;
            UpdateState(ZxSignals.SocketControlReadable, 0);
            PeerSocket?.UpdateState(0, ZxSignals.SocketControlWritable);
            return ZxStatus.Ok;
        }
    }

    /// <summary><c>Shutdown</c>: SHUTDOWN_WRITE stops this end writing (WRITE_DISABLED here, PEER_WRITE_DISABLED
    /// at the peer); SHUTDOWN_READ stops the peer writing (the other way round). Valid after the peer is gone.</summary>
    public ZxStatus Shutdown(uint how)
    {
        bool read = (how & ZxSocket.ShutdownRead) != 0, write = (how & ZxSocket.ShutdownWrite) != 0;
        lock (PairLock)
        {
            ShutdownLocked(stopReading: read, stopWriting: write);
            PeerSocket?.ShutdownLocked(stopReading: write, stopWriting: read);
            return ZxStatus.Ok;
        }
    }

    private void ShutdownLocked(bool stopReading, bool stopWriting)
    {
        ZxSignals clear = 0, set = 0;
        if (stopReading)
        {
            _readDisabled = true;
            set |= ZxSignals.SocketPeerWriteDisabled;
        }
        if (stopWriting)
        {
            _writeDisabled = true;
            clear |= ZxSignals.ObjectWritable;
            set |= ZxSignals.SocketWriteDisabled;
        }
        if ((clear | set) != 0)
            UpdateState(clear, set);
    }

    /// <summary><c>CheckShareable</c>: BAD_STATE when <paramref name="toSend"/> can accept sockets itself or is
    /// either end of this socket.</summary>
    public ZxStatus CheckShareable(SocketDispatcher toSend)
    {
        lock (PairLock)
        {
            return (toSend._options & ZxSocket.HasAccept) != 0 || toSend == this || toSend == PeerLocked
                ? ZxStatus.BadState
                : ZxStatus.Ok;
        }
    }

    /// <summary><c>Share</c>: puts a socket handle in the peer's accept slot. NOT_SUPPORTED (no HAS_ACCEPT),
    /// PEER_CLOSED, SHOULD_WAIT (the slot is taken). On failure the caller still owns <paramref name="handle"/>.</summary>
    public ZxStatus Share(HandleTable.InTransit handle)
    {
        if ((_options & ZxSocket.HasAccept) == 0)
            return ZxStatus.NotSupported;
        lock (PairLock)
        {
            if (PeerSocket is not { } peer)
                return ZxStatus.PeerClosed;
            if (peer._shared is not null)
                return ZxStatus.ShouldWait;
            peer._shared = handle;
            peer.UpdateState(0, ZxSignals.SocketAccept);
            UpdateState(ZxSignals.SocketShare, 0);
            return ZxStatus.Ok;
        }
    }

    /// <summary><c>Accept</c>: takes the socket handle the peer shared. NOT_SUPPORTED (no HAS_ACCEPT), SHOULD_WAIT
    /// (none waiting).</summary>
    public ZxStatus Accept(out HandleTable.InTransit handle)
    {
        handle = default;
        if ((_options & ZxSocket.HasAccept) == 0)
            return ZxStatus.NotSupported;
        lock (PairLock)
        {
            if (_shared is not { } shared)
                return ZxStatus.ShouldWait;
            handle = shared;
            _shared = null;
            UpdateState(ZxSignals.SocketAccept, 0);
            PeerSocket?.UpdateState(0, ZxSignals.SocketShare);
            return ZxStatus.Ok;
        }
    }

    /// <summary>Puts back a handle <see cref="Accept"/> gave out that could not be installed (the caller's table is
    /// full or closed), so nothing is lost.</summary>
    public void Unaccept(HandleTable.InTransit handle)
    {
        lock (PairLock)
        {
            if (_shared is null && HandleCount > 0)
            {
                _shared = handle;
                UpdateState(0, ZxSignals.SocketAccept);
                PeerSocket?.UpdateState(ZxSignals.SocketShare, 0);
                return;
            }
        }
        handle.Discard();
    }

    /// <summary><c>ZX_INFO_SOCKET</c>: the options and both buffers (the peer's as 0 once it is gone).</summary>
    public ZxInfoSocket GetInfo()
    {
        lock (PairLock)
        {
            SocketDispatcher? peer = PeerSocket;
            return new ZxInfoSocket
            {
                Options = _options,
                RxBufMax = ZxSocket.BufferMax,
                RxBufSize = _data.Size,
                RxBufAvailable = _data.Available(IsDatagram),
                TxBufMax = peer is null ? 0 : ZxSocket.BufferMax,
                TxBufSize = peer?._data.Size ?? 0,
            };
        }
    }

    /// <summary>The socket properties' values (<c>ZX_PROP_SOCKET_*</c>); the transmit ones are 0 once the peer is gone.</summary>
    public ulong GetProperty(ZxProperty property)
    {
        lock (PairLock)
        {
            SocketDispatcher? peer = PeerSocket;
            return property switch
            {
                ZxProperty.SocketRxBufMax => ZxSocket.BufferMax,
                ZxProperty.SocketRxBufSize => _data.Size,
                ZxProperty.SocketTxBufMax => peer is null ? 0 : ZxSocket.BufferMax,
                ZxProperty.SocketTxBufSize => peer?._data.Size ?? 0,
                ZxProperty.SocketRxThreshold => _readThreshold,
                ZxProperty.SocketTxThreshold => _writeThreshold,
                _ => 0,
            };
        }
    }

    /// <summary><c>SetReadThreshold</c>: READ_THRESHOLD is asserted while at least <paramref name="value"/> bytes
    /// are queued here (0 turns it off). INVALID_ARGS above the buffer's size.</summary>
    public ZxStatus SetReadThreshold(ulong value)
    {
        lock (PairLock)
        {
            if (value > ZxSocket.BufferMax)
                return ZxStatus.InvalidArgs;
            _readThreshold = value;
            bool on = value > 0 && _data.Size >= value;
            UpdateState(on ? 0 : ZxSignals.SocketReadThreshold, on ? ZxSignals.SocketReadThreshold : 0);
            return ZxStatus.Ok;
        }
    }

    /// <summary><c>SetWriteThreshold</c>: WRITE_THRESHOLD is asserted while the peer's buffer has room for at least
    /// <paramref name="value"/> bytes (0 turns it off). PEER_CLOSED, then INVALID_ARGS above the buffer's size.</summary>
    public ZxStatus SetWriteThreshold(ulong value)
    {
        lock (PairLock)
        {
            if (PeerSocket is not { } peer)
                return ZxStatus.PeerClosed;
            if (value > ZxSocket.BufferMax)
                return ZxStatus.InvalidArgs;
            _writeThreshold = value;
            bool on = value > 0 && ZxSocket.BufferMax - peer._data.Size >= value;
            UpdateState(on ? 0 : ZxSignals.SocketWriteThreshold, on ? ZxSignals.SocketWriteThreshold : 0);
            return ZxStatus.Ok;
        }
    }

    /// <summary>The bytes queued at one end: a ring that grows as bytes arrive (to at most
    /// <see cref="ZxSocket.BufferMax"/>) and goes back to the shared pool when it empties, its size charged to the
    /// board's RAM while held; for a datagram socket also the length of each queued datagram.</summary>
    private sealed class ReceiveBuffer(PmmNode pmm)
    {
        private const int SmallestRing = 1024;
        private byte[]? _ring;
        private int _head;                     // where the oldest queued byte is
        private ulong _size;                   // bytes queued
        private Queue<uint>? _datagrams;       // the length of each queued datagram, oldest first

        public ulong Size => _size;
        public bool IsEmpty => _size == 0;
        public bool IsFull => _size >= ZxSocket.BufferMax;

        /// <summary>The bytes one read can take: all of them, or the next datagram's.</summary>
        public ulong Available(bool datagram) => _size == 0 ? 0 : datagram ? _datagrams!.Peek() : _size;

        /// <summary>Queues what fits of <paramref name="length"/> bytes (the caller has checked the buffer is not
        /// full).</summary>
        public ZxStatus WriteStream(byte* data, ulong length, out ulong written)
        {
            written = 0;
            ulong n = Math.Min(length, ZxSocket.BufferMax - _size);
            if (!Reserve(n))
                return ZxStatus.NoMemory;
            if (!CopyIn(data, n))
                return ZxStatus.InvalidArgs;
            _size += n;
            written = n;
            return ZxStatus.Ok;
        }

        /// <summary>Queues one datagram whole, or nothing: OUT_OF_RANGE when it could never fit, SHOULD_WAIT when it
        /// does not fit now.</summary>
        public ZxStatus WriteDatagram(byte* data, ulong length, out ulong written)
        {
            written = 0;
            if (length > ZxSocket.BufferMax)
                return ZxStatus.OutOfRange;
            if (length + _size > ZxSocket.BufferMax)
                return ZxStatus.ShouldWait;
            if (!Reserve(length))
                return ZxStatus.NoMemory;
            if (!CopyIn(data, length))
                return ZxStatus.InvalidArgs;
            (_datagrams ??= new Queue<uint>()).Enqueue((uint)length);
            _size += length;
            written = length;
            return ZxStatus.Ok;
        }

        /// <summary>Copies up to <paramref name="length"/> bytes out (one datagram at most) and, unless peeking,
        /// takes them (a whole datagram, whatever part of it was copied).</summary>
        public ZxStatus Read(byte* buffer, ulong length, bool datagram, bool peek, out ulong read)
        {
            read = 0;
            ulong unit = datagram ? _datagrams!.Peek() : _size;
            ulong n = Math.Min(length, unit);
            if (n > 0 && !CopyOut(buffer, n))
                return ZxStatus.InvalidArgs;
            read = n;
            if (peek)
                return ZxStatus.Ok;
            ulong taken = datagram ? (n == 0 ? 0 : unit) : n;
            if (datagram && taken > 0)
                _datagrams!.Dequeue();
            _head = (int)(((ulong)_head + taken) % (ulong)_ring!.Length);
            _size -= taken;
            if (_size == 0)
            {
                _head = 0;
                if (_ring.Length > SmallestRing * 4)
                    Release();
            }
            return ZxStatus.Ok;
        }

        /// <summary>Gives the ring back (its charge too).</summary>
        public void Release()
        {
            if (_ring is null)
                return;
            pmm.UnchargeHeap((ulong)_ring.Length);
            ArrayPool<byte>.Shared.Return(_ring);
            _ring = null;
            _head = 0;
        }

        /// <summary>Makes room for <paramref name="more"/> bytes past those queued; false when the board's RAM cannot
        /// hold the larger ring.</summary>
        private bool Reserve(ulong more)
        {
            ulong needed = _size + more;
            int capacity = _ring?.Length ?? 0;
            if (needed <= (ulong)capacity)
                return true;
            ulong wanted = Math.Max(needed, Math.Max((ulong)capacity * 2, SmallestRing));
            byte[] ring = ArrayPool<byte>.Shared.Rent((int)Math.Min(wanted, ZxSocket.BufferMax));
            if (!pmm.TryChargeHeap((ulong)ring.Length))
            {
                ArrayPool<byte>.Shared.Return(ring);
                return false;
            }
            if (_ring is not null)
            {
                int first = (int)Math.Min(_size, (ulong)(capacity - _head));
                _ring.AsSpan(_head, first).CopyTo(ring);
                _ring.AsSpan(0, (int)_size - first).CopyTo(ring.AsSpan(first));
                Release();
            }
            _ring = ring;
            _head = 0;
            return true;
        }

        private bool CopyIn(byte* data, ulong length)
        {
            int capacity = _ring!.Length;
            int tail = (int)(((ulong)_head + _size) % (ulong)capacity);
            ulong first = Math.Min(length, (ulong)(capacity - tail));
            fixed (byte* ring = _ring)
            {
                return UserCopy.TryCopy(ring + tail, data, first)
                    && (first == length || UserCopy.TryCopy(ring, data + first, length - first));
            }
        }

        private bool CopyOut(byte* buffer, ulong length)
        {
            ulong first = Math.Min(length, (ulong)(_ring!.Length - _head));
            fixed (byte* ring = _ring)
            {
                return UserCopy.TryCopy(buffer, ring + _head, first)
                    && (first == length || UserCopy.TryCopy(buffer + first, ring, length - first));
            }
        }
    }
}
