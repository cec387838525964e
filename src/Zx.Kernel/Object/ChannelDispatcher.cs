using Zx.Kernel.Concurrency;
using Zx.Kernel.Vm;

namespace Zx.Kernel.Object;

/// <summary>One end of a channel (Zircon's <c>ChannelDispatcher</c>): messages written to it are read from its
/// peer. READABLE while messages wait, WRITABLE while the peer lives, PEER_CLOSED once it is gone.</summary>
internal sealed class ChannelDispatcher : PeeredDispatcher
{
    /// <summary><c>kMaxMessageSize</c>: 64 KiB of bytes.</summary>
    public const uint MaxMessageBytes = 65536;

    /// <summary><c>kMaxMessageHandles</c>: 64 handles.</summary>
    public const uint MaxMessageHandles = 64;

    private readonly Queue<MessagePacket> _messages = new();
    private int _queuedMessages; // _messages.Count, written under _lock, read without it
    private SpinGate _lock; // held for a few queue operations (docs/concurrency.md)
    private readonly Dictionary<uint, CallWaiter> _calls = [];
    private static int s_nextTxid;

    /// <summary>A thread blocked in <c>zx_channel_call</c> on this end, waiting for the reply with its txid.</summary>
    private sealed class CallWaiter
    {
        public ManualResetEventSlim Done { get; } = new(false);
        public MessagePacket? Reply { get; set; }

        /// <summary>Set when the caller's end lost its last handle during the call.</summary>
        public bool Canceled { get; set; }
    }

    private ChannelDispatcher(KernelContext kernel) : base(kernel, ZxSignals.ObjectWritable) { }

    /// <summary>The messages waiting (at least 1): what a signal packet for READABLE counts.</summary>
    public override ulong SignalCount => (ulong)Math.Max(1, Volatile.Read(ref _queuedMessages));

    /// <inheritdoc/>
    public override ZxObjectType Type => ZxObjectType.Channel;

    /// <summary>Creates both ends, each with the creator's reference.</summary>
    public static (ChannelDispatcher, ChannelDispatcher) Create(KernelContext kernel)
    {
        var a = new ChannelDispatcher(kernel);
        var b = new ChannelDispatcher(kernel);
        Link(a, b);
        return (a, b);
    }

    /// <summary>Queues a message on the peer; PEER_CLOSED (and the message destroyed) when there is none.</summary>
    public ZxStatus Write(MessagePacket message)
    {
        if (Peer is not ChannelDispatcher peer)
        {
            message.Discard();
            return ZxStatus.PeerClosed;
        }
        peer.Deliver(message);
        return ZxStatus.Ok;
    }

    private void Deliver(MessagePacket message)
    {
        using (SpinGate.Hold(ref _lock))
        {
            // A reply to a pending zx_channel_call goes to its caller, not to the queue.
            if (_calls.Count != 0 && message.Data.Length >= 4 && _calls.TryGetValue(BitConverter.ToUInt32(message.Data, 0), out CallWaiter? waiter)
                && waiter.Reply is null && !waiter.Canceled)
            {
                waiter.Reply = message;
                waiter.Done.Set();
                return;
            }
            _messages.Enqueue(message);
            Volatile.Write(ref _queuedMessages, _messages.Count);
            UpdateState(0, ZxSignals.ObjectReadable);
        }
    }

