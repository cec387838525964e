using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Zx.Kernel;
using Zx.Kernel.Host;
using Zx.Kernel.Syscalls;

namespace Zx.Benchmarks;

/// <summary>The host's own map + unmap of board memory, the floor of the map + unmap benchmarks: the board's file mapped
/// at a place in a reservation, then the reservation's PROT_NONE put back, as Zx's map and unmap do.</summary>
// Safety: the address is inside a reservation: the calling benchmark's own, or a free page of the kernel's window.
internal static unsafe class HostMapFloor
{
    /// <summary>The board file and offset behind <paramref name="size"/> bytes of physical memory at <paramref name="paddr"/>.</summary>
    public static (int Fd, ulong Offset) BackingOf(KernelContext kernel, ulong paddr, ulong size)
    {
        Zx.Kernel.Vm.PhysicalMemory.Backing backing = kernel.Memory.FindBacking(paddr, size)!;
        return (backing.Fd, paddr - backing.Region.Base);
    }

    /// <summary>Maps the file's <paramref name="size"/> bytes at <paramref name="at"/> and puts the reservation back.</summary>
    public static void MapAndRelease(byte* at, ulong size, int fd, ulong offset)
    {
        LinuxMemory.MapFixedShared(at, size, LinuxMemory.ProtRead | LinuxMemory.ProtWrite, fd, offset);
        LinuxMemory.ReleaseToReservation(at, size);
    }
}

/// <summary>zx_vmar_map + zx_vmar_unmap of a physical VMO, beside the raw host floor: map the same board memory
/// (the region's shared memory file, at the same offset) into a reservation, then release the window by mapping
/// inaccessible memory back over it.</summary>
// Safety: the pointers are to buffers and locals the benchmark owns, alive for every call.
[MemoryDiagnoser]
public unsafe class MapUnmapBenchmarks
{
    private KernelContext _kernel = null!;
    private ZxSyscalls _sys = null!;
    private ZxHandle _vmo;
    private int _fd;
    private ulong _fileOffset;
    private byte* _reservation;

    [Params(4096UL, 1UL << 30)]
    public ulong Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _kernel = KernelContext.Create();
        _sys = _kernel.FirstProcess.Syscalls;
        _sys.VmoCreatePhysical(_kernel.RootResource, 0x80_0000_0000, Size, out _vmo);
        (_fd, _fileOffset) = HostMapFloor.BackingOf(_kernel, 0x80_0000_0000, Size);
        _reservation = LinuxMemory.Reserve(4 * Size);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        LinuxMemory.Unmap(_reservation, 4 * Size);
        _kernel.Dispose();
    }

    [Benchmark(Baseline = true, Description = "host floor: mmap board memory into reservation + PROT_NONE back")]
    public void HostFloor() => HostMapFloor.MapAndRelease(_reservation + Size, Size, _fd, _fileOffset);

    [Benchmark(Description = "zx_vmar_map + zx_vmar_unmap (physical VMO)")]
    [Goal(Interleaved = true, MaxRatio = 1.3, Zircon = "about 1.48 us per page (Mmu/MapUnmapWithFaults)")]
    public void MapUnmap()
    {
        _sys.VmarMap(_kernel.FirstProcess.RootVmar, ZxVmOptions.PermRead | ZxVmOptions.PermWrite, 0, _vmo, 0, Size, out ulong address);
        _sys.VmarUnmap(_kernel.FirstProcess.RootVmar, address, Size);
    }
}

/// <summary>zx_vmo_read / zx_vmo_write of a committed paged VMO beside Span.CopyTo of the same size.</summary>
[MemoryDiagnoser]
public class ReadWriteBenchmarks
{
    private KernelContext _kernel = null!;
    private ZxSyscalls _sys = null!;
    private ZxHandle _vmo;
    private byte[] _source = null!;
    private byte[] _destination = null!;

    [Params(4096, 1 << 20)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _kernel = KernelContext.Create();
        _sys = _kernel.FirstProcess.Syscalls;
        _sys.VmoCreate((ulong)Size, ZxVmoOptions.None, out _vmo);
        _source = new byte[Size];
        _destination = new byte[Size];
        Random.Shared.NextBytes(_source);
        _sys.VmoWrite(_vmo, _source, 0);
    }

