using Zx.Kernel.Vm;

namespace Zx.Kernel.Object;

/// <summary>A process (Zircon's <c>ProcessDispatcher</c>): its handle table, name, address space, threads and
/// life cycle.</summary>
internal sealed class ProcessDispatcher : Dispatcher
{
    private readonly Lock _taskLock = new();
    private readonly List<ThreadDispatcher> _threads = [];
    private readonly List<ThreadDispatcher> _suspendedThreads = []; // the threads a process suspension suspended; under _taskLock
    private int _suspendCount; // under _taskLock
    private byte[] _name;
    private ulong _debugAddress;
    private int _runningThreads;
    private bool _started;
    private volatile bool _dead; // written under _taskLock; read without it

    public ProcessDispatcher(KernelContext kernel, ReadOnlySpan<byte> name, VmAspace aspace) : base(kernel, ZxSignals.None)
    {
        _name = ObjectName.Truncate(name);
        Aspace = aspace;
        Handles = new HandleTable(this);
    }

    /// <summary>The process's address space.</summary>
    public VmAspace Aspace { get; }

    /// <summary>The process's futexes.</summary>
    public FutexContext Futexes { get; } = new();

    /// <summary>The host-side view of this process (set when the kernel creates it).</summary>
    public ProcessContext? Context { get; set; }

    /// <summary>The job the process belongs to, or null for the kernel's first process.</summary>
    public JobDispatcher? Job { get; set; }

    /// <summary>The process's exception port and its debugger's.</summary>
    public ExceptionPortSlots ExceptionPorts { get; } = new();

    /// <summary>The basic policy the process got from its job when it was made (what its syscalls enforce).</summary>
    public JobPolicy Policy { get; init; }

    /// <summary>True once the process has been killed or its last thread has exited.</summary>
    public bool IsDead => _dead;

    /// <summary>The return code, valid once dead.</summary>
    public long ReturnCode { get; private set; }

    /// <summary>Fills <c>zx_info_process_t</c>.</summary>
    public ZxInfoProcess GetInfo()
    {
        lock (_taskLock)
            return new ZxInfoProcess
            {
                ReturnCode = ReturnCode, Started = (byte)(_started ? 1 : 0), Exited = (byte)(_dead ? 1 : 0),
                DebuggerAttached = (byte)(ExceptionPorts.Debugger is null ? 0 : 1),
            };
    }

    /// <summary>Records a new thread of this process; BAD_STATE once dead. A thread made while the process is
    /// suspended is suspended with it.</summary>
    public ZxStatus AddThread(ThreadDispatcher thread)
    {
        lock (_taskLock)
        {
            if (_dead)
                return ZxStatus.BadState;
            _threads.Add(thread);
            if (_suspendCount > 0 && thread.Suspend() == ZxStatus.Ok)
                _suspendedThreads.Add(thread);
            return ZxStatus.Ok;
        }
    }

    /// <summary>Suspends the process (a suspend token): the first suspension suspends every thread it has and will
    /// have until the last one is resumed. BAD_STATE once the process is dead.</summary>
    public ZxStatus Suspend()
    {
        lock (_taskLock)
        {
            if (_dead)
                return ZxStatus.BadState;
            if (++_suspendCount > 1)
                return ZxStatus.Ok;
            foreach (ThreadDispatcher thread in _threads)
            {
                if (thread.Suspend() == ZxStatus.Ok)
                    _suspendedThreads.Add(thread);
            }
            return ZxStatus.Ok;
        }
    }

    /// <summary>Drops one suspension; the last resumes the threads the process suspended.</summary>
    public void Resume()
    {
        List<ThreadDispatcher> resumed;
        lock (_taskLock)
        {
            if (_suspendCount == 0 || --_suspendCount > 0)
                return;
            resumed = [.. _suspendedThreads];
            _suspendedThreads.Clear();
        }
        foreach (ThreadDispatcher thread in resumed)
            thread.Resume();
    }

    /// <summary>True once the first thread was started with <c>zx_process_start</c>.</summary>
    public bool IsStarted
    {
        get { lock (_taskLock) return _started; }
    }

