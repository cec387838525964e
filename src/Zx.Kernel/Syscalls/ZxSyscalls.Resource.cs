using Zx.Kernel.Object;

namespace Zx.Kernel.Syscalls;

// Safety: pointer parameters are user memory, read and written only through UserCopy, which answers a fault.
public sealed unsafe partial class ZxSyscalls
{
    /// <summary><c>zx_resource_create</c>: mints a resource from a ROOT resource.</summary>
    /// <remarks>Rights: WRITE on the parent. Errors, in order: BAD_HANDLE, ACCESS_DENIED (no WRITE), WRONG_TYPE,
    /// ACCESS_DENIED (parent not ROOT), INVALID_ARGS (kind or flags), INVALID_ARGS (the name cannot be read),
    /// then <see cref="ResourceDispatcher.Create"/>: INVALID_ARGS, NOT_FOUND, NO_MEMORY; finally the out
    /// handle. The name keeps at most 31 bytes.</remarks>
    public ZxStatus ResourceCreate(ZxHandle parent, uint options, ulong @base, ulong size, byte* name, ulong nameSize, ZxHandle* @out)
    {
        using Lookup<ResourceDispatcher> root = Process.GetDispatcherWithRights<ResourceDispatcher>(parent, ZxRights.Write);
        if (root.Failed)
            return root.Status;
        if (root.Object.Kind != ZxResourceKind.Root)
            return ZxStatus.AccessDenied;
        var kind = (ZxResourceKind)(options & ZxResourceFlags.KindMask);
        uint flags = options & ZxResourceFlags.FlagsBits;
        if (kind >= ZxResourceKind.Count || (flags & ~ZxResourceFlags.FlagsMask) != 0)
            return ZxStatus.InvalidArgs;
        Span<byte> nameBuffer = stackalloc byte[ZxConstants.MaxNameLength];
        ZxStatus status = CopyInName(name, nameSize, nameBuffer, out ReadOnlySpan<byte> resourceName);
        if (status != ZxStatus.Ok)
            return status;
        Result<ResourceDispatcher> created = ResourceDispatcher.Create(Kernel, kind, flags, @base, size, resourceName);
        if (created.Failed)
            return created.Status;
        return MakeHandleAndRelease(created.Value, ZxDefaultRights.Resource, @out);
    }
}
