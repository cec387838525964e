// Zx benchmarks: every figure beside its floor, measured in the same run.
//   dotnet run -c Release --project bench/Zx.Benchmarks -- --filter '*'                 (full, BenchmarkDotNet's own output)
//   dotnet run -c Release --project bench/Zx.Benchmarks -- --quick --filter '*'         (quick)
//   dotnet run -c Release --project bench/Zx.Benchmarks -- --report [--quick|--long] [--runs N]   (N runs, stored, then docs/benchmarks.md)
//   dotnet run -c Release --project bench/Zx.Benchmarks -- --from-runs FILE...               (the report again from stored runs)
//   dotnet run -c Release --project bench/Zx.Benchmarks -- --c-harness [--quick]        (the C ABI from a C program only)
//   dotnet run -c Release --project bench/Zx.Benchmarks -- --interleaved [CLASS] [--quick]    (the ratios measured alternately only)
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Zx.Benchmarks;

bool quick = args.Contains("--quick");
bool longMode = args.Contains("--long");
bool report = args.Contains("--report");
string mode = quick ? "quick" : longMode ? "long" : "full";
string root = Report.RepoRoot();
// The interleaved ratios come from several processes, each row from its median process (decision 116).
int launchCount = BenchmarkJobs.InterleavedProcesses(mode);
int roundsPerLaunch = BenchmarkJobs.InterleavedRounds(mode);
// The suite, in its order. The benchmarks with a million live objects come last: the heap they leave behind makes
// later collections dearer.
Type[] suite =
[
    typeof(CAbiBenchmarks), typeof(IpcBenchmarks), typeof(CrossThreadBenchmarks), typeof(MapUnmapBenchmarks), typeof(ReadWriteBenchmarks),
    typeof(CopyOnWriteBenchmarks), typeof(FaultBenchmarks), typeof(FaultedPageBenchmarks), typeof(ExceptionBenchmarks), typeof(MmioBenchmarks), typeof(InterruptBenchmarks), typeof(TimerBenchmarks), typeof(CprngBenchmarks), typeof(FutexBenchmarks), typeof(UserCopyBenchmarks), typeof(MappingScaleBenchmarks), typeof(ScalingBenchmarks), typeof(HandleBenchmarks), typeof(CreateBenchmarks),
];
if (args.Contains(Interleaved.ChildOption))
{
    // One process of the interleaved measurement (Interleaved.MeasureInProcesses).
    Interleaved.RunAsChild(args, suite);
    return 0;
}
if (args.Contains("--c-harness"))
{
    string harness = CHarness.Build(root);
    foreach (string line in ReportTable.Header.Concat(ReportTable.Render(CHarness.Rows(CHarness.Run(harness, quick ? 200_000 : 2_000_000, quick ? 3 : 9), null)).Lines))
        Console.WriteLine(line);
    return 0;
}
int runsWanted = OptionValue("--runs") is string n ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : quick ? 1 : 3;
string output = args.FirstOrDefault(a => a.EndsWith(".md", StringComparison.Ordinal)) ?? Path.Combine(root, "docs", "benchmarks.md");
if (args.Contains("--from-runs"))
{
    // Re-renders the report from stored runs (the files named after the option), measuring nothing.
    string[] files = [.. args.SkipWhile(a => a != "--from-runs").Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal))];
    File.WriteAllText(output, Report.Write([.. files.Select(BenchmarkRun.Load)], files));
    Console.WriteLine($"wrote {output} from {files.Length} runs");
    return 0;
}
string[] rest = [.. args.Where((a, i) => a is not ("--quick" or "--report" or "--long" or "--runs") && (i == 0 || args[i - 1] != "--runs"))];
Job job = BenchmarkJobs.For(mode);
IConfig config = DefaultConfig.Instance.AddJob(job.WithToolchain(InProcessEmitToolchain.Instance))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
if (!report && !args.Contains("--interleaved"))
{
    BenchmarkSwitcher.FromAssembly(typeof(MapUnmapBenchmarks).Assembly).Run(rest, config);
    return 0;
}
if (args.Contains("--interleaved"))
{
    // The interleaved ratios alone (of the classes whose names contain the word after the option, if any).
    string? only = OptionValue("--interleaved") is { } word && !word.StartsWith("--", StringComparison.Ordinal) ? word : null;
    Type[] types = [.. suite.Where(t => only is null || t.Name.Contains(only, StringComparison.OrdinalIgnoreCase))];
    (List<ReportRow> median, List<List<ReportRow>> perLaunch) = Interleaved.MeasureInProcesses(types, roundsPerLaunch, launchCount);
    foreach (string line in ReportTable.Header.Concat(ReportTable.Render(median).Lines))
        Console.WriteLine(line);
    Console.WriteLine();
    Console.WriteLine("Each process's ratios, row by row: " + string.Join("; ", median.Select((row, i) =>
        $"{row.Operation} {row.Parameters}: " + string.Join(" ", perLaunch.Select(rows => (rows[i].Nanoseconds / rows[i].Floor)?.ToString("F2", System.Globalization.CultureInfo.InvariantCulture))))));
    return 0;
}
// Quick runs are stored beside the build, full ones in docs/ where the report names them.
string runDirectory = quick ? Path.Combine(root, "artifacts", "bench", "runs") : Path.Combine(root, "docs", "benchmark-runs");
string harnessPath = CHarness.Build(root);
var runs = new List<BenchmarkRun>();
var stored = new List<string>();
for (int i = 0; i < runsWanted; i++)
{
    DateTime started = DateTime.UtcNow;
    // The ratio targets whose floor is the host's own work, with floor and Zx alternating (Interleaved): first, before
    // the benchmarks with a million live objects leave their heap behind.
    (List<ReportRow> interleaved, List<List<ReportRow>> interleavedLaunches) = Interleaved.MeasureInProcesses(suite, roundsPerLaunch, launchCount);
    Summary[] summaries = [.. suite.Select(t => BenchmarkRunner.Run(t, config))];
    MemoryFigures memory = MemoryFigures.Measure();
    // The C ABI from C, in the same run, alternating with the managed per-call figure of the same calls.
    (Dictionary<string, double> cFigures, double managedPerCall) = CHarness.RunBesideManaged(harnessPath, quick ? 200_000 : 1_000_000, quick ? 3 : 9);
    BenchmarkRun run = BenchmarkRun.From(mode, started, DateTime.UtcNow - started, summaries, memory, cFigures, managedPerCall, interleaved, interleavedLaunches);
    runs.Add(run);
    stored.Add(run.Save(runDirectory));
    Console.WriteLine($"run {i + 1} of {runsWanted} stored in {stored[^1]}");
}
File.WriteAllText(output, Report.Write(runs, stored));
Console.WriteLine($"wrote {output}");
return 0;

string? OptionValue(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
