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

    private VmAspace(PhysicalMemory memory, FaultInjection faults, byte* reservation, ulong size, bool demandPaging)
    {
        DemandPaging = demandPaging;
        Memory = memory;
        Faults = faults;
        _reservation = reservation;
        Size = size;
        Root = new VmAddressRegion(this, (ulong)reservation, size);
    }

    /// <summary>Reserves <paramref name="size"/> bytes of host address space; null when the host refuses.</summary>
    public static VmAspace? Create(PhysicalMemory memory, FaultInjection faults, ulong size, bool demandPaging = false)
    {
        byte* reservation = LinuxMemory.Reserve(size);
        if (reservation is null)
            return null;
        var aspace = new VmAspace(memory, faults, reservation, size, demandPaging);
        Reservations.Add(aspace);
        return aspace;
    }

    /// <summary>Where the reservation starts.</summary>
    public ulong ReservationBase => (ulong)_reservation;

    /// <summary>True when mappings of paged VMOs fill in on first touch (<see cref="KernelOptions.DemandPaging"/>).</summary>
    public bool DemandPaging { get; }

    /// <summary><c>VmAspace::PageFault</c>: resolves a touch of <paramref name="address"/> by a thread of this
    /// aspace's process. OK when the page is now mapped so that the access can be retried; NOT_FOUND when no mapping
    /// holds the address, ACCESS_DENIED when the mapping does not allow the access, OUT_OF_RANGE past the end of the
    /// VMO, NO_MEMORY when the board's RAM (or the host) has no page for it. Every failure is the thread's
    /// exception.</summary>
    public ZxStatus PageFault(ulong address, PageFaultFlags access)
    {
        lock (Lock)
        {
            if (_disposed)
                return ZxStatus.NotFound;
            VmMapping? mapping = Root.FindMappingLocked(address);
            return mapping is null ? ZxStatus.NotFound : mapping.PageFaultLocked(address, access);
        }
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

    /// <summary>The device register an access to <paramref name="address"/> reaches, when a mapping of a physical VMO
    /// holds the address over a region with a device model (in a kernel with a fault path); with the mapping's
    /// permissions.</summary>
    public Devices.DeviceModel? FindDevice(ulong address, out ulong offset, out ZxVmOptions perms)
    {
        offset = 0;
        perms = 0;
        if (!DemandPaging)
            return null;
        lock (Lock)
        {
            if (_disposed || Root.FindMappingLocked(address) is not VmMapping { Vmo: VmObjectPhysical physical } mapping)
                return null;
            ulong vmoOffset = mapping.VmoOffset + (address - mapping.Base);
            if (vmoOffset >= physical.Size)
                return null;
            perms = mapping.Perms;
            return Memory.DeviceAt(physical.BaseAddress + vmoOffset, out offset);
        }
    }

    /// <summary>For a crash report: which mapping holds <paramref name="address"/> (its range, permissions, VMO and
    /// the offset there), or that none does.</summary>
    public string DescribeAddress(ulong address)
    {
        lock (Lock)
        {
            if (_disposed)
                return "in the address space of a process that was killed";
            VmMapping? mapping = Root.FindMappingLocked(address);
            if (mapping is null)
                return "not in any mapping of the process";
            Span<byte> name = stackalloc byte[32];
            mapping.Vmo.GetName(name);
            int length = name.IndexOf((byte)0);
            string vmoName = System.Text.Encoding.UTF8.GetString(length < 0 ? name : name[..length]);
            ZxVmOptions perms = mapping.Perms;
            string permissions = (perms.HasFlag(ZxVmOptions.PermRead) ? "r" : "-") + (perms.HasFlag(ZxVmOptions.PermWrite) ? "w" : "-")
                + (perms.HasFlag(ZxVmOptions.PermExecute) ? "x" : "-");
            ulong offset = mapping.VmoOffset + (address - mapping.Base);
            string past = offset >= mapping.Vmo.Size ? $", past the VMO's end (size 0x{mapping.Vmo.Size:x})" : "";
            string physical = "";
            if (mapping.Vmo is VmObjectPhysical device && offset < mapping.Vmo.Size)
            {
                ulong paddr = device.BaseAddress + offset;
                Board.BoardRegion? region = Memory.Board.Regions.FirstOrDefault(r => r.Contains(paddr, 1));
                physical = region is null ? $", physical address 0x{paddr:x}, which no board region backs"
                    : $", physical address 0x{paddr:x} in board region '{region.Name}' at offset 0x{paddr - region.Base:x}";
            }
            return $"in mapping [0x{mapping.Base:x}, 0x{mapping.Base + mapping.Size:x}) {permissions} of VMO '{vmoName}' (koid {mapping.Vmo.UserId}) at offset 0x{offset:x}{past}{physical}";
        }
    }

    /// <summary>True while the host address space is reserved (until <see cref="Dispose"/>).</summary>
    public bool IsReserved
    {
        get { lock (Lock) return !_disposed; }
    }

    /// <summary>Destroys every region and mapping; the reservation stays until <see cref="Free"/>.</summary>
    public void Dispose()
    {
        lock (Lock)
        {
            if (_disposed)
                return;
            _disposed = true;
            Root.DestroyLocked();
        }
    }

    private int _freed;

    /// <summary>Gives the reservation back to the host, once nothing of the process can run any more (the process
    /// object is destroyed). Until then the window stays reserved and inaccessible, so a thread of a killed process
    /// that still runs user code faults in a window the fault handler knows, and is sent away, instead of touching
    /// whatever the host put there next.</summary>
    public void Free()
    {
        Dispose();
        if (Interlocked.Exchange(ref _freed, 1) != 0)
            return;
        Reservations.Remove(this);
        LinuxMemory.Unmap(_reservation, Size);
    }
}

/// <summary>What a faulting access tried (Zircon's <c>VMM_PF_FLAG_*</c>).</summary>
[Flags]
internal enum PageFaultFlags
{
    /// <summary>A load.</summary>
    Read = 0,
    /// <summary>A store.</summary>
    Write = 1 << 0,
    /// <summary>An instruction fetch.</summary>
    Execute = 1 << 1,
}
