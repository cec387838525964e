using System.Text.Json;
using System.Text.RegularExpressions;

namespace Zx.Tests;

/// <summary>The <c>zx</c> command: help, usage errors and exit codes, <c>board</c>, <c>exec</c> with its trace
/// (compared line by line), its Perfetto JSON (one slice per syscall) and its leak report, and <c>run</c> scripts
/// with an error on a given line.</summary>
[Collection(nameof(ToolTests))]
public sealed partial class ToolTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private static string ToolDll
    {
        get
        {
            // The tool is built beside the tests, in the same configuration.
            string config = AppContext.BaseDirectory.Contains("/debug/", StringComparison.Ordinal) ? "debug" : "release";
            return Path.Combine(NativeBuild.RepoRoot, "artifacts", "bin", "Zx.Tool", config, "zx.dll");
        }
    }

    private static (int Code, string Stdout, string Stderr) Zx(params string[] args) =>
        NativeBuild.RunCaptured("dotnet", [ToolDll, .. args], NativeBuild.RepoRoot, Timeout,
            new Dictionary<string, string>
            {
                ["ZX_LIBZIRCON"] = Path.Combine(NativeBuild.LibraryDirectory, "libzircon.so"),
                ["XDG_CACHE_HOME"] = CacheHome, // the compile cache, kept out of the user's ~/.cache
            });

    private static readonly string CacheHome = Path.Combine(NativeBuild.RepoRoot, "artifacts", "xdg-cache");

    // The tool with extra environment (COLUMNS, for one).
    private static (int Code, string Stdout, string Stderr) ZxWith(Dictionary<string, string> environment, params string[] args)
    {
        environment["ZX_LIBZIRCON"] = Path.Combine(NativeBuild.LibraryDirectory, "libzircon.so");
        environment["XDG_CACHE_HOME"] = CacheHome;
        return NativeBuild.RunCaptured("dotnet", [ToolDll, .. args], NativeBuild.RepoRoot, Timeout, environment);
    }

    private static string Tool(string name) => Path.Combine(NativeBuild.RepoRoot, "tests", "tool", name);

    [Theory]
    [InlineData(new string[0], "exec")]
    [InlineData(new[] { "exec" }, "--trace-json")]
    [InlineData(new[] { "run" }, "SCRIPT")]
    [InlineData(new[] { "shell" }, "--board")]
    [InlineData(new[] { "board" }, "FILE")]
    public void EveryCommandHasHelp(string[] command, string mentions)
    {
        (int code, string stdout, _) = Zx([.. command, "--help"]);
        Assert.Equal(0, code);
        Assert.Contains("Usage:", stdout, StringComparison.Ordinal);
        Assert.Contains(mentions, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void VersionAndBoardAnswerAtOnce()
    {
        (int code, string stdout, _) = Zx("--version");
        Assert.Equal(0, code);
        Assert.Matches(@"^\d+\.\d+\.\d+", stdout);
        (code, stdout, _) = Zx("board");
        Assert.Equal(0, code);
        Assert.Contains("qemu-virt-arm64", stdout, StringComparison.Ordinal);
        Assert.Matches(@"uart0\s+│\s+mmio\s+│\s+0x9000000\s+│\s+0x9001000\s+│\s+4 KiB", stdout);
        Assert.Matches(@"ram\s+│\s+ram\s+│\s+0x40000000\s+│\s+0x140000000\s+│\s+4 GiB", stdout);
        (code, stdout, _) = Zx("board", Path.Combine(NativeBuild.RepoRoot, "boards", "pc-x86.json"));
        Assert.Equal(0, code);
        Assert.DoesNotContain("qemu-virt-arm64", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "exec", "--bogus", "x" }, "--bogus")]
    [InlineData(new[] { "frobnicate" }, "frobnicate")]
    [InlineData(new[] { "exec", "--compat", "zircon2020", "x" }, "zircon2020")]
    [InlineData(new[] { "exec", "--serial", "telnet:23", "x" }, "unknown serial line \"telnet:23\"")]
    [InlineData(new[] { "run" }, "SCRIPT")]
    public void BadCommandLinesExplainAndExitWithTwo(string[] args, string named)
    {
        (int code, string stdout, string stderr) = Zx(args);
        Assert.Equal(2, code);
        Assert.Contains("error:", stderr, StringComparison.Ordinal);
        Assert.Contains(named, stderr, StringComparison.Ordinal);
        Assert.Contains("--help", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal); // no stack trace
    }

    [Fact]
    public void MissingFilesAreUserErrorsWithoutStackTraces()
    {
        (int code, _, string stderr) = Zx("board", "/nonexistent/board.json");
        Assert.Equal(2, code);
        Assert.Contains("no board file '/nonexistent/board.json'", stderr, StringComparison.Ordinal);
        (code, _, stderr) = Zx("exec", "/nonexistent/program");
        Assert.Equal(2, code);
        Assert.Contains("no such program: /nonexistent/program", stderr, StringComparison.Ordinal);
        string badBoard = Path.Combine(Path.GetTempPath(), $"zx-bad-board-{Environment.ProcessId}.json");
        File.WriteAllText(badBoard, """{ "name": "x", "regions": [ { "name": "r", "kind": "ram", "base": "0x1001", "size": "0x1000" } ] }""");
        (code, _, stderr) = Zx("exec", "--board", badBoard, "/bin/true");
        File.Delete(badBoard);
        Assert.Equal(2, code);
        Assert.Contains("the board is not valid", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ExecTracesAKnownProgramLineByLineAndReportsItsLeak()
    {
        string json = Path.Combine(Path.GetTempPath(), $"zx-trace-{Environment.ProcessId}.json");
        (int code, string stdout, string stderr) = Zx("exec", "--trace", "--trace-json", json, Tool("trace_sample.c"));
        Assert.Equal(3, code); // the program's own exit code
        string[] expected = File.ReadAllLines(Tool("trace_sample.expected"));
        string[] actual = NormalizeHandles(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("zx_", StringComparison.Ordinal)));
        Assert.Equal(expected, actual);

        // The JSON trace: one complete slice per syscall line, each with its status.
        using (JsonDocument doc = JsonDocument.Parse(File.ReadAllText(json)))
        {
            JsonElement[] slices = [.. doc.RootElement.GetProperty("traceEvents").EnumerateArray().Where(e => e.GetProperty("ph").GetString() == "X")];
            Assert.Equal(expected.Length, slices.Length);
            Assert.Equal(expected.Select(l => l[..l.IndexOf('(', StringComparison.Ordinal)]), slices.Select(s => s.GetProperty("name").GetString()));
            Assert.Equal("ZX_ERR_WRONG_TYPE", slices[3].GetProperty("args").GetProperty("status").GetString());
            Assert.All(slices, s => Assert.True(s.GetProperty("dur").GetDouble() >= 0));
        }
        File.Delete(json);

        // The summary names the one handle left open and the syscall that made it.
        Assert.Contains("leaks: 1 handle still open", stdout, StringComparison.Ordinal);
        Assert.Matches(@"│ libzircon\s+│ 0x[0-9a-f]+\s+│ event\s+│\s+\d+ │ [A-Z_|]+\s+│ zx_event_create", stdout);
    }

    [Fact]
    public void ExecCompilesEachSourceByItsPathAndContentIntoTheXdgCache()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"zx-cache-{Guid.NewGuid():N}");
        string a = Path.Combine(dir, "a", "driver.c"), b = Path.Combine(dir, "b", "driver.c");
        Directory.CreateDirectory(Path.GetDirectoryName(a)!);
        Directory.CreateDirectory(Path.GetDirectoryName(b)!);
        static string Program(string text) => $"#include <stdio.h>\nint main(void) {{ puts(\"{text}\"); return 0; }}\n";
        try
        {
            File.WriteAllText(a, Program("from a"));
            File.WriteAllText(b, Program("from b"));
            DateTime when = File.GetLastWriteTimeUtc(a);
            File.SetLastWriteTimeUtc(b, when); // same name, same time: only the path and the content tell them apart
            Assert.Contains("from a", Zx("exec", "--no-summary", a).Stdout, StringComparison.Ordinal);
            Assert.Contains("from b", Zx("exec", "--no-summary", b).Stdout, StringComparison.Ordinal);
            // An edit that keeps the file's time (a checkout, a copy with -p) is still seen.
            File.WriteAllText(a, Program("edited a"));
            File.SetLastWriteTimeUtc(a, when);
            Assert.Contains("edited a", Zx("exec", "--no-summary", a).Stdout, StringComparison.Ordinal);
            // A header the program includes, edited, rebuilds it too.
            File.WriteAllText(Path.Combine(dir, "a", "text.h"), "#define TEXT \"header one\"\n");
            File.WriteAllText(a, "#include <stdio.h>\n#include \"text.h\"\nint main(void) { puts(TEXT); return 0; }\n");
            Assert.Contains("header one", Zx("exec", "--no-summary", a).Stdout, StringComparison.Ordinal);
            Thread.Sleep(20);
            File.WriteAllText(Path.Combine(dir, "a", "text.h"), "#define TEXT \"header two\"\n");
            Assert.Contains("header two", Zx("exec", "--no-summary", a).Stdout, StringComparison.Ordinal);
            Assert.True(Directory.EnumerateFiles(Path.Combine(CacheHome, "zx", "exec"), "driver", SearchOption.AllDirectories).Count() >= 2,
                "one binary per path and content, each under its own name");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ExecOptionsEndAtTheProgramsName()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"zx-args-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        string source = Path.Combine(dir, "args.c");
        File.WriteAllText(source, "#include <stdio.h>\nint main(int c, char** v) { for (int i = 1; i < c; i++) printf(\"[%s]\", v[i]); puts(\"\"); return 0; }\n");
        try
        {
            (int code, string stdout, string stderr) = Zx("exec", "--no-summary", source, "-t", "--board", "x", "--");
            Assert.True(code == 0, stderr);
            Assert.Contains("[-t][--board][x][--]", stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("zx_", stderr, StringComparison.Ordinal); // -t went to the program, not to zx
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ATraceFileThatCannotBeWrittenIsSaidAtTheStart()
    {
        (int code, string stdout, string stderr) = Zx("exec", "--trace-json", "/nonexistent/dir/trace.json", Tool("trace_sample.c"));
        Assert.Equal(2, code);
        Assert.Contains("cannot write the trace to '/nonexistent/dir/trace.json'", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("zx_", stdout + stderr, StringComparison.Ordinal); // the program never ran
    }

    [Fact]
    public void FailOnLeakMakesALeakExitWith23AsLeakSanitizerDoes()
    {
        // uart.zx ends with an event left open.
        Assert.Equal(0, Zx("run", "--no-summary", Tool("uart.zx")).Code);
        (int code, _, string stderr) = Zx("run", "--no-summary", "--fail-on-leak", Tool("uart.zx"));
        Assert.Equal(23, code);
        Assert.Contains("leaks found (--fail-on-leak): exit code 23", stderr, StringComparison.Ordinal);
        (code, _, _) = Zx("exec", "--no-summary", "--fail-on-leak", Tool("first_call_leak.c"));
        Assert.Equal(23, code); // the program's own 0 gives way to the leak
        string script = Path.Combine(Path.GetTempPath(), $"zx-noleak-{Guid.NewGuid():N}.zx");
        File.WriteAllLines(script, ["ev = event_create 0", "handle_close ev"]);
        try
        {
            Assert.Equal(0, Zx("run", "--fail-on-leak", script).Code);
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public void TablesFitTheScreenAndTextIsNeverWrapped()
    {
        (int code, string stdout, _) = ZxWith(new Dictionary<string, string> { ["COLUMNS"] = "80" }, "board");
        Assert.Equal(0, code);
        string[] lines = stdout.Split('\n');
        Assert.All(lines.Where(l => l.StartsWith('│') || l.StartsWith('╭')), l => Assert.True(l.Length <= 80, $"{l.Length} columns: {l}"));
        Assert.Contains(lines, l => l.Contains("pcie-high-mmio", StringComparison.Ordinal)); // a name is never cut
        Assert.Contains("512 GiB", stdout, StringComparison.Ordinal);
        // Piped, without COLUMNS: the summary's tables keep their natural width instead of stretching to 160.
        (code, stdout, _) = Zx("run", Tool("uart.zx"));
        Assert.Equal(0, code);
        Assert.All(stdout.Split('\n').Where(l => l.StartsWith('│') || l.StartsWith('╭') || l.StartsWith("──", StringComparison.Ordinal)),
            l => Assert.True(l.TrimEnd().Length <= 100, $"{l.Length} columns: {l}"));
        // A compiler's diagnostic reaches a pipe whole, however long its line.
        string dir = Path.Combine(Path.GetTempPath(), $"zx-diag-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        string source = Path.Combine(dir, "broken_with_a_rather_long_file_name_so_that_the_diagnostic_line_is_long.c");
        File.WriteAllText(source, "int main(void) { return an_identifier_that_was_never_declared_anywhere_in_this_program; }\n");
        try
        {
            (code, _, string stderr) = Zx("exec", source);
            Assert.Equal(3, code);
            Assert.Contains(stderr.Split('\n'), l => l.Contains("broken_with_a_rather_long_file_name", StringComparison.Ordinal)
                && l.Contains("an_identifier_that_was_never_declared_anywhere_in_this_program", StringComparison.Ordinal) && l.Length > 120);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The Chrome trace-event format's rules for the event kinds Zx writes (Perfetto reads this format):
    /// the problems found, none for a valid trace.</summary>
    internal static List<string> ChromeTraceProblems(JsonElement root)
    {
        var problems = new List<string>();
        if (!root.TryGetProperty("traceEvents", out JsonElement events) || events.ValueKind != JsonValueKind.Array)
            return ["no traceEvents array"];
        int index = 0;
        foreach (JsonElement e in events.EnumerateArray())
        {
            string where = $"event {index++}";
            if (!e.TryGetProperty("ph", out JsonElement ph) || ph.GetString() is not string phase)
            {
                problems.Add($"{where}: no ph");
                continue;
            }
            if (!e.TryGetProperty("name", out JsonElement name) || name.ValueKind != JsonValueKind.String)
                problems.Add($"{where}: no name");
            if (!e.TryGetProperty("pid", out JsonElement pid) || pid.ValueKind != JsonValueKind.Number)
                problems.Add($"{where}: no numeric pid");
            bool NumberField(string field) => e.TryGetProperty(field, out JsonElement v) && v.ValueKind == JsonValueKind.Number;
            switch (phase)
            {
                case "X":
                    if (!NumberField("ts") || !NumberField("dur") || !NumberField("tid") || e.GetProperty("dur").GetDouble() < 0)
                        problems.Add($"{where}: a complete event needs ts, dur >= 0 and tid");
                    break;
                case "i":
                    if (!NumberField("ts") || !NumberField("tid") || e.GetProperty("s").GetString() is not ("t" or "p" or "g"))
                        problems.Add($"{where}: an instant event needs ts, tid and a scope");
                    break;
                case "M":
                    if (e.GetProperty("args").GetProperty("name").ValueKind != JsonValueKind.String)
                        problems.Add($"{where}: metadata needs args.name");
                    break;
                case "C":
                    if (!NumberField("ts") || !e.GetProperty("args").EnumerateObject().All(a => a.Value.ValueKind == JsonValueKind.Number))
                        problems.Add($"{where}: a counter needs ts and numeric args");
                    break;
                case "s" or "f":
                    if (!NumberField("ts") || !NumberField("tid") || !e.TryGetProperty("id", out _) || (phase == "f" && e.GetProperty("bp").GetString() != "e"))
                        problems.Add($"{where}: a flow event needs ts, tid, id (and bp=e to end)");
                    break;
                default:
                    problems.Add($"{where}: unexpected phase {phase}");
                    break;
            }
        }
        return problems;
    }

    /// <summary>The JSON trace for Perfetto: valid Chrome trace-event JSON; one track per Zx process (its koid, its
    /// name) and per thread; every argument a field of its own, so a query can pick every call on one koid; a flow
    /// from each handle's creation to its close; counters of live handles.</summary>
    [Fact]
    public void TheJsonTraceHasATrackPerProcessArgumentsByNameFlowsAndCounters()
    {
        string json = Path.Combine(Path.GetTempPath(), $"zx-perfetto-{Guid.NewGuid():N}.json");
        try
        {
            (int code, _, string stderr) = Zx("exec", "--no-summary", "--trace-json", json, Tool("trace_sample.c"));
            Assert.True(code == 3, stderr);
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(json));
            Assert.Empty(ChromeTraceProblems(doc.RootElement));
            JsonElement[] events = [.. doc.RootElement.GetProperty("traceEvents").EnumerateArray()];
            JsonElement[] slices = [.. events.Where(e => e.GetProperty("ph").GetString() == "X")];
            long pid = slices[0].GetProperty("pid").GetInt64();
            Assert.True(pid >= 1024, "the pid is the Zx process's koid");
            Assert.Contains(events, e => e.GetProperty("ph").GetString() == "M" && e.GetProperty("name").GetString() == "process_name"
                && e.GetProperty("pid").GetInt64() == pid && e.GetProperty("args").GetProperty("name").GetString() == "libzircon");
            Assert.Contains(events, e => e.GetProperty("ph").GetString() == "M" && e.GetProperty("name").GetString() == "thread_name"
                && e.GetProperty("args").GetProperty("name").GetString()!.Contains("host tid", StringComparison.Ordinal));
            // Every call on one koid, as a query would select them: the physical VMO's creation, duplicate and closes.
            JsonElement created = slices.First(e => e.GetProperty("name").GetString() == "zx_vmo_create_physical" && e.GetProperty("args").GetProperty("status").GetString() == "ZX_OK");
            Assert.Equal("0x9000000", created.GetProperty("args").GetProperty("paddr").GetString());
            string vmoHandle = created.GetProperty("args").GetProperty("out.out").GetString()!;
            JsonElement[] onHandle = [.. slices.Where(e => e.GetProperty("args").TryGetProperty("handle", out JsonElement h) && h.GetString() == vmoHandle)];
            Assert.NotEmpty(onHandle);
            long vmoKoid = onHandle[0].GetProperty("args").GetProperty("koid").GetInt64();
            Assert.All(onHandle, e => Assert.Equal(vmoKoid, e.GetProperty("args").GetProperty("koid").GetInt64()));
            // Flows: each handle's start where it was made, its end where it was closed.
            string flowId = $"{pid}:{vmoHandle}";
            Assert.Contains(events, e => e.GetProperty("ph").GetString() == "s" && e.GetProperty("id").GetString() == flowId);
            Assert.Contains(events, e => e.GetProperty("ph").GetString() == "f" && e.GetProperty("id").GetString() == flowId);
            Assert.Contains(events, e => e.GetProperty("ph").GetString() == "C" && e.GetProperty("name").GetString() == "live handles");
        }
        finally
        {
            File.Delete(json);
        }
    }

    [Fact]
    public void TraceFiltersAndCountsWorkAsStraceDoes()
    {
        (int code, _, string stderr) = Zx("exec", "--no-summary", "-t", "-e", "trace=vmo", Tool("trace_sample.c"));
        Assert.Equal(3, code);
        string[] calls = [.. stderr.Split('\n').Where(l => l.StartsWith("zx_", StringComparison.Ordinal))];
        Assert.NotEmpty(calls);
        Assert.All(calls, l => Assert.StartsWith("zx_vmo_", l, StringComparison.Ordinal));
        (_, _, stderr) = Zx("exec", "--no-summary", "-t", "-e", "trace=!vmo,handle_close", Tool("trace_sample.c"));
        calls = [.. stderr.Split('\n').Where(l => l.StartsWith("zx_", StringComparison.Ordinal))];
        Assert.NotEmpty(calls);
        Assert.DoesNotContain(calls, l => l.StartsWith("zx_vmo_", StringComparison.Ordinal) || l.StartsWith("zx_handle_close(", StringComparison.Ordinal));
        (code, _, stderr) = Zx("exec", "--no-summary", "-c", Tool("trace_sample.c"));
        Assert.Equal(3, code);
        Assert.Contains("% time     seconds  usecs/call     calls    errors syscall", stderr, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\s*[\d.]+\s+[\d.]+\s+\d+\s+2\s+1 zx_vmo_create_physical$", stderr); // two calls, one failed
        Assert.Matches(@"(?m)^100\.00 .* total$", stderr);
        Assert.DoesNotContain(stderr.Split('\n'), l => l.StartsWith("zx_", StringComparison.Ordinal)); // -c alone: the table only
    }

    [Fact]
    public void TheFirstSyscallOfAProgramIsTracedAndItsHandlesAreInTheLeakReport()
    {
        (int code, string stdout, string stderr) = ZxWith(new Dictionary<string, string> { ["COLUMNS"] = "250" }, "exec", "--trace", Tool("first_call_leak.c"));
        Assert.True(code == 0, stderr);
        string[] calls = [.. stderr.Split('\n').Where(l => l.StartsWith("zx_", StringComparison.Ordinal))];
        Assert.StartsWith("zx_channel_create(", calls[0], StringComparison.Ordinal);
        Assert.StartsWith("zx_event_create(", calls[1], StringComparison.Ordinal);
        Assert.Contains("leaks: 2 handles still open", stdout, StringComparison.Ordinal);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(stdout, @"│ channel\s+│.*│ zx_channel_create"));
        // Each leaked handle names where the program created it: the syscall and the caller's address.
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(stdout, @"│ zx_channel_create at first_call_leak\+0x[0-9a-f]+\s+│"));
    }

    [Theory]
    [InlineData("released", "in a range released by zx_vmar_unmap")]
    [InlineData("unbacked", "physical address 0x1030, which no board region backs")]
    public void ACrashNamesTheSignalTheAddressAndWhatHeldItAndKeepsTheTrace(string how, string held)
    {
        string json = Path.Combine(Path.GetTempPath(), $"zx-crash-trace-{Environment.ProcessId}-{how}.json");
        (int code, string stdout, string stderr) = Zx("exec", "--trace-json", json, Tool("crash_sample.c"), how);
        string output = stdout + stderr;
        Assert.Equal(128 + 11, code); // the shell's convention: 128 + SIGSEGV
        Match touched = Regex.Match(output, "touching the [a-z]+ page at (0x[0-9a-f]+)");
        Assert.True(touched.Success, output);
        ulong address = Convert.ToUInt64(touched.Groups[1].Value, 16) + 0x30;
        string expected = $"the program was killed by SIGSEGV (invalid memory reference) at address 0x{address:x}";
        Assert.Contains(expected, output.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains(held, output.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        // The kernel's crash report came first: who faulted, how, where, the registers and a backtrace.
        Assert.Matches(@"zx: crash: fatal page fault in thread '[^']+' \(koid \d+\) of process 'libzircon' \(koid \d+\)", output);
        Assert.Contains($"zx:   write of address 0x{address:x}, ", output, StringComparison.Ordinal);
        if (how == "unbacked")
            Assert.Contains("physical address 0x1030, which no board region backs", output, StringComparison.Ordinal);
        else
            Assert.Contains("not in any mapping of the process", output, StringComparison.Ordinal);
        Assert.Matches(@"zx:\s+rip 0x[0-9a-f]{16}", output);
        Assert.Matches(@"zx:     #0  0x[0-9a-f]+ ", output);
        // The trace was closed by the tool and holds every syscall up to the crash, and the report as an instant event.
        using (JsonDocument doc = JsonDocument.Parse(File.ReadAllText(json)))
        {
            JsonElement[] events = [.. doc.RootElement.GetProperty("traceEvents").EnumerateArray()];
            string?[] names = [.. events.Where(e => e.GetProperty("ph").GetString() == "X").Select(e => e.GetProperty("name").GetString())];
            Assert.Contains("zx_vmo_create_physical", names);
            Assert.Contains("zx_vmar_map", names);
            JsonElement crash = Assert.Single(events, e => e.GetProperty("ph").GetString() == "i");
            Assert.Equal("crash", crash.GetProperty("name").GetString());
            Assert.StartsWith("zx: crash: fatal page fault", crash.GetProperty("args").GetProperty("report").GetString(), StringComparison.Ordinal);
        }
        File.Delete(json);
    }

    [Fact]
    public void TheTraceShowsEachEmulatedDeviceAccessAndTheFilterKeepsItShort()
    {
        string exe = NativeBuild.CompileC("uart-driver-traced", Path.Combine("..", "..", "samples", "c-driver", "uart_driver.c"));
        (int code, string stdout, string stderr) = NativeBuild.RunCaptured(exe, [], NativeBuild.RepoRoot, Timeout,
            new Dictionary<string, string> { ["ZX_TRACE"] = "1" });
        Assert.Equal(0, code);
        Assert.Contains("hello from a Zircon driver", stdout, StringComparison.Ordinal); // through the emulated PL011
        string[] lines = stderr.Split('\n');
        Assert.Contains("uart0+0x030 write32 <- 0x00000301", lines);  // UARTCR, as the driver wrote it
        Assert.Contains("uart0+0x000 write32 <- 0x00000068", lines);  // 'h' into UARTDR
        Assert.Contains("uart0+0x030 read32 -> 0x00000301", lines);   // read back through the model
        // The accesses sit between the syscalls around them: after the map that made the window.
        int map = Array.FindIndex(lines, l => l.StartsWith("zx_vmar_map(", StringComparison.Ordinal));
        int first = Array.FindIndex(lines, l => l.StartsWith("uart0+", StringComparison.Ordinal));
        Assert.True(map >= 0 && first > map, stderr);
        // ZX_TRACE_MMIO=0 leaves them out (a list of region names keeps only those).
        (code, _, stderr) = NativeBuild.RunCaptured(exe, [], NativeBuild.RepoRoot, Timeout,
            new Dictionary<string, string> { ["ZX_TRACE"] = "1", ["ZX_TRACE_MMIO"] = "0" });
        Assert.Equal(0, code);
        Assert.DoesNotContain("uart0+", stderr, StringComparison.Ordinal);
        Assert.Contains("zx_vmar_map(", stderr, StringComparison.Ordinal);
        (code, _, stderr) = NativeBuild.RunCaptured(exe, [], NativeBuild.RepoRoot, Timeout,
            new Dictionary<string, string> { ["ZX_TRACE"] = "1", ["ZX_TRACE_MMIO"] = "rtc" });
        Assert.Equal(0, code);
        Assert.DoesNotContain("uart0+", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ZxSerialSendsTheUartsBytesToAFile()
    {
        string exe = NativeBuild.CompileC("uart-driver-to-file", Path.Combine("..", "..", "samples", "c-driver", "uart_driver.c"));
        string file = Path.Combine(Path.GetTempPath(), $"zx-uart-{Environment.ProcessId}.txt");
        (int code, string stdout, _) = NativeBuild.RunCaptured(exe, [], NativeBuild.RepoRoot, Timeout,
            new Dictionary<string, string> { ["ZX_SERIAL"] = "file:" + file });
        Assert.Equal(0, code);
        Assert.DoesNotContain("hello from a Zircon driver", stdout, StringComparison.Ordinal);
        Assert.Contains("hello from a Zircon driver", File.ReadAllText(file), StringComparison.Ordinal);
        File.Delete(file);
    }

    [Fact]
    public void ExecSerialConnectsTheUartToTheLineNamed()
    {
        string file = Path.Combine(Path.GetTempPath(), $"zx-exec-serial-{Guid.NewGuid():N}.txt");
        try
        {
            (int code, string stdout, string stderr) = Zx("exec", "--no-summary", "--serial", "file:" + file,
                Path.Combine(NativeBuild.RepoRoot, "samples", "c-driver", "uart_driver.c"));
            Assert.True(code == 0, stderr);
            Assert.DoesNotContain("hello from a Zircon driver", stdout, StringComparison.Ordinal);
            Assert.Contains("hello from a Zircon driver", File.ReadAllText(file), StringComparison.Ordinal);
            (code, stdout, stderr) = Zx("exec", "--no-summary", "--serial", "pty",
                Path.Combine(NativeBuild.RepoRoot, "samples", "c-driver", "uart_driver.c"));
            Assert.True(code == 0, stderr);
            Assert.Matches(@"zx: uart0 is on /dev/pts/\d+", stderr);
            Assert.DoesNotContain("hello from a Zircon driver", stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task TheEchoSampleEchoesWhatArrivesOnTheUartFromStandardInput()
    {
        string exe = NativeBuild.CompileC("uart-echo", Path.Combine("..", "..", "samples", "c-driver", "uart_echo.c"));
        var start = new System.Diagnostics.ProcessStartInfo(exe)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = NativeBuild.RepoRoot,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write("typed on the host\nq");
        process.StandardInput.Close();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "the echo sample did not end");
        Assert.Equal(0, process.ExitCode);
        Assert.Equal("typed on the host\n", await stdout); // each byte: RX interrupt, UARTDR read, UARTDR write
        Assert.Contains("uart_echo: echoed 18 bytes", await stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLibraryTracesAProgramStartedWithoutTheTool()
    {
        string exe = NativeBuild.CompileC("trace-sample", Path.Combine("..", "tool", "trace_sample.c"));
        (int code, _, string stderr) = NativeBuild.RunCaptured(exe, [], NativeBuild.RepoRoot, Timeout,
            new Dictionary<string, string> { ["ZX_TRACE"] = "1", ["ZX_SUMMARY"] = "1" });
        Assert.Equal(3, code);
        Assert.Equal(File.ReadAllLines(Tool("trace_sample.expected")),
            NormalizeHandles(stderr.Split('\n').Where(l => l.StartsWith("zx_", StringComparison.Ordinal))));
        Assert.Matches(@"libzircon: handle 0x[0-9a-f]+ \(event koid \d+, [A-Z_|]+\) created by zx_event_create", stderr);
        // Off by default: nothing is written.
        (code, _, stderr) = NativeBuild.RunCaptured(exe, [], NativeBuild.RepoRoot, Timeout);
        Assert.Equal(3, code);
        Assert.Equal("", stderr);
    }

    [Fact]
    public void RunExecutesAScriptAndShowsFailuresWithoutStopping()
    {
        (int code, string stdout, string stderr) = Zx("run", Tool("uart.zx"));
        Assert.True(code == 0, stderr);
        Assert.Matches(@"zx_resource_create ZX_OK\s+mmio = 0x[0-9a-f]+", stdout);
        Assert.Contains("zx_vmo_read ZX_OK  data = \"Zx\"", stdout, StringComparison.Ordinal);
        Assert.Contains("zx_vmo_create_physical ZX_ERR_WRONG_TYPE", stdout, StringComparison.Ordinal);
        Assert.Contains("zx_vmo_write ZX_ERR_NOT_SUPPORTED", stdout, StringComparison.Ordinal);
        Assert.Contains("zx_handle_close ZX_ERR_BAD_HANDLE", stdout, StringComparison.Ordinal);
        Assert.Contains("zx_vmar_unmap ZX_OK", stdout, StringComparison.Ordinal);
        Assert.Contains("leaks: 1 handle still open", stdout, StringComparison.Ordinal);
        Assert.Matches(@"│ event\s+│\s+\d+ │ [A-Z_|]+\s+│ zx_event_create", stdout);
    }

    [Fact]
    public void AScriptErrorNamesItsLine()
    {
        (int code, string stdout, string stderr) = Zx("run", Tool("bad.zx"));
        Assert.Equal(1, code);
        Assert.Contains("error: bad.zx:3: unknown syscall 'vmo_creat'; did you mean vmo_create?", stderr, StringComparison.Ordinal);
        Assert.Contains("zx_event_create ZX_OK", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("zx_handle_close", stdout, StringComparison.Ordinal); // the script stopped at line 3
    }

    [Fact]
    public void ShellReadsLinesFromStandardInput()
    {
        string input = Path.Combine(Path.GetTempPath(), $"zx-shell-{Environment.ProcessId}.txt");
        File.WriteAllText(input, "ev = event_create 0\nhandle_close ev\nexpect ZX_ERR_BAD_HANDLE handle_close ev\nnot_a_call 1\nquit\n");
        (int code, string stdout, string stderr) = NativeBuild.RunCaptured("sh", ["-c", $"dotnet '{ToolDll}' shell < '{input}'"], NativeBuild.RepoRoot, Timeout,
            new Dictionary<string, string> { ["ZX_LIBZIRCON"] = Path.Combine(NativeBuild.LibraryDirectory, "libzircon.so") });
        File.Delete(input);
        Assert.Equal(1, code); // one line failed
        Assert.Contains("zx_handle_close ZX_ERR_BAD_HANDLE", stdout, StringComparison.Ordinal);
        Assert.Contains("unknown syscall 'not_a_call'", stderr, StringComparison.Ordinal);
        Assert.Contains("leaks: none", stdout, StringComparison.Ordinal);
    }

    /// <summary>Replaces handle values (random per process) with h1, h2, ... in order of first appearance.</summary>
    private static string[] NormalizeHandles(IEnumerable<string> lines)
    {
        var names = new Dictionary<string, string>();
        return [.. lines.Select(l => HandleField().Replace(l, m =>
        {
            string value = m.Groups[2].Value;
            if (!names.TryGetValue(value, out string? name))
                names[value] = name = $"<h{names.Count + 1}>";
            return m.Groups[1].Value + "=" + name;
        }))];
    }

    [GeneratedRegex(@"\b(handle|resource|parent_rsrc|resource_out|out|out0|out1)=(0x[0-9a-f]+)")]
    private static partial Regex HandleField();
}

public sealed partial class ToolTests
{
    private static string[] Completions(string line) =>
        Zx("complete", line).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The shell's completion: syscall names where a syscall goes, statuses after <c>expect</c>, bound
    /// names and Zircon constants in argument positions.</summary>
    [Fact]
    public void CompletesSyscallsStatusesNamesAndConstants()
    {
        Assert.Equal(["vmo_clone", "vmo_create", "vmo_create_child", "vmo_create_contiguous", "vmo_create_physical"], Completions("vmo_c"));
        Assert.Equal(["vmo_create_physical"], Completions("x = vmo_create_p"));
        Assert.Equal(["ZX_ERR_BAD_HANDLE", "ZX_ERR_BAD_PATH", "ZX_ERR_BAD_STATE", "ZX_ERR_BAD_SYSCALL"], Completions("expect ZX_ERR_BAD_"));
        Assert.Equal(["handle_close", "handle_close_many", "handle_duplicate", "handle_replace", "help"], Completions("expect ZX_ERR_BAD_HANDLE h"));
        Assert.Equal(["vmar"], Completions("handle_close vm"));
        Assert.Contains("ZX_VM_PERM_READ", Completions("a = vmar_map vmar ZX_VM_PERM"));
        Assert.Contains("ZX_RSRC_KIND_MMIO", Completions("m = resource_create root ZX_RSRC_KIND_M"));
    }

    /// <summary>Completion knows what each argument takes: the constants of that parameter only, the live handle
    /// names where a handle goes, a deadline's forms for a time.</summary>
    [Fact]
    public void CompletesEachArgumentByWhatItsParameterTakes()
    {
        Assert.Equal(["MMIO"], Completions("m = resource_create root MM"));
        Assert.DoesNotContain("ZX_VM_PERM_READ", Completions("m = resource_create root ZX_")); // not a resource kind
        Assert.Equal(["ZX_HANDLE_INVALID", "job", "root", "self", "vmar"], Completions("handle_close "));
        Assert.Equal(["ZX_HANDLE_INVALID"], Completions("handle_close ZX_"));
        Assert.Equal(["+1ms", "+1s", "ZX_TIME_INFINITE"], Completions("port_wait root "));
        Assert.Empty(Completions("vmo_create 0x1000 0 extra "));
        Assert.Contains("ZX_BTI_PERM_READ", Completions("bti_pin root ZX_BTI_"));
    }

    /// <summary>The interactive shell on a real terminal: libedit completes a syscall name with Tab, lists only live
    /// handle names where a handle goes, and recalls the last line with the up arrow.</summary>
    [SkippableFact]
    public void TheShellCompletesAndRecallsOnATerminal()
    {
        Prerequisites.LibeditAndPython();
        const string keys = "v = vmo_cr\\t 0x1000 0\\nev1 = event_create 0\\nev2 = event_create 0\\nhandle_close ev1\\n\\x1b[A\\nhandle_close \\t\\t\\nquit";
        (int code, string output, string stderr) = NativeBuild.RunCaptured("python3",
            [Tool("pty_session.py"), "60", "zx> ", keys, "--", "dotnet", ToolDll, "shell", "--no-summary"], NativeBuild.RepoRoot, Timeout,
            new Dictionary<string, string> { ["ZX_LIBZIRCON"] = Path.Combine(NativeBuild.LibraryDirectory, "libzircon.so") });
        Assert.True(code == 0, stderr);
        Assert.Contains("zx_vmo_create", output, StringComparison.Ordinal); // vmo_cr + Tab became vmo_create
        Assert.Matches(@"zx_handle_close \S*ZX_OK", output);
        Assert.Matches(@"zx_handle_close \S*ZX_ERR_BAD_HANDLE", output); // the up arrow ran handle_close ev1 again
        string listing = output[output.IndexOf("ZX_ERR_BAD_HANDLE", StringComparison.Ordinal)..]; // after the recall: the Tab listing
        Assert.Contains("ev2", listing, StringComparison.Ordinal);
        Assert.Contains("ZX_HANDLE_INVALID", listing, StringComparison.Ordinal);
        Assert.DoesNotContain("ev1", listing, StringComparison.Ordinal); // closed: no longer offered
    }

    /// <summary>A script sees what a syscall fills beyond scalars: a BTI's pinned addresses and port packets.</summary>
    [Fact]
    public void ScriptsShowPinnedAddressesAndPortPackets()
    {
        string script = Path.Combine(Path.GetTempPath(), $"zx-pin-{Guid.NewGuid():N}.zx");
        File.WriteAllLines(script,
        [
            "iommu = iommu_create root ZX_IOMMU_TYPE_DUMMY x\"00\"",
            "bti = bti_create iommu 0 1",
            "vmo = vmo_create 0x2000 0",
            "addrs, pmt = bti_pin bti ZX_BTI_PERM_READ vmo 0 0x2000 2",
            "port = port_create 0",
            "port_queue port 42",
            "packet = port_wait port +1s",
            "port_queue port x\"0102\"",
            "port_wait port +1s",
            "expect ZX_ERR_INVALID_ARGS bti_pin bti ZX_BTI_PERM_READ vmo 0 0x2000 1",
            "pmt_unpin pmt",
        ]);
        try
        {
            (int code, string stdout, string stderr) = Zx("run", "--no-summary", script);
            Assert.True(code == 0, stdout + stderr);
            Assert.Matches(@"zx_bti_pin ZX_OK  addrs = \[0x[0-9a-f]+000, 0x[0-9a-f]+000\], pmt = 0x", stdout);
            Assert.Contains("packet = {key=0x2a, type=ZX_PKT_TYPE_USER, status=ZX_OK, user=x\"0000", stdout, StringComparison.Ordinal);
            Assert.Contains("user=x\"0102000000", stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(script);
        }
    }
}
