namespace Zx.Kernel;

/// <summary>Makes a chosen kernel allocation fail, so tests can drive every <c>ZX_ERR_NO_MEMORY</c> path.</summary>
/// <remarks>Allocation points: creating a kernel object, creating a handle, allocating physical pages.</remarks>
public sealed class FaultInjection
{
    private long _countdown = -1;
    private int _countingThread; // the managed thread id whose allocation points are being counted, or 0
    private long _counted;

    /// <summary>Makes the <paramref name="n"/>-th allocation from now fail (1 is the next one), once.</summary>
    public void FailNthAllocation(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        Interlocked.Exchange(ref _countdown, n);
    }

    /// <summary>Stops any pending injected failure.</summary>
    public void Reset() => Interlocked.Exchange(ref _countdown, -1);

    /// <summary>Runs <paramref name="action"/> and returns how many allocation points of this kernel it passed on the
    /// calling thread (so a test can then fail each of them in turn). One count at a time per kernel; other
    /// threads' allocation points are not counted. Nothing is counted outside this call, so outside it an
    /// allocation point costs one more read of a field beside the one it reads anyway.</summary>
    public long CountAllocationPoints(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (Interlocked.CompareExchange(ref _countingThread, Environment.CurrentManagedThreadId, 0) != 0)
            throw new InvalidOperationException("allocation points are already being counted in this kernel");
        try
        {
            _counted = 0;
            action();
            return _counted;
        }
        finally
        {
            Volatile.Write(ref _countingThread, 0);
        }
    }

    /// <summary>True when an injected failure is still pending.</summary>
    public bool Armed => Interlocked.Read(ref _countdown) > 0;

    /// <summary>Called at each allocation point; true means "fail this one".</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal bool ShouldFail()
    {
        if (Volatile.Read(ref _countingThread) != 0)
            CountPoint();
        if (Volatile.Read(ref _countdown) <= 0)
            return false;
        return Interlocked.Decrement(ref _countdown) == 0;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void CountPoint()
    {
        if (Volatile.Read(ref _countingThread) == Environment.CurrentManagedThreadId)
            _counted++;
    }
}
