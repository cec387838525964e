using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Zx.Kernel;

/// <summary>A census written as JSON (what <c>libzircon.so</c> leaves at exit for the <c>zx</c> tool) and read
/// back, and its plain-text summary.</summary>
public static class CensusJson
{
    /// <summary>The handles every process starts with, which a leak report leaves out: its own process handle,
    /// its root VMAR, and in the first process the root job and root resource.</summary>
    public static bool IsStartupHandle(HandleCensus handle) => handle.CreatedBy is null;

    /// <summary>Writes <paramref name="census"/> as JSON.</summary>
    public static string Write(KernelCensus census)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("committed_bytes", census.CommittedBytes);
            json.WriteNumber("host_reservations", census.HostReservations);
            json.WriteNumber("host_reserved_bytes", census.HostReservedBytes);
            json.WriteStartArray("unreachable");
            foreach (ObjectCensus o in census.Unreachable)
            {
                json.WriteStartObject();
                json.WriteString("type", TypeName(o.Type));
                json.WriteNumber("koid", o.Koid);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("kernel_log");
            foreach (Object.DebugLogRecord r in census.Log)
            {
                json.WriteStartObject();
                json.WriteNumber("timestamp", r.Timestamp);
                json.WriteNumber("pid", r.Pid);
                json.WriteNumber("tid", r.Tid);
                json.WriteNumber("flags", r.Flags);
                json.WriteBase64String("data", r.Data);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("objects");
            foreach ((ZxObjectType type, long count) in census.ObjectsByType.OrderBy(p => p.Key))
                json.WriteNumber(TypeName(type), count);
            json.WriteEndObject();
            json.WriteStartArray("processes");
            foreach (ProcessCensus p in census.Processes)
            {
                json.WriteStartObject();
                json.WriteString("name", p.Name);
                json.WriteNumber("koid", p.Koid);
                json.WriteBoolean("dead", p.IsDead);
                json.WriteNumber("mappings", p.Mappings);
                json.WriteNumber("mapped_bytes", p.MappedBytes);
                json.WriteStartArray("handles");
                foreach (HandleCensus h in p.Handles)
                {
                    json.WriteStartObject();
                    json.WriteNumber("value", h.Value.Value);
                    json.WriteString("type", TypeName(h.Type));
                    json.WriteNumber("koid", h.Koid);
                    json.WriteNumber("rights", (uint)h.Rights);
                    if (h.CreatedBy is null)
                        json.WriteNull("created_by");
                    else
                        json.WriteString("created_by", h.CreatedBy);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A kernel log record as Zircon's console shows one: seconds since boot, process and thread koids, the
    /// text (a trailing newline dropped, other control bytes shown as '.').</summary>
    public static string LogLine(Object.DebugLogRecord r)
    {
        string text = System.Text.Encoding.UTF8.GetString(r.Data).TrimEnd('\n');
        text = new string([.. text.Select(c => char.IsControl(c) ? '.' : c)]);
        return string.Create(CultureInfo.InvariantCulture, $"[{r.Timestamp / 1_000_000_000,5}.{r.Timestamp / 1000 % 1_000_000:D6}] {r.Pid}.{r.Tid}> {text}");
    }

    /// <summary>Reads a census written by <see cref="Write"/>.</summary>
    /// <exception cref="JsonException">The text is not such a census.</exception>
    public static KernelCensus Read(string text)
    {
        using JsonDocument doc = JsonDocument.Parse(text);
        JsonElement root = doc.RootElement;
        var objects = new Dictionary<ZxObjectType, long>();
        foreach (JsonProperty o in root.GetProperty("objects").EnumerateObject())
            objects[ParseType(o.Name)] = o.Value.GetInt64();
        var processes = new List<ProcessCensus>();
        foreach (JsonElement p in root.GetProperty("processes").EnumerateArray())
        {
            var handles = new List<HandleCensus>();
            foreach (JsonElement h in p.GetProperty("handles").EnumerateArray())
            {
                JsonElement by = h.GetProperty("created_by");
                handles.Add(new HandleCensus(new ZxHandle(h.GetProperty("value").GetUInt32()), ParseType(h.GetProperty("type").GetString()!),
                    h.GetProperty("koid").GetUInt64(), (ZxRights)h.GetProperty("rights").GetUInt32(),
                    by.ValueKind == JsonValueKind.Null ? null : by.GetString()));
            }
            processes.Add(new ProcessCensus(p.GetProperty("name").GetString()!, p.GetProperty("koid").GetUInt64(), p.GetProperty("dead").GetBoolean(),
                handles, p.GetProperty("mappings").GetInt32(), p.GetProperty("mapped_bytes").GetUInt64()));
        }
        var unreachable = new List<ObjectCensus>();
        if (root.TryGetProperty("unreachable", out JsonElement lost))
        {
            foreach (JsonElement o in lost.EnumerateArray())
                unreachable.Add(new ObjectCensus(ParseType(o.GetProperty("type").GetString()!), o.GetProperty("koid").GetUInt64()));
        }
        var log = new List<Object.DebugLogRecord>();
        if (root.TryGetProperty("kernel_log", out JsonElement records))
        {
            foreach (JsonElement record in records.EnumerateArray())
                log.Add(new Object.DebugLogRecord(record.GetProperty("timestamp").GetInt64(), record.GetProperty("pid").GetUInt64(),
                    record.GetProperty("tid").GetUInt64(), record.GetProperty("flags").GetUInt16(), record.GetProperty("data").GetBytesFromBase64()));
        }
        return new KernelCensus(objects, processes, root.GetProperty("committed_bytes").GetUInt64())
        {
            Log = log,
            HostReservations = root.TryGetProperty("host_reservations", out JsonElement r) ? r.GetInt32() : 0,
            HostReservedBytes = root.TryGetProperty("host_reserved_bytes", out JsonElement b) ? b.GetUInt64() : 0,
            Unreachable = unreachable,
        };
    }

    /// <summary>The census as plain text: live objects, each process's handles and mappings, committed memory, and
    /// a leak report naming every handle a program opened and never closed.</summary>
    public static string Summary(KernelCensus census)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine("== zx summary ==");
        sb.AppendLine(inv, $"live objects: {string.Join(", ", census.ObjectsByType.OrderBy(p => p.Key).Select(p => $"{TypeName(p.Key)} {p.Value}"))}");
        foreach (ProcessCensus p in census.Processes)
        {
            sb.AppendLine(inv, $"process {p.Name} (koid {p.Koid}{(p.IsDead ? ", dead" : "")}): {p.Handles.Count} handles, {p.Mappings} mappings ({p.MappedBytes} bytes)");
        }
        sb.AppendLine(inv, $"committed memory: {census.CommittedBytes} bytes");
        sb.AppendLine(inv, $"host address space: {census.HostReservations} reservations ({census.HostReservedBytes} bytes)");
        List<(ProcessCensus Process, HandleCensus Handle)> leaks = Leaks(census);
        if (leaks.Count == 0 && census.Unreachable.Count == 0)
        {
            sb.AppendLine("leaks: none");
        }
        else
        {
            sb.AppendLine(inv, $"leaks: {leaks.Count} handles still open, {census.Unreachable.Count} objects nothing can reach");
            foreach ((ProcessCensus p, HandleCensus h) in leaks)
                sb.AppendLine(inv, $"  {p.Name}: handle 0x{h.Value.Value:x} ({TypeName(h.Type)} koid {h.Koid}, {ZxNames.Format(ZxNameSet.Rights, (uint)h.Rights)}) created by {h.CreatedBy}");
            foreach (ObjectCensus o in census.Unreachable)
                sb.AppendLine(inv, $"  unreachable: {TypeName(o.Type)} koid {o.Koid} (its handles are only in messages no process can read)");
        }
        return sb.ToString();
    }

    /// <summary>The handles a program opened and never closed (every handle but the ones a process starts with).</summary>
    public static List<(ProcessCensus Process, HandleCensus Handle)> Leaks(KernelCensus census) =>
        [.. census.Processes.SelectMany(p => p.Handles.Where(h => !IsStartupHandle(h)).Select(h => (p, h)))];

    /// <summary>The object type's name without its prefix, in lower case (<c>vmo</c>, <c>eventpair</c>).</summary>
    public static string TypeName(ZxObjectType type) =>
        ZxNames.Format(ZxNameSet.ObjectType, (uint)type).Replace("ZX_OBJ_TYPE_", "", StringComparison.Ordinal).ToLowerInvariant();

    private static ZxObjectType ParseType(string name) =>
        ZxNames.TryParse(ZxNameSet.ObjectType, name, out ulong v) ? (ZxObjectType)v : ZxObjectType.None;
}
