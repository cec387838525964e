using Zx.Kernel;

namespace Zx;

/// <summary>A VMO handle (lib/zx's <c>zx::vmo</c>).</summary>
public sealed class Vmo : Handle
{
    /// <summary>Takes ownership of a raw VMO handle.</summary>
    public Vmo(ProcessContext process, ZxHandle raw) : base(process, raw) { }

    /// <summary><c>zx_vmo_create</c>.</summary>
    public static Vmo Create(ProcessContext process, ulong size, ZxVmoOptions options = ZxVmoOptions.None)
    {
        ArgumentNullException.ThrowIfNull(process);
        ZxException.ThrowIfFailed(process.Syscalls.VmoCreate(size, options, out ZxHandle raw), "zx_vmo_create");
        return new Vmo(process, raw);
    }

    /// <summary><c>zx_vmo_create_physical</c> through <paramref name="resource"/> (ROOT or MMIO).</summary>
    public static Vmo CreatePhysical(Unowned<Resource> resource, ulong paddr, ulong size)
    {
        ProcessContext process = resource.Value.Process;
        ZxException.ThrowIfFailed(process.Syscalls.VmoCreatePhysical(resource.Raw, paddr, size, out ZxHandle raw), "zx_vmo_create_physical");
        return new Vmo(process, raw);
    }

    /// <summary>The size in bytes (<c>zx_vmo_get_size</c>).</summary>
    public ulong Size
    {
        get
        {
            ZxException.ThrowIfFailed(Sys.VmoGetSize(Raw, out ulong size), "zx_vmo_get_size");
            return size;
        }
    }

    /// <summary><c>ZX_INFO_VMO</c>.</summary>
    public ZxInfoVmo Info => GetInfo<ZxInfoVmo>(ZxInfoTopic.Vmo);

    /// <summary><c>zx_vmo_read</c>.</summary>
    public void Read(Span<byte> buffer, ulong offset) =>
        ZxException.ThrowIfFailed(Sys.VmoRead(Raw, buffer, offset), "zx_vmo_read");

    /// <summary><c>zx_vmo_write</c>.</summary>
    public void Write(ReadOnlySpan<byte> buffer, ulong offset) =>
        ZxException.ThrowIfFailed(Sys.VmoWrite(Raw, buffer, offset), "zx_vmo_write");

    /// <summary><c>zx_vmo_create_child</c>: a copy-on-write clone, a snapshot or a slice of this VMO.</summary>
    public Vmo CreateChild(ZxVmoChildOptions options, ulong offset, ulong size)
    {
        ZxException.ThrowIfFailed(Sys.VmoCreateChild(Raw, options, offset, size, out ZxHandle child), "zx_vmo_create_child");
        return new Vmo(Process, child);
    }

    /// <summary><c>zx_vmo_op_range</c> (commit, decommit, cache operations).</summary>
    public void OpRange(ZxVmoOp op, ulong offset, ulong size) => ZxException.ThrowIfFailed(Sys.VmoOpRange(Raw, op, offset, size), "zx_vmo_op_range");

    /// <summary><c>zx_vmo_set_cache_policy</c>.</summary>
    public void SetCachePolicy(ZxCachePolicy policy) => ZxException.ThrowIfFailed(Sys.VmoSetCachePolicy(Raw, (uint)policy), "zx_vmo_set_cache_policy");

    /// <summary><c>zx_vmo_read</c> without exceptions (the hot path).</summary>
    public ZxStatus TryRead(Span<byte> buffer, ulong offset) => Sys.VmoRead(Raw, buffer, offset);

    /// <summary><c>zx_vmo_write</c> without exceptions (the hot path).</summary>
    public ZxStatus TryWrite(ReadOnlySpan<byte> buffer, ulong offset) => Sys.VmoWrite(Raw, buffer, offset);

    /// <summary><c>zx_vmo_set_size</c>.</summary>
    public void SetSize(ulong size) => ZxException.ThrowIfFailed(Sys.VmoSetSize(Raw, size), "zx_vmo_set_size");

    /// <summary><c>zx_handle_duplicate</c>.</summary>
    public Vmo Duplicate(ZxRights rights = ZxRights.SameRights) => new(Process, DuplicateRaw(rights));

    /// <summary><c>zx_handle_replace</c>: this object no longer owns a handle afterwards, even on failure.</summary>
    public Vmo Replace(ZxRights rights) => new(Process, ReplaceRaw(rights));

    /// <summary>Borrows the handle.</summary>
    public new Unowned<Vmo> Borrow() => new(this);
}
