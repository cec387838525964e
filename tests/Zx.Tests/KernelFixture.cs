using Zx.Kernel.Syscalls;

namespace Zx.Tests;

/// <summary>A kernel on the default board for one test, with the baseline it started from.</summary>
internal sealed class TestKernel : IDisposable
{
    public TestKernel(ZxCompatibility compatibility = ZxCompatibility.Document, Zx.Kernel.Board.BoardDescription? board = null,
        bool demandPaging = false)
    {
        Kernel = KernelContext.Create(new KernelOptions { Compatibility = compatibility, Board = board, DemandPaging = demandPaging });
        BaselineObjects = Kernel.LiveObjectCount;
        BaselineHandles = Kernel.FirstProcess.HandleCount;
    }

    public KernelContext Kernel { get; }
    public ZxSyscalls Sys => Kernel.FirstProcess.Syscalls;
    public ZxHandle Root => Kernel.RootResource;
    public long BaselineObjects { get; }
    public int BaselineHandles { get; }

    /// <summary>The UART window of the default board.</summary>
    public const ulong Uart = 0x0900_0000;

    /// <summary>The high PCIe MMIO window of the default board, where the core test's probe lands.</summary>
    public const ulong HighMmio = 0x80_0000_0000;

    public ZxHandle Mmio(ulong @base, ulong size, bool exclusive = false)
    {
        uint options = (uint)ZxResourceKind.Mmio | (exclusive ? ZxResourceFlags.Exclusive : 0);
        Assert.Equal(ZxStatus.Ok, Sys.ResourceCreate(Root, options, @base, size, "test"u8, out ZxHandle h));
        return h;
    }

    public ZxHandle Vmo(ulong size)
    {
        Assert.Equal(ZxStatus.Ok, Sys.VmoCreate(size, ZxVmoOptions.None, out ZxHandle h));
        return h;
    }

    /// <summary>Passes <paramref name="status"/> through, closing what the call made when it succeeded.</summary>
    public ZxStatus ClosingIfOk(ZxStatus status, params ZxHandle[] made)
    {
        if (status == ZxStatus.Ok)
            Sys.HandleCloseMany(made);
        return status;
    }

    public ZxHandle Duplicate(ZxHandle h, ZxRights rights)
    {
        Assert.Equal(ZxStatus.Ok, Sys.HandleDuplicate(h, rights, out ZxHandle d));
        return d;
    }

    public ZxRights RightsOf(ZxHandle h)
    {
        Assert.Equal(ZxStatus.Ok, Sys.ObjectGetInfo(h, ZxInfoTopic.HandleBasic, out ZxInfoHandleBasic info));
        return info.Rights;
    }

    /// <summary>Asserts that live objects and handles are back to where the test started.</summary>
    /// <summary>The leak check for tests that ran threads: a thread that has reported ZX_TASK_TERMINATED may still
    /// be dropping its last reference on its host thread (as Zircon's thread reaper runs after the signal), so the
    /// counts get a few seconds to settle before they are compared.</summary>
    public void AssertNoLeaksAfterThreadsEnd()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while ((Kernel.LiveObjectCount != BaselineObjects || Kernel.FirstProcess.HandleCount != BaselineHandles) && DateTime.UtcNow < deadline)
            Thread.Sleep(1);
        AssertNoLeaks();
    }

    public void AssertNoLeaks()
    {
        Assert.Equal(BaselineObjects, Kernel.LiveObjectCount);
        Assert.Equal(BaselineHandles, Kernel.FirstProcess.HandleCount);
    }

    public void Dispose() => Kernel.Dispose();
}
