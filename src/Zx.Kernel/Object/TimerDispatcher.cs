using Zx.Kernel.Concurrency;

namespace Zx.Kernel.Object;

/// <summary>A timer (Zircon's <c>TimerDispatcher</c>): SIGNALED once its deadline on the monotonic clock has
/// passed, until it is set again or cancelled.</summary>
/// <remarks>Slack is accepted and recorded; Zx fires at the deadline, which every slack mode allows (CENTER and
/// EARLY may fire earlier, LATE later; none requires it). A pending deadline holds a reference to the timer, as in
/// Zircon, so the kernel's timer thread never reaches a destroyed object; cancelling (also when the last handle
/// goes) takes the deadline off the queue and drops that reference.</remarks>
internal sealed class TimerDispatcher : Dispatcher, ITimerTarget
{
    private readonly Lock _lock = new();
    private ulong _generation; // under _lock: moved on by each set and cancel, so a firing already under way is ignored

    private TimerDispatcher(KernelContext kernel, uint slackMode) : base(kernel, ZxSignals.None) => SlackMode = slackMode;

    /// <summary>ZX_TIMER_SLACK_CENTER (0), EARLY (1) or LATE (2).</summary>
    public uint SlackMode { get; }

    /// <summary>The slack of the last set that armed the timer, in nanoseconds.</summary>
    public long Slack { get; private set; }

    /// <inheritdoc/>
    public override ZxObjectType Type => ZxObjectType.Timer;

    /// <summary><c>TimerDispatcher::Create</c>: INVALID_ARGS for an option other than a slack mode.</summary>
    public static Result<TimerDispatcher> Create(KernelContext kernel, uint options) =>
        options > 2 ? ZxStatus.InvalidArgs : new TimerDispatcher(kernel, options);

    /// <summary><c>Set</c>: cancels a pending deadline and clears SIGNALED; a deadline of 0 or one already passed
    /// signals at once; otherwise the timer thread signals at the deadline.</summary>
    public void Set(long deadline, long slack)
    {
        bool removed;
        lock (_lock)
        {
            removed = CancelLocked();
            if (deadline == 0 || deadline <= Kernel.MonotonicNow)
            {
                UpdateState(0, ZxSignals.ObjectSignaled);
            }
            else
            {
                Slack = slack;
                AddRef(); // the pending deadline's reference
                Kernel.Timers.Arm(this, _generation, deadline);
            }
        }
        if (removed)
            Release(); // the replaced deadline's reference
    }

    /// <summary><c>Cancel</c>: clears SIGNALED and any pending deadline.</summary>
    public void Cancel()
    {
        bool removed;
        lock (_lock)
            removed = CancelLocked();
        if (removed)
            Release();
    }

    // Clears the signal, moves the generation on and takes a queued deadline off the queue: true when one was taken
    // (its reference is the caller's to drop, outside the lock).
    private bool CancelLocked()
    {
        UpdateState(ZxSignals.ObjectSignaled, 0);
        _generation++;
        return Kernel.Timers.Remove(this);
    }

    /// <inheritdoc/>
    public void Fire(ulong generation)
    {
        lock (_lock)
        {
            if (generation == _generation)
                UpdateState(0, ZxSignals.ObjectSignaled);
        }
        Release(); // the fired deadline's reference
    }

    /// <summary>No handles left: a pending deadline is cancelled, so nothing keeps the timer alive.</summary>
    protected override void OnZeroHandles() => Cancel();
}
