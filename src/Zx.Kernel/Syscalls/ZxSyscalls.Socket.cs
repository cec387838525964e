using Zx.Kernel.Host;
using Zx.Kernel.Object;

namespace Zx.Kernel.Syscalls;

// Safety: pointer parameters are user memory, read and written only through UserCopy, which answers a fault.
public sealed unsafe partial class ZxSyscalls
{
    /// <summary><c>zx_socket_create</c>: two connected ends. Errors: INVALID_ARGS (an option outside
    /// ZX_SOCKET_CREATE_MASK), NO_MEMORY, INVALID_ARGS (a bad out pointer; nothing is left).</summary>
    public ZxStatus SocketCreate(uint options, ZxHandle* out0, ZxHandle* out1)
    {
        ZxStatus allowed = EnforcePolicy(ZxJobPolicy.NewSocket);
        if (allowed != ZxStatus.Ok)
            return allowed;
        Result<SocketDispatcher> end = SocketDispatcher.Create(Kernel, options);
        if (end.Failed)
            return end.Status;
        return MakeHandlePair(end.Value, (SocketDispatcher)end.Value.Peer!, ZxDefaultRights.Socket, out0, out1);
    }

    /// <summary><c>zx_socket_write</c>: queues bytes for the peer (options 0), puts a message in the peer's control
    /// slot (ZX_SOCKET_CONTROL), or, with no bytes, shuts down (ZX_SOCKET_SHUTDOWN_READ/WRITE, the 2018 way).</summary>
    /// <remarks>Rights: WRITE. Errors, in order: INVALID_ARGS (bytes but no buffer), BAD_HANDLE, ACCESS_DENIED,
    /// WRONG_TYPE, INVALID_ARGS (other options, or shutdown options with bytes); then the plane's own: for data
    /// PEER_CLOSED, BAD_STATE (writing shut down), INVALID_ARGS (over 4 GiB), SHOULD_WAIT (the peer's buffer is full,
    /// or a datagram does not fit now), OUT_OF_RANGE (a datagram larger than the buffer), NO_MEMORY, INVALID_ARGS
    /// (the bytes cannot be read: nothing is written); for control BAD_STATE (no control plane), INVALID_ARGS (no
    /// bytes), OUT_OF_RANGE (over 1,024), PEER_CLOSED, SHOULD_WAIT (the peer's slot is taken). A stream write takes
    /// what fits and says how much in <paramref name="actual"/>; INVALID_ARGS when that cannot be written (the bytes
    /// are sent all the same, as in 2018).</remarks>
    public ZxStatus SocketWrite(ZxHandle handle, uint options, byte* buffer, nuint bufferSize, nuint* actual)
    {
        if (bufferSize > 0 && buffer is null)
            return ZxStatus.InvalidArgs;
        using Lookup<SocketDispatcher> socket = Process.GetDispatcherWithRights<SocketDispatcher>(handle, ZxRights.Write);
        if (socket.Failed)
            return socket.Status;
        ZxStatus status;
        ulong written;
        switch (options)
        {
            case 0:
                status = socket.Object.Write(buffer, bufferSize, out written);
                break;
            case ZxSocket.Control:
                status = socket.Object.WriteControl(buffer, bufferSize);
                written = bufferSize;
                break;
            case ZxSocket.ShutdownWrite:
            case ZxSocket.ShutdownRead:
            case ZxSocket.ShutdownMask:
                return bufferSize == 0 ? socket.Object.Shutdown(options) : ZxStatus.InvalidArgs;
            default:
                return ZxStatus.InvalidArgs;
        }
        return status != ZxStatus.Ok ? status : CopyOutIfWanted(actual, (nuint)written, ZxStatus.Ok);
    }

    /// <summary><c>zx_socket_read</c>: takes queued bytes (options 0) or the control message (ZX_SOCKET_CONTROL);
    /// with ZX_SOCKET_PEEK (late 2018) copies them and leaves them queued. A stream read takes what is there up to
    /// <paramref name="bufferSize"/>; a datagram read takes one datagram, dropping what does not fit. With no buffer
    /// and no size, <paramref name="actual"/> says how many bytes one read could take.</summary>
    /// <remarks>Rights: READ. Errors, in order: INVALID_ARGS (a size but no buffer), BAD_HANDLE, ACCESS_DENIED,
    /// WRONG_TYPE, INVALID_ARGS (other options); for data INVALID_ARGS (over 4 GiB), then when nothing is queued
    /// PEER_CLOSED (the peer is gone), BAD_STATE (the peer shut down writing) or SHOULD_WAIT; for control BAD_STATE
    /// (no control plane), SHOULD_WAIT (no message); INVALID_ARGS when the buffer cannot be written (nothing is
    /// taken), then when <paramref name="actual"/> cannot be written (the bytes are taken all the same).</remarks>
    public ZxStatus SocketRead(ZxHandle handle, uint options, byte* buffer, nuint bufferSize, nuint* actual)
    {
        if (buffer is null && bufferSize > 0)
            return ZxStatus.InvalidArgs;
        using Lookup<SocketDispatcher> socket = Process.GetDispatcherWithRights<SocketDispatcher>(handle, ZxRights.Read);
        if (socket.Failed)
            return socket.Status;
        if ((options & ~(ZxSocket.Control | ZxSocket.Peek)) != 0)
            return ZxStatus.InvalidArgs;
        bool peek = (options & ZxSocket.Peek) != 0;
        ulong read;
        ZxStatus status = (options & ZxSocket.Control) != 0
            ? socket.Object.ReadControl(buffer, bufferSize, peek, out read)
            : socket.Object.Read(buffer, bufferSize, peek, out read);
        return status != ZxStatus.Ok ? status : CopyOutIfWanted(actual, (nuint)read, ZxStatus.Ok);
    }

