using System.Runtime.InteropServices;
using Spectre.Console;

namespace Zx.Tool;

/// <summary><c>zx shell</c>: reads script lines interactively through libedit (BSD-licensed; its readline interface:
/// history with the arrow keys, Tab completes syscall names, constants and the names bound so far), or line by line
/// when input is not a terminal or libedit is not installed. GNU readline (GPL) is never loaded.</summary>
internal sealed class ZxShell(IAnsiConsole console, IAnsiConsole errors, ScriptRunner runner)
{
    /// <summary>The names bound so far, for completion.</summary>
    public IEnumerable<string> BoundNames => runner.Variables.Keys;

    /// <summary>The bound names that hold live handles, for completion where a handle goes.</summary>
    public IEnumerable<string> HandleNames => runner.HandleNames;

    /// <summary>Runs until <c>quit</c> or the end of input; returns 1 when any line failed, else 0.</summary>
    public int Loop()
    {
        Readline? readline = Console.IsInputRedirected ? null : Readline.TryLoad(this);
        if (readline is null && !Console.IsInputRedirected)
            errors.MarkupLine("[grey]no line editing: libedit is not installed (sudo apt-get install -y libedit2)[/]");
        console.MarkupLine("[grey]zx shell: one syscall per line ('help' lists them, Tab completes, 'quit' ends).[/]");
        bool anyFailed = false;
        while (true)
        {
            string? line = readline is null ? Console.ReadLine() : readline.Read("zx> ");
            if (line is null)
                break;
            string trimmed = line.Trim();
            if (trimmed is "quit" or "exit")
                break;
            if (trimmed.Length > 0)
                readline?.AddHistory(trimmed);
            if (trimmed == "help" || trimmed.StartsWith("help ", StringComparison.Ordinal))
            {
                Help(trimmed[4..].Trim());
                continue;
            }
            try
            {
                runner.Execute(line);
            }
            catch (ScriptException e)
            {
                anyFailed = true;
                errors.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A bug in zx: said in one line, and the shell goes on.
                anyFailed = true;
                errors.MarkupLine($"[red]internal error:[/] {Markup.Escape(e.GetType().Name + ": " + e.Message)} (a bug in zx: please report the line)");
            }
        }
        return anyFailed ? ExitCodes.ScriptFailed : ExitCodes.Ok;
    }

    private void Help(string topic)
    {
        if (topic.Length > 0)
        {
            ZxSyscallInfo? info = ZxSyscallTable.Find(topic);
            if (info is null)
            {
                errors.MarkupLine($"[red]error:[/] unknown syscall '{Markup.Escape(topic)}'");
                return;
            }
            console.MarkupLine($"[bold]{info.Name}[/] {Markup.Escape(ScriptRunner.Usage(info))}");
            foreach (ZxSyscallParam p in info.Params.Where(p => p.Kind == ZxParamKind.Named))
                console.MarkupLine($"  {p.Name}: {Markup.Escape(string.Join(", ", ZxNames.NamesOf(p.Names).Select(n => n.Name)))}");
            return;
        }
        console.MarkupLine("Write [bold]name = syscall args...[/], [bold]a, b = syscall args...[/], or [bold]expect STATUS syscall args...[/].");
        console.MarkupLine("Names: root, self, vmar, job, and every name you bind. 'help SYSCALL' shows one syscall.");
        foreach (ZxSyscallInfo s in ZxSyscallTable.All)
            console.MarkupLine($"  [bold]{s.Name}[/] {Markup.Escape(ScriptRunner.Usage(s))}");
    }

