using System.Globalization;
using System.Runtime.InteropServices;

namespace Zx.Kernel.Host;

/// <summary>What Linux says about host threads: their ids and the CPU time they used.</summary>
internal static partial class LinuxThreads
{
    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();

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
