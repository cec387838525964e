namespace Zx.Tests;

/// <summary>Security properties: handles cannot be forged across processes or revived after close, rights are
/// never amplified by duplicate, replace, child creation or transfer, physical memory is reached only inside what a
/// resource grants, and an allocation failure injected at every allocation point of every creating syscall is
/// NO_MEMORY and leaves nothing behind.</summary>
// Safety: the pointers are to the test's own pinned arrays and locals, or are bad user addresses the kernel must refuse.
public sealed unsafe class SecurityTests
{
    private const ulong Page = ZxConstants.PageSize;

    [Fact]
    public void AMillionRandomHandleValuesNeverReachAnotherProcessOrAClosedHandle()
    {
        using var k = new TestKernel();
        ProcessContext other = k.Kernel.CreateProcess("victim");
        var theirKoids = new HashSet<ulong>();
        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal(ZxStatus.Ok, other.Syscalls.EventCreate(0, out ZxHandle h));
            Assert.Equal(ZxStatus.Ok, other.Syscalls.ObjectGetInfo(h, ZxInfoTopic.HandleBasic, out ZxInfoHandleBasic info));
            theirKoids.Add(info.Koid);
        }
        var closed = new List<ZxHandle>();
        for (int i = 0; i < 1000; i++)
        {
            ZxHandle h = k.Vmo(Page);
            closed.Add(h);
            k.Sys.HandleClose(h);
        }
        var mine = new Dictionary<uint, ulong>();
        for (int i = 0; i < 100; i++)
        {
            ZxHandle h = k.Vmo(Page);
            Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(h, ZxInfoTopic.HandleBasic, out ZxInfoHandleBasic info));
            mine[h.Value] = info.Koid;
        }
        foreach (ZxHandle h in new[] { k.Root, k.Kernel.FirstProcess.SelfHandle, k.Kernel.FirstProcess.RootVmar, k.Kernel.FirstProcess.DefaultJob })
        {
            Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(h, ZxInfoTopic.HandleBasic, out ZxInfoHandleBasic info));
            mine[h.Value] = info.Koid;
        }

        var random = new Random(20261126);
        int hits = 0;
        for (int i = 0; i < 1_000_000; i++)
        {
            uint value = (uint)random.Next() | (i % 2 == 0 ? 1u : 0u);
            if (k.Sys.ObjectGetInfo(new ZxHandle(value), ZxInfoTopic.HandleBasic, out ZxInfoHandleBasic info) != ZxStatus.Ok)
                continue;
            hits++;
            Assert.True(mine.TryGetValue(value, out ulong koid) && koid == info.Koid, $"0x{value:x} reached koid {info.Koid}, which is not this process's");
            Assert.DoesNotContain(info.Koid, theirKoids);
        }
        Assert.True(hits <= mine.Count * 4, $"{hits} random hits");
        foreach (ZxHandle h in closed)
            Assert.Equal(ZxStatus.BadHandle, k.Sys.ObjectGetInfo(h, ZxInfoTopic.HandleBasic, out ZxInfoHandleBasic _));
        // Our values mean nothing in the other process: at most they name one of its own objects.
        var myKoids = new HashSet<ulong>(mine.Values);
        foreach (uint value in mine.Keys)
        {
            if (other.Syscalls.ObjectGetInfo(new ZxHandle(value), ZxInfoTopic.HandleBasic, out ZxInfoHandleBasic theirs) == ZxStatus.Ok)
                Assert.DoesNotContain(theirs.Koid, myKoids);
        }
    }

    [Fact]
    public void NoPathAmplifiesRights()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(Page);
        ZxRights readOnly = ZxRights.Read | ZxRights.Map | ZxRights.Duplicate | ZxRights.Transfer | ZxRights.Wait;
        ZxHandle limited = k.Duplicate(vmo, readOnly);
        // Duplicate and replace never add a right.
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.HandleDuplicate(limited, readOnly | ZxRights.Write, out _));
        ZxHandle copy = k.Duplicate(limited, ZxRights.SameRights);
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.HandleReplace(copy, readOnly | ZxRights.Write, out _));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.HandleClose(copy)); // consumed even so
        // A slice shares the parent's pages, so it gets no right the parent handle lacked (beyond the properties).
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreate(Page, ZxVmoOptions.NonResizable, out ZxHandle fixedVmo));
        ZxHandle fixedReadOnly = k.Duplicate(fixedVmo, readOnly);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreateChild(fixedReadOnly, ZxVmoChildOptions.Slice, 0, Page, out ZxHandle slice));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(slice, ZxInfoTopic.HandleBasic, out ZxInfoHandleBasic sliceInfo));
        Assert.Equal(readOnly | ZxRights.GetProperty | ZxRights.SetProperty, sliceInfo.Rights);
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.VmoWrite(slice, new byte[1], 0));
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.VmarMap(k.Kernel.FirstProcess.RootVmar, ZxVmOptions.PermRead | ZxVmOptions.PermWrite, 0, slice, 0, Page, out _));
        // A snapshot is a new object (its writes never reach the parent): it may be written, as in Zircon.
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreateChild(limited, ZxVmoChildOptions.Snapshot | ZxVmoChildOptions.NoWrite, 0, Page, out ZxHandle snapshot));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(snapshot, ZxInfoTopic.HandleBasic, out ZxInfoHandleBasic snapshotInfo));
        Assert.False(snapshotInfo.Rights.HasFlag(ZxRights.Write));
        // A handle moved through a channel arrives with exactly its rights.
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelCreate(0, out ZxHandle mine, out ZxHandle theirs));
        ZxHandle moved = k.Duplicate(limited, ZxRights.SameRights);
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelWrite(mine, 0, "v"u8, [moved]));
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleReplace(theirs, ZxRights.SameRights, out ZxHandle theirsAgain));
        var handles = new ZxHandle[1];
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelRead(theirsAgain, 0, new byte[1], handles, out _, out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(handles[0], ZxInfoTopic.HandleBasic, out ZxInfoHandleBasic arrived));
        Assert.Equal(readOnly, arrived.Rights);
        k.Sys.HandleCloseMany([vmo, limited, fixedVmo, fixedReadOnly, slice, snapshot, mine, theirsAgain, handles[0]]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void PhysicalMemoryIsReachedOnlyInsideWhatTheResourceGrants()
    {
        using var k = new TestKernel();
        ZxHandle mmio = k.Mmio(TestKernel.Uart, Page);
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.VmoCreatePhysical(mmio, TestKernel.Uart + Page, Page, out _));
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.VmoCreatePhysical(mmio, TestKernel.Uart - Page, 2 * Page, out _));
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.VmoCreatePhysical(mmio, TestKernel.Uart, 2 * Page, out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreatePhysical(mmio, TestKernel.Uart, Page, out ZxHandle vmo));
        // A slice cannot reach past its parent.
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoCreateChild(vmo, ZxVmoChildOptions.Slice, Page, Page, out _));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoCreateChild(vmo, ZxVmoChildOptions.Slice, 0, 2 * Page, out _));
        // A mapping longer than the VMO (allowed, as in 2018) backs only the VMO's own page: the rest is not
        // the next physical page but inaccessible memory.
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarMap(k.Kernel.FirstProcess.RootVmar, ZxVmOptions.PermRead, 0, vmo, 0, 2 * Page, out ulong address));
        Assert.True(IsInaccessible(address + Page, Page), "the page past the VMO's end is mapped to something");
        Assert.False(IsInaccessible(address, Page));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(k.Kernel.FirstProcess.RootVmar, address, 2 * Page));
        k.Sys.HandleCloseMany([mmio, vmo]);
        k.AssertNoLeaks();
    }

    /// <summary>True when /proc/self/maps shows <c>[start, start+length)</c> inside a mapping with no access.</summary>
    private static bool IsInaccessible(ulong start, ulong length)
    {
        foreach (HostMaps.Region r in HostMaps.Regions())
        {
            if (start >= r.Start && start + length <= r.End)
                return !r.Accessible;
        }
        return true; // not mapped at all: also inaccessible
    }

    /// <summary>Every syscall that allocates, with what it needs made beforehand and what it made closed after.</summary>
    private static IEnumerable<(string Name, Func<TestKernel, Func<ZxStatus>> Prepare)> CreatingSyscalls()
    {
        yield return ("zx_vmo_create", k => () => k.ClosingIfOk(k.Sys.VmoCreate(Page, ZxVmoOptions.None, out ZxHandle h), h));
        yield return ("zx_vmo_create_physical", k => () => k.ClosingIfOk(k.Sys.VmoCreatePhysical(k.Root, TestKernel.Uart, Page, out ZxHandle h), h));
        yield return ("zx_resource_create", k => () => k.ClosingIfOk(k.Sys.ResourceCreate(k.Root, (uint)ZxResourceKind.Mmio, TestKernel.Uart, Page, "r"u8, out ZxHandle h), h));
        yield return ("zx_vmo_create_child", k =>
        {
            ZxHandle parent = k.Vmo(2 * Page);
            k.Sys.VmoWrite(parent, new byte[2 * Page], 0); // committed pages are copied: page allocations too
            return () => k.ClosingIfOk(k.Sys.VmoCreateChild(parent, ZxVmoChildOptions.Snapshot, 0, 2 * Page, out ZxHandle h), h);
        });
        yield return ("zx_vmo_clone", k =>
        {
            ZxHandle parent = k.Vmo(Page);
            k.Sys.VmoWrite(parent, new byte[Page], 0);
            return () => k.ClosingIfOk(k.Sys.VmoClone(parent, ZxVmoCloneOptions.CopyOnWrite, 0, Page, out ZxHandle h), h);
        });
        yield return ("zx_vmo_op_range COMMIT", k =>
        {
            ZxHandle vmo = k.Vmo(4 * Page);
            return () =>
            {
                ZxStatus s = k.Sys.VmoOpRange(vmo, ZxVmoOp.Commit, 0, 4 * Page);
                k.Sys.VmoOpRange(vmo, ZxVmoOp.Decommit, 0, 4 * Page);
                return s;
            };
        });
        yield return ("zx_vmo_write", k =>
        {
            ZxHandle vmo = k.Vmo(2 * Page);
            return () =>
            {
                ZxStatus s = k.Sys.VmoWrite(vmo, new byte[2 * Page], 0);
                k.Sys.VmoOpRange(vmo, ZxVmoOp.Decommit, 0, 2 * Page);
                return s;
            };
        });
        yield return ("zx_event_create", k => () => k.ClosingIfOk(k.Sys.EventCreate(0, out ZxHandle h), h));
        yield return ("zx_eventpair_create", k => () => k.ClosingIfOk(k.Sys.EventPairCreate(0, out ZxHandle a, out ZxHandle b), a, b));
        yield return ("zx_port_create", k => () => k.ClosingIfOk(k.Sys.PortCreate(0, out ZxHandle h), h));
        yield return ("zx_channel_create", k => () => k.ClosingIfOk(k.Sys.ChannelCreate(0, out ZxHandle a, out ZxHandle b), a, b));
        yield return ("zx_channel_write", k =>
        {
            Assert.Equal(ZxStatus.Ok, k.Sys.ChannelCreate(0, out ZxHandle a, out ZxHandle b));
            return () =>
            {
                ZxStatus s = k.Sys.ChannelWrite(a, 0, "x"u8, ReadOnlySpan<ZxHandle>.Empty);
                if (s == ZxStatus.Ok)
                    k.Sys.ChannelRead(b, 0, new byte[1], Span<ZxHandle>.Empty, out _, out _);
                return s;
            };
        });
        yield return ("zx_handle_duplicate", k =>
        {
            ZxHandle vmo = k.Vmo(Page);
            return () => k.ClosingIfOk(k.Sys.HandleDuplicate(vmo, ZxRights.SameRights, out ZxHandle h), h);
        });
        yield return ("zx_job_create", k => () => JobCreate(k));
        yield return ("zx_process_create", k => () => k.ClosingIfOk(k.Sys.ProcessCreate(k.Kernel.FirstProcess.DefaultJob, "p"u8, 0, out ZxHandle p, out ZxHandle v), p, v));
        yield return ("zx_thread_create", k =>
        {
            Assert.Equal(ZxStatus.Ok, k.Sys.ProcessCreate(k.Kernel.FirstProcess.DefaultJob, "p"u8, 0, out ZxHandle p, out _));
            return () => k.ClosingIfOk(k.Sys.ThreadCreate(p, "t"u8, 0, out ZxHandle t), t);
        });
        yield return ("zx_vmar_allocate", k => () =>
        {
            ZxStatus s = k.Sys.VmarAllocate(k.Kernel.FirstProcess.RootVmar, ZxVmOptions.CanMapRead, 0, 16 * Page, out ZxHandle child, out _);
            if (s == ZxStatus.Ok)
            {
                k.Sys.VmarDestroy(child);
                k.Sys.HandleClose(child);
            }
            return s;
        });
        yield return ("zx_vmar_map", k =>
        {
            ZxHandle vmo = k.Vmo(2 * Page);
            return () =>
            {
                ZxStatus s = k.Sys.VmarMap(k.Kernel.FirstProcess.RootVmar, ZxVmOptions.PermRead, 0, vmo, 0, 2 * Page, out ulong a);
                if (s == ZxStatus.Ok)
                {
                    k.Sys.VmarUnmap(k.Kernel.FirstProcess.RootVmar, a, 2 * Page);
                    k.Sys.VmoOpRange(vmo, ZxVmoOp.Decommit, 0, 2 * Page);
                }
                return s;
            };
        });
        yield return ("zx_iommu_create", k => () => k.ClosingIfOk(k.Sys.IommuCreate(k.Root, ZxIommuType.Dummy, new byte[1], out ZxHandle h), h));
        yield return ("zx_bti_create", k =>
        {
            Assert.Equal(ZxStatus.Ok, k.Sys.IommuCreate(k.Root, ZxIommuType.Dummy, new byte[1], out ZxHandle iommu));
            return () => k.ClosingIfOk(k.Sys.BtiCreate(iommu, 0, 1, out ZxHandle h), h);
        });
        yield return ("zx_vmo_create_contiguous", k =>
        {
            Assert.Equal(ZxStatus.Ok, k.Sys.IommuCreate(k.Root, ZxIommuType.Dummy, new byte[1], out ZxHandle iommu));
            Assert.Equal(ZxStatus.Ok, k.Sys.BtiCreate(iommu, 0, 1, out ZxHandle bti));
            return () => k.ClosingIfOk(k.Sys.VmoCreateContiguous(bti, 4 * Page, 0, out ZxHandle h), h);
        });
        yield return ("zx_bti_pin", k =>
        {
            Assert.Equal(ZxStatus.Ok, k.Sys.IommuCreate(k.Root, ZxIommuType.Dummy, new byte[1], out ZxHandle iommu));
            Assert.Equal(ZxStatus.Ok, k.Sys.BtiCreate(iommu, 0, 1, out ZxHandle bti));
            ZxHandle vmo = k.Vmo(2 * Page);
            return () =>
            {
                ZxStatus s = k.Sys.BtiPin(bti, ZxBtiOptions.PermRead, vmo, 0, 2 * Page, new ulong[2], out ZxHandle pmt);
                if (s == ZxStatus.Ok)
                    k.Sys.PmtUnpin(pmt);
                // A failed pin leaves nothing pinned (decommit would be BAD_STATE); pages it committed belong to
                // the VMO, as in Zircon, and go with the decommit.
                Assert.Equal(ZxStatus.Ok, k.Sys.VmoOpRange(vmo, ZxVmoOp.Decommit, 0, 2 * Page));
                return s;
            };
        });
    }

    private static ZxStatus JobCreate(TestKernel k)
    {
        ZxHandle h;
        return k.ClosingIfOk(k.Sys.JobCreate(k.Kernel.FirstProcess.DefaultJob, 0, &h), h);
    }

    public static TheoryData<string> CreatingSyscallNames() => [.. CreatingSyscalls().Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(CreatingSyscallNames))]
    public void EveryAllocationPointFailsWithNoMemoryAndLeavesNothing(string syscall)
    {
        using var k = new TestKernel();
        Func<ZxStatus> call = CreatingSyscalls().Single(c => c.Name == syscall).Prepare(k);
        long objects = k.Kernel.LiveObjectCount;
        int handles = k.Kernel.FirstProcess.HandleCount;
        ulong pages = k.Kernel.AllocatedPages;
        long points = k.Kernel.Faults.CountAllocationPoints(() => Assert.Equal(ZxStatus.Ok, call()));
        Assert.True(points >= 1, $"{syscall} passes no allocation point");
        Assert.Equal(objects, k.Kernel.LiveObjectCount);
        for (int n = 1; n <= points; n++)
        {
            k.Kernel.Faults.FailNthAllocation(n);
            ZxStatus status = call();
            bool stillArmed = k.Kernel.Faults.Armed;
            k.Kernel.Faults.Reset();
            Assert.False(stillArmed, $"{syscall}: allocation point {n} of {points} was not reached");
            Assert.True(status == ZxStatus.NoMemory, $"{syscall}: failing allocation point {n} of {points} gave {status}");
            Assert.True(objects == k.Kernel.LiveObjectCount, $"{syscall}: point {n} left an object");
            Assert.True(handles == k.Kernel.FirstProcess.HandleCount, $"{syscall}: point {n} left a handle");
            Assert.True(pages == k.Kernel.AllocatedPages, $"{syscall}: point {n} left {k.Kernel.AllocatedPages - pages} pages");
        }
    }
}
