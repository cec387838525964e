using System.Runtime.CompilerServices;
using Zx.Kernel.Syscalls;

namespace Zx.Native;

/// <summary>The C ABI's fast path: while nothing is traced and no thread acts in a process other than the first, each
/// syscall export calls the first process's syscall surface directly (Exports.Declared.g.cs), without the argument
/// tuple, the call through a function pointer and the look-ups of <see cref="Exports"/>' general path. A class with no
/// static constructor, so that reading its one field costs no class-initialization check.</summary>
internal static class FastPath
{
    private static ZxSyscalls? s_syscalls;

    /// <summary>The surface to call directly, or null when the call must take the general path: tracing is on, a thread
    /// acts in another process, the kernel has not started, or the first process is dead (the general path then marks
    /// the calling thread killed).</summary>
    public static ZxSyscalls? Syscalls
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            ZxSyscalls? sys = s_syscalls;
            return sys is not null && !sys.CallerIsDead ? sys : null;
        }
    }

    /// <summary>Opens the fast path to <paramref name="sys"/>, or closes it for good (null). Only
    /// <see cref="NativeKernel"/> sets it, under its lock, so that an opening never follows a closing it raced with.</summary>
    public static void Set(ZxSyscalls? sys) => Volatile.Write(ref s_syscalls, sys);

    /// <summary>A syscall's status for C, after marking the calling thread killed if its process died during the call
    /// (a blocking wait ends when its process dies).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Finish(ZxSyscalls sys, ZxStatus status)
    {
        if (sys.CallerIsDead)
            ZxShim.MarkKilled();
        return (int)status;
    }
}
