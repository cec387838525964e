using System.Globalization;

namespace Zx.Benchmarks;

/// <summary>One row of a report table from one run: an operation's figure beside its floor from the same run.</summary>
/// <param name="Operation">The benchmark's description.</param>
/// <param name="Parameters">Its parameters (empty when none).</param>
/// <param name="Nanoseconds">Its time per operation (the median of the run's iterations), or null when the run produced
/// no figure for it.</param>
/// <param name="Floor">The floor's time from the same run, or null when there was none.</param>
/// <param name="FloorName">The floor's description.</param>
/// <param name="AllocatedBytes">Managed bytes allocated per operation.</param>
/// <param name="Goal">Its target and Zircon's figure, or null.</param>
public sealed record ReportRow(string Operation, string Parameters, double? Nanoseconds, double? Floor, string? FloorName, long AllocatedBytes, Target? Goal);

/// <summary>A report table from the rows of one or more runs of the same suite. Each row shows its median run (by the
/// figure its target judges: the ratio to the floor when there is one, the time otherwise) with the spread over all
/// runs, and is met only when every run met its target. A run that lacks a row's figure, or the floor its target needs,
/// is a missed run for that row, never a blank.</summary>
public static class ReportTable
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The table's header lines.</summary>
    public static readonly string[] Header =
    [
        "| operation | parameters | Zx | floor | ratio | spread | allocated | Zircon | target | met |",
        "|---|---|---:|---:|---:|---:|---:|---|---|---|",
    ];

    private enum Outcome { NoTarget, Met, Missed, NoFigure, NoFloor }

    /// <summary>The lines of one run's <paramref name="rows"/>, and how many targets were met and missed.</summary>
    public static (List<string> Lines, int Met, int Missed) Render(IEnumerable<ReportRow> rows) => Render([rows.ToList()]);

    /// <summary>The lines of the rows of <paramref name="runs"/> (each run's rows, in the suite's order), and how many
    /// targets were met in every run and how many were missed in at least one.</summary>
    public static (List<string> Lines, int Met, int Missed) Render(IReadOnlyList<IReadOnlyList<ReportRow>> runs)
    {
        var lines = new List<string>();
        int met = 0, missed = 0;
        var keys = new List<(string Operation, string Parameters)>();
        foreach (ReportRow row in runs.SelectMany(r => r))
        {
            if (!keys.Contains((row.Operation, row.Parameters)))
                keys.Add((row.Operation, row.Parameters));
        }
        foreach ((string operation, string parameters) in keys)
        {
            // The row as each run has it (null when a run lacks it: that run has no figure for it).
            ReportRow?[] perRun = [.. runs.Select(run => run.FirstOrDefault(r => r.Operation == operation && r.Parameters == parameters))];
            ReportRow any = perRun.First(r => r is not null)!;
            Target? goal = perRun.LastOrDefault(r => r?.Goal is not null)?.Goal;
            bool hasTarget = goal is not null && goal.Describe().Length > 0;
            Outcome[] outcomes = [.. perRun.Select(r => Judge(r, goal))];
            ReportRow[] measured = [.. perRun.Where(r => r?.Nanoseconds is not null).Select(r => r!)];
            bool ratios = JudgedByRatio(measured);
            double Judged(ReportRow r) => JudgedFigure(r, ratios);
            ReportRow shown = measured.Length > 0 ? MedianOf(measured) : any;
            string figure = shown.Nanoseconds is double ns ? Time(ns) : "not measured";
            string floorText = shown.Floor is double floorNs ? $"{Time(floorNs)} ({shown.FloorName})" : "";
            string ratio = shown.Nanoseconds is double n && shown.Floor is double f
                ? (f >= 1 ? (n / f).ToString("0.00", Inv) : "(floor < 1 ns)")
                : "";
            string spread = measured.Length < 2 ? ""
                : ratios ? $"{measured.Min(Judged).ToString("0.00", Inv)} to {measured.Max(Judged).ToString("0.00", Inv)}"
                : $"{Time(measured.Min(Judged))} to {Time(measured.Max(Judged))}";
            string verdict = !hasTarget ? "" : Verdict(outcomes);
            if (verdict.StartsWith("yes", StringComparison.Ordinal))
                met++;
            else if (verdict.Length > 0)
                missed++;
            lines.Add(string.Create(Inv, $"| {operation} | {parameters} | {figure} | {floorText} | {ratio} | {spread} | {shown.AllocatedBytes} B | {goal?.Zircon} | {goal?.Describe()} | {verdict} |"));
        }
        return (lines, met, missed);
    }

    /// <summary>The median of <paramref name="rows"/> (one operation's row as several runs or processes have it) by
    /// the figure its target judges: the ratio to the floor when every one has a floor, the time otherwise; the lower
    /// middle one of an even count. Rows without a figure count only when no row has one.</summary>
    public static ReportRow MedianOf(IReadOnlyList<ReportRow> rows)
    {
        ReportRow[] measured = [.. rows.Where(r => r.Nanoseconds is not null)];
        if (measured.Length == 0)
            return rows[0];
        bool ratios = JudgedByRatio(measured);
        return measured.OrderBy(r => JudgedFigure(r, ratios)).ElementAt((measured.Length - 1) / 2);
    }

    private static bool JudgedByRatio(ReportRow[] measured) => measured.Length > 0 && measured.All(r => r.Floor is >= 1);

    private static double JudgedFigure(ReportRow row, bool ratio) => ratio ? row.Nanoseconds!.Value / row.Floor!.Value : row.Nanoseconds!.Value;

    private static Outcome Judge(ReportRow? row, Target? goal)
    {
        if (goal is null || goal.Describe().Length == 0)
            return Outcome.NoTarget;
        if (row?.Nanoseconds is not double ns)
            return Outcome.NoFigure;
        return goal.Met(ns, row.Floor) switch
        {
            true => Outcome.Met,
            false => Outcome.Missed,
            null => Outcome.NoFloor,
        };
    }

    private static string Verdict(Outcome[] outcomes)
    {
        int runs = outcomes.Length, met = outcomes.Count(o => o == Outcome.Met);
        int noFigure = outcomes.Count(o => o == Outcome.NoFigure), noFloor = outcomes.Count(o => o == Outcome.NoFloor);
        if (met == runs)
            return runs == 1 ? "yes" : $"yes ({met} of {runs})";
        if (runs == 1)
            return noFigure > 0 ? "**no** (no figure in this run)" : noFloor > 0 ? "**no** (no floor in this run)" : "**no**";
        string why = (noFigure > 0 ? $"; no figure in {noFigure}" : "") + (noFloor > 0 ? $"; no floor in {noFloor}" : "");
        return $"**no** ({met} of {runs}{why})";
    }

    /// <summary>A time the way the report writes it (ns, us or ms).</summary>
    public static string Time(double ns) => ns switch
    {
        >= 1_000_000 => (ns / 1_000_000).ToString("0.00", Inv) + " ms",
        >= 1_000 => (ns / 1_000).ToString("0.00", Inv) + " us",
        _ => ns.ToString("0.0", Inv) + " ns",
    };
}
