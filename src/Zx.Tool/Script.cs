using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Spectre.Console;

namespace Zx.Tool;

/// <summary>A script line that cannot run: a syntax error, an unknown syscall or name, a wrong argument count, or
/// an <c>expect</c> that did not hold.</summary>
internal sealed class ScriptException(string message) : Exception(message);

/// <summary>One token of a script line.</summary>
internal readonly record struct Token(string Text, bool IsString, byte[]? Bytes);

/// <summary>The <c>zx</c> script language: one syscall per line, by name, with named handles and readable
/// constants (see docs/zx-tool.md).</summary>
/// <example><code>
/// mmio = resource_create root MMIO 0x9000000 0x1000 "uart"
/// vmo = vmo_create_physical mmio 0x9000000 0x1000
/// expect ZX_ERR_ACCESS_DENIED vmo_create_physical vmo 0x9000000 0x1000
/// </code></example>
// Safety: buffers passed to syscalls are pinned managed arrays that outlive the call.
internal sealed unsafe class ScriptRunner
{
    private readonly LoadedLibrary _library;
    private readonly IAnsiConsole _console;
    private readonly Dictionary<string, ulong> _variables = new(StringComparer.Ordinal);
    private readonly HashSet<string> _handleNames = new(StringComparer.Ordinal);

    public ScriptRunner(LoadedLibrary library, IAnsiConsole console)
    {
        _library = library;
        _console = console;
        _variables["root"] = library.CallHandleGetter("get_root_resource");
        _variables["self"] = library.CallHandleGetter("zx_process_self");
        _variables["vmar"] = library.CallHandleGetter("zx_vmar_root_self");
        _variables["job"] = library.CallHandleGetter("zx_job_default");
        _handleNames.UnionWith(["root", "self", "vmar", "job"]);
    }

    /// <summary>The bound names that hold live handles (made by an output handle and not consumed since), with the
    /// predefined <c>root</c>, <c>self</c>, <c>vmar</c> and <c>job</c>: what Tab offers where a handle goes.</summary>
    public IReadOnlyCollection<string> HandleNames => _handleNames;

    /// <summary>The names a script has bound (handles and numbers), with the predefined <c>root</c>, <c>self</c>,
    /// <c>vmar</c> and <c>job</c>.</summary>
    public IReadOnlyDictionary<string, ulong> Variables => _variables;

    /// <summary>Syscalls that ran and failed (a failure is shown, not thrown).</summary>
    public int FailedCalls { get; private set; }

    /// <summary>Runs every line of a script; stops at the first line that cannot run, naming it.</summary>
    public void RunScript(string path, IEnumerable<string> lines)
    {
        int number = 0;
        foreach (string line in lines)
        {
            number++;
            try
            {
                Execute(line);
            }
            catch (ScriptException e)
            {
                throw new ScriptException($"{path}:{number}: {e.Message}");
            }
        }
    }

    /// <summary>Runs one line. Blank lines and <c>#</c> comments do nothing.</summary>
    public void Execute(string line)
    {
        List<Token> tokens = Tokenize(line);
        if (tokens.Count == 0)
            return;
        var targets = new List<string>();
        int eq = tokens.FindIndex(t => !t.IsString && t.Text == "=");
        if (eq >= 0)
        {
            foreach (Token t in tokens[..eq])
            {
                if (t.IsString || t.Text == ",")
                    continue;
                if (!IsIdentifier(t.Text))
                    throw new ScriptException($"'{t.Text}' cannot be assigned to: names start with a letter or '_'");
                targets.Add(t.Text);
            }
            if (targets.Count == 0)
                throw new ScriptException("nothing before '='");
            tokens = tokens[(eq + 1)..];
        }
        ZxStatus? expected = null;
        if (tokens.Count > 0 && tokens[0].Text == "expect" && !tokens[0].IsString)
        {
            if (tokens.Count < 3)
                throw new ScriptException("expect needs a status and a syscall: expect ZX_ERR_BAD_HANDLE handle_close vmo");
            if (!ZxNames.TryParse(ZxNameSet.Status, tokens[1].Text, out ulong s))
                throw new ScriptException($"'{tokens[1].Text}' is not a status (ZX_OK, ZX_ERR_BAD_HANDLE, ...)");
            expected = (ZxStatus)(int)(long)s;
            tokens = tokens[2..];
        }
        if (tokens.Count == 0)
            throw new ScriptException("a syscall name is missing");
        string name = tokens[0].Text;
        if (name.StartsWith("zx_", StringComparison.Ordinal))
            name = name[3..];
        if (eq < 0 && expected is null && tokens.Count == 1 && _variables.TryGetValue(name, out ulong shown))
        {
            _console.MarkupLine($"{Markup.Escape(name)} = 0x{shown:x}");
            return;
        }
        ZxSyscallInfo info = ZxSyscallTable.Find(name) ?? throw new ScriptException(UnknownSyscall(name));
        Call(info, tokens[1..], targets, expected);
    }

