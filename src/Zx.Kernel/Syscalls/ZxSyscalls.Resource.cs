using Zx.Kernel.Object;

namespace Zx.Kernel.Syscalls;

public sealed unsafe partial class ZxSyscalls
{
    /// <summary><c>zx_resource_create</c>: mints a resource from a ROOT resource.</summary>
    /// <remarks>Rights: WRITE on the parent. Errors, in order: BAD_HANDLE, ACCESS_DENIED (no WRITE), WRONG_TYPE,
    /// ACCESS_DENIED (parent not ROOT), INVALID_ARGS (kind or flags), INVALID_ARGS (the name cannot be read),
    /// then <see cref="ResourceDispatcher.Create"/>: INVALID_ARGS, NOT_FOUND, NO_MEMORY; finally the out
    /// handle. The name keeps at most 31 bytes.</remarks>
    public ZxStatus ResourceCreate(ZxHandle parent, uint options, ulong @base, ulong size, byte* name, ulong nameSize, ZxHandle* @out)
    {
        using Lookup<ResourceDispatcher> root = Process.GetDispatcherWithRights<ResourceDispatcher>(parent, ZxRights.Write);
        if (root.Failed)
            return root.Status;
        if (root.Object.Kind != ZxResourceKind.Root)
            return ZxStatus.AccessDenied;
        var kind = (ZxResourceKind)(options & ZxResourceFlags.KindMask);
        uint flags = options & ZxResourceFlags.FlagsBits;
        if (kind >= ZxResourceKind.Count || (flags & ~ZxResourceFlags.FlagsMask) != 0)
            return ZxStatus.InvalidArgs;
        Span<byte> nameBuffer = stackalloc byte[ZxConstants.MaxNameLength];
        ZxStatus status = CopyInName(name, nameSize, nameBuffer, out ReadOnlySpan<byte> resourceName);
        if (status != ZxStatus.Ok)
            return status;
        status = ResourceDispatcher.Create(Kernel, kind, flags, @base, size, resourceName, out ResourceDispatcher? created);
        if (status != ZxStatus.Ok)
            return status;
        return MakeHandleAndRelease(created!, ZxDefaultRights.Resource, @out);
    }

    /// <summary><c>zx_resource_create</c> (managed form).</summary>
    public ZxStatus ResourceCreate(ZxHandle parent, uint options, ulong @base, ulong size, ReadOnlySpan<byte> name, out ZxHandle resource)
    {
        ZxHandle result;
        ZxStatus status;
        fixed (byte* p = name)
            status = ResourceCreate(parent, options, @base, size, p, (ulong)name.Length, &result);
        resource = status == ZxStatus.Ok ? result : ZxHandle.Invalid;
        return status;
    }

    /// <summary><c>validate_ranged_resource</c>: the handle must name a resource (no rights are checked) that is
    /// ROOT, or of <paramref name="kind"/> and holding the whole request. An MMIO window is first widened to whole
    /// pages; IRQ and IOPORT windows are exact.</summary>
    /// <remarks>Errors, in order: BAD_HANDLE, WRONG_TYPE (not a resource), WRONG_TYPE (another kind),
    /// OUT_OF_RANGE (not wholly inside, or size 0).</remarks>
    internal ZxStatus ValidateRangedResource(ZxHandle handle, ZxResourceKind kind, ulong @base, ulong size)
    {
        using Lookup<ResourceDispatcher> lookup = Process.GetDispatcher<ResourceDispatcher>(handle);
        if (lookup.Failed)
            return lookup.Status;
        ResourceDispatcher resource = lookup.Object;
        if (resource.Kind == ZxResourceKind.Root)
            return ZxStatus.Ok;
        if (resource.Kind != kind)
            return ZxStatus.WrongType;
        ulong windowBase = resource.Base, windowSize = resource.Size;
        if (kind == ZxResourceKind.Mmio)
        {
            windowBase = resource.Base & ~ZxConstants.PageMask;
            ulong span = resource.Base - windowBase + resource.Size;
            windowSize = Ranges.TryRoundUpToPage(span, out ulong rounded) ? rounded : ulong.MaxValue & ~ZxConstants.PageMask;
        }
        if (size == 0 || !Ranges.Contains(windowBase, windowSize, @base, size))
            return ZxStatus.OutOfRange;
        return ZxStatus.Ok;
    }
}
