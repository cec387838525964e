using Zx.Kernel.Vm;

namespace Zx.Kernel.Object;

/// <summary>The handle-facing side of a VMO (Zircon's <c>VmObjectDispatcher</c>): it starts with
/// <c>ZX_VMO_ZERO_CHILDREN</c> asserted and carries the VMO syscalls' operations, with the checks that depend on the
/// handle's rights, down to its <see cref="VmObject"/> (which knows nothing of handles).</summary>
// Safety: user pointers are handed to the VMO, which touches them only through UserCopy.
internal sealed unsafe class VmObjectDispatcher : Dispatcher, IVmObjectChildObserver
{
    public VmObjectDispatcher(KernelContext kernel, VmObject vmo) : base(kernel, ZxSignals.VmoZeroChildren)
    {
        Vmo = vmo;
        vmo.UserId = Koid;
        vmo.ChildObserver = this;
    }

    /// <inheritdoc/>
    public void OnChildrenChanged(bool hasChildren) =>
        UpdateState(hasChildren ? ZxSignals.VmoZeroChildren : 0, hasChildren ? 0 : ZxSignals.VmoZeroChildren);

    /// <summary>The memory object.</summary>
    public VmObject Vmo { get; }

    /// <inheritdoc/>
    public override ZxObjectType Type => ZxObjectType.Vmo;

    /// <inheritdoc/>
    public override void GetName(Span<byte> name32) => Vmo.GetName(name32);

    /// <inheritdoc/>
    public override ZxStatus SetName(ReadOnlySpan<byte> name)
    {
        Vmo.SetName(name);
        return ZxStatus.Ok;
    }

    /// <summary><c>zx_vmo_read</c> after the look-up: INVALID_ARGS for a NULL buffer with a length (probed before the
    /// object), then the object's answer; BAD_HANDLE when the object was destroyed under a borrowed look-up.</summary>
    // Safety: `buffer` is user memory; the VM copies through the user-copy layer, which answers a fault.
    public ZxStatus Read(byte* buffer, ulong offset, ulong length)
    {
        if (buffer is null && length > 0)
            return ZxStatus.InvalidArgs;
        ZxStatus status = Vmo.Read(buffer, offset, length);
        return status == VmObject.Destroyed ? ZxStatus.BadHandle : status;
    }

    /// <summary><c>zx_vmo_write</c> after the look-up (as <see cref="Read"/>).</summary>
    // Safety: `buffer` is user memory; the VM copies through the user-copy layer, which answers a fault.
    public ZxStatus Write(byte* buffer, ulong offset, ulong length)
    {
        if (buffer is null && length > 0)
            return ZxStatus.InvalidArgs;
        ZxStatus status = Vmo.Write(buffer, offset, length);
        return status == VmObject.Destroyed ? ZxStatus.BadHandle : status;
    }

    /// <summary><c>zx_vmo_set_size</c>: NOT_SUPPORTED (physical), UNAVAILABLE (not resizable), OUT_OF_RANGE.</summary>
    public ZxStatus SetSize(ulong size) => Vmo.Resize(size);

    /// <summary><c>zx_vmo_op_range</c>: each op's rights (COMMIT, DECOMMIT and CACHE_INVALIDATE need WRITE;
    /// CACHE_SYNC, CACHE_CLEAN and CACHE_CLEAN_INVALIDATE need READ; ACCESS_DENIED), then the op. LOCK and UNLOCK
    /// are NOT_SUPPORTED (2018); unknown ops are INVALID_ARGS.</summary>
    public ZxStatus RangeOp(ZxVmoOp op, ulong offset, ulong size, ZxRights rights)
    {
        ZxRights needed = op switch
        {
            ZxVmoOp.Commit or ZxVmoOp.Decommit or ZxVmoOp.CacheInvalidate => ZxRights.Write,
            ZxVmoOp.CacheSync or ZxVmoOp.CacheClean or ZxVmoOp.CacheCleanInvalidate => ZxRights.Read,
            _ => ZxRights.None,
        };
        if ((rights & needed) != needed)
            return ZxStatus.AccessDenied;
        return op switch
        {
            ZxVmoOp.Commit => Vmo.CommitRange(offset, size),
            ZxVmoOp.Decommit => Vmo.DecommitRange(offset, size),
            ZxVmoOp.Lock or ZxVmoOp.Unlock => ZxStatus.NotSupported,
            ZxVmoOp.CacheSync or ZxVmoOp.CacheInvalidate or ZxVmoOp.CacheClean or ZxVmoOp.CacheCleanInvalidate => Vmo.CacheOp(offset, size),
            _ => ZxStatus.InvalidArgs,
        };
    }

    /// <summary><c>zx_vmo_set_cache_policy</c>: a physical VMO takes its current policy always and another one only
    /// while unmapped (BAD_STATE); a paged VMO only with no committed page and no mapping (BAD_STATE).</summary>
    public ZxStatus SetMappingCachePolicy(ZxCachePolicy policy) => Vmo.SetMappingCachePolicy(policy);

