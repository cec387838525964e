namespace Zx.Kernel.Object;

/// <summary>A suspend token (Zircon's <c>SuspendTokenDispatcher</c>, late 2018): holds one suspension of a thread or
/// a process, which ends when the token's last handle is closed.</summary>
internal sealed class SuspendTokenDispatcher : Dispatcher
{
    private Dispatcher? _task; // the suspended thread or process, with a reference, until the token's handles are gone

    private SuspendTokenDispatcher(KernelContext kernel, Dispatcher task) : base(kernel, ZxSignals.None)
    {
        _task = task;
        task.AddRef();
    }

    /// <inheritdoc/>
    public override ZxObjectType Type => ZxObjectType.SuspendToken;

    /// <summary>Suspends <paramref name="task"/> and returns the token that holds the suspension: WRONG_TYPE for
    /// anything but a thread or a process, BAD_STATE for one that was killed or has ended.</summary>
    public static Result<SuspendTokenDispatcher> Create(KernelContext kernel, Dispatcher task)
    {
        ZxStatus status = task switch
        {
            ThreadDispatcher thread => thread.Suspend(),
            ProcessDispatcher process => process.Suspend(),
            _ => ZxStatus.WrongType,
        };
        if (status != ZxStatus.Ok)
            return status;
        return new SuspendTokenDispatcher(kernel, task);
    }

    /// <summary>The last handle went: the task is resumed.</summary>
    protected override void OnZeroHandles()
    {
        Dispatcher? task = Interlocked.Exchange(ref _task, null);
        switch (task)
        {
            case ThreadDispatcher thread:
                thread.Resume();
                break;
            case ProcessDispatcher process:
                process.Resume();
                break;
        }
        task?.Release();
    }
}
