using System.Collections.Concurrent;

namespace Zx.Tests;

/// <summary>Concurrency stress: threads race duplicate, close, map, unmap, read, write, wait, signal, channel write
/// and read, and process creation and kill on shared objects, bounded in count and time. Every status must be one
/// the syscall can give; a watchdog fails the test instead of letting it hang; afterwards live objects, handles,
/// committed memory and the host mappings inside the process's address space are back to their baseline.</summary>
// Safety: the pointers are to the test's own pinned arrays and locals, or are bad user addresses the kernel must refuse.
[Collection("host mappings")]
public sealed unsafe class StressTests
{
    private const ulong Page = ZxConstants.PageSize;
    private const int Threads = 4;
    private const int Iterations = 25_000;

    [Fact]
    public void RacingSyscallsOnSharedObjectsLeaveNothingBehind()
    {
        using var k = new TestKernel();
        long objects = k.Kernel.LiveObjectCount;
        int handles = k.Kernel.FirstProcess.HandleCount;
        ulong pages = k.Kernel.AllocatedPages;
        int hostMappings = HostMappingsInAddressSpace(k);

        ZxHandle vmo = k.Vmo(4 * Page);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreatePhysical(k.Root, TestKernel.Uart, Page, out ZxHandle physical));
        Assert.Equal(ZxStatus.Ok, k.Sys.EventCreate(0, out ZxHandle ev));
        Assert.Equal(ZxStatus.Ok, k.Sys.ChannelCreate(0, out ZxHandle left, out ZxHandle right));
        // Handles that threads close and replace under each other's feet.
        var slots = new uint[8];
        for (int i = 0; i < slots.Length; i++)
            slots[i] = k.Duplicate(ev, ZxRights.SameRights).Value;

        var unexpected = new ConcurrentBag<string>();
        long operations = 0;
        void Expect(string op, ZxStatus status, params ZxStatus[] allowed)
        {
            if (status != ZxStatus.Ok && Array.IndexOf(allowed, status) < 0)
                unexpected.Add($"{op}: {status}");
        }

        void Worker(int seed)
        {
            var random = new Random(seed);
            byte[] buffer = new byte[64];
            var received = new ZxHandle[1];
            for (int i = 0; i < Iterations; i++)
            {
                int slot = random.Next(slots.Length);
                switch (random.Next(10))
                {
                    case 0:
                        Expect("duplicate+close", k.Sys.HandleDuplicate(vmo, ZxRights.SameRights, out ZxHandle d));
                        Expect("close", k.Sys.HandleClose(d));
                        break;
                    case 1:
                    {
                        // Replace a shared slot: whoever used the old value now gets BAD_HANDLE (or, once the slot
                        // is reused, some other handle of this process: handles are capabilities, not names).
                        Expect("duplicate", k.Sys.HandleDuplicate(ev, ZxRights.SameRights, out ZxHandle fresh));
                        uint old = Interlocked.Exchange(ref slots[slot], fresh.Value);
                        Expect("close slot", k.Sys.HandleClose(new ZxHandle(old)), ZxStatus.BadHandle);
                        break;
                    }
                    case 2:
                    {
                        ZxHandle target = random.Next(2) == 0 ? vmo : physical;
                        Expect("map", k.Sys.VmarMap(k.Kernel.FirstProcess.RootVmar, ZxVmOptions.PermRead | ZxVmOptions.PermWrite, 0, target, 0, Page, out ulong a));
                        Volatile.Write(ref *(byte*)a, (byte)i); // a real store into the mapping
                        Expect("unmap", k.Sys.VmarUnmap(k.Kernel.FirstProcess.RootVmar, a, Page));
                        break;
                    }
                    case 3:
                        Expect("write", k.Sys.VmoWrite(vmo, buffer, (ulong)random.Next(4) * Page));
                        Expect("read", k.Sys.VmoRead(vmo, buffer, (ulong)random.Next(4) * Page));
                        break;
                    case 4:
                        Expect("signal", k.Sys.ObjectSignal(new ZxHandle(Volatile.Read(ref slots[slot])), 0, (uint)ZxSignals.User0),
                            ZxStatus.BadHandle, ZxStatus.WrongType, ZxStatus.AccessDenied, ZxStatus.InvalidArgs);
                        break;
                    case 5:
                        Expect("wait", k.Sys.ObjectWaitOne(new ZxHandle(Volatile.Read(ref slots[slot])), ZxSignals.User0 | ZxSignals.User1,
                            k.Sys.DeadlineAfter(200_000), out _), ZxStatus.BadHandle, ZxStatus.TimedOut, ZxStatus.Canceled, ZxStatus.AccessDenied);
                        break;
                    case 6:
                    {
                        ZxHandle attached = k.Duplicate(vmo, ZxRights.SameRights);
                        Expect("channel write", k.Sys.ChannelWrite(left, 0, buffer, [attached]), ZxStatus.NoMemory);
                        break;
                    }
                    case 7:
                    {
                        ZxStatus s = k.Sys.ChannelRead(right, 0, buffer, received, out _, out uint count);
                        Expect("channel read", s, ZxStatus.ShouldWait);
                        if (s == ZxStatus.Ok && count == 1)
                            Expect("close received", k.Sys.HandleClose(received[0]));
                        break;
                    }
                    case 8:
                    {
                        // A process whose thread blocks in a wait, killed while it waits.
                        if (i % 40 != 0)
                            break;
                        Expect("process", k.Sys.ProcessCreate(k.Kernel.FirstProcess.DefaultJob, "victim"u8, 0, out ZxHandle p, out ZxHandle pv));
                        Expect("thread", k.Sys.ThreadCreate(p, "t"u8, 0, out ZxHandle t));
                        Expect("event", k.Sys.EventCreate(0, out ZxHandle blocker));
                        Expect("start", k.Sys.ProcessStart(p, t, blocker, (self, h) =>
                            self.Syscalls.ObjectWaitOne(h, ZxSignals.User0, ZxConstants.TimeInfinite, out _)));
                        Expect("kill", k.Sys.TaskKill(p));
                        Expect("terminated", k.Sys.ObjectWaitOne(t, ZxSignals.TaskTerminated, k.Sys.DeadlineAfter(10_000_000_000), out _));
                        k.Sys.HandleCloseMany([p, pv, t]);
                        break;
                    }
                    default:
                        Expect("signal event", k.Sys.ObjectSignal(ev, (uint)ZxSignals.User0, (uint)ZxSignals.User1));
                        Expect("clear event", k.Sys.ObjectSignal(ev, (uint)ZxSignals.User1, 0));
                        break;
                }
                Interlocked.Increment(ref operations);
            }
        }

