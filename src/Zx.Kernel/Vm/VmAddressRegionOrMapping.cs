namespace Zx.Kernel.Vm;

/// <summary>A node of an address space tree: a region or a mapping (Zircon's <c>VmAddressRegionOrMapping</c>).
/// Every field is guarded by the aspace's lock.</summary>
internal abstract class VmAddressRegionOrMapping
{
    protected VmAddressRegionOrMapping(VmAspace aspace, VmAddressRegion? parent, ulong @base, ulong size, ZxVmOptions flags)
    {
        Aspace = aspace;
        Parent = parent;
        Base = @base;
        Size = size;
        Flags = flags;
        IsAlive = true;
    }

    /// <summary>The address space.</summary>
    public VmAspace Aspace { get; }

    /// <summary>The enclosing region; null for the root and once destroyed.</summary>
    public VmAddressRegion? Parent { get; protected set; }

    /// <summary>The first address.</summary>
    public ulong Base { get; protected set; }

    /// <summary>The length in bytes.</summary>
    public ulong Size { get; protected set; }

    /// <summary>CAN_MAP_READ/WRITE/EXECUTE, CAN_MAP_SPECIFIC and COMPACT.</summary>
    public ZxVmOptions Flags { get; protected set; }

    /// <summary>False once destroyed.</summary>
    public bool IsAlive { get; protected set; }

    /// <summary>True when the range lies inside this node.</summary>
    public bool IsInRange(ulong @base, ulong size) => Ranges.Contains(Base, Size, @base, size);

    /// <summary>True when every permission in <paramref name="perms"/> is allowed by a CAN_MAP flag.</summary>
    public bool IsValidMappingFlags(ZxVmOptions perms) =>
        (!perms.HasFlag(ZxVmOptions.PermRead) || Flags.HasFlag(ZxVmOptions.CanMapRead))
        && (!perms.HasFlag(ZxVmOptions.PermWrite) || Flags.HasFlag(ZxVmOptions.CanMapWrite))
        && (!perms.HasFlag(ZxVmOptions.PermExecute) || Flags.HasFlag(ZxVmOptions.CanMapExecute));

    /// <summary>Destroys the node (and for a region everything inside it) and removes it from its parent.</summary>
    public abstract void DestroyLocked();
}
