// Zx benchmarks: every figure beside its floor, measured in the same run.
//   dotnet run -c Release --project bench/Zx.Benchmarks -- --filter '*'            (full)
//   dotnet run -c Release --project bench/Zx.Benchmarks -- --quick --filter '*'    (quick, a few minutes)
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

bool quick = args.Contains("--quick");
string[] rest = [.. args.Where(a => a != "--quick")];
Job job = (quick ? Job.ShortRun : Job.Default).WithToolchain(InProcessEmitToolchain.Instance);
IConfig config = DefaultConfig.Instance.AddJob(job).WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(Zx.Benchmarks.MapUnmapBenchmarks).Assembly).Run(rest, config);
