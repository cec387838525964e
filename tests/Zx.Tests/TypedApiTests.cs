namespace Zx.Tests;

/// <summary>The typed lib/zx-style API: owning handles, unowned borrows, ZxException.</summary>
public sealed class TypedApiTests
{
    [Fact]
    public void TheRootResourceIsBorrowedSoDisposingItClosesNothing()
    {
        using var k = new TestKernel();
        using (Resource root = Resource.Root(k.Kernel).Value)
            Assert.False(root.IsOwner);
        Assert.Throws<InvalidOperationException>(() => Resource.Root(k.Kernel).Value.Release());
        // The kernel's root handle still works for everyone.
        using Resource mmio = Resource.Create(Resource.Root(k.Kernel), ZxResourceKind.Mmio, TestKernel.Uart, 0x1000, "uart0");
        Assert.Equal(ZxStatus.Ok, k.Sys.ResourceCreate(k.Root, (uint)ZxResourceKind.Mmio, TestKernel.Uart, 0x1000, "x"u8, out ZxHandle other));
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(other));
    }

    [Fact]
    public void PhysicalVmoThroughTheTypedApi()
    {
        using var k = new TestKernel();
        using (Resource mmio = Resource.Create(Resource.Root(k.Kernel), ZxResourceKind.Mmio, TestKernel.Uart, 0x1000, "uart0", exclusive: true))
        using (Vmo vmo = Vmo.CreatePhysical(mmio.Borrow(), TestKernel.Uart, 0x1000))
        {
            Assert.Equal(0x1000UL, vmo.Size);
            Assert.Equal(ZxDefaultRights.Vmo, vmo.Rights);
            Assert.Equal("uart0", mmio.Info.Name.ToString());
            Assert.Equal(ZxCachePolicy.Uncached, vmo.Info.CachePolicy);
            ZxException e = Assert.Throws<ZxException>(() => vmo.Read(new byte[1], 0));
            Assert.Equal(ZxStatus.NotSupported, e.Status);
            Assert.Equal("zx_vmo_read", e.Syscall);
            Assert.Contains("ZX_ERR_NOT_SUPPORTED", e.Message, StringComparison.Ordinal);
        }
        k.AssertNoLeaks();
    }

    [Fact]
    public void CreatePhysicalFailureThrowsWithTheStatus()
    {
        using var k = new TestKernel();
        using Resource mmio = Resource.Create(Resource.Root(k.Kernel), ZxResourceKind.Mmio, TestKernel.Uart, 0x1000, "uart0");
        ZxException e = Assert.Throws<ZxException>(() => Vmo.CreatePhysical(mmio.Borrow(), TestKernel.Uart + 0x1000, 0x1000));
        Assert.Equal(ZxStatus.AccessDenied, e.Status);
        Assert.Equal(ZxStatus.NotFound, Assert.Throws<ZxException>(() =>
            Resource.Create(Resource.Root(k.Kernel), ZxResourceKind.Mmio, 0x4000_0000, 0x1000, "ram")).Status);
    }

    [Fact]
    public void PagedVmoDuplicateReplaceAndName()
    {
        using var k = new TestKernel();
        using (Vmo vmo = Vmo.Create(k.Kernel.FirstProcess, 8192))
        {
            vmo.Write("hello"u8, 10);
            using Vmo reader = vmo.Duplicate(ZxRights.Read | ZxRights.Duplicate | ZxRights.GetProperty);
            var buffer = new byte[5];
            reader.Read(buffer, 10);
            Assert.Equal("hello"u8.ToArray(), buffer);
            Assert.Equal(ZxStatus.AccessDenied, Assert.Throws<ZxException>(() => reader.Write("x"u8, 0)).Status);
            vmo.Name = "buffer";
            Assert.Equal("buffer", reader.Name);
            Assert.Equal(vmo.Koid, reader.Koid);
            using Vmo narrowed = reader.Replace(ZxRights.Read);
            Assert.False(reader.IsValid);
            Assert.Equal(ZxRights.Read, narrowed.Rights);
            Unowned<Vmo> borrowed = narrowed.Borrow();
            Assert.Equal(narrowed.Raw, borrowed.Raw);
        }
        k.AssertNoLeaks();
    }
}
