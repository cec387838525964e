// The main job on a board: get the root resource, find the board's MMIO windows the way Zircon's resource core
// test does, mint an MMIO resource over a device, create a physical VMO over it, and show each step's status.
using System.Globalization;
using Zx;
using Zx.Kernel;
using Zx.Kernel.Board;
using Zx.Kernel.Syscalls;

string? boardPath = args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("ZX_BOARD");
BoardDescription board;
try
{
    board = string.IsNullOrEmpty(boardPath) ? BoardDescription.Default : BoardLoader.Load(boardPath);
}
catch (BoardFormatException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

using KernelContext kernel = KernelContext.Create(new KernelOptions { Board = board });
ZxSyscalls sys = kernel.FirstProcess.Syscalls;
ZxHandle root = kernel.RootResource;
Console.WriteLine($"board {board.Name}: {board.Description}");
foreach (BoardRegion region in board.Regions)
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {region.Name,-16} {region.Kind,-4} 0x{region.Base:x12} - 0x{region.End - 1:x12} ({ByteSizes.Format(region.Size)})"));
Console.WriteLine($"live objects at start: {kernel.LiveObjectCount}, handles in {kernel.FirstProcess.HandleCount}");
Console.WriteLine();

const ulong TestSize = 4 * ZxConstants.PageSize;
ulong mmioBase = 0;
int probes = 0;
for (ulong probe = 0; ; probe += 4UL << 30)
{
    probes++;
    ZxStatus s = sys.ResourceCreate(root, (uint)ZxResourceKind.Mmio, probe, TestSize, "probe"u8, out ZxHandle found);
    if (s == ZxStatus.Ok)
    {
        mmioBase = probe;
        sys.HandleClose(found);
        Console.WriteLine($"probe: {probes - 1} probes of 4 pages at 4 GiB steps said ZX_ERR_NOT_FOUND; found an MMIO window at 0x{mmioBase:x}");
        break;
    }
    if (s != ZxStatus.NotFound || probe > ulong.MaxValue - (4UL << 30))
    {
        Console.WriteLine($"probe at 0x{probe:x}: {s.ToZirconName()}");
        return 1;
    }
}

BoardRegion uart = board.Regions.FirstOrDefault(r => r.Name == "uart0") ?? board.Regions.FirstOrDefault(r => r.Kind == BoardRegionKind.Mmio) ?? throw new InvalidOperationException("no MMIO region");
Step($"zx_resource_create(root, MMIO, 0x{uart.Base:x}, 0x1000, \"{uart.Name}\")",
    sys.ResourceCreate(root, (uint)ZxResourceKind.Mmio, uart.Base, 0x1000, System.Text.Encoding.UTF8.GetBytes(uart.Name), out ZxHandle mmio));
Step($"zx_vmo_create_physical(mmio, 0x{uart.Base:x}, 0x1000)", sys.VmoCreatePhysical(mmio, uart.Base, 0x1000, out ZxHandle vmo));
sys.ObjectGetInfo(vmo, ZxInfoTopic.Vmo, out ZxInfoVmo info);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"    koid {info.Koid}, size 0x{info.SizeBytes:x}, flags {info.Flags}, cache {info.CachePolicy}, rights 0x{(uint)info.HandleRights:x}, committed {info.CommittedBytes}"));
Step("zx_vmo_read(vmo, buf, 0, 16)   (physical VMOs refuse it)", sys.VmoRead(vmo, new byte[16], 0));
Step($"zx_vmo_create_physical(mmio, 0x{uart.Base + 0x1000:x}, 0x1000)  (outside the resource)",
    sys.VmoCreatePhysical(mmio, uart.Base + 0x1000, 0x1000, out _));
Step($"zx_vmo_create_physical(mmio, 0x{uart.Base + 0x800:x}, 0x1000)  (unaligned paddr)",
    sys.VmoCreatePhysical(mmio, uart.Base + 0x800, 0x800, out _));
Step("zx_vmo_create_physical(vmo, ...)  (not a resource)", sys.VmoCreatePhysical(vmo, uart.Base, 0x1000, out _));

using (Resource window = Resource.Create(Resource.Root(kernel), ZxResourceKind.Mmio, mmioBase, TestSize, "probe-window", exclusive: true))
using (Vmo device = Vmo.CreatePhysical(window.Borrow(), mmioBase, TestSize))
{
    Console.WriteLine($"typed API: exclusive resource \"{window.Info.Name}\" and a physical VMO of 0x{device.Size:x} bytes with rights 0x{(uint)device.Rights:x}");
}

Step("zx_handle_close(vmo)", sys.HandleClose(vmo));
Step("zx_handle_close(mmio)", sys.HandleClose(mmio));
Console.WriteLine($"live objects at end: {kernel.LiveObjectCount}, handles in {kernel.FirstProcess.HandleCount}");
return 0;

static void Step(string call, ZxStatus status) => Console.WriteLine($"{call} = {status.ToZirconName()}");
