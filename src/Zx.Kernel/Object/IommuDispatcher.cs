using Zx.Kernel.Vm;

namespace Zx.Kernel.Object;

/// <summary>An IOMMU (Zircon's <c>IommuDispatcher</c>). Only the DUMMY type exists here: device addresses are the
/// physical addresses of the board, so a device sees exactly the frames the kernel pinned.</summary>
internal sealed class IommuDispatcher(KernelContext kernel) : Dispatcher(kernel, ZxSignals.None)
{
    /// <inheritdoc/>
    public override ZxObjectType Type => ZxObjectType.Iommu;

    /// <inheritdoc/>
    public override bool HasStateTracker => false;
}
