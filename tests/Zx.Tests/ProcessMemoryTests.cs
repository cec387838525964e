namespace Zx.Tests;

/// <summary>zx_process_read_memory and zx_process_write_memory on the managed surface: what a mapping holds after
/// the VMO changes, a dead process, and nothing left behind.</summary>
public sealed class ProcessMemoryTests
{
    private const ulong Page = ZxConstants.PageSize;

    [Fact]
    public void ReadsSeeTheVmoAndADeadProcessIsBadState()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.ProcessCreate(k.Kernel.FirstProcess.DefaultJob, "t"u8, 0, out ZxHandle process, out ZxHandle vmar));
        ZxHandle vmo = k.Vmo(Page);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarMap(vmar, ZxVmOptions.PermRead, 0, vmo, 0, Page, out ulong address));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoWrite(vmo, "abc"u8, 10));
        var seen = new byte[3];
        Assert.Equal(ZxStatus.Ok, k.Sys.ProcessReadMemory(process, (nuint)address + 10, seen, out nuint actual));
        Assert.Equal((nuint)3, actual);
        Assert.Equal("abc"u8.ToArray(), seen);
        // After an unmap nothing is there.
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(vmar, address, Page));
        Assert.Equal(ZxStatus.NoMemory, k.Sys.ProcessReadMemory(process, (nuint)address + 10, seen, out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.TaskKill(process));
        Assert.Equal(ZxStatus.BadState, k.Sys.ProcessWriteMemory(process, (nuint)address, seen, out _));
        k.Sys.HandleCloseMany([process, vmar, vmo]);
        k.AssertNoLeaks();
    }
}