    /// <summary><c>zx_vmo_clone</c> (2018): a copy-on-write clone, through a handle with <paramref name="rights"/>;
    /// the clone's handle gets those plus GET_PROPERTY, SET_PROPERTY and WRITE. Errors: INVALID_ARGS (no
    /// COPY_ON_WRITE, or unknown bits), then the object's.</summary>
    public Result<VmObject> Clone(ZxVmoCloneOptions options, ulong offset, ulong size, ZxRights rights, out ZxRights childRights)
    {
        childRights = rights | ZxRights.GetProperty | ZxRights.SetProperty | ZxRights.Write;
        if (!options.HasFlag(ZxVmoCloneOptions.CopyOnWrite)
            || (options & ~(ZxVmoCloneOptions.CopyOnWrite | ZxVmoCloneOptions.NonResizeable)) != 0)
            return ZxStatus.InvalidArgs;
        bool resizable = !options.HasFlag(ZxVmoCloneOptions.NonResizeable);
        return Vmo.CreateSnapshot(offset, size, resizable, rights.HasFlag(ZxRights.GetProperty), seesParentWrites: true);
    }

    /// <summary><c>zx_vmo_create_child</c>: SLICE, SNAPSHOT or SNAPSHOT_AT_LEAST_ON_WRITE, with RESIZABLE and
    /// NO_WRITE, through a handle with <paramref name="rights"/>. Errors: INVALID_ARGS (SLICE with another type flag,
    /// no type, unknown bits), then the object's rules: a physical VMO takes only SLICE (otherwise NOT_SUPPORTED); a
    /// slice of a resizable paged VMO is NOT_SUPPORTED. The child's rights: the source's plus GET_PROPERTY and
    /// SET_PROPERTY; snapshots drop EXECUTE and gain WRITE; NO_WRITE drops WRITE.</summary>
    public Result<VmObject> CreateChild(ZxVmoChildOptions options, ulong offset, ulong size, ZxRights rights, out ZxRights childRights)
    {
        bool noWrite = options.HasFlag(ZxVmoChildOptions.NoWrite);
        options &= ~ZxVmoChildOptions.NoWrite;
        bool copyName = rights.HasFlag(ZxRights.GetProperty);
        childRights = rights | ZxRights.GetProperty | ZxRights.SetProperty;
        Result<VmObject> child;
        if (options.HasFlag(ZxVmoChildOptions.Slice))
        {
            if (options != ZxVmoChildOptions.Slice)
                return ZxStatus.InvalidArgs;
            child = Vmo.IsPaged && Vmo.IsResizable ? ZxStatus.NotSupported : Vmo.CreateSlice(offset, size, copyName);
        }
        else
        {
            if (!options.HasFlag(ZxVmoChildOptions.Snapshot) && !options.HasFlag(ZxVmoChildOptions.SnapshotAtLeastOnWrite))
                return ZxStatus.InvalidArgs;
            bool resizable = options.HasFlag(ZxVmoChildOptions.Resizable);
            if ((options & ~(ZxVmoChildOptions.Snapshot | ZxVmoChildOptions.SnapshotAtLeastOnWrite | ZxVmoChildOptions.Resizable)) != 0
                || (options.HasFlag(ZxVmoChildOptions.Snapshot) && options.HasFlag(ZxVmoChildOptions.SnapshotAtLeastOnWrite)))
                return ZxStatus.InvalidArgs;
            child = Vmo.CreateSnapshot(offset, size, resizable, copyName,
                seesParentWrites: options.HasFlag(ZxVmoChildOptions.SnapshotAtLeastOnWrite));
            childRights = (childRights & ~ZxRights.Execute) | ZxRights.Write;
        }
        if (noWrite)
            childRights &= ~ZxRights.Write;
        return child;
    }

    /// <summary>Fills <c>zx_info_vmo_t</c> as seen through a handle with <paramref name="rights"/>.</summary>
    public ZxInfoVmo GetInfo(ZxRights rights) => InfoOf(Vmo, Koid, rights, ZxInfoVmoFlags.ViaHandle);

    /// <summary>Fills <c>zx_info_vmo_t</c> for <paramref name="vmo"/> whose dispatcher has <paramref name="koid"/>,
    /// seen through a handle with <paramref name="rights"/> (<see cref="ZxInfoVmoFlags.ViaHandle"/>) or through a
    /// mapping (<see cref="ZxInfoVmoFlags.ViaMapping"/>, no rights).</summary>
    internal static ZxInfoVmo InfoOf(VmObject vmo, ulong koid, ZxRights rights, ZxInfoVmoFlags via)
    {
        var info = new ZxInfoVmo
        {
            Koid = koid,
            SizeBytes = vmo.Size,
            Flags = via
                | (vmo.IsPaged ? ZxInfoVmoFlags.TypePaged : ZxInfoVmoFlags.TypePhysical)
                | (vmo.IsResizable ? ZxInfoVmoFlags.Resizable : 0)
                | (vmo.IsContiguous ? ZxInfoVmoFlags.Contiguous : 0)
                | (vmo.IsCowClone ? ZxInfoVmoFlags.IsCowClone : 0),
            ParentKoid = vmo.ParentKoid,
            NumChildren = (ulong)vmo.ChildCount,
            CommittedBytes = vmo.CommittedBytes,
            NumMappings = (ulong)vmo.MappingCount,
            ShareCount = vmo.ShareCount,
            HandleRights = rights,
            CreateOptions = vmo.CreateOptions,
            CachePolicy = vmo.CachePolicy,
        };
        vmo.GetName(info.Name);
        return info;
    }

    /// <inheritdoc/>
    protected override void OnDestroy() => Vmo.Release();
}
