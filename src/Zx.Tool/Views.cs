using System.Globalization;
using Spectre.Console;
using Zx.Kernel;
using Zx.Kernel.Board;

namespace Zx.Tool;

/// <summary>The tables and bars the tool draws.</summary>
internal static class Views
{
    /// <summary>The width tables, headings and bars fit in: the terminal's, or when the output is not a terminal,
    /// <c>COLUMNS</c> or 100. Text is never wrapped by the tool (the consoles' own width is unbounded): a terminal
    /// wraps a long line softly, and a pipe gets it whole.</summary>
    public static int ScreenWidth { get; } = MeasureScreen();

    private static int MeasureScreen()
    {
        if (int.TryParse(System.Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out int columns) && columns >= 20)
            return columns;
        if (!Console.IsOutputRedirected)
        {
            try
            {
                if (Console.WindowWidth >= 20)
                    return Console.WindowWidth;
            }
            catch (IOException)
            {
                // No terminal after all.
            }
        }
        return 100;
    }

    /// <summary>A new table in the tool's style; write it with <see cref="WriteFitted"/>.</summary>
    public static Table FittedTable() => new Table().Border(TableBorder.Rounded);

    /// <summary>Writes <paramref name="table"/> at its natural width, narrowed to the screen when wider (its
    /// wrappable columns wrap; names, numbers and sizes are marked not to).</summary>
    public static void WriteFitted(IAnsiConsole console, Table table)
    {
        table.Expand = false;
        Spectre.Console.Rendering.Measurement natural = ((Spectre.Console.Rendering.IRenderable)table).Measure(
            Spectre.Console.Rendering.RenderOptions.Create(console, console.Profile.Capabilities), 1 << 16);
        table.Width = natural.Max > ScreenWidth ? ScreenWidth : null;
        console.Write(table);
    }

    /// <summary>A heading line (<c>── summary ───</c>) as wide as the screen, at most 100.</summary>
    public static void Heading(IAnsiConsole console, string title)
    {
        int width = Math.Min(ScreenWidth, 100);
        console.MarkupLine($"── [bold]{Markup.Escape(title)}[/] {new string('─', Math.Max(3, width - title.Length - 4))}");
    }

    /// <summary>Sizes the way people say them (4 KiB, 512 GiB), as everywhere in Zx.</summary>
    public static string Size(ulong bytes) => ByteSizes.Format(bytes);

    private static string Hex(ulong v) => "0x" + v.ToString("x", CultureInfo.InvariantCulture);


