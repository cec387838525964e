using Zx.Kernel;
using Zx.Kernel.Object;

namespace Zx.Tests;

/// <summary>The kernel log on the managed surface: the ring drops its oldest records at the 2018 size, every reader
/// keeps its own position, and the census carries the records to the zx tool.</summary>
public sealed unsafe class LogTests
{
    private static ZxHandle Create(TestKernel k, uint options)
    {
        Assert.Equal(ZxStatus.Ok, k.Sys.DebuglogCreate(k.Root, options, out ZxHandle log));
        return log;
    }

    private static int ReadAll(TestKernel k, ZxHandle reader, List<byte[]> into)
    {
        var buffer = new byte[256];
        int count = 0;
        fixed (byte* p = buffer)
        {
            for (ZxStatus n; (n = k.Sys.DebuglogRead(reader, 0, p, 256)) > 0; count++)
                into.Add(buffer[32..(int)n]);
        }
        return count;
    }

    [Fact]
    public void TheRingKeepsTheNewest128KiBAndANewReaderStartsAtTheOldestKept()
    {
        using var k = new TestKernel();
        ZxHandle writer = Create(k, 0);
        ZxHandle early = Create(k, LogDispatcher.FlagReadable);
        var payload = new byte[224];
        const int Written = 1000; // 1000 × 256 bytes: twice the ring
        for (int i = 0; i < Written; i++)
        {
            BitConverter.TryWriteBytes(payload, i);
            Assert.Equal(ZxStatus.Ok, k.Sys.DebuglogWrite(writer, 0, payload));
        }
        ZxHandle late = Create(k, LogDispatcher.FlagReadable);
        var seenEarly = new List<byte[]>();
        var seenLate = new List<byte[]>();
        Assert.Equal(DebugLog.Capacity / 256, ReadAll(k, early, seenEarly)); // the early reader lost what was dropped
        Assert.Equal(DebugLog.Capacity / 256, ReadAll(k, late, seenLate));
        Assert.Equal(Written - DebugLog.Capacity / 256, BitConverter.ToInt32(seenLate[0]));
        Assert.Equal(Written - 1, BitConverter.ToInt32(seenLate[^1]));
        Assert.Equal(seenEarly.Select(b => BitConverter.ToInt32(b)), seenLate.Select(b => BitConverter.ToInt32(b)));
        k.Sys.HandleCloseMany([writer, early, late]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void TheCensusCarriesTheRecordsAndTheToolShowsThemAsTheConsoleDoes()
    {
        using var k = new TestKernel();
        ZxHandle writer = Create(k, 0);
        Assert.Equal(ZxStatus.Ok, k.Sys.DebuglogWrite(writer, ZxLogLevels.Info, "driver up\n"u8));
        KernelCensus census = CensusJson.Read(CensusJson.Write(k.Kernel.TakeCensus()));
        DebugLogRecord record = Assert.Single(census.Log);
        Assert.Equal("driver up\n"u8.ToArray(), record.Data);
        Assert.Equal(k.Kernel.FirstProcess.Koid, record.Pid);
        Assert.Equal(ZxLogLevels.Info, record.Flags);
        string line = CensusJson.LogLine(record with { Timestamp = 12_345_678_901, Tid = 7 });
        Assert.Equal($"[   12.345678] {record.Pid}.7> driver up", line);
        k.Sys.HandleClose(writer);
        k.AssertNoLeaks();
    }

    private static class ZxLogLevels
    {
        public const ushort Info = 0x0004;
    }
}
