// zx: run programs on an emulated Zircon board, trace their syscalls, inspect the machine. See docs/zx-tool.md.
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Zx.Kernel;
using Zx.Kernel.Board;
using Zx.Tool;

// Text is never wrapped by the tool (a terminal wraps long lines softly; a pipe, such as an editor reading gcc's
// diagnostics, gets each line whole): the consoles are unbounded, and tables, headings and bars fit Views.ScreenWidth.
IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
console.Profile.Width = 1 << 16;
IAnsiConsole errors = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
errors.Profile.Width = 1 << 16;

var boardOption = new Option<FileInfo?>("--board", "-b")
{
    Description = "A board description (JSON) to run on instead of the built-in default (QEMU arm64 virt).",
    HelpName = "FILE",
};
var compatOption = new Option<string>("--compat")
{
    Description = "Which behaviour to follow where the specification and the 2018 kernel differ.",
    DefaultValueFactory = _ => "document",
};
compatOption.AcceptOnlyFromAmong("document", "zircon2018");
var traceOption = new Option<bool>("--trace", "-t") { Description = "Print every syscall with its arguments and status on stderr (strace style)." };
var traceJsonOption = new Option<FileInfo?>("--trace-json")
{
    Description = "Write a Chrome trace-event / Perfetto JSON trace (one slice per syscall per thread) to FILE.",
    HelpName = "FILE",
};
var serialOption = new Option<string?>("--serial")
{
    Description = "Connect the board's emulated UARTs to stdio (the default), pty (a new pseudo-terminal, named on stderr), file:PATH or null.",
    HelpName = "LINE",
};
serialOption.Validators.Add(result =>
{
    if (result.GetValueOrDefault<string?>() is string line && Zx.Kernel.Devices.SerialLine.Check(line) is string problem)
        result.AddError(problem);
});
var exprOption = new Option<string?>("--expr", "-e")
{
    Description = "Which syscalls to trace, strace style: trace=vmo,channel (families or names; trace=!port leaves those out).",
    HelpName = "trace=LIST",
};
var countOption = new Option<bool>("--count", "-c") { Description = "Count calls, errors and time per syscall and print the table at the end (strace -c)." };
var failOnLeakOption = new Option<bool>("--fail-on-leak")
{
    Description = "Exit with 23 (LeakSanitizer's code) when the program or script leaves handles open or objects unreachable.",
};
var noSummaryOption = new Option<bool>("--no-summary") { Description = "Do not print the summary of live objects and leaks at the end." };

var programArgument = new Argument<string>("PROGRAM") { Description = "A program linked against libzircon.so, or a C source file to compile and run." };
var programArgs = new Argument<string[]>("ARGS") { Description = "Arguments passed to the program.", Arity = ArgumentArity.ZeroOrMore };
var exec = new Command("exec", "Run a C program linked against libzircon.so on a board, with its syscalls traced on request and a summary at the end.")
{
    boardOption, compatOption, traceOption, traceJsonOption, serialOption, exprOption, countOption, failOnLeakOption, noSummaryOption, programArgument, programArgs,
};
exec.SetAction(parse => Guarded(() =>
{
    Session session = SessionOf(parse) with { Serial = parse.GetValue(serialOption) };
    return Commands.Exec(console, errors, session, parse.GetRequiredValue(programArgument), parse.GetValue(programArgs) ?? []);
}));

var scriptArgument = new Argument<FileInfo>("SCRIPT") { Description = "A zx script: one syscall per line (see docs/zx-tool.md)." };
var run = new Command("run", "Run a zx script: syscalls by name, with named handles and readable constants.")
{
    boardOption, compatOption, traceOption, traceJsonOption, exprOption, countOption, failOnLeakOption, noSummaryOption, scriptArgument,
};
run.SetAction(parse => Guarded(() =>
{
    Session session = SessionOf(parse);
    return Commands.Run(console, errors, session, parse.GetRequiredValue(scriptArgument));
}));

var shell = new Command("shell", "Issue syscalls interactively, with history and completion of syscall and constant names.")
{
    boardOption, compatOption, traceOption, traceJsonOption, exprOption, countOption, failOnLeakOption, noSummaryOption,
};
shell.SetAction(parse => Guarded(() =>
{
    Session session = SessionOf(parse);
    return Commands.Shell(console, errors, session);
}));

var boardFileArgument = new Argument<FileInfo?>("FILE") { Description = "A board description (JSON); the built-in default when left out.", Arity = ArgumentArity.ZeroOrOne };
var board = new Command("board", "Show a board's physical memory map: its regions, kinds, sizes and backing.") { boardFileArgument };
board.SetAction(parse => Guarded(() =>
{
    FileInfo? file = parse.GetValue(boardFileArgument);
    BoardDescription description = Commands.LoadBoard(file);
    Views.Board(console, description, file?.FullName ?? "built-in default");
    return ExitCodes.Ok;
}));

