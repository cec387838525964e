namespace Zx;

/// <summary><c>ZX_VM_*</c> options of <c>zx_vmar_map</c>, <c>zx_vmar_allocate</c> and <c>zx_vmar_protect</c>.</summary>
[Flags]
public enum ZxVmOptions : uint
{
    /// <summary>No option.</summary>
    None = 0,
    /// <summary><c>ZX_VM_PERM_READ</c>.</summary>
    PermRead = 1u << 0,
    /// <summary><c>ZX_VM_PERM_WRITE</c>.</summary>
    PermWrite = 1u << 1,
    /// <summary><c>ZX_VM_PERM_EXECUTE</c>.</summary>
    PermExecute = 1u << 2,
    /// <summary><c>ZX_VM_COMPACT</c>.</summary>
    Compact = 1u << 3,
    /// <summary><c>ZX_VM_SPECIFIC</c>.</summary>
    Specific = 1u << 4,
    /// <summary><c>ZX_VM_SPECIFIC_OVERWRITE</c>.</summary>
    SpecificOverwrite = 1u << 5,
    /// <summary><c>ZX_VM_CAN_MAP_SPECIFIC</c>.</summary>
    CanMapSpecific = 1u << 6,
    /// <summary><c>ZX_VM_CAN_MAP_READ</c>.</summary>
    CanMapRead = 1u << 7,
    /// <summary><c>ZX_VM_CAN_MAP_WRITE</c>.</summary>
    CanMapWrite = 1u << 8,
    /// <summary><c>ZX_VM_CAN_MAP_EXECUTE</c>.</summary>
    CanMapExecute = 1u << 9,
    /// <summary><c>ZX_VM_MAP_RANGE</c>.</summary>
    MapRange = 1u << 10,
    /// <summary><c>ZX_VM_REQUIRE_NON_RESIZABLE</c>.</summary>
    RequireNonResizable = 1u << 11,

    /// <summary>PERM_READ | PERM_WRITE | PERM_EXECUTE.</summary>
    PermMask = PermRead | PermWrite | PermExecute,
    /// <summary>CAN_MAP_READ | CAN_MAP_WRITE | CAN_MAP_EXECUTE.</summary>
    CanMapRwx = CanMapRead | CanMapWrite | CanMapExecute,
}

/// <summary><c>zx_info_vmar_t</c> (ZX_INFO_VMAR): 16 bytes.</summary>
[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
public struct ZxInfoVmar
{
    /// <summary><c>base</c>: the first address of the region.</summary>
    public ulong Base;
    /// <summary><c>len</c>: its length in bytes.</summary>
    public ulong Len;
}
