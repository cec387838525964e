using Zx.Kernel.Host;

namespace Zx.Kernel.Vm;

/// <summary>A process's address space (Zircon's <c>VmAspace</c>): a window of host address space reserved for
/// the process, inaccessible until mapped, and the tree of regions and mappings inside it.</summary>
/// <remarks>One lock guards the tree. A window is given back by mapping inaccessible memory over it, never by
/// unmapping, so the reservation never has a hole (docs/benchmarks.md).</remarks>
// Safety: the reservation is mapped for the aspace's whole life and unmapped once, in Dispose, under the lock.
internal sealed unsafe class VmAspace : IDisposable
{
    private readonly byte* _reservation;
    private bool _disposed;

    private VmAspace(PhysicalMemory memory, FaultInjection faults, byte* reservation, ulong size)
    {
        Memory = memory;
        Faults = faults;
        _reservation = reservation;
        Size = size;
        Root = new VmAddressRegion(this, (ulong)reservation, size);
    }

    /// <summary>Reserves <paramref name="size"/> bytes of host address space; null when the host refuses.</summary>
    public static VmAspace? Create(PhysicalMemory memory, FaultInjection faults, ulong size)
    {
        byte* reservation = LinuxMemory.Reserve(size);
        return reservation is null ? null : new VmAspace(memory, faults, reservation, size);
    }

    /// <summary>Guards every region and mapping of the aspace.</summary>
    public Lock Lock { get; } = new();

    /// <summary>The root region, covering the whole reservation.</summary>
    public VmAddressRegion Root { get; }

    /// <summary>The reservation's size.</summary>
    public ulong Size { get; }

    /// <summary>The board memory mappings are made of.</summary>
    public PhysicalMemory Memory { get; }

    /// <summary>The kernel's fault injector (mapping creation is an allocation point).</summary>
    public FaultInjection Faults { get; }

    /// <summary>A list reused under <see cref="Lock"/> to collect the nodes an unmap or protect touches.</summary>
    public List<VmAddressRegionOrMapping> ScratchNodes { get; } = [];

    /// <summary>Randomises placement inside regions that are not COMPACT.</summary>
    public Random Random { get; } = new();

    /// <summary>Destroys every region and mapping and returns the reservation to the host.</summary>
    /// <summary>True while the host address space is reserved (until <see cref="Dispose"/>).</summary>
    public bool IsReserved
    {
        get { lock (Lock) return !_disposed; }
    }

    public void Dispose()
    {
        lock (Lock)
        {
            if (_disposed)
                return;
            _disposed = true;
            Root.DestroyLocked();
            LinuxMemory.Unmap(_reservation, Size);
        }
    }
}
