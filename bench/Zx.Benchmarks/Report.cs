using System.Globalization;
using System.Reflection;
using System.Text;
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

/// <summary>Writes docs/benchmarks.md from a run: every benchmark beside its floor, Zircon's figure and the target.</summary>
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

    private static string Time(double ns) => ReportTable.Time(ns);

    private static string Verdict(bool ok, ref int met, ref int missed)
    {
        if (ok)
            met++;
        else
            missed++;
        return ok ? "yes" : "**no**";
    }

    // The issues' scale targets: with 1,000,000 live handles (or VMOs) an operation costs at most 1.5x what it costs
    // with 1,000, and a map+unmap beside 30,000 live mappings at most 1.5x what it costs beside 100. Pairs each
    // benchmark's largest and smallest population from the same run.
    private static void WriteScale(StringBuilder sb, IReadOnlyList<Summary> summaries, ref int met, ref int missed)
    {
        const double MaxGrowth = 1.5;
        var rows = new List<string>();
        foreach (Summary summary in summaries)
        {
            foreach (var byMethod in summary.Reports
                .Where(IsMeasuredCase)
                .Where(r => LiveObjects(r) is not null)
                .GroupBy(NameOf))
            {
                var ordered = byMethod.OrderBy(LiveObjects).ToList();
                if (ordered.Count < 2)
                    continue;
                BenchmarkReport small = ordered[0], large = ordered[^1];
                double growth = large.ResultStatistics!.Mean / small.ResultStatistics!.Mean;
                rows.Add(string.Create(Inv, $"| {byMethod.Key} | {Time(small.ResultStatistics.Mean)} ({small.BenchmarkCase.Parameters.DisplayInfo}) | {Time(large.ResultStatistics.Mean)} ({large.BenchmarkCase.Parameters.DisplayInfo}) | {growth:0.00} | at most {MaxGrowth:0.0}x | {Verdict(growth <= MaxGrowth, ref met, ref missed)} |"));
            }
        }
        if (rows.Count == 0)
            return;
        sb.AppendLine("## Scale");
        sb.AppendLine();
        sb.AppendLine("The same operations with few and with many live objects in the process (handles and VMOs: a thousand and a million; mappings in one VMAR: 100 and 30,000), from the table above.");
        sb.AppendLine();
        sb.AppendLine("| operation | few live | many live | growth | target | met |");
        sb.AppendLine("|---|---:|---:|---:|---|---|");
        foreach (string row in rows)
            sb.AppendLine(row);
        sb.AppendLine();
    }

    // The live-object population a scale benchmark ran with (its LiveHandles or LiveVmos parameter), if it has one.
    private static long? LiveObjects(BenchmarkReport r) =>
        r.BenchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name is "LiveHandles" or "LiveVmos" or "LiveMappings") is { } p
            ? Convert.ToInt64(p.Value, Inv) : null;

    // A Zx benchmark (not a floor) that produced figures.
    private static bool IsMeasuredCase(BenchmarkReport r) => !r.BenchmarkCase.Descriptor.Baseline && r.ResultStatistics is not null;

    private static string NameOf(BenchmarkReport r) => r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\'');

    private static string Key(BenchmarkReport r) =>
        r.BenchmarkCase.Descriptor.Type.FullName + "|" + r.BenchmarkCase.Parameters.DisplayInfo + "|" +
        string.Join(",", r.BenchmarkCase.Descriptor.Categories);

    /// <summary>The whole page.</summary>
    public static string Write(IReadOnlyList<Summary> summaries, MemoryFigures memory, bool quick, TimeSpan took)
    {
        var sb = new StringBuilder();
        BenchmarkDotNet.Environments.HostEnvironmentInfo host = summaries[0].HostEnvironmentInfo;
        string cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";
        sb.AppendLine("# Benchmarks");
        sb.AppendLine();
        sb.AppendLine("Generated by `dotnet run -c Release --project bench/Zx.Benchmarks -- --report` (add `--quick` for the quick mode,");
        sb.AppendLine("which finishes in about three minutes); do not edit by hand: the notes at the end come from");
        sb.AppendLine("`bench/Zx.Benchmarks/notes.md`. `--filter '*'` instead of `--report` runs BenchmarkDotNet's own reports.");
        sb.AppendLine();
        string mode = quick ? "quick mode" : "full mode";
        sb.AppendLine(string.Create(Inv, $"This run: {mode}, {DateTime.UtcNow:yyyy-MM-dd}, {took.TotalMinutes:0.0} minutes; {cpu}, {Environment.ProcessorCount} logical CPUs, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, BenchmarkDotNet {host.BenchmarkDotNetVersion}, in-process toolchain."));
        sb.AppendLine("Every row is measured beside its floor in the same run; the ratio is Zx's time over the floor's. These virtual machines are");
        sb.AppendLine("noisy: figures move by about 10% between runs.");
        sb.AppendLine();
        foreach (string line in ReportTable.Header)
            sb.AppendLine(line);
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
                rows.Add(new ReportRow(c.Descriptor.WorkloadMethodDisplayInfo.Trim('\''), c.Parameters.DisplayInfo, r?.ResultStatistics?.Mean,
                    b?.ResultStatistics?.Mean, b is null ? null : NameOf(b), r?.GcStats.GetBytesAllocatedPerOperation(c) ?? 0,
                    c.Descriptor.WorkloadMethod.GetCustomAttribute<GoalAttribute>()));
            }
        }
        (List<string> lines, int met, int missed) = ReportTable.Render(rows);
        foreach (string line in lines)
            sb.AppendLine(line);
        sb.AppendLine();
        WriteScale(sb, summaries, ref met, ref missed);
        sb.AppendLine("## Memory");
        sb.AppendLine();
        sb.AppendLine("| what | measured | target | met |");
        sb.AppendLine("|---|---:|---|---|");
        sb.AppendLine(Inv, $"| a handle-table slot (the array element) | {memory.HandleEntryBytes} B | at most 64 B | {Verdict(memory.HandleEntryBytes <= 64, ref met, ref missed)} |");
        sb.AppendLine(Inv, $"| managed heap per live handle ({memory.Count:N0} duplicates, its share of the table's chunks and directory) | {memory.BytesPerHandle:0.0} B | | |");
        sb.AppendLine(Inv, $"| managed heap per live physical VMO ({memory.Count:N0} of them, their handles' slots reused) | {memory.BytesPerPhysicalVmo:0.0} B | at most 256 B | {Verdict(memory.BytesPerPhysicalVmo <= 256, ref met, ref missed)} |");
        sb.AppendLine();
        sb.AppendLine(Inv, $"Targets met, all three tables: {met}; missed: {missed}.");
        sb.AppendLine();
        string notes = Path.Combine(RepoRoot(), "bench", "Zx.Benchmarks", "notes.md");
        if (File.Exists(notes))
            sb.Append(File.ReadAllText(notes));
        return sb.ToString();
    }
}
