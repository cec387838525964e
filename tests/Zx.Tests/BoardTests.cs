using System.Diagnostics;
using Zx.Kernel.Board;

namespace Zx.Tests;

/// <summary>Boards: the default layout, board-file errors, and memory that costs nothing until touched.</summary>
public sealed class BoardTests
{
    private const ulong GiB = 1UL << 30;

    [Theory]
    [InlineData(0UL, "0 B")]
    [InlineData(4096UL, "4 KiB")]
    [InlineData(0x7FF0_0000UL, "2047 MiB")]
    [InlineData(0x3EC0_0000UL, "1004 MiB")]
    [InlineData(512UL << 30, "512 GiB")]
    [InlineData((1UL << 20) + (1UL << 19), "1.5 MiB")]
    [InlineData(0xF6_0000UL, "15.37 MiB")]
    [InlineData(ulong.MaxValue, "15.99 EiB")] // one byte short of 16 EiB: never rounded up
    public void SizesAreWrittenInTheLargestWholeBinaryUnit(ulong bytes, string text) => Assert.Equal(text, ByteSizes.Format(bytes));

    [Fact]
    public void DefaultBoardIsQemuVirtArm64()
    {
        BoardDescription board = BoardDescription.Default;
        Assert.Equal("qemu-virt-arm64", board.Name);
        BoardRegion ram = Assert.Single(board.Regions, r => r.Kind == BoardRegionKind.Ram);
        Assert.Equal(GiB, ram.Base);
        Assert.Equal(4 * GiB, ram.Size);
        Assert.Equal(BoardRegionKind.Mmio, board.FindRegion(0x0900_0000)!.Kind);
        Assert.Equal("uart0", board.FindRegion(0x0900_0000)!.Name);
        BoardRegion high = board.FindRegion(512 * GiB)!;
        Assert.Equal(BoardRegionKind.Mmio, high.Kind);
        Assert.Equal(0UL, high.Base % (4 * GiB));
        Assert.True(board.Regions.Where(r => r.Kind == BoardRegionKind.Mmio).All(r => r.End <= GiB || r.Base >= 5 * GiB));
        Assert.Null(board.FindRegion(0));
        Assert.NotEmpty(board.Interrupts);
    }

