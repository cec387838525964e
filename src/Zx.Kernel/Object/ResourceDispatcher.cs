namespace Zx.Kernel.Object;

/// <summary>A resource: the capability to a range of physical addresses, interrupts or I/O ports, or the root of
/// them all (Zircon's <c>ResourceDispatcher</c>).</summary>
internal sealed class ResourceDispatcher : Dispatcher
{
    private readonly ResourceRegistry _registry;
    private byte[] _name;

    private ResourceDispatcher(KernelContext kernel, ResourceRegistry registry, ZxResourceKind kind, uint flags,
        ulong @base, ulong size, ReadOnlySpan<byte> name) : base(kernel, ZxSignals.None)
    {
        _registry = registry;
        Kind = kind;
        Flags = flags;
        Base = @base;
        Size = size;
        _name = name.ToArray();
    }

    /// <inheritdoc/>
    public override ZxObjectType Type => ZxObjectType.Resource;

    /// <summary>The resource kind.</summary>
    public ZxResourceKind Kind { get; }

    /// <summary>The resource flags (<c>ZX_RSRC_FLAG_EXCLUSIVE</c> or 0).</summary>
    public uint Flags { get; }

    /// <summary>True for an exclusive resource.</summary>
    public bool IsExclusive => (Flags & ZxResourceFlags.Exclusive) != 0;

    /// <summary>The first address, interrupt or port.</summary>
    public ulong Base { get; }

    /// <summary>The length of the range.</summary>
    public ulong Size { get; }

    /// <summary><c>ResourceDispatcher::Create</c> under the registry's lock, in the 2018 order: INVALID_ARGS for a bad
    /// kind or flags, INVALID_ARGS for ROOT/HYPERVISOR/VMEX with a range, the region check of the kind's allocator
    /// (INVALID_ARGS when empty or wrapping, NOT_FOUND outside the board or inside an exclusive range), the
    /// exclusive scan (NOT_FOUND), then the allocation (NO_MEMORY).</summary>
    public static Result<ResourceDispatcher> Create(KernelContext kernel, ZxResourceKind kind, uint flags, ulong @base, ulong size,
        ReadOnlySpan<byte> name)
    {
        ResourceRegistry registry = kernel.Resources;
        lock (registry.Lock)
        {
            if (kind >= ZxResourceKind.Count || (flags & ~ZxResourceFlags.FlagsMask) != 0)
                return ZxStatus.InvalidArgs;
            bool ranged = kind is not (ZxResourceKind.Root or ZxResourceKind.Hypervisor or ZxResourceKind.Vmex);
            if (!ranged && (@base != 0 || size != 0))
                return ZxStatus.InvalidArgs;
            bool exclusive = (flags & ZxResourceFlags.Exclusive) != 0;
            if (ranged)
            {
                ZxStatus status = registry.CheckRegionLocked(kind, @base, size);
                if (status != ZxStatus.Ok)
                    return status;
                if (exclusive && registry.AnyIntersectingLocked(kind, @base, size))
                    return ZxStatus.NotFound;
            }
            if (kernel.Faults.ShouldFail())
                return ZxStatus.NoMemory;
            var resource = new ResourceDispatcher(kernel, registry, kind, flags, @base, size, name);
            if (ranged)
                registry.AddLocked(resource);
            return resource;
        }
    }

    /// <summary>Creates the kernel's root resource.</summary>
    internal static ResourceDispatcher CreateRoot(KernelContext kernel) =>
        new(kernel, kernel.Resources, ZxResourceKind.Root, 0, 0, 0, "root"u8);

    /// <summary>Fills <c>zx_info_resource_t</c>.</summary>
    public ZxInfoResource GetInfo()
    {
        var info = new ZxInfoResource { Kind = Kind, Flags = Flags, Base = Base, Size = Size };
        GetName(info.Name);
        return info;
    }

    /// <inheritdoc/>
    public override void GetName(Span<byte> name32)
    {
        ObjectName.CopyTo(Volatile.Read(ref _name), name32);
    }

    /// <inheritdoc/>
    public override ZxStatus SetName(ReadOnlySpan<byte> name)
    {
        Volatile.Write(ref _name, ObjectName.Truncate(name));
        return ZxStatus.Ok;
    }

    /// <inheritdoc/>
    protected override void OnDestroy() => _registry.Remove(this);
}
