using System.Collections.Concurrent;
using System.Text;
using Zx.Kernel;
using Zx.Kernel.Concurrency;
using Zx.Kernel.Object;

namespace Zx.Native;

/// <summary>Host threads as Zircon threads (<c>zx_thread_self</c>, <c>thrd_get_zx_handle</c>). A host thread Zx did
/// not start is adopted into the first process on its first call into the library (native/threads.c notices the
/// first call and, later, the thread's end); a thread Zx started is registered when it starts.</summary>
internal static class ThreadIdentity
{
    // The live Zircon threads of host threads, by their pthread identity (thrd_t), and the adopted ones by koid (the
    // token native/threads.c hands back when the host thread ends).
    private static readonly ConcurrentDictionary<nuint, ThreadDispatcher> ByHostThread = new();
    private static readonly ConcurrentDictionary<ulong, (ThreadDispatcher Thread, nuint HostThread)> Adopted = new();
    private static int s_reaperStarted;

    /// <summary>Makes the calling host thread a thread of the first process, unless it is a Zircon thread already
    /// or the kernel could not start.</summary>
    public static void AdoptCallingThread()
    {
        KernelContext? kernel = NativeKernel.Kernel;
        if (kernel is null || ThreadDispatcher.Current is not null)
            return;
        ThreadDispatcher? thread = ThreadDispatcher.AdoptCurrentHostThread(kernel.FirstProcess.Dispatcher, HostThreadName());
        if (thread is null)
            return;
        nuint host = ZxShim.CurrentThrd();
        ByHostThread[host] = thread;
        Adopted[thread.Koid] = (thread, host);
        if (ZxShim.WatchThread(thread.Koid) >= 0)
            StartReaper();
    }

    /// <summary>Records a thread Zx started, on its own host thread, so <c>thrd_get_zx_handle</c> finds it.</summary>
    public static void RegisterStartedThread()
    {
        if (ThreadDispatcher.Current is ThreadDispatcher thread)
        {
            ByHostThread[ZxShim.CurrentThrd()] = thread;
            // Any fault of a thread of another process is that process's exception (native/fault.c).
            ZxShim.SetOtherProcess(thread.Process != NativeKernel.Kernel?.FirstProcess.Dispatcher ? 1 : 0);
        }
    }

    /// <summary>Forgets a thread Zx started, on its own host thread, as it ends.</summary>
    public static void ForgetStartedThread()
    {
        ZxShim.SetOtherProcess(0);
        ByHostThread.TryRemove(ZxShim.CurrentThrd(), out _);
    }

    /// <summary><c>zx_thread_self</c>: the calling thread's own handle.</summary>
    public static uint Self()
    {
        if (ThreadDispatcher.Current is null)
            AdoptCallingThread();
        return ThreadDispatcher.Current?.SelfHandle().Value ?? 0;
    }

    /// <summary><c>thrd_get_zx_handle</c>: the own handle of the Zircon thread on host thread <paramref name="host"/>.</summary>
    public static uint HandleOf(nuint host) =>
        ByHostThread.TryGetValue(host, out ThreadDispatcher? thread) ? thread.SelfHandle().Value : 0;

    // The host's name for the calling thread (Linux keeps at most 15 bytes of it).
    private static byte[] HostThreadName()
    {
        try
        {
            return Encoding.UTF8.GetBytes(File.ReadAllText("/proc/thread-self/comm").TrimEnd('\n'));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "thread"u8.ToArray();
        }
    }

    /// <summary>Installs the park signal (native/suspend.c) and starts the reaper, which also hears when a thread
    /// parks; null when the host cannot do either, and threads are then suspended only at their kernel waits.</summary>
    public static IHostThreadParking? StartParking()
    {
        int fd = ZxShim.ReaperFd();
        if (fd < 0 || ZxShim.ParkInstall(fd) < 0)
            return null;
        StartReaper();
        return new SignalParking();
    }

    private static void StartReaper()
    {
        if (Interlocked.Exchange(ref s_reaperStarted, 1) == 0)
            new Thread(Reap) { IsBackground = true, Name = "zx thread reaper" }.Start();
    }

    // The C ABI's park signal as the kernel's way to stop a thread in user code.
    private sealed class SignalParking : IHostThreadParking
    {
        public nint RegisterCurrentThread() => ZxShim.ParkBlock();

        public void Interrupt(int hostThreadId) => _ = ZxShim.ParkInterrupt(hostThreadId);

        public void Wake(nint block) => ZxShim.ParkWake(block);
    }

    // Marks adopted threads TERMINATED as their host threads end (native/threads.c queues them), and asserts
    // ZX_THREAD_SUSPENDED on threads that parked in the park signal's handler (which only writes to the eventfd).
    private static void Reap()
    {
        while (true)
        {
            ZxShim.WaitForEndedThreads();
            foreach (ThreadDispatcher thread in ByHostThread.Values)
                thread.NoticeHostPark();
            for (ulong token = ZxShim.TakeEndedThread(); token != 0; token = ZxShim.TakeEndedThread())
            {
                if (!Adopted.TryRemove(token, out (ThreadDispatcher Thread, nuint HostThread) ended))
                    continue;
                ByHostThread.TryRemove(new KeyValuePair<nuint, ThreadDispatcher>(ended.HostThread, ended.Thread));
                ended.Thread.HostThreadEnded();
            }
        }
    }
}