    /// <summary><c>ChannelDispatcher::Call</c>: gives the message a fresh txid (the kernel's, high bit set),
    /// writes it, and waits for the reply carrying that txid. TIMED_OUT at the deadline, PEER_CLOSED when the
    /// peer goes first, CANCELED when this end loses its last handle during the call (2018's
    /// <c>on_zero_handles</c> cancels the waiting calls).</summary>
    public Result<MessagePacket> Call(MessagePacket message, Func<TimeSpan?> remaining)
    {
        uint txid = 0x8000_0000u | (uint)(Interlocked.Increment(ref s_nextTxid) & 0x7FFF_FFFF);
        BitConverter.TryWriteBytes(message.Data.AsSpan(0, 4), txid);
        var waiter = new CallWaiter();
        using (SpinGate.Hold(ref _lock))
            _calls[txid] = waiter;
        try
        {
            ZxStatus status = Write(message);
            if (status != ZxStatus.Ok)
                return status;
            TimeSpan slice = TimeSpan.FromMilliseconds(100);
            using ThreadDispatcher.BlockedScope blocked = ThreadDispatcher.BlockedIn(ZxThreadState.BlockedChannel);
            while (!waiter.Done.IsSet)
            {
                TimeSpan? left = remaining();
                if (left == TimeSpan.Zero)
                    break;
                if (Peer is null)
                    break;
                waiter.Done.Wait(left is null || left.Value > slice ? slice : left.Value);
            }
        }
        finally
        {
            using (SpinGate.Hold(ref _lock))
                _calls.Remove(txid);
        }
        bool canceled;
        MessagePacket? reply;
        using (SpinGate.Hold(ref _lock))
        {
            reply = waiter.Reply;
            canceled = waiter.Canceled;
        }
        waiter.Done.Dispose();
        if (canceled)
            return ZxStatus.Canceled;
        if (reply is not null)
            return reply;
        return Peer is null ? ZxStatus.PeerClosed : ZxStatus.TimedOut;
    }

    /// <summary><c>ChannelDispatcher::Read</c>: SHOULD_WAIT (or PEER_CLOSED) when empty; BUFFER_TOO_SMALL with the
    /// needed sizes when the message does not fit, leaving it queued unless <paramref name="mayDiscard"/>.</summary>
    public Result<MessagePacket> Read(ref uint numBytes, ref uint numHandles, bool mayDiscard)
    {
        using (SpinGate.Hold(ref _lock))
        {
            if (!_messages.TryPeek(out MessagePacket? next))
                return Peer is null ? ZxStatus.PeerClosed : ZxStatus.ShouldWait;
            bool fits = numBytes >= (uint)next.Data.Length && numHandles >= (uint)next.Handles.Length;
            numBytes = (uint)next.Data.Length;
            numHandles = (uint)next.Handles.Length;
            if (!fits && !mayDiscard)
                return ZxStatus.BufferTooSmall;
            _messages.Dequeue();
            Volatile.Write(ref _queuedMessages, _messages.Count);
            if (_messages.Count == 0)
                UpdateState(ZxSignals.ObjectReadable, 0);
            if (!fits)
            {
                next.Discard();
                return ZxStatus.BufferTooSmall;
            }
            return next;
        }
    }

    /// <inheritdoc/>
    public override void CollectCarriedObjects(List<Dispatcher> carried)
    {
        using (SpinGate.Hold(ref _lock))
        {
            foreach (MessagePacket message in _messages)
            {
                foreach (HandleTable.InTransit handle in message.Handles)
                    carried.Add(handle.Object);
            }
        }
    }

    /// <inheritdoc/>
    protected override void OnPeerZeroHandles() => UpdateState(ZxSignals.ObjectWritable, ZxSignals.ObjectPeerClosed);

    /// <summary>When the last handle goes, the peer sees PEER_CLOSED and the messages still queued here are
    /// destroyed (closing the handles they carry), as Zircon does to avoid cycles.</summary>
    protected override void OnZeroHandles()
    {
        base.OnZeroHandles();
        CancelCalls();
        DrainMessages();
    }

    /// <summary>Ends every <c>zx_channel_call</c> waiting on this end with CANCELED.</summary>
    private void CancelCalls()
    {
        using (SpinGate.Hold(ref _lock))
        {
            foreach (CallWaiter waiter in _calls.Values)
            {
                if (waiter.Reply is not null)
                    continue;
                waiter.Canceled = true;
                waiter.Done.Set();
            }
        }
    }

    /// <inheritdoc/>
    protected override void OnDestroy() => DrainMessages();

    private void DrainMessages()
    {
        List<MessagePacket> drained;
        using (SpinGate.Hold(ref _lock))
        {
            drained = [.. _messages];
            _messages.Clear();
            Volatile.Write(ref _queuedMessages, 0);
        }
        foreach (MessagePacket message in drained)
            message.Discard();
    }
}
