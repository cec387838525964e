using Zx.Kernel.Object;
using Zx.Kernel.Vm;

namespace Zx.Kernel.Syscalls;

// Safety: pointer parameters are user memory, read and written only through UserCopy, which answers a fault.
public sealed unsafe partial class ZxSyscalls
{
    /// <summary><c>zx_vmo_create_physical</c>: a VMO over <c>[paddr, paddr+size)</c> of physical memory.</summary>
    /// <remarks>
    /// <para>Rights on <paramref name="resource"/>: none; it must be the ROOT resource or an MMIO resource whose
    /// page-widened window holds the whole request. The new handle has the default VMO rights (0xD0FF); the VMO is
    /// UNCACHED, has ZERO_CHILDREN asserted, and refuses read, write and set_size.</para>
    /// <para>Order of checks (the zx_vmo_create_physical document's, with the 2018 kernel's beside it): BAD_HANDLE; WRONG_TYPE (not a resource, or neither ROOT nor MMIO);
    /// the range check (ACCESS_DENIED by default, OUT_OF_RANGE under <see cref="ZxCompatibility.Zircon2018"/>);
    /// under Zircon2018 the size is then rounded up to whole pages (wrapping to 0 near 2^64); INVALID_ARGS for an
    /// unaligned paddr, an unaligned size (default setting only), size 0, or <c>paddr + size - 1</c> past 2^64;
    /// NO_MEMORY; and last INVALID_ARGS for a bad <paramref name="out"/>, after which nothing is left.</para>
    /// </remarks>
    public ZxStatus VmoCreatePhysical(ZxHandle resource, ulong paddr, ulong size, ZxHandle* @out)
    {
        ZxStatus status = Process.ValidateRangedResource(resource, ZxResourceKind.Mmio, paddr, size);
        if (status == ZxStatus.OutOfRange && Kernel.Compatibility == ZxCompatibility.Document)
            return ZxStatus.AccessDenied;
        if (status != ZxStatus.Ok)
            return status;
        if (Kernel.Compatibility == ZxCompatibility.Zircon2018)
            size = unchecked((size + ZxConstants.PageMask) & ~ZxConstants.PageMask);
        Result<VmObjectPhysical> vmo = VmObjectPhysical.Create(paddr, size);
        if (vmo.Failed)
            return vmo.Status;
        return CreateVmoDispatcher(vmo.Value, @out);
    }

}