    /// <summary><c>zx_socket_shutdown</c> (late 2018): ZX_SOCKET_SHUTDOWN_WRITE stops this end writing,
    /// ZX_SOCKET_SHUTDOWN_READ stops the peer writing; the bytes already queued can still be read. Valid after the
    /// peer is gone.</summary>
    /// <remarks>Rights: WRITE. Errors, in order: INVALID_ARGS (other options), BAD_HANDLE, ACCESS_DENIED,
    /// WRONG_TYPE.</remarks>
    public ZxStatus SocketShutdown(ZxHandle handle, uint options)
    {
        if ((options & ~ZxSocket.ShutdownMask) != 0)
            return ZxStatus.InvalidArgs;
        using Lookup<SocketDispatcher> socket = Process.GetDispatcherWithRights<SocketDispatcher>(handle, ZxRights.Write);
        if (socket.Failed)
            return socket.Status;
        return socket.Object.Shutdown(options);
    }

    /// <summary><c>zx_socket_share</c>: puts <paramref name="socketToShare"/> in the peer's accept slot (both ends
    /// made with ZX_SOCKET_HAS_ACCEPT). The shared handle leaves this process whatever happens.</summary>
    /// <remarks>Rights: WRITE on <paramref name="handle"/>, TRANSFER on the one shared. Errors, in order:
    /// BAD_HANDLE/ACCESS_DENIED/WRONG_TYPE (<paramref name="handle"/>), BAD_HANDLE, ACCESS_DENIED (no TRANSFER),
    /// WRONG_TYPE (not a socket), BAD_STATE (a HAS_ACCEPT socket, or either end of this one), NOT_SUPPORTED (no
    /// HAS_ACCEPT here), PEER_CLOSED, SHOULD_WAIT (the slot is taken).</remarks>
    public ZxStatus SocketShare(ZxHandle handle, ZxHandle socketToShare)
    {
        using Lookup<SocketDispatcher> socket = Process.GetDispatcherWithRights<SocketDispatcher>(handle, ZxRights.Write);
        if (socket.Failed)
        {
            _ = HandleClose(socketToShare);
            return socket.Status;
        }
        if (!Process.Handles.TryRemove(socketToShare, out HandleTable.Detached removed))
            return ZxStatus.BadHandle;
        HandleTable.InTransit shared = removed.Transfer();
        ZxStatus status = !removed.Rights.HasFlag(ZxRights.Transfer) ? ZxStatus.AccessDenied
            : shared.Object is not SocketDispatcher toSend ? ZxStatus.WrongType
            : socket.Object.CheckShareable(toSend);
        if (status == ZxStatus.Ok)
            status = socket.Object.Share(shared);
        if (status != ZxStatus.Ok)
            shared.Discard();
        return status;
    }

    /// <summary><c>zx_socket_accept</c>: takes the socket the peer shared, as a new handle of this process with the
    /// rights it was shared with.</summary>
    /// <remarks>Rights: READ. Errors, in order: BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE, NOT_SUPPORTED (no
    /// HAS_ACCEPT), SHOULD_WAIT (nothing shared), NO_MEMORY (the handle table is full), INVALID_ARGS (a bad out
    /// pointer); on the last two the shared socket stays in the slot.</remarks>
    public ZxStatus SocketAccept(ZxHandle handle, ZxHandle* outSocket)
    {
        using Lookup<SocketDispatcher> socket = Process.GetDispatcherWithRights<SocketDispatcher>(handle, ZxRights.Read);
        if (socket.Failed)
            return socket.Status;
        ZxStatus status = socket.Object.Accept(out HandleTable.InTransit accepted);
        if (status != ZxStatus.Ok)
            return status;
        if (Kernel.Faults.ShouldFail() || Process.Handles.AddTransferred(accepted.Object, accepted.Rights, out ZxHandle installed) != ZxStatus.Ok)
        {
            socket.Object.Unaccept(accepted);
            return ZxStatus.NoMemory;
        }
        if (UserCopy.TryWrite(outSocket, installed))
            return ZxStatus.Ok;
        if (Process.Handles.TryRemove(installed, out HandleTable.Detached back))
            socket.Object.Unaccept(back.Transfer());
        return ZxStatus.InvalidArgs;
    }
}
