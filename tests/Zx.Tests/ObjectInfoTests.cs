namespace Zx.Tests;

/// <summary>zx_object_get_info and zx_object_get/set_property, as the 2018 kernel answers them.</summary>
// Safety: the pointers are to the test's own pinned arrays and locals, or are bad user addresses the kernel must refuse.
public sealed unsafe class ObjectInfoTests
{
    [Fact]
    public void HandleValid()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(4096);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(vmo, ZxInfoTopic.HandleValid, null, 0, null, null));
        k.Sys.HandleClose(vmo);
        Assert.Equal(ZxStatus.BadHandle, k.Sys.ObjectGetInfo(vmo, ZxInfoTopic.HandleValid, null, 0, null, null));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.ObjectGetInfo(ZxHandle.Invalid, ZxInfoTopic.HandleValid, null, 0, null, null));
    }

    [Fact]
    public void SingleRecordRules()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(4096);
        var small = new byte[sizeof(ZxInfoHandleBasic) - 1];
        Assert.Equal(ZxStatus.BufferTooSmall, k.Sys.ObjectGetInfo(vmo, ZxInfoTopic.HandleBasic, small, out ulong actual, out ulong avail));
        Assert.Equal(0UL, actual);
        Assert.Equal(1UL, avail);
        var exact = new byte[sizeof(ZxInfoHandleBasic)];
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(vmo, ZxInfoTopic.HandleBasic, exact, out actual, out avail));
        Assert.Equal(1UL, actual);
        Assert.Equal(1UL, avail);
        // NULL buffer claiming room: INVALID_ARGS; actual/avail are optional.
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.ObjectGetInfo(vmo, ZxInfoTopic.HandleBasic, null, 1000, null, null));
        Assert.Equal(ZxStatus.BufferTooSmall, k.Sys.ObjectGetInfo(vmo, ZxInfoTopic.HandleBasic, null, 0, null, null));
        Assert.Equal(ZxStatus.NotSupported, k.Sys.ObjectGetInfo(vmo, (ZxInfoTopic)99, exact, out _, out _));
        Assert.Equal(ZxStatus.NotSupported, k.Sys.ObjectGetInfo(vmo, ZxInfoTopic.None, exact, out _, out _));
        k.Sys.HandleClose(vmo);
    }

    [Fact]
    public void RecordSizesMatchTheCStructs()
    {
        Assert.Equal(32, sizeof(ZxInfoHandleBasic));
        Assert.Equal(56, sizeof(ZxInfoResource));
        Assert.Equal(112, sizeof(ZxInfoVmo));
        Assert.Equal(256, sizeof(ZxInfoProcessHandleStats));
        Assert.Equal(88, (int)System.Runtime.InteropServices.Marshal.OffsetOf<ZxInfoVmo>(nameof(ZxInfoVmo.CommittedBytes)));
        Assert.Equal(104, (int)System.Runtime.InteropServices.Marshal.OffsetOf<ZxInfoVmo>(nameof(ZxInfoVmo.CachePolicy)));
    }

    [Fact]
    public void TopicTypeChecks()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(4096);
        Assert.Equal(ZxStatus.WrongType, k.Sys.ObjectGetInfo(vmo, ZxInfoTopic.Resource, out ZxInfoResource _));
        Assert.Equal(ZxStatus.WrongType, k.Sys.ObjectGetInfo(k.Root, ZxInfoTopic.Vmo, out ZxInfoVmo _));
        Assert.Equal(ZxStatus.WrongType, k.Sys.ObjectGetInfo(vmo, ZxInfoTopic.ProcessHandleStats, out ZxInfoProcessHandleStats _));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.ObjectGetInfo(ZxHandle.Invalid, ZxInfoTopic.Vmo, out ZxInfoVmo _));
        // RESOURCE and VMO need no rights.
        ZxHandle bareRoot = k.Duplicate(k.Root, ZxRights.None);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(bareRoot, ZxInfoTopic.Resource, out ZxInfoResource root));
        Assert.Equal(ZxResourceKind.Root, root.Kind);
        Assert.Equal((ZxResourceKind)4, root.Kind);
        ZxHandle bareVmo = k.Duplicate(vmo, ZxRights.None);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(bareVmo, ZxInfoTopic.Vmo, out ZxInfoVmo info));
        Assert.Equal(ZxRights.None, info.HandleRights);
        k.Sys.HandleCloseMany([vmo, bareRoot, bareVmo]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void ProcessHandleStatsCountsByTypeAndNeedsRead()
    {
        using var k = new TestKernel();
        ZxHandle self = k.Kernel.FirstProcess.SelfHandle;
        ZxHandle a = k.Vmo(4096), b = k.Vmo(4096);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(self, ZxInfoTopic.ProcessHandleStats, out ZxInfoProcessHandleStats stats));
        Assert.Equal(2u, stats.HandleCount[(int)ZxObjectType.Vmo]);
        Assert.Equal(1u, stats.HandleCount[(int)ZxObjectType.Resource]);
        Assert.Equal(1u, stats.HandleCount[(int)ZxObjectType.Process]);
        ZxHandle noRead = k.Duplicate(self, ZxRights.Duplicate);
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.ObjectGetInfo(noRead, ZxInfoTopic.ProcessHandleStats, out stats));
        k.Sys.HandleCloseMany([a, b, noRead]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void NameProperty()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(4096);
        var name = new byte[32];
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetProperty(vmo, ZxProperty.Name, name));
        Assert.All(name, b => Assert.Equal(0, b));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectSetProperty(vmo, ZxProperty.Name, "framebuffer"u8));
        Array.Fill(name, (byte)0xFF);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetProperty(vmo, ZxProperty.Name, name));
        Assert.Equal("framebuffer"u8.ToArray(), name[..11]);
        Assert.All(name[11..], b => Assert.Equal(0, b));
        // Too long: truncated to 31 bytes plus NUL.
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectSetProperty(vmo, ZxProperty.Name, new byte[40].Select(_ => (byte)'x').ToArray()));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetProperty(vmo, ZxProperty.Name, name));
        Assert.Equal(31, name.Count(b => b == 'x'));
        Assert.Equal(0, name[31]);
        // Buffer under 32 bytes: BUFFER_TOO_SMALL.
        Assert.Equal(ZxStatus.BufferTooSmall, k.Sys.ObjectGetProperty(vmo, ZxProperty.Name, new byte[31]));
        // NULL value: INVALID_ARGS, even before the handle is looked at.
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.ObjectGetProperty(ZxHandle.Invalid, ZxProperty.Name, null, 32));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.ObjectSetProperty(ZxHandle.Invalid, ZxProperty.Name, null, 3));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.ObjectGetProperty(ZxHandle.Invalid, ZxProperty.Name, name));
        // Rights.
        ZxHandle noProps = k.Duplicate(vmo, ZxRights.Read);
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.ObjectGetProperty(noProps, ZxProperty.Name, name));
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.ObjectSetProperty(noProps, ZxProperty.Name, "a"u8));
        k.Sys.HandleCloseMany([vmo, noProps]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void OtherPropertyIds()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(4096);
        var eight = new byte[8];
        Assert.Equal(ZxStatus.WrongType, k.Sys.ObjectGetProperty(vmo, ZxProperty.ProcessDebugAddr, eight));
        Assert.Equal(ZxStatus.BufferTooSmall, k.Sys.ObjectGetProperty(vmo, ZxProperty.ProcessDebugAddr, new byte[4]));
        Assert.Equal(ZxStatus.WrongType, k.Sys.ObjectGetProperty(vmo, ZxProperty.SocketRxBufMax, eight));
        // The late-2018 numbering: the socket thresholds are 12 and 13, the channel's message limit 14 (decision 66).
        Assert.Equal(ZxStatus.WrongType, k.Sys.ObjectGetProperty(vmo, (ZxProperty)12, eight));
        Assert.Equal(ZxStatus.WrongType, k.Sys.ObjectGetProperty(vmo, (ZxProperty)13, eight));
        Assert.Equal(ZxStatus.WrongType, k.Sys.ObjectGetProperty(vmo, (ZxProperty)14, eight));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.ObjectGetProperty(vmo, (ZxProperty)7, eight));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.ObjectGetProperty(vmo, (ZxProperty)77, eight));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.ObjectSetProperty(vmo, (ZxProperty)77, eight));
        // The process debug address round-trips on a process handle.
        ZxHandle self = k.Kernel.FirstProcess.SelfHandle;
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectSetProperty(self, ZxProperty.ProcessDebugAddr, BitConverter.GetBytes(0x1234UL)));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetProperty(self, ZxProperty.ProcessDebugAddr, eight));
        Assert.Equal(0x1234UL, BitConverter.ToUInt64(eight));
        k.Sys.HandleClose(vmo);
        k.AssertNoLeaks();
    }

    /// <summary>ZX_INFO_PROCESS_VMOS and ZX_INFO_PROCESS_MAPS of another, running process: the VMO it holds a handle
    /// to (with the handle's rights) and the one it maps (without rights), and its address space depth first.</summary>
    [Fact]
    public void ProcessVmosAndMapsOfAnotherProcess()
    {
        using var k = new TestKernel();
        const ulong Page = ZxConstants.PageSize;
        Assert.Equal(ZxStatus.Ok, k.Sys.ProcessCreate(k.Kernel.FirstProcess.DefaultJob, "lister"u8, 0, out ZxHandle process, out ZxHandle vmar));
        Assert.Equal(ZxStatus.Ok, k.Sys.ThreadCreate(process, "main"u8, 0, out ZxHandle thread));
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelCreate(0, out ZxHandle bootstrap, out ZxHandle bootstrapForChild));
        Assert.Equal(ZxStatus.Ok, k.Sys.EventCreate(0, out ZxHandle done));
        ZxHandle held = k.Vmo(2 * Page);
        ZxHandle mapped = k.Vmo(Page);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectSetProperty(mapped, ZxProperty.Name, "mapped"u8));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarMap(vmar, ZxVmOptions.PermRead | ZxVmOptions.PermWrite, 0, mapped, 0, Page, out ulong address));
        ZxHandle heldForChild = k.Duplicate(held, ZxRights.Read | ZxRights.Transfer);
        ZxHandle doneForChild = k.Duplicate(done, ZxRights.Wait | ZxRights.Transfer);
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelWrite(bootstrap, 0, "go"u8, [heldForChild, doneForChild]));
        Assert.Equal(ZxStatus.Ok, k.Sys.EventCreate(0, out ZxHandle ready));
        ZxHandle readyForChild = k.Duplicate(ready, ZxRights.Signal | ZxRights.Transfer);
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelWrite(bootstrap, 0, "r"u8, [readyForChild]));
        Assert.Equal(ZxStatus.Ok, k.Sys.ProcessStart(process, thread, bootstrapForChild, (self, channel) =>
        {
            Span<byte> bytes = stackalloc byte[4];
            Span<ZxHandle> handles = stackalloc ZxHandle[2];
            self.Syscalls.ChannelRead(channel, 0, bytes, handles, out _, out _);
            self.Syscalls.ChannelRead(channel, 0, bytes, handles[..1], out _, out _);
            ZxHandle readyInChild = handles[0];
            self.Syscalls.ObjectSignal(readyInChild, 0, (uint)ZxSignals.User0);
            // Wait until the test has looked (the VMO and event handles stay in this process until then).
            self.Syscalls.ObjectWaitOne(channel, ZxSignals.ObjectReadable, ZxConstants.TimeInfinite, out _);
        }));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(ready, ZxSignals.User0, k.Sys.DeadlineAfter(10_000_000_000), out _));

        var vmos = new ZxInfoVmo[8];
        ulong actual, avail;
        fixed (ZxInfoVmo* p = vmos)
            Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(process, ZxInfoTopic.ProcessVmos, p, (ulong)(sizeof(ZxInfoVmo) * vmos.Length), &actual, &avail));
        Assert.Equal(2UL, actual);
        Assert.Equal(2UL, avail);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(held, ZxInfoTopic.HandleBasic, out ZxInfoHandleBasic heldBasic));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(mapped, ZxInfoTopic.HandleBasic, out ZxInfoHandleBasic mappedBasic));
        Assert.Equal(heldBasic.Koid, vmos[0].Koid);
        Assert.True(vmos[0].Flags.HasFlag(ZxInfoVmoFlags.ViaHandle));
        Assert.Equal(ZxRights.Read | ZxRights.Transfer, vmos[0].HandleRights);
        Assert.Equal(2 * Page, vmos[0].SizeBytes);
        Assert.Equal(mappedBasic.Koid, vmos[1].Koid);
        Assert.True(vmos[1].Flags.HasFlag(ZxInfoVmoFlags.ViaMapping));
        Assert.Equal(ZxRights.None, vmos[1].HandleRights);

        // A short buffer: as many as fit, and how many there are.
        fixed (ZxInfoVmo* p = vmos)
            Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(process, ZxInfoTopic.ProcessVmos, p, (ulong)sizeof(ZxInfoVmo) + 8, &actual, &avail));
        Assert.Equal(1UL, actual);
        Assert.Equal(2UL, avail);

        var maps = new ZxInfoMaps[8];
        fixed (ZxInfoMaps* p = maps)
            Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(process, ZxInfoTopic.ProcessMaps, p, (ulong)(sizeof(ZxInfoMaps) * maps.Length), &actual, &avail));
        Assert.Equal(3UL, actual);
        Assert.Equal(ZxInfoMapsType.Aspace, maps[0].Type);
        Assert.Equal(ZxInfoMapsType.Vmar, maps[1].Type);
        Assert.Equal(ZxInfoMapsType.Mapping, maps[2].Type);
        Assert.Equal(2UL, maps[2].Depth);
        Assert.Equal(address, maps[2].Base);
        Assert.Equal("mapped", maps[2].Name.ToString());
        Assert.Equal(ZxVmOptions.PermRead | ZxVmOptions.PermWrite, maps[2].Mapping.MmuFlags);
        Assert.Equal(mappedBasic.Koid, maps[2].Mapping.VmoKoid);
        Assert.Equal(1UL, maps[2].Mapping.CommittedPages);

        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelWrite(bootstrap, 0, "end"u8, ReadOnlySpan<ZxHandle>.Empty));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(process, ZxSignals.TaskTerminated, k.Sys.DeadlineAfter(10_000_000_000), out _));
        // A dead process has nothing to list.
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(process, ZxInfoTopic.ProcessVmos, null, 0, &actual, &avail));
        Assert.Equal(0UL, avail);
        k.Sys.HandleCloseMany([process, vmar, thread, bootstrap, done, ready, held, mapped]);
        k.AssertNoLeaksAfterThreadsEnd();
    }

    /// <summary>zx_object_get_child: a job's child job and process, a process's thread; the handle is a new one with
    /// the rights asked for, and the object is the same one.</summary>
    [Fact]
    public void GetChildFindsTheSameObjectsByKoid()
    {
        using var k = new TestKernel();
        ZxHandle job = k.Kernel.FirstProcess.DefaultJob;
        Assert.Equal(ZxStatus.Ok, k.Sys.ProcessCreate(job, "c"u8, 0, out ZxHandle process, out ZxHandle vmar));
        Assert.Equal(ZxStatus.Ok, k.Sys.ThreadCreate(process, "t"u8, 0, out ZxHandle thread));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(process, ZxInfoTopic.HandleBasic, out ZxInfoHandleBasic p));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(thread, ZxInfoTopic.HandleBasic, out ZxInfoHandleBasic t));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetChild(job, p.Koid, ZxRights.Wait | ZxRights.Inspect, out ZxHandle p2));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(p2, ZxInfoTopic.HandleBasic, out ZxInfoHandleBasic p2Info));
        Assert.Equal(p.Koid, p2Info.Koid);
        Assert.Equal(ZxRights.Wait | ZxRights.Inspect, p2Info.Rights);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetChild(process, t.Koid, ZxRights.SameRights, out ZxHandle t2));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(t2, ZxInfoTopic.HandleBasic, out ZxInfoHandleBasic t2Info));
        Assert.Equal(t.Koid, t2Info.Koid);
        Assert.Equal(ZxStatus.NotFound, k.Sys.ObjectGetChild(process, p.Koid, ZxRights.SameRights, out _));
        k.Sys.HandleCloseMany([process, vmar, thread, p2, t2]);
        k.AssertNoLeaks();
    }
}
