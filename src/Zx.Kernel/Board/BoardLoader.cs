using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Zx.Kernel.Board;

/// <summary>A board file that cannot be used; the message names the file, the region and the problem.</summary>
public sealed class BoardFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BoardFormatException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public BoardFormatException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception with no message.</summary>
    public BoardFormatException() { }
}

/// <summary>Reads board files (JSON) and checks them.</summary>
/// <remarks>
/// The format: <c>{"name": "...", "description": "...", "regions": [{"name": "uart0", "kind": "mmio",
/// "base": "0x9000000", "size": "0x1000"}, ...], "interrupts": [{"base": 32, "count": 988}],
/// "ioports": [{"base": "0x0", "count": "0x10000"}]}</c>. Numbers may be JSON numbers or strings in decimal or
/// with a <c>0x</c> prefix; underscores are allowed in strings. Regions must be page-aligned, non-empty, must
/// not overlap and must not run past 2^64.
/// </remarks>
public static class BoardLoader
{
    /// <summary>Reads and checks the board file at <paramref name="path"/>.</summary>
    public static BoardDescription Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BoardFormatException($"{path}: cannot read the board file: {e.Message}", e);
        }
        return Parse(text, path);
    }

    /// <summary>Parses and checks board JSON; <paramref name="source"/> names it in error messages.</summary>
    public static BoardDescription Parse(string json, string source)
    {
        BoardFile? file;
        try
        {
            file = JsonSerializer.Deserialize(json, BoardJsonContext.Default.BoardFile);
        }
        catch (JsonException e)
        {
            throw new BoardFormatException($"{source}: not a valid board file: {e.Message}", e);
        }
        if (file is null)
            throw new BoardFormatException($"{source}: the board file is empty");
        return Validate(file, source);
    }

    internal static BoardDescription LoadDefault()
    {
        using Stream stream = typeof(BoardLoader).Assembly.GetManifestResourceStream("Zx.Kernel.default-board.json")
            ?? throw new InvalidOperationException("the default board is missing from the assembly");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "(built-in default board)");
    }

    private static BoardDescription Validate(BoardFile file, string source)
    {
        string name = string.IsNullOrWhiteSpace(file.Name) ? "unnamed" : file.Name;
        if (file.Regions is null || file.Regions.Count == 0)
            throw new BoardFormatException($"{source}: the board has no regions");
        var regions = new List<BoardRegion>();
        for (int i = 0; i < file.Regions.Count; i++)
        {
            RegionEntry entry = file.Regions[i];
            string regionName = string.IsNullOrWhiteSpace(entry.Name) ? $"#{i}" : entry.Name;
            string where = $"{source}: region '{regionName}'";
            BoardRegionKind kind = entry.Kind?.ToUpperInvariant() switch
            {
                "RAM" => BoardRegionKind.Ram,
                "MMIO" => BoardRegionKind.Mmio,
                null => throw new BoardFormatException($"{where}: the kind is missing (use \"ram\" or \"mmio\")"),
                _ => throw new BoardFormatException($"{where}: unknown kind '{entry.Kind}' (use \"ram\" or \"mmio\")"),
            };
            ulong @base = ParseNumber(entry.Base, $"{where}: base");
            ulong size = ParseNumber(entry.Size, $"{where}: size");
            if (size == 0)
                throw new BoardFormatException($"{where}: the size is zero");
            if ((@base & ZxConstants.PageMask) != 0)
                throw new BoardFormatException($"{where}: the base 0x{@base:x} is not page-aligned (4096)");
            if ((size & ZxConstants.PageMask) != 0)
                throw new BoardFormatException($"{where}: the size 0x{size:x} is not page-aligned (4096)");
            if (@base + (size - 1) < @base)
                throw new BoardFormatException($"{where}: base 0x{@base:x} + size 0x{size:x} overflows 64 bits");
            if (regions.Any(r => r.Name == regionName))
                throw new BoardFormatException($"{where}: the name is used twice");
            regions.Add(new BoardRegion(regionName, kind, @base, size));
        }
        regions.Sort((a, b) => a.Base.CompareTo(b.Base));
        for (int i = 1; i < regions.Count; i++)
        {
            BoardRegion previous = regions[i - 1], current = regions[i];
            if (current.Base - previous.Base < previous.Size)
                throw new BoardFormatException(
                    $"{source}: region '{current.Name}' overlaps region '{previous.Name}' ({current} and {previous})");
        }
        if (!regions.Any(r => r.Kind == BoardRegionKind.Ram))
            throw new BoardFormatException($"{source}: the board has no RAM region");
        return new BoardDescription(name, file.Description ?? "", regions,
            ParseRanges(file.Interrupts, $"{source}: interrupts"), ParseRanges(file.IoPorts, $"{source}: ioports"));
    }

    private static List<BoardRange> ParseRanges(List<RangeEntry>? entries, string where)
    {
        var ranges = new List<BoardRange>();
        foreach (RangeEntry entry in entries ?? [])
        {
            ulong @base = ParseNumber(entry.Base, $"{where}: base");
            ulong count = ParseNumber(entry.Count, $"{where}: count");
            if (count == 0 || @base + (count - 1) < @base)
                throw new BoardFormatException($"{where}: the range base {@base} count {count} is empty or overflows");
            ranges.Add(new BoardRange(@base, count));
        }
        return ranges;
    }

    private static ulong ParseNumber(JsonElement? element, string what)
    {
        if (element is not JsonElement value)
            throw new BoardFormatException($"{what} is missing");
        if (value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out ulong number))
            return number;
        if (value.ValueKind == JsonValueKind.String)
        {
            string text = value.GetString()!.Replace("_", "", StringComparison.Ordinal).Trim();
            bool ok = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                ? ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out number)
                : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number);
            if (ok)
                return number;
        }
        throw new BoardFormatException($"{what} '{value}' is not a 64-bit unsigned number");
    }

    internal sealed class BoardFile
    {
        public string? Name { get; set; }
        public string? Description { get; set; }
        public List<RegionEntry>? Regions { get; set; }
        public List<RangeEntry>? Interrupts { get; set; }
        [JsonPropertyName("ioports")]
        public List<RangeEntry>? IoPorts { get; set; }
    }

    internal sealed class RegionEntry
    {
        public string? Name { get; set; }
        public string? Kind { get; set; }
        public JsonElement? Base { get; set; }
        public JsonElement? Size { get; set; }
    }

    internal sealed class RangeEntry
    {
        public JsonElement? Base { get; set; }
        public JsonElement? Count { get; set; }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(BoardLoader.BoardFile))]
internal sealed partial class BoardJsonContext : JsonSerializerContext;
