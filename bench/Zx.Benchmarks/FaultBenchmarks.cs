using System.Diagnostics;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;

namespace Zx.Benchmarks;

/// <summary>The fault path (issue 18), measured from C code on <c>libzircon.so</c> (bench/native/fault_bench.c): the
/// first touch of a demand-paged page against the host's own first touch of a shared memory file's page, touching pages
/// already faulted in, a copy-on-write fault against a first touch plus a 4 KiB copy, and an exception's round trip.
/// Each iteration starts from untouched pages (decommitted, or punched out of the file) and touches fresh ones.</summary>
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
public unsafe class FaultBenchmarks
{
    private const int Pages = 16 * 1024; // per iteration: 64 MiB of fresh pages
    private const int Batch = 1024;

    private nuint _zx, _host, _cow, _source;
    private uint _vmo, _parent, _clone;
    private int _fd;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        Library.Load();
        uint vmo, parent, clone;
        int fd;
        _zx = fb_zx_map(Pages, &vmo);
        _host = fb_host_map(Pages, &fd);
        _cow = fb_cow_map(Pages, &parent, &clone);
        if (_zx == 0 || _host == 0 || _cow == 0)
            throw new InvalidOperationException("the fault benchmarks could not map their pages");
        (_vmo, _fd, _parent, _clone) = (vmo, fd, parent, clone);
        _source = (nuint)NativeMemory.AlignedAlloc(4096, 4096);
        new Span<byte>((void*)_source, 4096).Fill(7);
    }

    // Every iteration starts from untouched pages and touches fresh ones: at most Pages per iteration.
    [IterationSetup]
    public void Reset()
    {
        if (fb_zx_reset(_vmo, Pages) != 0 || fb_host_reset(_fd, Pages) != 0 || fb_zx_reset(_clone, Pages) != 0)
            throw new InvalidOperationException("reset failed");
        _next = 0;
    }

    private nuint Take(int count)
    {
        int first = _next;
        _next = (_next + count) % Pages;
        return (nuint)first;
    }

    [Benchmark(Baseline = true, Description = "floor: host first touch of a shared memory file's page"), BenchmarkCategory("first touch, 1 page")]
    [InvocationCount(Pages)]
    public void HostFirstTouchOne() => fb_touch(_host, Take(1), 1);

    [Benchmark(Description = "first touch of a demand-paged page (commit + map)"), BenchmarkCategory("first touch, 1 page")]
    [InvocationCount(Pages)]
    [Goal(MaxRatio = 3)]
    public void ZxFirstTouchOne() => fb_touch(_zx, Take(1), 1);

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "floor: host first touch of 1,024 pages, per page"), BenchmarkCategory("first touch, 1,024 pages")]
    [InvocationCount(Pages / Batch)]
    public void HostFirstTouchBatch() => fb_touch(_host, Take(Batch), Batch);

    [Benchmark(OperationsPerInvoke = Batch, Description = "first touch of 1,024 demand-paged pages, per page"), BenchmarkCategory("first touch, 1,024 pages")]
    [InvocationCount(Pages / Batch)]
    [Goal(MaxRatio = 3)]
    public void ZxFirstTouchBatch() => fb_touch(_zx, Take(Batch), Batch);

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "floor: host first touch + 4 KiB copy, per page"), BenchmarkCategory("copy-on-write fault")]
    [InvocationCount(Pages / Batch)]
    public void HostFirstTouchAndCopy() => fb_copy_touch(_host, _source, Take(Batch), Batch);

    [Benchmark(OperationsPerInvoke = Batch, Description = "copy-on-write fault: a clone's first write copies the page, per page"), BenchmarkCategory("copy-on-write fault")]
    [InvocationCount(Pages / Batch)]
    [Goal(MaxRatio = 2)]
    public void ZxCopyOnWriteFault() => fb_touch(_cow, Take(Batch), Batch);

    // Each case gets its own instance and set-up: everything mapped here goes, or the cases' pages would add up.
    [GlobalCleanup]
    public void Cleanup()
    {
        NativeMemory.AlignedFree((void*)_source);
        fb_zx_unmap(_zx, Pages, _vmo);
        fb_zx_unmap(_cow, Pages, _clone);
        _ = zx_handle_close(_parent);
        fb_host_unmap(_host, Pages, _fd);
    }

    [DllImport("libzxfaultbench")] internal static extern nuint fb_zx_map(nuint pages, uint* vmo);
    [DllImport("libzxfaultbench")] private static extern int fb_zx_reset(uint vmo, nuint pages);
    [DllImport("libzxfaultbench")] internal static extern nuint fb_host_map(nuint pages, int* fd);
    [DllImport("libzxfaultbench")] private static extern int fb_host_reset(int fd, nuint pages);
    [DllImport("libzxfaultbench")] internal static extern void fb_touch(nuint address, nuint first, nuint count);
    [DllImport("libzxfaultbench")] private static extern void fb_copy_touch(nuint address, nuint source, nuint first, nuint count);
    [DllImport("libzxfaultbench")] private static extern nuint fb_cow_map(nuint pages, uint* parent, uint* clone);
    [DllImport("libzxfaultbench")] internal static extern int fb_exception_setup(uint* process, uint* thread, uint* port);
    [DllImport("libzxfaultbench")] internal static extern int fb_exception_round_trip(uint thread, uint port);
    [DllImport("libzircon")] internal static extern int zx_handle_close(uint handle);
    [DllImport("libzircon")] internal static extern int zx_task_kill(uint handle);
    [DllImport("libzxfaultbench")] internal static extern void fb_zx_unmap(nuint address, nuint pages, uint vmo);
    [DllImport("libzxfaultbench")] internal static extern void fb_host_unmap(nuint address, nuint pages, int fd);

    /// <summary>Builds bench/native/fault_bench.c against libzircon.so (once).</summary>
    internal static class Library
    {
        public static void Load() => NativeLibraries.Install();
    }
}

