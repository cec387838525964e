namespace Zx.Tests;

/// <summary>The rights matrix: every syscall that checks rights, with the rights it needs on the handle it is
/// given. For each (syscall, right) the call through a handle that has every right but that one must be
/// ACCESS_DENIED, and the call through a handle with exactly the listed rights must get past the rights check, so
/// no syscall succeeds with fewer rights than the table says and none asks for more.</summary>
// Safety: the pointers are to the test's own pinned arrays and locals, or are bad user addresses the kernel must refuse.
public sealed unsafe class RightsMatrixTests
{
    /// <summary>One row: the object to make (with its full default rights) and the call to make through it.</summary>
    internal sealed record Row(string Syscall, ZxRights Required, Func<TestKernel, ZxHandle> Make, Func<TestKernel, ZxHandle, ZxStatus> Call)
    {
        public override string ToString() => Syscall;
    }

    private static readonly byte[] Buffer = new byte[16];

    private static ZxHandle Vmo(TestKernel k) => k.Vmo(4 * ZxConstants.PageSize);

    private static ZxHandle Event(TestKernel k)
    {
        Assert.Equal(ZxStatus.Ok, k.Sys.EventCreate(0, out ZxHandle h));
        return h;
    }

    private static ZxHandle Port(TestKernel k)
    {
        Assert.Equal(ZxStatus.Ok, k.Sys.PortCreate(0, out ZxHandle h));
        return h;
    }

