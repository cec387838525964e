using Zx.Benchmarks;

namespace Zx.Tests;

/// <summary>The benchmark report's main table (issue 21): a row without a floor, a missed target and a run with a
/// missing measurement each come out as what they are, and count.</summary>
public sealed class ReportTableTests
{
    private static readonly GoalAttribute Ratio = new() { MaxRatio = 1.5 };
    private static readonly GoalAttribute Absolute = new() { MaxNanoseconds = 100, Zircon = "90 ns" };

    [Fact]
    public void AMetAndAMissedTargetAreSaidAndCounted()
    {
        (List<string> lines, int met, int missed) = ReportTable.Render(
        [
            new ReportRow("fast", "", 120, 100, "floor", 0, Ratio),
            new ReportRow("slow", "[N=1]", 200, 100, "floor", 24, Ratio),
        ]);
        Assert.Equal("| fast |  | 120.0 ns | 100.0 ns (floor) | 1.20 | 0 B |  | at most 1.5x the floor | yes |", lines[0]);
        Assert.Equal("| slow | [N=1] | 200.0 ns | 100.0 ns (floor) | 2.00 | 24 B |  | at most 1.5x the floor | **no** |", lines[1]);
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
        Assert.Equal("| ratio without floor |  | 50.0 ns |  |  | 0 B |  | at most 1.5x the floor | **no** (no floor in this run) |", lines[0]);
        Assert.Equal("| absolute without floor |  | 95.0 ns |  |  | 0 B | 90 ns | at most 100 ns | yes |", lines[1]);
        Assert.Equal("| no target |  | 95.0 ns |  |  | 0 B |  |  |  |", lines[2]);
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
        Assert.Equal("| crashed |  | not measured | 100.0 ns (floor) |  | 0 B |  | at most 1.5x the floor | **no** (no figure in this run) |", lines[0]);
        Assert.Equal("| crashed, no target |  | not measured |  |  | 0 B |  |  |  |", lines[1]);
        Assert.Equal((0, 1), (met, missed));
    }

    [Fact]
    public void AFloorUnderANanosecondGivesNoRatio() =>
        Assert.Contains("(floor < 1 ns)", ReportTable.Render([new ReportRow("x", "", 5, 0.4, "tiny", 0, null)]).Lines[0], StringComparison.Ordinal);
}
