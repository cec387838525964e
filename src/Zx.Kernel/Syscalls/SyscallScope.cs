namespace Zx.Kernel;

/// <summary>The syscall the calling thread is in, so that a handle can remember which syscall created it. The
/// C ABI sets it around each call while the kernel records handle origins.</summary>
public static class SyscallScope
{
    [ThreadStatic]
    private static int t_current;

    /// <summary>The <see cref="ZxSyscallInfo.Id"/> of the syscall the thread is in, or 0.</summary>
    public static int Current
    {
        get => t_current;
        set => t_current = value;
    }
}
