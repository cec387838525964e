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
}
