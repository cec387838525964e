namespace Zx.Tests;

/// <summary>The handle table's bound (docs/decisions.md #8).</summary>
public sealed class HandleTableTests
{
    [Fact]
    public void TableHoldsTwoToTheTwentyHandlesThenNoMemory()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(4096);
        int room = Zx.Kernel.Object.HandleTable.MaxHandles - k.Kernel.FirstProcess.HandleCount;
        var handles = new ZxHandle[room];
        for (int i = 0; i < room; i++)
            Assert.Equal(ZxStatus.Ok, k.Sys.HandleDuplicate(vmo, ZxRights.SameRights, out handles[i]));
        Assert.Equal(Zx.Kernel.Object.HandleTable.MaxHandles, k.Kernel.FirstProcess.HandleCount);
        Assert.Equal(ZxStatus.NoMemory, k.Sys.HandleDuplicate(vmo, ZxRights.SameRights, out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(handles[0]));
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleDuplicate(vmo, ZxRights.SameRights, out handles[0]));
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleCloseMany(handles));
        k.Sys.HandleClose(vmo);
        k.AssertNoLeaks();
    }
}