    /// <summary>Marks the process started (<c>zx_process_start</c>); BAD_STATE when it already was or is dead.</summary>
    public ZxStatus MarkStarted()
    {
        lock (_taskLock)
        {
            if (_started || _dead)
                return ZxStatus.BadState;
            _started = true;
            return ZxStatus.Ok;
        }
    }

    internal void OnThreadStarted() => Interlocked.Increment(ref _runningThreads);

    /// <summary>Marks the kernel's first process started and running for as long as the host program runs: the
    /// program's own threads keep it alive, so its Zx-started threads may come and go (and zx_thread_start works in
    /// it) without its last one ending it.</summary>
    internal void StartAsHostProgram()
    {
        lock (_taskLock)
            _started = true;
        Interlocked.Increment(ref _runningThreads); // the host program's own threads: never counted down
    }

    /// <summary>The thread with <paramref name="koid"/> that has not ended, with a reference for the caller; null when
    /// there is none.</summary>
    public ThreadDispatcher? FindLiveThread(ulong koid)
    {
        lock (_taskLock)
            return _threads.FirstOrDefault(t => t.Koid == koid && !t.Signals.HasFlag(ZxSignals.TaskTerminated) && t.TryAddRef());
    }

    /// <summary>The koids of the process's threads that have not ended, in the order they were made
    /// (ZX_INFO_PROCESS_THREADS).</summary>
    public List<ulong> LiveThreadKoids()
    {
        lock (_taskLock)
            return [.. _threads.Where(t => !t.Signals.HasFlag(ZxSignals.TaskTerminated)).Select(t => t.Koid)];
    }

    /// <summary>ZX_INFO_PROCESS_MAPS: the address space, then its regions and mappings depth first in address
    /// order (the root region at depth 1). Empty once the process is dead.</summary>
    public List<ZxInfoMaps> AddressSpaceMaps()
    {
        var maps = new List<ZxInfoMaps>();
        if (IsDead)
            return maps;
        lock (Aspace.Lock)
        {
            Vm.VmAddressRegion root = Aspace.Root;
            maps.Add(new ZxInfoMaps { Name = ZxName.From(System.Text.Encoding.ASCII.GetBytes($"proc:{Koid}")), Base = root.Base, Size = root.Size, Type = ZxInfoMapsType.Aspace });
            var pending = new Stack<(Vm.VmAddressRegionOrMapping Node, ulong Depth)>();
            pending.Push((root, 1));
            while (pending.Count > 0)
            {
                (Vm.VmAddressRegionOrMapping node, ulong depth) = pending.Pop();
                var record = new ZxInfoMaps { Base = node.Base, Size = node.Size, Depth = depth };
                if (node is Vm.VmMapping mapping)
                {
                    record.Type = ZxInfoMapsType.Mapping;
                    mapping.Vmo.GetName(record.Name);
                    record.Mapping = new ZxInfoMapsMapping
                    {
                        MmuFlags = mapping.Perms,
                        VmoKoid = mapping.Vmo.UserId,
                        VmoOffset = mapping.VmoOffset,
                        CommittedPages = mapping.Vmo.CommittedPagesInRange(mapping.VmoOffset, mapping.Size),
                    };
                }
                else if (node is Vm.VmAddressRegion region)
                {
                    record.Type = ZxInfoMapsType.Vmar;
                    record.Name = ZxName.From(region == root ? "root"u8 : "useralloc"u8);
                    foreach (Vm.VmAddressRegionOrMapping child in region.ChildrenLocked.Reverse())
                        pending.Push((child, depth + 1));
                }
                maps.Add(record);
            }
        }
        return maps;
    }

    /// <summary>ZX_INFO_PROCESS_VMOS: a record for each handle to a VMO (with its rights) and for each mapping of
    /// one (without), handles first; a VMO appears as often as it is reached. Empty once the process is dead.</summary>
    public List<ZxInfoVmo> VmosInUse()
    {
        var vmos = new List<ZxInfoVmo>();
        if (IsDead)
            return vmos;
        foreach ((Dispatcher target, ZxRights rights) in Handles.ObjectsWithRights())
        {
            if (target is VmObjectDispatcher vmo)
                vmos.Add(VmObjectDispatcher.InfoOf(vmo.Vmo, vmo.Koid, rights, ZxInfoVmoFlags.ViaHandle));
        }
        lock (Aspace.Lock)
        {
            foreach (Vm.VmMapping mapping in MappingsLocked())
                vmos.Add(VmObjectDispatcher.InfoOf(mapping.Vmo, mapping.Vmo.UserId, ZxRights.None, ZxInfoVmoFlags.ViaMapping));
        }
        return vmos;
    }

