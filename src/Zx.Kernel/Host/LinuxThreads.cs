using System.Globalization;
using System.Runtime.InteropServices;

namespace Zx.Kernel.Host;

/// <summary>What Linux says about host threads: their ids and the CPU time they used.</summary>
internal static partial class LinuxThreads
{
    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "nanosleep")]
    private static unsafe partial int NanoSleep(TimeSpec* request, TimeSpec* remaining);

    /// <summary>Sleeps the calling thread for about <paramref name="nanoseconds"/> (the host's high-resolution
    /// timers: tens of microseconds late at most on an idle machine, where .NET's waits count whole milliseconds).</summary>
    // Safety: the request is a local; no remaining time is asked for.
    public static unsafe void SleepNanoseconds(long nanoseconds)
    {
        var request = new TimeSpec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
        _ = NanoSleep(&request, null); // an interrupted sleep is just a shorter one
    }

    /// <summary>The calling host thread's Linux thread id.</summary>
    public static int CurrentThreadId() => GetTid();

    /// <summary>Nanoseconds host thread <paramref name="threadId"/> of this process has run on a CPU (the first field
    /// of its schedstat); 0 for 0, for a thread that has ended, or when the host does not say.</summary>
    public static long CpuTimeOf(int threadId)
    {
        if (threadId == 0)
            return 0;
        try
        {
            string text = File.ReadAllText($"/proc/self/task/{threadId.ToString(CultureInfo.InvariantCulture)}/schedstat");
            int space = text.IndexOf(' ', StringComparison.Ordinal);
            return long.TryParse(space < 0 ? text : text[..space], NumberStyles.None, CultureInfo.InvariantCulture, out long ns) ? ns : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
