using System.Runtime.InteropServices;
using Zx.Kernel;
using Zx.Kernel.Board;
using Zx.Kernel.Syscalls;

namespace Zx.Native;

/// <summary>The library's kernel and the calling thread's process. The kernel starts on the first call, on the
/// board named by <c>ZX_BOARD</c> or the built-in default; the compatibility setting comes from
/// <c>ZX_COMPAT</c> (<c>document</c>, the default, or <c>zircon2018</c>); <c>ZX_FAULT_REPORT</c> names a file where a
/// fault that kills the program is described (the zx tool sets it); <c>ZX_DEMAND_PAGING=0</c> maps every page of a
/// mapping when it is made instead of on first touch; <c>ZX_SERIAL</c> connects every emulated UART to
/// <c>stdio</c>, <c>pty</c>, <c>file:PATH</c> or <c>null</c> instead of the board's choice.</summary>
internal static class NativeKernel
{
    private static readonly Lazy<KernelContext?> Instance = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    [ThreadStatic]
    private static ProcessContext? t_current;

    /// <summary>The kernel, or null when it could not start (the reason went to stderr).</summary>
    public static KernelContext? Kernel => Instance.Value;

    /// <summary>The process the calling thread acts in: the default (first) process unless the thread was
    /// started in another one.</summary>
    public static ProcessContext? Current => t_current ?? Kernel?.FirstProcess;

    private static ZxSyscalls? s_firstProcessSys;

    /// <summary>The calling thread's syscall surface, or null when the kernel could not start. The first process's
    /// surface is cached once the kernel is up, so the common call reads two statics.</summary>
    public static ZxSyscalls? Sys => (s_threadsEnteredProcesses ? t_current?.Syscalls : null) ?? s_firstProcessSys ?? StartAndCache();

    // Set once any thread acts in a process other than the first; until then no call reads the thread-static (in a
    // shared library each thread-static read is a call into the dynamic linker). A thread that sets it sees its
    // own write; other threads have no process of their own to find.
    private static bool s_threadsEnteredProcesses;

    // Orders the opening of the fast path (FastPath) with its closing when a thread enters another process.
    private static readonly Lock FastPathGate = new();

    private static ZxSyscalls? StartAndCache()
    {
        ZxSyscalls? sys = Kernel?.FirstProcess.Syscalls;
        Volatile.Write(ref s_firstProcessSys, sys);
        if (sys is not null && TraceSwitch.Off)
        {
            lock (FastPathGate)
            {
                if (!s_threadsEnteredProcesses)
                    FastPath.Set(sys);
            }
        }
        return sys;
    }

    /// <summary>Makes the calling thread act in <paramref name="process"/>.</summary>
    public static void Enter(ProcessContext? process)
    {
        // A thread of the first process acts where every thread acts by default: nothing to remember.
        if (process is not null && !ReferenceEquals(process, process.Kernel.FirstProcess))
        {
            lock (FastPathGate)
            {
                s_threadsEnteredProcesses = true;
                FastPath.Set(null); // for good: this thread's calls must reach its own process
            }
        }
        t_current = process;
    }

    private static KernelContext? Start()
    {
        try
        {
            string? path = Environment.GetEnvironmentVariable("ZX_BOARD");
            BoardDescription board = string.IsNullOrEmpty(path) ? BoardDescription.Default : BoardLoader.Load(path);
            ZxCompatibility compatibility = Environment.GetEnvironmentVariable("ZX_COMPAT")?.ToUpperInvariant() switch
            {
                "ZIRCON2018" or "2018" => ZxCompatibility.Zircon2018,
                _ => ZxCompatibility.Document,
            };
            bool tracing = Tracer.Configure();
            if (Environment.GetEnvironmentVariable("ZX_FAULT_REPORT") is { Length: > 0 } faultReport)
                Zx.Kernel.Host.UserCopy.ReportFatalFaultsTo(faultReport);
            KernelContext kernel = KernelContext.Create(new KernelOptions
            {
                Board = board,
                Compatibility = compatibility,
                FirstProcessName = "libzircon",
                RecordHandleOrigins = tracing,
                DemandPaging = Environment.GetEnvironmentVariable("ZX_DEMAND_PAGING") != "0",
                Serial = Environment.GetEnvironmentVariable("ZX_SERIAL") is { Length: > 0 } serial ? serial : null,
                SerialReadsStandardInput = true, // a UART on stdio receives what is typed (once the driver enables RXE)
            });
            kernel.CrashReported += Tracer.CrashReported;
            if (tracing)
                kernel.DeviceAccessed += Tracer.DeviceAccessed;
            FaultPath.Install(); // faults of user code in the processes' windows now reach the kernel
            kernel.HostThreadEntering = process =>
            {
                Enter(process); // threads started by zx_thread_start act in their own process
                ThreadIdentity.RegisterStartedThread();
            };
            kernel.HostThreadLeaving = ThreadIdentity.ForgetStartedThread;
            kernel.NativeEntryRunner = ZxShim.RunEntry; // so zx_thread_exit and zx_process_exit can leave the entry
            kernel.HostThreadKillFlag = ZxShim.KillFlag; // so zx_task_kill can stop a thread at its next syscall
            kernel.HostThreadParking = ThreadIdentity.StartParking(); // so a suspended thread stops in user code too
            return kernel;
        }
        catch (Exception e)
        {
            // A bad board file (or a host that refuses its memory) is the user's input: one line, no stack trace.
            Console.Error.WriteLine($"libzircon: cannot start the kernel: {e.Message}");
            return null;
        }
    }
}

