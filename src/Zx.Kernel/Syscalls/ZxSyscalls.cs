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
public sealed unsafe partial class ZxSyscalls
{
    private readonly ProcessContext _context;

    internal ZxSyscalls(ProcessContext context) => _context = context;

    private ProcessDispatcher Process => _context.Dispatcher;

    private KernelContext Kernel => _context.Kernel;

    /// <summary>Hands a new object to the caller as a handle, then drops the creator's reference, so a failure
    /// to make the handle destroys the object.</summary>
    private ZxStatus MakeHandleAndRelease(Dispatcher created, ZxRights rights, ZxHandle* @out)
    {
        try
        {
            return Process.MakeHandle(created, rights, @out);
        }
        finally
        {
            created.Release();
        }
    }

    /// <summary>Copies a value out to user memory; INVALID_ARGS for NULL.</summary>
    private static ZxStatus CopyOut<T>(T* destination, T value) where T : unmanaged
    {
        if (destination is null)
            return ZxStatus.InvalidArgs;
        *destination = value;
        return ZxStatus.Ok;
    }
}