    private static ZxHandle Channel(TestKernel k)
    {
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelCreate(0, out ZxHandle a, out _));
        return a;
    }

    private static ZxHandle EventPair(TestKernel k)
    {
        Assert.Equal(ZxStatus.Ok, k.Sys.EventPairCreate(0, out ZxHandle a, out _));
        return a;
    }

    // A fifo whose peer stays open, so a read or write through it gets past the rights check to SHOULD_WAIT or OK.
    private static ZxHandle Fifo(TestKernel k)
    {
        Assert.Equal(ZxStatus.Ok, k.Sys.FifoCreate(4, 4, out ZxHandle a, out _));
        return a;
    }

    // A socket whose peer stays open; the accepting kind has a socket waiting in its slot.
    private static ZxHandle Socket(TestKernel k)
    {
        Assert.Equal(ZxStatus.Ok, k.Sys.SocketCreate(0, out ZxHandle a, out _));
        return a;
    }

    private static ZxHandle AcceptingSocket(TestKernel k)
    {
        Assert.Equal(ZxStatus.Ok, k.Sys.SocketCreate(ZxSocket.HasAccept, out ZxHandle a, out ZxHandle b));
        Assert.Equal(ZxStatus.Ok, k.Sys.SocketShare(b, Socket(k)));
        return a;
    }

    private static ZxHandle DebugLog(TestKernel k)
    {
        Assert.Equal(ZxStatus.Ok, k.Sys.DebuglogCreate(k.Root, 0x40000000, out ZxHandle h));
        return h;
    }

    private static ZxHandle Timer(TestKernel k)
    {
        Assert.Equal(ZxStatus.Ok, k.Sys.TimerCreate(0, 0, out ZxHandle h));
        return h;
    }

    private static ZxHandle Profile(TestKernel k)
    {
        var info = new ZxProfileInfo { Type = ZxProfileInfo.TypeScheduler, Priority = 16 };
        Assert.Equal(ZxStatus.Ok, k.Sys.ProfileCreate(k.Root, in info, out ZxHandle h));
        return h;
    }

    // A virtual interrupt already triggered, so a wait with the right returns at once.
    private static ZxHandle TriggeredInterrupt(TestKernel k)
    {
        Assert.Equal(ZxStatus.Ok, k.Sys.InterruptCreate(ZxHandle.Invalid, 0, Zx.Kernel.Syscalls.ZxSyscalls.InterruptVirtual, out ZxHandle h));
        Assert.Equal(ZxStatus.Ok, k.Sys.InterruptTrigger(h, 0, 5));
        return h;
    }

    private static ZxHandle BindablePort(TestKernel k)
    {
        Assert.Equal(ZxStatus.Ok, k.Sys.PortCreate(Zx.Kernel.Syscalls.ZxSyscalls.PortBindToInterrupt, out ZxHandle port));
        return port;
    }

    private static ZxHandle ThisThread(TestKernel k)
    {
        Assert.Equal(ZxStatus.Ok, k.Sys.ThreadCreate(k.Kernel.FirstProcess.SelfHandle, "t"u8, 0, out ZxHandle h));
        return h;
    }

    private static ZxHandle ChildProcess(TestKernel k)
    {
        Assert.Equal(ZxStatus.Ok, k.Sys.ProcessCreate(k.Kernel.FirstProcess.DefaultJob, "p"u8, 0, out ZxHandle process, out _));
        return process;
    }

    private static ZxHandle Bti(TestKernel k)
    {
        Assert.Equal(ZxStatus.Ok, k.Sys.IommuCreate(k.Root, ZxIommuType.Dummy, new byte[1], out ZxHandle iommu));
        Assert.Equal(ZxStatus.Ok, k.Sys.BtiCreate(iommu, 0, 1, out ZxHandle bti));
        return bti;
    }

    private static ZxHandle RootResource(TestKernel k) => k.Duplicate(k.Root, ZxRights.SameRights);

    private static ZxHandle RootVmar(TestKernel k) => k.Duplicate(k.Kernel.FirstProcess.RootVmar, ZxRights.SameRights);

    private static ZxHandle Job(TestKernel k) => k.Duplicate(k.Kernel.FirstProcess.DefaultJob, ZxRights.SameRights);

    // zx_job_create also takes WRITE in place of MANAGE_JOB (2018): its row starts from a job handle without WRITE,
    // so that MANAGE_JOB is the right it needs (job_test.c covers the WRITE path).
    private static ZxHandle JobWithoutWrite(TestKernel k) => k.Duplicate(k.Kernel.FirstProcess.DefaultJob, ZxDefaultRights.Job & ~ZxRights.Write);

    /// <summary>The rows' names, for the theory (the rows themselves hold internal types).</summary>
    public static TheoryData<string> RowNames() => [.. Table.Select(r => r.Syscall)];

    private static readonly Row[] Table =
    [
        new("zx_vmo_read", ZxRights.Read, Vmo, (k, h) => k.Sys.VmoRead(h, Buffer, 0)),
        new("zx_vmo_write", ZxRights.Write, Vmo, (k, h) => k.Sys.VmoWrite(h, Buffer, 0)),
        new("zx_vmo_set_size", ZxRights.Write, Vmo, (k, h) => k.Sys.VmoSetSize(h, 2 * ZxConstants.PageSize)),
        new("zx_vmo_set_cache_policy", ZxRights.Map, Vmo, (k, h) => k.Sys.VmoSetCachePolicy(h, (uint)ZxCachePolicy.Uncached)),
        new("zx_vmo_op_range COMMIT", ZxRights.Write, Vmo, (k, h) => k.Sys.VmoOpRange(h, ZxVmoOp.Commit, 0, ZxConstants.PageSize)),
        new("zx_vmo_create_child", ZxRights.Duplicate | ZxRights.Read, Vmo,
            (k, h) => k.ClosingIfOk(k.Sys.VmoCreateChild(h, ZxVmoChildOptions.Snapshot, 0, ZxConstants.PageSize, out ZxHandle c), c)),
        new("zx_vmo_clone", ZxRights.Duplicate | ZxRights.Read, Vmo,
            (k, h) => k.ClosingIfOk(k.Sys.VmoClone(h, ZxVmoCloneOptions.CopyOnWrite, 0, ZxConstants.PageSize, out ZxHandle c), c)),
        new("zx_vmar_map (the VMO)", ZxRights.Map | ZxRights.Read, Vmo,
            (k, h) => Unmapping(k, k.Sys.VmarMap(k.Kernel.FirstProcess.RootVmar, ZxVmOptions.PermRead, 0, h, 0, ZxConstants.PageSize, out ulong a), a)),
        new("zx_vmar_map (the VMAR)", ZxRights.Read, RootVmar,
            (k, h) => Unmapping(k, k.Sys.VmarMap(h, ZxVmOptions.PermRead, 0, k.Vmo(ZxConstants.PageSize), 0, ZxConstants.PageSize, out ulong a), a)),
        new("zx_handle_duplicate", ZxRights.Duplicate, Event,
            (k, h) => k.ClosingIfOk(k.Sys.HandleDuplicate(h, ZxRights.SameRights, out ZxHandle d), d)),
        new("zx_object_signal", ZxRights.Signal, Event, (k, h) => k.Sys.ObjectSignal(h, 0, (uint)ZxSignals.User0)),
        new("zx_object_signal_peer", ZxRights.SignalPeer, EventPair, (k, h) => k.Sys.ObjectSignalPeer(h, 0, (uint)ZxSignals.User0)),
        new("zx_object_wait_one", ZxRights.Wait, Event, (k, h) => k.Sys.ObjectWaitOne(h, ZxSignals.User0, 0, out _)),
        new("zx_object_wait_async (the object)", ZxRights.Wait, Event, (k, h) => k.Sys.ObjectWaitAsync(h, Port(k), 1, ZxSignals.User0, 0)),
        new("zx_object_wait_async (the port)", ZxRights.Write, Port, (k, h) => k.Sys.ObjectWaitAsync(Event(k), h, 1, ZxSignals.User0, 0)),
        new("zx_port_queue", ZxRights.Write, Port, (k, h) => k.Sys.PortQueue(h, new ZxPortPacket { Key = 1 })),
        new("zx_port_wait", ZxRights.Read, Port, (k, h) => k.Sys.PortWait(h, 0, out _)),
        new("zx_object_set_profile (the thread)", ZxRights.ManageThread, ThisThread, (k, h) => k.Sys.ObjectSetProfile(h, Profile(k), 0)),
        new("zx_object_set_profile (the profile)", ZxRights.ApplyProfile, Profile, (k, h) => k.Sys.ObjectSetProfile(ThisThread(k), h, 0)),
        new("zx_object_get_child", ZxRights.Enumerate, ChildProcess, (k, h) => k.Sys.ObjectGetChild(h, 1, ZxRights.Enumerate, out _)),
        new("zx_process_read_memory", ZxRights.Read | ZxRights.Write, ChildProcess, (k, h) => k.Sys.ProcessReadMemory(h, 0x1000, Buffer, out _)),
        new("zx_process_write_memory", ZxRights.Write, ChildProcess, (k, h) => k.Sys.ProcessWriteMemory(h, 0x1000, Buffer, out _)),
        new("zx_timer_set", ZxRights.Write, Timer, (k, h) => k.Sys.TimerSet(h, 0, 0)),
        new("zx_timer_cancel", ZxRights.Write, Timer, (k, h) => k.Sys.TimerCancel(h)),
        new("zx_fifo_write", ZxRights.Write, Fifo, (k, h) => k.Sys.FifoWrite(h, 4, Buffer.AsSpan(0, 4), out _)),
        new("zx_fifo_read", ZxRights.Read, Fifo, (k, h) => k.Sys.FifoRead(h, 4, Buffer.AsSpan(0, 4), out _)),
        new("zx_socket_write", ZxRights.Write, Socket, (k, h) => k.Sys.SocketWrite(h, 0, Buffer, out _)),
        new("zx_socket_read", ZxRights.Read, Socket, (k, h) => k.Sys.SocketRead(h, 0, Buffer, out _)),
        new("zx_socket_shutdown", ZxRights.Write, Socket, (k, h) => k.Sys.SocketShutdown(h, ZxSocket.ShutdownWrite)),
        new("zx_socket_share", ZxRights.Write, AcceptingSocket, (k, h) => k.Sys.SocketShare(h, Socket(k))),
        new("zx_socket_accept", ZxRights.Read, AcceptingSocket,
            (k, h) => k.ClosingIfOk(k.Sys.SocketAccept(h, out ZxHandle accepted), accepted)),
        new("zx_object_get_info SOCKET", ZxRights.Inspect, Socket, (k, h) => k.Sys.ObjectGetInfo(h, ZxInfoTopic.Socket, out ZxInfoSocket _)),
        new("zx_object_set_property SOCKET_RX_THRESHOLD", ZxRights.SetProperty, Socket,
            (k, h) => k.Sys.ObjectSetProperty(h, ZxProperty.SocketRxThreshold, new byte[8])),
        new("zx_object_get_property SOCKET_TX_BUF_SIZE", ZxRights.GetProperty, Socket,
            (k, h) => k.Sys.ObjectGetProperty(h, ZxProperty.SocketTxBufSize, new byte[8])),
        new("zx_channel_write", ZxRights.Write, Channel, (k, h) => k.Sys.ChannelWrite(h, 0, Buffer, ReadOnlySpan<ZxHandle>.Empty)),
        new("zx_channel_read", ZxRights.Read, Channel, (k, h) => k.Sys.ChannelRead(h, 0, Buffer, Span<ZxHandle>.Empty, out _, out _)),
        new("zx_channel_call", ZxRights.Read | ZxRights.Write, Channel, (k, h) =>
        {
            byte[] request = new byte[8];
            fixed (byte* p = request)
            {
                var args = new ZxChannelCallArgs { WrBytes = p, WrNumBytes = 8, RdBytes = p, RdNumBytes = 8 };
                return k.Sys.ChannelCall(h, 0, 0, &args, null, null);
            }
        }),
        new("zx_object_get_property", ZxRights.GetProperty, Vmo, (k, h) => k.Sys.ObjectGetProperty(h, ZxProperty.Name, new byte[32])),
        new("zx_object_set_property", ZxRights.SetProperty, Vmo, (k, h) => k.Sys.ObjectSetProperty(h, ZxProperty.Name, "x"u8)),
        new("zx_resource_create (the parent)", ZxRights.Write, RootResource,
            (k, h) => k.ClosingIfOk(k.Sys.ResourceCreate(h, (uint)ZxResourceKind.Mmio, TestKernel.Uart, ZxConstants.PageSize, "r"u8, out ZxHandle r), r)),
        new("zx_object_get_info PROCESS", ZxRights.Read, ChildProcess, (k, h) => k.Sys.ObjectGetInfo(h, ZxInfoTopic.Process, out ZxInfoProcess _)),
        new("zx_task_kill", ZxRights.Destroy, ChildProcess, (k, h) => k.Sys.TaskKill(h)),
        new("zx_thread_create (the process)", ZxRights.Write, ChildProcess,
            (k, h) => k.ClosingIfOk(k.Sys.ThreadCreate(h, "t"u8, 0, out ZxHandle t), t)),
        new("zx_process_create (the job)", ZxRights.Write, Job, (k, h) =>
        {
            ZxStatus s = k.Sys.ProcessCreate(h, "p"u8, 0, out ZxHandle p, out ZxHandle v);
            if (s == ZxStatus.Ok)
                k.Sys.HandleCloseMany([p, v]);
            return s;
        }),
        new("zx_job_create", ZxRights.ManageJob, JobWithoutWrite, (k, h) =>
        {
            ZxHandle j;
            return k.ClosingIfOk(k.Sys.JobCreate(h, 0, &j), j);
        }),
        new("zx_bti_pin", ZxRights.Map, Bti, (k, h) =>
        {
            ZxStatus s = k.Sys.BtiPin(h, ZxBtiOptions.PermRead, k.Vmo(ZxConstants.PageSize), 0, ZxConstants.PageSize, new ulong[1], out ZxHandle pmt);
            if (s == ZxStatus.Ok)
                k.Sys.PmtUnpin(pmt);
            return s;
        }),
        new("zx_vmo_create_contiguous", ZxRights.Map, Bti,
            (k, h) => k.ClosingIfOk(k.Sys.VmoCreateContiguous(h, ZxConstants.PageSize, 0, out ZxHandle v), v)),
        new("zx_bti_release_quarantine", ZxRights.Write, Bti, (k, h) => k.Sys.BtiReleaseQuarantine(h)),
        new("zx_task_suspend_token", ZxRights.Write, ThisThread, (k, h) => k.ClosingIfOk(k.Sys.TaskSuspendToken(h, out ZxHandle t), t)),
        new("zx_task_suspend", ZxRights.Write, ThisThread, (k, h) => k.Sys.TaskSuspend(h)),
        new("zx_interrupt_bind", ZxRights.Read, TriggeredInterrupt, (k, h) => k.Sys.InterruptBind(h, BindablePort(k), 1, 0)),
        new("zx_interrupt_wait", ZxRights.Wait, TriggeredInterrupt, (k, h) => k.Sys.InterruptWait(h, out _)),
        new("zx_interrupt_ack", ZxRights.Write, TriggeredInterrupt, (k, h) => k.Sys.InterruptAck(h)),
        new("zx_interrupt_trigger", ZxRights.Signal, TriggeredInterrupt, (k, h) => k.Sys.InterruptTrigger(h, 0, 1)),
        new("zx_task_resume", ZxRights.Write, ThisThread, (k, h) => k.Sys.TaskResume(h, 0)),
        new("zx_thread_read_state", ZxRights.Read, ThisThread, (k, h) => k.Sys.ThreadReadState(h, ZxThreadStateKind.GeneralRegs, new byte[144])),
        new("zx_thread_write_state", ZxRights.Write, ThisThread, (k, h) => k.Sys.ThreadWriteState(h, ZxThreadStateKind.GeneralRegs, new byte[144])),
        new("zx_debuglog_write", ZxRights.Write, DebugLog, (k, h) => k.Sys.DebuglogWrite(h, 0, "x"u8)),
        new("zx_debuglog_read", ZxRights.Read, DebugLog, (k, h) =>
        {
            fixed (byte* p = new byte[256])
                return k.Sys.DebuglogRead(h, 0, p, 256);
        }),
        new("zx_job_set_policy", ZxRights.SetPolicy, Job,
            (k, h) => k.Sys.JobSetPolicy(h, ZxJobPolicy.Relative, [new ZxPolicyBasic { Condition = ZxJobPolicy.NewVmo }])),
    ];

    private static ZxStatus Unmapping(TestKernel k, ZxStatus status, ulong address)
    {
        if (status == ZxStatus.Ok)
            k.Sys.VmarUnmap(k.Kernel.FirstProcess.RootVmar, address, ZxConstants.PageSize);
        return status;
    }

    /// <summary>A handle to a fresh object of the row's kind with exactly <paramref name="rights"/> (replace needs
    /// no right, so this works for objects whose default rights lack DUPLICATE, such as channels).</summary>
    private static ZxHandle WithRights(TestKernel k, Row row, ZxRights rights)
    {
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleReplace(row.Make(k), rights, out ZxHandle narrowed));
        return narrowed;
    }

    [Theory]
    [MemberData(nameof(RowNames))]
    public void EachMissingRightIsAccessDeniedAndTheListedRightsSuffice(string syscall)
    {
        Row row = Table.Single(r => r.Syscall == syscall);
        using var k = new TestKernel();
        ZxHandle full = row.Make(k);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(full, ZxInfoTopic.HandleBasic, out ZxInfoHandleBasic info));
        if ((info.Rights & row.Required) != row.Required)
        {
            // The object's default rights lack a right the call needs (2018's BTI lacks WRITE): no handle to it
            // can ever make the call.
            Assert.Equal(ZxStatus.AccessDenied, row.Call(k, full));
            return;
        }
        foreach (ZxRights right in Enum.GetValues<ZxRights>().Where(r => r != 0 && (uint)r != 0x8000_0000 && ((uint)r & ((uint)r - 1)) == 0 && row.Required.HasFlag(r)))
        {
            ZxHandle without = WithRights(k, row, info.Rights & ~right);
            Assert.True(row.Call(k, without) == ZxStatus.AccessDenied, $"{row.Syscall} without {right} was not ACCESS_DENIED");
        }
        ZxHandle exactly = WithRights(k, row, row.Required);
        ZxStatus status = row.Call(k, exactly);
        Assert.True(status != ZxStatus.AccessDenied, $"{row.Syscall} with exactly {row.Required} was ACCESS_DENIED");
    }

    [Fact]
    public void TheMatrixCoversEveryRightsCheckingSyscallFamily()
    {
        string[] covered = [.. Table.Select(r => r.Syscall.Split(' ')[0])];
        foreach (string name in new[] { "zx_vmo_read", "zx_vmo_write", "zx_vmar_map", "zx_handle_duplicate", "zx_object_signal", "zx_object_wait_one",
                     "zx_port_queue", "zx_channel_write", "zx_channel_read", "zx_object_get_property", "zx_resource_create", "zx_task_kill", "zx_bti_pin" })
            Assert.Contains(name, covered);
        Assert.True(covered.Length >= 30);
    }
}