    /// <summary>Every mapping in the address space (aspace lock held).</summary>
    private IEnumerable<Vm.VmMapping> MappingsLocked()
    {
        var pending = new Stack<Vm.VmAddressRegion>();
        pending.Push(Aspace.Root);
        while (pending.Count > 0)
        {
            foreach (Vm.VmAddressRegionOrMapping child in pending.Pop().ChildrenLocked)
            {
                if (child is Vm.VmAddressRegion region)
                    pending.Push(region);
                else if (child is Vm.VmMapping mapping)
                    yield return mapping;
            }
        }
    }

    /// <summary>ZX_INFO_TASK_STATS: the bytes of the process's mappings; BAD_STATE once the process is dead. Zx
    /// reports mapped bytes as private: it does not track which other processes map the same pages.</summary>
    public ZxStatus GetTaskStats(out ZxInfoTaskStats stats)
    {
        stats = default;
        if (IsDead)
            return ZxStatus.BadState;
        ulong mapped = 0, committed = 0;
        lock (Aspace.Lock)
        {
            foreach (Vm.VmMapping mapping in MappingsLocked())
            {
                mapped += mapping.Size;
                if (mapping.Vmo.IsPaged)
                    committed += Math.Min(mapping.Size, mapping.Vmo.CommittedBytes);
            }
        }
        stats = new ZxInfoTaskStats { MemMappedBytes = mapped, MemPrivateBytes = committed };
        return ZxStatus.Ok;
    }

    /// <summary>When the last running thread exits, the process exits with return code 0.</summary>
    internal void OnThreadExited()
    {
        if (Interlocked.Decrement(ref _runningThreads) == 0)
            Kill(0);
    }

    /// <summary><c>zx_task_kill</c> and process exit: kills every thread (see <see cref="ThreadDispatcher.Kill"/>),
    /// closes the handle table (every handle closes, ending the waits made through them, and no handle can be added
    /// again), unmaps everything, and asserts ZX_TASK_TERMINATED on the process (its threads assert it as they
    /// leave).</summary>
    public void Kill(long returnCode)
    {
        List<ThreadDispatcher> threads;
        lock (_taskLock)
        {
            if (_dead)
                return;
            _dead = true;
            ReturnCode = returnCode;
            threads = [.. _threads];
        }
        foreach (ThreadDispatcher thread in threads)
            thread.Kill();
        Handles.Close();
        Aspace.Dispose();
        UpdateState(0, ZxSignals.TaskTerminated);
    }

    /// <inheritdoc/>
    public override ZxObjectType Type => ZxObjectType.Process;

    /// <summary>A process that never started dies with its last handle (2018 <c>on_zero_handles</c> in the initial
    /// state), which gives its address-space reservation back to the host; a started one lives until its threads
    /// end or it is killed.</summary>
    protected override void OnZeroHandles()
    {
        bool unstarted;
        lock (_taskLock)
            unstarted = !_started && !_dead;
        if (unstarted)
            Kill(0);
    }

    /// <summary>Closes whatever a call racing with <see cref="Kill"/> still added (see <see cref="HandleTable.Close"/>)
    /// and leaves the kernel's list of processes.</summary>
    protected override void OnDestroy()
    {
        Handles.RemoveAll();
        Aspace.Free();
        if (Context is not null)
            Kernel.OnProcessDestroyed(Context);
    }

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
        Find<T>(handle, ZxRights.None, counted: true);

    /// <summary><c>GetDispatcherWithRights</c> in the 2018 order: BAD_HANDLE, then ACCESS_DENIED when the handle
    /// lacks any of <paramref name="required"/>, then WRONG_TYPE.</summary>
    public Lookup<T> GetDispatcherWithRights<T>(ZxHandle handle, ZxRights required) where T : Dispatcher =>
        Find<T>(handle, required, counted: true);

