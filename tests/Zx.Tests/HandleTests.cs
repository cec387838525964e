namespace Zx.Tests;

/// <summary>Handle values and zx_handle_close / close_many / duplicate / replace, as the 2018 kernel makes and checks them.</summary>
// Safety: the pointers are to the test's own pinned arrays and locals, or are bad user addresses the kernel must refuse.
public sealed unsafe class HandleTests
{
    [Fact]
    public void CloseInvalidIsOkAndUnknownIsBadHandle()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(ZxHandle.Invalid));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.HandleClose(new ZxHandle(0x7FFF_FFFF)));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.HandleClose(new ZxHandle(2)));
        ZxHandle vmo = k.Vmo(4096);
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(vmo));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.HandleClose(vmo));
        k.AssertNoLeaks();
    }

    [Fact]
    public void CloseManyClosesEveryGoodEntryAndReportsBadOnes()
    {
        using var k = new TestKernel();
        ZxHandle a = k.Vmo(4096), b = k.Vmo(4096), c = k.Vmo(4096);
        // A value that names no handle, or one closed earlier in the same array, makes it BAD_HANDLE (2018), but
        // every good entry is closed first.
        Assert.Equal(ZxStatus.BadHandle, k.Sys.HandleCloseMany([a, ZxHandle.Invalid, new ZxHandle(0x1234567), b, a]));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.HandleClose(a));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.HandleClose(b));
        // ZX_HANDLE_INVALID entries are skipped without an error.
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleCloseMany([ZxHandle.Invalid, c, ZxHandle.Invalid]));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.HandleClose(c));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.HandleCloseMany(null, 3));
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleCloseMany(null, 0));
        k.AssertNoLeaks();
    }

    [Fact]
    public void HandleValuesAreOddWithBit31ClearAndDifferAcrossProcessesAndKernels()
    {
        using var k = new TestKernel();
        using var other = new TestKernel();
        var values = new HashSet<uint>();
        var handles = new List<ZxHandle>();
        for (int i = 0; i < 200; i++)
        {
            ZxHandle h = k.Vmo(4096);
            Assert.Equal(1u, h.Value & 1);
            Assert.Equal(0u, h.Value & 0x8000_0000);
            Assert.True(values.Add(h.Value));
            handles.Add(h);
        }
        // Same sequence of operations in another process and another kernel: different values (random mixers).
        ProcessContext second = k.Kernel.CreateProcess("second");
        Assert.Equal(ZxStatus.Ok, second.Syscalls.VmoCreate(4096, ZxVmoOptions.None, out ZxHandle inSecond));
        Assert.Equal(ZxStatus.Ok, other.Sys.VmoCreate(4096, ZxVmoOptions.None, out ZxHandle inOther));
        ZxHandle firstHere = handles[0];
        Assert.False(firstHere == inSecond && firstHere == inOther, "three random mixers produced one value");
        // A value from another process names nothing here.
        Assert.Equal(ZxStatus.BadHandle, second.Syscalls.HandleClose(firstHere));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.VmoGetSize(inSecond, out _));
        second.Syscalls.HandleClose(inSecond);
        k.Sys.HandleCloseMany(handles.ToArray());
        // The second process and its root VMAR live on (processes end when killed); nothing else is left.
        Assert.Equal(k.BaselineObjects + 2, k.Kernel.LiveObjectCount);
        Assert.Equal(2, second.HandleCount);
    }

    [Fact]
    public void AClosedValueStaysBadAfterItsSlotIsReused()
    {
        using var k = new TestKernel();
        ZxHandle closed = k.Vmo(4096);
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(closed));
        // Churn far past the reuse distance so the slot is handed out again (with a new generation).
        for (int i = 0; i < 5000; i++)
        {
            ZxHandle h = k.Vmo(4096);
            Assert.NotEqual(closed, h);
            Assert.Equal(ZxStatus.BadHandle, k.Sys.VmoGetSize(closed, out _));
            k.Sys.HandleClose(h);
        }
        k.AssertNoLeaks();
    }

    [Fact]
    public void DuplicateNeedsTheDuplicateRightAndASubset()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(4096);
        Assert.Equal(ZxStatus.BadHandle, k.Sys.HandleDuplicate(ZxHandle.Invalid, ZxRights.SameRights, out _));
        ZxHandle same = k.Duplicate(vmo, ZxRights.SameRights);
        Assert.Equal(ZxDefaultRights.Vmo, k.RightsOf(same));
        ZxHandle readDup = k.Duplicate(vmo, ZxRights.Read | ZxRights.Duplicate);
        Assert.Equal(ZxRights.Read | ZxRights.Duplicate, k.RightsOf(readDup));
        // Not a subset: INVALID_ARGS. SAME_RIGHTS is an exact value, so SAME_RIGHTS|READ asks for bit 31.
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.HandleDuplicate(readDup, ZxRights.Write, out _));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.HandleDuplicate(vmo, ZxRights.SameRights | ZxRights.Read, out _));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.HandleDuplicate(vmo, ZxRights.ManageJob, out _));
        // Without DUPLICATE: ACCESS_DENIED, before the subset check.
        ZxHandle noDup = k.Duplicate(vmo, ZxRights.Read);
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.HandleDuplicate(noDup, ZxRights.Read, out _));
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.HandleDuplicate(noDup, ZxRights.Write, out _));
        // NULL out: INVALID_ARGS, and no handle remains.
        int handles = k.Kernel.FirstProcess.HandleCount;
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.HandleDuplicate(vmo, ZxRights.SameRights, null));
        Assert.Equal(handles, k.Kernel.FirstProcess.HandleCount);
        k.Sys.HandleCloseMany([vmo, same, readDup, noDup]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void ReplaceNeedsNoRightAndConsumesTheSourceEvenOnFailure()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(4096);
        ZxHandle noDup = k.Duplicate(vmo, ZxRights.Read | ZxRights.Write);
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleReplace(noDup, ZxRights.Read, out ZxHandle replaced));
        Assert.Equal(ZxRights.Read, k.RightsOf(replaced));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.HandleClose(noDup));
        // Raising rights fails with INVALID_ARGS and still closes the source.
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.HandleReplace(replaced, ZxRights.Read | ZxRights.Write, out ZxHandle none));
        Assert.Equal(ZxHandle.Invalid, none);
        Assert.Equal(ZxStatus.BadHandle, k.Sys.HandleClose(replaced));
        // SAME_RIGHTS keeps the rights; SAME_RIGHTS|READ is not SAME_RIGHTS.
        ZxHandle d = k.Duplicate(vmo, ZxRights.SameRights);
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleReplace(d, ZxRights.SameRights, out ZxHandle d2));
        Assert.Equal(ZxDefaultRights.Vmo, k.RightsOf(d2));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.HandleReplace(d2, ZxRights.SameRights | ZxRights.Read, out _));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.HandleReplace(d2, ZxRights.Read, out _));
        // A NULL out loses both handles; the object survives only through `vmo`.
        ZxHandle d3 = k.Duplicate(vmo, ZxRights.SameRights);
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.HandleReplace(d3, ZxRights.Read, null));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.HandleClose(d3));
        k.Sys.HandleClose(vmo);
        k.AssertNoLeaks();
    }

    [Fact]
    public void ClosingTheLastHandleDestroysTheObjectAndFreesItsPages()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(16 * 4096);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoWrite(vmo, new byte[16 * 4096], 0));
        Assert.Equal(16UL, k.Kernel.AllocatedPages);
        ZxHandle dup = k.Duplicate(vmo, ZxRights.SameRights);
        k.Sys.HandleClose(vmo);
        Assert.Equal(16UL, k.Kernel.AllocatedPages);
        k.Sys.HandleClose(dup);
        Assert.Equal(0UL, k.Kernel.AllocatedPages);
        k.AssertNoLeaks();
    }

    [Fact]
    public void InjectedHandleFailureOnDuplicateLeavesTheSource()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(4096);
        k.Kernel.Faults.FailNthAllocation(1);
        Assert.Equal(ZxStatus.NoMemory, k.Sys.HandleDuplicate(vmo, ZxRights.SameRights, out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoGetSize(vmo, out _));
        // replace consumes the source even when making the new handle fails.
        k.Kernel.Faults.FailNthAllocation(1);
        Assert.Equal(ZxStatus.NoMemory, k.Sys.HandleReplace(vmo, ZxRights.SameRights, out _));
        Assert.Equal(ZxStatus.BadHandle, k.Sys.HandleClose(vmo));
        k.AssertNoLeaks();
    }

    [Fact]
    public void ManyThreadsDuplicatingAndClosingLeaveNothing()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(4096);
        Parallel.For(0, 4, _ =>
        {
            for (int i = 0; i < 5000; i++)
            {
                Assert.Equal(ZxStatus.Ok, k.Sys.HandleDuplicate(vmo, ZxRights.Read, out ZxHandle d));
                Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(d));
            }
        });
        k.Sys.HandleClose(vmo);
        k.AssertNoLeaks();
    }

    [Fact]
    public void LookupsRacingWithCloseNeverReachAFreedObject()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(4096);
        long shared = 0;
        using var stop = new CancellationTokenSource();
        int bad = 0;
        var readers = Enumerable.Range(0, 2).Select(_ => new Thread(() =>
        {
            var buffer = new byte[8];
            while (!stop.IsCancellationRequested)
            {
                var h = new ZxHandle((uint)Interlocked.Read(ref shared));
                ZxStatus s = k.Sys.VmoRead(h, buffer, 0);
                if (s != ZxStatus.Ok && s != ZxStatus.BadHandle)
                    Interlocked.Increment(ref bad);
            }
        })).ToList();
        readers.ForEach(t => t.Start());
        for (int i = 0; i < 20_000; i++)
        {
            // A fresh object each time, destroyed by the close while readers may be looking it up.
            ZxHandle d = i % 2 == 0 ? k.Vmo(4096) : k.Duplicate(vmo, ZxRights.SameRights);
            Assert.Equal(ZxStatus.Ok, k.Sys.VmoWrite(d, new byte[] { 1 }, 0));
            Interlocked.Exchange(ref shared, d.Value);
            Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(d));
        }
        stop.Cancel();
        readers.ForEach(t => t.Join());
        Assert.Equal(0, bad);
        k.Sys.HandleClose(vmo);
        Assert.Equal(0UL, k.Kernel.AllocatedPages);
        k.AssertNoLeaks();
    }
}
