namespace Zx;

/// <summary><c>zx_vmo_create</c> options (2018: 0 means resizable).</summary>
[Flags]
public enum ZxVmoOptions : uint
{
    /// <summary>A resizable VMO (the 2018 default).</summary>
    None = 0,
    /// <summary><c>ZX_VMO_NON_RESIZABLE</c>.</summary>
    NonResizable = 1,
}

/// <summary><c>zx_vmo_op_range</c> operations.</summary>
public enum ZxVmoOp : uint
{
    /// <summary><c>ZX_VMO_OP_COMMIT</c>.</summary>
    Commit = 1,
    /// <summary><c>ZX_VMO_OP_DECOMMIT</c>.</summary>
    Decommit = 2,
    /// <summary><c>ZX_VMO_OP_LOCK</c>.</summary>
    Lock = 3,
    /// <summary><c>ZX_VMO_OP_UNLOCK</c>.</summary>
    Unlock = 4,
    /// <summary><c>ZX_VMO_OP_CACHE_SYNC</c>.</summary>
    CacheSync = 6,
    /// <summary><c>ZX_VMO_OP_CACHE_INVALIDATE</c>.</summary>
    CacheInvalidate = 7,
    /// <summary><c>ZX_VMO_OP_CACHE_CLEAN</c>.</summary>
    CacheClean = 8,
    /// <summary><c>ZX_VMO_OP_CACHE_CLEAN_INVALIDATE</c>.</summary>
    CacheCleanInvalidate = 9,
}

/// <summary>Cache policies (<c>ZX_CACHE_POLICY_*</c>).</summary>
public enum ZxCachePolicy : uint
{
    /// <summary><c>ZX_CACHE_POLICY_CACHED</c>.</summary>
    Cached = 0,
    /// <summary><c>ZX_CACHE_POLICY_UNCACHED</c>.</summary>
    Uncached = 1,
    /// <summary><c>ZX_CACHE_POLICY_UNCACHED_DEVICE</c>.</summary>
    UncachedDevice = 2,
    /// <summary><c>ZX_CACHE_POLICY_WRITE_COMBINING</c>.</summary>
    WriteCombining = 3,
    /// <summary><c>ZX_CACHE_POLICY_MASK</c>.</summary>
    Mask = 3,
}

/// <summary>2018 <c>zx_vmo_clone</c> options.</summary>
[Flags]
public enum ZxVmoCloneOptions : uint
{
    /// <summary>No option.</summary>
    None = 0,
    /// <summary><c>ZX_VMO_CLONE_COPY_ON_WRITE</c> (1&lt;&lt;0 in 2018).</summary>
    CopyOnWrite = 1u << 0,
    /// <summary><c>ZX_VMO_CLONE_NON_RESIZEABLE</c> (1&lt;&lt;1 in 2018).</summary>
    NonResizeable = 1u << 1,
}

/// <summary>Later <c>zx_vmo_create_child</c> options.</summary>
[Flags]
public enum ZxVmoChildOptions : uint
{
    /// <summary>No option.</summary>
    None = 0,
    /// <summary><c>ZX_VMO_CHILD_SNAPSHOT</c>.</summary>
    Snapshot = 1u << 0,
    /// <summary><c>ZX_VMO_CHILD_RESIZABLE</c>.</summary>
    Resizable = 1u << 2,
    /// <summary><c>ZX_VMO_CHILD_SLICE</c>.</summary>
    Slice = 1u << 3,
    /// <summary><c>ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE</c> (alias COPY_ON_WRITE).</summary>
    SnapshotAtLeastOnWrite = 1u << 4,
    /// <summary><c>ZX_VMO_CHILD_NO_WRITE</c>.</summary>
    NoWrite = 1u << 5,
}

/// <summary><c>ZX_INFO_VMO_*</c> flag bits of <see cref="ZxInfoVmo.Flags"/>.</summary>
[Flags]
public enum ZxInfoVmoFlags : uint
{
    /// <summary><c>ZX_INFO_VMO_TYPE_PHYSICAL</c>: bit 0 clear.</summary>
    TypePhysical = 0,
    /// <summary><c>ZX_INFO_VMO_TYPE_PAGED</c>.</summary>
    TypePaged = 1u << 0,
    /// <summary><c>ZX_INFO_VMO_RESIZABLE</c>.</summary>
    Resizable = 1u << 1,
    /// <summary><c>ZX_INFO_VMO_IS_COW_CLONE</c>.</summary>
    IsCowClone = 1u << 2,
    /// <summary><c>ZX_INFO_VMO_VIA_HANDLE</c>.</summary>
    ViaHandle = 1u << 3,
    /// <summary><c>ZX_INFO_VMO_VIA_MAPPING</c>.</summary>
    ViaMapping = 1u << 4,
    /// <summary><c>ZX_INFO_VMO_PAGER_BACKED</c>.</summary>
    PagerBacked = 1u << 5,
    /// <summary><c>ZX_INFO_VMO_CONTIGUOUS</c>.</summary>
    Contiguous = 1u << 6,
}