// For editors and shell integrations (and the tests): the completions of the last word of a script line.
var lineArgument = new Argument<string>("LINE") { Description = "A script line; its last word is completed." };
var complete = new Command("complete", "Print the completions of the last word of a script line, one per line.") { lineArgument };
complete.Hidden = true;
complete.SetAction(parse =>
{
    string line = parse.GetRequiredValue(lineArgument);
    int start = line.LastIndexOfAny([' ', '\t', '=', ',']) + 1;
    string[] predefined = ["root", "self", "vmar", "job"];
    foreach (string candidate in ZxShell.Complete(line[..start], line[start..], predefined, predefined))
        Console.Out.WriteLine(candidate);
    return ExitCodes.Ok;
});

var root = new RootCommand("zx: run programs on an emulated Zircon board, trace their syscalls, and inspect the machine.")
{
    exec, run, shell, board, complete,
};
// Like strace and time, `zx exec` takes options only before the program: everything after its name is the program's.
ParseResult result = root.Parse(CommandLines.EndOptionsAtProgram(args, exec));
if (result.Errors.Count > 0)
{
    foreach (System.CommandLine.Parsing.ParseError error in result.Errors)
        errors.MarkupLine($"[red]error:[/] {Markup.Escape(error.Message)}");
    string command = result.CommandResult.Command == root ? "zx" : "zx " + result.CommandResult.Command.Name;
    errors.MarkupLine($"Run '{command} --help' for usage.");
    return ExitCodes.Usage;
}
return result.Invoke();

// The options exec, run and shell share.
Session SessionOf(ParseResult parse) =>
    Session.From(parse, boardOption, compatOption, traceOption, traceJsonOption, noSummaryOption, failOnLeakOption)
        with { Filter = parse.GetValue(exprOption), Count = parse.GetValue(countOption) };

int Guarded(Func<int> body)
{
    try
    {
        return body();
    }
    catch (ToolException e)
    {
        errors.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
        return e.ExitCode;
    }
    catch (Exception e) when (e is not OutOfMemoryException)
    {
        // A bug in zx, not the user's mistake: one line saying so, never a stack trace (ZX_TOOL_DEBUG=1 shows it).
        errors.MarkupLine($"[red]internal error:[/] {Markup.Escape(e.GetType().Name + ": " + e.Message)} (a bug in zx: please report it with the command line)");
        if (Environment.GetEnvironmentVariable("ZX_TOOL_DEBUG") == "1")
            Console.Error.WriteLine(e);
        return ExitCodes.Internal;
    }
}

namespace Zx.Tool
{
    /// <summary>Command-line shaping the parser does not do by itself.</summary>
    internal static class CommandLines
    {
        /// <summary>For <c>zx exec</c>, puts <c>--</c> before the program's name, so that options after it (<c>zx exec
        /// prog -t</c>) go to the program, as with strace and time. Other command lines are returned unchanged.</summary>
        public static string[] EndOptionsAtProgram(string[] args, Command exec)
        {
            if (args.Length == 0 || args[0] != exec.Name)
                return args;
            var valued = new HashSet<string>(StringComparer.Ordinal);
            foreach (Option option in exec.Options)
            {
                if (option.ValueType != typeof(bool))
                {
                    valued.Add(option.Name);
                    foreach (string alias in option.Aliases)
                        valued.Add(alias);
                }
            }
            for (int i = 1; i < args.Length; i++)
            {
                string token = args[i];
                if (token == "--")
                    return args;
                if (token.StartsWith('-') && token.Length > 1)
                {
                    if (valued.Contains(token))
                        i++; // the option's value, which may itself look like anything
                    continue;
                }
                return [.. args[..i], "--", .. args[i..]];
            }
            return args;
        }
    }

    /// <summary>The options every running command shares.</summary>
    internal sealed record Session(FileInfo? Board, string Compatibility, bool Trace, FileInfo? TraceJson, bool NoSummary)
    {
        /// <summary>Which syscalls the trace keeps (<c>-e trace=...</c>), or null for all.</summary>
        public string? Filter { get; init; }

        /// <summary>Whether to print calls, errors and time per syscall at the end (<c>-c</c>).</summary>
        public bool Count { get; init; }

        /// <summary>Whether a leak makes the exit code 23 (<c>--fail-on-leak</c>).</summary>
        public bool FailOnLeak { get; init; }

