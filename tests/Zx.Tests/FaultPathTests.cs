using Zx.Kernel;
using Zx.Kernel.Host;
using Zx.Kernel.Object;

namespace Zx.Tests;

/// <summary>The fault path from the managed side: demand paging as the kernel's own copies see it (a managed thread
/// never takes a page fault of its own, docs/faults.md), both paging settings, and exception ports: their order of
/// checks and a policy exception answered through a port. The C suite (fault_test.c) covers faults of native code.</summary>
public sealed unsafe class FaultPathTests
{
    private const ulong Page = ZxConstants.PageSize;
    private const ZxVmOptions Rw = ZxVmOptions.PermRead | ZxVmOptions.PermWrite;

    private static ulong Committed(TestKernel k, ZxHandle vmo)
    {
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(vmo, ZxInfoTopic.Vmo, out ZxInfoVmo info));
        return info.CommittedBytes / Page;
    }

    private static ulong Map(TestKernel k, ZxHandle vmo, ZxVmOptions options, ulong length)
    {
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarMap(k.Kernel.FirstProcess.RootVmar, options, 0, vmo, 0, length, out ulong address));
        return address;
    }

    [Fact]
    public void KernelCopiesIntoAnUntouchedMappingCommitExactlyThePagesTheyWrite()
    {
        using var k = new TestKernel(demandPaging: true);
        ZxHandle vmo = k.Vmo(8 * Page), source = k.Vmo(8 * Page);
        ulong address = Map(k, vmo, Rw, 8 * Page);
        Assert.Equal(0UL, Committed(k, vmo));
        byte[] pattern = [.. Enumerable.Range(0, (int)(2 * Page)).Select(i => (byte)(i * 3))];
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoWrite(source, pattern, 0));
        // zx_vmo_read into pages 3 and 4 of the mapping: the kernel's write faults exactly those in.
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoRead(source, (byte*)(address + 3 * Page), 0, 2 * Page));
        Assert.Equal(2UL, Committed(k, vmo));
        var back = new byte[2 * Page];
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoRead(vmo, back, 3 * Page));
        Assert.Equal(pattern, back);
        // zx_vmo_write from an untouched page reads the zero page: nothing committed there.
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoWrite(source, (byte*)(address + 6 * Page), 0, Page));
        Assert.Equal(2UL, Committed(k, vmo));
        // A scalar user copy (zx_*'s out values) faults a page in too.
        Assert.True(UserCopy.TryWrite((ulong*)(address + 7 * Page), 0x1234UL));
        Assert.Equal(3UL, Committed(k, vmo));
        Assert.True(UserCopy.TryRead((ulong*)(address + 7 * Page), out ulong read));
        Assert.Equal(0x1234UL, read);
        // A read-only mapping faults in the zero page for a read, and refuses the kernel's write.
        ulong readOnly = Map(k, source, ZxVmOptions.PermRead, 8 * Page);
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoRead(vmo, (byte*)(readOnly + 5 * Page), 0, 8));
        Assert.True(UserCopy.TryRead((ulong*)(readOnly + 5 * Page), out read));
        Assert.Equal(0UL, read);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(k.Kernel.FirstProcess.RootVmar, address, 8 * Page));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(k.Kernel.FirstProcess.RootVmar, readOnly, 8 * Page));
        k.Sys.HandleCloseMany([vmo, source]);
        k.AssertNoLeaks();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void MappingCommitsNothingWhenDemandPagedAndEveryPageOtherwise(bool demandPaging)
    {
        using var k = new TestKernel(demandPaging: demandPaging);
        ZxHandle vmo = k.Vmo(5 * Page);
        ulong plain = Map(k, vmo, Rw, 5 * Page);
        Assert.Equal(demandPaging ? 0UL : 5UL, Committed(k, vmo));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(k.Kernel.FirstProcess.RootVmar, plain, 5 * Page));
        ZxHandle other = k.Vmo(5 * Page);
        ulong readOnlyRange = Map(k, other, ZxVmOptions.PermRead | ZxVmOptions.MapRange, 5 * Page);
        // Read-only, MAP_RANGE maps the zero page (demand paging); a populated mapping commits (decision 17).
        Assert.Equal(demandPaging ? 0UL : 5UL, Committed(k, other));
        ulong writableRange = Map(k, other, Rw | ZxVmOptions.MapRange, 5 * Page);
        Assert.Equal(5UL, Committed(k, other));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(k.Kernel.FirstProcess.RootVmar, readOnlyRange, 5 * Page));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(k.Kernel.FirstProcess.RootVmar, writableRange, 5 * Page));
        k.Sys.HandleCloseMany([vmo, other]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void ACloneShowsItsParentsLaterWritesThroughAMappingUntilItWritesThePage()
    {
        using var k = new TestKernel(demandPaging: true);
        ZxHandle parent = k.Vmo(2 * Page);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoWrite(parent, [1, 2, 3], 0));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreateChild(parent, ZxVmoChildOptions.SnapshotAtLeastOnWrite, 0, 2 * Page, out ZxHandle clone));
        ulong mapped = Map(k, clone, Rw, 2 * Page);
        Assert.True(UserCopy.TryRead((uint*)mapped, out uint seen));
        Assert.Equal(0x030201u, seen);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoWrite(parent, [9], 0)); // seen through the clone's read-only stand-in
        Assert.True(UserCopy.TryRead((uint*)mapped, out seen));
        Assert.Equal(0x030209u, seen);
        Assert.Equal(0UL, Committed(k, clone));
        Assert.True(UserCopy.TryWrite((uint*)mapped, 0xAABBCCDDu)); // the write fault copies the page for the clone
        Assert.Equal(1UL, Committed(k, clone));
        var parentBytes = new byte[3];
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoRead(parent, parentBytes, 0));
        Assert.Equal(new byte[] { 9, 2, 3 }, parentBytes);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(k.Kernel.FirstProcess.RootVmar, mapped, 2 * Page));
        k.Sys.HandleCloseMany([clone, parent]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void BindingChecksComeInThe2018Order()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.PortCreate(0, out ZxHandle port));
        Assert.Equal(ZxStatus.Ok, k.Sys.EventCreate(0, out ZxHandle @event));
        Assert.Equal(ZxStatus.Ok, k.Sys.ThreadCreate(k.Kernel.FirstProcess.SelfHandle, "t"u8, 0, out ZxHandle thread));
        ZxHandle process = k.Kernel.FirstProcess.SelfHandle, job = k.Kernel.FirstProcess.DefaultJob;
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.TaskBindExceptionPort(ZxHandle.Invalid, port, 0, 2)); // options first
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.TaskBindExceptionPort(process, ZxHandle.Invalid, 0, 4));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.TaskBindExceptionPort(ZxHandle.Invalid, new ZxHandle(0x7ffffffe), 0, 0)); // the port's
        Assert.Equal(ZxStatus.WrongType, k.Sys.TaskBindExceptionPort(ZxHandle.Invalid, @event, 0, 0));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.TaskBindExceptionPort(ZxHandle.Invalid, port, 0, 0)); // then the task's
        Assert.Equal(ZxStatus.WrongType, k.Sys.TaskBindExceptionPort(@event, port, 0, 0));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.TaskBindExceptionPort(thread, port, 0, ZxSyscallsConstants.Debugger));
        foreach (ZxHandle task in new[] { thread, process, job })
        {
            Assert.Equal(ZxStatus.BadState, k.Sys.TaskBindExceptionPort(task, ZxHandle.Invalid, 0, 0)); // nothing bound
            Assert.Equal(ZxStatus.Ok, k.Sys.TaskBindExceptionPort(task, port, 1, 0));
            Assert.Equal(ZxStatus.AlreadyBound, k.Sys.TaskBindExceptionPort(task, port, 2, 0));
            Assert.Equal(ZxStatus.Ok, k.Sys.TaskBindExceptionPort(task, ZxHandle.Invalid, 0, ZxSyscallsConstants.UnbindQuietly));
        }
        foreach (ZxHandle task in new[] { process, job }) // debugger ports are a second slot
        {
            Assert.Equal(ZxStatus.Ok, k.Sys.TaskBindExceptionPort(task, port, 1, 0));
            Assert.Equal(ZxStatus.Ok, k.Sys.TaskBindExceptionPort(task, port, 1, ZxSyscallsConstants.Debugger));
            Assert.Equal(ZxStatus.AlreadyBound, k.Sys.TaskBindExceptionPort(task, port, 1, ZxSyscallsConstants.Debugger));
            Assert.Equal(ZxStatus.Ok, k.Sys.TaskBindExceptionPort(task, ZxHandle.Invalid, 0, ZxSyscallsConstants.Debugger));
        }
        // Closing the port unbinds it: binding again works.
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(port));
        Assert.Equal(ZxStatus.Ok, k.Sys.PortCreate(0, out port));
        Assert.Equal(ZxStatus.Ok, k.Sys.TaskBindExceptionPort(process, port, 1, 0));
        // Resuming a thread that is in no exception.
        Assert.Equal(ZxStatus.BadHandle, k.Sys.TaskResumeFromException(ZxHandle.Invalid, port, 0));
        Assert.Equal(ZxStatus.WrongType, k.Sys.TaskResumeFromException(process, port, 0));
        Assert.Equal(ZxStatus.WrongType, k.Sys.TaskResumeFromException(thread, @event, 0));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.TaskResumeFromException(thread, port, 1));
        Assert.Equal(ZxStatus.BadState, k.Sys.TaskResumeFromException(thread, port, ZxSyscallsConstants.TryNext));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.TaskResume(thread, ZxSyscallsConstants.TryNext)); // TRY_NEXT alone
        Assert.Equal(ZxStatus.BadState, k.Sys.TaskResume(thread, 1)); // ZX_RESUME_EXCEPTION: not in one
        Assert.Equal(ZxStatus.BadState, k.Sys.ObjectGetInfo(thread, ZxInfoTopic.ThreadExceptionReport, out ZxExceptionReport _));
        k.Sys.HandleCloseMany([port, @event, thread]);
        k.AssertNoLeaks();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void APolicyExceptionWaitsForThePortsAnswer(bool tryNext)
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.JobCreate(k.Kernel.FirstProcess.DefaultJob, 0, out ZxHandle job));
        Assert.Equal(ZxStatus.Ok, k.Sys.JobSetPolicy(job, ZxJobPolicy.Relative,
            [new ZxPolicyBasic { Condition = ZxJobPolicy.NewEvent, Policy = ZxJobPolicy.ActionDenyException }]));
        Assert.Equal(ZxStatus.Ok, k.Sys.ProcessCreate(job, "policed"u8, 0, out ZxHandle process, out ZxHandle vmar));
        Assert.Equal(ZxStatus.Ok, k.Sys.ThreadCreate(process, "t"u8, 0, out ZxHandle thread));
        Assert.Equal(ZxStatus.Ok, k.Sys.PortCreate(0, out ZxHandle port));
        Assert.Equal(ZxStatus.Ok, k.Sys.TaskBindExceptionPort(job, port, 0x42, 0));
        ZxStatus created = ZxStatus.Internal;
        using var done = new ManualResetEventSlim();
        Assert.Equal(ZxStatus.Ok, k.Sys.ProcessStart(process, thread, ZxHandle.Invalid, (self, _) =>
        {
            created = self.Syscalls.EventCreate(0, out _);
            done.Set();
        }));
        Assert.Equal(ZxStatus.Ok, k.Sys.PortWait(port, ZxConstants.TimeInfinite, out ZxPortPacket packet));
        Assert.Equal(0x42UL, packet.Key);
        Assert.Equal(ZxExceptionType.PolicyError, packet.Type);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(thread, ZxInfoTopic.Thread, out ZxInfoThread info));
        Assert.Equal(ZxThreadState.BlockedException, info.State);
        Assert.Equal((uint)ExceptionPortType.Job, info.WaitExceptionPortType);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(thread, ZxInfoTopic.ThreadExceptionReport, out ZxExceptionReport report));
        Assert.Equal(32u, report.Size);
        Assert.Equal(ZxExceptionType.PolicyError, report.Type);
        Assert.False(done.IsSet);
        Assert.Equal(ZxStatus.Ok, k.Sys.TaskResumeFromException(thread, port, tryNext ? ZxSyscallsConstants.TryNext : 0));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(process, ZxSignals.TaskTerminated, ZxConstants.TimeInfinite, out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(process, ZxInfoTopic.Process, out ZxInfoProcess processInfo));
        if (tryNext)
        {
            Assert.Equal(-1028L, processInfo.ReturnCode); // nobody else answered: ZX_TASK_RETCODE_EXCEPTION_KILL
        }
        else
        {
            Assert.True(done.Wait(TimeSpan.FromSeconds(10)));
            Assert.Equal(ZxStatus.AccessDenied, created); // resumed, the call answers as DENY says
            Assert.Equal(0L, processInfo.ReturnCode);
        }
        k.Sys.HandleCloseMany([port, thread, process, vmar, job]);
        k.AssertNoLeaksAfterThreadsEnd();
    }

    private static class ZxSyscallsConstants
    {
        public const uint Debugger = Zx.Kernel.Syscalls.ZxSyscalls.ExceptionPortDebugger;
        public const uint UnbindQuietly = Zx.Kernel.Syscalls.ZxSyscalls.ExceptionPortUnbindQuietly;
        public const uint TryNext = Zx.Kernel.Syscalls.ZxSyscalls.ResumeTryNext;
    }
}