    /// <summary>The board's physical memory map: a table of regions and a bar of their sizes.</summary>
    public static void Board(IAnsiConsole console, BoardDescription board, string source)
    {
        console.MarkupLine($"[bold]{Markup.Escape(board.Name)}[/]  [grey]({Markup.Escape(source)})[/]");
        if (board.Description.Length > 0)
            console.MarkupLine(Markup.Escape(board.Description));
        Table table = FittedTable()
            .AddColumn(new TableColumn("region").NoWrap()).AddColumn("kind").AddColumn(new TableColumn("base").RightAligned().NoWrap())
            .AddColumn(new TableColumn("end").RightAligned().NoWrap()).AddColumn(new TableColumn("size").RightAligned().NoWrap()).AddColumn("device");
        foreach (BoardRegion r in board.Regions.OrderBy(r => r.Base))
        {
            string kind = r.Kind == BoardRegionKind.Ram ? "[green]ram[/]" : "[yellow]mmio[/]";
            string device = r.Device is null ? "" : Markup.Escape(r.Device + (r.Irq is uint irq ? string.Create(CultureInfo.InvariantCulture, $" irq {irq}") : ""));
            table.AddRow(Markup.Escape(r.Name), kind, Hex(r.Base), Hex(r.End), Size(r.Size), device);
        }
        WriteFitted(console, table);
        ulong ram = board.RamBytes;
        ulong mmio = board.Regions.Where(r => r.Kind != BoardRegionKind.Ram).Aggregate(0UL, (s, r) => s + r.Size);
        console.MarkupLine($"RAM {Size(ram)}, MMIO {Size(mmio)}, {board.Regions.Count} regions; address space used up to {Hex(board.Regions.Max(r => r.End))}");
        console.MarkupLine("[grey]each region is a shared memory file, committed on first touch[/]");
        // On a logarithmic scale: one region of 512 GiB beside pages of 4 KiB would otherwise fill the bar alone.
        var chart = new BreakdownChart().Width(Math.Min(ScreenWidth, 100)).HideTagValues();
        Color[] colors = [Color.Green, Color.Yellow, Color.Aqua, Color.Fuchsia, Color.Orange1, Color.Blue, Color.Red, Color.Teal];
        int i = 0;
        foreach (BoardRegion r in board.Regions.OrderBy(r => r.Base))
            chart.AddItem($"{r.Name} ({Size(r.Size)})", Math.Log2(r.Size / 4096.0) + 1, colors[i++ % colors.Length]);
        console.MarkupLine("[grey]the regions' sizes on a logarithmic scale (each doubling adds the same length):[/]");
        console.Write(chart);
        if (board.Interrupts.Count > 0)
            console.MarkupLine($"interrupts: {string.Join(", ", board.Interrupts.Select(r => $"{r.Base}..{r.Base + r.Count - 1}"))}");
        if (board.IoPorts.Count > 0)
            console.MarkupLine($"I/O ports: {string.Join(", ", board.IoPorts.Select(r => $"{Hex(r.Base)}..{Hex(r.Base + r.Count - 1)}"))}");
    }

    /// <summary>What was left alive at the end of a program or script, with the leak report.</summary>
    public static void Summary(IAnsiConsole console, KernelCensus census)
    {
        Heading(console, "summary");
        Table objects = FittedTable().AddColumn("live objects").AddColumn(new TableColumn("count").RightAligned());
        foreach ((ZxObjectType type, long count) in census.ObjectsByType.OrderBy(p => p.Key))
            objects.AddRow(CensusJson.TypeName(type), count.ToString(CultureInfo.InvariantCulture));
        Table processes = FittedTable().AddColumn("process").AddColumn(new TableColumn("koid").RightAligned())
            .AddColumn(new TableColumn("handles").RightAligned()).AddColumn(new TableColumn("mappings").RightAligned())
            .AddColumn(new TableColumn("mapped").RightAligned()).AddColumn("state");
        foreach (ProcessCensus p in census.Processes)
        {
            processes.AddRow(Markup.Escape(p.Name), p.Koid.ToString(CultureInfo.InvariantCulture), p.Handles.Count.ToString(CultureInfo.InvariantCulture),
                p.Mappings.ToString(CultureInfo.InvariantCulture), Size(p.MappedBytes), p.IsDead ? "exited" : "alive");
        }
        if (ScreenWidth >= 100)
        {
            // Side by side on a wide screen (each at its natural width), one after the other on a narrow one.
            objects.Expand = processes.Expand = false;
            console.Write(new Columns(objects, processes) { Expand = false });
        }
        else
        {
            WriteFitted(console, objects);
            WriteFitted(console, processes);
        }
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
        Table table = FittedTable().AddColumn("process").AddColumn("handle").AddColumn("type")
            .AddColumn(new TableColumn("koid").RightAligned()).AddColumn("rights").AddColumn("created by");
        foreach ((ProcessCensus p, HandleCensus h) in leaks)
        {
            table.AddRow(Markup.Escape(p.Name), Hex(h.Value.Value), CensusJson.TypeName(h.Type), h.Koid.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(ZxNames.Format(ZxNameSet.Rights, (uint)h.Rights).Replace("ZX_RIGHT_", "", StringComparison.Ordinal)),
                Markup.Escape(h.CreatedBy ?? "?"));
        }
        WriteFitted(console, table);
    }
}
