using Zx.Kernel.Host;
using Zx.Kernel.Object;

namespace Zx.Kernel.Syscalls;

// Safety: pointer parameters are user memory, read and written only through UserCopy, which answers a fault.
public sealed unsafe partial class ZxSyscalls
{
    /// <summary><c>zx_channel_call</c>: writes a message whose first four bytes the kernel replaces with a fresh
    /// txid, then waits for the reply with that txid and reads it into the args' read buffers.</summary>
    /// <remarks>Errors, in order: INVALID_ARGS (the args cannot be read), INVALID_ARGS (options, or fewer than 4
    /// bytes to write), BAD_HANDLE/ACCESS_DENIED (READ and WRITE)/WRONG_TYPE, the write's errors (every handle
    /// named in a failed write is gone), TIMED_OUT, PEER_CLOSED, CANCELED (this end's last handle closed during the
    /// call), INVALID_ARGS (an actual count cannot be written; the reply is gone), BUFFER_TOO_SMALL (the reply is
    /// discarded, its sizes reported), then the reply is delivered as <c>zx_channel_read</c> does.</remarks>
    public ZxStatus ChannelCall(ZxHandle handle, uint options, long deadline, ZxChannelCallArgs* args, uint* actualBytes, uint* actualHandles)
    {
        if (!UserCopy.TryRead(args, out ZxChannelCallArgs a))
            return ZxStatus.InvalidArgs;
        bool handlesReadable = CopyInNamedHandles(a.WrHandles, a.WrNumHandles, stackalloc ZxHandle[NamedHandlesMax(a.WrNumHandles)], out Span<ZxHandle> named);
        if (options != 0 || a.WrNumBytes < 4)
            return DiscardHandles(ZxStatus.InvalidArgs, named);
        using Lookup<ChannelDispatcher> channel = Process.GetDispatcherWithRights<ChannelDispatcher>(handle, ZxRights.Read | ZxRights.Write);
        if (channel.Failed)
            return DiscardHandles(channel.Status, named);
        Result<MessagePacket> message = BuildMessage(channel.Object, a.WrBytes, a.WrNumBytes, a.WrNumHandles, named, handlesReadable);
        if (message.Failed)
            return message.Status;
        Result<MessagePacket> called = channel.Object.Call(message.Value, () => CallerAbandoned ? TimeSpan.Zero : TimeUntil(deadline));
        if (called.Failed)
            return called.Status;
        MessagePacket reply = called.Value;
        if ((actualBytes is not null && !UserCopy.TryWrite(actualBytes, (uint)reply.Data.Length))
            || (actualHandles is not null && !UserCopy.TryWrite(actualHandles, (uint)reply.Handles.Length)))
        {
            reply.Discard();
            return ZxStatus.InvalidArgs;
        }
        if (reply.Data.Length > a.RdNumBytes || reply.Handles.Length > a.RdNumHandles)
        {
            reply.Discard();
            return ZxStatus.BufferTooSmall;
        }
        return DeliverMessage(reply, a.RdBytes, a.RdHandles, withInfo: false);
    }
}
