using Zx.Kernel.Concurrency;

namespace Zx.Tests;

/// <summary>The one-word spin lock behind channel and state locks (decision 114).</summary>
public sealed class SpinGateTests
{
    private sealed class Guarded
    {
        public SpinGate Gate;
        public long Count; // changed only under Gate, with a plain read and write
    }

    [Fact]
    public void ThreadsTakingTurnsLoseNoUpdate()
    {
        const int Threads = 4, Rounds = 200_000;
        var guarded = new Guarded();
        Thread[] workers = [.. Enumerable.Range(0, Threads).Select(_ => new Thread(() =>
        {
            for (int i = 0; i < Rounds; i++)
            {
                using (SpinGate.Hold(ref guarded.Gate))
                {
                    long seen = guarded.Count;
                    if ((i & 1023) == 0)
                        Thread.Yield(); // a holder that loses its CPU while the others wait
                    guarded.Count = seen + 1;
                }
            }
        }))];
        foreach (Thread worker in workers)
            worker.Start();
        foreach (Thread worker in workers)
            Assert.True(worker.Join(TimeSpan.FromSeconds(60)));
        Assert.Equal((long)Threads * Rounds, guarded.Count);
        Assert.False(guarded.Gate.IsHeld);
    }

    [Fact]
    public void AWaiterGetsTheGateOnceAHolderThatSleepsGivesItBack()
    {
        var guarded = new Guarded();
        guarded.Gate.Enter();
        bool entered = false;
        var waiter = new Thread(() =>
        {
            guarded.Gate.Enter();
            entered = true;
            guarded.Gate.Exit();
        });
        waiter.Start();
        Thread.Sleep(100); // the waiter spins, yields, then sleeps; it must still be waiting
        Assert.False(Volatile.Read(ref entered));
        Assert.True(guarded.Gate.IsHeld);
        guarded.Gate.Exit();
        Assert.True(waiter.Join(TimeSpan.FromSeconds(10)));
        Assert.True(entered);
        Assert.False(guarded.Gate.IsHeld);
    }

    [Fact]
    public void AnExceptionInsideAHeldScopeGivesTheGateBack()
    {
        var guarded = new Guarded();
        void ThrowWhileHolding()
        {
            using (SpinGate.Hold(ref guarded.Gate))
                throw new InvalidOperationException("inside");
        }
        Assert.Throws<InvalidOperationException>(ThrowWhileHolding);
        Assert.False(guarded.Gate.IsHeld);
    }
}
