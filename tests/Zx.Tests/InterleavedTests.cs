using BenchmarkDotNet.Attributes;
using Zx.Benchmarks;

namespace Zx.Tests;

/// <summary>The benchmark report's interleaved ratios (issue 21): every interleaved target of a class, for each value
/// of its parameter, is measured against the baseline of its own category, between one set-up and one clean-up per
/// value, and comes out as a row with that target. No timing is asserted.</summary>
public sealed class InterleavedTests
{
    /// <summary>A benchmark class shaped like the suite's: a parameter, two categories, one interleaved target each and a
    /// sequential one that the interleaved measurement leaves alone.</summary>
    public sealed class Sample
    {
        public static readonly List<string> Log = [];
        private int _work;

        [Params(1, 2)]
        public int Size { get; set; }

        [GlobalSetup]
        public void Setup() => Log.Add($"setup {Size}");

        [GlobalCleanup]
        public void Cleanup() => Log.Add($"cleanup {Size}");

        [Benchmark(Baseline = true, Description = "floor A"), BenchmarkCategory("a")]
        public int FloorA() => _work += Size;

        [Benchmark(Description = "zx A"), BenchmarkCategory("a")]
        [Goal(Interleaved = true, MaxRatio = 1.5, Zircon = "z")]
        public int ZxA() => _work += 2 * Size;

        [Benchmark(Baseline = true, OperationsPerInvoke = 4, Description = "floor B"), BenchmarkCategory("b")]
        public int FloorB() => _work -= Size;

        [Benchmark(Description = "zx B"), BenchmarkCategory("b")]
        [Goal(Interleaved = true, MaxOverheadNanoseconds = 5)]
        public void ZxB() => _work--;

        [Benchmark(Description = "sequential"), BenchmarkCategory("b")]
        [Goal(MaxNanoseconds = 10)]
        public void Sequential() => _work++;
    }

    [Fact]
    public void EachInterleavedTargetOfEachParameterValueIsOneRowBetweenOneSetupAndOneCleanup()
    {
        Sample.Log.Clear();
        List<ReportRow> rows = Interleaved.Measure([typeof(Sample)], rounds: 1, jitQuiet: TimeSpan.FromMilliseconds(1));
        Assert.Equal(["setup 1", "cleanup 1", "setup 2", "cleanup 2"], Sample.Log);
        Assert.Equal(
            [("zx A", "[Size=1]", "floor A"), ("zx B", "[Size=1]", "floor B"), ("zx A", "[Size=2]", "floor A"), ("zx B", "[Size=2]", "floor B")],
            rows.Select(r => (r.Operation, r.Parameters, r.FloorName!)));
        Assert.Equal(new Target(MaxRatio: 1.5, Zircon: "z"), rows[0].Goal);
        Assert.Equal(new Target(MaxOverheadNanoseconds: 5), rows[1].Goal);
        Assert.All(rows, r => Assert.True(r.Nanoseconds > 0 && r.Floor > 0));
    }

