namespace Zx.Kernel.Object;

/// <summary>Shared machinery of objects created in pairs: each end holds its peer until its own last handle goes,
/// then the peer sees PEER_CLOSED (Zircon's <c>PeeredDispatcher</c>).</summary>
internal abstract class PeeredDispatcher(KernelContext kernel, ZxSignals initialSignals) : Dispatcher(kernel, initialSignals)
{
    private Lock _peerLock = new(); // shared by both ends once linked (Zircon's PeerHolder)
    private PeeredDispatcher? _peer;
    private ulong _peerKoid;
#pragma warning disable CS0169 // never read or written: it only holds the peer's signal state away from this end's
    private Spacing _spacing;
#pragma warning restore CS0169

    /// <summary>The bytes between this end's fields and the next object in memory, which is its peer when the two were
    /// made together (decision 110): the two ends of a pair are usually used by two threads, and the host's cache
    /// moves neighbouring lines together, so ends that lie side by side made a cross-thread round trip depend on where
    /// they fell (500 or 690 ns for the same event-pair ping-pong, from one process to the next).</summary>
    internal const int SpacingBytes = 256;

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential, Size = SpacingBytes)]
    private struct Spacing
    {
    }

    /// <summary>The lock both ends share once linked (Zircon's <c>PeerHolder</c> lock): a pair whose ends touch each
    /// other's state (a fifo's ring) takes it for every such step.</summary>
    protected Lock PairLock => _peerLock;

    /// <summary>The peer, read under <see cref="PairLock"/> (null once either end's last handle went).</summary>
    protected PeeredDispatcher? PeerLocked => _peer;

    /// <summary>The peer, read without the pair's lock (it only ever changes from the peer to null, under the lock).</summary>
    public override Dispatcher? Peer => Volatile.Read(ref _peer);

    /// <inheritdoc/>
    public override bool IsPeered => true;

    /// <inheritdoc/>
    public override ulong RelatedKoid => Volatile.Read(ref _peerKoid);

    /// <summary>Links two new ends to each other.</summary>
    protected static void Link(PeeredDispatcher a, PeeredDispatcher b)
    {
        b._peerLock = a._peerLock;
        a._peer = b;
        b._peer = a;
        a._peerKoid = b.Koid;
        b._peerKoid = a.Koid;
        a.AddRef();
        b.AddRef();
    }

    /// <summary>Called on this end when its peer's last handle went.</summary>
    protected virtual void OnPeerZeroHandles() => UpdateState(0, ZxSignals.ObjectPeerClosed);

    /// <summary>Unlinks a pair whose ends never got a handle (a failed create), so neither keeps the other alive.</summary>
    public void UnlinkIfUnhandled()
    {
        if (HandleCount == 0)
            OnZeroHandles();
    }

    /// <inheritdoc/>
    protected override void OnZeroHandles()
    {
        PeeredDispatcher? peer;
        lock (_peerLock)
        {
            peer = _peer;
            if (peer is null)
                return; // the peer went first and already unlinked both ends
            Volatile.Write(ref _peer, null);
            Volatile.Write(ref peer._peer, null);
        }
        peer.OnPeerZeroHandles();
        peer.Release();  // our reference to the peer
        Release();       // the peer's reference to us (our handle's reference keeps us alive here)
    }
}
