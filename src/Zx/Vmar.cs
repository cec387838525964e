using System.Runtime.CompilerServices;
using Zx.Kernel;

namespace Zx;

/// <summary>A virtual memory address region (lib/zx's <c>zx::vmar</c>): where VMOs are mapped into the process's
/// address space, which on Zx is real host memory.</summary>
public sealed class Vmar : Handle
{
    /// <summary>Takes ownership of a raw VMAR handle.</summary>
    public Vmar(ProcessContext process, ZxHandle raw) : base(process, raw) { }

    private Vmar(ProcessContext process, ZxHandle raw, bool owned) : base(process, raw, owned) { }

    /// <summary>The process's root VMAR, borrowed (<c>zx_vmar_root_self()</c>): the process owns it.</summary>
    public static Unowned<Vmar> Root(ProcessContext process)
    {
        ArgumentNullException.ThrowIfNull(process);
        return new(new Vmar(process, process.RootVmar, owned: false));
    }

    /// <summary><c>zx_vmar_map</c>: maps <paramref name="length"/> bytes of <paramref name="vmo"/> from
    /// <paramref name="vmoOffset"/>; the mapping is unmapped when disposed.</summary>
    public Mapping Map(Unowned<Vmo> vmo, ulong vmoOffset, ulong length, ZxVmOptions options = ZxVmOptions.PermRead | ZxVmOptions.PermWrite,
        ulong vmarOffset = 0)
    {
        ZxException.ThrowIfFailed(Sys.VmarMap(Raw, options, vmarOffset, vmo.Raw, vmoOffset, length, out ulong address), "zx_vmar_map");
        return new Mapping(this, address, length);
    }

    /// <summary><c>zx_vmar_allocate</c>: a child region of <paramref name="size"/> bytes, and its address.</summary>
    public (Vmar Child, ulong Address) Allocate(ulong size, ZxVmOptions options = ZxVmOptions.CanMapRead | ZxVmOptions.CanMapWrite | ZxVmOptions.CanMapSpecific,
        ulong offset = 0)
    {
        ZxException.ThrowIfFailed(Sys.VmarAllocate(Raw, options, offset, size, out ZxHandle child, out ulong address), "zx_vmar_allocate");
        return (new Vmar(Process, child), address);
    }

    /// <summary><c>zx_vmar_unmap</c>.</summary>
    public void Unmap(ulong address, ulong length) => ZxException.ThrowIfFailed(TryUnmap(address, length), "zx_vmar_unmap");

    /// <summary><c>zx_vmar_unmap</c> without exceptions.</summary>
    public ZxStatus TryUnmap(ulong address, ulong length) => Sys.VmarUnmap(Raw, address, length);

    /// <summary><c>zx_vmar_protect</c>.</summary>
    public void Protect(ulong address, ulong length, ZxVmOptions options) =>
        ZxException.ThrowIfFailed(Sys.VmarProtect(Raw, options, address, length), "zx_vmar_protect");

    /// <summary><c>zx_vmar_destroy</c>: unmaps everything in the region; the handle stays open.</summary>
    public void Destroy() => ZxException.ThrowIfFailed(Sys.VmarDestroy(Raw), "zx_vmar_destroy");

    /// <summary>Borrows the handle.</summary>
    public new Unowned<Vmar> Borrow() => new(this);
}

/// <summary>A mapping made by <see cref="Vmar.Map"/>: its bytes as a <see cref="Span{T}"/>, and typed volatile
/// register reads and writes for device memory; disposing it unmaps the range.</summary>
// Safety: the span and the accesses stay inside [Address, Address + Length), which the kernel mapped; after
// Dispose they throw ObjectDisposedException instead of touching the unmapped range.
public sealed unsafe class Mapping : IDisposable
{
    private readonly Vmar _vmar;
    private bool _unmapped;

    internal Mapping(Vmar vmar, ulong address, ulong length)
    {
        _vmar = vmar;
        Address = address;
        Length = length;
    }

    /// <summary>The first address of the mapping.</summary>
    public ulong Address { get; }

    /// <summary>Its length in bytes.</summary>
    public ulong Length { get; }

    /// <summary>The mapped bytes (plain memory: for device registers use <see cref="Read{T}"/> and
    /// <see cref="Write{T}"/>, which neither merge nor reorder accesses).</summary>
    public Span<byte> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(_unmapped, this);
            return new Span<byte>((void*)Address, checked((int)Length));
        }
    }

    /// <summary>A volatile load of the register at <paramref name="offset"/> (<c>byte</c>, <c>ushort</c>,
    /// <c>uint</c> or <c>ulong</c>), as a driver's <c>volatile</c> pointer reads it.</summary>
    public T Read<T>(ulong offset) where T : unmanaged
    {
        void* p = At<T>(offset);
        if (typeof(T) == typeof(byte))
        {
            byte v = Volatile.Read(ref *(byte*)p);
            return Unsafe.As<byte, T>(ref v);
        }
        if (typeof(T) == typeof(ushort))
        {
            ushort v = Volatile.Read(ref *(ushort*)p);
            return Unsafe.As<ushort, T>(ref v);
        }
        if (typeof(T) == typeof(uint))
        {
            uint v = Volatile.Read(ref *(uint*)p);
            return Unsafe.As<uint, T>(ref v);
        }
        ulong wide = Volatile.Read(ref *(ulong*)p);
        return Unsafe.As<ulong, T>(ref wide);
    }

    /// <summary>A volatile store of <paramref name="value"/> to the register at <paramref name="offset"/>.</summary>
    public void Write<T>(ulong offset, T value) where T : unmanaged
    {
        void* p = At<T>(offset);
        if (typeof(T) == typeof(byte))
            Volatile.Write(ref *(byte*)p, Unsafe.As<T, byte>(ref value));
        else if (typeof(T) == typeof(ushort))
            Volatile.Write(ref *(ushort*)p, Unsafe.As<T, ushort>(ref value));
        else if (typeof(T) == typeof(uint))
            Volatile.Write(ref *(uint*)p, Unsafe.As<T, uint>(ref value));
        else
            Volatile.Write(ref *(ulong*)p, Unsafe.As<T, ulong>(ref value));
    }

    private void* At<T>(ulong offset) where T : unmanaged
    {
        ObjectDisposedException.ThrowIf(_unmapped, this);
        if (typeof(T) != typeof(byte) && typeof(T) != typeof(ushort) && typeof(T) != typeof(uint) && typeof(T) != typeof(ulong))
            throw new NotSupportedException($"a register is 8, 16, 32 or 64 bits wide, not {typeof(T).Name}");
        ulong size = (ulong)sizeof(T);
        if (offset > Length || Length - offset < size)
            throw new ArgumentOutOfRangeException(nameof(offset), $"offset 0x{offset:x} + {size} is outside the mapping's 0x{Length:x} bytes");
        if (offset % size != 0)
            throw new ArgumentException($"a {size}-byte register access must be aligned (offset 0x{offset:x})", nameof(offset));
        return (void*)(Address + offset);
    }

    /// <summary>Unmaps the range (<c>zx_vmar_unmap</c>); a range already gone with its VMAR is not an error.</summary>
    public void Dispose()
    {
        if (_unmapped)
            return;
        _unmapped = true;
        if (_vmar.IsValid)
            _ = _vmar.TryUnmap(Address, Length);
    }
}
