namespace Zx.Kernel;

/// <summary>Makes a chosen kernel allocation fail, so tests can drive every <c>ZX_ERR_NO_MEMORY</c> path.</summary>
/// <remarks>Allocation points: creating a kernel object, creating a handle, allocating physical pages.</remarks>
public sealed class FaultInjection
{
    private long _countdown = -1;

    [ThreadStatic]
    private static long t_allocationPoints;

    /// <summary>Makes the <paramref name="n"/>-th allocation from now fail (1 is the next one), once.</summary>
    public void FailNthAllocation(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        Interlocked.Exchange(ref _countdown, n);
    }

    /// <summary>Stops any pending injected failure.</summary>
    public void Reset() => Interlocked.Exchange(ref _countdown, -1);

    /// <summary>How many allocation points the calling thread has passed, in any kernel. The count is kept per
    /// thread so that the syscalls' hot paths make no write that other threads share.</summary>
    public static long AllocationPointsOnThisThread => t_allocationPoints;

    /// <summary>True when an injected failure is still pending.</summary>
    public bool Armed => Interlocked.Read(ref _countdown) > 0;

    /// <summary>Called at each allocation point; true means "fail this one".</summary>
    internal bool ShouldFail()
    {
        t_allocationPoints++;
        if (Volatile.Read(ref _countdown) <= 0)
            return false;
        return Interlocked.Decrement(ref _countdown) == 0;
    }
}