    [Theory]
    [InlineData("""{ "regions": [ { "name": "a", "kind": "ram", "base": "0x1000", "size": "0x2000" }, { "name": "b", "kind": "mmio", "base": "0x2000", "size": "0x1000" } ] }""", "region 'b' overlaps region 'a'")]
    [InlineData("""{ "regions": [ { "name": "ram", "kind": "ram", "base": "0x1800", "size": "0x1000" } ] }""", "region 'ram': the base 0x1800 is not page-aligned")]
    [InlineData("""{ "regions": [ { "name": "ram", "kind": "ram", "base": "0x1000", "size": "0x1001" } ] }""", "region 'ram': the size 0x1001 is not page-aligned")]
    [InlineData("""{ "regions": [ { "name": "ram", "kind": "ram", "base": "0xFFFF_FFFF_FFFF_F000", "size": "0x2000" } ] }""", "region 'ram': base 0xfffffffffffff000 + size 0x2000 overflows 64 bits")]
    [InlineData("""{ "regions": [ { "name": "rom", "kind": "flash", "base": "0x0", "size": "0x1000" } ] }""", "region 'rom': unknown kind 'flash'")]
    [InlineData("""{ "regions": [ { "name": "dev", "kind": "mmio", "base": "0x0", "size": "0x1000" } ] }""", "the board has no RAM region")]
    [InlineData("""{ "regions": [ { "name": "ram", "kind": "ram", "base": "zero", "size": "0x1000" } ] }""", "region 'ram': base 'zero' is not a 64-bit unsigned number")]
    [InlineData("""{ "regions": [ { "name": "ram", "kind": "ram", "base": 0, "size": 0 } ] }""", "region 'ram': the size is zero")]
    [InlineData("""{ "regions": [ ], "colour": 1 }""", "not a valid board file")]
    [InlineData("""{ "regions": [ { "name": "ram", "kind": "ram", "base": 0, "size": 4096 } ]""", "not a valid board file")]
    [InlineData("""{ "regions": [ null ] }""", "regions[0] is null")]
    [InlineData("""{ "regions": null }""", "the board has no regions")]
    [InlineData("""null""", "the board file is empty")]
    [InlineData("""{ "regions": [ { "name": 5, "kind": "ram", "base": 0, "size": 4096 } ] }""", "at '$.regions[0].name', line 1: a value has the wrong type")]
    [InlineData("""{ "regions": [ { "name": "ram", "kind": true, "base": 0, "size": 4096 } ] }""", "a value has the wrong type")]
    [InlineData("""{ "regions": [ { "name": "ram", "kind": "ram", "base": null, "size": 4096 } ] }""", "region 'ram': base is missing")]
    [InlineData("""{ "regions": [ { "name": "ram", "kind": "ram", "base": [1], "size": 4096 } ] }""", "region 'ram': base '[1]' is not a 64-bit unsigned number")]
    [InlineData("""{ "regions": [ { "name": "ram", "kind": "ram", "base": 0, "size": 4096 } ], "interrupts": [ null ] }""", "interrupts: a range is null")]
    [InlineData("""{ "regions": "ram" }""", "a value has the wrong type")]
    [InlineData("""{ "regions": [ { "name": "ram", "kind": "ram\u0007\u0001xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "base": 0, "size": 4096 } ] }""",
        "unknown kind 'ram??xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' (use")]
    public void BadBoardFilesNameTheFileRegionAndProblem(string json, string problem)
    {
        string path = Path.Combine(Path.GetTempPath(), $"zx-bad-board-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        try
        {
            BoardFormatException e = Assert.Throws<BoardFormatException>(() => BoardLoader.Load(path));
            Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
            Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Files that are not board files are refused at once, each with one line that names the file and never
    /// repeats its bytes.</summary>
    [Fact]
    public void NonRegularOversizedAndBinaryFilesAreRefusedWithoutReadingThem()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"zx-boards-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string fifo = Path.Combine(dir, "fifo");
            Assert.Equal(0, NativeBuild.Run("mkfifo", [fifo], dir, TimeSpan.FromSeconds(10)).ExitCode);
            string big = Path.Combine(dir, "big.json");
            File.WriteAllText(big, "{ \"regions\": [] }" + new string(' ', BoardLoader.MaxFileBytes));
            string binary = Path.Combine(dir, "binary.json");
            var noise = new byte[180_000];
            new Random(7).NextBytes(noise);
            File.WriteAllBytes(binary, noise);
            string ascii = Path.Combine(dir, "ascii.json");
            File.WriteAllText(ascii, new string('\u0001', 100_000));
            var cases = new (string Path, string Problem)[]
            {
                ("/dev/zero", "not a regular file (it is a character device)"),
                (fifo, "not a regular file (it is a FIFO)"),
                (dir, "not a regular file (it is a directory)"),
                (big, $"more than the limit of {BoardLoader.MaxFileBytes}"),
                (binary, "not a board file (it is not UTF-8 text)"),
                (ascii, "not a valid board file"),
            };
            foreach ((string path, string problem) in cases)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                BoardFormatException e = Assert.Throws<BoardFormatException>(() => BoardLoader.Load(path));
                Assert.True(clock.ElapsedMilliseconds < 2000, $"{path} took {clock.ElapsedMilliseconds} ms");
                Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
                Assert.Contains(problem, e.Message, StringComparison.Ordinal);
                Assert.True(e.Message.Length < 300 && e.Message.All(c => c is >= ' ' and <= '~'), $"{path}: {e.Message}");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void RegionCountIsLimitedAndValidationScales()
    {
        static string Region(int i, int regions)
        {
            ulong @base = (ulong)(regions - i) * 0x2000;
            string kind = i == 0 ? "ram" : "mmio";
            return "{ \"name\": \"r" + i + "\", \"kind\": \"" + kind + "\", \"base\": " + @base + ", \"size\": 4096 }";
        }
        static string Board(int regions) =>
            "{ \"regions\": [ " + string.Join(", ", Enumerable.Range(0, regions).Select(i => Region(i, regions))) + " ] }";
        BoardFormatException e = Assert.Throws<BoardFormatException>(() => BoardLoader.Parse(Board(BoardLoader.MaxRegions + 1), "many.json"));
        Assert.Equal($"many.json: the board has {BoardLoader.MaxRegions + 1} regions, more than the limit of {BoardLoader.MaxRegions}", e.Message);
        // The largest board allowed loads and starts (one host memory file per region) in well under a second or two.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var board = BoardLoader.Parse(Board(BoardLoader.MaxRegions), "most.json");
        Assert.Equal(BoardLoader.MaxRegions, board.Regions.Count);
        using (var kernel = KernelContext.Create(new KernelOptions { Board = board }))
            Assert.Equal(BoardLoader.MaxRegions, kernel.Memory.Board.Regions.Count);
        Assert.True(clock.ElapsedMilliseconds < 10_000, $"took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void MissingBoardFileIsAClearError()
    {
        BoardFormatException e = Assert.Throws<BoardFormatException>(() => BoardLoader.Load("/nonexistent/board.json"));
        Assert.StartsWith("/nonexistent/board.json: cannot read", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A64GiBBoardStartsAtOnceAndCostsNothingUntilTouched()
    {
        var board = BoardLoader.Parse("""
            { "name": "big", "regions": [ { "name": "ram", "kind": "ram", "base": "0x1_0000_0000", "size": "0x10_0000_0000" },
                                          { "name": "dev", "kind": "mmio", "base": "0x1000", "size": "0x1000" } ] }
            """, "big.json");
        Assert.Equal(64 * GiB, board.RamBytes);
        ulong rssBefore = Zx.Kernel.Host.LinuxMemory.ResidentBytes();
        var watch = Stopwatch.StartNew();
        using var k = new TestKernel(board: board);
        watch.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"starting took {watch.Elapsed}");
        Assert.Equal(0UL, k.Kernel.Memory.HostCommittedBytes);

        // A 1 GiB paged VMO that is never written costs no host memory, even when read.
        ZxHandle vmo = k.Vmo(GiB);
        var page = new byte[4096];
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoRead(vmo, page, GiB / 2));
        Assert.Equal(0UL, k.Kernel.Memory.HostCommittedBytes);
        ulong rssAfter = Zx.Kernel.Host.LinuxMemory.ResidentBytes();
        Assert.True(rssAfter < rssBefore + 512 * (1UL << 20), $"resident memory grew from {rssBefore} to {rssAfter}");

        // Writing one page costs one page; closing keeps it warm for reuse, and releasing gives it back to the host.
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoWrite(vmo, page.Select(_ => (byte)0x5A).ToArray(), 12345 * 4096UL));
        Assert.Equal(4096UL, k.Kernel.Memory.HostCommittedBytes);
        k.Sys.HandleClose(vmo);
        Assert.Equal(1, k.Kernel.WarmFreePages);
        Assert.Equal(4096UL, k.Kernel.Memory.HostCommittedBytes);
        k.Kernel.ReleaseFreeMemory();
        Assert.Equal(0, k.Kernel.WarmFreePages);
        Assert.Equal(0UL, k.Kernel.Memory.HostCommittedBytes);
        k.AssertNoLeaks();
    }

    // Safety: the pointers are to the test's own pinned arrays and locals, or are bad user addresses the kernel must refuse.
    [Fact]
    public unsafe void FreedFramesReadAsZeroWhenReused()
    {
        var board = BoardLoader.Parse("""{ "regions": [ { "name": "ram", "kind": "ram", "base": "0x10000", "size": "0x1000" } ] }""", "one-page.json");
        using var k = new TestKernel(board: board);
        ZxHandle a = k.Vmo(4096);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoWrite(a, new byte[] { 1, 2, 3 }, 0));
        // The one frame of RAM is at 0x10000: its bytes are visible through the physmap.
        byte* frame = k.Kernel.Memory.PhysToVirt(0x10000, 4096);
        Assert.Equal(2, frame[1]);
        k.Sys.HandleClose(a);
        Assert.Equal(2, frame[1]); // kept warm: only the kernel's physmap still sees the old bytes
        ZxHandle b = k.Vmo(4096);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoWrite(b, new byte[] { 9 }, 4095));
        var back = new byte[3];
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoRead(b, back, 0));
        Assert.Equal(new byte[3], back); // zeroed when handed out
        k.Sys.HandleClose(b);
        k.Kernel.ReleaseFreeMemory();
        Assert.Equal(0, frame[9]);
        Assert.Equal(0, frame[4095]); // given back to the host: its memory reads as zero
        k.AssertNoLeaks();
    }

    [Fact]
    public void DisposingTheKernelDestroysEverything()
    {
        var k = new TestKernel();
        ZxHandle vmo = k.Vmo(4096);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoWrite(vmo, new byte[] { 1 }, 0));
        k.Mmio(TestKernel.Uart, 4096);
        k.Dispose();
        Assert.Equal(0, k.Kernel.LiveObjectCount);
        Assert.Equal(0UL, k.Kernel.AllocatedPages);
    }
}
