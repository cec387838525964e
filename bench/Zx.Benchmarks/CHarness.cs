using System.Diagnostics;
using System.Globalization;

namespace Zx.Benchmarks;

/// <summary>The C ABI measured from C (issue 21, bench/native/cabi_bench.c): built with gcc against the published
/// libzircon.so and a do-nothing library (libzxnoop.so), run, and its figures read back (nanoseconds per
/// duplicate + close pair, or per pair of no-op calls for the floors).</summary>
public static class CHarness
{
    /// <summary>Builds the harness into <c>artifacts/bench</c>; returns its path.</summary>
    public static string Build(string root)
    {
        string native = Path.Combine(root, "artifacts", "native");
        string output = Path.Combine(root, "artifacts", "bench");
        Directory.CreateDirectory(output);
        string noop = Path.Combine(output, "libzxnoop.so");
        string harness = Path.Combine(output, "cabi_bench");
        Gcc(["-O2", "-shared", "-fPIC", Path.Combine(root, "bench", "native", "noop.c"), "-o", noop]);
        Gcc(["-std=gnu11", "-O2", "-Wall", "-Wextra", "-Werror", "-I", Path.Combine(root, "include"), Path.Combine(root, "bench", "native", "cabi_bench.c"),
             "-L", output, "-lzxnoop", "-Wl,-rpath," + output, "-L", native, "-lzircon", "-Wl,-rpath," + native, "-ldl", "-o", harness]);
        return harness;
    }

    /// <summary>Runs gcc; its errors, with how to fix the usual cause, when it fails.</summary>
    internal static void Gcc(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("gcc", args) { RedirectStandardError = true };
        using Process gcc = Process.Start(start)!;
        string errors = gcc.StandardError.ReadToEnd();
        gcc.WaitForExit();
        if (gcc.ExitCode != 0)
            throw new InvalidOperationException("gcc failed (publish libzircon.so first: dotnet publish src/Zx.Native -c Release -o artifacts/native):\n" + errors);
    }

    /// <summary>Runs the harness with <paramref name="iterations"/> per round and <paramref name="rounds"/> rounds, on CPU
    /// <paramref name="cpu"/> only when it is not negative; the figures by name (<c>floor.noop.linked</c>,
    /// <c>floor.noop.dlopen</c>, <c>floor.table</c>, <c>zx.pair.linked</c>, <c>zx.pair.dlopen</c>).</summary>
    public static Dictionary<string, double> Run(string harness, long iterations, int rounds, int cpu = -1)
    {
        var start = new ProcessStartInfo(harness, [iterations.ToString(CultureInfo.InvariantCulture), rounds.ToString(CultureInfo.InvariantCulture),
            cpu.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;
        Task<string> errors = process.StandardError.ReadToEndAsync();
        string text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"cabi_bench exited with {process.ExitCode}: {errors.Result}");
        var figures = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = line.Split(' ');
            figures[parts[0]] = double.Parse(parts[1], CultureInfo.InvariantCulture);
        }
        return figures;
    }

    /// <summary>The harness's figures and the managed surface's figure for the same calls (<see cref="CAbiBenchmarks.Managed"/>,
    /// per call), measured alternately: <paramref name="rounds"/> runs of the harness with <paramref name="iterations"/>
    /// per round, each followed by a batch of the managed calls in this process, so that both see the same host state
    /// (the host moves between a fast and a slow state; measured minutes apart, the C figure and the managed one
    /// differed by up to 8 ns per call for that alone). Each round runs both on one CPU, the rounds taking the CPUs in
    /// turn: the two CPUs of these machines are not always alike (for minutes at a time one ran the C pair in 80 ns
    /// and the other in 60), and the harness and the benchmark's thread could otherwise land on different ones. Each
    /// figure is the median over the rounds.</summary>
    public static (Dictionary<string, double> Figures, double ManagedPerCall) RunBesideManaged(string harness, long iterations, int rounds)
    {
        var bench = new CAbiBenchmarks();
        bench.Setup();
        try
        {
            Interleaved.Operation managed = Interleaved.OperationOf(bench, typeof(CAbiBenchmarks).GetMethod(nameof(CAbiBenchmarks.Managed))!);
            long calls = Interleaved.Calibrate(managed);
            var managedTimes = new List<double>();
            var byName = new Dictionary<string, List<double>>(StringComparer.Ordinal);
            for (int round = 0; round < rounds; round++)
            {
                int cpu = Environment.ProcessorCount > 1 ? round % Environment.ProcessorCount : -1;
                foreach ((string name, double value) in Run(harness, iterations, 3, cpu))
                    (byName.TryGetValue(name, out List<double>? list) ? list : byName[name] = []).Add(value);
                CpuPinning.Pin(cpu);
                managedTimes.Add(Interleaved.Time(managed, calls));
                CpuPinning.Unpin();
            }
            return (byName.ToDictionary(p => p.Key, p => Interleaved.Median(p.Value), StringComparer.Ordinal), Interleaved.Median(managedTimes));
        }
        finally
        {
            bench.Cleanup();
        }
    }

    /// <summary>The report's rows from the harness's <paramref name="figures"/>: the no-op call, the duplicate + close pair
    /// against the C table floor (at most 12x), and the overhead per call over the managed figure of the same calls
    /// (<paramref name="managedPerCall"/>, from the same run; at most 10 ns), linked and through <c>dlopen</c>.</summary>
    public static List<ReportRow> Rows(IReadOnlyDictionary<string, double> figures, double? managedPerCall)
    {
        double? Figure(string name) => figures.TryGetValue(name, out double value) ? value : null;
        var rows = new List<ReportRow>();
        foreach (string how in (string[])["linked", "dlopen"])
        {
            rows.Add(new ReportRow("a call into a shared library's no-op function, per pair of calls", how, Figure("floor.noop." + how), null, null, 0, null));
            rows.Add(new ReportRow("zx_handle_duplicate + zx_handle_close from C, per pair", how, Figure("zx.pair." + how), Figure("floor.table"),
                "C handle table: duplicate + close with two atomics", 0, new Target(MaxRatio: 12)));
            rows.Add(new ReportRow("the same, per call, against the managed surface's call", how, Figure("zx.pair." + how) / 2, managedPerCall,
                "managed: the same calls, this run", 0, new Target(MaxOverheadNanoseconds: 10)));
        }
        return rows;
    }
}