/// <summary>The C part of the library (native/thread_exit.c), linked in statically.</summary>
internal static partial class ZxShim
{
    /// <summary>Runs a thread's C entry with a return point that <c>zx_thread_exit</c> and <c>zx_process_exit</c>
    /// jump back to.</summary>
    [LibraryImport("zxshim", EntryPoint = "zxshim_run_entry")]
    public static partial void RunEntry(nuint entry, nuint arg1, nuint arg2);

    /// <summary>The address of the calling thread's killed flag (cleared): writing 1 there makes the thread leave at
    /// its next syscall, or when the one it is in returns.</summary>
    /// <summary>Where user code called the outermost syscall the calling thread is in (0 outside one).</summary>
    [LibraryImport("zxshim", EntryPoint = "zxshim_syscall_caller"), SuppressGCTransition]
    public static partial nint SyscallCaller();

    [LibraryImport("zxshim", EntryPoint = "zxshim_kill_flag"), SuppressGCTransition]
    public static partial nint KillFlag();

    /// <summary>Marks the calling thread killed.</summary>
    [LibraryImport("zxshim", EntryPoint = "zxshim_mark_killed"), SuppressGCTransition]
    public static partial void MarkKilled();

    /// <summary>Makes the C library call <c>zxshim_at_exit</c> when the program ends.</summary>
    [LibraryImport("zxshim", EntryPoint = "zxshim_register_exit_hook")]
    public static partial void RegisterExitHook();

    /// <summary>Says whether the calling host thread runs a thread of a process other than the program's own.</summary>
    [LibraryImport("zxshim", EntryPoint = "zxshim_set_other_process"), SuppressGCTransition]
    public static partial void SetOtherProcess(int other);

    /// <summary>The calling host thread's pthread identity (a <c>thrd_t</c>).</summary>
    [LibraryImport("zxshim", EntryPoint = "zxshim_current_thrd"), SuppressGCTransition]
    public static partial nuint CurrentThrd();

    /// <summary>Asks to hear (<see cref="TakeEndedThread"/>) when the calling host thread ends; -1 when the host
    /// cannot watch threads.</summary>
    [LibraryImport("zxshim", EntryPoint = "zxshim_watch_thread")]
    public static partial int WatchThread(ulong token);

    /// <summary>Blocks until a watched thread may have ended (the reaper thread only).</summary>
    [LibraryImport("zxshim", EntryPoint = "zxshim_wait_for_ended_threads")]
    public static partial void WaitForEndedThreads();

    /// <summary>The token of a watched thread that ended, or 0 (the reaper thread only).</summary>
    [LibraryImport("zxshim", EntryPoint = "zxshim_take_ended_thread")]
    public static partial ulong TakeEndedThread();

    /// <summary>The reaper's eventfd (made once), or -1.</summary>
    [LibraryImport("zxshim", EntryPoint = "zxshim_get_reaper_fd")]
    public static partial int ReaperFd();

    /// <summary>Installs the park signal's handler, which tells the kernel through <paramref name="notifyFd"/>;
    /// the signal number, or -1.</summary>
    [LibraryImport("zxshim", EntryPoint = "zxshim_park_install")]
    public static partial int ParkInstall(int notifyFd);

    /// <summary>The calling thread's park block, reset.</summary>
    [LibraryImport("zxshim", EntryPoint = "zxshim_park_block"), SuppressGCTransition]
    public static partial nint ParkBlock();

    /// <summary>Sends the park signal to host thread <paramref name="tid"/>.</summary>
    [LibraryImport("zxshim", EntryPoint = "zxshim_park_interrupt")]
    public static partial int ParkInterrupt(int tid);

    /// <summary>Wakes a thread parked on <paramref name="block"/>.</summary>
    [LibraryImport("zxshim", EntryPoint = "zxshim_park_wake")]
    public static partial void ParkWake(nint block);
}