    [Fact]
    public void AChildProcessWritesTheRowsOfTheClassesNamedForItIntoItsFile()
    {
        Sample.Log.Clear();
        string file = Path.Combine(Path.GetTempPath(), $"zx-interleaved-test-{Environment.ProcessId}.json");
        try
        {
            Interleaved.RunAsChild(["--runs", "1", Interleaved.ChildOption, file, "1", typeof(Sample).FullName!], [typeof(ReportTableTests), typeof(Sample)]);
            List<ReportRow> rows = System.Text.Json.JsonSerializer.Deserialize<List<ReportRow>>(File.ReadAllText(file))!;
            Assert.Equal(["setup 1", "cleanup 1", "setup 2", "cleanup 2"], Sample.Log);
            Assert.Equal([("zx A", "[Size=1]"), ("zx B", "[Size=1]"), ("zx A", "[Size=2]"), ("zx B", "[Size=2]")], rows.Select(r => (r.Operation, r.Parameters)));
            Assert.Equal(new Target(MaxRatio: 1.5, Zircon: "z"), rows[0].Goal);
            Assert.All(rows, r => Assert.True(r.Nanoseconds > 0 && r.Floor > 0));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void EachRowOfSeveralProcessesIsItsMedianProcesssByTheFigureItsTargetJudges()
    {
        // Row "map" is judged by its ratio: the processes' ratios 1.10, 1.50 (the slow one) and 1.20 give the 1.20 one,
        // though its time is the lowest. Row "wait" has no floor: its times 300, 100 and 200 give 200. Row "late" is
        // missing from the second process: the median of the two that have it is the lower one.
        ReportRow Row(string operation, double ns, double? floor) => new(operation, "", ns, floor, floor is null ? null : "floor", 0, new Target(MaxRatio: 1.3));
        List<List<ReportRow>> perLaunch =
        [
            [Row("map", 6600, 6000), Row("wait", 300, null), Row("late", 30, 20)],
            [Row("map", 9000, 6000), Row("wait", 100, null)],
            [Row("map", 6000, 5000), Row("wait", 200, null), Row("late", 50, 20)],
        ];
        List<ReportRow> rows = Interleaved.MedianRows(perLaunch);
        Assert.Equal([("map", 6000.0), ("wait", 200.0), ("late", 30.0)], rows.Select(r => (r.Operation, r.Nanoseconds!.Value)));
        Assert.Equal(5000, rows[0].Floor);
        Assert.Empty(Interleaved.MedianRows([]));
    }

    [Fact]
    public void AClassWithoutInterleavedTargetsIsNotSetUp()
    {
        Sample.Log.Clear();
        Assert.Empty(Interleaved.Measure([typeof(ReportTableTests)], rounds: 1, jitQuiet: TimeSpan.FromMilliseconds(1)));
        Assert.Empty(Sample.Log);
    }

    [Fact]
    public void TheWarmUpLastsUntilTheJitHasCompiledNothingForTheQuietTime()
    {
        // The first five calls of the Zx side each take 30 ms and compile a new method, so the last compilation comes
        // after the quiet time has passed since the start: the warm-up must end at least the quiet time after it.
        int floorCalls = 0, zxCalls = 0, toCompile = 5;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan lastCompiled = TimeSpan.Zero;
        var floor = new Interleaved.Operation(() => floorCalls++, 1);
        var zx = new Interleaved.Operation(() =>
        {
            zxCalls++;
            if (toCompile-- <= 0)
                return;
            Thread.Sleep(30);
            System.Linq.Expressions.Expression.Lambda<Func<int>>(System.Linq.Expressions.Expression.Constant(zxCalls)).Compile()();
            lastCompiled = clock.Elapsed;
        }, 1);
        TimeSpan quiet = TimeSpan.FromMilliseconds(100);
        int rounds = Interleaved.WarmUp(floor, 1, zx, 1, quiet, limit: TimeSpan.FromSeconds(60));
        TimeSpan ended = clock.Elapsed;
        Assert.Equal((rounds, rounds), (floorCalls, zxCalls));
        Assert.True(lastCompiled > quiet, $"the last compilation came at {lastCompiled}");
        Assert.True(ended - lastCompiled >= quiet, $"ended {ended - lastCompiled} after the last compilation");
        Assert.True(ended < TimeSpan.FromSeconds(60), "the warm-up did not stop when the JIT went quiet");
    }

    [Fact]
    public void TheWarmUpRunsBothSidesAtLeastOnceAndStopsAtItsLimit()
    {
        int floorCalls = 0, zxCalls = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int rounds = Interleaved.WarmUp(new Interleaved.Operation(() => floorCalls++, 1), 3, new Interleaved.Operation(() => zxCalls++, 1), 2,
            quiet: TimeSpan.FromHours(1), limit: TimeSpan.FromMilliseconds(50));
        Assert.True(rounds >= 1);
        Assert.Equal((3 * rounds, 2 * rounds), (floorCalls, zxCalls));
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void TheSequentialRowOfAnInterleavedTargetKeepsZirconsFigureButNoTarget()
    {
        Assert.Equal(new Target(Zircon: "z"), BenchmarkRun.SequentialTarget(new GoalAttribute { Interleaved = true, MaxRatio = 1.5, Zircon = "z" }));
        Assert.Equal("", BenchmarkRun.SequentialTarget(new GoalAttribute { Interleaved = true, MaxRatio = 1.5 })!.Describe());
        Assert.Equal(new Target(MaxRatio: 1.5), BenchmarkRun.SequentialTarget(new GoalAttribute { MaxRatio = 1.5 }));
        Assert.Null(BenchmarkRun.SequentialTarget(null));
    }

    [Fact]
    public void FullAndQuickModeDoNotTimeTheEmptyLoopFullModeRunsTenIterationsOf150MillisecondsAndQuickModeWarmsUpFive()
    {
        Assert.False(BenchmarkJobs.Full.Accuracy.EvaluateOverhead);
        Assert.False(BenchmarkJobs.Quick.Accuracy.EvaluateOverhead);
        Assert.Equal((1, 3, 10, 150.0), (BenchmarkJobs.Full.Run.LaunchCount, BenchmarkJobs.Full.Run.WarmupCount, BenchmarkJobs.Full.Run.IterationCount,
            BenchmarkJobs.Full.Run.IterationTime.ToMilliseconds()));
        Assert.Equal(5, BenchmarkJobs.Quick.Run.WarmupCount);
        Assert.Same(BenchmarkJobs.Full, BenchmarkJobs.For("full"));
        Assert.Same(BenchmarkJobs.Quick, BenchmarkJobs.For("quick"));
        Assert.Same(BenchmarkJobs.Long, BenchmarkJobs.For("long"));
    }
}
