using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Zx.Kernel;
using Zx.Kernel.Object;

namespace Zx.Native;

/// <summary>The JSON trace's shape for Perfetto (issue 20): one track per Zx process (its koid as pid, its name as
/// <c>process_name</c>) and per host thread (the Zx thread's name and the host tid as <c>thread_name</c>); each
/// syscall a slice whose arguments are separate fields (<c>handle</c>, <c>koid</c>, <c>status</c> and every parameter by
/// name), so SQL can select "every call on koid 1029"; a flow from each handle's creation to its close; counters of the
/// process's live handles and of the board memory committed.</summary>
internal static class TraceTracks
{
    private static readonly ConcurrentDictionary<ulong, bool> NamedProcesses = new();
    private static readonly ConcurrentDictionary<(ulong, int), bool> NamedThreads = new();
    private static readonly ConcurrentDictionary<ulong, int> LastHandleCounts = new();
    private static long s_lastCommitted = -1;

    [ThreadStatic]
    private static int t_tid;

    /// <summary>The calling thread's track (its Zx process's koid, its host tid), after writing the metadata that names
    /// them the first time each is seen (each event preceded by <c>,\n</c>).</summary>
    public static (ulong Pid, int Tid) Track(IBufferWriter<byte> output)
    {
        ProcessContext? process = NativeKernel.Current;
        ulong pid = process?.Koid ?? 0;
        int tid = t_tid != 0 ? t_tid : (t_tid = Kernel.Host.LinuxThreads.CurrentThreadId());
        if (process is not null && NamedProcesses.TryAdd(pid, true))
            Metadata(output, "process_name", pid, null, NameOf(process.Dispatcher));
        if (NamedThreads.TryAdd((pid, tid), true))
        {
            ThreadDispatcher? thread = ThreadDispatcher.Current;
            string name = thread is null ? $"host thread {tid}" : $"{NameOf(thread)} (koid {thread.Koid}, host tid {tid})";
            Metadata(output, "thread_name", pid, tid, name);
        }
        return (pid, tid);
    }

    /// <summary>The koid of the object the first handle argument names in the caller's process, or 0.</summary>
    public static ulong KoidOfFirstHandle(ZxSyscallInfo info, ulong[] args)
    {
        ProcessContext? process = NativeKernel.Current;
        int index = FirstHandleIndex(info);
        if (process is null || index < 0 || index >= args.Length)
            return 0;
        using Lookup<Dispatcher> target = process.Dispatcher.GetDispatcher<Dispatcher>(new ZxHandle((uint)args[index]));
        return target.Failed ? 0 : target.Object.Koid;
    }

    // The index of the syscall's first handle parameter, or -1: the slice's "handle" and "koid".
    private static int FirstHandleIndex(ZxSyscallInfo info)
    {
        for (int i = 0; i < info.Params.Count; i++)
        {
            if (info.Params[i].Kind == ZxParamKind.Handle)
                return i;
        }
        return -1;
    }

    /// <summary>An instant event on the calling thread's track ("ph": "i", "s": "t") at <paramref name="atUs"/>, with
    /// one string argument when given, after the track's metadata when the track is new.</summary>
    public static ReadOnlySpan<byte> InstantEvent(string name, string category, (string Name, string Value)? argument, double atUs)
    {
        var output = new ArrayBufferWriter<byte>(256);
        (ulong pid, int tid) = Track(output);
        Event(output, json =>
        {
            json.WriteString("name", name);
            json.WriteString("cat", category);
            json.WriteString("ph", "i");
            json.WriteString("s", "t");
            json.WriteNumber("ts", Math.Round(atUs, 3));
            json.WriteNumber("pid", pid);
            json.WriteNumber("tid", tid);
            if (argument is (string argName, string value))
            {
                json.WriteStartObject("args");
                json.WriteString(argName, value);
                json.WriteEndObject();
            }
        });
        return output.WrittenSpan;
    }

