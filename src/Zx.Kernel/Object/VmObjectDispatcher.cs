using Zx.Kernel.Vm;

namespace Zx.Kernel.Object;

/// <summary>The handle-facing side of a VMO (Zircon's <c>VmObjectDispatcher</c>): it starts with
/// <c>ZX_VMO_ZERO_CHILDREN</c> asserted and forwards memory operations to its <see cref="VmObject"/>.</summary>
internal sealed class VmObjectDispatcher : Dispatcher, IVmObjectChildObserver
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

    /// <summary>Fills <c>zx_info_vmo_t</c> as seen through a handle with <paramref name="rights"/>.</summary>
    public ZxInfoVmo GetInfo(ZxRights rights)
    {
        var info = new ZxInfoVmo
        {
            Koid = Koid,
            SizeBytes = Vmo.Size,
            Flags = ZxInfoVmoFlags.ViaHandle
                | (Vmo.IsPaged ? ZxInfoVmoFlags.TypePaged : ZxInfoVmoFlags.TypePhysical)
                | (Vmo.IsResizable ? ZxInfoVmoFlags.Resizable : 0)
                | (Vmo.IsContiguous ? ZxInfoVmoFlags.Contiguous : 0)
                | (Vmo.IsCowClone ? ZxInfoVmoFlags.IsCowClone : 0),
            ParentKoid = Vmo.ParentKoid,
            NumChildren = (ulong)Vmo.ChildCount,
            CommittedBytes = Vmo.CommittedBytes,
            NumMappings = (ulong)Vmo.MappingCount,
            ShareCount = Vmo.ShareCount,
            HandleRights = rights,
            CreateOptions = Vmo.CreateOptions,
            CachePolicy = Vmo.CachePolicy,
        };
        Vmo.GetName(info.Name);
        return info;
    }

    /// <inheritdoc/>
    protected override void OnDestroy() => Vmo.Release();
}
