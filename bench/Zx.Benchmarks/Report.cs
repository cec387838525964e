using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Zx.Kernel;
using Zx.Kernel.Syscalls;

namespace Zx.Benchmarks;

/// <summary>Bytes of managed heap per handle and per physical VMO, measured by heap growth over many of them.</summary>
public sealed record MemoryFigures(int Count, double BytesPerHandle, double BytesPerPhysicalVmo, int HandleEntryBytes)
{
    /// <summary>Creates <see cref="Count"/> handles, then as many physical VMOs, and measures the heap each time.</summary>
    public static MemoryFigures Measure()
    {
        const int count = 200_000;
        using KernelContext kernel = KernelContext.Create();
        ZxSyscalls sys = kernel.FirstProcess.Syscalls;
        sys.VmoCreate(4096, ZxVmoOptions.None, out ZxHandle vmo);
        sys.ResourceCreate(kernel.RootResource, (uint)ZxResourceKind.Mmio, 0x80_0000_0000, 1UL << 20, "bench"u8, out ZxHandle mmio);
        long before = Heap();
        var handles = new ZxHandle[count];
        for (int i = 0; i < count; i++)
            sys.HandleDuplicate(vmo, ZxRights.SameRights, out handles[i]);
        long afterHandles = Heap();
        sys.HandleCloseMany(handles);
        long afterClose = Heap(); // the table keeps its grown array: slots are reused
        for (int i = 0; i < count; i++)
            sys.VmoCreatePhysical(mmio, 0x80_0000_0000, 4096, out handles[i]);
        long afterVmos = Heap();
        sys.HandleCloseMany(handles);
        GC.KeepAlive(handles);
        int entryBytes = Zx.Kernel.Object.HandleTable.EntryBytes;
        return new MemoryFigures(count, (afterHandles - before) / (double)count, (afterVmos - afterClose) / (double)count, entryBytes);
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

/// <summary>One run of the whole suite, as stored in <c>docs/benchmark-runs/</c>: every row with its floor and target,
/// the scale rows, the C harness's rows and the memory figures. The report rests on one or more of these.</summary>
/// <param name="Mode">"quick", "full" or "long" (BenchmarkDotNet's default job).</param>
/// <param name="Started">When the run started (UTC).</param>
/// <param name="Minutes">How long it took.</param>
/// <param name="Machine">The CPU, its count, the OS, .NET and BenchmarkDotNet.</param>
/// <param name="Rows">The main table's rows.</param>
/// <param name="Scale">Each scale benchmark's many-live figure against its few-live figure.</param>
/// <param name="CAbi">The C harness's figures (bench/native/cabi_bench.c) against their floors.</param>
/// <param name="Memory">Bytes per handle and per physical VMO.</param>
/// <param name="InterleavedRows">The ratio targets measured with floor and Zx alternating (<see cref="Interleaved"/>),
/// each row its median process's.</param>
/// <param name="InterleavedLaunches">The same rows as each process measured them, in the order they ran (null in runs
/// stored before the measurement used several processes).</param>
public sealed record BenchmarkRun(string Mode, DateTime Started, double Minutes, string Machine, List<ReportRow> Rows,
    List<ReportRow> Scale, List<ReportRow> CAbi, MemoryFigures Memory, List<ReportRow>? InterleavedRows = null,
    List<List<ReportRow>>? InterleavedLaunches = null)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Writes the run into <paramref name="directory"/>; returns the file's path.</summary>
    public string Save(string directory)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, $"{Started:yyyyMMdd-HHmmss}-{Mode}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json));
        return path;
    }

