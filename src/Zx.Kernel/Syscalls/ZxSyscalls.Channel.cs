using Zx.Kernel.Object;

namespace Zx.Kernel.Syscalls;

public sealed unsafe partial class ZxSyscalls
{
    /// <summary><c>ZX_CHANNEL_READ_MAY_DISCARD</c>.</summary>
    public const uint ChannelReadMayDiscard = 1;

    /// <summary><c>zx_channel_create</c>: two connected ends. Errors: INVALID_ARGS (options), NO_MEMORY,
    /// INVALID_ARGS (a bad out pointer; nothing is left).</summary>
    public ZxStatus ChannelCreate(uint options, ZxHandle* out0, ZxHandle* out1)
    {
        if (options != 0)
            return ZxStatus.InvalidArgs;
        if (Kernel.Faults.ShouldFail())
            return ZxStatus.NoMemory;
        (ChannelDispatcher a, ChannelDispatcher b) = ChannelDispatcher.Create(Kernel);
        return MakeHandlePair(a, b, ZxDefaultRights.Channel, out0, out1);
    }

    /// <summary><c>zx_channel_create</c> (managed form).</summary>
    public ZxStatus ChannelCreate(uint options, out ZxHandle end0, out ZxHandle end1)
    {
        ZxHandle h0, h1;
        ZxStatus status = ChannelCreate(options, &h0, &h1);
        end0 = status == ZxStatus.Ok ? h0 : ZxHandle.Invalid;
        end1 = status == ZxStatus.Ok ? h1 : ZxHandle.Invalid;
        return status;
    }

    /// <summary><c>zx_channel_write</c>: sends bytes and handles; the handles leave this process.</summary>
    /// <remarks>Errors, in order: INVALID_ARGS (options), BAD_HANDLE/ACCESS_DENIED (WRITE)/WRONG_TYPE,
    /// OUT_OF_RANGE (over 64 KiB or 64 handles), INVALID_ARGS (NULL bytes or handles with a count), then per
    /// handle BAD_HANDLE, NOT_SUPPORTED (the channel itself), ACCESS_DENIED (no TRANSFER), then PEER_CLOSED.
    /// As in 2018, whenever the write fails, every handle named in it is gone.</remarks>
    public ZxStatus ChannelWrite(ZxHandle handle, uint options, byte* bytes, uint numBytes, ZxHandle* handles, uint numHandles)
    {
        if (options != 0)
            return DiscardHandles(ZxStatus.InvalidArgs, handles, numHandles);
        using Lookup<ChannelDispatcher> channel = Process.GetDispatcherWithRights<ChannelDispatcher>(handle, ZxRights.Write);
        if (channel.Failed)
            return DiscardHandles(channel.Status, handles, numHandles);
        ZxStatus status = BuildMessage(channel.Object, bytes, numBytes, handles, numHandles, out MessagePacket? message);
        if (status != ZxStatus.Ok)
            return status;
        return channel.Object.Write(message!);
    }

    /// <summary>Checks the limits, copies the bytes and takes the handles out of this process (the 2018 rules:
    /// every handle named is gone whether or not the message can be built).</summary>
    private ZxStatus BuildMessage(ChannelDispatcher channel, byte* bytes, uint numBytes, ZxHandle* handles, uint numHandles, out MessagePacket? message)
    {
        message = null;
        if (numBytes > ChannelDispatcher.MaxMessageBytes || numHandles > ChannelDispatcher.MaxMessageHandles)
            return DiscardHandles(ZxStatus.OutOfRange, handles, numHandles);
        if ((numBytes > 0 && bytes is null) || (numHandles > 0 && handles is null))
            return DiscardHandles(ZxStatus.InvalidArgs, handles, numHandles);
        if (Kernel.Faults.ShouldFail())
            return DiscardHandles(ZxStatus.NoMemory, handles, numHandles);
        byte[] data = new ReadOnlySpan<byte>(bytes, (int)numBytes).ToArray();
        HandleTable.InTransit[] moved = numHandles == 0 ? [] : new HandleTable.InTransit[numHandles];
        ZxStatus status = ZxStatus.Ok;
        for (int i = 0; i < numHandles; i++)
        {
            if (!Process.Handles.TryRemove(handles[i], out HandleTable.Detached removed))
            {
                status = status == ZxStatus.Ok ? ZxStatus.BadHandle : status;
                continue;
            }
            if (status == ZxStatus.Ok && ReferenceEquals(removed.Object, channel))
                status = ZxStatus.NotSupported;
            else if (status == ZxStatus.Ok && !removed.Rights.HasFlag(ZxRights.Transfer))
                status = ZxStatus.AccessDenied;
            moved[i] = removed.Transfer();
        }
        if (status != ZxStatus.Ok)
        {
            foreach (HandleTable.InTransit h in moved)
                h.Object?.OnHandleRemoved();
            return status;
        }
        message = new MessagePacket(data, moved);
        return ZxStatus.Ok;
    }

