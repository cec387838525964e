using System.Globalization;
using System.Text.Json;
using Zx.Kernel.Board;

namespace Zx.Tool;

/// <summary>What the tool says when the program it ran was killed by a signal: the signal, the faulting address
/// (from the line libzircon.so writes to <c>ZX_FAULT_REPORT</c> as the program dies), and which Zx mapping, VMO and
/// board region held that address, found by replaying the trace's <c>zx_vmar_map</c> and <c>zx_vmar_unmap</c> events.</summary>
internal static class CrashReport
{
    /// <summary>A fatal fault as libzircon.so described it.</summary>
    public sealed record Fault(int Signal, int Code, ulong Address, ulong? InstructionPointer);

    /// <summary>The shell's convention for a program killed by a signal: 128 + the signal number.</summary>
    public static int? SignalOf(int exitCode) => exitCode is > 128 and < 128 + 65 ? exitCode - 128 : null;

    /// <summary>The signal's name and meaning.</summary>
    public static string Describe(int signal) => signal switch
    {
        4 => "SIGILL (illegal instruction)",
        5 => "SIGTRAP (trace or breakpoint trap)",
        6 => "SIGABRT (aborted)",
        7 => "SIGBUS (bus error: memory that nothing backs)",
        8 => "SIGFPE (arithmetic exception)",
        9 => "SIGKILL (killed)",
        11 => "SIGSEGV (invalid memory reference)",
        15 => "SIGTERM (terminated)",
        _ => $"signal {signal}",
    };

    /// <summary>Reads the line libzircon.so wrote, or null when there is none.</summary>
    public static Fault? ReadFault(string path)
    {
        if (!File.Exists(path))
            return null;
        string? line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("zx-fault ", StringComparison.Ordinal));
        if (line is null)
            return null;
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => f.Split('=', 2)).Where(kv => kv.Length == 2).ToDictionary(kv => kv[0], kv => Hex(kv[1]));
        if (!fields.TryGetValue("signal", out ulong? signal) || !fields.TryGetValue("addr", out ulong? address) || signal is null || address is null)
            return null;
        return new Fault((int)signal.Value, (int)(fields.GetValueOrDefault("code") ?? 0), address.Value, fields.GetValueOrDefault("ip"));
    }

    /// <summary>Closes a JSON trace that stopped in the middle (the program died before libzircon.so could end it):
    /// every event written so far stays, and the file becomes valid JSON. Returns true when it had to.</summary>
    public static bool RepairTrace(string path)
    {
        if (!File.Exists(path))
            return false;
        string text = File.ReadAllText(path);
        if (text.TrimEnd().EndsWith("]}", StringComparison.Ordinal))
            return false;
        File.AppendAllText(path, "\n]}\n");
        return true;
    }

    /// <summary>Says which Zx mapping held <paramref name="address"/> when the program died, replaying the trace's
    /// map and unmap events; null when the trace has none that covers it.</summary>
    public static string? Locate(string tracePath, ulong address, BoardDescription board)
    {
        if (!File.Exists(tracePath))
            return null;
        var live = new List<(ulong Base, ulong Length, string Vmo)>();
        var released = new List<(ulong Base, ulong Length)>();
        var physical = new Dictionary<string, ulong>(StringComparer.Ordinal); // VMO handle -> physical address
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(tracePath));
        foreach (JsonElement e in doc.RootElement.GetProperty("traceEvents").EnumerateArray())
        {
            if (!e.TryGetProperty("args", out JsonElement args) || !args.TryGetProperty("status", out JsonElement status)
                || status.GetString() != "ZX_OK")
                continue;
            Dictionary<string, string> call = Fields(args);
            switch (e.GetProperty("name").GetString())
            {
                case "zx_vmo_create_physical" when call.TryGetValue("out", out string? vmo) && Hex(call.GetValueOrDefault("paddr")) is ulong paddr:
                    physical[vmo] = paddr;
                    break;
                case "zx_vmar_map" when Hex(call.GetValueOrDefault("mapped_addr")) is ulong at && Hex(call.GetValueOrDefault("len")) is ulong len:
                    live.Add((at, len, call.GetValueOrDefault("vmo_handle") ?? "?"));
                    released.RemoveAll(r => r.Base < at + len && at < r.Base + r.Length);
                    break;
                case "zx_vmar_unmap" when Hex(call.GetValueOrDefault("addr")) is ulong at && Hex(call.GetValueOrDefault("len")) is ulong len:
                    live.RemoveAll(m => m.Base >= at && m.Base + m.Length <= at + len);
                    released.Add((at, len));
                    break;
            }
        }
        foreach ((ulong mapBase, ulong length, string vmo) in Enumerable.Reverse(live))
        {
            if (address - mapBase >= length)
                continue;
            ulong offset = address - mapBase;
            string where = $"inside the mapping of VMO {vmo} at {Hex(mapBase)} ({length:N0} bytes), offset {Hex(offset)}";
            if (physical.TryGetValue(vmo, out ulong paddr))
            {
                BoardRegion? region = board.FindRegion(paddr + offset);
                where += region is null
                    ? $": physical address {Hex(paddr + offset)}, which no board region backs"
                    : $": physical address {Hex(paddr + offset)} in board region '{region.Name}' ({region.Kind.ToString().ToLowerInvariant()})";
            }
            return where;
        }
        foreach ((ulong releasedBase, ulong length) in released)
        {
            if (address - releasedBase < length)
                return $"in a range released by zx_vmar_unmap ({Hex(releasedBase)}, {length:N0} bytes)";
        }
        return null;
    }

    // A slice's arguments, one field each (an output's name is "out." and its parameter's), by parameter name.
    private static Dictionary<string, string> Fields(JsonElement args)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty field in args.EnumerateObject())
        {
            if (field.Value.ValueKind == JsonValueKind.String)
                fields[field.Name.StartsWith("out.", StringComparison.Ordinal) ? field.Name[4..] : field.Name] = field.Value.GetString()!;
        }
        return fields;
    }

    private static ulong? Hex(string? text) =>
        text is not null && text.StartsWith("0x", StringComparison.Ordinal)
        && ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong value) ? value : null;

    private static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);
}
