using System.Diagnostics;
using System.Linq.Expressions;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Zx.Benchmarks;

/// <summary>A ratio target measured with the floor and Zx alternating batch by batch in one loop, so that both see the
/// same host state. These virtual machines move between a fast and a slow state over seconds to minutes (an mmap, a
/// getrandom or a cross-CPU wake-up costs up to twice as much in the slow one), and BenchmarkDotNet measures a floor
/// and its Zx figure one after the other, several seconds apart: one side alone can land in the slow state, and the
/// ratio then says more about the host than about Zx. Here each round times a batch of the floor and a batch of Zx of
/// about <see cref="Batch"/> each, the order swapped every round; the figures are the medians over the rounds.
/// A benchmark opts in with <see cref="GoalAttribute.Interleaved"/>: its target is judged here, and its
/// BenchmarkDotNet row is shown for reference without one.</summary>
public static class Interleaved
{
    /// <summary>About how long one batch of one side runs.</summary>
    public static readonly TimeSpan Batch = TimeSpan.FromMilliseconds(20);

    /// <summary>How long the JIT must have compiled nothing before the rounds begin (<see cref="WarmUp"/>).</summary>
    public static readonly TimeSpan JitQuiet = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest warm-up.</summary>
    public static readonly TimeSpan WarmUpLimit = TimeSpan.FromSeconds(10);

    /// <summary>The rows of every interleaved target of <paramref name="types"/> (each value of each parameter),
    /// with <paramref name="rounds"/> rounds each.</summary>
    public static List<ReportRow> Measure(IEnumerable<Type> types, int rounds) => Measure(types, rounds, JitQuiet);

    /// <summary><see cref="Measure(IEnumerable{Type}, int)"/> with the warm-up's quiet time given (tests).</summary>
    public static List<ReportRow> Measure(IEnumerable<Type> types, int rounds, TimeSpan jitQuiet)
    {
        var rows = new List<ReportRow>();
        foreach (Type type in types)
        {
            MethodInfo[] methods = type.GetMethods();
            var targets = methods.Where(m => m.GetCustomAttribute<GoalAttribute>() is { Interleaved: true }).ToList();
            if (targets.Count == 0)
                continue;
            PropertyInfo? parameter = type.GetProperties().FirstOrDefault(p => p.GetCustomAttribute<ParamsAttribute>() is not null);
            object?[] values = parameter?.GetCustomAttribute<ParamsAttribute>()!.Values ?? [null];
            foreach (object? value in values)
            {
                object instance = Activator.CreateInstance(type)!;
                parameter?.SetValue(instance, value);
                Invoke<GlobalSetupAttribute>(instance, methods);
                try
                {
                    foreach (MethodInfo zx in targets)
                    {
                        MethodInfo floor = FloorOf(zx, methods);
                        GoalAttribute goal = zx.GetCustomAttribute<GoalAttribute>()!;
                        (double floorNs, double zxNs) = Pair(OperationOf(instance, floor), OperationOf(instance, zx), rounds, jitQuiet);
                        rows.Add(new ReportRow(Describe(zx), parameter is null ? "" : $"[{parameter.Name}={value}]", zxNs, floorNs, Describe(floor), 0,
                            goal.ToTarget()));
                    }
                }
                finally
                {
                    Invoke<GlobalCleanupAttribute>(instance, methods);
                }
            }
        }
        return rows;
    }