    /// <summary>A run stored by <see cref="Save"/>.</summary>
    public static BenchmarkRun Load(string path) =>
        JsonSerializer.Deserialize<BenchmarkRun>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path}: not a benchmark run");

    /// <summary>A run from BenchmarkDotNet's summaries, the memory figures, the C harness's figures with the managed
    /// per-call figure measured beside them (<see cref="CHarness.RunBesideManaged"/>) and the interleaved rows, all
    /// measured in this run, with the rows of each process the interleaved ones were taken from.</summary>
    public static BenchmarkRun From(string mode, DateTime started, TimeSpan took, IReadOnlyList<Summary> summaries, MemoryFigures memory,
        IReadOnlyDictionary<string, double> cFigures, double managedPerCall, List<ReportRow> interleaved, List<List<ReportRow>>? interleavedLaunches)
    {
        var rows = new List<ReportRow>();
        foreach (Summary summary in summaries)
        {
            Dictionary<string, BenchmarkReport> baselines = summary.Reports
                .Where(r => r.BenchmarkCase.Descriptor.Baseline && r.ResultStatistics is not null)
                .GroupBy(Key).ToDictionary(g => g.Key, g => g.First());
            // Every case of the run, a failed one too (no statistics): it is a missed target, not a missing row.
            foreach (BenchmarkCase c in summary.BenchmarksCases.Where(c => !c.Descriptor.Baseline))
            {
                BenchmarkReport? r = summary.Reports.FirstOrDefault(x => x.BenchmarkCase == c);
                BenchmarkReport? b = r is not null && baselines.TryGetValue(Key(r), out BenchmarkReport? floorReport) ? floorReport : null;
                rows.Add(new ReportRow(c.Descriptor.WorkloadMethodDisplayInfo.Trim('\''), c.Parameters.DisplayInfo, r?.ResultStatistics?.Median,
                    b?.ResultStatistics?.Median, b is null ? null : NameOf(b), r?.GcStats.GetBytesAllocatedPerOperation(c) ?? 0,
                    SequentialTarget(c.Descriptor.WorkloadMethod.GetCustomAttribute<GoalAttribute>())));
            }
        }
        return new BenchmarkRun(mode, started, took.TotalMinutes, Report.Machine(summaries[0]), rows, ScaleRows(summaries, interleaved),
            CHarness.Rows(cFigures, managedPerCall), memory, interleaved, interleavedLaunches);
    }

    /// <summary>The target a BenchmarkDotNet row is judged by: none for a target judged on the interleaved measurement
    /// (Zircon's figure stays), else the attribute's.</summary>
    public static Target? SequentialTarget(GoalAttribute? goal) =>
        goal is null ? null : goal.Interleaved ? new Target(Zircon: goal.Zircon) : goal.ToTarget();

    // The issues' scale targets: with 1,000,000 live handles (or VMOs) an operation costs at most 1.5x what it costs
    // with 1,000, and a map+unmap beside 30,000 live mappings at most 1.5x what it costs beside 100. Pairs each
    // benchmark's largest and smallest population from the same run: the few-live figure is the row's floor. A class
    // marked ScaleAgainstHostGrowth is judged on its interleaved figures instead (Zx and the host floor alternating at
    // each population, decision 112): the many-live Zx figure against the few-live one times the host floor's growth.
    private static List<ReportRow> ScaleRows(IReadOnlyList<Summary> summaries, IReadOnlyList<ReportRow> interleaved)
    {
        var rows = new List<ReportRow>();
        foreach (var byMethod in summaries.SelectMany(s => s.Reports)
            .Where(r => !r.BenchmarkCase.Descriptor.Baseline && LiveObjects(r) is not null)
            .GroupBy(NameOf))
        {
            var ordered = byMethod.OrderBy(LiveObjects).ToList();
            if (ordered.Count < 2)
                continue;
            BenchmarkReport small = ordered[0], large = ordered[^1];
            string fewLive = small.BenchmarkCase.Parameters.DisplayInfo, manyLive = large.BenchmarkCase.Parameters.DisplayInfo;
            long allocated = large.GcStats.GetBytesAllocatedPerOperation(large.BenchmarkCase) ?? 0;
            rows.Add(small.BenchmarkCase.Descriptor.Type.GetCustomAttribute<ScaleAgainstHostGrowthAttribute>() is null
                ? new ReportRow(byMethod.Key, $"{fewLive} to {manyLive}", large.ResultStatistics?.Median, small.ResultStatistics?.Median, "few live",
                    allocated, ScaleTarget)
                : ScaleRowAgainstHostGrowth(byMethod.Key, fewLive, manyLive, interleaved, allocated));
        }
        return rows;
    }

    /// <summary>The scale row of a class marked <see cref="ScaleAgainstHostGrowthAttribute"/>, from the interleaved rows of
    /// <paramref name="operation"/> at both populations (<see cref="ScaleFloor"/>); a run without either has no figure
    /// or no floor, a missed run.</summary>
    public static ReportRow ScaleRowAgainstHostGrowth(string operation, string fewLive, string manyLive, IReadOnlyList<ReportRow> interleaved,
        long allocatedBytes)
    {
        ReportRow? few = interleaved.FirstOrDefault(r => r.Operation == operation && r.Parameters == fewLive);
        ReportRow? many = interleaved.FirstOrDefault(r => r.Operation == operation && r.Parameters == manyLive);
        (double? floor, string floorName) = ScaleFloor(few?.Nanoseconds, few?.Floor, many?.Floor);
        return new ReportRow(operation, $"{fewLive} to {manyLive}", many?.Nanoseconds, floor, $"{floorName}; measured alternately", allocatedBytes,
            ScaleTarget);
    }

    // The scale target of every scale row: the many-live figure at most 1.5x its floor.
    private static readonly Target ScaleTarget = new(MaxRatio: 1.5);

    /// <summary>The floor of a scale row judged against the host's own growth (<see cref="ScaleAgainstHostGrowthAttribute"/>):
    /// the few-live figure times the host floor's many-live figure over its few-live one; no floor when any of them is
    /// missing from the run.</summary>
    public static (double? Floor, string Name) ScaleFloor(double? fewLive, double? hostFewLive, double? hostManyLive) =>
        fewLive is { } few && hostFewLive is > 0 && hostManyLive is { } hostMany
            ? (few * hostMany / hostFewLive.Value, string.Create(CultureInfo.InvariantCulture, $"few live, times the host floor's own growth ({hostMany / hostFewLive.Value:0.00}x)"))
            : (null, "few live, times the host floor's own growth");

    // The live-object population a scale benchmark ran with (its LiveHandles, LiveVmos or LiveMappings parameter), if it has one.
    private static long? LiveObjects(BenchmarkReport r) =>
        r.BenchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name is "LiveHandles" or "LiveVmos" or "LiveMappings") is { } p
            ? Convert.ToInt64(p.Value, CultureInfo.InvariantCulture) : null;

    private static string NameOf(BenchmarkReport r) => r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\'');

    private static string Key(BenchmarkReport r) =>
        r.BenchmarkCase.Descriptor.Type.FullName + "|" + r.BenchmarkCase.Parameters.DisplayInfo + "|" +
        string.Join(",", r.BenchmarkCase.Descriptor.Categories);
}

