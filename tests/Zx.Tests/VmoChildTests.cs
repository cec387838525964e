namespace Zx.Tests;

/// <summary>VMO children and ZX_VMO_ZERO_CHILDREN: vmo_child_signal_clone_test, vmo_child_signal_map_test
/// (system/utest/core/vmo-signal), snapshots, and SLICE children of physical VMOs (VmoTestCase.PhysicalSlice).</summary>
// Safety: the pointers are to the test's own pinned arrays and locals, or are bad user addresses the kernel must refuse.
public sealed unsafe class VmoChildTests
{
    private const ulong Page = ZxConstants.PageSize;

    private static bool ZeroChildren(TestKernel k, ZxHandle vmo) =>
        k.Sys.ObjectWaitOne(vmo, ZxSignals.VmoZeroChildren, 0, out _) == ZxStatus.Ok;

    [Fact]
    public void ChildSignalCloneTestRepeatedTenTimes()
    {
        using var k = new TestKernel();
        for (int i = 0; i < 10; i++)
        {
            ZxHandle vmo = k.Vmo(Page);
            Assert.True(ZeroChildren(k, vmo));
            Assert.Equal(ZxStatus.Ok, k.Sys.VmoClone(vmo, ZxVmoCloneOptions.CopyOnWrite, 0, Page, out ZxHandle clone));
            Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreateChild(clone, ZxVmoChildOptions.Snapshot, 0, Page, out ZxHandle clone2));
            Assert.False(ZeroChildren(k, vmo));
            Assert.False(ZeroChildren(k, clone));
            Assert.True(ZeroChildren(k, clone2));
            k.Sys.HandleClose(clone);
            Assert.False(ZeroChildren(k, vmo)); // clone lives on through clone2
            k.Sys.HandleClose(clone2);
            Assert.True(ZeroChildren(k, vmo));
            k.Sys.HandleClose(vmo);
        }
        k.AssertNoLeaks();
    }

    [Fact]
    public void ChildSignalMapTestRepeatedTenTimes()
    {
        using var k = new TestKernel();
        for (int i = 0; i < 10; i++)
        {
            ZxHandle vmo = k.Vmo(Page);
            Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreateChild(vmo, ZxVmoChildOptions.SnapshotAtLeastOnWrite, 0, Page, out ZxHandle clone));
            Assert.Equal(ZxStatus.Ok, k.Sys.VmarMap(k.Kernel.FirstProcess.RootVmar, ZxVmOptions.PermRead, 0, clone, 0, Page, out ulong a));
            k.Sys.HandleClose(clone);
            Assert.False(ZeroChildren(k, vmo)); // the mapping keeps the clone alive
            Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(k.Kernel.FirstProcess.RootVmar, a, Page));
            Assert.True(ZeroChildren(k, vmo));
            k.Sys.HandleClose(vmo);
        }
        k.AssertNoLeaks();
    }

    [Fact]
    public void PhysicalSliceMappedAfterItsHandleIsClosedRepeatedTenTimes()
    {
        using var k = new TestKernel();
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreatePhysical(k.Root, TestKernel.Uart, Page, out ZxHandle phys));
            Assert.True(ZeroChildren(k, phys));
            Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreateChild(phys, ZxVmoChildOptions.Slice, 0, Page, out ZxHandle slice));
            Assert.False(ZeroChildren(k, phys));
            Assert.Equal(ZxStatus.Ok, k.Sys.VmarMap(k.Kernel.FirstProcess.RootVmar, ZxVmOptions.PermRead, 0, slice, 0, Page, out ulong a));
            k.Sys.HandleClose(slice);
            Assert.False(ZeroChildren(k, phys));
            Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(k.Kernel.FirstProcess.RootVmar, a, Page));
            Assert.True(ZeroChildren(k, phys));
            k.Sys.HandleClose(phys);
        }
        k.AssertNoLeaks();
    }

    [Fact]
    public void SnapshotsSeeTheParentAsItWasAndNeitherSideSeesLaterWrites()
    {
        using var k = new TestKernel();
        ZxHandle root = k.Kernel.FirstProcess.RootVmar;
        ZxHandle vmo = k.Vmo(2 * Page);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoWrite(vmo, "before"u8, 0));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarMap(root, ZxVmOptions.PermRead | ZxVmOptions.PermWrite, 0, vmo, 0, 2 * Page, out ulong parentMap));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreateChild(vmo, ZxVmoChildOptions.Snapshot, 0, 2 * Page, out ZxHandle child));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarMap(root, ZxVmOptions.PermRead | ZxVmOptions.PermWrite, 0, child, 0, 2 * Page, out ulong childMap));
        "after!"u8.CopyTo(new Span<byte>((byte*)parentMap, 6));          // the parent changes through its mapping
        ((byte*)parentMap)[Page] = 5;                                     // and a page the snapshot never had
        var buffer = new byte[6];
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoRead(child, buffer, 0));
        Assert.Equal("before"u8.ToArray(), buffer);
        Assert.Equal((byte)'b', ((byte*)childMap)[0]);
        Assert.Equal(0, ((byte*)childMap)[Page]);
        ((byte*)childMap)[1] = (byte)'X';                                  // the child changes
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoRead(vmo, buffer, 0));
        Assert.Equal("after!"u8.ToArray(), buffer);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(child, ZxInfoTopic.Vmo, out ZxInfoVmo info));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(vmo, ZxInfoTopic.HandleBasic, out ZxInfoHandleBasic parentBasic));
        Assert.Equal(parentBasic.Koid, info.ParentKoid);
        Assert.True(info.Flags.HasFlag(ZxInfoVmoFlags.IsCowClone));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(vmo, ZxInfoTopic.Vmo, out info));
        Assert.Equal(1UL, info.NumChildren);
        // Rights: snapshots drop EXECUTE and gain WRITE; NO_WRITE drops WRITE.
        Assert.Equal((ZxDefaultRights.Vmo & ~ZxRights.Execute) | ZxRights.Write, k.RightsOf(child));
        ZxHandle readOnly = k.Duplicate(vmo, ZxRights.Read | ZxRights.Duplicate);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreateChild(readOnly, ZxVmoChildOptions.Snapshot | ZxVmoChildOptions.NoWrite, 0, Page, out ZxHandle noWrite));
        Assert.Equal(ZxRights.Read | ZxRights.Duplicate | ZxRights.GetProperty | ZxRights.SetProperty, k.RightsOf(noWrite));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoClone(readOnly, ZxVmoCloneOptions.CopyOnWrite, 0, Page, out ZxHandle clone2018));
        Assert.Equal(ZxRights.Read | ZxRights.Duplicate | ZxRights.GetProperty | ZxRights.SetProperty | ZxRights.Write, k.RightsOf(clone2018));
        ZxHandle noDuplicate = k.Duplicate(vmo, ZxRights.Read);
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.VmoCreateChild(noDuplicate, ZxVmoChildOptions.Snapshot, 0, Page, out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(root, parentMap, 2 * Page));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(root, childMap, 2 * Page));
        k.Sys.HandleCloseMany([vmo, child, readOnly, noWrite, clone2018, noDuplicate]);
        Assert.Equal(0UL, k.Kernel.AllocatedPages);
        k.AssertNoLeaks();
    }

    [Fact]
    public void AThousandSnapshotsOfAnUntouched1GiBVmoCostNothing()
    {
        using var k = new TestKernel();
        ZxHandle current = k.Vmo(1UL << 30);
        var all = new List<ZxHandle> { current };
        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreateChild(current, ZxVmoChildOptions.Snapshot, 0, 1UL << 30, out ZxHandle next));
            all.Add(next);
            current = next;
        }
        Assert.Equal(0UL, k.Kernel.AllocatedPages);
        Assert.Equal(0UL, k.Kernel.Memory.HostCommittedBytes);
        k.Sys.HandleCloseMany(all.ToArray());
        k.AssertNoLeaks();
    }

    [Fact]
    public void ChildRulesOnPagedAndPhysicalVmos()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(4 * Page);
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoClone(vmo, ZxVmoCloneOptions.None, 0, Page, out _));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoClone(vmo, ZxVmoCloneOptions.CopyOnWrite | (ZxVmoCloneOptions)4, 0, Page, out _));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoClone(vmo, ZxVmoCloneOptions.CopyOnWrite, 100, Page, out _));
        Assert.Equal(ZxStatus.OutOfRange, k.Sys.VmoClone(vmo, ZxVmoCloneOptions.CopyOnWrite, 0, ulong.MaxValue, out _));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoCreateChild(vmo, ZxVmoChildOptions.None, 0, Page, out _));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoCreateChild(vmo, ZxVmoChildOptions.Slice | ZxVmoChildOptions.Snapshot, 0, Page, out _));
        Assert.Equal(ZxStatus.NotSupported, k.Sys.VmoCreateChild(vmo, ZxVmoChildOptions.Slice, 0, Page, out _)); // resizable parent
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoSetCachePolicy(vmo, 1));
        Assert.Equal(ZxStatus.BadState, k.Sys.VmoClone(vmo, ZxVmoCloneOptions.CopyOnWrite, 0, Page, out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoSetCachePolicy(vmo, 0));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoClone(vmo, ZxVmoCloneOptions.CopyOnWrite, 0, Page, out ZxHandle clone));
        Assert.Equal(ZxStatus.BadState, k.Sys.VmoSetCachePolicy(vmo, 1));   // has a child
        Assert.Equal(ZxStatus.BadState, k.Sys.VmoSetCachePolicy(clone, 1)); // is a clone
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoClone(vmo, ZxVmoCloneOptions.CopyOnWrite | ZxVmoCloneOptions.NonResizeable, 0, Page, out ZxHandle fixedClone));
        Assert.Equal(ZxStatus.Unavailable, k.Sys.VmoSetSize(fixedClone, 2 * Page));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoSetSize(clone, 2 * Page)); // 2018 clones are resizable unless NON_RESIZEABLE

        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreatePhysical(k.Root, TestKernel.Uart - 2 * Page, 4 * Page, out ZxHandle phys));
        Assert.Equal(ZxStatus.NotSupported, k.Sys.VmoClone(phys, ZxVmoCloneOptions.CopyOnWrite, 0, Page, out _));
        Assert.Equal(ZxStatus.NotSupported, k.Sys.VmoCreateChild(phys, ZxVmoChildOptions.Snapshot, 0, Page, out _));
        Assert.Equal(ZxStatus.NotSupported, k.Sys.VmoCreateChild(phys, ZxVmoChildOptions.SnapshotAtLeastOnWrite, 0, Page, out _));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoCreateChild(phys, ZxVmoChildOptions.Slice | ZxVmoChildOptions.Resizable, 0, Page, out _));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoCreateChild(phys, ZxVmoChildOptions.Slice, 100, Page, out _));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoCreateChild(phys, ZxVmoChildOptions.Slice, 0, Page + 1, out _));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoCreateChild(phys, ZxVmoChildOptions.Slice, 3 * Page, 2 * Page, out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectSetProperty(phys, ZxProperty.Name, "regs"u8));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoSetCachePolicy(phys, (uint)ZxCachePolicy.Cached));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreateChild(phys, ZxVmoChildOptions.Slice, 2 * Page, Page, out ZxHandle slice));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(slice, ZxInfoTopic.Vmo, out ZxInfoVmo info));
        Assert.Equal(ZxCachePolicy.Cached, info.CachePolicy);
        Assert.Equal("regs", info.Name.ToString());
        Assert.Equal(Page, info.SizeBytes);
        Assert.Equal(ZxStatus.BadState, k.Sys.VmoSetCachePolicy(phys, (uint)ZxCachePolicy.Uncached));
        Assert.Equal(ZxStatus.BadState, k.Sys.VmoSetCachePolicy(slice, (uint)ZxCachePolicy.Uncached));
        // The slice's first page is the parent's third page (the UART): writes show through both mappings.
        ZxHandle root = k.Kernel.FirstProcess.RootVmar;
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarMap(root, ZxVmOptions.PermRead | ZxVmOptions.PermWrite, 0, phys, 0, 4 * Page, out ulong pa));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarMap(root, ZxVmOptions.PermRead | ZxVmOptions.PermWrite, 0, slice, 0, Page, out ulong sa));
        ((byte*)pa)[2 * Page + 4] = 0x42;
        Assert.Equal(0x42, ((byte*)sa)[4]);
        ((byte*)sa)[8] = 0x24;
        Assert.Equal(0x24, ((byte*)pa)[2 * Page + 8]);
        Assert.Equal(0, ((byte*)pa)[Page + 8]); // (page 3 of the parent is unbacked: touching it would fault)
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(root, pa, 4 * Page));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(root, sa, Page));
        k.Sys.HandleCloseMany([vmo, clone, fixedClone, phys, slice]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void PagedSlicesShareThePagesOfTheirParentBothWays()
    {
        using var k = new TestKernel();
        ZxHandle root = k.Kernel.FirstProcess.RootVmar;
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreate(4 * Page, ZxVmoOptions.NonResizable, out ZxHandle vmo));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreateChild(vmo, ZxVmoChildOptions.Slice, Page, 2 * Page, out ZxHandle slice));
        Assert.False(ZeroChildren(k, vmo));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoWrite(vmo, "parent"u8, Page + 10));
        var buffer = new byte[6];
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoRead(slice, buffer, 10));
        Assert.Equal("parent"u8.ToArray(), buffer);
        Assert.Equal(ZxStatus.OutOfRange, k.Sys.VmoRead(slice, buffer, 2 * Page - 2));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarMap(root, ZxVmOptions.PermRead | ZxVmOptions.PermWrite, 0, slice, 0, 2 * Page, out ulong sa));
        ((byte*)sa)[Page + 3] = 0x33;                                  // through the slice's mapping
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoRead(vmo, buffer.AsSpan(0, 1), 2 * Page + 3));
        Assert.Equal(0x33, buffer[0]);
        // A slice of the slice names the same pages again.
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreateChild(slice, ZxVmoChildOptions.Slice, Page, Page, out ZxHandle inner));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoRead(inner, buffer.AsSpan(0, 1), 3));
        Assert.Equal(0x33, buffer[0]);
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoCreateChild(slice, ZxVmoChildOptions.Slice, 2 * Page, Page, out _));
        // Decommitting the parent gives the memory back; the slice's mapping reads zero and keeps working.
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoOpRange(vmo, ZxVmoOp.Decommit, 0, 4 * Page));
        Assert.Equal(0, ((byte*)sa)[Page + 3]);
        ((byte*)sa)[0] = 1;
        Assert.Equal(ZxStatus.BadState, k.Sys.VmoSetCachePolicy(slice, 1));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(root, sa, 2 * Page));
        k.Sys.HandleCloseMany([inner, slice]);
        Assert.True(ZeroChildren(k, vmo));
        k.Sys.HandleClose(vmo);
        Assert.Equal(0UL, k.Kernel.AllocatedPages);
        k.AssertNoLeaks();
    }
}
