namespace Zx.Kernel.Host;

/// <summary>The share of the host's mapping limit (<c>vm.max_map_count</c>) that Zx's VMAR mappings may use, for the
/// whole host process.</summary>
/// <remarks>Every host run of a Zx mapping costs at most two host mappings (itself, and the split it makes in its
/// reservation). If Zx let its mappings fill the host's limit, the host would refuse even the mapping that gives a
/// window back to the reservation, and nothing could be unmapped again; so a map that would bring Zx's runs past
/// (limit - <see cref="Margin"/>) / 2 is refused with NO_MEMORY before the host is asked, and the runtime and the
/// program keep the margin for their own memory.</remarks>
internal static class HostMapBudget
{
    /// <summary>Host mappings left for the .NET runtime, the C library and the program.</summary>
    public const int Margin = 2048;

    private static readonly long s_limit = ReadLimit();
    private static long s_runs;

    /// <summary>The most host runs Zx's mappings may hold at once.</summary>
    public static long MaxRuns => s_limit;

    /// <summary>Host runs Zx's mappings hold right now.</summary>
    public static long Runs => Interlocked.Read(ref s_runs);

    /// <summary>Takes one run from the budget; false (nothing taken) when it is spent.</summary>
    public static bool TryTake()
    {
        if (Interlocked.Increment(ref s_runs) <= s_limit)
            return true;
        Interlocked.Decrement(ref s_runs);
        return false;
    }

    /// <summary>Changes the count by <paramref name="delta"/> runs: negative when runs are given back, positive when
    /// one run is cut in two (a window unmapped from its middle), which may pass the budget by the few runs such
    /// cuts make.</summary>
    public static void Adjust(long delta) => Interlocked.Add(ref s_runs, delta);

    private static long ReadLimit()
    {
        long max = 65530; // the kernel's default
        try
        {
            if (long.TryParse(File.ReadAllText("/proc/sys/vm/max_map_count").Trim(), System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture, out long read) && read > 2 * Margin)
                max = read;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Keep the default.
        }
        return (max - Margin) / 2;
    }
}
