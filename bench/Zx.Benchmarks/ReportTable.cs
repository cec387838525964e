using System.Globalization;

namespace Zx.Benchmarks;

/// <summary>One row of the report's main table: an operation's figure beside its floor from the same run.</summary>
/// <param name="Operation">The benchmark's description.</param>
/// <param name="Parameters">Its parameters (empty when none).</param>
/// <param name="Nanoseconds">Its mean time per operation, or null when the run produced no figure for it.</param>
/// <param name="Floor">The floor's mean time from the same run, or null when there was none.</param>
/// <param name="FloorName">The floor's description.</param>
/// <param name="AllocatedBytes">Managed bytes allocated per operation.</param>
/// <param name="Goal">Its target and Zircon's figure, or null.</param>
public sealed record ReportRow(string Operation, string Parameters, double? Nanoseconds, double? Floor, string? FloorName, long AllocatedBytes, GoalAttribute? Goal);

/// <summary>The report's main table from its rows, with the count of targets met and missed. A row whose target
/// needs a floor the run did not measure, or that has no figure at all, is a missed target, never a blank.</summary>
public static class ReportTable
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The table's header lines.</summary>
    public static readonly string[] Header =
    [
        "| operation | parameters | Zx | floor | ratio | allocated | Zircon | target | met |",
        "|---|---|---:|---:|---:|---:|---|---|---|",
    ];

    /// <summary>The lines of <paramref name="rows"/>, and how many targets were met and missed.</summary>
    public static (List<string> Lines, int Met, int Missed) Render(IEnumerable<ReportRow> rows)
    {
        var lines = new List<string>();
        int met = 0, missed = 0;
        foreach (ReportRow row in rows)
        {
            GoalAttribute? goal = row.Goal;
            bool hasTarget = goal is not null && goal.Describe().Length > 0;
            bool needsFloor = goal is not null && (goal.MaxRatio > 0 || goal.MaxOverheadNanoseconds > 0);
            string floorText = row.Floor is double floorNs ? $"{Time(floorNs)} ({row.FloorName})" : "";
            string verdict;
            string figure;
            string ratio = "";
            if (row.Nanoseconds is not double ns)
            {
                figure = "not measured";
                verdict = hasTarget ? "**no** (no figure in this run)" : "";
            }
            else
            {
                figure = Time(ns);
                // A floor under a nanosecond is at BenchmarkDotNet's resolution: a ratio to it says nothing.
                if (row.Floor is double f)
                    ratio = f >= 1 ? (ns / f).ToString("0.00", Inv) : "(floor < 1 ns)";
                bool? ok = goal?.Met(ns, row.Floor);
                verdict = ok switch
                {
                    true => "yes",
                    false => "**no**",
                    null when needsFloor && row.Floor is null => "**no** (no floor in this run)",
                    _ => "",
                };
            }
            if (verdict == "yes")
                met++;
            else if (verdict.StartsWith("**no**", StringComparison.Ordinal))
                missed++;
            lines.Add(string.Create(Inv, $"| {row.Operation} | {row.Parameters} | {figure} | {floorText} | {ratio} | {row.AllocatedBytes} B | {goal?.Zircon} | {goal?.Describe()} | {verdict} |"));
        }
        return (lines, met, missed);
    }

    /// <summary>A time the way the report writes it (ns, us or ms).</summary>
    public static string Time(double ns) => ns switch
    {
        >= 1_000_000 => (ns / 1_000_000).ToString("0.00", Inv) + " ms",
        >= 1_000 => (ns / 1_000).ToString("0.00", Inv) + " us",
        _ => ns.ToString("0.0", Inv) + " ns",
    };
}