/// <summary>The benchmarks' native libraries: libzircon.so (published to artifacts/native) and the fault benchmarks'
/// C part, built here with gcc on first use. One resolver serves the whole assembly (a second one is refused).</summary>
internal static class NativeLibraries
{
    private static readonly Lazy<bool> Installed = new(() =>
    {
        string root = Report.RepoRoot();
        string native = Path.Combine(root, "artifacts", "native");
        nint zircon = 0, bench = 0;
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, (name, _, _) => name switch
        {
            "libzircon" => zircon != 0 ? zircon : zircon = NativeLibrary.Load(Path.Combine(native, "libzircon.so")),
            "libzxfaultbench" => bench != 0 ? bench : bench = NativeLibrary.Load(BuildFaultBench(root, native)),
            _ => 0,
        });
        return true;
    });

    public static void Install() => _ = Installed.Value;

    private static string BuildFaultBench(string root, string native)
    {
        string output = Path.Combine(root, "artifacts", "bench", "libzxfaultbench.so");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        CHarness.Gcc(["-std=gnu11", "-O2", "-shared", "-fPIC", "-I", Path.Combine(root, "include"), Path.Combine(root, "bench", "native", "fault_bench.c"),
             "-L", native, "-lzircon", "-Wl,-rpath," + native, "-o", output]);
        return output;
    }
}

/// <summary>An exception's round trip through a port: a thread of another process hits <c>int3</c>, its process's
/// exception port gets the packet, the handler resumes it, and it breaks again. Zircon 2018 published no figure.</summary>
public unsafe class ExceptionBenchmarks
{
    private uint _process, _thread, _port;

    [GlobalSetup]
    public void Setup()
    {
        FaultBenchmarks.Library.Load();
        uint process, thread, port;
        int status = FaultBenchmarks.fb_exception_setup(&process, &thread, &port);
        if (status != 0)
            throw new InvalidOperationException($"exception benchmark setup failed: {status}");
        (_process, _thread, _port) = (process, thread, port);
    }

    [Benchmark(Description = "exception round trip: int3, packet on a port, zx_task_resume_from_exception")]
    public int RoundTrip() => FaultBenchmarks.fb_exception_round_trip(_thread, _port);

    [GlobalCleanup]
    public void Cleanup()
    {
        _ = FaultBenchmarks.zx_task_kill(_process);
        _ = FaultBenchmarks.zx_handle_close(_thread);
        _ = FaultBenchmarks.zx_handle_close(_port);
        _ = FaultBenchmarks.zx_handle_close(_process);
    }
}

/// <summary>Touching pages already faulted in: plain loads and stores of a host mapping, against the same on a shared
/// memory file's mapping.</summary>
public unsafe class FaultedPageBenchmarks
{
    private const int Pages = 1024;
    private nuint _zx, _host;
    private uint _vmo;
    private int _fd;

    [GlobalSetup]
    public void Setup()
    {
        FaultBenchmarks.Library.Load();
        uint vmo;
        int fd;
        _zx = FaultBenchmarks.fb_zx_map(Pages, &vmo);
        _host = FaultBenchmarks.fb_host_map(Pages, &fd);
        (_vmo, _fd) = (vmo, fd);
        FaultBenchmarks.fb_touch(_zx, 0, Pages);
        FaultBenchmarks.fb_touch(_host, 0, Pages);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        FaultBenchmarks.fb_zx_unmap(_zx, Pages, _vmo);
        FaultBenchmarks.fb_host_unmap(_host, Pages, _fd);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Pages, Description = "floor: a store to each of 1,024 touched pages of a shared file mapping, per page")]
    public void Host() => FaultBenchmarks.fb_touch(_host, 0, Pages);

    [Benchmark(OperationsPerInvoke = Pages, Description = "a store to each of 1,024 faulted-in pages of a Zx mapping, per page")]
    [Goal(Interleaved = true, MaxRatio = 1.1)]
    public void Zx() => FaultBenchmarks.fb_touch(_zx, 0, Pages);
}

