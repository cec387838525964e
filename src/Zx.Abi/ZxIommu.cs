namespace Zx;

/// <summary><c>ZX_IOMMU_TYPE_*</c>.</summary>
public enum ZxIommuType : uint
{
    /// <summary><c>ZX_IOMMU_TYPE_DUMMY</c>: device addresses are physical addresses.</summary>
    Dummy = 0,
    /// <summary><c>ZX_IOMMU_TYPE_INTEL</c> (not emulated).</summary>
    Intel = 1,
}

/// <summary><c>zx_bti_pin</c> options.</summary>
[Flags]
public enum ZxBtiOptions : uint
{
    /// <summary>No option.</summary>
    None = 0,
    /// <summary><c>ZX_BTI_PERM_READ</c>.</summary>
    PermRead = 1u << 0,
    /// <summary><c>ZX_BTI_PERM_WRITE</c>.</summary>
    PermWrite = 1u << 1,
    /// <summary><c>ZX_BTI_PERM_EXECUTE</c>.</summary>
    PermExecute = 1u << 2,
    /// <summary><c>ZX_BTI_COMPRESS</c>: one address per minimum-contiguity run instead of one per page.</summary>
    Compress = 1u << 3,
    /// <summary><c>ZX_BTI_CONTIGUOUS</c>: one address for the whole, contiguous range.</summary>
    Contiguous = 1u << 4,
}

/// <summary>IOMMU constants.</summary>
public static class ZxIommuConstants
{
    /// <summary><c>ZX_IOMMU_MAX_DESC_LEN</c>.</summary>
    public const uint MaxDescLength = 4096;
    /// <summary><c>sizeof(zx_iommu_desc_dummy_t)</c>: one reserved byte.</summary>
    public const uint DummyDescLength = 1;
}

/// <summary><c>zx_info_bti_t</c> (ZX_INFO_BTI): 16 bytes.</summary>
[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
public struct ZxInfoBti
{
    /// <summary><c>minimum_contiguity</c>.</summary>
    public ulong MinimumContiguity;
    /// <summary><c>aspace_size</c>.</summary>
    public ulong AspaceSize;
}
