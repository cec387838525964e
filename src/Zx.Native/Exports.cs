using System.Runtime.InteropServices;
using Zx.Kernel.Syscalls;

namespace Zx.Native;

/// <summary>The C ABI: each syscall with Zircon's C signature, as <c>zxabi_NAME</c>; the exported <c>zx_NAME</c> is a
/// generated C function around it (native/syscall_stubs.c) that never returns to a killed thread. The exports of the
/// syscalls are generated from <c>syscalls/zircon.syscalls</c> (Exports.Declared.g.cs); each hands its arguments,
/// as one value or a tuple in C order, to <see cref="Call{TState}"/>, which traces and calls the body. No exception
/// crosses this boundary: an unexpected one becomes <c>ZX_ERR_INTERNAL</c>, and a kernel that could not start
/// answers <c>ZX_ERR_BAD_STATE</c>. A syscall of a process that is dead does nothing: the calling thread is marked
/// killed, and the C side leaves it. The exports that are not syscalls are written here.</summary>
// Safety: the C caller owns every pointer argument; they are handed on untouched to ZxSyscalls, which reads and writes
// user memory only through UserCopy.
internal static unsafe partial class Exports
{
    private const int ErrInternal = (int)ZxStatus.Internal;
    private const int ErrBadState = (int)ZxStatus.BadState;

    /// <summary>Runs one syscall: <paramref name="id"/> names it in <see cref="ZxSyscallTable"/>,
    /// <paramref name="state"/> holds its arguments and <paramref name="body"/> calls ZxSyscalls with them.</summary>
    private static int Call<TState>(int id, TState state, delegate*<ZxSyscalls, TState, ZxStatus> body)
    {
        if (TraceSwitch.Off)
            return Invoke(state, body);
        if (!Tracer.Active)
        {
            // Not known yet: the kernel starts on the first call and reads the trace settings then, so start it before
            // deciding; the program's first syscall is traced like the rest.
            _ = NativeKernel.Kernel;
            if (!Tracer.Active)
                return Invoke(state, body);
        }
        Tracer.Frame frame;
        try
        {
            frame = Tracer.Begin(id, state);
        }
        catch (Exception e)
        {
            ReportInternalError(e, "");
            return ErrInternal;
        }
        int status = Invoke(state, body);
        try
        {
            Tracer.End(frame, status);
        }
        catch (Exception e)
        {
            ReportInternalError(e, " while tracing");
        }
        return status;
    }

    private static int Invoke<TState>(TState state, delegate*<ZxSyscalls, TState, ZxStatus> body)
    {
        try
        {
            ZxSyscalls? sys = NativeKernel.Sys;
            if (sys is null)
                return ErrBadState;
            if (sys.CallerIsDead)
            {
                ZxShim.MarkKilled();
                return ErrBadState;
            }
            int status = (int)body(sys, state);
            if (sys.CallerIsDead) // killed while in the syscall (a blocking wait ends when its process dies)
                ZxShim.MarkKilled();
            return status;
        }
        catch (Exception e)
        {
            ReportInternalError(e, "");
            return ErrInternal;
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "zxabi_get_root_resource")]
    public static uint GetRootResource() => Guard(() => NativeKernel.Kernel?.RootResource.Value ?? 0);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_process_self")]
    public static uint ProcessSelf() => Guard(() => NativeKernel.Current?.SelfHandle.Value ?? 0);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_thread_self")]
    public static uint ThreadSelf() => Guard(ThreadIdentity.Self);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_thrd_get_zx_handle")]
    public static uint ThrdGetZxHandle(nuint thread) => Guard(() => ThreadIdentity.HandleOf(thread));

    /// <summary>A host program is started with no startup handles.</summary>
    [UnmanagedCallersOnly(EntryPoint = "zxabi_take_startup_handle")]
    public static uint TakeStartupHandle(uint handleInfo) => 0;

    /// <summary>Called by native/threads.c on a host thread's first call into the library.</summary>
    [UnmanagedCallersOnly(EntryPoint = "zxabi_adopt_thread")]
    public static void AdoptThread()
    {
        try
        {
            ThreadIdentity.AdoptCallingThread();
        }
        catch (Exception e)
        {
            ReportInternalError(e, "");
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "zxabi_vmar_root_self")]
    public static uint VmarRootSelf() => Guard(() => NativeKernel.Current?.RootVmar.Value ?? 0);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_job_default")]
    public static uint JobDefault() => Guard(() => NativeKernel.Current?.DefaultJob.Value ?? 0);

    /// <summary>Called by the C part of <c>zx_process_exit</c> before it leaves the thread: ends the calling
    /// thread's process with <paramref name="retcode"/>.</summary>
    [UnmanagedCallersOnly(EntryPoint = "zxshim_process_exiting")]
    public static void ProcessExiting(long retcode)
    {
        try
        {
            NativeKernel.Sys?.ProcessExit(retcode);
        }
        catch (Exception e)
        {
            ReportInternalError(e, "");
        }
    }

    /// <summary>Called by the C exit hook: writes the JSON trace and the report.</summary>
    [UnmanagedCallersOnly(EntryPoint = "zxshim_at_exit")]
    public static void AtExit()
    {
        try
        {
            Tracer.Finish();
        }
        catch (Exception e)
        {
            ReportInternalError(e, " at exit");
        }
    }

    // Safety: the string lives as long as the library (StatusStrings never frees it).
    [UnmanagedCallersOnly(EntryPoint = "zxabi_status_get_string")]
    public static byte* StatusGetString(int status) => StatusStrings.Get((ZxStatus)status);

    /// <summary>Says on stderr that an exception reached the C boundary (a bug in Zx). It never throws itself: when
    /// the host cannot even write the line (at the host's map limit, say), the report is dropped and the caller's
    /// status still gets back to the program.</summary>
    // ZX_ABORT_ON_INTERNAL=1 (the fuzz run and the C suite set it) turns an internal error into a crash, so a test
    // cannot miss one: ZX_ERR_INTERNAL is always a bug in Zx.
    private static readonly bool s_abortOnInternal = Environment.GetEnvironmentVariable("ZX_ABORT_ON_INTERNAL") == "1";

    private static void ReportInternalError(Exception e, string where)
    {
        try
        {
            Console.Error.WriteLine($"libzircon: internal error{where}: {e.GetType().Name}: {e.Message}");
        }
        catch (Exception)
        {
            // Nothing more can be done from here; the syscall's status is what the program sees.
        }
        if (s_abortOnInternal)
            Environment.FailFast($"libzircon: internal error{where} (ZX_ABORT_ON_INTERNAL): {e}");
    }

    private static uint Guard(Func<uint> body)
    {
        try
        {
            return body();
        }
        catch (Exception e)
        {
            ReportInternalError(e, "");
            return 0;
        }
    }
}

/// <summary>NUL-terminated status names that live as long as the library.</summary>
// Safety: each string is allocated once with NativeMemory and never freed, so the pointers handed out stay valid.
internal static unsafe class StatusStrings
{
    private static readonly Dictionary<ZxStatus, nint> Cache = [];
    private static readonly Lock CacheLock = new();

    public static byte* Get(ZxStatus status)
    {
        lock (CacheLock)
        {
            if (!Cache.TryGetValue(status, out nint text))
            {
                byte[] bytes = System.Text.Encoding.ASCII.GetBytes(status.ToZirconName() + "\0");
                text = (nint)NativeMemory.Alloc((nuint)bytes.Length);
                bytes.CopyTo(new Span<byte>((void*)text, bytes.Length));
                Cache[status] = text;
            }
            return (byte*)text;
        }
    }
}