/// <summary>An emulated device register access (issue 19): a 32-bit read of the PL011's UARTFR and a 32-bit write of
/// its UARTIFLS, each trapped and emulated, beside the floor of one host signal's delivery and return (a <c>ud2</c>
/// whose SIGILL handler steps over it) in the same run.</summary>
public unsafe class MmioBenchmarks
{
    private nuint _uart;
    private uint _vmo;

    [GlobalSetup]
    public void Setup()
    {
        FaultBenchmarks.Library.Load();
        uint vmo;
        _uart = fb_uart_map(&vmo);
        if (_uart == 0)
            throw new InvalidOperationException("the MMIO benchmark could not map uart0");
        _vmo = vmo;
        fb_signal_floor_begin(); // the floor's SIGILL handler, in front of libzircon's until cleanup
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        fb_signal_floor_end();
        FaultBenchmarks.fb_zx_unmap(_uart, 1, _vmo);
    }

    [Benchmark(Baseline = true, Description = "floor: one host signal delivered and returned (ud2 stepped over)")]
    public void SignalRoundTrip() => fb_signal_floor();

    [Benchmark(OperationsPerInvoke = 2, Description = "an emulated 32-bit register access (PL011 read + write), per access")]
    [Goal(Interleaved = true, MaxRatio = 3)]
    public uint EmulatedAccess() => fb_uart_read_write(_uart);

    [DllImport("libzxfaultbench")] private static extern nuint fb_uart_map(uint* vmo);
    [DllImport("libzxfaultbench")] private static extern uint fb_uart_read_write(nuint uart);
    [DllImport("libzxfaultbench")] private static extern void fb_signal_floor_begin();
    [DllImport("libzxfaultbench")] private static extern void fb_signal_floor_end();
    [DllImport("libzxfaultbench")] private static extern void fb_signal_floor();
}

/// <summary>Interrupts across two threads (issue 19): a virtual interrupt triggered on one thread wakes the other's
/// <c>zx_interrupt_wait</c>, which triggers a second one back, beside the cross-thread event-pair round trip.</summary>
public class InterruptBenchmarks
{
    private Zx.Kernel.KernelContext _kernel = null!;
    private Zx.Kernel.Syscalls.ZxSyscalls _sys = null!;
    private ZxHandle _ping, _pong, _a, _b;
    private Thread _interruptPeer = null!, _eventPeer = null!;
    private volatile bool _stop;

    [GlobalSetup]
    public void Setup()
    {
        _kernel = Zx.Kernel.KernelContext.Create();
        _sys = _kernel.FirstProcess.Syscalls;
        const uint virtualInterrupt = Zx.Kernel.Syscalls.ZxSyscalls.InterruptVirtual;
        _sys.InterruptCreate(ZxHandle.Invalid, 0, virtualInterrupt, out _ping);
        _sys.InterruptCreate(ZxHandle.Invalid, 0, virtualInterrupt, out _pong);
        _sys.EventPairCreate(0, out _a, out _b);
        CpuPinning.Pin(0); // this thread on one CPU, the peers on the other (CpuPinning)
        _interruptPeer = new Thread(() =>
        {
            CpuPinning.Pin(1);
            while (_sys.InterruptWait(_ping, out _) == ZxStatus.Ok && !_stop)
                _sys.InterruptTrigger(_pong, 0, 1);
        }) { IsBackground = true };
        _eventPeer = new Thread(() =>
        {
            CpuPinning.Pin(1);
            while (!_stop)
            {
                _sys.ObjectWaitOne(_b, ZxSignals.User0, ZxConstants.TimeInfinite, out _);
                _sys.ObjectSignal(_b, (uint)ZxSignals.User0, 0);
                _sys.ObjectSignalPeer(_b, 0, (uint)ZxSignals.User1);
            }
        }) { IsBackground = true };
        _interruptPeer.Start();
        _eventPeer.Start();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop = true;
        _sys.InterruptDestroy(_ping); // the interrupt peer's wait ends with CANCELED
        _sys.ObjectSignalPeer(_a, 0, (uint)ZxSignals.User0);
        _interruptPeer.Join();
        _eventPeer.Join();
        CpuPinning.Unpin();
        _kernel.Dispose();
    }

    [Benchmark(Baseline = true, Description = "floor: event pair signal_peer + wait_one round trip")]
    public void EventPair()
    {
        _sys.ObjectSignalPeer(_a, 0, (uint)ZxSignals.User0);
        _sys.ObjectWaitOne(_a, ZxSignals.User1, ZxConstants.TimeInfinite, out _);
        _sys.ObjectSignal(_a, (uint)ZxSignals.User1, 0);
    }

    [Benchmark(Description = "interrupt trigger -> zx_interrupt_wait on another thread, and back")]
    [Goal(Interleaved = true, MaxRatio = 1.5)]
    public ZxStatus InterruptRoundTrip()
    {
        _sys.InterruptTrigger(_ping, 0, 1);
        return _sys.InterruptWait(_pong, out _);
    }
}