    /// <summary>The rows of every interleaved target of <paramref name="types"/> measured in <paramref name="launches"/>
    /// fresh processes of this program (<see cref="ChildOption"/>), one after the other, <paramref name="roundsPerLaunch"/>
    /// rounds each: each row is its median process's (<see cref="ReportTable.MedianOf"/>); also each process's rows.
    /// A process is one more thing these hosts vary: now and then a whole process runs one side of a pair slower for
    /// all its rounds (map + unmap read 1.4-1.5x its floor in about one process in eight, 1.1-1.2x in
    /// the others), and the median of several processes is the figure such a process cannot move, as BenchmarkDotNet's
    /// launches are for.</summary>
    public static (List<ReportRow> Median, List<List<ReportRow>> PerLaunch) MeasureInProcesses(IEnumerable<Type> types, int roundsPerLaunch, int launches)
    {
        string[] names = [.. types.Select(t => t.FullName!)];
        var perLaunch = new List<List<ReportRow>>();
        for (int launch = 0; launch < launches; launch++)
        {
            string file = Path.Combine(Path.GetTempPath(), $"zx-interleaved-{Environment.ProcessId}-{launch}.json");
            try
            {
                RunChild([ChildOption, file, roundsPerLaunch.ToString(System.Globalization.CultureInfo.InvariantCulture), .. names]);
                perLaunch.Add(System.Text.Json.JsonSerializer.Deserialize<List<ReportRow>>(File.ReadAllText(file))
                    ?? throw new InvalidDataException($"{file}: no rows"));
            }
            finally
            {
                File.Delete(file);
            }
        }
        return (MedianRows(perLaunch), perLaunch);
    }

    /// <summary>Each row of <paramref name="perLaunch"/> (each process's rows, in the same order) from its median
    /// process.</summary>
    public static List<ReportRow> MedianRows(IReadOnlyList<IReadOnlyList<ReportRow>> perLaunch) =>
        perLaunch.Count == 0 ? [] :
        [.. perLaunch[0].Select(first => ReportTable.MedianOf([.. perLaunch
            .Select(rows => rows.FirstOrDefault(r => r.Operation == first.Operation && r.Parameters == first.Parameters))
            .OfType<ReportRow>()]))];

    /// <summary>The option that makes this program one process of <see cref="MeasureInProcesses"/>: the file to write,
    /// the rounds and the classes' full names follow it.</summary>
    public const string ChildOption = "--interleaved-child";

    /// <summary>The work of one process of <see cref="MeasureInProcesses"/>: measures the classes of
    /// <paramref name="suite"/> named in <paramref name="args"/> (after <see cref="ChildOption"/>, the file and the
    /// rounds) and writes their rows into the file.</summary>
    public static void RunAsChild(string[] args, IEnumerable<Type> suite)
    {
        string[] rest = [.. args.SkipWhile(a => a != ChildOption).Skip(1)];
        int rounds = int.Parse(rest[1], System.Globalization.CultureInfo.InvariantCulture);
        Type[] types = [.. rest.Skip(2).Select(name => suite.Single(t => t.FullName == name))];
        File.WriteAllText(rest[0], System.Text.Json.JsonSerializer.Serialize(Measure(types, rounds)));
    }

