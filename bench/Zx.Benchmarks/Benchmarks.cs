using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Zx.Kernel;
using Zx.Kernel.Host;
using Zx.Kernel.Syscalls;

namespace Zx.Benchmarks;

/// <summary>zx_vmar_map + zx_vmar_unmap of a physical VMO, beside the raw host floor: map the same board memory
/// (the region's shared memory file, at the same offset) into a reservation, then release the window by mapping
/// inaccessible memory back over it.</summary>
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
        Zx.Kernel.Vm.PhysicalMemory.Backing backing = _kernel.Memory.FindBacking(0x80_0000_0000, Size)!;
        _fd = backing.Fd;
        _fileOffset = 0x80_0000_0000 - backing.Region.Base;
        _reservation = LinuxMemory.Reserve(4 * Size);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        LinuxMemory.Unmap(_reservation, 4 * Size);
        _kernel.Dispose();
    }

    [Benchmark(Baseline = true, Description = "host floor: mmap board memory into reservation + PROT_NONE back")]
    public void HostFloor()
    {
        byte* at = _reservation + Size;
        LinuxMemory.MapFixedShared(at, Size, LinuxMemory.ProtRead | LinuxMemory.ProtWrite, _fd, _fileOffset);
        LinuxMemory.ReleaseToReservation(at, Size);
    }

    [Benchmark(Description = "zx_vmar_map + zx_vmar_unmap (physical VMO)")]
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
    public ZxStatus Read() => _sys.VmoRead(_vmo, _destination, 0);

    [Benchmark(Description = "zx_vmo_write")]
    public ZxStatus Write() => _sys.VmoWrite(_vmo, _source, 0);
}

/// <summary>zx_handle_duplicate + zx_handle_close called through libzircon.so (a C call into the NativeAOT
/// library) beside the same calls on the managed surface.</summary>
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
        string dir = Path.Combine(FindRoot(), "artifacts", "native");
        NativeLibrary.SetDllImportResolver(typeof(CAbiBenchmarks).Assembly,
            (name, _, _) => name == "libzircon" ? NativeLibrary.Load(Path.Combine(dir, "libzircon.so")) : 0);
        return true;
    });

    [Benchmark(Baseline = true, Description = "managed: duplicate + close")]
    public ZxStatus Managed()
    {
        _sys.HandleDuplicate(_managedVmo, ZxRights.SameRights, out ZxHandle d);
        return _sys.HandleClose(d);
    }

    [Benchmark(Description = "C ABI (libzircon.so): duplicate + close")]
    public int ThroughLibzircon()
    {
        uint d;
        zx_handle_duplicate(_nativeVmo, 0x80000000u, &d);
        return zx_handle_close(d);
    }

    private static string FindRoot()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "Zx.slnx")))
                return dir;
        }
        throw new InvalidOperationException("cannot find the repository root");
    }
}
