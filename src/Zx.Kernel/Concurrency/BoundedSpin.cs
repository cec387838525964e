namespace Zx.Kernel.Concurrency;

/// <summary>What a <see cref="BoundedSpin"/> watches: a cheap check (one volatile read) that says the wait is over.</summary>
internal interface ISpinCheck
{
    /// <summary>True once the wait the spinner is in has ended.</summary>
    bool Ended();
}

/// <summary>The spin before a blocking wait sleeps (docs/concurrency.md): a wake-up that comes within it costs one
/// cache-line transfer instead of a host sleep and wake-up. Used by the wait slot and by interrupt waits.</summary>
internal static class BoundedSpin
{
    // 20 us on a machine with more than one CPU; on one CPU the waker cannot run while this thread spins.
    private static readonly long SpinTicks = Environment.ProcessorCount > 1 ? System.Diagnostics.Stopwatch.Frequency / 50_000 : 0;

    /// <summary>Spins without giving up the CPU until <paramref name="check"/> says the wait ended, for up to 20 us
    /// and not past <paramref name="deadline"/>; true when it ended. The first checks come before any clock read, so
    /// a wake-up already on its way is seen at once; after a few microseconds another thread on this CPU may run
    /// between rounds (when the host put the waker on this CPU, spinning only delays it).</summary>
    public static bool Until<TCheck>(TCheck check, Deadline deadline) where TCheck : struct, ISpinCheck
    {
        if (SpinTicks == 0)
            return false;
        if (EndsWithin64Checks(check))
            return true;
        if (deadline.Remaining() == TimeSpan.Zero)
            return false;
        long now = System.Diagnostics.Stopwatch.GetTimestamp();
        long yieldFrom = now + SpinTicks / 5, until = now + SpinTicks;
        do
        {
            if (now >= yieldFrom)
                Thread.Yield();
            if (EndsWithin64Checks(check))
                return true;
            now = System.Diagnostics.Stopwatch.GetTimestamp();
        }
        while (now < until);
        return check.Ended();
    }

    // One round of the spin: 64 checks with a pause between them; true when the wait ended.
    private static bool EndsWithin64Checks<TCheck>(TCheck check) where TCheck : struct, ISpinCheck
    {
        for (int i = 0; i < 64; i++)
        {
            if (check.Ended())
                return true;
            Thread.SpinWait(1);
        }
        return false;
    }
}
