using Zx.Benchmarks;

namespace Zx.Tests;

/// <summary>The benchmark report's tables (issue 21): a row without a floor, a missed target and a run with a missing
/// measurement each come out as what they are, and count; over several runs a row shows its median run and the spread,
/// and is met only when every run met it; stored runs read back as they were written.</summary>
public sealed class ReportTableTests
{
    private static readonly Target Ratio = new(MaxRatio: 1.5);
    private static readonly Target Absolute = new(MaxNanoseconds: 100, Zircon: "90 ns");

    [Fact]
    public void AMetAndAMissedTargetAreSaidAndCounted()
    {
        (List<string> lines, int met, int missed) = ReportTable.Render(
        [
            new ReportRow("fast", "", 120, 100, "floor", 0, Ratio),
            new ReportRow("slow", "[N=1]", 200, 100, "floor", 24, Ratio),
        ]);
        Assert.Equal("| fast |  | 120.0 ns | 100.0 ns (floor) | 1.20 |  | 0 B |  | at most 1.5x the floor | yes |", lines[0]);
        Assert.Equal("| slow | [N=1] | 200.0 ns | 100.0 ns (floor) | 2.00 |  | 24 B |  | at most 1.5x the floor | **no** |", lines[1]);
        Assert.Equal((1, 1), (met, missed));
    }

    [Fact]
    public void ARowWithoutAFloorIsMissedWhenItsTargetNeedsOneAndJudgedAloneOtherwise()
    {
        (List<string> lines, int met, int missed) = ReportTable.Render(
        [
            new ReportRow("ratio without floor", "", 50, null, null, 0, Ratio),
            new ReportRow("absolute without floor", "", 95, null, null, 0, Absolute),
            new ReportRow("no target", "", 95, null, null, 0, null),
        ]);
        Assert.Equal("| ratio without floor |  | 50.0 ns |  |  |  | 0 B |  | at most 1.5x the floor | **no** (no floor in this run) |", lines[0]);
        Assert.Equal("| absolute without floor |  | 95.0 ns |  |  |  | 0 B | 90 ns | at most 100 ns | yes |", lines[1]);
        Assert.Equal("| no target |  | 95.0 ns |  |  |  | 0 B |  |  |  |", lines[2]);
        Assert.Equal((1, 1), (met, missed));
    }

    [Fact]
    public void AMissingMeasurementIsAMissedTargetNotAMissingRow()
    {
        (List<string> lines, int met, int missed) = ReportTable.Render(
        [
            new ReportRow("crashed", "", null, 100, "floor", 0, Ratio),
            new ReportRow("crashed, no target", "", null, null, null, 0, null),
        ]);
        Assert.Equal(2, lines.Count);
        Assert.Equal("| crashed |  | not measured | 100.0 ns (floor) |  |  | 0 B |  | at most 1.5x the floor | **no** (no figure in this run) |", lines[0]);
        Assert.Equal("| crashed, no target |  | not measured |  |  |  | 0 B |  |  |  |", lines[1]);
        Assert.Equal((0, 1), (met, missed));
    }

    [Fact]
    public void AFloorUnderANanosecondGivesNoRatio() =>
        Assert.Contains("(floor < 1 ns)", ReportTable.Render([new ReportRow("x", "", 5, 0.4, "tiny", 0, null)]).Lines[0], StringComparison.Ordinal);

    [Fact]
    public void SeveralRunsShowTheMedianRunByRatioWithTheSpreadAndAreMetOnlyWhenEveryRunMetIt()
    {
        (List<string> lines, int met, int missed) = ReportTable.Render(
        [
            [new ReportRow("steady", "", 130, 100, "floor", 0, Ratio), new ReportRow("flaky", "", 100, 100, "floor", 0, Ratio)],
            // The median run by ratio is this one (1.10), though its time (165 ns) is the highest of the three.
            [new ReportRow("steady", "", 165, 150, "floor", 0, Ratio), new ReportRow("flaky", "", 160, 100, "floor", 0, Ratio)],
            [new ReportRow("steady", "", 100, 100, "floor", 0, Ratio), new ReportRow("flaky", "", 120, 100, "floor", 0, Ratio)],
        ]);
        Assert.Equal("| steady |  | 165.0 ns | 150.0 ns (floor) | 1.10 | 1.00 to 1.30 | 0 B |  | at most 1.5x the floor | yes (3 of 3) |", lines[0]);
        Assert.Equal("| flaky |  | 120.0 ns | 100.0 ns (floor) | 1.20 | 1.00 to 1.60 | 0 B |  | at most 1.5x the floor | **no** (2 of 3) |", lines[1]);
        Assert.Equal((1, 1), (met, missed));
    }

