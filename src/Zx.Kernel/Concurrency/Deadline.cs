using Zx.Kernel.Object;

namespace Zx.Kernel.Concurrency;

/// <summary>A monotonic deadline (<c>zx_time_t</c>) as a blocking wait uses it.</summary>
/// <param name="kernel">The kernel whose clock the deadline is on.</param>
/// <param name="value">Nanoseconds on that clock; <c>ZX_TIME_INFINITE</c> never passes, 0 or less has passed.</param>
internal readonly struct Deadline(KernelContext kernel, long value)
{
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(100);

    /// <summary>The deadline in nanoseconds.</summary>
    public long Value => value;

    /// <summary>The time left: null for <c>ZX_TIME_INFINITE</c>, zero when past. Host waits count whole
    /// milliseconds, so it is rounded up: a wait never ends before its deadline.</summary>
    public TimeSpan? Remaining()
    {
        if (value == ZxConstants.TimeInfinite)
            return null;
        if (value <= 0)
            return TimeSpan.Zero;
        long remaining = value - kernel.MonotonicNow;
        if (remaining <= 0)
            return TimeSpan.Zero;
        long milliseconds = Math.Min(remaining / 1_000_000 + 1, int.MaxValue - 1);
        return TimeSpan.FromMilliseconds(milliseconds);
    }

    /// <summary>How long a blocked wait sleeps before it checks again whether its caller was abandoned: the time
    /// left, but at most 100 ms (a thread killed on its own, with its process alive, has nothing else to wake it).</summary>
    public static TimeSpan CheckSlice(TimeSpan? left) => left is null || left.Value > Slice ? Slice : left.Value;

    /// <summary>True when a blocking syscall of <paramref name="caller"/> should stop waiting: the process died or
    /// the calling thread was killed. Every blocking wait asks this each time it wakes, so it is also where a
    /// suspended thread stops (<see cref="ThreadDispatcher.ParkIfSuspended"/>): it waits on after it is resumed.</summary>
    /// <summary>Like <see cref="IsAbandoned"/>, without stopping for a suspension.</summary>
    public static bool IsAbandonedWithoutParking(ProcessDispatcher caller) => caller.IsDead || ThreadDispatcher.Current?.IsKilled == true;

    public static bool IsAbandoned(ProcessDispatcher caller)
    {
        ThreadDispatcher? thread = ThreadDispatcher.Current;
        if (thread is not null && thread.SuspendRequested)
            thread.ParkIfSuspended();
        return caller.IsDead || thread?.IsKilled == true;
    }
}
