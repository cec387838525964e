namespace Zx.Tests;

/// <summary>Timers on the managed surface: deadlines never fire early, armed timers do not outlive their handles,
/// and many timers racing set, cancel and close leave nothing behind.</summary>
public sealed class TimerTests
{
    [Fact]
    public void ATimerFiresInDeadlineOrderAndNeverEarly()
    {
        using var k = new TestKernel();
        var timers = new ZxHandle[8];
        var deadlines = new long[8];
        for (int i = 0; i < timers.Length; i++)
        {
            Assert.Equal(ZxStatus.Ok, k.Sys.TimerCreate((uint)(i % 3), 0, out timers[i]));
            deadlines[i] = k.Sys.DeadlineAfter(1_000_000 * (8 - i)); // the last armed fires first
            Assert.Equal(ZxStatus.Ok, k.Sys.TimerSet(timers[i], deadlines[i], 0));
        }
        for (int i = timers.Length - 1; i >= 0; i--)
        {
            Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(timers[i], ZxSignals.ObjectSignaled, ZxConstants.TimeInfinite, out _));
            Assert.True(k.Sys.ClockGetMonotonic() >= deadlines[i]);
        }
        k.Sys.HandleCloseMany(timers);
        k.AssertNoLeaks();
    }

    [Fact]
    public void ClosingAnArmedTimerDestroysItAtOnce()
    {
        using var k = new TestKernel();
        long baseline = k.Kernel.LiveObjectCount;
        Assert.Equal(ZxStatus.Ok, k.Sys.TimerCreate(0, 0, out ZxHandle timer));
        Assert.Equal(ZxStatus.Ok, k.Sys.TimerSet(timer, k.Sys.DeadlineAfter(3_600_000_000_000), 0)); // an hour away
        Assert.Equal(baseline + 1, k.Kernel.LiveObjectCount);
        k.Sys.HandleClose(timer);
        Assert.Equal(baseline, k.Kernel.LiveObjectCount); // the pending deadline did not keep it
        k.AssertNoLeaks();
    }

    [Fact]
    public void ManyThreadsSettingCancellingAndClosingTimersLeaveNothing()
    {
        using var k = new TestKernel();
        var threads = Enumerable.Range(0, 4).Select(seed => new Thread(() =>
        {
            var random = new Random(seed);
            for (int round = 0; round < 300; round++)
            {
                Assert.Equal(ZxStatus.Ok, k.Sys.TimerCreate(0, 0, out ZxHandle timer));
                for (int step = 0; step < 5; step++)
                {
                    long deadline = k.Sys.DeadlineAfter(random.Next(0, 200_000));
                    Assert.Equal(ZxStatus.Ok, random.Next(3) == 0 ? k.Sys.TimerCancel(timer) : k.Sys.TimerSet(timer, deadline, 0));
                }
                if (random.Next(2) == 0)
                    k.Sys.ObjectWaitOne(timer, ZxSignals.ObjectSignaled, k.Sys.DeadlineAfter(1_000_000), out _);
                k.Sys.HandleClose(timer);
            }
        })).ToArray();
        foreach (Thread t in threads)
            t.Start();
        foreach (Thread t in threads)
            Assert.True(t.Join(TimeSpan.FromSeconds(60)));
        // A firing already taken off the queue may still hold its reference for a moment.
        SpinWait.SpinUntil(() => TryNoLeaks(k), TimeSpan.FromSeconds(5));
        k.AssertNoLeaks();
    }

    private static bool TryNoLeaks(TestKernel k)
    {
        try
        {
            k.AssertNoLeaks();
            return true;
        }
        catch (Xunit.Sdk.XunitException)
        {
            return false;
        }
    }
}