        /// <summary>The exit code after the leak check: 23 (LeakSanitizer's) with <c>--fail-on-leak</c> when the run
        /// leaked and <paramref name="code"/> does not already say something worse happened, else
        /// <paramref name="code"/>.</summary>
        public int AfterLeakCheck(int code, bool leaked, bool overrides, IAnsiConsole errors)
        {
            if (!FailOnLeak || !leaked || !overrides)
                return code;
            errors.MarkupLine("[red]error:[/] leaks found (--fail-on-leak): exit code 23");
            return ExitCodes.Leaked;
        }

        /// <summary>The line the board's UARTs are connected to (<c>zx exec --serial</c>), or null for the board's.</summary>
        public string? Serial { get; init; }

        public static Session From(ParseResult parse, Option<FileInfo?> board, Option<string> compat, Option<bool> trace,
            Option<FileInfo?> traceJson, Option<bool> noSummary, Option<bool> failOnLeak)
        {
            var session = new Session(parse.GetValue(board), parse.GetValue(compat) ?? "document", parse.GetValue(trace),
                parse.GetValue(traceJson), parse.GetValue(noSummary)) { FailOnLeak = parse.GetValue(failOnLeak) };
            if (session.TraceJson is FileInfo json)
                CheckWritable(json);
            return session;
        }

        // A trace file that cannot be written is said at the start (exit 2), not lost silently at the end.
        private static void CheckWritable(FileInfo file)
        {
            try
            {
                using var probe = new FileStream(file.FullName, FileMode.Create, FileAccess.Write);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                throw new ToolException($"cannot write the trace to '{file.FullName}': {e.Message}", ExitCodes.Usage);
            }
        }

        /// <summary>The environment the library reads, with the report going to <paramref name="reportPath"/>.</summary>
        public Dictionary<string, string> Environment(string reportPath)
        {
            var env = new Dictionary<string, string> { ["ZX_REPORT"] = reportPath, ["ZX_COMPAT"] = Compatibility };
            if (Board is not null)
                env["ZX_BOARD"] = Board.FullName;
            if (Trace)
                env["ZX_TRACE"] = "1";
            if (TraceJson is not null)
                env["ZX_TRACE_JSON"] = TraceJson.FullName;
            if (Filter is not null)
                env["ZX_TRACE_FILTER"] = Filter;
            if (Count)
                env["ZX_TRACE_COUNT"] = "1";
            if (Serial is not null)
                env["ZX_SERIAL"] = Serial.StartsWith("file:", StringComparison.Ordinal) ? "file:" + Path.GetFullPath(Serial[5..]) : Serial;
            return env;
        }
    }

    /// <summary>What each command does.</summary>
    internal static class Commands
    {
        /// <summary>Loads a board file (or the default), turning its problems into a message for the user.</summary>
        public static BoardDescription LoadBoard(FileInfo? file)
        {
            if (file is null)
                return BoardDescription.Default;
            if (!file.Exists)
                throw new ToolException($"no board file '{file.FullName}'. Give the path of a board description (see boards/ for examples).", ExitCodes.Usage);
            try
            {
                return BoardLoader.Load(file.FullName);
            }
            catch (BoardFormatException e)
            {
                throw new ToolException($"the board is not valid: {e.Message}", ExitCodes.Usage);
            }
        }

        public static int Exec(IAnsiConsole console, IAnsiConsole errors, Session session, string program, string[] args)
        {
            if (program.StartsWith('-'))
                throw new ToolException($"unknown option '{program}' (options go before PROGRAM). Run 'zx exec --help' for usage.", ExitCodes.Usage);
            LoadBoard(session.Board);
            string library = Libzircon.Locate(console);
            string executable;
            if (program.EndsWith(".c", StringComparison.Ordinal))
            {
                if (!File.Exists(program))
                    throw new ToolException($"no such C file: {program}", ExitCodes.Usage);
                executable = Libzircon.CompileC(console, program, library);
            }
            else
            {
                executable = File.Exists(program) ? Path.GetFullPath(program)
                    : throw new ToolException($"no such program: {program}. Give the path of a program linked against libzircon.so, or a .c file.", ExitCodes.Usage);
            }
            string scratch = Path.Combine(Path.GetTempPath(), $"zx-{System.Environment.ProcessId}-{Guid.NewGuid():N}");
            string report = scratch + "-report.json";
            string faultReport = scratch + "-fault.txt";
            // The trace is always recorded (in a scratch file unless --trace-json names one): when the program dies of a
            // signal, it says which mapping held the faulting address.
            string trace = session.TraceJson?.FullName ?? scratch + "-trace.json";
            var info = new ProcessStartInfo(executable) { UseShellExecute = false };
            foreach (string a in args)
                info.ArgumentList.Add(a);
            foreach ((string name, string value) in session.Environment(report))
                info.Environment[name] = value;
            info.Environment["ZX_TRACE_JSON"] = trace;
            info.Environment["ZX_FAULT_REPORT"] = faultReport;
            string libDir = Path.GetDirectoryName(library)!;
            info.Environment["LD_LIBRARY_PATH"] = libDir + (info.Environment.TryGetValue("LD_LIBRARY_PATH", out string? old) && !string.IsNullOrEmpty(old) ? ":" + old : "");
            int code;
            try
            {
                using Process process = Process.Start(info)!;
                process.WaitForExit();
                code = process.ExitCode;
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new ToolException($"cannot run {program}: {e.Message}", ExitCodes.Usage);
            }
            try
            {
                bool crashed = CrashReport.SignalOf(code) is not null;
                if (crashed)
                    ShowCrash(console, session, CrashReport.SignalOf(code)!.Value, faultReport, trace);
                bool leaked = ShowReport(console, session, report, crashed);
                code = session.AfterLeakCheck(code, leaked, overrides: !crashed, errors); // as LeakSanitizer: over the program's own code
            }
            finally
            {
                File.Delete(faultReport);
                if (session.TraceJson is null)
                    File.Delete(trace);
            }
            return code;
        }