    [GlobalCleanup]
    public void Cleanup() => _kernel.Dispose();

    [Benchmark(Baseline = true, Description = "floor: Span.CopyTo")]
    public void CopyTo() => _source.AsSpan().CopyTo(_destination);

    [Benchmark(Description = "zx_vmo_read")]
    [Goal(Interleaved = true, MaxRatio = 1.25)]
    public ZxStatus Read() => _sys.VmoRead(_vmo, _destination, 0);

    [Benchmark(Description = "zx_vmo_write")]
    [Goal(Interleaved = true, MaxRatio = 1.25)]
    public ZxStatus Write() => _sys.VmoWrite(_vmo, _source, 0);
}

/// <summary>Copy-on-write clones: creating one of a 64 MiB VMO whose every page is committed, and the first write to
/// a page it shares, beside 4 KiB copies with the same memory traffic: from pages of a 64 MiB buffer 17 pages apart
/// (so the source is not in the cache, as the shared page is not) into 1 MiB of warm pages.</summary>
[MemoryDiagnoser]
public class CopyOnWriteBenchmarks
{
    private const ulong Size = 64UL << 20;
    private const int PagesPerClone = 256;
    private KernelContext _kernel = null!;
    private ZxSyscalls _sys = null!;
    private ZxHandle _vmo;
    private readonly byte[] _source = new byte[Size];
    private readonly byte[] _destination = new byte[PagesPerClone * 4096];
    private readonly byte[] _word = new byte[8];

    [GlobalSetup]
    public void Setup()
    {
        _kernel = KernelContext.Create();
        _sys = _kernel.FirstProcess.Syscalls;
        _sys.VmoCreate(Size, ZxVmoOptions.None, out _vmo);
        var page = new byte[4096];
        Random.Shared.NextBytes(page);
        for (ulong offset = 0; offset < Size; offset += 4096)
            _sys.VmoWrite(_vmo, page, offset); // every page committed and touched
        Random.Shared.NextBytes(_source);
    }

    [GlobalCleanup]
    public void Cleanup() => _kernel.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = PagesPerClone, Description = "floor: a 4 KiB copy of a page not in the cache")]
    public void CopyPage()
    {
        for (int i = 0; i < PagesPerClone; i++)
            _source.AsSpan(i * 4096 * 17, 4096).CopyTo(_destination.AsSpan(i * 4096, 4096));
    }

    [Benchmark(Description = "zx_vmo_clone of a committed 64 MiB VMO + close")]
    [Goal(MaxNanoseconds = 2000)]
    public void CloneAndClose()
    {
        _sys.VmoClone(_vmo, ZxVmoCloneOptions.CopyOnWrite, 0, Size, out ZxHandle clone);
        _sys.HandleClose(clone);
    }

    /// <summary>One clone per 256 writes, each to a different shared page: the clone's creation and close are spread
    /// over them, as is freeing the copies.</summary>
    [Benchmark(OperationsPerInvoke = PagesPerClone, Description = "first 8-byte zx_vmo_write to a shared page")]
    [Goal(Interleaved = true, MaxRatio = 2)]
    public void FirstWriteToSharedPage()
    {
        _sys.VmoClone(_vmo, ZxVmoCloneOptions.CopyOnWrite, 0, Size, out ZxHandle clone);
        for (int i = 0; i < PagesPerClone; i++)
            _sys.VmoWrite(clone, _word, (ulong)i * 4096 * 17);
        _sys.HandleClose(clone);
    }
}

/// <summary>Timers: arming and cancelling, and how late a 1 ms timer asserts ZX_TIMER_SIGNALED (the caller polls the
/// signal), beside a caller that spins until the same deadline (the floor has no lateness at all). A thread blocked
/// in a wait is woken on top of that; on these virtual machines a sleeping CPU takes 20 us to 1 ms to wake.</summary>
[MemoryDiagnoser]
public class TimerBenchmarks
{
    private KernelContext _kernel = null!;
    private ZxSyscalls _sys = null!;
    private ZxHandle _timer;

