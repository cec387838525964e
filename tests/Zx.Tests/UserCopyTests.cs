using Zx.Kernel.Host;
using Zx.Kernel.Syscalls;

namespace Zx.Tests;

/// <summary>The user-memory boundary through the managed pointer forms: a pointer the kernel cannot read or write is
/// INVALID_ARGS (never a crash, never INTERNAL), in the kernel's order of checks, and a call that fails at its
/// copy-out leaves no object, handle, mapping, pin or committed page behind.</summary>
// Safety: the pointers are to the test's own pinned arrays and locals, or are bad user addresses the kernel must refuse.
public sealed unsafe class UserCopyTests
{
    /// <summary>Addresses no syscall may read or write, named for the failure messages; read-only ones are valid
    /// for reading.</summary>
    private sealed class WildPointers : IDisposable
    {
        private readonly TestKernel _k;
        private readonly ZxHandle _vmo;

        public WildPointers(TestKernel k)
        {
            _k = k;
            _vmo = k.Vmo(2 * ZxConstants.PageSize);
            ZxHandle root = k.Kernel.FirstProcess.RootVmar;
            Assert.Equal(ZxStatus.Ok, k.Sys.VmarMap(root, ZxVmOptions.PermRead | ZxVmOptions.PermWrite, 0, _vmo, 0, ZxConstants.PageSize, out ulong released));
            Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(root, released, ZxConstants.PageSize));
            Assert.Equal(ZxStatus.Ok, k.Sys.VmarMap(root, ZxVmOptions.PermRead, 0, _vmo, 0, ZxConstants.PageSize, out ulong readOnly));
            ReadOnly = (nint)readOnly;
            Unreadable = [("NULL", 0), ("0x1", 1), ("an unmapped low page", 0x2000), ("a non-canonical address", unchecked((nint)0xdead_0000_0000_0000)),
                ("a range released by zx_vmar_unmap", (nint)released)];
        }

        /// <summary>A page mapped read-only (through a Zx mapping of a paged VMO).</summary>
        public nint ReadOnly { get; }

        /// <summary>Addresses that can be neither read nor written.</summary>
        public IReadOnlyList<(string Name, nint Address)> Unreadable { get; }

        /// <summary>Addresses that cannot be written: the unreadable ones and the read-only page.</summary>
        public IEnumerable<(string Name, nint Address)> Unwritable => Unreadable.Append(("a read-only page", ReadOnly));

        public void Dispose()
        {
            if (_disposed)
                return;
            _disposed = true;
            Assert.Equal(ZxStatus.Ok, _k.Sys.VmarUnmap(_k.Kernel.FirstProcess.RootVmar, (ulong)ReadOnly, ZxConstants.PageSize));
            _k.Sys.HandleClose(_vmo);
        }

