using System.Text;
using Zx.Kernel;

namespace Zx;

/// <summary>A resource handle (lib/zx's <c>zx::resource</c>).</summary>
public sealed class Resource : Handle
{
    /// <summary>Takes ownership of a raw resource handle.</summary>
    public Resource(ProcessContext process, ZxHandle raw) : base(process, raw) { }

    private Resource(ProcessContext process, ZxHandle raw, bool owned) : base(process, raw, owned) { }

    /// <summary>The kernel's root resource as the first process holds it, borrowed (<c>get_root_resource()</c>): the
    /// kernel owns the handle, so disposing <see cref="Unowned{T}.Value"/> leaves it open for everyone.</summary>
    public static Unowned<Resource> Root(Kernel.KernelContext kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        return new(new Resource(kernel.FirstProcess, kernel.RootResource, owned: false));
    }

    /// <summary><c>zx_resource_create</c>.</summary>
    public static Resource Create(Unowned<Resource> parent, ZxResourceKind kind, ulong @base, ulong size, string name, bool exclusive = false)
    {
        ProcessContext process = parent.Value.Process;
        uint options = (uint)kind | (exclusive ? ZxResourceFlags.Exclusive : 0);
        ZxException.ThrowIfFailed(
            process.Syscalls.ResourceCreate(parent.Raw, options, @base, size, Encoding.UTF8.GetBytes(name ?? ""), out ZxHandle raw),
            "zx_resource_create");
        return new Resource(process, raw);
    }

    /// <summary><c>ZX_INFO_RESOURCE</c>.</summary>
    public ZxInfoResource Info => GetInfo<ZxInfoResource>(ZxInfoTopic.Resource);

    /// <summary><c>zx_handle_duplicate</c>.</summary>
    public Resource Duplicate(ZxRights rights = ZxRights.SameRights) => new(Process, DuplicateRaw(rights));

    /// <summary>Borrows the handle.</summary>
    public new Unowned<Resource> Borrow() => new(this);
}
