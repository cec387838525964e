using Zx.Kernel;
using Zx.Kernel.Board;
using Zx.Kernel.Devices;
using Zx.Kernel.Syscalls;

namespace Zx.Tests;

/// <summary>The device models on their own (as QEMU's qtest drives them: register accesses, no driver), attached by the
/// board file, and their interrupt lines reaching interrupt objects.</summary>
public sealed class DeviceModelTests
{
    [Fact]
    public void TheDefaultBoardPutsAPl011AndAPl031AtTheirQemuAddresses()
    {
        using var k = new TestKernel();
        DeviceModel uart = Assert.IsType<Pl011>(k.Kernel.DeviceIn("uart0"));
        Assert.Equal(0x0900_0000UL, uart.Region!.Base);
        Assert.Equal(33u, uart.Irq);
        DeviceModel rtc = Assert.IsType<Pl031>(k.Kernel.DeviceIn("rtc"));
        Assert.Equal(34u, rtc.Irq);
        Assert.Null(k.Kernel.DeviceIn("gpio"));
    }

    [Fact]
    public void Pl011WritesEachByteOutInOrderAndReportsItsFifos()
    {
        var uart = new Pl011();
        var sent = new List<byte>();
        uart.Transmit = sent.Add;
        foreach (byte b in "Zx!\n"u8)
            uart.Write(Pl011.Dr, 4, b);
        uart.Write(Pl011.Dr, 1, 0x1_41); // a byte access: only the low byte goes out
        Assert.Equal("Zx!\nA"u8.ToArray(), sent.ToArray());
        Assert.Equal((ulong)(Pl011.FrTxfe | Pl011.FrRxfe), uart.Read(Pl011.Fr, 4));
        uart.Receive("hello, pl011 fifo overflow"u8);
        Assert.Equal((ulong)(Pl011.FrTxfe | Pl011.FrRxff), uart.Read(Pl011.Fr, 4)); // 16 bytes kept, the FIFO full
        Assert.Equal((ulong)'h', uart.Read(Pl011.Dr, 4));
        Assert.Equal((ulong)Pl011.FrTxfe, uart.Read(Pl011.Fr, 2));
        // Identification registers, as the TRM gives them.
        Assert.Equal(0x11UL, uart.Read(0xFE0, 4));
        Assert.Equal(0xB1UL, uart.Read(0xFFC, 4));
        uart.Write(Pl011.Cr, 4, 0x301);
        Assert.Equal(0x301UL, uart.Read(Pl011.Cr, 4));
    }

