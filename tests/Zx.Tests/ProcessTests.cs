using Zx.Kernel.Syscalls;

namespace Zx.Tests;

/// <summary>Jobs, processes and threads: zx_process_create, zx_thread_create, zx_process_start with a bootstrap
/// handle, threads acting in their process, zx_task_kill, ZX_TASK_TERMINATED and ZX_INFO_PROCESS.</summary>
// Safety: the pointers are to the test's own pinned arrays and locals, or are bad user addresses the kernel must refuse.
public sealed unsafe class ProcessTests
{
    private const ulong Page = ZxConstants.PageSize;

    [Fact]
    public void AProcessStartedWithABootstrapChannelMapsAPhysicalVmoItReceives()
    {
        using var k = new TestKernel();
        ZxHandle job = k.Kernel.FirstProcess.DefaultJob;
        Assert.Equal(ZxStatus.Ok, k.Sys.ProcessCreate(job, "driver"u8, 0, out ZxHandle process, out ZxHandle vmar));
        Assert.Equal(ZxStatus.Ok, k.Sys.ThreadCreate(process, "main"u8, 0, out ZxHandle thread));
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelCreate(0, out ZxHandle bootstrap, out ZxHandle bootstrapForChild));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreatePhysical(k.Root, TestKernel.Uart, Page, out ZxHandle regs));
        // Like a launcher, hand the new process its root VMAR along with the device's VMO.
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelWrite(bootstrap, 0, "go"u8, [regs, vmar]));
        ZxStatus childStatus = ZxStatus.Internal;
        Assert.Equal(ZxStatus.Ok, k.Sys.ProcessStart(process, thread, bootstrapForChild, (self, channel) =>
        {
            // Runs on its own host thread, acting in the new process.
            Span<byte> bytes = stackalloc byte[8];
            Span<ZxHandle> handles = stackalloc ZxHandle[2];
            childStatus = self.Syscalls.ObjectWaitOne(channel, ZxSignals.ObjectReadable, ZxConstants.TimeInfinite, out _);
            childStatus = childStatus == ZxStatus.Ok ? self.Syscalls.ChannelRead(channel, 0, bytes, handles, out _, out _) : childStatus;
            if (childStatus != ZxStatus.Ok)
                return;
            childStatus = self.Syscalls.VmarMap(handles[1], ZxVmOptions.PermRead | ZxVmOptions.PermWrite, 0, handles[0], 0, Page, out ulong address);
            if (childStatus == ZxStatus.Ok)
                ((uint*)address)[4] = 0xD1A11ED;
        }));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.HandleClose(bootstrapForChild)); // moved into the new process
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(process, ZxSignals.TaskTerminated, k.Sys.DeadlineAfter(10_000_000_000), out _));
        Assert.Equal(ZxStatus.Ok, childStatus);
        Assert.Equal(0xD1A11EDu, *(uint*)k.Kernel.Memory.PhysToVirt(TestKernel.Uart + 16, 4));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(thread, ZxSignals.TaskTerminated, 0, out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(process, ZxInfoTopic.Process, out ZxInfoProcess info));
        Assert.Equal(1, info.Started);
        Assert.Equal(1, info.Exited);
        Assert.Equal(0, info.ReturnCode);
        Assert.Equal(ZxStatus.BadState, k.Sys.ThreadCreate(process, "late"u8, 0, out _));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.HandleClose(vmar)); // it went to the child
        k.Sys.HandleCloseMany([process, thread, bootstrap]);
        k.AssertNoLeaksAfterThreadsEnd();
    }

    [Fact]
    public void KillingAProcessEndsItsBlockedThreadsAndLeavesNothing()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.ProcessCreate(k.Kernel.FirstProcess.DefaultJob, "victim"u8, 0, out ZxHandle process, out ZxHandle vmar));
        Assert.Equal(ZxStatus.Ok, k.Sys.ThreadCreate(process, "a"u8, 0, out ZxHandle first));
        Assert.Equal(ZxStatus.Ok, k.Sys.ThreadCreate(process, "b"u8, 0, out ZxHandle second));
        var results = new ZxStatus[2];
        using var bothBlocked = new CountdownEvent(2);
        Assert.Equal(ZxStatus.Ok, k.Sys.ProcessStart(process, first, ZxHandle.Invalid, (self, _) =>
        {
            self.Syscalls.EventCreate(0, out ZxHandle ev);
            bothBlocked.Signal();
            results[0] = self.Syscalls.ObjectWaitOne(ev, ZxSignals.EventSignaled, ZxConstants.TimeInfinite, out ZxSignals ignored);
        }));
        Assert.Equal(ZxStatus.Ok, k.Sys.ThreadStart(second, self =>
        {
            self.Syscalls.PortCreate(0, out ZxHandle port);
            bothBlocked.Signal();
            results[1] = self.Syscalls.PortWait(port, ZxConstants.TimeInfinite, out _);
        }));
        Assert.True(bothBlocked.Wait(TimeSpan.FromSeconds(10)));
        Thread.Sleep(50);
        ZxHandle noDestroy = k.Duplicate(process, ZxRights.Wait);
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.TaskKill(noDestroy));
        Assert.Equal(ZxStatus.Ok, k.Sys.TaskKill(process));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(first, ZxSignals.TaskTerminated, k.Sys.DeadlineAfter(10_000_000_000), out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(second, ZxSignals.TaskTerminated, k.Sys.DeadlineAfter(10_000_000_000), out _));
        Assert.Equal(ZxStatus.Canceled, results[0]);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(process, ZxSignals.TaskTerminated, 0, out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(process, ZxInfoTopic.Process, out ZxInfoProcess info));
        Assert.Equal(Zx.Kernel.Syscalls.ZxSyscalls.TaskRetcodeSyscallKill, info.ReturnCode);
        ZxHandle again = k.Duplicate(first, ZxRights.SameRights);
        Assert.Equal(ZxStatus.BadState, k.Sys.ThreadStart(again, _ => { }));
        k.Sys.HandleCloseMany([process, vmar, first, second, noDestroy, again]);
        k.AssertNoLeaksAfterThreadsEnd();
    }

    [Fact]
    public void NothingSucceedsOnBehalfOfADeadProcess()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.ProcessCreate(k.Kernel.FirstProcess.DefaultJob, "dead"u8, 0, out ZxHandle process, out ZxHandle vmar));
        Assert.Equal(ZxStatus.Ok, k.Sys.ThreadCreate(process, "t"u8, 0, out ZxHandle thread));
        ZxSyscalls? inside = null;
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var made = new List<ZxStatus>();
        Assert.Equal(ZxStatus.Ok, k.Sys.ProcessStart(process, thread, ZxHandle.Invalid, (self, _) =>
        {
            inside = self.Syscalls;
            started.Set();
            release.Wait();
            // The process was killed meanwhile: its table is closed, so nothing is made on its behalf.
            made.Add(self.Syscalls.EventCreate(0, out _));
            made.Add(self.Syscalls.VmoCreate(Page, ZxVmoOptions.None, out _));
        }));
        Assert.True(started.Wait(TimeSpan.FromSeconds(10)));
        Assert.Equal(ZxStatus.Ok, k.Sys.TaskKill(process));
        Assert.True(inside!.CallerIsDead);
        release.Set();
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(thread, ZxSignals.TaskTerminated, k.Sys.DeadlineAfter(10_000_000_000), out _));
        Assert.Equal([ZxStatus.BadState, ZxStatus.BadState], made);
        k.Sys.HandleCloseMany([process, vmar, thread]);
        k.AssertNoLeaksAfterThreadsEnd();
    }

    [Fact]
    public void KillingAThreadEndsItsBlockedWaitAndLeavesTheProcessRunning()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.ProcessCreate(k.Kernel.FirstProcess.DefaultJob, "two"u8, 0, out ZxHandle process, out ZxHandle vmar));
        Assert.Equal(ZxStatus.Ok, k.Sys.ThreadCreate(process, "victim"u8, 0, out ZxHandle victim));
        Assert.Equal(ZxStatus.Ok, k.Sys.ThreadCreate(process, "other"u8, 0, out ZxHandle other));
        Assert.Equal(ZxStatus.Ok, k.Sys.EventCreate(0, out ZxHandle gate));
        ZxHandle gateForChild = k.Duplicate(gate, ZxRights.SameRights);
        var results = new ZxStatus[2];
        Assert.Equal(ZxStatus.Ok, k.Sys.ProcessStart(process, victim, gateForChild, (self, ev) =>
            results[0] = self.Syscalls.ObjectWaitOne(ev, ZxSignals.User0, ZxConstants.TimeInfinite, out _)));
        Assert.Equal(ZxStatus.Ok, k.Sys.ThreadStart(other, self =>
            results[1] = self.Syscalls.Nanosleep(self.Syscalls.DeadlineAfter(300_000_000))));
        Thread.Sleep(30);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(ZxStatus.Ok, k.Sys.TaskKill(victim));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(victim, ZxSignals.TaskTerminated, k.Sys.DeadlineAfter(10_000_000_000), out _));
        Assert.True(clock.ElapsedMilliseconds < 250, $"the killed thread took {clock.ElapsedMilliseconds} ms to end");
        Assert.Equal(ZxStatus.TimedOut, k.Sys.ObjectWaitOne(process, ZxSignals.TaskTerminated, 0, out _)); // the other thread sleeps on
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(process, ZxSignals.TaskTerminated, k.Sys.DeadlineAfter(10_000_000_000), out _));
        Assert.Equal(ZxStatus.Ok, results[1]);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(process, ZxInfoTopic.Process, out ZxInfoProcess info));
        Assert.Equal(0, info.ReturnCode); // it ended when its last thread did, not by a kill
        k.Sys.HandleCloseMany([process, vmar, victim, other, gate]);
        k.AssertNoLeaksAfterThreadsEnd();
    }

    [Fact]
    public void AProcessNeverStartedDiesWithItsLastHandleAndGivesBackItsAddressSpace()
    {
        using var k = new TestKernel();
        ZxHandle job = k.Kernel.FirstProcess.DefaultJob;
        int reservations = k.Kernel.TakeCensus().HostReservations;
        int processes = k.Kernel.TakeCensus().Processes.Count;
        for (int i = 0; i < 10_000; i++)
        {
            Assert.Equal(ZxStatus.Ok, k.Sys.ProcessCreate(job, "brief"u8, 0, out ZxHandle process, out ZxHandle vmar));
            Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(vmar));
            Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(process));
        }
        // Each process reserved 64 GiB of host address space; 10,000 of them held would be 640 TiB. (Counted by the
        // kernel: the test host's VmSize also moves with every other test running beside this one.)
        Assert.Equal(reservations, k.Kernel.TakeCensus().HostReservations);
        Assert.Equal(processes, k.Kernel.TakeCensus().Processes.Count);
        // One with a thread that never started dies the same way.
        Assert.Equal(ZxStatus.Ok, k.Sys.ProcessCreate(job, "brief"u8, 0, out ZxHandle p, out ZxHandle v));
        Assert.Equal(ZxStatus.Ok, k.Sys.ThreadCreate(p, "t"u8, 0, out ZxHandle t));
        ZxHandle watcher = k.Duplicate(t, ZxRights.Wait);
        k.Sys.HandleCloseMany([p, v, t]);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(watcher, ZxSignals.TaskTerminated, 0, out _));
        k.Sys.HandleClose(watcher);
        k.AssertNoLeaks();
    }


    [Fact]
    public void ProcessExitEndsTheCallingProcessWithItsReturnCode()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.ProcessCreate(k.Kernel.FirstProcess.DefaultJob, "exits"u8, 0, out ZxHandle process, out ZxHandle vmar));
        Assert.Equal(ZxStatus.Ok, k.Sys.ThreadCreate(process, "t"u8, 0, out ZxHandle thread));
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelCreate(0, out ZxHandle mine, out ZxHandle theirs));
        ZxStatus afterExit = ZxStatus.Internal;
        Assert.Equal(ZxStatus.Ok, k.Sys.ProcessStart(process, thread, theirs, (self, channel) =>
        {
            self.Syscalls.ProcessExit(-7);
            afterExit = self.Syscalls.HandleClose(channel); // the process is gone: its handle went with it
        }));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(process, ZxSignals.TaskTerminated, k.Sys.DeadlineAfter(10_000_000_000), out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(thread, ZxSignals.TaskTerminated, k.Sys.DeadlineAfter(10_000_000_000), out _));
        Assert.Equal(ZxStatus.BadHandle, afterExit);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(process, ZxInfoTopic.Process, out ZxInfoProcess info));
        Assert.Equal(-7, info.ReturnCode);
        Assert.Equal(1, info.Exited);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(mine, ZxSignals.ObjectPeerClosed, 0, out _));
        k.Sys.HandleCloseMany([process, thread, mine, vmar]);
        k.AssertNoLeaksAfterThreadsEnd();
    }

    [Fact]
    public void ProcessAndThreadRules()
    {
        using var k = new TestKernel();
        ZxHandle job = k.Kernel.FirstProcess.DefaultJob;
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.ProcessCreate(job, "x"u8, 1, out _, out _));
        Assert.Equal(ZxStatus.WrongType, k.Sys.ProcessCreate(k.Kernel.FirstProcess.SelfHandle, "x"u8, 0, out _, out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.ProcessCreate(job, "p1"u8, 0, out ZxHandle p1, out ZxHandle v1));
        Assert.Equal(ZxStatus.Ok, k.Sys.ProcessCreate(job, "p2"u8, 0, out ZxHandle p2, out ZxHandle v2));
        Assert.Equal(ZxStatus.Ok, k.Sys.ThreadCreate(p2, "t"u8, 0, out ZxHandle t2));
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.ProcessStart(p1, t2, ZxHandle.Invalid, (_, _) => { }));
        Assert.Equal(ZxStatus.BadState, k.Sys.ThreadStart(t2, _ => { })); // the process was not started
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.ThreadCreate(p2, "t"u8, 1, out _));
        var name = new byte[32];
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetProperty(p1, ZxProperty.Name, name));
        Assert.Equal("p1"u8.ToArray(), name[..2]);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(t2, ZxInfoTopic.HandleBasic, out ZxInfoHandleBasic basic));
        Assert.Equal(ZxDefaultRights.Thread, basic.Rights);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(p2, ZxInfoTopic.HandleBasic, out ZxInfoHandleBasic processBasic));
        Assert.Equal(processBasic.Koid, basic.RelatedKoid);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(p1, ZxInfoTopic.Process, out ZxInfoProcess info));
        Assert.Equal(0, info.Started);
        ZxHandle j = k.Duplicate(job, ZxRights.SameRights);
        Assert.Equal(ZxStatus.Ok, k.Sys.TaskKill(j)); // kills every process of the job
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(p1, ZxSignals.TaskTerminated, 0, out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(p2, ZxSignals.TaskTerminated, 0, out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(t2, ZxSignals.TaskTerminated, 0, out _));
        k.Sys.HandleCloseMany([p1, v1, p2, v2, t2, j]);
        k.AssertNoLeaksAfterThreadsEnd();
    }
}
