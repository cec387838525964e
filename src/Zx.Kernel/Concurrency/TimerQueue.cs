namespace Zx.Kernel.Concurrency;

/// <summary>Something a <see cref="TimerQueue"/> can fire.</summary>
internal interface ITimerTarget
{
    /// <summary>Called on the queue's thread, outside the queue's lock, when the deadline armed with
    /// <paramref name="generation"/> has come; the target ignores a generation it has moved past.</summary>
    void Fire(ulong generation);
}

/// <summary>The kernel's timer thread: fires each armed deadline on the kernel's monotonic clock, never before it.
/// One thread per kernel, started on the first arming and stopped when the kernel is disposed.</summary>
/// <remarks>The thread sleeps on the queue's monitor until about a millisecond before the earliest deadline (.NET's
/// waits count whole milliseconds), then in high-resolution host sleeps of at most 100 us until the deadline passes,
/// and for the last 250 us it spins (a sleeping thread takes longer than that to wake on a virtual machine), so a timer
/// fires within tens of microseconds after its deadline on an idle machine. A target has at most one entry queued: arming replaces
/// nothing by itself, so a target removes its old entry (<see cref="Remove"/>) before arming again; a firing already
/// taken off the queue when the target moved on is told apart by its generation.</remarks>
internal sealed class TimerQueue : IDisposable
{
    private readonly Func<long> _now;
    private readonly PriorityQueue<(ITimerTarget Target, ulong Generation), long> _armed = new();
    private readonly object _lock = new();
    private Thread? _thread;
    private bool _stopping;
    private long _sleepUntil = long.MinValue; // under _lock: when the sleeping thread wakes by itself (MinValue: awake)

    /// <summary>A queue on the clock <paramref name="now"/> (nanoseconds).</summary>
    public TimerQueue(Func<long> now) => _now = now;

    /// <summary>Fires <paramref name="target"/> with <paramref name="generation"/> once <paramref name="deadline"/> has
    /// passed.</summary>
    public void Arm(ITimerTarget target, ulong generation, long deadline)
    {
        lock (_lock)
        {
            if (_stopping)
                return;
            _armed.Enqueue((target, generation), deadline);
            if (_thread is null)
            {
                _thread = new Thread(Run) { IsBackground = true, Name = "zx timers" };
                _thread.Start();
            }
            else if (deadline < _sleepUntil)
            {
                Monitor.Pulse(_lock); // it sleeps past this deadline: wake it to sleep less
            }
        }
    }

    /// <summary>Takes <paramref name="target"/>'s entry off the queue; false when none is queued (never armed, already
    /// fired, or being fired right now).</summary>
    public bool Remove(ITimerTarget target)
    {
        lock (_lock)
            return _armed.Remove((target, 0), out _, out _, EntryComparer.Instance);
    }

    // Entries are equal when they are for the same target, whatever the generation.
    private sealed class EntryComparer : IEqualityComparer<(ITimerTarget Target, ulong Generation)>
    {
        public static readonly EntryComparer Instance = new();

        public bool Equals((ITimerTarget Target, ulong Generation) x, (ITimerTarget Target, ulong Generation) y) =>
            ReferenceEquals(x.Target, y.Target);

        public int GetHashCode((ITimerTarget Target, ulong Generation) obj) =>
            System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Target);
    }

    private void Run()
    {
        var due = new List<(ITimerTarget Target, ulong Generation)>();
        while (true)
        {
            lock (_lock)
            {
                while (!_stopping)
                {
                    if (!_armed.TryPeek(out _, out long deadline))
                    {
                        _sleepUntil = long.MaxValue;
                        Monitor.Wait(_lock);
                        _sleepUntil = long.MinValue;
                        continue;
                    }
                    long remaining = deadline - _now();
                    if (remaining <= 0)
                        break;
                    if (remaining > 2_000_000)
                    {
                        _sleepUntil = deadline - 1_000_000;
                        Monitor.Wait(_lock, TimeSpan.FromTicks((remaining - 1_000_000) / 100));
                        _sleepUntil = long.MinValue;
                        continue;
                    }
                    // The last millisecond or two: short high-resolution sleeps (at most 100 us each, so a newly armed
                    // earlier deadline is seen soon), as .NET's waits would miss the deadline by up to a tick.
                    Monitor.Exit(_lock);
                    try
                    {
                        if (remaining > 250_000)
                            Host.LinuxThreads.SleepNanoseconds(Math.Min(remaining - 200_000, 100_000));
                        else
                            Thread.SpinWait(100); // the last 250 us: stay on the CPU, a wake-up costs more than that here
                    }
                    finally
                    {
                        Monitor.Enter(_lock);
                    }
                }
                if (_stopping)
                    return;
                long now = _now();
                while (_armed.TryPeek(out (ITimerTarget, ulong) entry, out long at) && at <= now)
                {
                    _armed.Dequeue();
                    due.Add(entry);
                }
            }
            foreach ((ITimerTarget target, ulong generation) in due)
                target.Fire(generation);
            due.Clear();
        }
    }

    /// <summary>Stops the thread; armed deadlines never fire.</summary>
    public void Dispose()
    {
        Thread? thread;
        lock (_lock)
        {
            _stopping = true;
            _armed.Clear();
            thread = _thread;
            Monitor.PulseAll(_lock);
        }
        if (thread is not null && thread != Thread.CurrentThread)
            thread.Join();
    }
}