    [GlobalSetup]
    public void Setup()
    {
        _kernel = KernelContext.Create();
        _sys = _kernel.FirstProcess.Syscalls;
        _sys.TimerCreate(0, 0, out _timer);
    }

    [GlobalCleanup]
    public void Cleanup() => _kernel.Dispose();

    [Benchmark(Description = "zx_timer_set (1 s away) + zx_timer_cancel")]
    [Goal(MaxNanoseconds = 300)]
    public ZxStatus SetCancel()
    {
        _sys.TimerSet(_timer, _sys.DeadlineAfter(1_000_000_000), 0);
        return _sys.TimerCancel(_timer);
    }

    [Benchmark(Baseline = true, Description = "floor: spin until a deadline 1 ms away")]
    public long SpinToDeadline()
    {
        long deadline = _sys.DeadlineAfter(1_000_000);
        while (_sys.ClockGetMonotonic() < deadline)
            Thread.SpinWait(20);
        return deadline;
    }

    [Benchmark(Description = "zx_timer_set 1 ms away, then poll until ZX_TIMER_SIGNALED")]
    [Goal(MaxOverheadNanoseconds = 200_000)]
    public ZxStatus Fire()
    {
        _sys.TimerSet(_timer, _sys.DeadlineAfter(1_000_000), 0);
        while (_sys.ObjectWaitOne(_timer, ZxSignals.ObjectSignaled, 0, out _) != ZxStatus.Ok)
            Thread.SpinWait(20);
        return ZxStatus.Ok;
    }
}

/// <summary>zx_cprng_draw_new of 32 bytes beside the host's <c>getrandom</c> of the same.</summary>
// Safety: the buffer is the benchmark's own array, pinned for each call.
public unsafe partial class CprngBenchmarks
{
    private KernelContext _kernel = null!;
    private ZxSyscalls _sys = null!;
    private readonly byte[] _buffer = new byte[32];

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "getrandom")]
    private static partial nint GetRandom(byte* buffer, nuint length, uint flags);

    [GlobalSetup]
    public void Setup()
    {
        _kernel = KernelContext.Create();
        _sys = _kernel.FirstProcess.Syscalls;
    }

    [GlobalCleanup]
    public void Cleanup() => _kernel.Dispose();

    [Benchmark(Baseline = true, Description = "floor: getrandom of 32 bytes")]
    public nint Floor()
    {
        fixed (byte* p = _buffer)
            return GetRandom(p, 32, 0);
    }

    [Benchmark(Description = "zx_cprng_draw_new of 32 bytes")]
    [Goal(Interleaved = true, MaxRatio = 1.2)]
    public ZxStatus Draw() => _sys.CprngDrawNew(_buffer);
}

