using System.Globalization;

namespace Zx.Kernel.Host;

/// <summary>ZX_INFO_CPU_STATS from what Linux says about its CPUs (<c>/proc/stat</c>): one record per online CPU with
/// its number, ONLINE, and its idle time; the scheduler and interrupt counters Zircon keeps per CPU have no
/// per-CPU host source and read 0.</summary>
internal static class LinuxCpuStats
{
    // /proc/stat counts in USER_HZ ticks, 100 per second on every Linux architecture Zx runs on.
    private const long NanosecondsPerTick = 10_000_000;

    /// <summary>A record per CPU, in CPU order; when <c>/proc/stat</c> cannot be read, one per processor the process
    /// may use, with no idle time.</summary>
    public static List<ZxInfoCpuStats> Read()
    {
        var records = new List<ZxInfoCpuStats>();
        try
        {
            foreach (string line in File.ReadLines("/proc/stat"))
            {
                // "cpuN user nice system idle iowait irq softirq ...": the per-CPU lines, not the "cpu " total.
                if (!line.StartsWith("cpu", StringComparison.Ordinal) || line.Length < 4 || !char.IsAsciiDigit(line[3]))
                    continue;
                string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 6 || !uint.TryParse(fields[0].AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out uint cpu))
                    continue;
                long idle = ParseTicks(fields[4]) + ParseTicks(fields[5]);
                records.Add(new ZxInfoCpuStats { CpuNumber = cpu, Flags = ZxInfoCpuStats.FlagOnline, IdleTime = idle * NanosecondsPerTick });
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            records.Clear();
        }
        if (records.Count == 0)
        {
            for (uint cpu = 0; cpu < (uint)Environment.ProcessorCount; cpu++)
                records.Add(new ZxInfoCpuStats { CpuNumber = cpu, Flags = ZxInfoCpuStats.FlagOnline });
        }
        return records;
    }

    private static long ParseTicks(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long ticks) ? ticks : 0;
}
