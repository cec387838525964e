using Zx.Kernel.Object;

namespace Zx.Tests;

/// <summary>Futexes: wakes counted oldest first, requeue moving waiters between words, and a stress of threads
/// handing a word back and forth with no wake-up lost.</summary>
// Safety: the futex words live in unmanaged memory the test allocates, so their addresses never move.
public sealed unsafe class FutexTests
{
    private static void WaitForWaiters(FutexContext futexes, int count) =>
        Assert.True(SpinWait.SpinUntil(() => futexes.WaiterCount == count, TimeSpan.FromSeconds(10)), $"{futexes.WaiterCount} waiters, not {count}");

    [Fact]
    public void WakesAreCountedAndRequeueMovesWaitersToAnotherWord()
    {
        using var k = new TestKernel();
        int* words = (int*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(8);
        try
        {
            int* word = words, target = words + 1;
            int woke = 0;
            var threads = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
            {
                while (Volatile.Read(ref *word) == 0 && Volatile.Read(ref *target) == 0)
                    k.Sys.FutexWait(word, 0, ZxConstants.TimeInfinite);
                Interlocked.Increment(ref woke);
            })).ToArray();
            foreach (Thread t in threads)
                t.Start();
            FutexContext futexes = k.Kernel.FirstProcess.Dispatcher.Futexes;
            WaitForWaiters(futexes, 4);
            // Wake one (it finds the word unchanged and sleeps again) and move three to `target`.
            Assert.Equal(ZxStatus.Ok, k.Sys.FutexRequeue(word, 1, 0, target, 3));
            WaitForWaiters(futexes, 4);
            Assert.Equal(0, Volatile.Read(ref woke));
            Volatile.Write(ref *word, 1);
            Assert.Equal(ZxStatus.Ok, k.Sys.FutexWake(word, uint.MaxValue)); // only the one left on `word`
            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref woke) == 1, TimeSpan.FromSeconds(10)));
            WaitForWaiters(futexes, 3);
            Assert.Equal(ZxStatus.Ok, k.Sys.FutexWake(target, 2));
            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref woke) == 3, TimeSpan.FromSeconds(10)));
            Assert.Equal(1, futexes.WaiterCount);
            Assert.Equal(ZxStatus.Ok, k.Sys.FutexWake(target, 1));
            foreach (Thread t in threads)
                Assert.True(t.Join(TimeSpan.FromSeconds(10)));
            Assert.Equal(0, futexes.WaiterCount);
        }
        finally
        {
            System.Runtime.InteropServices.NativeMemory.Free(words);
        }
        k.AssertNoLeaks();
    }

    [Fact]
    public void WakeSingleOwnerNamesTheWokenThreadAndAPlainWakeClearsIt()
    {
        using var k = new TestKernel();
        int* word = (int*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(4);
        try
        {
            Assert.Equal(ZxStatus.Ok, k.Sys.ThreadCreate(k.Kernel.FirstProcess.SelfHandle, "waiter"u8, 0, out ZxHandle thread));
            Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(thread, ZxInfoTopic.HandleBasic, out ZxInfoHandleBasic info));
            Assert.Equal(ZxStatus.Ok, k.Sys.ThreadStart(thread, self =>
            {
                while (Volatile.Read(ref *word) == 0)
                    self.Syscalls.FutexWait(word, 0, ZxConstants.TimeInfinite);
            }));
            FutexContext futexes = k.Kernel.FirstProcess.Dispatcher.Futexes;
            WaitForWaiters(futexes, 1);
            ulong owner;
            Assert.Equal(ZxStatus.Ok, k.Sys.FutexGetOwner(word, &owner));
            Assert.Equal(0UL, owner);
            Volatile.Write(ref *word, 1);
            Assert.Equal(ZxStatus.Ok, k.Sys.FutexWakeSingleOwner(word));
            Assert.Equal(ZxStatus.Ok, k.Sys.FutexGetOwner(word, &owner));
            Assert.Equal(info.Koid, owner);
            Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(thread, ZxSignals.TaskTerminated, k.Sys.DeadlineAfter(10_000_000_000), out _));
            Assert.Equal(ZxStatus.Ok, k.Sys.FutexWake(word, 1));
            Assert.Equal(ZxStatus.Ok, k.Sys.FutexGetOwner(word, &owner));
            Assert.Equal(0UL, owner);
            k.Sys.HandleClose(thread);
        }
        finally
        {
            System.Runtime.InteropServices.NativeMemory.Free(word);
        }
        k.AssertNoLeaksAfterThreadsEnd();
    }

    [Fact]
    public void FourThreadsPassingATokenLoseNoWakeUp()
    {
        using var k = new TestKernel();
        int* turn = (int*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(4);
        try
        {
            const int Threads = 4, Rounds = 2000;
            var threads = Enumerable.Range(0, Threads).Select(me => new Thread(() =>
            {
                for (int round = 0; round < Rounds; round++)
                {
                    int mine = round * Threads + me;
                    int seen;
                    while ((seen = Volatile.Read(ref *turn)) != mine)
                        k.Sys.FutexWait(turn, seen, k.Sys.DeadlineAfter(10_000_000_000));
                    Volatile.Write(ref *turn, mine + 1);
                    k.Sys.FutexWake(turn, uint.MaxValue);
                }
            })).ToArray();
            foreach (Thread t in threads)
                t.Start();
            foreach (Thread t in threads)
                Assert.True(t.Join(TimeSpan.FromSeconds(60)));
            Assert.Equal(Threads * Rounds, *turn);
        }
        finally
        {
            System.Runtime.InteropServices.NativeMemory.Free(turn);
        }
        Assert.Equal(0, k.Kernel.FirstProcess.Dispatcher.Futexes.WaiterCount);
    }
}