/// <summary>Writes docs/benchmarks.md from stored runs: every benchmark beside its floor, Zircon's figure and the target,
/// the median run with the spread, met only when every run met it.</summary>
public static class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The repository root (where Zx.slnx is).</summary>
    public static string RepoRoot()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "Zx.slnx")))
                return dir;
        }
        return Directory.GetCurrentDirectory();
    }

    /// <summary>The machine a run was measured on, in one line.</summary>
    public static string Machine(Summary summary)
    {
        string cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";
        return string.Create(Inv, $"{cpu}, {Environment.ProcessorCount} logical CPUs, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, BenchmarkDotNet {summary.HostEnvironmentInfo.BenchmarkDotNetVersion}, in-process toolchain");
    }

    private static void Table(StringBuilder sb, IReadOnlyList<IReadOnlyList<ReportRow>> runs, ref int met, ref int missed)
    {
        foreach (string line in ReportTable.Header)
            sb.AppendLine(line);
        (List<string> lines, int m, int x) = ReportTable.Render(runs);
        foreach (string line in lines)
            sb.AppendLine(line);
        sb.AppendLine();
        met += m;
        missed += x;
    }

    private static string Verdict(bool ok, ref int met, ref int missed)
    {
        if (ok)
            met++;
        else
            missed++;
        return ok ? "yes" : "**no**";
    }

    /// <summary>How <paramref name="run"/> measured the interleaved ratios: in how many processes, from its stored
    /// figures (runs stored before there were several say the run's own process).</summary>
    public static string InterleavedProcessesText(BenchmarkRun run) => run.InterleavedLaunches is { Count: > 0 } launches
        ? string.Create(CultureInfo.InvariantCulture, $"Each run measured them in {launches.Count} fresh process{(launches.Count == 1 ? "" : "es")}, one after the other, {BenchmarkJobs.InterleavedRounds(run.Mode)} rounds each, and each row is its median process's (by the ratio; every process's figures are stored with the run).")
        : "Each run measured them in its own process.";

    /// <summary>The whole page from <paramref name="runs"/> (stored in <paramref name="files"/>).</summary>
    public static string Write(IReadOnlyList<BenchmarkRun> runs, IReadOnlyList<string> files)
    {
        var sb = new StringBuilder();
        int met = 0, missed = 0;
        BenchmarkRun last = runs[^1];
        sb.AppendLine("# Benchmarks");
        sb.AppendLine();
        sb.AppendLine("Generated by `dotnet run -c Release --project bench/Zx.Benchmarks -- --report` (three full runs, about 26 minutes;");
        sb.AppendLine("`--quick` for one quick run in about four minutes); do not edit by hand: the notes at the end come from");
        sb.AppendLine("`bench/Zx.Benchmarks/notes.md`. `--filter '*'` instead of `--report` runs BenchmarkDotNet's own reports.");
        sb.AppendLine();
        string modes = string.Join(", ", runs.Select(r => r.Mode).Distinct());
        string minutes = string.Join(", ", runs.Select(r => r.Minutes.ToString("0.0", Inv)));
        sb.AppendLine(string.Create(Inv, $"This report rests on {runs.Count} consecutive run{(runs.Count == 1 ? "" : "s")} ({modes} mode, {runs[0].Started:yyyy-MM-dd}, {minutes} minutes), each stored in `docs/benchmark-runs/`: {string.Join(", ", files.Select(f => "`" + Path.GetFileName(f) + "`"))}; {last.Machine}."));
        sb.AppendLine("Every figure is the median of its run's iterations (each with BenchmarkDotNet's call of the benchmark, about a");
        sb.AppendLine("nanosecond, left in), measured beside its floor in the same run; the ratio is Zx's time");
        sb.AppendLine("over the floor's. Each row shows its median run (by the ratio when it has a floor, by the time otherwise) and the");
        sb.AppendLine("spread over all runs; a target is met only when every run met it.");
        sb.AppendLine();
        Table(sb, [.. runs.Select(r => r.Rows)], ref met, ref missed);
        sb.AppendLine("## Scale");
        sb.AppendLine();
        sb.AppendLine("The same operations with few and with many live objects in the process (handles and VMOs: a thousand and a million;");
        sb.AppendLine("mappings in one VMAR: 100 and 30,000), from the table above: the few-live figure is the floor, the ratio the growth.");
        sb.AppendLine("Each Zx mapping is a host mapping at a random page (Zircon's ASLR), and the host's own mmap grows dearer with their");
        sb.AppendLine("number: map + unmap is measured alternately with the host's own mmap + PROT_NONE at a random free page of the same");
        sb.AppendLine("window at each population (the last table), and its floor is the few-live figure times that floor's growth.");
        sb.AppendLine();
        Table(sb, [.. runs.Select(r => r.Scale)], ref met, ref missed);
        sb.AppendLine("## Ratios measured alternately");
        sb.AppendLine();
        sb.AppendLine("The ratio targets whose floor is the host's own work (an mmap, a getrandom, a signal, a wake-up on the other CPU, a");
        sb.AppendLine("page copy), measured at the start of each run with the floor and Zx alternating in one loop, once the JIT has");
        sb.AppendLine("compiled nothing for 500 ms: each round times a batch of about 20 ms of each, the order swapped every round, and");
        sb.AppendLine("the figures are the medians over the rounds. " + InterleavedProcessesText(last));
        sb.AppendLine("Now and then a whole process runs one side slower for all its rounds (map + unmap at 1.4-1.5x its floor in about one");
        sb.AppendLine("process in eight, 1.1-1.2x in the others), which one process cannot tell apart. The host moves between a fast");
        sb.AppendLine("and a slow state over seconds to minutes, and the table above measures a floor and its Zx figure one after the");
        sb.AppendLine("other, seconds apart, so one side alone can land in the slow state; here both see the same host. These rows'");
        sb.AppendLine("targets are judged here; the table above shows the same operations without them.");
        sb.AppendLine();
        Table(sb, [.. runs.Select(r => r.InterleavedRows ?? [])], ref met, ref missed);
        sb.AppendLine("## The C ABI from a C program");
        sb.AppendLine();
        sb.AppendLine("bench/native/cabi_bench.c, run in each run: `zx_handle_duplicate` + `zx_handle_close` of a VMO handle from C, linked");
        sb.AppendLine("with `-lzircon` and through `dlopen`, beside a call into a shared library that does nothing, a C handle table doing");
        sb.AppendLine("duplicate + close with two atomic operations (the floor of a pair), and the managed surface's figure for the same");
        sb.AppendLine("calls (the floor of the per-call overhead), measured in this process between the harness's runs: nine runs of the");
        sb.AppendLine("harness, each followed by a batch of the managed calls on the same CPU (the rounds take the two CPUs in turn), and");
        sb.AppendLine("each figure the median over the nine.");
        sb.AppendLine();
        Table(sb, [.. runs.Select(r => r.CAbi)], ref met, ref missed);
        MemoryFigures memory = last.Memory;
        sb.AppendLine("## Memory");
        sb.AppendLine();
        sb.AppendLine("From the last run (these figures do not depend on the host's state).");
        sb.AppendLine();
        sb.AppendLine("| what | measured | target | met |");
        sb.AppendLine("|---|---:|---|---|");
        sb.AppendLine(Inv, $"| a handle-table slot (the array element) | {memory.HandleEntryBytes} B | at most 64 B | {Verdict(memory.HandleEntryBytes <= 64, ref met, ref missed)} |");
        sb.AppendLine(Inv, $"| managed heap per live handle ({memory.Count:N0} duplicates, its share of the table's chunks and directory) | {memory.BytesPerHandle:0.0} B | | |");
        sb.AppendLine(Inv, $"| managed heap per live physical VMO ({memory.Count:N0} of them, their handles' slots reused) | {memory.BytesPerPhysicalVmo:0.0} B | at most 256 B | {Verdict(memory.BytesPerPhysicalVmo <= 256, ref met, ref missed)} |");
        sb.AppendLine();
        sb.AppendLine(Inv, $"Targets met in every run, all five tables: {met}; missed in at least one run: {missed}.");
        sb.AppendLine();
        string notes = Path.Combine(RepoRoot(), "bench", "Zx.Benchmarks", "notes.md");
        if (File.Exists(notes))
            sb.Append(File.ReadAllText(notes));
        return sb.ToString();
    }
}
