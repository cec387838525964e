using Zx.Kernel.Object;

namespace Zx.Kernel.Vm;

/// <summary>Told when a VMO gains its first child or loses its last (Zircon's <c>VmObject::ChildObserver</c>).</summary>
internal interface IVmObjectChildObserver
{
    /// <summary>The VMO now has children (true) or none (false).</summary>
    void OnChildrenChanged(bool hasChildren);
}

/// <summary>A virtual memory object: memory with no notion of handles or rights (Zircon's <c>VmObject</c>).</summary>
// Safety: Read and Write take user pointers and touch them only through UserCopy.
internal abstract unsafe class VmObject
{
    // Both lists are made on first use: most VMOs are never mapped or cloned, and each empty list is 32 bytes.
    private List<VmMapping>? _mappings;
    private List<VmObject>? _children;
    private byte[] _name = [];
    private int _refCount = 1;

    /// <summary>Told when the child count goes from 0 to 1 and back (the dispatcher's ZERO_CHILDREN signal).</summary>
    public IVmObjectChildObserver? ChildObserver { get; set; }

    /// <summary>The parent of a child VMO (it holds a reference to the parent), or null.</summary>
    public VmObject? Parent { get; private set; }

    /// <summary>The parent's user-visible id, recorded for <c>ZX_INFO_VMO.parent_koid</c>.</summary>
    public ulong ParentKoid { get; private set; }

    /// <summary>The id of the dispatcher that owns this object (its koid).</summary>
    public ulong UserId { get; set; }

    /// <summary>True for a copy-on-write (snapshot) child.</summary>
    public bool IsCowClone { get; protected set; }

    /// <summary>Live children right now.</summary>
    public int ChildCount
    {
        get { lock (Lock) return _children?.Count ?? 0; }
    }

    /// <summary>Links a new child: it holds a reference to this object; the first child clears ZERO_CHILDREN.</summary>
    protected internal void AdoptChild(VmObject child)
    {
        AddRef();
        child.Parent = this;
        child.ParentKoid = UserId;
        bool first;
        lock (Lock)
        {
            (_children ??= []).Add(child);
            first = _children.Count == 1;
        }
        if (first)
            ChildObserver?.OnChildrenChanged(true);
    }

    private void DropChild(VmObject child)
    {
        bool last;
        lock (Lock)
            last = _children is not null && _children.Remove(child) && _children.Count == 0;
        if (last)
            ChildObserver?.OnChildrenChanged(false);
    }

    /// <summary>The children (lock held).</summary>
    protected IReadOnlyList<VmObject> ChildrenLocked => _children ?? (IReadOnlyList<VmObject>)[];

    /// <summary>Creates an object with its own lock (its own monitor: no separate lock object per VMO).</summary>
    protected VmObject() => Lock = this;

    /// <summary>Creates an object that shares <paramref name="sharedLock"/> (slices share their root's lock, so
    /// one lock guards every page, mapping and run of a slice family).</summary>
    protected VmObject(object sharedLock) => Lock = sharedLock;

    /// <summary>Guards this object's pages, size, cache policy, mappings and their host runs.</summary>
    public object Lock { get; }

    /// <summary>Mappings of this object right now.</summary>
    public int MappingCount
    {
        get { lock (Lock) return _mappings?.Count ?? 0; }
    }

    /// <summary>How many address spaces map this object.</summary>
    public ulong ShareCount
    {
        get { lock (Lock) return (ulong)(_mappings?.Select(m => m.Aspace).Distinct().Count() ?? 0); }
    }

    /// <summary>The mappings; only while holding <see cref="Lock"/>.</summary>
    protected internal IReadOnlyList<VmMapping> MappingsLocked => _mappings ?? (IReadOnlyList<VmMapping>)[];

    /// <summary>Takes a reference (the dispatcher holds one; each mapping holds one).</summary>
    public void AddRef() => Interlocked.Increment(ref _refCount);

    /// <summary>Drops a reference; the last one releases the object's memory.</summary>
    public void Release()
    {
        int remaining = Interlocked.Decrement(ref _refCount);
        if (remaining == 0)
        {
            Destroy();
            if (Parent is VmObject parent)
            {
                parent.DropChild(this);
                Parent = null;
                parent.Release();
            }
        }
        else if (remaining < 0)
            throw new InvalidOperationException("VmObject reference count underflow");
    }

    /// <summary>Records a new mapping; the mapping holds a reference.</summary>
    public void AddMappingLocked(VmMapping mapping)
    {
        (_mappings ??= []).Add(mapping);
        AddRef();
    }

    /// <summary>Forgets a mapping (the caller then drops the mapping's reference). The list is searched from its
    /// end, where the newest mappings are, so map-then-unmap stays constant-time however many mappings live.</summary>
    public void RemoveMappingLocked(VmMapping mapping)
    {
        if (_mappings is null)
            return;
        int i = _mappings.LastIndexOf(mapping);
        if (i >= 0)
            _mappings.RemoveAt(i);
    }