/// <summary>Futexes: a wake with no waiter, and a ping-pong between two threads over one word, beside the same
/// ping-pong over the host's futex.</summary>
// Safety: the words are unmanaged memory the benchmark allocates and frees, so their addresses never move.
public unsafe partial class FutexBenchmarks
{
    private KernelContext _kernel = null!;
    private ZxSyscalls _sys = null!;
    private int* _words = null;
    private Thread _zxPeer = null!, _hostPeer = null!;
    private volatile bool _stop;

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "syscall")]
    private static partial long HostFutex(long number, int* word, int op, int value, void* timeout, void* word2, int value3);

    private const long SysFutex = 202; // x86-64
    private const int FutexWait = 0, FutexWake = 1, FutexPrivate = 128;

    private int* ZxWord => _words;
    private int* HostWord => _words + 16; // another cache line

    [GlobalSetup]
    public void Setup()
    {
        _kernel = KernelContext.Create();
        _sys = _kernel.FirstProcess.Syscalls;
        _words = (int*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(128);
        // Each peer waits for the word to become 1, sets it to 0 and wakes the other side.
        _zxPeer = new Thread(() =>
        {
            while (!_stop)
            {
                while (Volatile.Read(ref *ZxWord) != 1 && !_stop)
                    _sys.FutexWait(ZxWord, 0, ZxConstants.TimeInfinite);
                Volatile.Write(ref *ZxWord, 0);
                _sys.FutexWake(ZxWord, 1);
            }
        }) { IsBackground = true };
        _hostPeer = new Thread(() =>
        {
            while (!_stop)
            {
                while (Volatile.Read(ref *HostWord) != 1 && !_stop)
                    HostFutex(SysFutex, HostWord, FutexWait | FutexPrivate, 0, null, null, 0);
                Volatile.Write(ref *HostWord, 0);
                HostFutex(SysFutex, HostWord, FutexWake | FutexPrivate, 1, null, null, 0);
            }
        }) { IsBackground = true };
        _zxPeer.Start();
        _hostPeer.Start();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop = true;
        Volatile.Write(ref *ZxWord, 1);
        _sys.FutexWake(ZxWord, 1);
        Volatile.Write(ref *HostWord, 1);
        HostFutex(SysFutex, HostWord, FutexWake | FutexPrivate, 1, null, null, 0);
        _zxPeer.Join();
        _hostPeer.Join();
        _kernel.Dispose();
        System.Runtime.InteropServices.NativeMemory.Free(_words);
    }

    [Benchmark(Description = "zx_futex_wake with no waiter")]
    [Goal(MaxNanoseconds = 30)]
    public ZxStatus WakeNobody() => _sys.FutexWake(_words + 32, 1);

    [Benchmark(Baseline = true, Description = "floor: host futex ping-pong")]
    public void HostPingPong()
    {
        Volatile.Write(ref *HostWord, 1);
        HostFutex(SysFutex, HostWord, FutexWake | FutexPrivate, 1, null, null, 0);
        while (Volatile.Read(ref *HostWord) != 0)
            HostFutex(SysFutex, HostWord, FutexWait | FutexPrivate, 1, null, null, 0);
    }

    [Benchmark(Description = "zx_futex_wait/wake ping-pong")]
    [Goal(Interleaved = true, MaxRatio = 1.2)]
    public void ZxPingPong()
    {
        Volatile.Write(ref *ZxWord, 1);
        _sys.FutexWake(ZxWord, 1);
        while (Volatile.Read(ref *ZxWord) != 0)
            _sys.FutexWait(ZxWord, 1, ZxConstants.TimeInfinite);
    }
}

/// <summary>zx_handle_duplicate + zx_handle_close called through libzircon.so (a C call into the NativeAOT
/// library) beside the same calls on the managed surface.</summary>
// Safety: the pointers are to buffers and locals the benchmark owns, alive for every call.
public unsafe class CAbiBenchmarks
{
    private KernelContext _kernel = null!;
    private ZxSyscalls _sys = null!;
    private ZxHandle _managedVmo;
    private uint _nativeVmo;

    [DllImport("libzircon")]
    private static extern int zx_vmo_create(ulong size, uint options, uint* @out);

    [DllImport("libzircon")]
    private static extern int zx_handle_duplicate(uint handle, uint rights, uint* @out);

    [DllImport("libzircon")]
    private static extern int zx_handle_close(uint handle);

    [GlobalSetup]
    public void Setup()
    {
        ResolverOnce.Value.ToString();
        _kernel = KernelContext.Create();
        _sys = _kernel.FirstProcess.Syscalls;
        _sys.VmoCreate(4096, ZxVmoOptions.None, out _managedVmo);
        uint vmo;
        if (zx_vmo_create(4096, 0, &vmo) != 0)
            throw new InvalidOperationException("libzircon.so is not usable; run: dotnet publish src/Zx.Native -c Release -o artifacts/native");
        _nativeVmo = vmo;
    }

    [GlobalCleanup]
    public void Cleanup() => _kernel.Dispose();

    private static readonly Lazy<bool> ResolverOnce = new(() =>
    {
        NativeLibraries.Install();
        return true;
    });

    [Benchmark(Baseline = true, OperationsPerInvoke = 2, Description = "managed: duplicate + close, per call")]
    public ZxStatus Managed()
    {
        _sys.HandleDuplicate(_managedVmo, ZxRights.SameRights, out ZxHandle d);
        return _sys.HandleClose(d);
    }

