using CsCheck;

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

    /// <summary>Random programs of sets (past, near and far deadlines), cancels, polls, waits and re-creations on three
    /// timers, against a model of each timer's SIGNALED bit: a past deadline fires, a far one (an hour) does not, a
    /// cancel or a new set clears the signal, a wait for a near deadline ends no earlier than it.</summary>
    [Fact]
    public void RandomProgramsAgreeWithASignaledBitModel()
    {
        const long Hour = 3_600_000_000_000, FiveSeconds = 5_000_000_000;
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, 2], Gen.Int[0, 2]).Array[1, 30].Sample(program =>
        {
            using var k = new TestKernel();
            var timers = new ZxHandle[3];
            var signaled = new bool[3];
            for (int i = 0; i < timers.Length; i++)
                Assert.Equal(ZxStatus.Ok, k.Sys.TimerCreate((uint)i, 0, out timers[i]));
            foreach ((int op, int which, int slack) in program)
            {
                ZxHandle t = timers[which];
                switch (op)
                {
                    case 0: // a deadline already past fires (at once or very soon)
                        Assert.Equal(ZxStatus.Ok, k.Sys.TimerSet(t, slack == 0 ? 0 : k.Sys.ClockGetMonotonic() - 1_000_000, 0));
                        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(t, ZxSignals.TimerSignaled, k.Sys.DeadlineAfter(FiveSeconds), out _));
                        signaled[which] = true;
                        break;
                    case 1: // a far deadline: set clears the signal, nothing fires
                        Assert.Equal(ZxStatus.Ok, k.Sys.TimerSet(t, k.Sys.DeadlineAfter(Hour), slack * 1_000_000));
                        signaled[which] = false;
                        break;
                    case 2:
                        Assert.Equal(ZxStatus.Ok, k.Sys.TimerCancel(t));
                        signaled[which] = false;
                        break;
                    case 3: // a near deadline: the wait ends, and not before the deadline
                    {
                        long deadline = k.Sys.DeadlineAfter(200_000 * (slack + 1));
                        Assert.Equal(ZxStatus.Ok, k.Sys.TimerSet(t, deadline, 0));
                        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(t, ZxSignals.TimerSignaled, k.Sys.DeadlineAfter(FiveSeconds), out _));
                        Assert.True(k.Sys.ClockGetMonotonic() >= deadline);
                        signaled[which] = true;
                        break;
                    }
                    case 4: // a poll says what the model says
                        Assert.Equal(signaled[which] ? ZxStatus.Ok : ZxStatus.TimedOut, k.Sys.ObjectWaitOne(t, ZxSignals.TimerSignaled, 0, out _));
                        break;
                    default: // close (an armed timer goes with its handle) and make a new one
                        k.Sys.HandleClose(t);
                        Assert.Equal(ZxStatus.Ok, k.Sys.TimerCreate((uint)slack, 0, out timers[which]));
                        signaled[which] = false;
                        break;
                }
                for (int i = 0; i < timers.Length; i++)
                {
                    k.Sys.ObjectWaitOne(timers[i], ZxSignals.User7, 0, out ZxSignals observed);
                    Assert.Equal(signaled[i] ? ZxSignals.TimerSignaled : 0, observed & ZxSignals.TimerSignaled);
                }
            }
            k.Sys.HandleCloseMany(timers);
            k.AssertNoLeaks();
        }, iter: 100);
    }
}