    /// <summary>The physical runs behind <c>[offset, offset+length)</c>, clipped to the object's size. A paged
    /// object commits (allocates, without touching) the pages first, so a mapping of them works at first touch.</summary>
    /// <param name="offset">Where the range starts.</param>
    /// <param name="length">How long it is.</param>
    /// <param name="runs">Receives the runs.</param>
    /// <param name="readOnlyMapping">True when the runs are for a mapping that cannot write them: the pages this
    /// commits then stay zero until something else writes them.</param>
    public abstract ZxStatus GetPhysicalRunsLocked(ulong offset, ulong length, List<PhysicalRun> runs, bool readOnlyMapping);

    /// <summary>A mapping of <c>[offset, offset+length)</c> became writable (lock held).</summary>
    public virtual void MayBeWrittenLocked(ulong offset, ulong length) { }

    /// <summary><c>zx_vmo_set_cache_policy</c>'s object rules.</summary>
    public abstract ZxStatus SetMappingCachePolicy(ZxCachePolicy policy);

    /// <summary><c>ZX_VMO_OP_COMMIT</c>.</summary>
    public virtual ZxStatus CommitRange(ulong offset, ulong length) => ZxStatus.NotSupported;

    /// <summary><c>ZX_VMO_OP_DECOMMIT</c>.</summary>
    public virtual ZxStatus DecommitRange(ulong offset, ulong length) => ZxStatus.NotSupported;

    /// <summary>The cache operations (SYNC, INVALIDATE, CLEAN, CLEAN_INVALIDATE).</summary>
    public virtual ZxStatus CacheOp(ulong offset, ulong length) => ZxStatus.NotSupported;

    /// <summary>Pins <c>[offset, offset+length)</c> for a BTI and reports the physical runs.</summary>
    public virtual ZxStatus Pin(ulong offset, ulong length, List<PhysicalRun> runs) => ZxStatus.NotSupported;

    /// <summary>Undoes <see cref="Pin"/>.</summary>
    public virtual void Unpin(ulong offset, ulong length) { }

    /// <summary>A SLICE child: <c>[offset, offset+size)</c> of this object, sharing its memory both ways.</summary>
    public virtual Result<VmObject> CreateSlice(ulong offset, ulong size, bool copyName)
    {
        return ZxStatus.NotSupported;
    }

    /// <summary>A copy-on-write child of <c>[offset, offset+size)</c>: its own writes stay its own; the parent's later
    /// writes are seen where the child has not written when <paramref name="seesParentWrites"/>, never otherwise.</summary>
    public virtual Result<VmObject> CreateSnapshot(ulong offset, ulong size, bool resizable, bool copyName, bool seesParentWrites)
    {
        return ZxStatus.NotSupported;
    }

    /// <summary>Copies this object's name to a child (when the handle had GET_PROPERTY).</summary>
    protected internal void CopyNameTo(VmObject child)
    {
        lock (Lock)
            child._name = _name;
    }

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

    /// <summary>Pages of <c>[offset, offset+length)</c> this object owns (ZX_INFO_PROCESS_MAPS' committed_pages).</summary>
    public virtual ulong CommittedPagesInRange(ulong offset, ulong length) => 0;

    /// <summary>The cache policy mappings take (<c>ZX_CACHE_POLICY_*</c>).</summary>
    public ZxCachePolicy CachePolicy { get; protected set; }

    /// <summary>Copies <paramref name="length"/> bytes at <paramref name="offset"/> out to <paramref name="destination"/>.</summary>
    public virtual ZxStatus Read(byte* destination, ulong offset, ulong length) => ZxStatus.NotSupported;

    /// <summary>What <see cref="Read"/> and <see cref="Write"/> answer for an object that was destroyed while the
    /// caller held it without a reference (a borrowed look-up). The VM layer knows no handles: the dispatcher turns
    /// this into BAD_HANDLE, as if the close had come first.</summary>
    public const ZxStatus Destroyed = ZxStatus.NotFound;

    /// <summary>Copies <paramref name="length"/> bytes from <paramref name="source"/> in at <paramref name="offset"/>.</summary>
    public virtual ZxStatus Write(byte* source, ulong offset, ulong length) => ZxStatus.NotSupported;

    /// <summary>Changes the size.</summary>
    public virtual ZxStatus Resize(ulong size) => ZxStatus.NotSupported;

    /// <summary>Releases everything the object owns; called once, when the last reference goes.</summary>
    protected virtual void Destroy() { }

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

/// <summary>A physically contiguous piece of an object: <paramref name="Length"/> bytes at object offset
/// <paramref name="VmoOffset"/> live at physical address <paramref name="Paddr"/>.</summary>
internal readonly record struct PhysicalRun(ulong VmoOffset, ulong Paddr, ulong Length);
