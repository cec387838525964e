namespace Zx.Kernel;

/// <summary>The syscall the calling thread is in, so that a handle can remember which syscall created it. The
/// C ABI sets it around each call while the kernel records handle origins.</summary>
public static class SyscallScope
{
    [ThreadStatic]
    private static int t_current;

    [ThreadStatic]
    private static string? t_site;

    /// <summary>Where user code made the syscall the thread is in (<c>program+0x1234</c>), when the C ABI knows; a
    /// handle created now remembers it for the leak report.</summary>
    public static string? Site
    {
        get => t_site;
        set => t_site = value;
    }

    /// <summary>The <see cref="ZxSyscallInfo.Id"/> of the syscall the thread is in, or 0.</summary>
    public static int Current
    {
        get => t_current;
        set => t_current = value;
    }
}
