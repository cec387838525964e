using Zx.Kernel.Board;
using Zx.Kernel.Host;

namespace Zx.Kernel.Vm;

/// <summary>The board's physical memory: each region backed by its own host shared memory file, plus the
/// kernel's own mapping of all of it (Zircon's "physmap"), through which the kernel reads and writes pages.</summary>
/// <remarks>The host commits a page only when it is first touched, so a board of any size starts in
/// milliseconds and costs nothing until used.</remarks>
// Safety: the physmap is mapped in the constructor and unmapped once in Dispose; pointers into it are bounds-checked
// against the board's regions before they are handed out.
public sealed unsafe class PhysicalMemory : IDisposable
{
    private readonly Backing[] _backings;
    private bool _disposed;

    /// <summary>One region with its shared memory file and its physmap window.</summary>
    internal sealed class Backing(BoardRegion region, int fd, byte* physmap)
    {
        public BoardRegion Region { get; } = region;
        public int Fd { get; } = fd;
        public byte* Physmap { get; } = physmap;
    }

    /// <summary>Creates the backing for every region of <paramref name="board"/>.</summary>
    public PhysicalMemory(BoardDescription board)
    {
        Board = board;
        var backings = new List<Backing>();
        try
        {
            foreach (BoardRegion region in board.Regions)
            {
                int fd = LinuxMemory.CreateSharedMemory($"zx:{board.Name}:{region.Name}", region.Size);
                byte* map = LinuxMemory.MapShared(fd, 0, region.Size);
                if (map is null)
                {
                    LinuxMemory.CloseFile(fd);
                    throw new IOException($"cannot map region {region} into the kernel's physmap");
                }
                backings.Add(new Backing(region, fd, map));
            }
        }
        catch
        {
            foreach (Backing b in backings)
                Release(b);
            throw;
        }
        _backings = [.. backings];
    }

    private Devices.DeviceModel[] _devices = [];

    /// <summary>Puts device models behind their regions: a mapping made by a kernel with a fault path leaves those pages
    /// unmapped, so each access traps and reaches the model.</summary>
    internal void AttachDevices(IEnumerable<Devices.DeviceModel> devices) => _devices = [.. devices];

    /// <summary>Puts <paramref name="device"/> behind <paramref name="region"/> in place of what was there (a scripted
    /// device for a test), or, with null, takes it away again.</summary>
    internal void ReplaceDevice(Board.BoardRegion region, Devices.DeviceModel? device)
    {
        List<Devices.DeviceModel> next = [.. _devices.Where(d => d.Region != region)];
        if (device is not null)
            next.Add(device);
        _devices = [.. next];
    }

    /// <summary>True when accesses to <paramref name="region"/> are trapped to a device (a model or a scripted one).</summary>
    internal bool IsTrapped(Board.BoardRegion region) => _devices.Any(d => d.Region == region);

    /// <summary>The device model behind physical address <paramref name="paddr"/> and the offset into its region, or
    /// null for memory without one.</summary>
    internal Devices.DeviceModel? DeviceAt(ulong paddr, out ulong offset)
    {
        foreach (Devices.DeviceModel device in _devices)
        {
            if (device.Region!.Contains(paddr, 1))
            {
                offset = paddr - device.Region.Base;
                return device;
            }
        }
        offset = 0;
        return null;
    }

    /// <summary>The board this memory belongs to.</summary>
    public BoardDescription Board { get; }

    internal IReadOnlyList<Backing> Backings => _backings;

    /// <summary>The kernel's pointer to <c>[paddr, paddr+length)</c> when one region backs all of it, else null.</summary>
    public byte* PhysToVirt(ulong paddr, ulong length)
    {
        Backing? backing = FindBacking(paddr, length);
        return backing is null ? null : backing.Physmap + (paddr - backing.Region.Base);
    }

    internal Backing? FindBacking(ulong paddr, ulong length)
    {
        foreach (Backing b in _backings)
        {
            if (b.Region.Contains(paddr, length))
                return b;
        }
        return null;
    }

    /// <summary>True when both frames lie in the same region's backing (so one discard can cover a run between them).</summary>
    internal bool SameBacking(ulong first, ulong last) => FindBacking(first, 1) is Backing b && b.Region.Contains(last, ZxConstants.PageSize);

    /// <summary>Gives the host back the memory behind a page-aligned range of RAM; it reads as zero afterwards.</summary>
    internal void Discard(ulong paddr, ulong length)
    {
        Backing backing = FindBacking(paddr, length) ?? throw new InvalidOperationException("discard outside the board");
        if (!LinuxMemory.PunchHole(backing.Fd, paddr - backing.Region.Base, length))
            new Span<byte>(backing.Physmap + (paddr - backing.Region.Base), checked((int)length)).Clear();
    }

    /// <summary>Bytes of host memory the board's backing holds right now, over all regions.</summary>
    public ulong HostCommittedBytes => _backings.Aggregate(0UL, (sum, b) => sum + LinuxMemory.AllocatedBytes(b.Fd));

    /// <summary>Bytes of host memory one region's backing holds right now.</summary>
    public ulong HostCommittedBytesOf(string regionName) =>
        _backings.Where(b => b.Region.Name == regionName).Aggregate(0UL, (sum, b) => sum + LinuxMemory.AllocatedBytes(b.Fd));

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        foreach (Backing b in _backings)
            Release(b);
    }

    private static void Release(Backing b)
    {
        LinuxMemory.Unmap(b.Physmap, b.Region.Size);
        LinuxMemory.CloseFile(b.Fd);
    }
}