    /// <summary><c>zx_channel_write</c> (managed form).</summary>
    public ZxStatus ChannelWrite(ZxHandle handle, uint options, ReadOnlySpan<byte> bytes, ReadOnlySpan<ZxHandle> handles)
    {
        fixed (byte* b = bytes)
        fixed (ZxHandle* h = handles)
            return ChannelWrite(handle, options, b, (uint)bytes.Length, h, (uint)handles.Length);
    }

    /// <summary>Closes every handle named in a failed write (the 2018 rule).</summary>
    private ZxStatus DiscardHandles(ZxStatus status, ZxHandle* handles, uint count)
    {
        if (handles is not null)
        {
            for (uint i = 0; i < Math.Min(count, ChannelDispatcher.MaxMessageHandles); i++)
                _ = HandleClose(handles[i]);
        }
        return status;
    }

    /// <summary><c>zx_channel_read</c>: takes the next message, installing its handles in this process.</summary>
    /// <remarks>Rights: READ. Errors, in order: BAD_HANDLE/ACCESS_DENIED/WRONG_TYPE, NOT_SUPPORTED (options other
    /// than MAY_DISCARD), SHOULD_WAIT (empty) or PEER_CLOSED (empty and no peer), BUFFER_TOO_SMALL (the message
    /// stays queued unless MAY_DISCARD; <paramref name="actualBytes"/> and <paramref name="actualHandles"/> say
    /// what it needs), INVALID_ARGS (a NULL buffer the message needs).</remarks>
    public ZxStatus ChannelRead(ZxHandle handle, uint options, byte* bytes, ZxHandle* handles, uint numBytes, uint numHandles,
        uint* actualBytes, uint* actualHandles)
    {
        using Lookup<ChannelDispatcher> channel = Process.GetDispatcherWithRights<ChannelDispatcher>(handle, ZxRights.Read);
        if (channel.Failed)
            return channel.Status;
        if ((options & ~ChannelReadMayDiscard) != 0)
            return ZxStatus.NotSupported;
        uint byteCount = numBytes, handleCount = numHandles;
        ZxStatus status = channel.Object.Read(ref byteCount, ref handleCount, (options & ChannelReadMayDiscard) != 0, out MessagePacket? message);
        if (status is ZxStatus.Ok or ZxStatus.BufferTooSmall)
        {
            if (actualBytes is not null)
                *actualBytes = byteCount;
            if (actualHandles is not null)
                *actualHandles = handleCount;
        }
        if (status != ZxStatus.Ok)
            return status;
        return DeliverMessage(message!, bytes, handles);
    }

    /// <summary>Copies a message's bytes out and installs its handles in this process.</summary>
    private ZxStatus DeliverMessage(MessagePacket message, byte* bytes, ZxHandle* handles)
    {
        if ((message.Data.Length > 0 && bytes is null) || (message.Handles.Length > 0 && handles is null))
        {
            message.Discard();
            return ZxStatus.InvalidArgs;
        }
        message.Data.CopyTo(new Span<byte>(bytes, message.Data.Length));
        for (int i = 0; i < message.Handles.Length; i++)
        {
            HandleTable.InTransit moved = message.Handles[i];
            if (Process.Handles.AddTransferred(moved.Object, moved.Rights, out ZxHandle installed) != ZxStatus.Ok)
            {
                moved.Discard();
                installed = ZxHandle.Invalid;
            }
            handles[i] = installed;
        }
        return ZxStatus.Ok;
    }

    /// <summary><c>zx_channel_read_etc</c>: like <c>zx_channel_read</c>, but each received handle comes with its
    /// object type and rights (<c>zx_handle_info_t</c>).</summary>
    public ZxStatus ChannelReadEtc(ZxHandle handle, uint options, byte* bytes, ZxHandleInfo* handles, uint numBytes, uint numHandles,
        uint* actualBytes, uint* actualHandles)
    {
        if (numHandles > 0 && handles is null)
            return ChannelRead(handle, options, bytes, null, numBytes, numHandles, actualBytes, actualHandles);
        var values = new ZxHandle[numHandles];
        ZxStatus status;
        fixed (ZxHandle* v = values)
            status = ChannelRead(handle, options, bytes, numHandles == 0 ? null : v, numBytes, numHandles, actualBytes, actualHandles);
        if (status != ZxStatus.Ok)
            return status;
        for (int i = 0; i < values.Length && values[i].IsValid; i++)
        {
            using Lookup<Dispatcher> received = Process.GetDispatcher<Dispatcher>(values[i]);
            handles[i] = new ZxHandleInfo { Handle = values[i], Type = received.Failed ? 0 : received.Object.Type, Rights = received.Rights };
        }
        return ZxStatus.Ok;
    }

    /// <summary><c>zx_channel_read</c> (managed form).</summary>
    public ZxStatus ChannelRead(ZxHandle handle, uint options, Span<byte> bytes, Span<ZxHandle> handles, out uint actualBytes, out uint actualHandles)
    {
        uint ab = 0, ah = 0;
        ZxStatus status;
        fixed (byte* b = bytes)
        fixed (ZxHandle* h = handles)
            status = ChannelRead(handle, options, b, h, (uint)bytes.Length, (uint)handles.Length, &ab, &ah);
        actualBytes = ab;
        actualHandles = ah;
        return status;
    }
}
