using System.Globalization;
using Spectre.Console;
using Zx.Kernel;
using Zx.Kernel.Board;

namespace Zx.Tool;

/// <summary>The tables and bars the tool draws.</summary>
internal static class Views
{
    /// <summary>Sizes the way people say them (4 KiB, 512 GiB).</summary>
    public static string Size(ulong bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.Length - 1)
        {
            v /= 1024;
            u++;
        }
        return v.ToString("0.##", CultureInfo.InvariantCulture) + " " + units[u];
    }

    private static string Hex(ulong v) => "0x" + v.ToString("x", CultureInfo.InvariantCulture);


    /// <summary>The board's physical memory map: a table of regions and a bar of their sizes.</summary>
    public static void Board(IAnsiConsole console, BoardDescription board, string source)
    {
        console.MarkupLine($"[bold]{Markup.Escape(board.Name)}[/]  [grey]({Markup.Escape(source)})[/]");
        if (board.Description.Length > 0)
            console.MarkupLine(Markup.Escape(board.Description));
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("region").AddColumn("kind").AddColumn(new TableColumn("base").RightAligned())
            .AddColumn(new TableColumn("end").RightAligned()).AddColumn(new TableColumn("size").RightAligned()).AddColumn("backing");
        foreach (BoardRegion r in board.Regions.OrderBy(r => r.Base))
        {
            string kind = r.Kind == BoardRegionKind.Ram ? "[green]ram[/]" : "[yellow]mmio[/]";
            table.AddRow(Markup.Escape(r.Name), kind, Hex(r.Base), Hex(r.End), Size(r.Size), "shared memory file, committed on first touch");
        }
        console.Write(table);
        ulong ram = board.RamBytes;
        ulong mmio = board.Regions.Where(r => r.Kind != BoardRegionKind.Ram).Aggregate(0UL, (s, r) => s + r.Size);
        console.MarkupLine($"RAM {Size(ram)}, MMIO {Size(mmio)}, {board.Regions.Count} regions; address space used up to {Hex(board.Regions.Max(r => r.End))}");
        var chart = new BreakdownChart().FullSize().HideTagValues();
        Color[] colors = [Color.Green, Color.Yellow, Color.Aqua, Color.Fuchsia, Color.Orange1, Color.Blue, Color.Red, Color.Teal];
        int i = 0;
        foreach (BoardRegion r in board.Regions.OrderBy(r => r.Base))
            chart.AddItem($"{r.Name} ({Size(r.Size)})", Math.Max(r.Size / (double)(1 << 20), 0.0001), colors[i++ % colors.Length]);
        console.MarkupLine("[grey]each region's share of the board's physical memory:[/]");
        console.Write(chart);
        if (board.Interrupts.Count > 0)
            console.MarkupLine($"interrupts: {string.Join(", ", board.Interrupts.Select(r => $"{r.Base}..{r.Base + r.Count - 1}"))}");
        if (board.IoPorts.Count > 0)
            console.MarkupLine($"I/O ports: {string.Join(", ", board.IoPorts.Select(r => $"{Hex(r.Base)}..{Hex(r.Base + r.Count - 1)}"))}");
    }

    /// <summary>What was left alive at the end of a program or script, with the leak report.</summary>
    public static void Summary(IAnsiConsole console, KernelCensus census)
    {
        console.Write(new Rule("[bold]summary[/]").LeftJustified());
        var objects = new Table().Border(TableBorder.Rounded).AddColumn("live objects").AddColumn(new TableColumn("count").RightAligned());
        foreach ((ZxObjectType type, long count) in census.ObjectsByType.OrderBy(p => p.Key))
            objects.AddRow(CensusJson.TypeName(type), count.ToString(CultureInfo.InvariantCulture));
        var processes = new Table().Border(TableBorder.Rounded).AddColumn("process").AddColumn(new TableColumn("koid").RightAligned())
            .AddColumn(new TableColumn("handles").RightAligned()).AddColumn(new TableColumn("mappings").RightAligned())
            .AddColumn(new TableColumn("mapped").RightAligned()).AddColumn("state");
        foreach (ProcessCensus p in census.Processes)
        {
            processes.AddRow(Markup.Escape(p.Name), p.Koid.ToString(CultureInfo.InvariantCulture), p.Handles.Count.ToString(CultureInfo.InvariantCulture),
                p.Mappings.ToString(CultureInfo.InvariantCulture), Size(p.MappedBytes), p.IsDead ? "exited" : "alive");
        }
        console.Write(new Columns(objects, processes));
        console.MarkupLine($"committed memory: {Size(census.CommittedBytes)}; host address space reserved: {census.HostReservations} × {Size(census.HostReservations == 0 ? 0 : census.HostReservedBytes / (ulong)census.HostReservations)}");
        if (census.Log.Count > 0)
        {
            console.MarkupLine($"kernel log ({census.Log.Count} record{(census.Log.Count == 1 ? "" : "s")}):");
            foreach (Zx.Kernel.Object.DebugLogRecord r in census.Log)
                console.MarkupLine(Markup.Escape(CensusJson.LogLine(r)));
        }
        foreach (ObjectCensus lost in census.Unreachable)
            console.MarkupLine($"[red]unreachable: {CensusJson.TypeName(lost.Type)} koid {lost.Koid}[/] (its handles are only in messages no process can read)");
        List<(ProcessCensus Process, HandleCensus Handle)> leaks = CensusJson.Leaks(census);
        if (leaks.Count == 0)
        {
            console.MarkupLine(census.Unreachable.Count == 0
                ? "[green]leaks: none[/] (every handle the program opened was closed)"
                : $"[red]leaks: {census.Unreachable.Count} unreachable object{(census.Unreachable.Count == 1 ? "" : "s")}[/] (every handle the program holds was closed)");
            return;
        }
        console.MarkupLine($"[red]leaks: {leaks.Count} handle{(leaks.Count == 1 ? "" : "s")} still open[/]");
        var table = new Table().Border(TableBorder.Rounded).AddColumn("process").AddColumn("handle").AddColumn("type")
            .AddColumn(new TableColumn("koid").RightAligned()).AddColumn("rights").AddColumn("created by");
        foreach ((ProcessCensus p, HandleCensus h) in leaks)
        {
            table.AddRow(Markup.Escape(p.Name), Hex(h.Value.Value), CensusJson.TypeName(h.Type), h.Koid.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(ZxNames.Format(ZxNameSet.Rights, (uint)h.Rights).Replace("ZX_RIGHT_", "", StringComparison.Ordinal)),
                Markup.Escape(h.CreatedBy ?? "?"));
        }
        console.Write(table);
    }
}