        /// <summary>Says how the program died: the signal, the address and what held it; closes the JSON trace it left.</summary>
        private static void ShowCrash(IAnsiConsole console, Session session, int signal, string faultReport, string trace)
        {
            bool repaired = CrashReport.RepairTrace(trace);
            CrashReport.Fault? fault = CrashReport.ReadFault(faultReport);
            string message = $"the program was killed by {CrashReport.Describe(signal)}";
            if (fault is not null)
            {
                message += string.Create(CultureInfo.InvariantCulture, $" at address 0x{fault.Address:x}");
                if (fault.InstructionPointer is ulong ip)
                    message += string.Create(CultureInfo.InvariantCulture, $" (instruction at 0x{ip:x})");
                string? where = CrashReport.Locate(trace, fault.Address, LoadBoard(session.Board));
                message += where is null ? ", outside every Zx mapping" : ", " + where;
            }
            console.MarkupLine($"[red]{Markup.Escape(message)}[/]");
            if (repaired && session.TraceJson is not null)
                console.MarkupLine($"[grey]the trace holds every syscall up to the crash (closed by zx)[/]");
        }

        // Shows the summary and the leak report (unless --no-summary); true when the run leaked.
        private static bool ShowReport(IAnsiConsole console, Session session, string report, bool crashed)
        {
            bool leaked;
            try
            {
                if (!File.Exists(report))
                {
                    if (!session.NoSummary && !crashed)
                        console.MarkupLine("[grey]no summary: the program made no syscall, or did not end normally[/]");
                    if (session.TraceJson is not null)
                        console.MarkupLine($"[grey]trace written to {Markup.Escape(session.TraceJson.FullName)} (open it in ui.perfetto.dev)[/]");
                    return false;
                }
                KernelCensus census = CensusJson.Read(File.ReadAllText(report));
                leaked = CensusJson.Leaks(census).Count > 0 || census.Unreachable.Count > 0;
                if (!session.NoSummary)
                    Views.Summary(console, census);
            }
            finally
            {
                File.Delete(report);
            }
            if (session.TraceJson is not null)
                console.MarkupLine($"[grey]trace written to {Markup.Escape(session.TraceJson.FullName)} (open it in ui.perfetto.dev)[/]");
            return leaked;
        }

        public static int Run(IAnsiConsole console, IAnsiConsole errors, Session session, FileInfo script)
        {
            if (!script.Exists)
                throw new ToolException($"no script '{script.FullName}'", ExitCodes.Usage);
            string[] lines = File.ReadAllLines(script.FullName);
            return WithLibrary(console, errors, session, runner =>
            {
                try
                {
                    runner.RunScript(script.Name, lines);
                    return ExitCodes.Ok;
                }
                catch (ScriptException e)
                {
                    errors.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
                    return ExitCodes.ScriptFailed;
                }
            });
        }

        public static int Shell(IAnsiConsole console, IAnsiConsole errors, Session session) =>
            WithLibrary(console, errors, session, runner => new ZxShell(console, errors, runner).Loop());

        private static int WithLibrary(IAnsiConsole console, IAnsiConsole errors, Session session, Func<ScriptRunner, int> body)
        {
            LoadBoard(session.Board);
            string library = Libzircon.Locate(console);
            string report = Path.Combine(Path.GetTempPath(), $"zx-report-{System.Environment.ProcessId}-{Guid.NewGuid():N}.json");
            LoadedLibrary loaded = LoadedLibrary.Load(library, session.Environment(report));
            var runner = new ScriptRunner(loaded, console);
            int code = body(runner);
            loaded.Finish();
            bool leaked = ShowReport(console, session, report, crashed: false);
            return session.AfterLeakCheck(code, leaked, overrides: code == ExitCodes.Ok, errors); // a failed line says more
        }
    }
}
