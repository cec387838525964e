using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Zx.Kernel;
using Zx.Kernel.Host;

namespace Zx.Native;

/// <summary>Syscall tracing and the report at exit, switched on by environment variables so that any program
/// linked against <c>libzircon.so</c> can be traced, with or without the <c>zx</c> tool:
/// <list type="bullet">
/// <item><c>ZX_TRACE</c>: <c>1</c> (or <c>stderr</c>) writes one strace-style line per syscall to stderr; any other
/// value is a file to write them to.</item>
/// <item><c>ZX_TRACE_JSON</c>: a file to write a Chrome trace-event (Perfetto) JSON trace to. Each event is written
/// when its syscall ends, so a program that crashes leaves every event up to the crash; only the closing
/// <c>]}</c> is then missing (the zx tool adds it).</item>
/// <item><c>ZX_REPORT</c>: a file to write the census at exit to, as JSON (live objects, handles with the syscall
/// that created them, mappings, committed memory); <c>ZX_SUMMARY=1</c> prints it as text on stderr.</item>
/// </list>
/// When none is set, a syscall pays one static field read.</summary>
// Safety: output values are read back from user memory through UserCopy only, which answers a fault.
internal static unsafe class Tracer
{
    /// <summary>True while anything is being recorded (kept in <see cref="TraceSwitch"/>, a class with no static
    /// constructor, so the check on every call needs no class-initialization test).</summary>
    public static bool Active => TraceSwitch.On;

    private static TextWriter? s_text;
    private static string? s_jsonPath;
    private static string? s_reportPath;
    private static bool s_summary;
    private static readonly Lock EventsLock = new();
    private static FileStream? s_json;
    private static readonly long Start = System.Diagnostics.Stopwatch.GetTimestamp();
    private static int s_finished;
    private static TraceFilter s_filter = TraceFilter.Everything;
    private static SyscallCounts? s_counts;

    /// <summary>A syscall in flight.</summary>
    public readonly struct Frame(ZxSyscallInfo info, ulong[] args, long started, ulong koid)
    {
        public ZxSyscallInfo Info { get; } = info;
        public ulong[] Args { get; } = args;
        public long Started { get; } = started;

        /// <summary>The koid of the object the first handle argument names (0 when none), read before the call, so a
        /// handle the call closes still has it.</summary>
        public ulong Koid { get; } = koid;
    }

