using Zx.Kernel.Vm;

namespace Zx.Kernel.Syscalls;

public sealed unsafe partial class ZxSyscalls
{
    /// <summary><c>zx_vmo_create_physical</c>: a VMO over <c>[paddr, paddr+size)</c> of physical memory.</summary>
    /// <remarks>
    /// <para>Rights on <paramref name="resource"/>: none; it must be the ROOT resource or an MMIO resource whose
    /// page-widened window holds the whole request. The new handle has the default VMO rights (0xD0FF); the VMO is
    /// UNCACHED, has ZERO_CHILDREN asserted, and refuses read, write and set_size.</para>
    /// <para>Order of checks (reference 1.2): BAD_HANDLE; WRONG_TYPE (not a resource, or neither ROOT nor MMIO);
    /// the range check (ACCESS_DENIED by default, OUT_OF_RANGE under <see cref="ZxCompatibility.Zircon2018"/>);
    /// under Zircon2018 the size is then rounded up to whole pages (wrapping to 0 near 2^64); INVALID_ARGS for an
    /// unaligned paddr, an unaligned size (default setting only), size 0, or <c>paddr + size - 1</c> past 2^64;
    /// NO_MEMORY; and last INVALID_ARGS for a bad <paramref name="out"/>, after which nothing is left.</para>
    /// </remarks>
    public ZxStatus VmoCreatePhysical(ZxHandle resource, ulong paddr, ulong size, ZxHandle* @out)
    {
        ZxStatus status = ValidateRangedResource(resource, ZxResourceKind.Mmio, paddr, size);
        if (status == ZxStatus.OutOfRange && Kernel.Compatibility == ZxCompatibility.Document)
            return ZxStatus.AccessDenied;
        if (status != ZxStatus.Ok)
            return status;
        if (Kernel.Compatibility == ZxCompatibility.Zircon2018)
            size = unchecked((size + ZxConstants.PageMask) & ~ZxConstants.PageMask);
        status = VmObjectPhysical.Create(paddr, size, out VmObjectPhysical? vmo);
        if (status != ZxStatus.Ok)
            return status;
        return CreateVmoDispatcher(vmo!, @out);
    }

    /// <summary><c>zx_vmo_create_physical</c> (managed form).</summary>
    public ZxStatus VmoCreatePhysical(ZxHandle resource, ulong paddr, ulong size, out ZxHandle vmo)
    {
        ZxHandle result;
        ZxStatus status = VmoCreatePhysical(resource, paddr, size, &result);
        vmo = status == ZxStatus.Ok ? result : ZxHandle.Invalid;
        return status;
    }
}
