using Zx.Kernel.Vm;

namespace Zx.Tests;

/// <summary>The region's ordered children (<see cref="AddressMap{T}"/>) against a sorted dictionary, through random
/// inserts, removals and look-ups that cross chunk splits and merges.</summary>
public sealed class AddressMapTests
{
    private sealed record Entry(ulong Key);

    [Fact]
    public void RandomOperationsMatchASortedDictionary()
    {
        var random = new Random(14);
        var map = new AddressMap<Entry>();
        var reference = new SortedDictionary<ulong, Entry>();
        for (int step = 0; step < 40_000; step++)
        {
            ulong key = (ulong)random.Next(0, 5_000) * 4096;
            switch (random.Next(4))
            {
                case 0 or 1:
                    if (reference.ContainsKey(key))
                    {
                        Assert.Throws<ArgumentException>(() => map.Add(key, new Entry(key)));
                    }
                    else
                    {
                        var entry = new Entry(key);
                        map.Add(key, entry);
                        reference.Add(key, entry);
                    }
                    break;
                case 2:
                    bool present = reference.TryGetValue(key, out Entry? existing);
                    Assert.False(map.Remove(key, new Entry(key))); // only the very entry is removed
                    Assert.Equal(present, present && map.Remove(key, existing!));
                    reference.Remove(key);
                    break;
                default:
                    Entry? below = reference.Keys.Where(k => k <= key).Select(k => reference[k]).LastOrDefault();
                    Assert.Same(below, map.AtOrBelow(key));
                    Assert.Equal(reference.Values.SkipWhile(e => below is not null ? e.Key < below.Key : false).Take(5), map.From(key).Take(5));
                    break;
            }
            Assert.Equal(reference.Count, map.Count);
        }
        Assert.Equal(reference.Values, map.Values);
        foreach (ulong key in reference.Keys.ToList())
            Assert.True(map.Remove(key, reference[key]));
        Assert.Equal(0, map.Count);
        Assert.Null(map.AtOrBelow(ulong.MaxValue));
        Assert.Empty(map.Values);
    }

    [Fact]
    public void AWalkFromAKeyVisitsTheEntryAtOrBelowItAndOnAndAllocatesNothing()
    {
        var map = new AddressMap<Entry>();
        foreach (ulong key in (ulong[])[0x5000, 0x1000, 0x3000])
            map.Add(key, new Entry(key));
        ulong sum = 0;
        int visited = 0;
        foreach (Entry entry in map.From(0x4000)) // warm-up: the first walk may compile
            sum += entry.Key;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 1000; round++)
        {
            foreach (Entry entry in map.From(0x3800))
            {
                sum += entry.Key;
                visited++;
            }
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(2000, visited); // 0x3000 (at or below the key) and 0x5000
        Assert.Equal(0x8000UL + 1000 * 0x8000UL, sum);
        Assert.Equal(0, allocated);
        Assert.Equal([0x1000UL, 0x3000UL, 0x5000UL], map.From(0).Select(e => e.Key)); // the first entry when none is below
        Assert.Empty(new AddressMap<Entry>().From(0x1000));
    }
}
