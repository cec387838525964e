namespace Zx.Kernel.Object;

/// <summary>A job (Zircon's <c>JobDispatcher</c>): the parent of processes. Policies are not emulated.</summary>
internal sealed class JobDispatcher(KernelContext kernel, JobDispatcher? parent) : Dispatcher(kernel, ZxSignals.None)
{
    /// <inheritdoc/>
    public override ZxObjectType Type => ZxObjectType.Job;

    /// <inheritdoc/>
    public override ulong RelatedKoid => parent?.Koid ?? 0;
}

/// <summary>A thread (Zircon's <c>ThreadDispatcher</c>): runs an entry function on its own host thread, acting
/// in its process. Asserts ZX_TASK_TERMINATED when the entry returns or the process is killed.</summary>
internal sealed class ThreadDispatcher : Dispatcher
{
    private readonly Lock _lock = new();
    private byte[] _name;
    private bool _started;

    public ThreadDispatcher(KernelContext kernel, ProcessDispatcher process, ReadOnlySpan<byte> name) : base(kernel, ZxSignals.None)
    {
        Process = process;
        _name = ObjectName.Truncate(name);
    }

    /// <summary>The process the thread belongs to.</summary>
    public ProcessDispatcher Process { get; }

    /// <inheritdoc/>
    public override ZxObjectType Type => ZxObjectType.Thread;

    /// <inheritdoc/>
    public override ulong RelatedKoid => Process.Koid;

    /// <inheritdoc/>
    public override void GetName(Span<byte> name32) => ObjectName.CopyTo(Volatile.Read(ref _name), name32);

    /// <inheritdoc/>
    public override ZxStatus SetName(ReadOnlySpan<byte> name)
    {
        Volatile.Write(ref _name, ObjectName.Truncate(name));
        return ZxStatus.Ok;
    }

    /// <summary>Starts <paramref name="entry"/> on a new host thread. BAD_STATE when already started or when the
    /// process is dead.</summary>
    public ZxStatus Start(Action entry)
    {
        lock (_lock)
        {
            if (_started || Process.IsDead)
                return ZxStatus.BadState;
            _started = true;
        }
        AddRef(); // the running thread holds a reference
        Process.OnThreadStarted();
        var host = new Thread(() =>
        {
            try
            {
                Kernel.HostThreadEntering?.Invoke(Process.Context!);
                entry();
            }
            finally
            {
                Exit();
            }
        })
        { IsBackground = true, Name = "zx thread" };
        host.Start();
        return ZxStatus.Ok;
    }

    private void Exit()
    {
        UpdateState(0, ZxSignals.TaskTerminated);
        Process.OnThreadExited();
        Release();
    }

    /// <summary>Marks the thread terminated when its process dies before it started.</summary>
    public void TerminateIfNotStarted()
    {
        lock (_lock)
        {
            if (_started)
                return;
            _started = true;
        }
        UpdateState(0, ZxSignals.TaskTerminated);
    }
}