    private void Call(ZxSyscallInfo info, List<Token> args, List<string> targets, ZxStatus? expected)
    {
        IReadOnlyList<ZxSyscallParam> ps = info.Params;
        int inputs = CountInputs(ps);
        if (args.Count != inputs)
            throw new ScriptException($"{info.Name} takes {inputs} argument{(inputs == 1 ? "" : "s")} ({Usage(info)}), got {args.Count}");
        var values = new nint[ps.Count];
        var buffers = new List<nint>();
        var outputs = new List<(ZxSyscallParam Param, nint Slot, ulong Length)>();
        try
        {
            int next = 0;
            for (int i = 0; i < ps.Count; i++)
            {
                ZxSyscallParam p = ps[i];
                switch (p.Kind)
                {
                    case ZxParamKind.InBytes or ZxParamKind.InName:
                    {
                        Token t = args[next++];
                        byte[] bytes = t.Bytes ?? (t.IsString ? Encoding.UTF8.GetBytes(t.Text) : throw new ScriptException($"{p.Name}: give a string (\"text\") or bytes (x\"de ad\"), not '{t.Text}'"));
                        nint buffer = Allocate(buffers, (ulong)Math.Max(bytes.Length, 1));
                        bytes.CopyTo(new Span<byte>((void*)buffer, bytes.Length));
                        values[i] = buffer;
                        if (p.LengthIndex >= 0)
                            values[p.LengthIndex] = bytes.Length;
                        break;
                    }
                    case ZxParamKind.OutBytes:
                    {
                        ulong length = Number(args[next++], p, ZxNameSet.None);
                        if (length > 1 << 20)
                            throw new ScriptException($"{p.Name}: at most 1 MiB at a time");
                        nint buffer = Allocate(buffers, Math.Max(length, 1));
                        values[i] = buffer;
                        if (p.LengthIndex >= 0)
                            values[p.LengthIndex] = (nint)length;
                        outputs.Add((p, buffer, length));
                        break;
                    }
                    case ZxParamKind.OutArray:
                    {
                        ulong count = Number(args[next++], p, ZxNameSet.None);
                        if (count > 4096)
                            throw new ScriptException($"{p.Name}: at most 4096 elements at a time");
                        nint buffer = Allocate(buffers, Math.Max(count, 1) * (p.Is64Bit ? 8UL : 4UL));
                        values[i] = buffer;
                        if (p.LengthIndex >= 0)
                            values[p.LengthIndex] = (nint)count;
                        outputs.Add((p, buffer, count));
                        break;
                    }
                    case ZxParamKind.InPacket:
                        values[i] = PacketArgument(args[next++], p, buffers);
                        break;
                    case ZxParamKind.OutPacket:
                    {
                        nint slot = Allocate(buffers, (ulong)sizeof(ZxPortPacket));
                        values[i] = slot;
                        outputs.Add((p, slot, 1));
                        break;
                    }
                    case ZxParamKind.OutHandle or ZxParamKind.OutHex or ZxParamKind.OutNumber or ZxParamKind.OutSignals:
                    {
                        nint slot = Allocate(buffers, 8);
                        values[i] = slot;
                        outputs.Add((p, slot, 8));
                        break;
                    }
                    case ZxParamKind.Length when p.IsBufferLength:
                        break; // filled in with its buffer
                    case ZxParamKind.Time:
                        values[i] = (nint)Deadline(args[next++]);
                        break;
                    default:
                        values[i] = (nint)Number(args[next++], p, p.Kind == ZxParamKind.Named ? p.Names : ZxNameSet.None);
                        break;
                }
            }
            nint f = _library.Export(info.CName);
            if (f == 0)
                throw new ScriptException($"libzircon.so does not export {info.CName}");
            var status = (ZxStatus)LoadedLibrary.CallStatus(f, values);
            // A consumed handle (zx_handle_close, a channel write's handles...) is gone whatever the status.
            for (int i = 0; i < ps.Count; i++)
            {
                if (ps[i].Releases && args[InputIndex(ps, i)] is { IsString: false } consumed)
                    _handleNames.Remove(consumed.Text);
            }
            Report(info, status, outputs, targets, expected);
        }
        finally
        {
            foreach (nint b in buffers)
                NativeMemory.Free((void*)b);
        }
    }

