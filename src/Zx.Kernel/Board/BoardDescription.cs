using System.Globalization;

namespace Zx.Kernel.Board;

/// <summary>What a board region holds.</summary>
public enum BoardRegionKind
{
    /// <summary>System RAM: the kernel allocates pages for VMOs here.</summary>
    Ram,
    /// <summary>Device registers or device memory: reachable only through MMIO resources and physical VMOs.</summary>
    Mmio,
}

/// <summary>A named range of a board's physical address space.</summary>
/// <param name="Name">The region's name, for example <c>uart0</c>.</param>
/// <param name="Kind">RAM or MMIO.</param>
/// <param name="Base">The first physical address, page-aligned.</param>
/// <param name="Size">The length in bytes, page-aligned and not zero.</param>
public sealed record BoardRegion(string Name, BoardRegionKind Kind, ulong Base, ulong Size)
{
    /// <summary>One past the last address (may be 2^64, which wraps to 0 only for a region ending at the top).</summary>
    public ulong End => Base + Size;

    /// <summary>The device model behind an MMIO region (<c>"device": "pl011"</c>), or null for plain memory.</summary>
    public string? Device { get; init; }

    /// <summary>The line a UART region's device is connected to (<c>"serial": "pty"</c>; see
    /// <see cref="Devices.SerialLine"/>), or null for the default (<c>stdio</c>).</summary>
    public string? Serial { get; init; }

    /// <summary>The board interrupt line the region's device raises (<c>"irq": 33</c>), or null.</summary>
    public uint? Irq { get; init; }

    /// <summary>True when <c>[paddr, paddr+length)</c> lies wholly inside this region.</summary>
    public bool Contains(ulong paddr, ulong length) =>
        paddr >= Base && length <= Size && paddr - Base <= Size - length;

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name} ({Kind}) [0x{Base:x}, +0x{Size:x})");
}

/// <summary>Sizes written the way people say them, everywhere Zx prints one (the tool, the samples, reports).</summary>
public static class ByteSizes
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

    /// <summary>The size in the largest binary unit that writes it exactly with at most two decimals (<c>4 KiB</c>,
    /// <c>1.5 MiB</c>, <c>2047 MiB</c>, <c>512 GiB</c>, <c>0 B</c>), or, when none does under 10,000, in the largest
    /// unit with two decimals cut (never rounded up: <c>15.37 MiB</c> for 15.375 MiB).</summary>
    public static string Format(ulong bytes)
    {
        int largest = 0;
        while (largest < Units.Length - 1 && bytes >> (10 * (largest + 1)) != 0)
            largest++;
        for (int u = largest; u >= 0; u--)
        {
            decimal value = bytes / (decimal)(1UL << (10 * u));
            if (value >= 10_000 && u < largest)
                break;
            if (decimal.Round(value, 2) == value)
                return Text(value, u);
        }
        return Text(decimal.Floor(bytes / (decimal)(1UL << (10 * largest)) * 100) / 100, largest);
    }

    private static string Text(decimal value, int unit) => value.ToString("0.##", CultureInfo.InvariantCulture) + " " + Units[unit];
}

/// <summary>A range of interrupt numbers or I/O ports a board declares.</summary>
/// <param name="Base">The first number.</param>
/// <param name="Count">How many numbers.</param>
public sealed record BoardRange(ulong Base, ulong Count);

/// <summary>An emulated machine: a sparse physical address map of RAM and MMIO regions, plus the interrupt
/// numbers and I/O ports its devices use.</summary>
public sealed class BoardDescription
{
    /// <summary>Creates a board; use <see cref="BoardLoader"/> to read and check one from JSON.</summary>
    public BoardDescription(string name, string description, IReadOnlyList<BoardRegion> regions,
        IReadOnlyList<BoardRange> interrupts, IReadOnlyList<BoardRange> ioPorts)
    {
        Name = name;
        Description = description;
        Regions = regions;
        Interrupts = interrupts;
        IoPorts = ioPorts;
    }

    /// <summary>The board's name.</summary>
    public string Name { get; }

    /// <summary>A sentence saying what the board models.</summary>
    public string Description { get; }

    /// <summary>The regions, sorted by base address, never overlapping.</summary>
    public IReadOnlyList<BoardRegion> Regions { get; }

    /// <summary>Interrupt number ranges that IRQ resources may claim.</summary>
    public IReadOnlyList<BoardRange> Interrupts { get; }

    /// <summary>I/O port ranges that IOPORT resources may claim (x86 layouts only).</summary>
    public IReadOnlyList<BoardRange> IoPorts { get; }

    /// <summary>The built-in default board, a QEMU arm64 <c>virt</c> machine (see the README).</summary>
    public static BoardDescription Default => BoardLoader.LoadDefault();

    /// <summary>The total bytes of RAM.</summary>
    public ulong RamBytes => Regions.Where(r => r.Kind == BoardRegionKind.Ram).Aggregate(0UL, (sum, r) => sum + r.Size);

    /// <summary>The region holding <paramref name="paddr"/>, or null.</summary>
    public BoardRegion? FindRegion(ulong paddr)
    {
        foreach (BoardRegion region in Regions)
        {
            if (region.Contains(paddr, 1))
                return region;
        }
        return null;
    }
}