        private bool _disposed;
    }

    /// <summary>Calls <paramref name="call"/> with each address; each must give <paramref name="expected"/> and leave
    /// the kernel's objects and this process's handles and mappings as they were. (Pages a call committed before its
    /// copy failed stay with their VMO, as in Zircon: each test checks that closing the VMO gives them back.)</summary>
    private static void EachRefused(TestKernel k, IEnumerable<(string Name, nint Address)> addresses, ZxStatus expected, Func<nint, ZxStatus> call)
    {
        foreach ((string name, nint address) in addresses)
        {
            long objects = k.Kernel.LiveObjectCount;
            int handles = k.Kernel.FirstProcess.HandleCount;
            int mappings = Mappings(k);
            ZxStatus status = call(address);
            Assert.True(expected == status, $"with {name}: expected {expected}, got {status}");
            Assert.True(objects == k.Kernel.LiveObjectCount, $"with {name}: {k.Kernel.LiveObjectCount - objects} objects left behind");
            Assert.True(handles == k.Kernel.FirstProcess.HandleCount, $"with {name}: {k.Kernel.FirstProcess.HandleCount - handles} handles left behind");
            Assert.True(mappings == Mappings(k), $"with {name}: {Mappings(k) - mappings} mappings left behind");
        }
    }

    /// <summary>Objects, handles and pages are back to the kernel's start.</summary>
    private static void AssertNothingLeft(TestKernel k)
    {
        k.AssertNoLeaks();
        Assert.Equal(0UL, k.Kernel.AllocatedPages);
    }

    private static int Mappings(TestKernel k) =>
        k.Kernel.TakeCensus().Processes.Single(p => p.Koid == k.Kernel.FirstProcess.Dispatcher.Koid).Mappings;

    [Fact]
    public void FaultsOnUserAddressesAreRecoveredAndCounted()
    {
        using var k = new TestKernel();
        ulong before = UserCopy.FaultsRecovered;
        ulong value = 0;
        Assert.False(UserCopy.TryRead((ulong*)0xdead_0000_0000_0000, out value));
        Assert.False(UserCopy.TryWrite((uint*)1, 5u));
        Assert.False(UserCopy.TryCopyOut((void*)0x2000, new byte[100]));
        Assert.False(UserCopy.TryZero((void*)0x2000, 10));
        Assert.Equal(0UL, value);
        Assert.True(UserCopy.FaultsRecovered >= before + 4);
        // Good addresses work, including a zero-length copy from NULL.
        Assert.True(UserCopy.TryWrite(&value, 0x1122_3344_5566_7788UL));
        Assert.Equal(0x1122_3344_5566_7788UL, value);
        Assert.True(UserCopy.TryCopyIn(Span<byte>.Empty, null));
    }

    [Fact]
    public void CreatingCallsWithAnUnwritableOutLeaveNothing()
    {
        using var k = new TestKernel();
        using var wild = new WildPointers(k);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreate(ZxConstants.PageSize, ZxVmoOptions.NonResizable, out ZxHandle vmo));
        ZxHandle mmio = k.Mmio(TestKernel.Uart, ZxConstants.PageSize);
        ZxHandle* h = stackalloc ZxHandle[1];
        EachRefused(k, wild.Unwritable, ZxStatus.InvalidArgs, p => k.Sys.EventCreate(0, (ZxHandle*)p));
        EachRefused(k, wild.Unwritable, ZxStatus.InvalidArgs, p => k.Sys.EventPairCreate(0, h, (ZxHandle*)p));
        EachRefused(k, wild.Unwritable, ZxStatus.InvalidArgs, p => k.Sys.ChannelCreate(0, (ZxHandle*)p, h));
        EachRefused(k, wild.Unwritable, ZxStatus.InvalidArgs, p => k.Sys.PortCreate(0, (ZxHandle*)p));
        EachRefused(k, wild.Unwritable, ZxStatus.InvalidArgs, p => k.Sys.VmoCreate(ZxConstants.PageSize, ZxVmoOptions.None, (ZxHandle*)p));
        EachRefused(k, wild.Unwritable, ZxStatus.InvalidArgs, p => k.Sys.VmoCreatePhysical(mmio, TestKernel.Uart, ZxConstants.PageSize, (ZxHandle*)p));
        EachRefused(k, wild.Unwritable, ZxStatus.InvalidArgs, p => k.Sys.HandleDuplicate(vmo, ZxRights.SameRights, (ZxHandle*)p));
        EachRefused(k, wild.Unwritable, ZxStatus.InvalidArgs, p => k.Sys.VmoCreateChild(vmo, ZxVmoChildOptions.Slice, 0, ZxConstants.PageSize, (ZxHandle*)p));
        EachRefused(k, wild.Unwritable, ZxStatus.InvalidArgs, p => k.Sys.ProcessCreate(k.Kernel.FirstProcess.DefaultJob, null, 0, 0, h, (ZxHandle*)p));
        EachRefused(k, wild.Unwritable, ZxStatus.InvalidArgs, p => k.Sys.JobCreate(k.Kernel.FirstProcess.DefaultJob, 0, (ZxHandle*)p));
        k.Sys.HandleClose(vmo);
        k.Sys.HandleClose(mmio);
        wild.Dispose();
        AssertNothingLeft(k);
    }

    [Fact]
    public void AMappingWhoseAddressCannotBeWrittenIsRemoved()
    {
        using var k = new TestKernel();
        using var wild = new WildPointers(k);
        ZxHandle vmo = k.Vmo(4 * ZxConstants.PageSize);
        ZxHandle root = k.Kernel.FirstProcess.RootVmar;
        EachRefused(k, wild.Unwritable, ZxStatus.InvalidArgs,
            p => k.Sys.VmarMap(root, ZxVmOptions.PermRead | ZxVmOptions.PermWrite | ZxVmOptions.MapRange, 0, vmo, 0, 4 * ZxConstants.PageSize, (ulong*)p));
        ZxHandle* child = stackalloc ZxHandle[1];
        EachRefused(k, wild.Unwritable, ZxStatus.InvalidArgs,
            p => k.Sys.VmarAllocate(root, ZxVmOptions.CanMapRead, 0, ZxConstants.PageSize, child, (ulong*)p));
        ulong* address = stackalloc ulong[1];
        EachRefused(k, wild.Unwritable, ZxStatus.InvalidArgs,
            p => k.Sys.VmarAllocate(root, ZxVmOptions.CanMapRead, 0, ZxConstants.PageSize, (ZxHandle*)p, address));
        k.Sys.HandleClose(vmo);
        wild.Dispose();
        AssertNothingLeft(k);
    }

    [Fact]
    public void APinWhoseAddressesOrHandleCannotBeWrittenIsReleased()
    {
        using var k = new TestKernel();
        using var wild = new WildPointers(k);
        Assert.Equal(ZxStatus.Ok, k.Sys.IommuCreate(k.Root, ZxIommuType.Dummy, new byte[1], out ZxHandle iommu));
        Assert.Equal(ZxStatus.Ok, k.Sys.BtiCreate(iommu, 0, 0, out ZxHandle bti));
        ZxHandle vmo = k.Vmo(2 * ZxConstants.PageSize);
        ulong* addresses = stackalloc ulong[2];
        ZxHandle* pmt = stackalloc ZxHandle[1];
        EachRefused(k, wild.Unwritable, ZxStatus.InvalidArgs,
            p => k.Sys.BtiPin(bti, ZxBtiOptions.PermRead, vmo, 0, 2 * ZxConstants.PageSize, (ulong*)p, 2, pmt));
        EachRefused(k, wild.Unwritable, ZxStatus.InvalidArgs,
            p => k.Sys.BtiPin(bti, ZxBtiOptions.PermRead, vmo, 0, 2 * ZxConstants.PageSize, addresses, 2, (ZxHandle*)p));
        // Nothing stayed pinned: the VMO shrinks (a pinned page would make it BAD_STATE), and nothing is quarantined.
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoSetSize(vmo, 0));
        k.Sys.HandleClose(vmo);
        k.Sys.HandleClose(bti);
        k.Sys.HandleClose(iommu);
        wild.Dispose();
        AssertNothingLeft(k);
        Assert.Equal(0UL, k.Kernel.AllocatedPages);
    }

    [Fact]
    public void AChannelMessageWhoseBytesCannotBeWrittenIsConsumedAndItsHandlesClosed()
    {
        using var k = new TestKernel();
        using var wild = new WildPointers(k);
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelCreate(0, out ZxHandle a, out ZxHandle b));
        foreach ((string name, nint address) in wild.Unwritable)
        {
            Assert.Equal(ZxStatus.Ok, k.Sys.EventPairCreate(0, out ZxHandle kept, out ZxHandle sent));
            Assert.Equal(ZxStatus.Ok, k.Sys.ChannelWrite(a, 0, "four"u8, [sent]));
            ZxHandle received;
            ZxStatus status = k.Sys.ChannelRead(b, 0, (byte*)address, &received, 4, 1, null, null);
            Assert.True(status == ZxStatus.InvalidArgs, $"with {name}: {status}");
            Assert.Equal(ZxStatus.Ok, k.Sys.ObjectWaitOne(kept, ZxSignals.ObjectPeerClosed, 0, out _));
            Assert.Equal(ZxStatus.ShouldWait, k.Sys.ChannelRead(b, 0, Span<byte>.Empty, Span<ZxHandle>.Empty, out _, out _));
            k.Sys.HandleClose(kept);
        }
        k.Sys.HandleClose(a);
        k.Sys.HandleClose(b);
        wild.Dispose();
        AssertNothingLeft(k);
    }

    [Fact]
    public void InputsThatCannotBeReadAreInvalidArgsAfterTheHandleChecks()
    {
        using var k = new TestKernel();
        using var wild = new WildPointers(k);
        ZxHandle vmo = k.Vmo(ZxConstants.PageSize);
        Assert.Equal(ZxStatus.Ok, k.Sys.PortCreate(0, out ZxHandle port));
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelCreate(0, out ZxHandle a, out ZxHandle b));
        EachRefused(k, wild.Unreadable, ZxStatus.InvalidArgs, p => k.Sys.VmoWrite(vmo, (byte*)p, 0, 16));
        EachRefused(k, wild.Unreadable, ZxStatus.InvalidArgs, p => k.Sys.PortQueue(port, (ZxPortPacket*)p));
        EachRefused(k, wild.Unreadable, ZxStatus.InvalidArgs, p => k.Sys.ChannelWrite(a, 0, (byte*)p, 8, null, 0));
        EachRefused(k, wild.Unreadable, ZxStatus.InvalidArgs, p => k.Sys.ChannelCall(a, 0, 0, (ZxChannelCallArgs*)p, null, null));
        EachRefused(k, wild.Unreadable, ZxStatus.InvalidArgs, p => k.Sys.ObjectWaitMany((ZxWaitItem*)p, 1, 0));
        EachRefused(k, wild.Unreadable, ZxStatus.InvalidArgs, p => k.Sys.HandleCloseMany((ZxHandle*)p, 3));
        EachRefused(k, wild.Unreadable, ZxStatus.InvalidArgs, p => k.Sys.ObjectSetProperty(vmo, ZxProperty.Name, (void*)p, 8));
        EachRefused(k, wild.Unreadable, ZxStatus.InvalidArgs, p => k.Sys.ResourceCreate(k.Root, (uint)ZxResourceKind.Mmio, TestKernel.Uart, ZxConstants.PageSize, (byte*)p, 4, null));
        // The handle checks come first: a bad handle with a bad pointer is BAD_HANDLE.
        EachRefused(k, wild.Unreadable, ZxStatus.BadHandle, p => k.Sys.VmoWrite(new ZxHandle(0x7), (byte*)p, 0, 16));
        EachRefused(k, wild.Unreadable, ZxStatus.BadHandle, p => k.Sys.PortQueue(new ZxHandle(0x7), (ZxPortPacket*)p));
        // The read-only page is readable.
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoWrite(vmo, (byte*)wild.ReadOnly, 0, 16));
        foreach (ZxHandle h in new[] { vmo, port, a, b })
            k.Sys.HandleClose(h);
        wild.Dispose();
        AssertNothingLeft(k);
    }

    /// <summary>The kernel's fault handler takes only the faults of its own user copies: a fault anywhere else still
    /// reaches the .NET runtime, which turns a null dereference into a NullReferenceException.</summary>
    [Fact]
    public void AFaultOutsideAUserCopyStillReachesTheRuntime()
    {
        using var k = new TestKernel(); // its start installed the handler
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoCreate(4096, 0, (ZxHandle*)0x2000)); // a user copy's fault: a status
        object? nothing = Environment.TickCount == int.MinValue ? new object() : null;
        Assert.Throws<NullReferenceException>(() => nothing!.GetHashCode());
        Assert.Throws<NullReferenceException>(() => ReadThrough(null));
        // The handler also takes SIGFPE, SIGILL and SIGTRAP (for threads of other Zx processes) and gives every one of
        // managed code back: an integer division by zero is still the runtime's DivideByZeroException.
        int zero = Environment.TickCount == int.MinValue ? 1 : 0;
        Assert.Throws<DivideByZeroException>(() => 1 / zero);
        // And a demand-paged kernel's windows change nothing for managed code outside them.
        using var paged = new TestKernel(demandPaging: true);
        Assert.Throws<NullReferenceException>(() => ReadThrough(null));
    }

    private static int ReadThrough(int* pointer) => *pointer;
}
