using Zx.Kernel.Host;
using Zx.Kernel.Object;

namespace Zx.Kernel.Syscalls;

// Safety: pointer parameters are user memory, read and written only through UserCopy, which answers a fault.
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
        ZxStatus allowed = EnforcePolicy(ZxJobPolicy.NewChannel);
        if (allowed != ZxStatus.Ok)
            return allowed;
        (ChannelDispatcher a, ChannelDispatcher b) = ChannelDispatcher.Create(Kernel);
        return MakeHandlePair(a, b, ZxDefaultRights.Channel, out0, out1);
    }

    /// <summary><c>zx_channel_write</c>: sends bytes and handles; the handles leave this process.</summary>
    /// <remarks>The handle values are copied in first (at most 64 of them). Errors, in order: INVALID_ARGS (options),
    /// BAD_HANDLE/ACCESS_DENIED (WRITE)/WRONG_TYPE, OUT_OF_RANGE (over 64 KiB or 64 handles), INVALID_ARGS (the
    /// bytes or the handle values cannot be read), then per handle BAD_HANDLE, NOT_SUPPORTED (the channel itself),
    /// ACCESS_DENIED (no TRANSFER), then PEER_CLOSED. As in 2018, whenever the write fails, every handle named in it
    /// is gone (when the values could be read at all).</remarks>
    public ZxStatus ChannelWrite(ZxHandle handle, uint options, byte* bytes, uint numBytes, ZxHandle* handles, uint numHandles)
    {
        bool handlesReadable = CopyInNamedHandles(handles, numHandles, stackalloc ZxHandle[NamedHandlesMax(numHandles)], out Span<ZxHandle> named);
        if (options != 0)
            return DiscardHandles(ZxStatus.InvalidArgs, named);
        // Borrowed (decision 109): a write racing with this end's last close delivers as if it came just before it.
        using Lookup<ChannelDispatcher> channel = Process.BorrowDispatcherWithRights<ChannelDispatcher>(handle, ZxRights.Write);
        if (channel.Failed)
            return DiscardHandles(channel.Status, named);
        Result<MessagePacket> message = BuildMessage(channel.Object, bytes, numBytes, numHandles, named, handlesReadable);
        if (message.Failed)
            return message.Status;
        return channel.Object.Write(message.Value);
    }

    // How many handle values a write names that the kernel reads: at most a message's worth.
    private static int NamedHandlesMax(uint numHandles) => (int)Math.Min(numHandles, ChannelDispatcher.MaxMessageHandles);

    /// <summary>Copies the handle values a write names into <paramref name="buffer"/> (sized by
    /// <see cref="NamedHandlesMax"/>), before any other check, so that a failed write can close them; false, with
    /// nothing named, when they cannot be read.</summary>
    /// <remarks>A write naming more than 64 handles fails whatever else happens, and every handle it names is gone
    /// (2018): those past the first 64 are closed here, read 64 at a time, up to the first that cannot be read.</remarks>
    private bool CopyInNamedHandles(ZxHandle* handles, uint numHandles, Span<ZxHandle> buffer, out Span<ZxHandle> named)
    {
        bool readable = UserCopy.TryCopyIn(buffer, handles);
        named = readable ? buffer : [];
        if (readable && numHandles > buffer.Length)
        {
            Span<ZxHandle> chunk = stackalloc ZxHandle[buffer.Length];
            for (ulong offset = (ulong)buffer.Length; offset < numHandles; offset += (ulong)chunk.Length)
            {
                Span<ZxHandle> part = chunk[..(int)Math.Min((ulong)chunk.Length, numHandles - offset)];
                if (!UserCopy.TryCopyIn(part, handles + offset))
                    break;
                DiscardHandles(ZxStatus.Ok, part);
            }
        }
        return readable;
    }

    /// <summary>Checks the limits, copies the bytes in and takes the handles out of this process (the 2018 rules:
    /// every handle named is gone whether or not the message can be built). Errors, in order: OUT_OF_RANGE (over
    /// 64 KiB or 64 handles), INVALID_ARGS (the handle values could not be read), NO_MEMORY, INVALID_ARGS (the bytes
    /// cannot be read), then the per-handle errors.</summary>
    private Result<MessagePacket> BuildMessage(ChannelDispatcher channel, byte* bytes, uint numBytes, uint numHandles, ReadOnlySpan<ZxHandle> handles,
        bool handlesReadable)
    {
        if (numBytes > ChannelDispatcher.MaxMessageBytes || numHandles > ChannelDispatcher.MaxMessageHandles)
            return DiscardHandles(ZxStatus.OutOfRange, handles);
        if (!handlesReadable)
            return ZxStatus.InvalidArgs;
        if (Kernel.Faults.ShouldFail())
            return DiscardHandles(ZxStatus.NoMemory, handles);
        ulong charge = MessagePacket.ChargeFor(numBytes, handles.Length);
        if (!Kernel.Pmm.TryChargeHeap(charge))
            return DiscardHandles(ZxStatus.NoMemory, handles); // the board's RAM is full of queued messages and pages
        byte[] data = numBytes == 0 ? [] : new byte[numBytes];
        if (!UserCopy.TryCopyIn(data, bytes))
        {
            Kernel.Pmm.UnchargeHeap(charge);
            return DiscardHandles(ZxStatus.InvalidArgs, handles);
        }
        HandleTable.InTransit[] moved = handles.IsEmpty ? [] : new HandleTable.InTransit[handles.Length];
        ZxStatus status = ZxStatus.Ok;
        for (int i = 0; i < handles.Length; i++)
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
            Kernel.Pmm.UnchargeHeap(charge);
            foreach (HandleTable.InTransit h in moved)
                h.Object?.OnHandleRemoved();
            return status;
        }
        return MessagePacket.Charged(Kernel.Pmm, data, moved);
    }

    /// <summary>Closes every handle named in a failed write (the 2018 rule).</summary>
    private ZxStatus DiscardHandles(ZxStatus status, ReadOnlySpan<ZxHandle> handles)
    {
        foreach (ZxHandle h in handles)
            _ = HandleClose(h);
        return status;
    }

    /// <summary><c>zx_channel_read</c>: takes the next message, installing its handles in this process.</summary>
    /// <remarks>Rights: READ. Errors, in order: BAD_HANDLE/ACCESS_DENIED/WRONG_TYPE, NOT_SUPPORTED (options other
    /// than MAY_DISCARD), SHOULD_WAIT (empty) or PEER_CLOSED (empty and no peer), BUFFER_TOO_SMALL (the message
    /// stays queued unless MAY_DISCARD; <paramref name="actualBytes"/> and <paramref name="actualHandles"/> say
    /// what it needs). The kernel's order of writes: the actual counts (NULL means not wanted), then the bytes, then
    /// the handle values. A write that faults is INVALID_ARGS, and a message taken off the queue by then is gone
    /// with its handles closed.</remarks>
    public ZxStatus ChannelRead(ZxHandle handle, uint options, byte* bytes, ZxHandle* handles, uint numBytes, uint numHandles,
        uint* actualBytes, uint* actualHandles) =>
        ChannelReadInto(handle, options, bytes, handles, numBytes, numHandles, actualBytes, actualHandles, withInfo: false);

    private ZxStatus ChannelReadInto(ZxHandle handle, uint options, byte* bytes, void* handles, uint numBytes, uint numHandles,
        uint* actualBytes, uint* actualHandles, bool withInfo)
    {
        // Borrowed (decision 109): a message is taken either by this read or by the last close's drain, under the lock.
        using Lookup<ChannelDispatcher> channel = Process.BorrowDispatcherWithRights<ChannelDispatcher>(handle, ZxRights.Read);
        if (channel.Failed)
            return channel.Status;
        if ((options & ~ChannelReadMayDiscard) != 0)
            return ZxStatus.NotSupported;
        uint byteCount = numBytes, handleCount = numHandles;
        Result<MessagePacket> message = channel.Object.Read(ref byteCount, ref handleCount, (options & ChannelReadMayDiscard) != 0);
        if (message.Status is not (ZxStatus.Ok or ZxStatus.BufferTooSmall))
            return message.Status;
        if ((actualBytes is not null && !UserCopy.TryWrite(actualBytes, byteCount))
            || (actualHandles is not null && !UserCopy.TryWrite(actualHandles, handleCount)))
        {
            if (!message.Failed)
                message.Value.Discard();
            return ZxStatus.InvalidArgs;
        }
        if (message.Failed)
            return message.Status;
        return DeliverMessage(message.Value, bytes, handles, withInfo);
    }

    /// <summary>Copies a message's bytes out, installs its handles in this process and copies their values (or
    /// <c>zx_handle_info_t</c> records) out; when a copy faults, the message is gone and its handles closed.</summary>
    private ZxStatus DeliverMessage(MessagePacket message, byte* bytes, void* handles, bool withInfo)
    {
        if (!UserCopy.TryCopyOut(bytes, message.Data))
        {
            message.Discard();
            return ZxStatus.InvalidArgs;
        }
        int count = message.Handles.Length;
        if (count == 0)
        {
            message.Delivered();
            return ZxStatus.Ok;
        }
        Span<ZxHandle> installed = stackalloc ZxHandle[count];
        Span<ZxHandleInfo> infos = withInfo ? stackalloc ZxHandleInfo[count] : [];
        for (int i = 0; i < count; i++)
        {
            HandleTable.InTransit moved = message.Handles[i];
            if (Process.Handles.AddTransferred(moved.Object, moved.Rights, out installed[i]) != ZxStatus.Ok)
            {
                moved.Discard();
                installed[i] = ZxHandle.Invalid;
            }
            if (withInfo)
                infos[i] = new ZxHandleInfo { Handle = installed[i], Type = installed[i].IsValid ? moved.Object.Type : 0, Rights = installed[i].IsValid ? moved.Rights : 0 };
        }
        bool published = withInfo ? UserCopy.TryCopyOut((ZxHandleInfo*)handles, infos) : UserCopy.TryCopyOut((ZxHandle*)handles, installed);
        message.Delivered();
        if (!published)
        {
            foreach (ZxHandle h in installed)
                _ = HandleClose(h);
            return ZxStatus.InvalidArgs;
        }
        return ZxStatus.Ok;
    }

    /// <summary><c>zx_channel_read_etc</c>: like <c>zx_channel_read</c>, but each received handle comes with its
    /// object type and rights (<c>zx_handle_info_t</c>).</summary>
    public ZxStatus ChannelReadEtc(ZxHandle handle, uint options, byte* bytes, ZxHandleInfo* handles, uint numBytes, uint numHandles,
        uint* actualBytes, uint* actualHandles) =>
        ChannelReadInto(handle, options, bytes, handles, numBytes, numHandles, actualBytes, actualHandles, withInfo: true);

}
