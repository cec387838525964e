using Zx.Kernel.Vm;

namespace Zx.Kernel.Object;

/// <summary>The handle-facing side of a VMAR (Zircon's <c>VmAddressRegionDispatcher</c>). Closing the last handle
/// does not unmap anything: the region lives in its address space until destroyed.</summary>
internal sealed class VmAddressRegionDispatcher : Dispatcher
{
    public VmAddressRegionDispatcher(KernelContext kernel, VmAddressRegion vmar) : base(kernel, ZxSignals.None) => Vmar = vmar;

    /// <summary>The region.</summary>
    public VmAddressRegion Vmar { get; }

    /// <inheritdoc/>
    public override ZxObjectType Type => ZxObjectType.Vmar;

    /// <inheritdoc/>
    public override bool HasStateTracker => false;

    /// <summary>The rights of a new handle to a region: <c>ZX_DEFAULT_VMAR_RIGHTS</c> plus READ, WRITE and EXECUTE
    /// for the region's CAN_MAP flags.</summary>
    public static ZxRights RightsFor(ZxVmOptions flags) =>
        ZxDefaultRights.Vmar
        | (flags.HasFlag(ZxVmOptions.CanMapRead) ? ZxRights.Read : 0)
        | (flags.HasFlag(ZxVmOptions.CanMapWrite) ? ZxRights.Write : 0)
        | (flags.HasFlag(ZxVmOptions.CanMapExecute) ? ZxRights.Execute : 0);

    /// <summary><c>is_valid_mapping_protection</c>: WRITE or EXECUTE without READ cannot be expressed.</summary>
    public static bool IsValidMappingProtection(ZxVmOptions options) =>
        options.HasFlag(ZxVmOptions.PermRead) || (options & (ZxVmOptions.PermWrite | ZxVmOptions.PermExecute)) == 0;

    /// <summary><c>split_syscall_flags</c>: separates the permission bits; INVALID_ARGS for an unknown bit.</summary>
    public static ZxStatus SplitFlags(ZxVmOptions options, out ZxVmOptions vmarFlags, out ZxVmOptions perms)
    {
        const ZxVmOptions known = ZxVmOptions.PermMask | ZxVmOptions.Compact | ZxVmOptions.Specific | ZxVmOptions.SpecificOverwrite
            | ZxVmOptions.CanMapSpecific | ZxVmOptions.CanMapRwx | ZxVmOptions.RequireNonResizable;
        perms = options & ZxVmOptions.PermMask;
        vmarFlags = options & ~ZxVmOptions.PermMask;
        return (options & ~known) != 0 ? ZxStatus.InvalidArgs : ZxStatus.Ok;
    }
}
