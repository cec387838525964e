using Zx.Kernel.Concurrency;
using Zx.Kernel.Host;
using Zx.Kernel.Object;

namespace Zx.Kernel.Syscalls;

/// <summary>The raw syscall surface of one process: one method per Zircon syscall, named after it, returning the
/// status and writing results through out values (Zircon's <c>kernel/lib/syscalls</c>).</summary>
/// <remarks>
/// Each syscall comes in two forms. The pointer form mirrors the C signature: a pointer stands for user memory,
/// NULL where the kernel would fault is <c>ZX_ERR_INVALID_ARGS</c>, and an out pointer is written last, after the
/// object exists (a bad one destroys the object again and leaves no handle). The C ABI calls this form. The
/// managed form takes spans and <c>out</c> parameters and calls the pointer form. Every syscall follows the same
/// four beats: look up the handle with its rights, return early on a bad status, call one object method, make the
/// out handle. Nothing that user input can reach throws.
/// </remarks>
// Safety: pointer parameters are user memory, read and written only through UserCopy, which answers a fault.
public sealed unsafe partial class ZxSyscalls
{
    private readonly ProcessContext _context;

    internal ZxSyscalls(ProcessContext context) => _context = context;

    private ProcessDispatcher Process => _context.Dispatcher;

    private KernelContext Kernel => _context.Kernel;

    /// <summary>True once the process these syscalls act in is dead: nothing more is done on its behalf (the C ABI
    /// then never returns to the calling thread).</summary>
    public bool CallerIsDead => Process.IsDead;

    /// <summary>True when a blocking syscall should stop waiting: its process died or its thread was killed.</summary>
    private bool CallerAbandoned => Deadline.IsAbandoned(Process);

    /// <summary>Hands a new object to the caller as a handle, then drops the creator's reference, so a failure
    /// to make the handle destroys the object. This is the new object's allocation point: when fault injection fails
    /// it, the status is NO_MEMORY and the object is gone again, so a syscall that makes an object checks nothing
    /// itself.</summary>
    private ZxStatus MakeHandleAndRelease(Dispatcher created, ZxRights rights, ZxHandle* @out)
    {
        try
        {
            if (Kernel.Faults.ShouldFail())
                return ZxStatus.NoMemory;
            return Process.MakeHandle(created, rights, @out);
        }
        finally
        {
            created.Release();
        }
    }

    /// <summary>Writes two new handles' values out, both made before either is written; when either address is not
    /// writable both handles are closed again and the status is INVALID_ARGS.</summary>
    private ZxStatus PublishHandlePair(ZxHandle first, ZxHandle* firstOut, ZxHandle second, ZxHandle* secondOut)
    {
        if (UserCopy.TryWrite(firstOut, first) && UserCopy.TryWrite(secondOut, second))
            return ZxStatus.Ok;
        _ = HandleClose(first);
        _ = HandleClose(second);
        return ZxStatus.InvalidArgs;
    }

    /// <summary>Copies a value out to user memory (<c>user_out_ptr::copy_to_user</c>); INVALID_ARGS when the address
    /// is not writable (NULL included).</summary>
    private static ZxStatus CopyOut<T>(T* destination, T value) where T : unmanaged =>
        UserCopy.TryWrite(destination, value) ? ZxStatus.Ok : ZxStatus.InvalidArgs;

    /// <summary>Writes an optional out value (NULL means not wanted) and returns <paramref name="status"/>, or
    /// INVALID_ARGS when the address is not writable.</summary>
    private static ZxStatus CopyOutIfWanted<T>(T* destination, T value, ZxStatus status) where T : unmanaged =>
        destination is null || UserCopy.TryWrite(destination, value) ? status : ZxStatus.InvalidArgs;

    /// <summary><c>copy_user_string</c> for a name: copies at most 31 bytes of it into <paramref name="buffer"/>
    /// (which holds at least that many) and gives the part before any NUL; INVALID_ARGS when they cannot be read.
    /// Only the bytes within <paramref name="size"/> are read.</summary>
    private static ZxStatus CopyInName(byte* name, ulong size, Span<byte> buffer, out ReadOnlySpan<byte> copied)
    {
        Span<byte> target = buffer[..(int)Math.Min(size, (ulong)ZxConstants.MaxNameLength - 1)];
        copied = default;
        if (!UserCopy.TryCopyIn(target, name))
            return ZxStatus.InvalidArgs;
        int nul = target.IndexOf((byte)0);
        copied = nul < 0 ? target : target[..nul];
        return ZxStatus.Ok;
    }

    /// <summary>Reads a value from user memory (<c>user_in_ptr::copy_from_user</c>); INVALID_ARGS when the address
    /// is not readable (NULL included).</summary>
    private static ZxStatus CopyIn<T>(T* source, out T value) where T : unmanaged =>
        UserCopy.TryRead(source, out value) ? ZxStatus.Ok : ZxStatus.InvalidArgs;
}