        Thread[] threads = [.. Enumerable.Range(0, Threads).Select(i => new Thread(() => Worker(1000 + i)) { IsBackground = true })];
        foreach (Thread t in threads)
            t.Start();
        var watchdog = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        bool finished = threads.All(t => t.Join(watchdog - DateTime.UtcNow is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero));
        Assert.True(finished, $"watchdog: the racing threads did not finish in 120 s ({Interlocked.Read(ref operations)} operations done): a deadlock");
        Assert.Empty(unexpected);
        Assert.Equal(Threads * Iterations, Interlocked.Read(ref operations));

        // Drain what is still queued, close what the test made, and compare with the baseline.
        var leftover = new ZxHandle[1];
        while (k.Sys.ChannelRead(right, 0, new byte[64], leftover, out _, out uint n) == ZxStatus.Ok)
        {
            if (n == 1)
                k.Sys.HandleClose(leftover[0]);
        }
        k.Sys.HandleCloseMany([vmo, physical, ev, left, right]);
        foreach (uint value in slots)
            k.Sys.HandleClose(new ZxHandle(value));
        k.AssertNoLeaksAfterThreadsEnd();
        Assert.Equal(objects, k.Kernel.LiveObjectCount);
        Assert.Equal(handles, k.Kernel.FirstProcess.HandleCount);
        Assert.Equal(pages, k.Kernel.AllocatedPages);
        Assert.Equal(hostMappings, HostMappingsInAddressSpace(k));
        File.WriteAllText(Path.Combine(NativeBuild.ResultsDirectory, "stress.txt"), $"{Threads * Iterations} racing operations on {Threads} threads\n");
    }

    /// <summary>Accessible host mappings inside the first process's address-space reservation.</summary>
    private static int HostMappingsInAddressSpace(TestKernel k)
    {
        Zx.Kernel.Vm.VmAddressRegion root = k.Kernel.FirstProcess.Dispatcher.Aspace.Root;
        ulong start = root.Base, end = root.Base + root.Size;
        return HostMaps.Regions().Count(r => r.Start >= start && r.End <= end && r.Accessible);
    }
    /// <summary>A resize remaps every mapping of its VMO while holding only that VMO's lock; a map of another VMO in
    /// the same process holds the address space's lock. They once shared one list of physical runs, so a map racing a
    /// resize could map the other VMO's frames. Every page of every mapping made here must show its own VMO's bytes.</summary>
    [Fact]
    public void ResizingOneVmoWhileMappingAnotherMapsEveryPageToItsOwnFrames()
    {
        using var k = new TestKernel();
        ZxHandle root = k.Kernel.FirstProcess.RootVmar;
        const int pages = 16;
        ZxHandle resized = k.Vmo(pages * Page);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarMap(root, ZxVmOptions.PermRead | ZxVmOptions.PermWrite, 0, resized, 0, pages * Page, out ulong resizedAt));
        var buffer = new byte[Page];
        Array.Fill(buffer, (byte)0xEE);
        for (ulong p = 0; p < pages; p++)
            Assert.Equal(ZxStatus.Ok, k.Sys.VmoWrite(resized, buffer, p * Page));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        int resizes = 0;
        var resizer = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                k.Sys.VmoSetSize(resized, (ulong)(1 + resizes % pages) * Page);
                k.Sys.VmoSetSize(resized, pages * Page);
                Interlocked.Increment(ref resizes);
            }
        });
        resizer.Start();
        var wrong = new List<string>();
        try
        {
            for (int round = 0; round < 1500 && wrong.Count == 0; round++)
            {
                byte tag = (byte)(1 + round % 200);
                ZxHandle vmo = k.Vmo(4 * Page);
                Array.Fill(buffer, tag);
                for (ulong p = 0; p < 4; p++)
                    Assert.Equal(ZxStatus.Ok, k.Sys.VmoWrite(vmo, buffer, p * Page));
                Assert.Equal(ZxStatus.Ok, k.Sys.VmarMap(root, ZxVmOptions.PermRead, 0, vmo, 0, 4 * Page, out ulong at));
                for (ulong p = 0; p < 4; p++)
                {
                    byte seen = *(byte*)(at + p * Page + 123);
                    if (seen != tag)
                        wrong.Add($"round {round}, page {p}: {seen:x2} instead of {tag:x2}");
                }
                Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(root, at, 4 * Page));
                k.Sys.HandleClose(vmo);
            }
        }
        finally
        {
            stop.Cancel();
            Assert.True(resizer.Join(TimeSpan.FromSeconds(30)));
        }
        Assert.Empty(wrong);
        Assert.True(resizes > 0);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(root, resizedAt, pages * Page));
        k.Sys.HandleClose(resized);
        k.AssertNoLeaks();
    }
}
