namespace Zx.Kernel;

/// <summary>The one place that does overflow-safe arithmetic on <c>offset + length</c> ranges.</summary>
public static class Ranges
{
    /// <summary>True when <c>[offset, offset+length)</c> fits inside <c>[0, size)</c> without wrapping.</summary>
    public static bool InRange(ulong offset, ulong length, ulong size) =>
        offset <= size && length <= size - offset;

    /// <summary>Adds without wrapping; false when <c>a + b</c> does not fit in 64 bits.</summary>
    public static bool TryAdd(ulong a, ulong b, out ulong sum)
    {
        sum = unchecked(a + b);
        return sum >= a;
    }

    /// <summary>True when <c>[aBase, aBase+aSize)</c> and <c>[bBase, bBase+bSize)</c> share an address; empty
    /// ranges intersect nothing. Ranges may end exactly at 2^64.</summary>
    public static bool Intersects(ulong aBase, ulong aSize, ulong bBase, ulong bSize)
    {
        if (aSize == 0 || bSize == 0)
            return false;
        ulong aLast = aBase + (aSize - 1), bLast = bBase + (bSize - 1);
        return aBase <= bLast && bBase <= aLast;
    }

    /// <summary>True when <c>[inner, inner+innerSize)</c> lies wholly inside <c>[outer, outer+outerSize)</c>.</summary>
    public static bool Contains(ulong outer, ulong outerSize, ulong inner, ulong innerSize) =>
        inner >= outer && InRange(inner - outer, innerSize, outerSize);

    /// <summary>Rounds up to a whole page; false when that passes 2^64.</summary>
    public static bool TryRoundUpToPage(ulong value, out ulong rounded)
    {
        rounded = unchecked((value + ZxConstants.PageMask) & ~ZxConstants.PageMask);
        return rounded >= value;
    }

    /// <summary>True when <paramref name="value"/> is a multiple of the page size.</summary>
    public static bool IsPageAligned(ulong value) => (value & ZxConstants.PageMask) == 0;
}
