using Zx.Kernel;

namespace Zx;

/// <summary>A message read from a channel: its bytes and the handles it carried, now owned by the reader (dispose
/// them, or the message, when done).</summary>
/// <param name="Bytes">The message's bytes.</param>
/// <param name="Handles">The handles it carried, in order, owned by the reading process.</param>
public sealed record ChannelMessage(byte[] Bytes, IReadOnlyList<Handle> Handles) : IDisposable
{
    /// <summary>Closes every handle the message carried that nobody took (<see cref="Handle.Release"/>).</summary>
    public void Dispose()
    {
        foreach (Handle handle in Handles)
            handle.Dispose();
    }
}

/// <summary>One end of a channel (lib/zx's <c>zx::channel</c>): messages of bytes and handles, both ways.</summary>
public sealed class Channel : Handle
{
    /// <summary>Takes ownership of a raw channel handle.</summary>
    public Channel(ProcessContext process, ZxHandle raw) : base(process, raw) { }

    /// <summary><c>zx_channel_create</c>: both ends.</summary>
    public static (Channel First, Channel Second) Create(ProcessContext process)
    {
        ArgumentNullException.ThrowIfNull(process);
        ZxException.ThrowIfFailed(process.Syscalls.ChannelCreate(0, out ZxHandle a, out ZxHandle b), "zx_channel_create");
        return (new(process, a), new(process, b));
    }

    /// <summary><c>zx_channel_write</c>: sends <paramref name="bytes"/> and moves <paramref name="handles"/> into the
    /// message (they are this process's no longer, even when the write fails, as in Zircon).</summary>
    public void Write(ReadOnlySpan<byte> bytes, params Handle[] handles)
    {
        ArgumentNullException.ThrowIfNull(handles);
        ZxHandle[] raw = [.. handles.Select(h => h.Release())];
        ZxException.ThrowIfFailed(Sys.ChannelWrite(Raw, 0, bytes, raw), "zx_channel_write");
    }

    /// <summary><c>zx_channel_write</c> of raw handles, without exceptions (the hot path).</summary>
    public ZxStatus TryWrite(ReadOnlySpan<byte> bytes, ReadOnlySpan<ZxHandle> handles) => Sys.ChannelWrite(Raw, 0, bytes, handles);

    /// <summary><c>zx_channel_read</c> of the next message (SHOULD_WAIT when there is none: wait for READABLE first).</summary>
    public ChannelMessage Read()
    {
        ZxStatus status = Sys.ChannelRead(Raw, 0, [], [], out uint bytes, out uint handles);
        if (status != ZxStatus.BufferTooSmall && status != ZxStatus.Ok)
            throw new ZxException(status, "zx_channel_read");
        byte[] data = new byte[bytes];
        var raw = new ZxHandle[handles];
        ZxException.ThrowIfFailed(Sys.ChannelRead(Raw, 0, data, raw, out bytes, out handles), "zx_channel_read");
        return new ChannelMessage(data, [.. raw.Take((int)handles).Select(h => new Handle(Process, h))]);
    }

    /// <summary><c>zx_channel_read</c> into caller buffers, without exceptions (the hot path).</summary>
    public ZxStatus TryRead(Span<byte> bytes, Span<ZxHandle> handles, out uint actualBytes, out uint actualHandles) =>
        Sys.ChannelRead(Raw, 0, bytes, handles, out actualBytes, out actualHandles);

    /// <summary>Waits for a message (READABLE), then reads it; PEER_CLOSED when the other end is gone with nothing left.</summary>
    public async Task<ChannelMessage> ReadAsync(CancellationToken cancellationToken = default)
    {
        ZxSignals seen = await WaitAsync(ZxSignals.ObjectReadable | ZxSignals.ObjectPeerClosed, cancellationToken).ConfigureAwait(false);
        if ((seen & ZxSignals.ObjectReadable) == 0)
            throw new ZxException(ZxStatus.PeerClosed, "zx_channel_read");
        return Read();
    }

    /// <summary><c>zx_channel_call</c>: writes <paramref name="request"/> (its first four bytes are the transaction id
    /// the kernel fills in), moving <paramref name="handles"/>, and waits up to <paramref name="timeout"/> for the reply
    /// with the same id.</summary>
    public ChannelMessage Call(ReadOnlySpan<byte> request, IReadOnlyList<Handle>? handles = null, TimeSpan? timeout = null,
        int maxReplyBytes = 64 * 1024, int maxReplyHandles = 64)
    {
        ZxHandle[] raw = [.. (handles ?? []).Select(h => h.Release())];
        byte[] reply = new byte[maxReplyBytes];
        var replyHandles = new ZxHandle[maxReplyHandles];
        ZxStatus status;
        uint actualBytes, actualHandles;
        unsafe // pointers into pinned arrays, for the call's args record only
        {
            fixed (byte* wb = request)
            fixed (ZxHandle* wh = raw)
            fixed (byte* rb = reply)
            fixed (ZxHandle* rh = replyHandles)
            {
                var args = new ZxChannelCallArgs
                {
                    WrBytes = wb, WrHandles = wh, RdBytes = rb, RdHandles = rh,
                    WrNumBytes = (uint)request.Length, WrNumHandles = (uint)raw.Length,
                    RdNumBytes = (uint)reply.Length, RdNumHandles = (uint)replyHandles.Length,
                };
                status = Sys.ChannelCall(Raw, 0, DeadlineAfter(timeout), args, out actualBytes, out actualHandles);
            }
        }
        ZxException.ThrowIfFailed(status, "zx_channel_call");
        return new ChannelMessage(reply[..(int)actualBytes], [.. replyHandles.Take((int)actualHandles).Select(h => new Handle(Process, h))]);
    }

    /// <summary><c>zx_handle_duplicate</c>.</summary>
    public Channel Duplicate(ZxRights rights = ZxRights.SameRights) => new(Process, DuplicateRaw(rights));

    /// <summary>Borrows the handle.</summary>
    public new Unowned<Channel> Borrow() => new(this);
}