    [Fact]
    public void Pl011RaisesItsLineWhenAnUnmaskedInterruptIsPending()
    {
        using var k = new TestKernel();
        var uart = (Pl011)k.Kernel.DeviceIn("uart0")!;
        uart.Transmit = _ => { };
        Assert.Equal(ZxStatus.Ok, k.Sys.InterruptCreate(k.Root, 33, 0, out ZxHandle interrupt));
        Assert.Equal(ZxStatus.Ok, k.Sys.PortCreate(ZxSyscalls.PortBindToInterrupt, out ZxHandle port));
        Assert.Equal(ZxStatus.Ok, k.Sys.InterruptBind(interrupt, port, 33, 0));
        uart.Write(Pl011.Dr, 4, 'x'); // TX status set but masked: no interrupt
        Assert.Equal(ZxStatus.TimedOut, k.Sys.PortWait(port, 0, out _));
        uart.Write(Pl011.Imsc, 4, Pl011.IntRx);
        uart.Receive("q"u8);
        Assert.Equal(ZxStatus.Ok, k.Sys.PortWait(port, 0, out ZxPortPacket packet));
        Assert.Equal(33UL, packet.Key);
        Assert.Equal((ulong)(Pl011.IntRx | Pl011.IntTx), uart.Read(Pl011.Ris, 4));
        Assert.Equal((ulong)Pl011.IntRx, uart.Read(Pl011.Mis, 4));
        Assert.Equal((ulong)'q', uart.Read(Pl011.Dr, 4)); // reading the byte clears RX
        Assert.Equal(0UL, uart.Read(Pl011.Mis, 4));
        Assert.Equal(ZxStatus.Ok, k.Sys.InterruptAck(interrupt));
        k.Sys.HandleCloseMany([interrupt, port]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void Pl031CountsHostSecondsFromWhereItWasLoadedAndInterruptsAtTheMatch()
    {
        var rtc = new Pl031();
        ulong now = (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.InRange(rtc.Read(Pl031.Dr, 4), now - 1, now + 1);
        long clock = 1000;
        rtc.HostSeconds = () => clock;
        rtc.Write(Pl031.Lr, 4, 50);
        clock += 5;
        Assert.Equal(55UL, rtc.Read(Pl031.Dr, 4));
        rtc.Write(Pl031.Mr, 4, 60);
        Assert.Equal(0UL, rtc.Read(Pl031.Ris, 4));
        clock += 5;
        Assert.Equal(1UL, rtc.Read(Pl031.Ris, 4));
        rtc.Write(Pl031.Icr, 4, 1);
        rtc.Write(Pl031.Mr, 4, 70); // cleared, and raised again only at the next match
        Assert.Equal(0UL, rtc.Read(Pl031.Ris, 4));
        clock += 10;
        Assert.Equal(1UL, rtc.Read(Pl031.Ris, 4));
        Assert.Equal(0x31UL, rtc.Read(0xFE0, 4));
    }

    [Fact]
    public void ABoardFileNamesDevicesOnlyOnMmioRegionsAndOnlyKnownOnes()
    {
        const string good = """
            { "name": "b", "regions": [ { "name": "ram", "kind": "ram", "base": 0, "size": "0x1000" },
              { "name": "u", "kind": "mmio", "base": "0x10000", "size": "0x1000", "device": "pl011", "irq": 40 } ],
              "interrupts": [ { "base": 32, "count": 64 } ] }
            """;
        BoardDescription board = BoardLoader.Parse(good, "test");
        Assert.Equal("pl011", board.Regions.Single(r => r.Name == "u").Device);
        Assert.Equal(40u, board.Regions.Single(r => r.Name == "u").Irq);
        Assert.Contains("unknown device 'sp999'", Assert.Throws<BoardFormatException>(() => BoardLoader.Parse(good.Replace("pl011", "sp999"), "test")).Message);
        Assert.Contains("only an MMIO region can have a device", Assert.Throws<BoardFormatException>(() =>
            BoardLoader.Parse(good.Replace("\"kind\": \"mmio\"", "\"kind\": \"ram\""), "test")).Message);
        Assert.Contains("an irq needs a device", Assert.Throws<BoardFormatException>(() =>
            BoardLoader.Parse(good.Replace("\"device\": \"pl011\", ", ""), "test")).Message);
    }

    [Fact]
    public void ABoardFileGivesAUartItsSerialLineAndOnlyAUart()
    {
        const string board = """
            { "name": "b", "regions": [ { "name": "ram", "kind": "ram", "base": 0, "size": "0x1000" },
              { "name": "u", "kind": "mmio", "base": "0x10000", "size": "0x1000", "device": "pl011", "irq": 40, "serial": "null" },
              { "name": "t", "kind": "mmio", "base": "0x20000", "size": "0x1000", "device": "sp804", "irq": 41 } ],
              "interrupts": [ { "base": 32, "count": 64 } ] }
            """;
        Assert.Equal("null", BoardLoader.Parse(board, "test").Regions.Single(r => r.Name == "u").Serial);
        Assert.Contains("region 'u': unknown serial line 'telnet:1234' (stdio, pty, file:PATH or null)",
            Assert.Throws<BoardFormatException>(() => BoardLoader.Parse(board.Replace("\"null\"", "\"telnet:1234\""), "test")).Message);
        Assert.Contains("unknown serial line 'file:'", Assert.Throws<BoardFormatException>(() => BoardLoader.Parse(board.Replace("\"null\"", "\"file:\""), "test")).Message);
        Assert.Contains("region 't': only a UART (\"device\": \"pl011\") has a serial line", Assert.Throws<BoardFormatException>(() =>
            BoardLoader.Parse(board.Replace("\"irq\": 41", "\"irq\": 41, \"serial\": \"pty\""), "test")).Message);
    }

    [Fact]
    public void AUartOnAFileLineWritesThereAndTheKernelsOptionOverridesTheBoard()
    {
        string file = Path.Combine(Path.GetTempPath(), $"zx-serial-{Guid.NewGuid():N}.txt");
        try
        {
            using (var kernel = KernelContext.Create(new KernelOptions { Serial = "file:" + file }))
            {
                var uart = (Pl011)kernel.DeviceIn("uart0")!;
                Assert.Equal("file:" + file, uart.Line!.Spec);
                foreach (byte b in "to the file\n"u8)
                    uart.Write(Pl011.Dr, 4, b);
                Assert.Equal("to the file\n", File.ReadAllText(file)); // written through: there at once
            }
            // A line that cannot be opened stops the kernel from starting, with the path and the reason.
            IOException e = Assert.Throws<IOException>(() => KernelContext.Create(new KernelOptions { Serial = "file:/nonexistent/dir/uart.txt" }));
            Assert.StartsWith("serial line /nonexistent/dir/uart.txt: ", e.Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentException>(() => SerialLine.Open("tcp:1", readStandardInput: false));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task AUartOnAPtyTalksToWhoeverOpensTheTerminalBothWays()
    {
        using var kernel = KernelContext.Create(new KernelOptions { Serial = "pty" });
        var uart = (Pl011)kernel.DeviceIn("uart0")!;
        string terminal = uart.Line!.TerminalPath!;
        Assert.StartsWith("/dev/pts/", terminal, StringComparison.Ordinal);
        using var user = new FileStream(terminal, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1);
        // Sent before anyone read: it waits in the terminal (raw mode: no newline translation, no echo).
        foreach (byte b in "boot\n"u8)
            uart.Write(Pl011.Dr, 1, b);
        var seen = new byte[5];
        await user.ReadExactlyAsync(seen).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("boot\n"u8.ToArray(), seen);
        // Typed on the terminal: reaches the RX FIFO once the driver enables the receiver.
        uart.Write(Pl011.Cr, 4, 0x301);
        user.Write("ok"u8);
        user.Flush();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((uart.Read(Pl011.Fr, 4) & Pl011.FrRxfe) != 0 && clock.Elapsed < TimeSpan.FromSeconds(10))
            Thread.Sleep(5);
        Assert.Equal((ulong)'o', uart.Read(Pl011.Dr, 4));
        while ((uart.Read(Pl011.Fr, 4) & Pl011.FrRxfe) != 0 && clock.Elapsed < TimeSpan.FromSeconds(10))
            Thread.Sleep(5);
        Assert.Equal((ulong)'k', uart.Read(Pl011.Dr, 4));
    }

    [Fact]
    public void AScriptedDeviceChecksEachAccessAndSaysWhatWentWrongFirst()
    {
        using var k = new TestKernel();
        ScriptedDevice scripted = k.Kernel.ScriptDevice("uart0")!;
        scripted.ExpectWrite(0x30, 4, 0x301).ExpectRead(0x18, 2, 0x90);
        scripted.Write(0x30, 4, 0x301);
        Assert.Equal(0x90UL, scripted.Read(0x18, 2));
        Assert.Null(scripted.Verify());
        scripted.ExpectWrite(0x00, 1, 'A');
        scripted.Write(0x00, 4, 'A'); // the wrong width
        Assert.Equal("uart0: expected write8 at +0x000 0x41, got write32 at +0x000 0x00000041 (instruction at 0x0)", scripted.Verify());
        Assert.Null(k.Kernel.ScriptDevice("ram")); // only MMIO regions
        k.Kernel.EndScript("uart0");
        Assert.IsType<Pl011>(k.Kernel.DeviceIn("uart0"));
    }

    [Fact]
    public void Sp804InterruptsAtItsPeriodAndCountsDown()
    {
        BoardDescription board = BoardLoader.Parse("""
            { "name": "timer-board", "regions": [ { "name": "ram", "kind": "ram", "base": "0x40000000", "size": "0x100000" },
              { "name": "timer0", "kind": "mmio", "base": "0x1c110000", "size": "0x1000", "device": "sp804", "irq": 34 } ],
              "interrupts": [ { "base": 32, "count": 64 } ] }
            """, "test");
        using var k = new TestKernel(board: board);
        var timer = Assert.IsType<Sp804>(k.Kernel.DeviceIn("timer0"));
        Assert.Equal(ZxStatus.Ok, k.Sys.InterruptCreate(k.Root, 34, 0, out ZxHandle interrupt));
        Assert.Equal(ZxStatus.Ok, k.Sys.PortCreate(ZxSyscalls.PortBindToInterrupt, out ZxHandle port));
        Assert.Equal(ZxStatus.Ok, k.Sys.InterruptBind(interrupt, port, 804, 0));
        timer.Write(Sp804.Load, 4, 10_000_000); // 10 s at 1 MHz: long enough to watch it count down
        timer.Write(Sp804.Control, 4, Sp804.Enable | Sp804.Periodic | Sp804.IntEnable | Sp804.Size32);
        ulong first = timer.Read(Sp804.Value, 4);
        Thread.Sleep(5);
        ulong later = timer.Read(Sp804.Value, 4);
        Assert.True(later < first && first - later >= 4_000, $"the counter counts down at 1 MHz ({first} then {later})");
        timer.Write(Sp804.Load, 4, 5000); // 5 ms periods from now
        long started = k.Sys.ClockGetMonotonic();
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(ZxStatus.Ok, k.Sys.PortWait(port, k.Sys.ClockGetMonotonic() + 2_000_000_000, out ZxPortPacket packet));
            Assert.Equal(804UL, packet.Key);
            Assert.Equal(1UL, timer.Read(Sp804.Mis, 4));
            timer.Write(Sp804.IntClr, 4, 1);
            Assert.Equal(ZxStatus.Ok, k.Sys.InterruptAck(interrupt));
        }
        long elapsed = k.Sys.ClockGetMonotonic() - started;
        Assert.InRange(elapsed, 12_000_000L, 2_000_000_000L); // four periods of 5 ms, at least three whole ones
        // One-shot: one interrupt, then the counter rests at zero.
        timer.Write(Sp804.Control, 4, 0);
        timer.Write(Sp804.IntClr, 4, 1);
        while (k.Sys.PortWait(port, 0, out _) == ZxStatus.Ok)
            Assert.Equal(ZxStatus.Ok, k.Sys.InterruptAck(interrupt));
        timer.Write(Sp804.Load, 4, 1000);
        timer.Write(Sp804.Control, 4, Sp804.Enable | Sp804.OneShot | Sp804.IntEnable | Sp804.Size32);
        Assert.Equal(ZxStatus.Ok, k.Sys.PortWait(port, k.Sys.ClockGetMonotonic() + 2_000_000_000, out _));
        Assert.Equal(0UL, timer.Read(Sp804.Value, 4));
        Assert.Equal(0x04UL, timer.Read(0xFE0, 4));
        k.Sys.HandleCloseMany([interrupt, port]);
    }
}