    /// <summary>The completions of <paramref name="word"/> given the text before it on the line: a syscall name
    /// (or <c>expect</c>, <c>help</c>, <c>quit</c>) where a syscall goes, a status after <c>expect</c>, and for an
    /// argument what its parameter takes: the constants of its kind, the live handle names for a handle, a deadline's
    /// forms for a time, the bound names for a number.</summary>
    public static List<string> Complete(string before, string word, IEnumerable<string> boundNames, IEnumerable<string> handleNames)
    {
        string[] words = before.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
        int eq = Array.LastIndexOf(words, "=");
        string[] afterEq = words[(eq + 1)..];
        bool expect = afterEq.Length > 0 && afterEq[0] == "expect";
        bool syscallHere = afterEq.Length == 0 || (afterEq.Length == 2 && expect);
        bool statusHere = afterEq.Length == 1 && expect;
        IEnumerable<string> candidates;
        if (statusHere)
            candidates = ZxNames.NamesOf(ZxNameSet.Status).Select(n => n.Name);
        else if (syscallHere)
            candidates = ZxSyscallTable.All.Select(s => s.Name).Concat(["expect", "help", "quit"]);
        else
            candidates = ArgumentCandidates(afterEq[expect ? 2 : 0], afterEq.Length - (expect ? 3 : 1), boundNames, handleNames);
        return [.. candidates.Where(c => c.StartsWith(word, StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal)];
    }

    // A name set's constants, in full and without the prefix a script may leave out (MMIO for ZX_RSRC_KIND_MMIO).
    private static IEnumerable<string> NamedCandidates(ZxNameSet set)
    {
        string prefix = ZxNames.PrefixOf(set);
        foreach ((string name, _) in ZxNames.NamesOf(set))
        {
            yield return name;
            if (prefix.Length > 0 && name.StartsWith(prefix, StringComparison.Ordinal))
                yield return name[prefix.Length..];
        }
    }

    // What argument |index| of |syscall| takes.
    private static IEnumerable<string> ArgumentCandidates(string syscall, int index, IEnumerable<string> boundNames, IEnumerable<string> handleNames)
    {
        ZxSyscallInfo? info = ZxSyscallTable.Find(syscall.StartsWith("zx_", StringComparison.Ordinal) ? syscall[3..] : syscall);
        List<ZxSyscallParam> inputs = info is null ? [] : ScriptRunner.InputParams(info.Params);
        if (index < 0 || index >= inputs.Count)
            return [];
        ZxSyscallParam p = inputs[index];
        return p.Kind switch
        {
            ZxParamKind.Handle => handleNames.Append("ZX_HANDLE_INVALID"),
            ZxParamKind.Named => NamedCandidates(p.Names),
            ZxParamKind.Time => ["ZX_TIME_INFINITE", "+1ms", "+1s"],
            ZxParamKind.InBytes or ZxParamKind.InName => ["\""],
            _ => boundNames.Except(handleNames),
        };
    }

    /// <summary>libedit's readline interface (libedit.so.2), loaded when present.</summary>
    // Safety: libedit's strings are copied into managed strings and freed with free() at once; its variables are read
    // through the addresses the library exports.
    private sealed unsafe class Readline
    {
        private const string Library = "libedit.so.2";
        private static ZxShell? s_shell;
        private static List<string> s_matches = [];
        private static nint s_lineBuffer, s_point; // the addresses of rl_line_buffer and rl_point
        private readonly delegate* unmanaged<byte*, byte*> _readline;
        private readonly delegate* unmanaged<byte*, void> _addHistory;

        private Readline(nint lib)
        {
            _readline = (delegate* unmanaged<byte*, byte*>)NativeLibrary.GetExport(lib, "readline");
            _addHistory = (delegate* unmanaged<byte*, void>)NativeLibrary.GetExport(lib, "add_history");
            s_lineBuffer = NativeLibrary.GetExport(lib, "rl_line_buffer");
            s_point = NativeLibrary.GetExport(lib, "rl_point");
            *(nint*)NativeLibrary.GetExport(lib, "rl_completion_entry_function") = (nint)(delegate* unmanaged<byte*, int, byte*>)&Generate;
        }

        public static Readline? TryLoad(ZxShell shell)
        {
            if (!NativeLibrary.TryLoad(Library, out nint lib))
                return null;
            s_shell = shell;
            return new Readline(lib);
        }

        public string? Read(string prompt)
        {
            nint p = Marshal.StringToCoTaskMemUTF8(prompt);
            try
            {
                byte* line = _readline((byte*)p);
                if (line is null)
                    return null;
                string text = Marshal.PtrToStringUTF8((nint)line) ?? "";
                NativeMemory.Free(line);
                return text;
            }
            finally
            {
                Marshal.FreeCoTaskMem(p);
            }
        }

        public void AddHistory(string line)
        {
            nint p = Marshal.StringToCoTaskMemUTF8(line);
            _addHistory((byte*)p);
            Marshal.FreeCoTaskMem(p);
        }

        // readline's generator: state 0 starts a new completion; each call returns one malloc'd match, then NULL.
        [UnmanagedCallersOnly]
        private static byte* Generate(byte* text, int state)
        {
            try
            {
                if (state == 0)
                {
                    string word = Marshal.PtrToStringUTF8((nint)text) ?? "";
                    string line = Marshal.PtrToStringUTF8(*(nint*)s_lineBuffer) ?? "";
                    int point = *(int*)s_point;
                    string before = line[..Math.Max(0, Math.Min(line.Length, point) - word.Length)];
                    s_matches = Complete(before, word, s_shell?.BoundNames ?? [], s_shell?.HandleNames ?? []);
                }
                if (state >= s_matches.Count)
                    return null;
                byte[] bytes = System.Text.Encoding.UTF8.GetBytes(s_matches[state] + "\0");
                byte* copy = (byte*)NativeMemory.Alloc((nuint)bytes.Length);
                bytes.CopyTo(new Span<byte>(copy, bytes.Length));
                return copy;
            }
            catch (Exception)
            {
                return null;
            }
        }
    }
}
