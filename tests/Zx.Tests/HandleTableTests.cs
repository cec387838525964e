using System.Collections.Concurrent;

namespace Zx.Tests;

/// <summary>The handle table's bound (docs/decisions.md #8) and its sharding between threads (#38).</summary>
public sealed class HandleTableTests
{
    [Fact]
    public void TableHoldsTwoToTheTwentyHandlesThenNoMemory()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(4096);
        int room = Zx.Kernel.Object.HandleTable.MaxHandles - k.Kernel.FirstProcess.HandleCount;
        var handles = new ZxHandle[room];
        for (int i = 0; i < room; i++)
            Assert.Equal(ZxStatus.Ok, k.Sys.HandleDuplicate(vmo, ZxRights.SameRights, out handles[i]));
        Assert.Equal(Zx.Kernel.Object.HandleTable.MaxHandles, k.Kernel.FirstProcess.HandleCount);
        Assert.Equal(ZxStatus.NoMemory, k.Sys.HandleDuplicate(vmo, ZxRights.SameRights, out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(handles[0]));
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleDuplicate(vmo, ZxRights.SameRights, out handles[0]));
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleCloseMany(handles));
        k.Sys.HandleClose(vmo);
        k.AssertNoLeaks();
    }

    [Fact]
    public void EveryThreadCanFillTheTableAndTakeSlotsFreedByAnother()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(4096);
        int room = Zx.Kernel.Object.HandleTable.MaxHandles - k.Kernel.FirstProcess.HandleCount;
        // Two threads fill the table between them, each in its own shard.
        var halves = new ZxHandle[2][];
        OnThreads(2, t =>
        {
            int count = t == 0 ? room / 2 : room - room / 2;
            halves[t] = new ZxHandle[count];
            for (int i = 0; i < count; i++)
                Assert.Equal(ZxStatus.Ok, k.Sys.HandleDuplicate(vmo, ZxRights.SameRights, out halves[t][i]));
        });
        Assert.Equal(Zx.Kernel.Object.HandleTable.MaxHandles, k.Kernel.FirstProcess.HandleCount);
        ZxHandle freedElsewhere = halves[0][12345];
        OnThreads(1, unused =>
        {
            Assert.Equal(ZxStatus.NoMemory, k.Sys.HandleDuplicate(vmo, ZxRights.SameRights, out _));
            Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(freedElsewhere));
        });
        // A third thread, whose shard has no free slot, takes the one freed on another thread's shard.
        ZxHandle again = ZxHandle.Invalid;
        OnThreads(1, unused =>
        {
            Assert.Equal(ZxStatus.Ok, k.Sys.HandleDuplicate(vmo, ZxRights.SameRights, out again));
            Assert.Equal(ZxStatus.NoMemory, k.Sys.HandleDuplicate(vmo, ZxRights.SameRights, out _));
        });
        Assert.NotEqual(freedElsewhere, again);
        Assert.Equal(ZxStatus.BadHandle, k.Sys.HandleClose(freedElsewhere));
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(again));
        halves[0][12345] = ZxHandle.Invalid;
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleCloseMany(halves[0]));
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleCloseMany(halves[1]));
        k.Sys.HandleClose(vmo);
        k.AssertNoLeaks();
    }

    [Fact]
    public void HandlesClosedOnAnotherThreadAreCountedAndTheirValuesNeverComeBack()
    {
        using var k = new TestKernel();
        int baseline = k.Kernel.FirstProcess.HandleCount;
        ZxHandle vmo = k.Vmo(4096);
        const int Count = 5000;
        var first = new ZxHandle[Count];
        OnThreads(1, unused =>
        {
            for (int i = 0; i < Count; i++)
                Assert.Equal(ZxStatus.Ok, k.Sys.HandleDuplicate(vmo, ZxRights.Read, out first[i]));
        });
        Assert.Equal(baseline + 1 + Count, k.Kernel.FirstProcess.HandleCount);
        OnThreads(1, unused =>
        {
            foreach (ZxHandle h in first)
                Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(h));
        });
        Assert.Equal(baseline + 1, k.Kernel.FirstProcess.HandleCount);
        // Both threads now make handles again, reusing the freed slots with new generations.
        var old = new HashSet<ZxHandle>(first);
        var made = new ConcurrentBag<ZxHandle>();
        OnThreads(2, unused =>
        {
            for (int i = 0; i < Count; i++)
            {
                Assert.Equal(ZxStatus.Ok, k.Sys.HandleDuplicate(vmo, ZxRights.Read, out ZxHandle h));
                made.Add(h);
            }
        });
        Assert.Equal(2 * Count, made.Distinct().Count());
        Assert.DoesNotContain(made, old.Contains);
        foreach (ZxHandle h in first)
            Assert.Equal(ZxStatus.BadHandle, k.Sys.VmoGetSize(h, out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleCloseMany(made.ToArray()));
        k.Sys.HandleClose(vmo);
        k.AssertNoLeaks();
    }

    [Fact]
    public void DuplicateRacingWithTheLastCloseNeverRevivesTheObject()
    {
        // Closing an event pair's last handle on one side asserts PEER_CLOSED on the other. A duplicate that
        // succeeds must come before that close: while it is open, the peer must not have seen PEER_CLOSED.
        using var k = new TestKernel();
        long objects = k.Kernel.LiveObjectCount;
        int duplicated = 0;
        for (int round = 0; round < 2000; round++)
        {
            Assert.Equal(ZxStatus.Ok, k.Sys.EventPairCreate(0, out ZxHandle a, out ZxHandle b));
            using var go = new Barrier(2);
            OnThreads(2, t =>
            {
                go.SignalAndWait();
                if (t == 0)
                {
                    while (k.Sys.HandleDuplicate(a, ZxRights.SameRights, out ZxHandle d) == ZxStatus.Ok)
                    {
                        Interlocked.Increment(ref duplicated);
                        Assert.Equal(ZxStatus.TimedOut, k.Sys.ObjectWaitOne(b, ZxSignals.ObjectPeerClosed, 0, out _));
                        Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(d));
                    }
                }
                else
                {
                    Thread.SpinWait(round % 64 * 20);
                    Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(a));
                }
            });
            Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(b, ZxSignals.ObjectPeerClosed, 0, out _));
            Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(b));
        }
        Assert.True(duplicated > 0);
        Assert.Equal(objects, k.Kernel.LiveObjectCount);
        k.AssertNoLeaks();
    }

    // Runs body(0..count-1) on that many new host threads and rethrows the first failure.
    [Fact]
    public void ThreadsWhoseShardsCollideMoveApart()
    {
        using var k = new TestKernel();
        ZxHandle[] vmos = [k.Vmo(4096), k.Vmo(4096)];
        int[] shards = [-1, -2];
        bool separated = false;
        using var start = new Barrier(2);
        OnThreads(2, t =>
        {
            // Both threads start on shard 0 and duplicate and close at once; finding the shard's lock held moves a
            // thread to another shard, so within a few collisions each has its own.
            Zx.Kernel.Object.HandleTable.UseShardForTests(0);
            Volatile.Write(ref shards[t], 0);
            start.SignalAndWait();
            var deadline = System.Diagnostics.Stopwatch.StartNew();
            while (!Volatile.Read(ref separated) && deadline.Elapsed < TimeSpan.FromSeconds(20))
            {
                Assert.Equal(ZxStatus.Ok, k.Sys.HandleDuplicate(vmos[t], ZxRights.SameRights, out ZxHandle d));
                Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(d));
                Volatile.Write(ref shards[t], Zx.Kernel.Object.HandleTable.CurrentThreadShard);
                if (Volatile.Read(ref shards[0]) != Volatile.Read(ref shards[1]))
                    Volatile.Write(ref separated, true);
            }
        });
        Assert.True(separated, "two threads on one shard never moved apart");
        Assert.NotEqual(shards[0], shards[1]);
        k.Sys.HandleCloseMany(vmos);
        k.AssertNoLeaks();
    }

    private static void OnThreads(int count, Action<int> body)
    {
        var failures = new ConcurrentQueue<Exception>();
        Thread[] threads = [.. Enumerable.Range(0, count).Select(i => new Thread(() =>
        {
            try
            {
                body(i);
            }
            catch (Exception e)
            {
                failures.Enqueue(e);
            }
        }))];
        foreach (Thread t in threads)
            t.Start();
        foreach (Thread t in threads)
            Assert.True(t.Join(TimeSpan.FromSeconds(60)), "a thread did not finish within a minute");
        Assert.Empty(failures);
    }
}