    [Fact]
    public void ARowARunLacksIsAMissedRunForThatRowAndAnAbsoluteTargetSpreadsByTime()
    {
        (List<string> lines, int met, int missed) = ReportTable.Render(
        [
            [new ReportRow("absolute", "", 90, null, null, 0, Absolute), new ReportRow("sometimes", "", 50, null, null, 0, Absolute)],
            [new ReportRow("absolute", "", 80, null, null, 0, Absolute)],
            [new ReportRow("absolute", "", 1200, null, null, 0, Absolute), new ReportRow("sometimes", "", null, null, null, 0, Absolute)],
        ]);
        Assert.Equal("| absolute |  | 90.0 ns |  |  | 80.0 ns to 1.20 us | 0 B | 90 ns | at most 100 ns | **no** (2 of 3) |", lines[0]);
        Assert.Equal("| sometimes |  | 50.0 ns |  |  |  | 0 B | 90 ns | at most 100 ns | **no** (1 of 3; no figure in 2) |", lines[1]);
        Assert.Equal((0, 2), (met, missed));
    }

    [Fact]
    public void TheCHarnessRowsJudgeThePairAgainstTheTableAndTheCallAgainstManaged()
    {
        var figures = new Dictionary<string, double>
        {
            ["floor.noop.linked"] = 2, ["floor.noop.dlopen"] = 2.5, ["floor.table"] = 10, ["zx.pair.linked"] = 60, ["zx.pair.dlopen"] = 130,
        };
        (List<string> lines, int met, int missed) = ReportTable.Render(CHarness.Rows(figures, managedPerCall: 22));
        Assert.Equal(6, lines.Count);
        Assert.EndsWith("| 60.0 ns | 10.0 ns (C handle table: duplicate + close with two atomics) | 6.00 |  | 0 B |  | at most 12x the floor | yes |", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("| 30.0 ns | 22.0 ns (managed: the same calls, this run) | 1.36 |  | 0 B |  | at most 10 ns over the floor | yes |", lines[2], StringComparison.Ordinal);
        Assert.EndsWith("| 13.00 |  | 0 B |  | at most 12x the floor | **no** |", lines[4], StringComparison.Ordinal);
        Assert.EndsWith("at most 10 ns over the floor | **no** |", lines[5], StringComparison.Ordinal);
        Assert.Equal((2, 2), (met, missed));
        // Without the managed figure the overhead cannot be judged: missed, and said why.
        Assert.EndsWith("**no** (no floor in this run) |", ReportTable.Render(CHarness.Rows(figures, null)).Lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void AStoredRunReadsBackAsItWasWritten()
    {
        string directory = Path.Combine(Path.GetTempPath(), "zx-runs-" + Guid.NewGuid().ToString("N"));
        try
        {
            var run = new BenchmarkRun("full", new DateTime(2026, 11, 29, 18, 0, 0, DateTimeKind.Utc), 9.5, "test machine",
                [new ReportRow("op", "[N=1]", 12.5, 10, "floor", 8, Ratio), new ReportRow("failed", "", null, null, null, 0, null)],
                [new ReportRow("scale", "[N=1] to [N=2]", 13, 12.5, "few live", 0, Ratio)],
                CHarness.Rows(new Dictionary<string, double> { ["zx.pair.linked"] = 60 }, 22),
                new MemoryFigures(10, 28.5, 216, 24));
            string path = run.Save(directory);
            Assert.Equal("20261129-180000-full.json", Path.GetFileName(path));
            BenchmarkRun back = BenchmarkRun.Load(path);
            Assert.Equal((run.Mode, run.Started, run.Minutes, run.Machine, run.Memory), (back.Mode, back.Started, back.Minutes, back.Machine, back.Memory));
            Assert.Equal(run.Rows, back.Rows);
            Assert.Equal(run.Scale, back.Scale);
            Assert.Equal(run.CAbi, back.CAbi);
            string page = Report.Write([run, back], [path, path]);
            Assert.Contains("This report rests on 2 consecutive runs (full mode, 2026-11-29, 9.5, 9.5 minutes)", page, StringComparison.Ordinal);
            Assert.Contains("| op | [N=1] | 12.5 ns | 10.0 ns (floor) | 1.25 | 1.25 to 1.25 | 8 B |  | at most 1.5x the floor | yes (2 of 2) |", page, StringComparison.Ordinal);
            // The interleaved step's description comes from what the run stored: none here, so the run's own process.
            Assert.Contains("the figures are the medians over the rounds. Each run measured them in its own process.", page, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void TheReportSaysInHowManyProcessesEachRunMeasuredTheInterleavedRatios()
    {
        List<ReportRow> rows = [new ReportRow("op", "", 12, 10, "floor", 0, Ratio)];
        BenchmarkRun Run(string mode, int processes) => new(mode, new DateTime(2026, 11, 30, 1, 0, 0, DateTimeKind.Utc), 8.7, "test machine", [], [], [],
            new MemoryFigures(10, 28.5, 216, 24), rows, [.. Enumerable.Repeat(rows, processes)]);
        Assert.Equal("Each run measured them in 5 fresh processes, one after the other, 9 rounds each, and each row is its median process's"
            + " (by the ratio; every process's figures are stored with the run).", Report.InterleavedProcessesText(Run("full", 5)));
        Assert.StartsWith("Each run measured them in 1 fresh process, one after the other, 7 rounds each,", Report.InterleavedProcessesText(Run("quick", 1)),
            StringComparison.Ordinal);
        Assert.Equal("Each run measured them in its own process.", Report.InterleavedProcessesText(Run("full", 0)));
    }

    [Fact]
    public void AScaleRowAgainstTheHostsGrowthTakesTheHostFloorsGrowthOut()
    {
        // Zx 100 ns with few live, 180 with many; the host floor 10 and 15: the floor of the row is 100 x 1.5 = 150,
        // so 180 is 1.2x (met against 1.5x), where 180 against 100 alone would be 1.8x (missed).
        (double? floor, string name) = BenchmarkRun.ScaleFloor(100, 10, 15);
        Assert.Equal(150, floor);
        Assert.Equal("few live, times the host floor's own growth (1.50x)", name);
        (List<string> lines, int met, int missed) = ReportTable.Render([new ReportRow("map+unmap with N live mappings", "[N=1] to [N=2]", 180, floor, name, 0,
            new Target(MaxRatio: 1.5))]);
        Assert.Equal((1, 0), (met, missed));
        Assert.Contains("| 1.20 |", lines[0], StringComparison.Ordinal);
        // A run without either host figure has no floor for the row: a missed run, as for any row without its floor.
        Assert.Null(BenchmarkRun.ScaleFloor(100, null, 15).Floor);
        Assert.Null(BenchmarkRun.ScaleFloor(100, 10, null).Floor);
        Assert.Null(BenchmarkRun.ScaleFloor(null, 10, 15).Floor);
        Assert.True(typeof(MappingScaleBenchmarks).IsDefined(typeof(ScaleAgainstHostGrowthAttribute), inherit: false));
    }

    [Fact]
    public void AHostGrowthScaleRowIsBuiltFromTheInterleavedFiguresOfBothPopulations()
    {
        // Alternately: beside 100 mappings Zx 7.0 us against the host's 6.0; beside 30,000 Zx 9.0 against 7.5. The host
        // grew 1.25x, so the floor is 7.0 x 1.25 = 8.75 us and the row 9.0 / 8.75 = 1.03x (met); the sequential rows of
        // the same run, whatever the host did between them, do not enter.
        const string Operation = "map+unmap with N live mappings";
        List<ReportRow> interleaved =
        [
            new(Operation, "[LiveMappings=100]", 7000, 6000, "host floor", 0, new Target()),
            new(Operation, "[LiveMappings=30000]", 9000, 7500, "host floor", 0, new Target()),
            new("another operation", "[LiveMappings=30000]", 1, 100, "host floor", 0, new Target()),
        ];
        ReportRow row = BenchmarkRun.ScaleRowAgainstHostGrowth(Operation, "[LiveMappings=100]", "[LiveMappings=30000]", interleaved, 136);
        Assert.Equal("[LiveMappings=100] to [LiveMappings=30000]", row.Parameters);
        Assert.Equal(9000, row.Nanoseconds);
        Assert.Equal(8750, row.Floor!.Value, 6);
        Assert.Equal(new Target(MaxRatio: 1.5), row.Goal);
        (List<string> lines, int met, int missed) = ReportTable.Render([row]);
        Assert.Equal((1, 0), (met, missed));
        Assert.Contains("| 1.03 |", lines[0], StringComparison.Ordinal);
        // A run whose interleaved step lacks either population has no floor (or no figure): a missed run.
        ReportRow lacking = BenchmarkRun.ScaleRowAgainstHostGrowth(Operation, "[LiveMappings=100]", "[LiveMappings=30000]", interleaved[1..], 136);
        Assert.Null(lacking.Floor);
        (_, met, missed) = ReportTable.Render([lacking]);
        Assert.Equal((0, 1), (met, missed));
        Assert.NotNull(typeof(MappingScaleBenchmarks).GetMethod(nameof(MappingScaleBenchmarks.MapUnmap))!
            .GetCustomAttributes(typeof(GoalAttribute), inherit: false).Cast<GoalAttribute>().SingleOrDefault(g => g.Interleaved));
    }
}
