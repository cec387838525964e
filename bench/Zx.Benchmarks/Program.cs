// Zx benchmarks: every figure beside its floor, measured in the same run.
//   dotnet run -c Release --project bench/Zx.Benchmarks -- --filter '*'                 (full, BenchmarkDotNet's own output)
//   dotnet run -c Release --project bench/Zx.Benchmarks -- --quick --filter '*'         (quick)
//   dotnet run -c Release --project bench/Zx.Benchmarks -- --report [--quick]           (every benchmark, then docs/benchmarks.md)
//   dotnet run -c Release --project bench/Zx.Benchmarks -- --c-harness [--quick]        (the C ABI from a C program only)
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;
using Zx.Benchmarks;

bool quick = args.Contains("--quick");
bool report = args.Contains("--report");
if (args.Contains("--c-harness"))
{
    string harness = CHarness.Build(Report.RepoRoot());
    Console.Write(CHarness.Section(CHarness.Run(harness, quick ? 200_000 : 2_000_000, quick ? 3 : 9), null));
    return 0;
}
string[] rest = [.. args.Where(a => a is not ("--quick" or "--report"))];
Job job = quick
    ? Job.ShortRun.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5).WithIterationTime(TimeInterval.FromMilliseconds(60))
        .WithEvaluateOverhead(false)
    : Job.Default;
IConfig config = DefaultConfig.Instance.AddJob(job.WithToolchain(InProcessEmitToolchain.Instance))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
if (!report)
{
    BenchmarkSwitcher.FromAssembly(typeof(MapUnmapBenchmarks).Assembly).Run(rest, config);
    return 0;
}
string output = rest.FirstOrDefault(a => a.EndsWith(".md", StringComparison.Ordinal)) ?? Path.Combine(Report.RepoRoot(), "docs", "benchmarks.md");
// The benchmarks with a million live objects come last: the heap they leave behind makes later collections dearer.
Type[] suite =
[
    typeof(CAbiBenchmarks), typeof(IpcBenchmarks), typeof(CrossThreadBenchmarks), typeof(MapUnmapBenchmarks), typeof(ReadWriteBenchmarks),
    typeof(CopyOnWriteBenchmarks), typeof(FaultBenchmarks), typeof(FaultedPageBenchmarks), typeof(ExceptionBenchmarks), typeof(MmioBenchmarks), typeof(InterruptBenchmarks), typeof(TimerBenchmarks), typeof(CprngBenchmarks), typeof(FutexBenchmarks), typeof(UserCopyBenchmarks), typeof(MappingScaleBenchmarks), typeof(ScalingBenchmarks), typeof(HandleBenchmarks), typeof(CreateBenchmarks),
];
var started = DateTime.UtcNow;
Summary[] summaries = [.. suite.Select(t => BenchmarkRunner.Run(t, config))];
MemoryFigures memory = MemoryFigures.Measure();
// The C ABI from C, in the same run, beside the managed per-call figure of the same calls.
double? managedPerCall = summaries.SelectMany(s => s.Reports)
    .Where(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == "Managed" && r.BenchmarkCase.Descriptor.Type == typeof(CAbiBenchmarks))
    .Select(r => r.ResultStatistics?.Median).FirstOrDefault();
string cSection = CHarness.Section(CHarness.Run(CHarness.Build(Report.RepoRoot()), quick ? 200_000 : 2_000_000, quick ? 3 : 9), managedPerCall);
File.WriteAllText(output, Report.Write(summaries, memory, quick, DateTime.UtcNow - started) + Environment.NewLine + cSection);
Console.WriteLine($"wrote {output}");
return 0;