    // No target here: this is a .NET process calling the library (with its own P/Invoke transition); the C ABI's targets
    // are judged on the C harness's rows (CHarness.Rows), a C program calling it the way users do.
    [Benchmark(OperationsPerInvoke = 2, Description = "C ABI (libzircon.so) from .NET: duplicate + close, per call")]
    public int ThroughLibzircon()
    {
        uint d;
        zx_handle_duplicate(_nativeVmo, 0x80000000u, &d);
        return zx_handle_close(d);
    }
}

/// <summary>Signals, ports and channels in one thread (Zircon's own figures: Event/Signal 184 ns,
/// WaitForAlreadySignaledEvent 426 ns, Channel write/read 64 B 618/608 ns).</summary>
[MemoryDiagnoser]
[BenchmarkDotNet.Attributes.GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class IpcBenchmarks
{
    private KernelContext _kernel = null!;
    private ZxSyscalls _sys = null!;
    private ZxHandle _event, _port, _a, _b, _vmo, _fifoA, _fifoB, _socketA, _socketB;
    private readonly byte[] _message = new byte[64];
    private readonly byte[] _ring = new byte[64 * 16];
    private uint _ringHead, _ringTail;
    private readonly byte[] _buffer = new byte[64];
    private readonly ZxHandle[] _handles = new ZxHandle[1];

    [GlobalSetup]
    public void Setup()
    {
        _kernel = KernelContext.Create();
        _sys = _kernel.FirstProcess.Syscalls;
        _sys.EventCreate(0, out _event);
        _sys.PortCreate(0, out _port);
        _sys.ChannelCreate(0, out _a, out _b);
        _sys.VmoCreate(4096, ZxVmoOptions.None, out _vmo);
        _sys.FifoCreate(64, 16, out _fifoA, out _fifoB);
        _sys.SocketCreate(0, out _socketA, out _socketB);
        _floorHandle = _floorTable.AddNew();
    }

    [GlobalCleanup]
    public void Cleanup() => _kernel.Dispose();

    private readonly ManualResetEventSlim _floorEvent = new(false);
    private readonly System.Collections.Concurrent.ConcurrentQueue<ZxPortPacket> _floorPort = new();
    private readonly Queue<byte[]> _floorChannel = new();
    private readonly GenerationTableFloor _floorTable = new();
    private uint _floorHandle;

    [Benchmark(Baseline = true, Description = "floor: a 16-byte element into a 64-slot ring and out"), BenchmarkCategory("fifo")]
    public byte FloorFifo()
    {
        lock (_ring)
        {
            _message.AsSpan(0, 16).CopyTo(_ring.AsSpan((int)(_ringHead++ & 63) * 16, 16));
            _ring.AsSpan((int)(_ringTail++ & 63) * 16, 16).CopyTo(_buffer);
        }
        return _buffer[0];
    }

    [Benchmark(Description = "fifo write + read, one 16-byte element"), BenchmarkCategory("fifo")]
    [Goal(MaxNanoseconds = 150)]
    public ZxStatus FifoWriteRead()
    {
        _sys.FifoWrite(_fifoA, 16, _message.AsSpan(0, 16), out _);
        return _sys.FifoRead(_fifoB, 16, _buffer.AsSpan(0, 16), out _);
    }

    private readonly byte[] _floorStream = new byte[4096];
    private int _floorStreamHead, _floorStreamCount;

    [Benchmark(Baseline = true, Description = "floor: 64 bytes into a locked byte ring and out"), BenchmarkCategory("socket")]
    public byte FloorSocket()
    {
        lock (_floorStream)
        {
            _message.CopyTo(_floorStream.AsSpan((_floorStreamHead + _floorStreamCount) & 4095 & ~63, 64));
            _floorStreamCount += 64;
            _floorStream.AsSpan(_floorStreamHead, 64).CopyTo(_buffer);
            _floorStreamHead = (_floorStreamHead + 64) & 4095;
            _floorStreamCount -= 64;
        }
        return _buffer[0];
    }

    [Benchmark(Description = "socket write + read, 64 bytes"), BenchmarkCategory("socket")]
    [Goal(MaxNanoseconds = 200, Zircon = "about 1 us")]
    public ZxStatus SocketWriteRead()
    {
        _sys.SocketWrite(_socketA, 0, _message, out _);
        return _sys.SocketRead(_socketB, 0, _buffer, out _);
    }

    [Benchmark(Baseline = true, Description = "floor: ManualResetEventSlim Set + Wait(0) + Reset"), BenchmarkCategory("event")]
    public bool FloorEvent()
    {
        _floorEvent.Set();
        bool set = _floorEvent.Wait(0);
        _floorEvent.Reset();
        return set;
    }

    [Benchmark(Description = "event signal + wait_one (already signalled)"), BenchmarkCategory("event")]
    [Goal(MaxNanoseconds = 200, Zircon = "184 ns signal + 426 ns wait")]
    public ZxStatus SignalAndWait()
    {
        _sys.ObjectSignal(_event, 0, (uint)ZxSignals.EventSignaled);
        return _sys.ObjectWaitOne(_event, ZxSignals.EventSignaled, 0, out _);
    }

    [Benchmark(Baseline = true, Description = "floor: ConcurrentQueue enqueue + dequeue of a packet"), BenchmarkCategory("port")]
    public bool FloorPort()
    {
        _floorPort.Enqueue(new ZxPortPacket { Key = 1 });
        return _floorPort.TryDequeue(out _);
    }

    [Benchmark(Description = "port queue + wait"), BenchmarkCategory("port")]
    [Goal(MaxNanoseconds = 200)]
    public ZxStatus PortQueueWait()
    {
        _sys.PortQueue(_port, new ZxPortPacket { Key = 1 });
        return _sys.PortWait(_port, 0, out _);
    }

    [Benchmark(Baseline = true, Description = "floor: Queue of copied 64-byte arrays"), BenchmarkCategory("channel")]
    public int FloorChannel()
    {
        _floorChannel.Enqueue(_message.AsSpan().ToArray());
        byte[] m = _floorChannel.Dequeue();
        m.CopyTo(_buffer, 0);
        return m.Length;
    }

    [Benchmark(Description = "channel write + read, 64 bytes"), BenchmarkCategory("channel")]
    [Goal(MaxNanoseconds = 200, Zircon = "618 ns write + 608 ns read")]
    public ZxStatus ChannelWriteRead()
    {
        _sys.ChannelWrite(_a, 0, _message, ReadOnlySpan<ZxHandle>.Empty);
        return _sys.ChannelRead(_b, 0, _buffer, Span<ZxHandle>.Empty, out _, out _);
    }

    [Benchmark(Baseline = true, Description = "floor: the same, moving one generation-table slot"), BenchmarkCategory("channel + handle")]
    public int FloorChannelHandle()
    {
        _floorChannel.Enqueue(_message.AsSpan().ToArray());
        _floorTable.Remove(_floorHandle);
        byte[] m = _floorChannel.Dequeue();
        m.CopyTo(_buffer, 0);
        _floorHandle = _floorTable.AddNew();
        return m.Length;
    }

    [Benchmark(Description = "channel write + read, 64 bytes and one handle"), BenchmarkCategory("channel + handle")]
    [Goal(MaxNanoseconds = 200)]
    public ZxStatus ChannelWriteReadHandle()
    {
        _sys.ChannelWrite(_a, 0, _message, [_vmo]);
        ZxStatus status = _sys.ChannelRead(_b, 0, _buffer, _handles, out _, out _);
        _vmo = _handles[0];
        return status;
    }
}

/// <summary>A cross-thread round trip: signal an event pair's peer and wait for the answer, beside the same round
/// trip with two ManualResetEventSlim (the host floor).</summary>
public class CrossThreadBenchmarks
{
    private KernelContext _kernel = null!;
    private ZxSyscalls _sys = null!;
    private ZxHandle _a, _b;
    private Thread _zxPeer = null!, _floorPeer = null!;
    // The floor's two events are kept apart as Zx's two ends are (PeeredDispatcher.SpacingBytes, decision 110): made one
    // after the other, they shared a cache line in most processes, a one-line handshake that two separate objects do
    // not have, and the floor read 370-410 ns in those processes and 450-600 ns in the others.
    private readonly ManualResetEventSlim _ping = new(false);
    private readonly byte[] _spacing = new byte[Zx.Kernel.Object.PeeredDispatcher.SpacingBytes];
    private readonly ManualResetEventSlim _pong = new(false);
    private volatile bool _stop;

    [GlobalSetup]
    public void Setup()
    {
        _kernel = KernelContext.Create();
        _sys = _kernel.FirstProcess.Syscalls;
        _sys.EventPairCreate(0, out _a, out _b);
        // Both peers wait without a deadline (a deadline would add a clock read to one side only); Cleanup wakes them.
        CpuPinning.Pin(0); // this thread on one CPU, the peers on the other (CpuPinning)
        _zxPeer = new Thread(() =>
        {
            CpuPinning.Pin(1);
            while (!_stop)
            {
                _sys.ObjectWaitOne(_b, ZxSignals.User0, ZxConstants.TimeInfinite, out _);
                _sys.ObjectSignal(_b, (uint)ZxSignals.User0, 0);
                _sys.ObjectSignalPeer(_b, 0, (uint)ZxSignals.User1);
            }
        }) { IsBackground = true };
        _floorPeer = new Thread(() =>
        {
            CpuPinning.Pin(1);
            while (!_stop)
            {
                _ping.Wait();
                _ping.Reset();
                _pong.Set();
            }
        }) { IsBackground = true };
        _zxPeer.Start();
        _floorPeer.Start();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop = true;
        _sys.ObjectSignalPeer(_a, 0, (uint)ZxSignals.User0);
        _ping.Set();
        _zxPeer.Join();
        _floorPeer.Join();
        CpuPinning.Unpin();
        _kernel.Dispose();
    }

    [Benchmark(Baseline = true, Description = "floor: ManualResetEventSlim ping-pong")]
    public void Floor()
    {
        _ping.Set();
        _pong.Wait();
        _pong.Reset();
    }

    [Benchmark(Description = "event pair signal_peer + wait_one ping-pong")]
    [Goal(Interleaved = true, MaxRatio = 1.2)]
    public void EventPair()
    {
        _sys.ObjectSignalPeer(_a, 0, (uint)ZxSignals.User0);
        _sys.ObjectWaitOne(_a, ZxSignals.User1, ZxConstants.TimeInfinite, out _);
        _sys.ObjectSignal(_a, (uint)ZxSignals.User1, 0);
    }
}

/// <summary>The user-copy layer's cost on the smallest output: <c>zx_vmo_get_size</c> writes its 8-byte result
/// through the fault-recovering store, beside the same look-up followed by a plain store.</summary>
// Safety: the pointers are to buffers and locals the benchmark owns, alive for every call.
[MemoryDiagnoser]
public unsafe class UserCopyBenchmarks
{
    private KernelContext _kernel = null!;
    private ZxSyscalls _sys = null!;
    private ZxHandle _vmo;
    private ulong* _out;

    [GlobalSetup]
    public void Setup()
    {
        _kernel = KernelContext.Create();
        _sys = _kernel.FirstProcess.Syscalls;
        _sys.VmoCreate(4096, ZxVmoOptions.None, out _vmo);
        _out = (ulong*)NativeMemory.Alloc(sizeof(ulong));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        NativeMemory.Free(_out);
        _kernel.Dispose();
    }

    [Benchmark(Baseline = true, Description = "floor: the same look-up + a plain 8-byte store")]
    public ZxStatus PlainStore()
    {
        using Zx.Kernel.Object.Lookup<Zx.Kernel.Object.VmObjectDispatcher> vmo =
            _kernel.FirstProcess.Dispatcher.GetDispatcher<Zx.Kernel.Object.VmObjectDispatcher>(_vmo);
        if (vmo.Failed)
            return vmo.Status;
        *_out = vmo.Object.Vmo.Size;
        return ZxStatus.Ok;
    }

    [Benchmark(Description = "zx_vmo_get_size: 8-byte out through the user-copy layer")]
    [Goal(Interleaved = true, MaxOverheadNanoseconds = 5)]
    public ZxStatus GetSize() => _sys.VmoGetSize(_vmo, _out);
}

/// <summary>zx_vmar_map + zx_vmar_unmap of one page in a root VMAR that already holds 100 or 30,000 mappings: the
/// region's look-ups must not grow with the number of mappings (the Scale table pairs the two). Each Zx mapping is a
/// host mapping at a random page of the root VMAR (Zircon's ASLR), and the host's own mmap grows dearer with their
/// number, more so at a random place than at one it has just used: the floor is the host's mmap + PROT_NONE back of the
/// same board memory at a random free page of the same window, among the same mappings, and the Scale row takes its
/// growth out.</summary>
// Safety: the pointers are to locals the benchmark owns, and the floor's address is a page of the kernel's root VMAR
// window (a host reservation) that no live mapping holds, checked against them all.
[MemoryDiagnoser]
[ScaleAgainstHostGrowth]
public unsafe class MappingScaleBenchmarks
{
    private KernelContext _kernel = null!;
    private ZxSyscalls _sys = null!;
    private ZxHandle _vmo;
    private int _fd;
    private ulong _fileOffset;

    [Params(100, 30_000)]
    public int LiveMappings { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _kernel = KernelContext.Create();
        _sys = _kernel.FirstProcess.Syscalls;
        _sys.VmoCreatePhysical(_kernel.RootResource, 0x80_0000_0000, 4096, out _vmo);
        for (int i = 0; i < LiveMappings; i++)
        {
            ZxStatus status = _sys.VmarMap(_kernel.FirstProcess.RootVmar, ZxVmOptions.PermRead, 0, _vmo, 0, 4096, out ulong address);
            if (status != ZxStatus.Ok)
                throw new InvalidOperationException($"mapping {i} of {LiveMappings} failed: {status}");
            _mapped.Add(address);
        }
        (_fd, _fileOffset) = HostMapFloor.BackingOf(_kernel, 0x80_0000_0000, 4096);
        ZxInfoVmar window;
        _sys.ObjectGetInfo(_kernel.FirstProcess.RootVmar, ZxInfoTopic.Vmar, &window, (ulong)sizeof(ZxInfoVmar), null, null);
        (_windowBase, _windowPages) = (window.Base, window.Len >> ZxConstants.PageShift);
        // The floor maps into Zx's own window: nothing but the N mappings may live there.
        int children = _kernel.FirstProcess.Dispatcher.Aspace.Root.ChildrenLocked.Count();
        if (children != LiveMappings)
            throw new InvalidOperationException($"the root VMAR holds {children} children, not the {LiveMappings} mappings");
    }

    private ulong _windowBase, _windowPages;
    private readonly HashSet<ulong> _mapped = []; // the live mappings' pages, which the floor's random page avoids
    private readonly Random _placement = new(7);

    [GlobalCleanup]
    public void Cleanup() => _kernel.Dispose();

    [Benchmark(Baseline = true, Description = "host floor: mmap board memory at a random free page of the same window + PROT_NONE back, beside the N mappings")]
    public void HostFloor()
    {
        ulong address;
        do
            address = _windowBase + ((ulong)_placement.NextInt64((long)_windowPages) << ZxConstants.PageShift);
        while (_mapped.Contains(address));
        HostMapFloor.MapAndRelease((byte*)address, 4096, _fd, _fileOffset);
    }

    [Benchmark(Description = "map+unmap with N live mappings")]
    [Goal(Interleaved = true)] // measured alternately with its floor at each population; the Scale row holds the target
    public void MapUnmap()
    {
        _sys.VmarMap(_kernel.FirstProcess.RootVmar, ZxVmOptions.PermRead | ZxVmOptions.PermWrite, 0, _vmo, 0, 4096, out ulong address);
        _sys.VmarUnmap(_kernel.FirstProcess.RootVmar, address, 4096);
    }
}