    /// <summary><see cref="GetDispatcherWithRights"/> without taking a reference (<see cref="HandleTable.TryBorrow"/>):
    /// only where the object's destruction frees nothing the syscall uses, so a close racing with it behaves as if it
    /// came just after: syscalls that touch nothing but the object's signal state and waits; the VMAR syscalls (a VMAR's
    /// dispatcher owns nothing; its region lives until destroyed, checked under the aspace lock); and zx_vmo_read and
    /// zx_vmo_write (a paged VMO frees its pages under its lock and refuses reads and writes from then on, as if the
    /// close had come first); zx_interrupt_wait and zx_interrupt_trigger (an interrupt's end marks its state
    /// Destroyed under its lock and frees nothing); and zx_channel_write and zx_channel_read (a channel end's last close
    /// drains its queue under its lock, and its peer link is read once: a message is either read or drained, and a write
    /// delivers to the peer as if it came just before the close); and zx_port_queue and zx_port_wait (a port's last
    /// close frees nothing: a packet queued by a racing call is left to the collector with the port, and a wait
    /// already blocked keeps waiting until its deadline, as with a counted reference).</summary>
    public Lookup<T> BorrowDispatcherWithRights<T>(ZxHandle handle, ZxRights required) where T : Dispatcher =>
        Find<T>(handle, required, counted: false);

    private Lookup<T> Find<T>(ZxHandle handle, ZxRights required, bool counted) where T : Dispatcher
    {
        Dispatcher? found;
        ZxRights rights;
        if (!(counted ? Handles.TryGet(handle, out found, out rights) : Handles.TryBorrow(handle, out found, out rights)))
            return new Lookup<T>(ZxStatus.BadHandle);
        if ((rights & required) == required && found is T typed)
            return new Lookup<T>(typed, rights, counted);
        if (counted)
            found.Release();
        return new Lookup<T>((rights & required) != required ? ZxStatus.AccessDenied : ZxStatus.WrongType);
    }

    /// <summary>Installs a new handle and writes its value to <paramref name="out"/> (<c>user_out_handle</c>): the
    /// out pointer is checked last, after the handle exists; when it is bad the handle is removed again, the
    /// status is INVALID_ARGS, and nothing is left behind.</summary>
    // Safety: `out` is user memory, written only through UserCopy.
    public unsafe ZxStatus MakeHandle(Dispatcher target, ZxRights rights, ZxHandle* @out)
    {
        ZxStatus status = InstallHandle(target, rights, out ZxHandle handle);
        if (status != ZxStatus.Ok)
            return status;
        return PublishHandle(handle, @out);
    }

    /// <summary>Installs a new handle without telling the caller yet (NO_MEMORY under fault injection or when the
    /// table is full); a syscall that makes several handles installs them all before writing any value out.</summary>
    public ZxStatus InstallHandle(Dispatcher target, ZxRights rights, out ZxHandle handle)
    {
        handle = ZxHandle.Invalid;
        if (Kernel.Faults.ShouldFail())
            return ZxStatus.NoMemory;
        return Handles.Add(target, rights, out handle);
    }

    /// <summary>Writes a new handle's value to the user's <paramref name="out"/>; when the address is not writable
    /// (NULL included) the handle is removed again and the status is INVALID_ARGS.</summary>
    // Safety: `out` is user memory, written only through UserCopy.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public unsafe ZxStatus PublishHandle(ZxHandle handle, ZxHandle* @out) =>
        Host.UserCopy.TryWrite(@out, handle) ? ZxStatus.Ok : Unpublish(handle);

    // The out address was not writable: the new handle goes again.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private ZxStatus Unpublish(ZxHandle handle)
    {
        if (Handles.TryRemove(handle, out HandleTable.Detached detached))
            detached.Dispose();
        return ZxStatus.InvalidArgs;
    }

    /// <summary>Closes every handle and unmaps everything (kernel shutdown).</summary>
    public void Teardown() => Kill(0);
}
