using System.Runtime.InteropServices;

namespace Zx.Benchmarks;

/// <summary>Pins the calling thread to one CPU, for the cross-thread round trips: the benchmark's thread on one CPU and
/// its peers on the other, floor and Zx alike. Unpinned, the host scheduler sometimes runs both ends on one CPU (each
/// half then waits for the other to be descheduled) and sometimes on two, and the same round trip reads 480 or 800 ns
/// from one run to the next; pinned, every run measures the two-CPU case, which is what the target is about.</summary>
// Safety: the mask is a local passed by address for the duration of the call.
public static unsafe partial class CpuPinning
{
    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static partial int SchedSetAffinity(int pid, nuint size, ulong* mask);

    /// <summary>Pins the calling thread to CPU <paramref name="cpu"/> modulo the CPU count (nothing on one CPU).</summary>
    public static void Pin(int cpu)
    {
        if (Environment.ProcessorCount < 2)
            return;
        ulong mask = 1UL << (cpu % Math.Min(Environment.ProcessorCount, 64));
        _ = SchedSetAffinity(0, sizeof(ulong), &mask);
    }

    /// <summary>Lets the calling thread run on every CPU again.</summary>
    public static void Unpin()
    {
        ulong mask = Environment.ProcessorCount >= 64 ? ulong.MaxValue : (1UL << Environment.ProcessorCount) - 1;
        _ = SchedSetAffinity(0, sizeof(ulong), &mask);
    }
}
