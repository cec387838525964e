namespace Zx.Tests;

/// <summary>The host's view of this process's memory: the mappings /proc/self/maps lists.</summary>
internal static class HostMaps
{
    /// <summary>One mapping: its address range and its permission string (<c>rw-s</c>, <c>---p</c>, ...).</summary>
    public readonly record struct Region(ulong Start, ulong End, string Perms)
    {
        public bool Accessible => !Perms.StartsWith("---", StringComparison.Ordinal);
    }

    /// <summary>Every mapping, in address order.</summary>
    public static IEnumerable<Region> Regions()
    {
        foreach (string line in File.ReadLines("/proc/self/maps"))
        {
            string[] parts = line.Split(' ', 3);
            string[] range = parts[0].Split('-');
            yield return new Region(Convert.ToUInt64(range[0], 16), Convert.ToUInt64(range[1], 16), parts[1]);
        }
    }
}