    private void Report(ZxSyscallInfo info, ZxStatus status, List<(ZxSyscallParam Param, nint Slot, ulong Length)> outputs, List<string> targets, ZxStatus? expected)
    {
        var shownOutputs = new List<string>();
        if (status == ZxStatus.Ok)
        {
            int bound = 0;
            foreach ((ZxSyscallParam p, nint slot, ulong length) in outputs)
            {
                string label = bound < targets.Count ? targets[bound] : p.Name;
                if (p.Kind is ZxParamKind.OutBytes or ZxParamKind.OutArray or ZxParamKind.OutPacket)
                {
                    string shown = p.Kind switch
                    {
                        ZxParamKind.OutBytes => ShowBytes(new ReadOnlySpan<byte>((void*)slot, (int)length)),
                        ZxParamKind.OutPacket => (*(ZxPortPacket*)slot).ToString(),
                        _ => "[" + string.Join(", ", Enumerable.Range(0, (int)length).Select(k =>
                            "0x" + (p.Is64Bit ? ((ulong*)slot)[k] : ((uint*)slot)[k]).ToString("x", CultureInfo.InvariantCulture))) + "]",
                    };
                    shownOutputs.Add($"{label} = {shown}");
                    bound++;
                    continue;
                }
                ulong value = p.Is64Bit ? *(ulong*)slot : *(uint*)slot;
                if (bound < targets.Count)
                {
                    _variables[targets[bound]] = value;
                    if (p.Kind == ZxParamKind.OutHandle)
                        _handleNames.Add(targets[bound]);
                    else
                        _handleNames.Remove(targets[bound]);
                }
                bound++;
                shownOutputs.Add($"{label} = {(p.Kind == ZxParamKind.OutSignals ? ZxNames.Format(ZxNameSet.Signals, value) : p.Kind == ZxParamKind.OutNumber ? value.ToString(CultureInfo.InvariantCulture) : "0x" + value.ToString("x", CultureInfo.InvariantCulture))}");
            }
            if (targets.Count > bound)
                throw new ScriptException($"{info.Name} gives {bound} result{(bound == 1 ? "" : "s")}, but {targets.Count} names were given");
        }
        else
        {
            FailedCalls++;
        }
        string color = status == ZxStatus.Ok ? "green" : "red";
        string results = shownOutputs.Count == 0 ? "" : "  " + Markup.Escape(string.Join(", ", shownOutputs));
        _console.MarkupLine($"{Markup.Escape(info.CName)} [{color}]{status.ToZirconName()}[/]{results}");
        if (expected is ZxStatus want && want != status)
            throw new ScriptException($"expected {want.ToZirconName()}, got {status.ToZirconName()}");
    }

