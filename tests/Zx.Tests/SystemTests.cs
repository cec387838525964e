namespace Zx.Tests;

/// <summary>The small 2018 syscalls on the managed surface: ticks, system information, the random number
/// generator.</summary>
// Safety: the pointers are to the test's own locals and arrays, or bad user addresses the kernel must refuse.
public sealed unsafe class SystemTests
{
    [Fact]
    public void TicksAndSystemInformation()
    {
        using var k = new TestKernel();
        Assert.Equal(1_000_000_000UL, k.Sys.TicksPerSecond());
        ulong t0 = k.Sys.TicksGet();
        long mono = k.Sys.ClockGetMonotonic();
        ulong t1 = k.Sys.TicksGet();
        Assert.InRange(mono, (long)t0, (long)t1);
        Assert.Equal(k.Kernel.Board.RamBytes, k.Sys.SystemGetPhysmem());
        Assert.Equal((uint)Environment.ProcessorCount, k.Sys.SystemGetNumCpus());
        Assert.Equal(64u, k.Sys.SystemGetDcacheLineSize());
        Span<byte> version = stackalloc byte[64];
        Assert.Equal(ZxStatus.BufferTooSmall, k.Sys.SystemGetVersion(version[..20]));
        Assert.Equal(ZxStatus.Ok, k.Sys.SystemGetVersion(version[..21])); // the string and its NUL exactly
        Assert.Equal(Zx.Kernel.Syscalls.ZxSyscalls.VersionString, System.Text.Encoding.ASCII.GetString(version[..20]));
        Assert.Equal(0, version[20]);
        long now;
        Assert.Equal(ZxStatus.Ok, k.Sys.ClockGetNew(0, &now));
        Assert.True(now > 0);
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.ClockGetNew(3, &now));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.ClockGetNew(0, (long*)8));
    }

    [Fact]
    public void TheRandomNumberGeneratorTakesAtMost256BytesAtATime()
    {
        using var k = new TestKernel();
        var a = new byte[256];
        var b = new byte[256];
        Assert.Equal(ZxStatus.Ok, k.Sys.CprngDrawNew(a));
        Assert.Equal(ZxStatus.Ok, k.Sys.CprngDrawNew(b));
        Assert.NotEqual(a, b);
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.CprngDrawNew(new byte[257]));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.CprngDrawNew((byte*)16, 4));
        Assert.Equal(ZxStatus.Ok, k.Sys.CprngAddEntropy(a));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.CprngAddEntropy(new byte[257]));
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.CprngAddEntropy((byte*)16, 4));
        k.AssertNoLeaks();
    }

    [Fact]
    public void CacheFlushChecksOnlyItsOptions()
    {
        using var k = new TestKernel();
        foreach (uint ok in new uint[] { 1, 2, 6, 3, 7 })
            Assert.Equal(ZxStatus.Ok, k.Sys.CacheFlush((byte*)0x1000, 64, ok)); // the range is not touched
        foreach (uint bad in new uint[] { 0, 4, 5, 8, 0xffff_ffff })
            Assert.Equal(ZxStatus.InvalidArgs, k.Sys.CacheFlush(null, 64, bad));
    }

    [Fact]
    public void ClockAdjustSetsTheUtcOffset()
    {
        using var k = new TestKernel();
        long hostUtc = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
        Assert.InRange(k.Sys.ClockGet(1) - hostUtc, -1_000_000_000L, 1_000_000_000L); // the host's UTC at boot
        Assert.Equal(ZxStatus.Ok, k.Sys.ClockAdjust(k.Root, 1, 5_000_000_000));
        long offset = k.Sys.ClockGet(1) - k.Sys.ClockGetMonotonic();
        Assert.InRange(offset, 4_900_000_000L, 5_100_000_000L);
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.ClockAdjust(k.Root, 0, 0));
        Assert.Equal(ZxStatus.AccessDenied, k.Sys.ClockAdjust(k.Root, 2, 0));
    }

    [Fact]
    public void FeaturesFollowTheHostArchitecture()
    {
        using var k = new TestKernel();
        uint features = 7;
        ZxStatus expected = System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.Arm64
            ? ZxStatus.Ok : ZxStatus.NotSupported;
        Assert.Equal(expected, k.Sys.SystemGetFeatures(0, &features));
        Assert.Equal(ZxStatus.NotSupported, k.Sys.SystemGetFeatures(1, &features));
    }

    [Fact]
    public void ProfilesAppliedAndClosedLeaveNothing()
    {
        using var k = new TestKernel();
        long baseline = k.Kernel.LiveObjectCount;
        var info = new ZxProfileInfo { Type = ZxProfileInfo.TypeScheduler, Priority = 24 };
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.ProfileCreate(k.Root, &info, (ZxHandle*)8)); // a bad out: nothing made
        Assert.Equal(baseline, k.Kernel.LiveObjectCount);
        Assert.Equal(ZxStatus.Ok, k.Sys.ProfileCreate(k.Root, in info, out ZxHandle profile));
        Assert.Equal(ZxStatus.Ok, k.Sys.ThreadCreate(k.Kernel.FirstProcess.SelfHandle, "p"u8, 0, out ZxHandle thread));
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectSetProfile(thread, profile, 0));
        k.Sys.HandleCloseMany([profile, thread]);
        k.AssertNoLeaks();
    }
}
