namespace Zx.Kernel.Object;

/// <summary>How a syscall checks the resource handle that gates it (Zircon's <c>validate_resource</c> and
/// <c>validate_ranged_resource</c>), as the process that holds the handle sees it.</summary>
internal static class ResourceValidation
{
    /// <summary><c>validate_resource</c>: the handle must name a resource of <paramref name="kind"/> or ROOT; no
    /// rights are checked. Errors: BAD_HANDLE, WRONG_TYPE.</summary>
    public static ZxStatus ValidateResource(this ProcessDispatcher process, ZxHandle handle, ZxResourceKind kind)
    {
        using Lookup<ResourceDispatcher> resource = process.GetDispatcher<ResourceDispatcher>(handle);
        if (resource.Failed)
            return resource.Status;
        return resource.Object.Kind == kind || resource.Object.Kind == ZxResourceKind.Root ? ZxStatus.Ok : ZxStatus.WrongType;
    }

    /// <summary><c>validate_ranged_resource</c>: the handle must name a resource (no rights are checked) that is
    /// ROOT, or of <paramref name="kind"/> and holding the whole request. An MMIO window is first widened to whole
    /// pages; IRQ and IOPORT windows are exact.</summary>
    /// <remarks>Errors, in order: BAD_HANDLE, WRONG_TYPE (not a resource), WRONG_TYPE (another kind),
    /// OUT_OF_RANGE (not wholly inside, or size 0).</remarks>
    public static ZxStatus ValidateRangedResource(this ProcessDispatcher process, ZxHandle handle, ZxResourceKind kind, ulong @base, ulong size)
    {
        using Lookup<ResourceDispatcher> lookup = process.GetDispatcher<ResourceDispatcher>(handle);
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