    // A packet for zx_port_queue: a key (a number or a name) makes a user packet with an empty payload; a string or
    // x"..." bytes (at most 32) make one with that payload and key 0.
    private nint PacketArgument(Token t, ZxSyscallParam p, List<nint> buffers)
    {
        var packet = new ZxPortPacket { Type = ZxPacketTypes.User };
        if (t.IsString)
        {
            byte[] bytes = t.Bytes ?? Encoding.UTF8.GetBytes(t.Text);
            if (bytes.Length > 32)
                throw new ScriptException($"{p.Name}: a user packet's payload is at most 32 bytes, got {bytes.Length}");
            bytes.CopyTo(new Span<byte>(&packet.Payload, 32));
        }
        else
        {
            packet.Key = Number(t, p, ZxNameSet.None);
        }
        nint buffer = Allocate(buffers, (ulong)sizeof(ZxPortPacket));
        *(ZxPortPacket*)buffer = packet;
        return buffer;
    }

    // The index among a script line's arguments of parameter |index| (an input).
    private static int InputIndex(IReadOnlyList<ZxSyscallParam> ps, int index) => ps.Take(index).Count(IsInput);

    private static string ShowBytes(ReadOnlySpan<byte> bytes)
    {
        bool printable = true;
        foreach (byte b in bytes)
            printable &= b is >= 0x20 and < 0x7f;
        if (printable)
            return "\"" + Encoding.ASCII.GetString(bytes) + "\"";
        return "x\"" + Convert.ToHexString(bytes).ToLowerInvariant() + "\"";
    }

    private static nint Allocate(List<nint> buffers, ulong size)
    {
        nint p = (nint)NativeMemory.AllocZeroed((nuint)size);
        buffers.Add(p);
        return p;
    }

    /// <summary>How many arguments a script gives a syscall: every input, and a count for each output buffer or
    /// array; output values and the lengths of given buffers are filled in.</summary>
    public static int CountInputs(IReadOnlyList<ZxSyscallParam> ps) => InputParams(ps).Count;

    /// <summary>The parameters a script's arguments stand for, in order (an output buffer or array stands for its
    /// length or count).</summary>
    public static List<ZxSyscallParam> InputParams(IReadOnlyList<ZxSyscallParam> ps) => [.. ps.Where(IsInput)];

    // True for a parameter a script gives an argument for.
    private static bool IsInput(ZxSyscallParam p) => !p.IsBufferLength
        && p.Kind is not (ZxParamKind.OutHandle or ZxParamKind.OutHex or ZxParamKind.OutNumber or ZxParamKind.OutSignals or ZxParamKind.OutPacket);

    /// <summary>The arguments a script gives, by name, and what comes back (<c>resource paddr size -> out</c>).</summary>
    public static string Usage(ZxSyscallInfo info)
    {
        var ins = new List<string>();
        var outs = new List<string>();
        IReadOnlyList<ZxSyscallParam> ps = info.Params;
        for (int i = 0; i < ps.Count; i++)
        {
            ZxSyscallParam p = ps[i];
            if (p.IsBufferLength)
                continue;
            if (p.Kind is ZxParamKind.OutBytes or ZxParamKind.OutArray)
            {
                ins.Add(p.Name + (p.Kind == ZxParamKind.OutBytes ? "_length" : "_count"));
                outs.Add(p.Name);
            }
            else if (p.IsOutput)
            {
                outs.Add(p.Name);
            }
            else
            {
                ins.Add(p.Name);
            }
        }
        return string.Join(' ', ins) + (outs.Count > 0 ? " -> " + string.Join(", ", outs) : "");
    }

    private ulong Number(Token t, ZxSyscallParam p, ZxNameSet set)
    {
        if (t.IsString)
            throw new ScriptException($"{p.Name}: a string is not a number");
        if (_variables.TryGetValue(t.Text, out ulong v))
            return v;
        if (t.Text is "ZX_HANDLE_INVALID" or "invalid")
            return 0;
        if (ZxNames.TryParse(set, t.Text, out v))
            return v;
        string hint = set == ZxNameSet.None ? "" : $" (for example {string.Join(", ", ZxNames.NamesOf(set).Take(3).Select(n => n.Name))})";
        throw new ScriptException($"{p.Name}: unknown name '{t.Text}': not a variable, a number or a Zircon constant{hint}");
    }

