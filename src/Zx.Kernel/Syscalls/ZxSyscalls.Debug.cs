using Zx.Kernel.Host;
using Zx.Kernel.Object;

namespace Zx.Kernel.Syscalls;

// Safety: pointer parameters are user memory, read and written only through UserCopy, which answers a fault.
public sealed unsafe partial class ZxSyscalls
{
    /// <summary>The most bytes one <c>zx_debug_write</c> or <c>zx_debug_send_command</c> takes (2018).</summary>
    private const int DebugWriteMax = 256;

    /// <summary><c>zx_debug_write</c>: writes to the board's debug serial console, which is the host's standard error
    /// (<see cref="KernelContext.DebugConsoleOut"/>); at most 256 bytes, the rest is dropped (2018).</summary>
    /// <remarks>Errors: INVALID_ARGS (the bytes cannot be read).</remarks>
    public ZxStatus DebugWrite(byte* buffer, nuint bufferSize)
    {
        Span<byte> bytes = stackalloc byte[(int)Math.Min(bufferSize, (nuint)DebugWriteMax)];
        if (!UserCopy.TryCopyIn(bytes, buffer))
            return ZxStatus.InvalidArgs;
        Kernel.WriteDebugConsole(bytes);
        return ZxStatus.Ok;
    }

    /// <summary><c>zx_debug_read</c>: reads up to <c>*buffer_size</c> bytes from the debug serial console (the host's
    /// standard input, <see cref="KernelContext.DebugConsoleIn"/>), waiting for each, a carriage return read as a
    /// newline, and writes back how many it read; at the end of the input it stops there (2018 returned the console's
    /// negative end-of-input value).</summary>
    /// <remarks>Errors, in order: BAD_HANDLE, WRONG_TYPE (not the root resource), INVALID_ARGS (the size or the
    /// buffer cannot be read or written: the bytes read so far are gone).</remarks>
    public ZxStatus DebugRead(ZxHandle handle, byte* buffer, nuint* bufferSize)
    {
        ZxStatus status = Process.ValidateResource(handle, ZxResourceKind.Root);
        if (status != ZxStatus.Ok)
            return status;
        if (!UserCopy.TryRead(bufferSize, out nuint wanted))
            return ZxStatus.InvalidArgs;
        nuint read = 0;
        for (; read < wanted; read++)
        {
            int c = Kernel.ReadDebugConsole();
            if (c < 0)
                break;
            byte b = c == '\r' ? (byte)'\n' : (byte)c;
            if (!UserCopy.TryWrite(buffer + read, b))
                return ZxStatus.InvalidArgs;
        }
        return CopyOut(bufferSize, read);
    }

    /// <summary><c>zx_debug_send_command</c>: runs a command of Zircon's kernel console, which Zx does not have.</summary>
    /// <remarks>Errors, in order: BAD_HANDLE, WRONG_TYPE (not the root resource), INVALID_ARGS (over 256 bytes, or
    /// the bytes cannot be read), NOT_SUPPORTED (there is no kernel console to run it).</remarks>
    public ZxStatus DebugSendCommand(ZxHandle resource, byte* buffer, nuint bufferSize)
    {
        ZxStatus status = Process.ValidateResource(resource, ZxResourceKind.Root);
        if (status != ZxStatus.Ok)
            return status;
        if (bufferSize > DebugWriteMax)
            return ZxStatus.InvalidArgs;
        Span<byte> bytes = stackalloc byte[(int)bufferSize];
        if (!UserCopy.TryCopyIn(bytes, buffer))
            return ZxStatus.InvalidArgs;
        return ZxStatus.NotSupported;
    }
}
