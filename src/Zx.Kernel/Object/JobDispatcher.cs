namespace Zx.Kernel.Object;

/// <summary>A job (Zircon's <c>JobDispatcher</c>): the parent of processes, with the basic policy they inherit.</summary>
internal sealed class JobDispatcher : Dispatcher
{
    private readonly JobDispatcher? _parent;
    private readonly Lock _childrenLock = new();
    private readonly List<JobDispatcher> _children = []; // the child jobs that still exist, oldest first
    private byte[] _name = [];
    private volatile bool _killed;
    private JobPolicy _policy; // under _childrenLock once the job has a handle

    /// <summary>How many levels of jobs the root job may have below it (2018's kRootJobMaxHeight).</summary>
    public const int RootMaxHeight = 32;

    /// <summary>A job under <paramref name="parent"/> (null for the root job); the parent lists it until it is
    /// destroyed.</summary>
#pragma warning disable CA2214 // the parent only stores the reference
    public JobDispatcher(KernelContext kernel, JobDispatcher? parent) : base(kernel, ZxSignals.None)
    {
        _parent = parent;
        _policy = parent?.Policy ?? JobPolicy.Empty;
        MaxHeight = parent is null ? RootMaxHeight : parent.MaxHeight - 1;
        parent?.AddChild(this);
    }

    /// <summary>The basic policy the job's new jobs and processes start with.</summary>
    public JobPolicy Policy
    {
        get { lock (_childrenLock) return _policy; }
    }

    /// <summary><c>JobDispatcher::SetPolicy</c>: adds <paramref name="entries"/> to the job's policy. BAD_STATE while
    /// the job has a child job or a process (<paramref name="hasProcesses"/> says whether it has one), then what
    /// <see cref="JobPolicy.TryAdd"/> answers.</summary>
    public ZxStatus SetPolicy(uint mode, ReadOnlySpan<ZxPolicyBasic> entries, Func<JobDispatcher, bool> hasProcesses)
    {
        lock (_childrenLock)
        {
            if (_children.Count > 0 || hasProcesses(this))
                return ZxStatus.BadState;
            ZxStatus status = JobPolicy.TryAdd(_policy, mode, entries, out JobPolicy added);
            if (status == ZxStatus.Ok)
                _policy = added;
            return status;
        }
    }

    /// <summary>How many levels of jobs may still be made below this one (0: none).</summary>
    public int MaxHeight { get; }

    /// <summary>True once the job (or one above it) was killed: it takes no new jobs or processes.</summary>
    public bool IsKilled => _killed;

    /// <summary>Marks the job and every job below it killed (<c>zx_task_kill</c> ends their processes).</summary>
    public void MarkKilled()
    {
        _killed = true;
        foreach (JobDispatcher child in ChildJobs())
            child.MarkKilled();
    }

    private List<JobDispatcher> ChildJobs()
    {
        lock (_childrenLock)
            return [.. _children];
    }
#pragma warning restore CA2214

    private void AddChild(JobDispatcher child)
    {
        lock (_childrenLock)
            _children.Add(child);
    }

    /// <summary><c>ZX_PROP_JOB_KILL_ON_OOM</c>: kept for the program to read back nowhere (it is set-only) and
    /// without effect, as Zx has no out-of-memory killer.</summary>
    public bool KillOnOom { get; set; }

    /// <summary>The child job with <paramref name="koid"/>, with a reference for the caller; null when there is none
    /// (or it is being destroyed).</summary>
    public JobDispatcher? FindChildJob(ulong koid)
    {
        lock (_childrenLock)
            return _children.FirstOrDefault(c => c.Koid == koid && c.TryAddRef());
    }

    /// <summary>The koids of the child jobs that still exist, oldest first (ZX_INFO_JOB_CHILDREN).</summary>
    public List<ulong> ChildJobKoids()
    {
        lock (_childrenLock)
            return [.. _children.Select(c => c.Koid)];
    }

    /// <inheritdoc/>
    public override void GetName(Span<byte> name32) => ObjectName.CopyTo(Volatile.Read(ref _name), name32);

    /// <inheritdoc/>
    public override ZxStatus SetName(ReadOnlySpan<byte> name)
    {
        Volatile.Write(ref _name, ObjectName.Truncate(name));
        return ZxStatus.Ok;
    }

    /// <inheritdoc/>
    protected override void OnDestroy()
    {
        if (_parent is null)
            return;
        lock (_parent._childrenLock)
            _parent._children.Remove(this);
    }

    /// <inheritdoc/>
    public override ZxObjectType Type => ZxObjectType.Job;

    /// <inheritdoc/>
    public override ulong RelatedKoid => _parent?.Koid ?? 0;

    /// <summary>The parent job, or null for the root job.</summary>
    public JobDispatcher? Parent => _parent;

    /// <summary>The job's exception port and its debugger's.</summary>
    public ExceptionPortSlots ExceptionPorts { get; } = new();

    /// <summary>True when this job is <paramref name="ancestor"/> or lies somewhere below it.</summary>
    public bool IsWithin(JobDispatcher ancestor)
    {
        for (JobDispatcher? job = this; job is not null; job = job.Parent)
        {
            if (job == ancestor)
                return true;
        }
        return false;
    }
}