    private long Deadline(Token t)
    {
        string text = t.Text;
        if (text is "ZX_TIME_INFINITE" or "INFINITE" or "infinite")
            return ZxConstants.TimeInfinite;
        if (text.StartsWith('+'))
        {
            (string digits, long scale) = text switch
            {
                _ when text.EndsWith("ms", StringComparison.Ordinal) => (text[1..^2], 1_000_000L),
                _ when text.EndsWith("us", StringComparison.Ordinal) => (text[1..^2], 1_000L),
                _ when text.EndsWith("ns", StringComparison.Ordinal) => (text[1..^2], 1L),
                _ when text.EndsWith('s') => (text[1..^1], 1_000_000_000L),
                _ => (text[1..], 1L),
            };
            if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long amount))
                throw new ScriptException($"'{text}' is not a relative deadline (+10ms, +2s, +500us)");
            return _library.DeadlineAfter(amount * scale);
        }
        if (_variables.TryGetValue(text, out ulong v) || ZxNames.TryParseNumber(text, out v))
            return (long)v;
        throw new ScriptException($"'{text}' is not a deadline: give ZX_TIME_INFINITE, a relative +10ms, or nanoseconds");
    }

    private static bool IsIdentifier(string s) =>
        s.Length > 0 && (char.IsLetter(s[0]) || s[0] == '_') && s.All(c => char.IsLetterOrDigit(c) || c == '_');

    private static string UnknownSyscall(string name)
    {
        string? best = ZxSyscallTable.All.Select(s => s.Name)
            .OrderBy(n => Distance(n, name)).FirstOrDefault(n => Distance(n, name) <= Math.Max(2, name.Length / 4));
        return $"unknown syscall '{name}'" + (best is null ? " (run 'help' in zx shell for the list)" : $"; did you mean {best}?");
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        }
        return d[a.Length, b.Length];
    }

    /// <summary>Splits a line into words, <c>=</c>, <c>,</c>, strings (<c>"text"</c> with C escapes) and bytes
    /// (<c>x"de ad be ef"</c>); <c>#</c> starts a comment.</summary>
    public static List<Token> Tokenize(string line)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < line.Length)
        {
            char c = line[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '#')
            {
                break;
            }
            else if (c is '=' or ',')
            {
                tokens.Add(new Token(c.ToString(), false, null));
                i++;
            }
            else if (c == '"' || (c == 'x' && i + 1 < line.Length && line[i + 1] == '"'))
            {
                bool hex = c == 'x';
                i += hex ? 2 : 1;
                var sb = new StringBuilder();
                bool closed = false;
                while (i < line.Length)
                {
                    char s = line[i++];
                    if (s == '"')
                    {
                        closed = true;
                        break;
                    }
                    if (s == '\\' && !hex && i < line.Length)
                    {
                        char e = line[i++];
                        sb.Append(e switch { 'n' => '\n', 't' => '\t', '0' => '\0', 'r' => '\r', _ => e });
                        continue;
                    }
                    sb.Append(s);
                }
                if (!closed)
                    throw new ScriptException("a string is not closed (a '\"' is missing)");
                if (!hex)
                {
                    tokens.Add(new Token(sb.ToString(), true, null));
                    continue;
                }
                string digits = sb.ToString().Replace(" ", "", StringComparison.Ordinal);
                try
                {
                    tokens.Add(new Token(digits, true, Convert.FromHexString(digits)));
                }
                catch (FormatException)
                {
                    throw new ScriptException($"x\"{sb}\" is not hex bytes (two hex digits per byte)");
                }
            }
            else
            {
                int start = i;
                while (i < line.Length && !char.IsWhiteSpace(line[i]) && line[i] is not ('=' or ',' or '#' or '"'))
                    i++;
                tokens.Add(new Token(line[start..i], false, null));
            }
        }
        return tokens;
    }
}
