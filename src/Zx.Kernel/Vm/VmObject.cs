using Zx.Kernel.Object;

namespace Zx.Kernel.Vm;

/// <summary>A virtual memory object: memory with no notion of handles or rights (Zircon's <c>VmObject</c>).</summary>
internal abstract unsafe class VmObject
{
    private byte[] _name = [];

    /// <summary>Guards this object's pages, size and cache policy.</summary>
    protected Lock Lock { get; } = new();

    /// <summary>The size in bytes (always whole pages).</summary>
    public abstract ulong Size { get; }

    /// <summary>True for RAM-backed objects that own pages (<c>ZX_INFO_VMO_TYPE_PAGED</c>).</summary>
    public abstract bool IsPaged { get; }

    /// <summary>True when the object is one physically contiguous run.</summary>
    public abstract bool IsContiguous { get; }

    /// <summary>True when <see cref="Resize"/> may change the size.</summary>
    public virtual bool IsResizable => false;

    /// <summary>The options the object was created with, as <c>ZX_INFO_VMO.create_options</c> reports them.</summary>
    public virtual uint CreateOptions => 0;

    /// <summary>Bytes of RAM this object owns.</summary>
    public virtual ulong CommittedBytes => 0;

    /// <summary>The cache policy mappings take (<c>ZX_CACHE_POLICY_*</c>).</summary>
    public ZxCachePolicy CachePolicy { get; protected set; }

    /// <summary>Copies <paramref name="length"/> bytes at <paramref name="offset"/> out to <paramref name="destination"/>.</summary>
    public virtual ZxStatus Read(byte* destination, ulong offset, ulong length) => ZxStatus.NotSupported;

    /// <summary>Copies <paramref name="length"/> bytes from <paramref name="source"/> in at <paramref name="offset"/>.</summary>
    public virtual ZxStatus Write(byte* source, ulong offset, ulong length) => ZxStatus.NotSupported;

    /// <summary>Changes the size.</summary>
    public virtual ZxStatus Resize(ulong size) => ZxStatus.NotSupported;

    /// <summary>Releases everything the object owns; called once, when the last reference goes.</summary>
    public virtual void Destroy() { }

    /// <summary>Copies the name (at most 31 bytes) into a 32-byte buffer, NUL padded.</summary>
    public void GetName(Span<byte> name32)
    {
        lock (Lock)
            ObjectName.CopyTo(_name, name32);
    }

    /// <summary>Sets the name, truncated to 31 bytes.</summary>
    public void SetName(ReadOnlySpan<byte> name)
    {
        byte[] copy = ObjectName.Truncate(name);
        lock (Lock)
            _name = copy;
    }
}