    /// <summary>The events of one syscall: track metadata when new, flow ends for the handles it consumed, the slice
    /// with its arguments, flow starts for the handles it created, and the counters that changed.</summary>
    public static ReadOnlySpan<byte> SyscallEvents(in Tracer.Frame frame, int status, string statusName,
        List<(string Name, string Value, bool Output)> parts, double startUs, double durationUs)
    {
        var output = new ArrayBufferWriter<byte>(512);
        (ulong pid, int tid) = Track(output);
        ZxSyscallInfo info = frame.Info;
        ulong[] a = frame.Args;
        ulong koid = frame.Koid;
        // Handles the call consumed: the flow from their creation ends here.
        for (int i = 0; i < a.Length; i++)
        {
            if (info.Params[i].Releases && (uint)a[i] != 0)
                Flow(output, "f", pid, tid, startUs, (uint)a[i]);
        }
        Event(output, json =>
        {
            json.WriteString("name", info.CName);
            json.WriteString("cat", "syscall");
            json.WriteString("ph", "X");
            json.WriteNumber("ts", Math.Round(startUs, 3));
            json.WriteNumber("dur", Math.Round(durationUs, 3));
            json.WriteNumber("pid", pid);
            json.WriteNumber("tid", tid);
            json.WriteStartObject("args");
            var written = new HashSet<string>(StringComparer.Ordinal) { "status" };
            json.WriteString("status", statusName);
            int firstHandle = FirstHandleIndex(info);
            string? handleText = firstHandle >= 0 ? "0x" + ((uint)a[firstHandle]).ToString("x", CultureInfo.InvariantCulture) : null;
            if (handleText is not null)
            {
                json.WriteString("handle", handleText);
                written.Add("handle");
            }
            if (koid != 0)
            {
                json.WriteNumber("koid", koid);
                written.Add("koid");
            }
            // Every parameter by its name; one whose name is taken above (a parameter called handle or koid) gets "arg.".
            foreach ((string name, string value, bool isOutput) in parts)
            {
                string field = isOutput ? "out." + name : name;
                if (!written.Add(field))
                {
                    if (field == "handle" && value == handleText)
                        continue; // the same handle, already there
                    field = "arg." + field;
                    written.Add(field);
                }
                json.WriteString(field, value);
            }
            json.WriteEndObject();
        });
        // Handles the call created: a flow starts at this slice.
        if (status == 0)
        {
            for (int i = 0; i < a.Length; i++)
            {
                if (info.Params[i].Kind == ZxParamKind.OutHandle && Tracer.ReadOutput(a[i], is64Bit: false) is ulong created && created != 0)
                    Flow(output, "s", pid, tid, startUs + durationUs / 2, (uint)created);
            }
        }
        Counters(output, pid, startUs + durationUs);
        return output.WrittenSpan;
    }

    // The process's live handles and the kernel's committed memory, when they changed.
    private static void Counters(ArrayBufferWriter<byte> output, ulong pid, double atUs)
    {
        ProcessContext? process = NativeKernel.Current;
        KernelContext? kernel = NativeKernel.Kernel;
        if (process is null || kernel is null)
            return;
        int handles = process.HandleCount;
        if (!LastHandleCounts.TryGetValue(pid, out int last) || last != handles)
        {
            LastHandleCounts[pid] = handles;
            Counter(output, "live handles", pid, atUs, "handles", handles);
        }
        long committed = (long)kernel.AllocatedPages * (long)ZxConstants.PageSize;
        if (Interlocked.Exchange(ref s_lastCommitted, committed) != committed)
            Counter(output, "committed memory", kernel.FirstProcess.Koid, atUs, "bytes", committed);
    }

    private static void Counter(ArrayBufferWriter<byte> output, string name, ulong pid, double atUs, string series, long value) =>
        Event(output, json =>
        {
            json.WriteString("name", name);
            json.WriteString("ph", "C");
            json.WriteNumber("ts", Math.Round(atUs, 3));
            json.WriteNumber("pid", pid);
            json.WriteStartObject("args");
            json.WriteNumber(series, value);
            json.WriteEndObject();
        });

    // A flow event: "s" where a handle was made, "f" where it was consumed; the id names the process and the handle.
    private static void Flow(ArrayBufferWriter<byte> output, string phase, ulong pid, int tid, double atUs, uint handle) =>
        Event(output, json =>
        {
            json.WriteString("name", "handle");
            json.WriteString("cat", "handle");
            json.WriteString("ph", phase);
            json.WriteString("id", string.Create(CultureInfo.InvariantCulture, $"{pid}:0x{handle:x}"));
            if (phase == "f")
                json.WriteString("bp", "e");
            json.WriteNumber("ts", Math.Round(atUs, 3));
            json.WriteNumber("pid", pid);
            json.WriteNumber("tid", tid);
        });