    // Runs this program again with the arguments given (through the dotnet host when it runs as a library).
    private static void RunChild(IEnumerable<string> arguments)
    {
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
            start.ArgumentList.Add(typeof(Interleaved).Assembly.Location);
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        using Process child = Process.Start(start)!;
        Task<string> errors = child.StandardError.ReadToEndAsync();
        child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0)
            throw new InvalidOperationException($"the interleaved measurement's process exited with {child.ExitCode}: {errors.Result}");
    }

    /// <summary>Nanoseconds per operation of <paramref name="floor"/> and <paramref name="zx"/> (each runs a number of
    /// operations per call), measured alternately: the median batch of each over <paramref name="rounds"/> rounds,
    /// after the warm-up (<see cref="WarmUp"/>, with <paramref name="jitQuiet"/>).</summary>
    public static (double FloorNs, double ZxNs) Pair(Operation floor, Operation zx, int rounds, TimeSpan jitQuiet)
    {
        long floorCalls = Calibrate(floor), zxCalls = Calibrate(zx);
        WarmUp(floor, floorCalls, zx, zxCalls, jitQuiet, WarmUpLimit);
        (floorCalls, zxCalls) = (Calibrate(floor), Calibrate(zx)); // again, with the final code
        var floorTimes = new List<double>(rounds);
        var zxTimes = new List<double>(rounds);
        for (int round = 0; round < rounds; round++)
        {
            bool floorFirst = (round & 1) == 0;
            double first = floorFirst ? Time(floor, floorCalls) : Time(zx, zxCalls);
            double second = floorFirst ? Time(zx, zxCalls) : Time(floor, floorCalls);
            floorTimes.Add(floorFirst ? first : second);
            zxTimes.Add(floorFirst ? second : first);
        }
        return (Median(floorTimes), Median(zxTimes));
    }

    /// <summary>Runs batches of both sides alternately until the JIT has compiled no method for <paramref name="quiet"/>
    /// (at least one round, at most <paramref name="limit"/>); returns the rounds run. Tiered compilation puts in a
    /// method's final code seconds after it starts running hot: a cross-thread round trip read 500-1,000 ns until then
    /// and 210-250 ns after (231-254 ns from the start with tiered compilation off), and a fixed warm-up round sometimes
    /// ended before the switch.</summary>
    public static int WarmUp(Operation floor, long floorCalls, Operation zx, long zxCalls, TimeSpan quiet, TimeSpan limit)
    {
        var total = Stopwatch.StartNew();
        var sinceLastCompile = Stopwatch.StartNew();
        long compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        int rounds = 0;
        do
        {
            Time(floor, floorCalls);
            Time(zx, zxCalls);
            rounds++;
            long now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now != compiled)
            {
                compiled = now;
                sinceLastCompile.Restart();
            }
        }
        while (sinceLastCompile.Elapsed < quiet && total.Elapsed < limit);
        return rounds;
    }

    /// <summary>One side of a pair: a call and how many operations it performs.</summary>
    public sealed record Operation(Action Call, int OperationsPerCall);

    internal static Operation OperationOf(object instance, MethodInfo method)
    {
        // A compiled call of the benchmark method (its result dropped), as BenchmarkDotNet calls it.
        Action call = Expression.Lambda<Action>(Expression.Call(Expression.Constant(instance), method)).Compile();
        return new Operation(call, method.GetCustomAttribute<BenchmarkAttribute>()?.OperationsPerInvoke ?? 1);
    }

    // How many calls of the operation take about one batch.
    internal static long Calibrate(Operation operation)
    {
        long calls = 1;
        while (true)
        {
            var clock = Stopwatch.StartNew();
            for (long i = 0; i < calls; i++)
                operation.Call();
            if (clock.Elapsed >= Batch / 4 || calls >= 1L << 40)
                return Math.Max(1, (long)((double)calls * Batch.Ticks / Math.Max(clock.Elapsed.Ticks, 1)));
            calls *= 2;
        }
    }

    // Nanoseconds per operation over one batch.
    internal static double Time(Operation operation, long calls)
    {
        long start = Stopwatch.GetTimestamp();
        for (long i = 0; i < calls; i++)
            operation.Call();
        double ns = Stopwatch.GetElapsedTime(start).TotalNanoseconds;
        return ns / (calls * operation.OperationsPerCall);
    }

    internal static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }

    // The floor of a Zx benchmark: the class's baseline in the same category (BenchmarkDotNet's grouping).
    private static MethodInfo FloorOf(MethodInfo zx, MethodInfo[] methods)
    {
        string[] categories = zx.GetCustomAttribute<BenchmarkCategoryAttribute>()?.Categories ?? [];
        return methods.Single(m => m.GetCustomAttribute<BenchmarkAttribute>() is { Baseline: true }
            && (m.GetCustomAttribute<BenchmarkCategoryAttribute>()?.Categories ?? []).SequenceEqual(categories));
    }

    private static string Describe(MethodInfo method) => method.GetCustomAttribute<BenchmarkAttribute>()?.Description ?? method.Name;

    private static void Invoke<TAttribute>(object instance, MethodInfo[] methods) where TAttribute : Attribute
    {
        foreach (MethodInfo method in methods.Where(m => m.GetCustomAttribute<TAttribute>() is not null))
            method.Invoke(instance, null);
    }
}
