using Zx.Kernel.Vm;

namespace Zx.Kernel.Object;

/// <summary>A process: a handle table and a name (Zircon's <c>ProcessDispatcher</c>). Address spaces and threads
/// arrive with later issues.</summary>
internal sealed class ProcessDispatcher : Dispatcher
{
    private byte[] _name;
    private ulong _debugAddress;

    public ProcessDispatcher(KernelContext kernel, ReadOnlySpan<byte> name, VmAspace aspace) : base(kernel, ZxSignals.None)
    {
        _name = ObjectName.Truncate(name);
        Aspace = aspace;
        Handles = new HandleTable(this);
    }

    /// <summary>The process's address space.</summary>
    public VmAspace Aspace { get; }

    /// <inheritdoc/>
    public override ZxObjectType Type => ZxObjectType.Process;

    /// <summary>The process's handles.</summary>
    public HandleTable Handles { get; }

    /// <summary><c>ZX_PROP_PROCESS_DEBUG_ADDR</c>.</summary>
    public ulong DebugAddress
    {
        get => Interlocked.Read(ref _debugAddress);
        set => Interlocked.Exchange(ref _debugAddress, value);
    }

    /// <inheritdoc/>
    public override void GetName(Span<byte> name32)
    {
        ObjectName.CopyTo(Volatile.Read(ref _name), name32);
    }

    /// <inheritdoc/>
    public override ZxStatus SetName(ReadOnlySpan<byte> name)
    {
        Volatile.Write(ref _name, ObjectName.Truncate(name));
        return ZxStatus.Ok;
    }

    /// <summary><c>GetDispatcher</c>: BAD_HANDLE, then WRONG_TYPE; checks no rights.</summary>
    public Lookup<T> GetDispatcher<T>(ZxHandle handle) where T : Dispatcher =>
        Find<T>(handle, ZxRights.None);

    /// <summary><c>GetDispatcherWithRights</c> in the 2018 order: BAD_HANDLE, then ACCESS_DENIED when the handle
    /// lacks any of <paramref name="required"/>, then WRONG_TYPE.</summary>
    public Lookup<T> GetDispatcherWithRights<T>(ZxHandle handle, ZxRights required) where T : Dispatcher =>
        Find<T>(handle, required);

    private Lookup<T> Find<T>(ZxHandle handle, ZxRights required) where T : Dispatcher
    {
        if (!Handles.TryGet(handle, out Dispatcher? found, out ZxRights rights))
            return new Lookup<T>(ZxStatus.BadHandle);
        ZxStatus status = (rights & required) != required ? ZxStatus.AccessDenied
            : found is not T ? ZxStatus.WrongType
            : ZxStatus.Ok;
        if (status != ZxStatus.Ok)
        {
            found!.Release();
            return new Lookup<T>(status);
        }
        return new Lookup<T>((T)found!, rights);
    }

    /// <summary>Installs a new handle and writes its value to <paramref name="out"/> (<c>user_out_handle</c>): the
    /// out pointer is checked last, after the handle exists; when it is bad the handle is removed again, the
    /// status is INVALID_ARGS, and nothing is left behind.</summary>
    public unsafe ZxStatus MakeHandle(Dispatcher target, ZxRights rights, ZxHandle* @out)
    {
        if (Kernel.Faults.ShouldFail())
            return ZxStatus.NoMemory;
        ZxStatus status = Handles.Add(target, rights, out ZxHandle handle);
        if (status != ZxStatus.Ok)
            return status;
        if (@out is null)
        {
            if (Handles.TryRemove(handle, out HandleTable.Detached detached))
                detached.Dispose();
            return ZxStatus.InvalidArgs;
        }
        *@out = handle;
        return ZxStatus.Ok;
    }

    /// <summary>Closes every handle and unmaps everything (process death or kernel shutdown).</summary>
    public void Teardown()
    {
        Handles.RemoveAll();
        Aspace.Dispose();
    }
}