    /// <summary>Reads the environment; returns true when the kernel should record handle origins.</summary>
    public static bool Configure()
    {
        string? text = Environment.GetEnvironmentVariable("ZX_TRACE");
        if (!string.IsNullOrEmpty(text) && text != "0")
        {
            s_text = text is "1" or "stderr" or "-"
                ? Console.Error
                : new StreamWriter(text, append: false, new UTF8Encoding(false)) { AutoFlush = true };
        }
        s_jsonPath = NullIfEmpty(Environment.GetEnvironmentVariable("ZX_TRACE_JSON"));
        if (s_jsonPath is not null)
            s_json = OpenJson(s_jsonPath);
        s_reportPath = NullIfEmpty(Environment.GetEnvironmentVariable("ZX_REPORT"));
        s_summary = Environment.GetEnvironmentVariable("ZX_SUMMARY") is "1";
        s_filter = TraceFilter.Parse(Environment.GetEnvironmentVariable("ZX_TRACE_FILTER"));
        s_counts = Environment.GetEnvironmentVariable("ZX_TRACE_COUNT") is "1" ? new SyscallCounts() : null;
        TraceSwitch.On = s_text is not null || s_jsonPath is not null || s_reportPath is not null || s_summary || s_counts is not null;
        TraceSwitch.Off = !TraceSwitch.On;
        if (TraceSwitch.On)
            ZxShim.RegisterExitHook();
        return Active;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    /// <summary>Notes the start of the syscall with table id <paramref name="id"/>; the arguments are read from
    /// <paramref name="state"/> (a value or a tuple, in C order). The exports and the table are generated from one
    /// declaration, so an id without an entry, or a different number of arguments, is a bug in Zx.</summary>
    public static Frame Begin<TState>(int id, TState state)
    {
        ZxSyscallInfo info = ZxSyscallTable.FromId(id) ?? throw new InvalidOperationException($"syscall id {id} is not in the table");
        ulong[] args;
        if (state is ITuple tuple)
        {
            args = new ulong[tuple.Length];
            for (int i = 0; i < args.Length; i++)
                args[i] = ToUInt64(tuple[i]);
        }
        else
        {
            args = [ToUInt64(state)];
        }
        if (args.Length != info.Params.Count)
            throw new InvalidOperationException($"{info.CName}: {args.Length} arguments for {info.Params.Count} parameters");
        SyscallScope.Current = info.Id;
        // Where user code made the call, for the leak report's creation sites (only while handle origins are kept).
        SyscallScope.Site = s_reportPath is not null || s_summary ? FaultPath.Locate((ulong)ZxShim.SyscallCaller(), isReturnAddress: true) : null;
        return new Frame(info, args, System.Diagnostics.Stopwatch.GetTimestamp(), s_jsonPath is not null ? TraceTracks.KoidOfFirstHandle(info, args) : 0);
    }

    /// <summary>Records the end of a syscall: its count and time (<c>ZX_TRACE_COUNT</c>), the text line, the JSON
    /// slice with its arguments, flows and counters; a syscall the filter leaves out records nothing.</summary>
    public static void End(in Frame frame, int status)
    {
        long ended = System.Diagnostics.Stopwatch.GetTimestamp();
        SyscallScope.Current = 0;
        SyscallScope.Site = null;
        if (!s_filter.Includes(frame.Info.Name))
            return;
        s_counts?.Add(frame.Info.CName, status, ended - frame.Started);
        if (s_text is null && s_jsonPath is null)
            return;
        string statusName = ((ZxStatus)status).ToZirconName();
        string name = frame.Info.CName;
        List<(string Name, string Value, bool Output)> parts = Parts(frame, status);
        string args = string.Join(", ", parts.Where(p => !p.Output).Select(p => $"{p.Name}={p.Value}"));
        string outs = string.Join(", ", parts.Where(p => p.Output).Select(p => $"{p.Name}={p.Value}"));
        s_text?.WriteLine(outs.Length == 0 ? $"{name}({args}) = {statusName}" : $"{name}({args}) = {statusName}, {outs}");
        if (s_jsonPath is null)
            return;
        double startUs = (frame.Started - Start) * 1e6 / System.Diagnostics.Stopwatch.Frequency;
        double durUs = (ended - frame.Started) * 1e6 / System.Diagnostics.Stopwatch.Frequency;
        WriteEvents(TraceTracks.SyscallEvents(frame, status, statusName, parts, startUs, durUs));
    }

    // Each argument shown (inputs; outputs only after success), in C order.
    private static List<(string Name, string Value, bool Output)> Parts(in Frame frame, int status)
    {
        ZxSyscallInfo info = frame.Info;
        ulong[] a = frame.Args;
        var parts = new List<(string, string, bool)>(a.Length);
        for (int i = 0; i < a.Length; i++)
        {
            ZxSyscallParam p = info.Params[i];
            ulong v = a[i];
            switch (p.Kind)
            {
                case ZxParamKind.Length when p.IsBufferLength:
                    continue;
                case ZxParamKind.InName:
                    parts.Add((p.Name, Quote(v, p.LengthIndex >= 0 ? a[p.LengthIndex] : 0), false));
                    continue;
                case ZxParamKind.InBytes:
                case ZxParamKind.OutBytes:
                    parts.Add((p.Name, $"{Hex(v)}[{(p.LengthIndex >= 0 ? a[p.LengthIndex] : 0).ToString(CultureInfo.InvariantCulture)}]", false));
                    continue;
                case ZxParamKind.InPacket:
                    parts.Add((p.Name, Packet(v), false));
                    continue;
                case ZxParamKind.OutPacket or ZxParamKind.OutArray:
                    if (status == 0 && v != 0)
                        parts.Add((p.Name, p.Kind == ZxParamKind.OutPacket ? Packet(v) : Elements(v, p.LengthIndex >= 0 ? a[p.LengthIndex] : 0, p.Is64Bit), true));
                    continue;
            }
            if (!p.IsOutput)
            {
                parts.Add((p.Name, FormatValue(p, v), false));
                continue;
            }
            if (status != 0 || v == 0)
                continue;
            // Read back through the user-copy layer: another thread may have unmapped the memory since.
            parts.Add((p.Name, TryReadOutput(v, p.Is64Bit, out ulong written) ? FormatValue(p, written) : $"<unreadable {Hex(v)}>", true));
        }
        return parts;
    }

    /// <summary>An output value as written by the call (for the flows of the handles it created), or null.</summary>
    internal static ulong? ReadOutput(ulong address, bool is64Bit) => address != 0 && TryReadOutput(address, is64Bit, out ulong v) ? v : null;

    private static bool TryReadOutput(ulong address, bool is64Bit, out ulong value)
    {
        if (is64Bit)
            return UserCopy.TryRead((ulong*)address, out value);
        bool ok = UserCopy.TryRead((uint*)address, out uint narrow);
        value = narrow;
        return ok;
    }

    private static string FormatValue(ZxSyscallParam p, ulong v) => p.Kind switch
    {
        ZxParamKind.Handle or ZxParamKind.OutHandle => (v & 0xFFFF_FFFF) == 0 ? "ZX_HANDLE_INVALID" : Hex(v & 0xFFFF_FFFF),
        ZxParamKind.Number or ZxParamKind.OutNumber => p.Is64Bit ? v.ToString(CultureInfo.InvariantCulture) : ((uint)v).ToString(CultureInfo.InvariantCulture),
        ZxParamKind.Named => ZxNames.Format(p.Names, p.Is64Bit ? v : (uint)v),
        ZxParamKind.OutSignals => ZxNames.Format(ZxNameSet.Signals, (uint)v),
        ZxParamKind.Time => (long)v == ZxConstants.TimeInfinite ? "ZX_TIME_INFINITE" : ((long)v).ToString(CultureInfo.InvariantCulture),
        _ => Hex(v),
    };

    private static string Hex(ulong v) => "0x" + v.ToString("x", CultureInfo.InvariantCulture);

    // A zx_port_packet_t in user memory, decoded (ZxPortPacket.ToString).
    private static string Packet(ulong pointer)
    {
        if (pointer == 0)
            return "NULL";
        ZxPortPacket packet = default;
        return UserCopy.TryCopyIn(new Span<byte>(&packet, sizeof(ZxPortPacket)), (void*)pointer) ? packet.ToString() : $"<unreadable {Hex(pointer)}>";
    }

    // The first elements (at most 8) of an array of scalars the call filled.
    private static string Elements(ulong pointer, ulong count, bool is64Bit)
    {
        var shown = new List<string>();
        ulong size = is64Bit ? 8UL : 4UL;
        for (ulong i = 0; i < Math.Min(count, 8); i++)
        {
            if (!TryReadOutput(pointer + i * size, is64Bit, out ulong element))
                return $"<unreadable {Hex(pointer)}>";
            shown.Add(Hex(element));
        }
        return "[" + string.Join(", ", shown) + (count > 8 ? $", ... ({count.ToString(CultureInfo.InvariantCulture)})" : "") + "]";
    }

    private static string Quote(ulong pointer, ulong length)
    {
        if (pointer == 0)
            return "NULL";
        Span<byte> bytes = stackalloc byte[(int)Math.Min(length, 64)];
        if (!UserCopy.TryCopyIn(bytes, (void*)pointer))
            return $"<unreadable {Hex(pointer)}>";
        string s = Encoding.UTF8.GetString(bytes);
        return "\"" + JsonEncodedText.Encode(s).ToString() + "\"";
    }

    /// <summary>Writes the JSON trace and the report; called once, at exit.</summary>
    public static void Finish()
    {
        if (Interlocked.Exchange(ref s_finished, 1) != 0)
            return;
        try
        {
            s_text?.Flush();
            CloseJson();
            if (s_counts is not null)
                Console.Error.Write(s_counts.Table());
            KernelContext? kernel = NativeKernel.Kernel;
            if (kernel is not null && (s_reportPath is not null || s_summary))
            {
                KernelCensus census = kernel.TakeCensus();
                if (s_reportPath is not null)
                    File.WriteAllText(s_reportPath, CensusJson.Write(census));
                if (s_summary)
                    Console.Error.Write(CensusJson.Summary(census));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"libzircon: cannot write the trace or report: {e.Message}");
        }
    }

    // The trace file: {"displayTimeUnit":"ns","traceEvents":[ and a first metadata event, then ",{event}..." per
    // syscall as it ends (one unbuffered write each, so nothing is lost when the program dies), then "]}" at exit.
    private static FileStream OpenJson(string path)
    {
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
        stream.Write("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n"u8);
        stream.Write("{\"name\":\"trace\",\"ph\":\"M\",\"pid\":0,\"args\":{\"name\":\"libzircon\"}}"u8);
        return stream;
    }

    // Writes events (each a JSON object, already serialized) to the trace, one write for them all.
    private static void WriteEvents(ReadOnlySpan<byte> events)
    {
        if (events.IsEmpty)
            return;
        lock (EventsLock)
            s_json?.Write(events);
    }

    // ZX_TRACE_MMIO: unset or "1" shows every emulated access when tracing; "0" none; otherwise a comma-separated list
    // of the region names whose accesses are shown.
    private static readonly string[]? s_mmioRegions = ParseMmioFilter(Environment.GetEnvironmentVariable("ZX_TRACE_MMIO"));

    private static string[]? ParseMmioFilter(string? value) =>
        value is null or "" or "1" ? null : value == "0" ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Shows an emulated device register access: <c>uart0+0x018 read32 -> 0x00000090</c> in the text trace,
    /// an instant event on the thread's track in the JSON trace.</summary>
    public static void DeviceAccessed(Zx.Kernel.Devices.DeviceModel device, ulong offset, int width, bool store, ulong value)
    {
        if (s_text is null && s_jsonPath is null)
            return;
        string region = device.Region?.Name ?? device.Kind;
        if (s_mmioRegions is not null && !s_mmioRegions.Contains(region))
            return;
        string digits = (width * 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
        string shown = "0x" + value.ToString("x" + digits, System.Globalization.CultureInfo.InvariantCulture);
        string line = store
            ? $"{region}+0x{offset:x3} write{width * 8} <- {shown}"
            : $"{region}+0x{offset:x3} read{width * 8} -> {shown}";
        s_text?.WriteLine(line);
        WriteInstantEvent(line, "mmio", null, flush: false);
    }

    // An instant event on the calling thread's track ("ph": "i", "s": "t"), with one string argument when given; a
    // flush when the program may die next.
    private static void WriteInstantEvent(string name, string category, (string Name, string Value)? argument, bool flush)
    {
        if (s_jsonPath is null)
            return;
        double nowUs = (System.Diagnostics.Stopwatch.GetTimestamp() - Start) * 1e6 / System.Diagnostics.Stopwatch.Frequency;
        ReadOnlySpan<byte> events = TraceTracks.InstantEvent(name, category, argument, nowUs);
        lock (EventsLock)
        {
            s_json?.Write(events);
            if (flush)
                s_json?.Flush();
        }
    }

    /// <summary>Records a crash report in the JSON trace as an instant event on the faulting thread's track (the zx
    /// tool and Perfetto show it where the thread died).</summary>
    public static void CrashReported(string report) => WriteInstantEvent("crash", "fault", ("report", report), flush: true);

    private static void CloseJson()
    {
        lock (EventsLock)
        {
            if (s_json is null)
                return;
            s_json.Write("\n]}\n"u8);
            s_json.Dispose();
            s_json = null;
        }
    }

    private static ulong ToUInt64(object? value) => value switch
    {
        uint u => u,
        int i => (ulong)(long)i,
        ulong ul => ul,
        long l => (ulong)l,
        nint n => (ulong)n,
        nuint n => n,
        _ => 0,
    };
}

/// <summary>The flags every syscall reads: whether tracing or a report is on. Both are false until the kernel starts
/// (on the first call) and reads the settings.</summary>
internal static class TraceSwitch
{
    /// <summary>Set once, when the kernel starts, if anything is recorded.</summary>
    public static bool On;

    /// <summary>Set once, when the kernel starts, if nothing is recorded: the one field a syscall reads then.</summary>
    public static bool Off;
}