    private static void Metadata(IBufferWriter<byte> output, string kind, ulong pid, int? tid, string name) =>
        Event(output, json =>
        {
            json.WriteString("name", kind);
            json.WriteString("ph", "M");
            json.WriteNumber("pid", pid);
            if (tid is int t)
                json.WriteNumber("tid", t);
            json.WriteStartObject("args");
            json.WriteString("name", name);
            json.WriteEndObject();
        });

    // One event: ",\n" and the object the body writes.
    private static void Event(IBufferWriter<byte> output, Action<Utf8JsonWriter> body)
    {
        output.Write(",\n"u8);
        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        body(json);
        json.WriteEndObject();
    }

    private static string NameOf(Dispatcher dispatcher)
    {
        Span<byte> name = stackalloc byte[ZxConstants.MaxNameLength];
        dispatcher.GetName(name);
        int end = name.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? name : name[..end]);
    }
}

/// <summary>Which syscalls the trace keeps (<c>ZX_TRACE_FILTER</c>, <c>zx exec -e trace=...</c>): names or families
/// (<c>vmo</c> is every <c>zx_vmo_*</c>), comma-separated; a leading <c>!</c> keeps all but those.</summary>
internal sealed class TraceFilter
{
    private readonly string[] _entries;
    private readonly bool _negated;

    private TraceFilter(string[] entries, bool negated)
    {
        _entries = entries;
        _negated = negated;
    }

    /// <summary>Every syscall.</summary>
    public static TraceFilter Everything { get; } = new([], negated: true);

    /// <summary>The filter <paramref name="text"/> describes (<c>trace=</c> may lead); everything when empty.</summary>
    public static TraceFilter Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return Everything;
        string list = text.StartsWith("trace=", StringComparison.Ordinal) ? text[6..] : text;
        bool negated = list.StartsWith('!');
        string[] entries = [.. list.TrimStart('!').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(e => e.StartsWith("zx_", StringComparison.Ordinal) ? e[3..] : e)];
        return new(entries, negated);
    }

    /// <summary>True when the syscall <paramref name="name"/> (without <c>zx_</c>) is kept.</summary>
    public bool Includes(string name)
    {
        bool listed = false;
        foreach (string entry in _entries)
            listed |= name == entry || (name.StartsWith(entry, StringComparison.Ordinal) && name.Length > entry.Length && name[entry.Length] == '_');
        return listed != _negated;
    }
}

/// <summary>strace <c>-c</c>: calls, errors and time per syscall, printed as a table at exit.</summary>
internal sealed class SyscallCounts
{
    private readonly ConcurrentDictionary<string, long[]> _bySyscall = new(StringComparer.Ordinal); // calls, errors, ticks

    /// <summary>Counts one call.</summary>
    public void Add(string syscall, int status, long ticks)
    {
        long[] counts = _bySyscall.GetOrAdd(syscall, _ => new long[3]);
        Interlocked.Increment(ref counts[0]);
        if (status != 0)
            Interlocked.Increment(ref counts[1]);
        Interlocked.Add(ref counts[2], ticks);
    }

    /// <summary>The table: % time, seconds, usecs/call, calls, errors, syscall; the most expensive first.</summary>
    public string Table()
    {
        var rows = _bySyscall.Select(p => (Name: p.Key, Calls: p.Value[0], Errors: p.Value[1], Seconds: p.Value[2] / (double)System.Diagnostics.Stopwatch.Frequency))
            .OrderByDescending(r => r.Seconds).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        double total = rows.Sum(r => r.Seconds);
        var text = new StringBuilder();
        CultureInfo inv = CultureInfo.InvariantCulture;
        text.AppendLine("% time     seconds  usecs/call     calls    errors syscall");
        text.AppendLine("------ ----------- ----------- --------- --------- ----------------");
        foreach (var r in rows)
        {
            text.AppendLine(string.Create(inv, $"{(total > 0 ? 100 * r.Seconds / total : 0),6:F2} {r.Seconds,11:F6} {(r.Calls > 0 ? r.Seconds * 1e6 / r.Calls : 0),11:F0} {r.Calls,9} {(r.Errors > 0 ? r.Errors.ToString(inv) : ""),9} {r.Name}"));
        }
        text.AppendLine("------ ----------- ----------- --------- --------- ----------------");
        text.AppendLine(string.Create(inv, $"100.00 {total,11:F6} {"",11} {rows.Sum(r => r.Calls),9} {rows.Sum(r => r.Errors),9} total"));
        return text.ToString();
    }
}
