namespace Zx.Tests;

/// <summary>Suspension on the managed surface: a thread running managed code stops at its blocking wait in the
/// kernel (only C code can be stopped anywhere: the C suite's suspend_test.c covers that), tokens count, a process
/// suspends its threads, and suspension racing kill leaves nothing behind.</summary>
public sealed class SuspendTests
{
    private static readonly long TenSeconds = 10_000_000_000;

    private static ZxSignals SignalsOf(TestKernel k, ZxHandle h)
    {
        k.Sys.ObjectWaitOne(h, ZxSignals.User7, 0, out ZxSignals observed);
        return observed & ~ZxSignals.UserAll;
    }

    [Fact]
    public void AThreadBlockedInAWaitStopsThereAndFinishesItWhenResumed()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.EventCreate(0, out ZxHandle ev));
        Assert.Equal(ZxStatus.Ok, k.Sys.ThreadCreate(k.Kernel.FirstProcess.SelfHandle, "w"u8, 0, out ZxHandle thread));
        ZxStatus waited = ZxStatus.Internal;
        bool after = false;
        using var blocking = new ManualResetEventSlim();
        Assert.Equal(ZxStatus.Ok, k.Sys.ThreadStart(thread, self =>
        {
            blocking.Set();
            waited = self.Syscalls.ObjectWaitOne(ev, ZxSignals.EventSignaled, ZxConstants.TimeInfinite, out _);
            Volatile.Write(ref after, true);
        }));
        Assert.True(blocking.Wait(TimeSpan.FromSeconds(10)));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(thread, ZxSignals.ThreadRunning, 0, out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.TaskSuspendToken(thread, out ZxHandle token));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(thread, ZxSignals.ThreadSuspended, k.Sys.DeadlineAfter(TenSeconds), out _));
        Assert.Equal(ZxSignals.ThreadSuspended, SignalsOf(k, thread));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(thread, ZxInfoTopic.Thread, out ZxInfoThread info));
        Assert.Equal(ZxThreadState.Suspended, info.State);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectSignal(ev, 0, (uint)ZxSignals.EventSignaled));
        Thread.Sleep(150); // longer than a wait's check slice: the thread would have gone on by now
        Assert.False(Volatile.Read(ref after));
        k.Sys.HandleClose(token);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(thread, ZxSignals.TaskTerminated, k.Sys.DeadlineAfter(TenSeconds), out _));
        Assert.True(Volatile.Read(ref after));
        Assert.Equal(ZxStatus.Ok, waited);
        k.Sys.HandleCloseMany([thread, ev]);
        k.AssertNoLeaksAfterThreadsEnd();
    }

    [Fact]
    public void TokensCountAndAProcessSuspendsItsThreadsOldAndNew()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.ProcessCreate(k.Kernel.FirstProcess.DefaultJob, "p"u8, 0, out ZxHandle process, out ZxHandle vmar));
        Assert.Equal(ZxStatus.Ok, k.Sys.ThreadCreate(process, "a"u8, 0, out ZxHandle first));
        Assert.Equal(ZxStatus.Ok, k.Sys.EventCreate(0, out ZxHandle ev));
        ZxHandle evForChild = k.Duplicate(ev, ZxRights.SameRights);
        using var blocking = new ManualResetEventSlim();
        Assert.Equal(ZxStatus.Ok, k.Sys.ProcessStart(process, first, evForChild, (self, arg) =>
        {
            blocking.Set();
            self.Syscalls.ObjectWaitOne(arg, ZxSignals.EventSignaled, ZxConstants.TimeInfinite, out _);
        }));
        Assert.True(blocking.Wait(TimeSpan.FromSeconds(10)));
        Assert.Equal(ZxStatus.Ok, k.Sys.TaskSuspendToken(process, out ZxHandle processToken));
        Assert.Equal(ZxStatus.Ok, k.Sys.TaskSuspendToken(first, out ZxHandle threadToken));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(first, ZxSignals.ThreadSuspended, k.Sys.DeadlineAfter(TenSeconds), out _));
        // A thread made and started while the process is suspended starts stopped.
        Assert.Equal(ZxStatus.Ok, k.Sys.ThreadCreate(process, "b"u8, 0, out ZxHandle second));
        bool secondRan = false;
        Assert.Equal(ZxStatus.Ok, k.Sys.ThreadStart(second, _ => Volatile.Write(ref secondRan, true)));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(second, ZxSignals.ThreadSuspended, k.Sys.DeadlineAfter(TenSeconds), out _));
        Assert.False(Volatile.Read(ref secondRan));
        // The process's token goes: the first thread still has its own.
        k.Sys.HandleClose(processToken);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(second, ZxSignals.TaskTerminated, k.Sys.DeadlineAfter(TenSeconds), out _));
        Assert.True(Volatile.Read(ref secondRan));
        Assert.Equal(ZxSignals.ThreadSuspended, SignalsOf(k, first));
        k.Sys.HandleClose(threadToken);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(first, ZxSignals.ThreadRunning, k.Sys.DeadlineAfter(TenSeconds), out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectSignal(ev, 0, (uint)ZxSignals.EventSignaled));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(process, ZxSignals.TaskTerminated, k.Sys.DeadlineAfter(TenSeconds), out _));
        Assert.Equal(ZxStatus.BadState, k.Sys.TaskSuspendToken(process, out _));
        k.Sys.HandleCloseMany([process, vmar, first, second, ev]);
        k.AssertNoLeaksAfterThreadsEnd();
    }

    [Fact]
    public void StateCanOnlyBeReadFromAStoppedThread()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.ThreadCreate(k.Kernel.FirstProcess.SelfHandle, "t"u8, 0, out ZxHandle thread));
        var regs = new byte[144];
        Assert.Equal(ZxStatus.BadState, k.Sys.ThreadReadState(thread, ZxThreadStateKind.GeneralRegs, regs));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.ThreadReadState(thread, 3, regs));
        Assert.Equal(ZxStatus.BufferTooSmall, k.Sys.ThreadReadState(thread, ZxThreadStateKind.GeneralRegs, regs.AsSpan(0, 143)));
        Assert.Equal(ZxStatus.BufferTooSmall, k.Sys.ThreadWriteState(thread, ZxThreadStateKind.DebugRegs, regs.AsSpan(0, 47)));
        Assert.Equal(ZxStatus.BadState, k.Sys.ThreadWriteState(thread, ZxThreadStateKind.GeneralRegs, regs));
        Assert.Equal(ZxStatus.BadState, k.Sys.ThreadWriteState(thread, ZxThreadStateKind.FpRegs, new byte[160]));
        k.Sys.HandleClose(thread);
        k.AssertNoLeaks();
    }

    /// <summary>Suspensions, resumptions and kills from several threads at once against threads blocked in waits:
    /// every thread ends, every token can be closed, and nothing is left.</summary>
    [Fact]
    public void SuspensionRacingKillEndsEveryThread()
    {
        using var k = new TestKernel();
        var random = new Random(5);
        for (int round = 0; round < 30; round++)
        {
            Assert.Equal(ZxStatus.Ok, k.Sys.PortCreate(0, out ZxHandle port));
            Assert.Equal(ZxStatus.Ok, k.Sys.ThreadCreate(k.Kernel.FirstProcess.SelfHandle, "r"u8, 0, out ZxHandle thread));
            Assert.Equal(ZxStatus.Ok, k.Sys.ThreadStart(thread, self => self.Syscalls.PortWait(port, ZxConstants.TimeInfinite, out _)));
            var tokens = new System.Collections.Concurrent.ConcurrentBag<ZxHandle>();
            var racers = new Thread[3];
            for (int i = 0; i < racers.Length; i++)
            {
                int delay = random.Next(0, 3);
                racers[i] = new Thread(() =>
                {
                    Thread.Sleep(delay);
                    if (k.Sys.TaskSuspendToken(thread, out ZxHandle t) == ZxStatus.Ok)
                        tokens.Add(t);
                });
            }
            foreach (Thread racer in racers)
                racer.Start();
            Thread.Sleep(random.Next(0, 3));
            Assert.Equal(ZxStatus.Ok, k.Sys.TaskKill(thread));
            foreach (Thread racer in racers)
                Assert.True(racer.Join(TimeSpan.FromSeconds(10)));
            Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(thread, ZxSignals.TaskTerminated, k.Sys.DeadlineAfter(TenSeconds), out _));
            Assert.Equal(ZxSignals.TaskTerminated, SignalsOf(k, thread));
            foreach (ZxHandle t in tokens)
                Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(t));
            k.Sys.HandleCloseMany([thread, port]);
        }
        k.AssertNoLeaksAfterThreadsEnd();
    }
}
