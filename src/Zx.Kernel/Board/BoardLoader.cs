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
/// <para>A board file is input: only a regular file of at most <see cref="MaxFileBytes"/> bytes is read, with at
/// most <see cref="MaxRegions"/> regions (and as many interrupt and I/O port ranges); every problem is one
/// <see cref="BoardFormatException"/> naming the file and the field, and no message repeats more than a few
/// printable characters of the file.</para>
/// </remarks>
public static class BoardLoader
{
    /// <summary>The largest board file read: 1 MiB.</summary>
    public const int MaxFileBytes = 1 << 20;

    /// <summary>The most regions a board may have (and the most interrupt or I/O port ranges): 4,096.</summary>
    public const int MaxRegions = 4096;

    /// <summary>Reads and checks the board file at <paramref name="path"/>.</summary>
    public static BoardDescription Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = Host.LinuxFiles.ReadRegularFile(path, MaxFileBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BoardFormatException($"{path}: cannot read the board file: {e.Message}", e);
        }
        string text;
        try
        {
            text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (ArgumentException e)
        {
            throw new BoardFormatException($"{path}: not a board file (it is not UTF-8 text)", e);
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
            // The parser's message can quote the text it stopped at; say where instead.
            string where = e.Path is null ? "" : $" at {Printable(e.Path)}";
            string line = e.LineNumber is long n ? $", line {n + 1}" : "";
            throw new BoardFormatException($"{source}: not a valid board file{where}{line}: {JsonProblem(e)}", e);
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
        if (file.Regions.Count > MaxRegions)
            throw new BoardFormatException($"{source}: the board has {file.Regions.Count} regions, more than the limit of {MaxRegions}");
        var regions = new List<BoardRegion>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < file.Regions.Count; i++)
        {
            RegionEntry? entry = file.Regions[i];
            if (entry is null)
                throw new BoardFormatException($"{source}: regions[{i}] is null (a region is an object with name, kind, base and size)");
            string regionName = string.IsNullOrWhiteSpace(entry.Name) ? $"#{i}" : entry.Name;
            string where = $"{source}: region {Printable(regionName)}";
            BoardRegionKind kind = entry.Kind?.ToUpperInvariant() switch
            {
                "RAM" => BoardRegionKind.Ram,
                "MMIO" => BoardRegionKind.Mmio,
                null => throw new BoardFormatException($"{where}: the kind is missing (use \"ram\" or \"mmio\")"),
                _ => throw new BoardFormatException($"{where}: unknown kind {Printable(entry.Kind)} (use \"ram\" or \"mmio\")"),
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
            if (!names.Add(regionName))
                throw new BoardFormatException($"{where}: the name is used twice");
            string? device = entry.Device;
            if (device is not null && (kind != BoardRegionKind.Mmio || !Devices.DeviceModel.Kinds.Contains(device)))
                throw new BoardFormatException(kind != BoardRegionKind.Mmio
                    ? $"{where}: only an MMIO region can have a device"
                    : $"{where}: unknown device {Printable(device)} (known: {string.Join(", ", Devices.DeviceModel.Kinds)})");
            uint? irq = null;
            if (entry.Irq is JsonElement irqValue)
            {
                ulong number = ParseNumber(irqValue, $"{where}: irq");
                if (device is null || number > uint.MaxValue)
                    throw new BoardFormatException(device is null ? $"{where}: an irq needs a device" : $"{where}: irq {number} is not a 32-bit number");
                irq = (uint)number;
            }
            string? serial = entry.Serial;
            if (serial is not null && device != "pl011")
                throw new BoardFormatException($"{where}: only a UART (\"device\": \"pl011\") has a serial line");
            if (serial is not null && Devices.SerialLine.Check(serial) is not null)
                throw new BoardFormatException($"{where}: unknown serial line {Printable(serial)} (stdio, pty, file:PATH or null)");
            regions.Add(new BoardRegion(regionName, kind, @base, size) { Device = device, Irq = irq, Serial = serial });
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

    private static List<BoardRange> ParseRanges(List<RangeEntry?>? entries, string where)
    {
        var ranges = new List<BoardRange>();
        if (entries is not null && entries.Count > MaxRegions)
            throw new BoardFormatException($"{where}: {entries.Count} ranges, more than the limit of {MaxRegions}");
        foreach (RangeEntry? entry in entries ?? [])
        {
            if (entry is null)
                throw new BoardFormatException($"{where}: a range is null (a range is an object with base and count)");
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
        throw new BoardFormatException($"{what} {Printable(value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText())} is not a 64-bit unsigned number");
    }

    /// <summary>A value from the file as a message may show it: at most 40 characters, anything but printable ASCII
    /// shown as <c>?</c>, in quotes.</summary>
    private static string Printable(string? text)
    {
        if (text is null)
            return "null";
        const int limit = 40;
        var shown = new System.Text.StringBuilder("'");
        foreach (char c in text.AsSpan(0, Math.Min(text.Length, limit)))
            shown.Append(c is >= ' ' and <= '~' ? c : '?');
        return shown.Append(text.Length > limit ? "...'" : "'").ToString();
    }

    /// <summary>What the JSON parser found wrong, without the text it quotes.</summary>
    private static string JsonProblem(JsonException e) => e.InnerException switch
    {
        InvalidOperationException or FormatException => "a value has the wrong type",
        _ when e.Message.Contains("could not be mapped", StringComparison.Ordinal) => "an unknown field (fields: name, description, regions, interrupts, ioports; a region has name, kind, base, size, and an MMIO region may have device, irq and, for a UART, serial)",
        _ when e.Message.Contains("could not be converted", StringComparison.Ordinal) => "a value has the wrong type",
        _ => "the JSON is malformed",
    };

    internal sealed class BoardFile
    {
        public string? Name { get; set; }
        public string? Description { get; set; }
        public List<RegionEntry?>? Regions { get; set; }
        public List<RangeEntry?>? Interrupts { get; set; }
        [JsonPropertyName("ioports")]
        public List<RangeEntry?>? IoPorts { get; set; }
    }

    internal sealed class RegionEntry
    {
        public string? Name { get; set; }
        public string? Kind { get; set; }
        public JsonElement? Base { get; set; }
        public JsonElement? Size { get; set; }
        public string? Device { get; set; }
        public JsonElement? Irq { get; set; }
        public string? Serial { get; set; }
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
