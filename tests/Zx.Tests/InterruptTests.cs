using Zx.Kernel.Syscalls;

namespace Zx.Tests;

/// <summary>Interrupts from the managed side: a device's line (<see cref="Zx.Kernel.KernelContext.RaiseInterrupt"/>, what a
/// device model calls) reaching a board interrupt waited on directly and one bound to a port, and what an interrupt
/// leaves behind. The C suite (interrupt_test.c) covers the syscalls' statuses and rights.</summary>
public sealed unsafe class InterruptTests
{
    [Fact]
    public void ADevicesLineWakesTheWaiterOfItsVector()
    {
        using var k = new TestKernel();
        Assert.False(k.Kernel.RaiseInterrupt(33)); // nobody holds the vector yet
        Assert.Equal(ZxStatus.Ok, k.Sys.InterruptCreate(k.Root, 33, 0, out ZxHandle interrupt));
        long when = 0;
        ZxStatus waited = ZxStatus.Internal;
        var waiter = new Thread(() => waited = k.Sys.InterruptWait(interrupt, out when));
        waiter.Start();
        Thread.Sleep(50);
        long before = k.Sys.ClockGetMonotonic();
        Assert.True(k.Kernel.RaiseInterrupt(33));
        Assert.True(waiter.Join(TimeSpan.FromSeconds(10)));
        Assert.Equal(ZxStatus.Ok, waited);
        Assert.InRange(when, before, k.Sys.ClockGetMonotonic());
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(interrupt));
        Assert.False(k.Kernel.RaiseInterrupt(33)); // the last handle gave the vector up
        k.AssertNoLeaks();
    }

    [Fact]
    public void ADevicesLineQueuesOnePacketOnTheBoundPortUntilAcked()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.InterruptCreate(k.Root, 34, ZxSyscalls.InterruptModeLevelHigh, out ZxHandle interrupt));
        Assert.Equal(ZxStatus.Ok, k.Sys.PortCreate(ZxSyscalls.PortBindToInterrupt, out ZxHandle port));
        Assert.Equal(ZxStatus.Ok, k.Sys.InterruptBind(interrupt, port, 0x34, 0));
        Assert.True(k.Kernel.RaiseInterrupt(34));
        Assert.True(k.Kernel.RaiseInterrupt(34)); // before the ack: remembered, not queued
        Assert.Equal(ZxStatus.Ok, k.Sys.PortWait(port, 0, out ZxPortPacket packet));
        Assert.Equal(0x34UL, packet.Key);
        Assert.Equal(ZxPacketTypes.Interrupt, packet.Type);
        Assert.Equal(ZxStatus.TimedOut, k.Sys.PortWait(port, 0, out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.InterruptAck(interrupt));
        Assert.Equal(ZxStatus.Ok, k.Sys.PortWait(port, 0, out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.InterruptAck(interrupt));
        Assert.Equal(ZxStatus.Ok, k.Sys.InterruptDestroy(interrupt));
        k.Sys.HandleCloseMany([interrupt, port]);
        k.AssertNoLeaks();
    }

    /// <summary>zx_interrupt_wait and zx_interrupt_trigger borrow the object (no reference, decision 108): closing the
    /// last handle while a thread waits destroys the interrupt and ends the wait with CANCELED, and triggers racing
    /// with that close answer OK, CANCELED or BAD_HANDLE, never anything else.</summary>
    [Fact]
    public void ClosingTheLastHandleOfAWaitedInterruptCancelsTheBorrowedWait()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.InterruptCreate(ZxHandle.Invalid, 0, ZxSyscalls.InterruptVirtual, out ZxHandle alone));
        ZxStatus ended = ZxStatus.Internal;
        var sleeper = new Thread(() => ended = k.Sys.InterruptWait(alone, out _));
        sleeper.Start();
        Thread.Sleep(50); // past the spin: the waiter sleeps on the latch
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(alone));
        Assert.True(sleeper.Join(TimeSpan.FromSeconds(10)));
        Assert.Equal(ZxStatus.Canceled, ended);
        for (int round = 0; round < 50; round++)
        {
            Assert.Equal(ZxStatus.Ok, k.Sys.InterruptCreate(ZxHandle.Invalid, 0, ZxSyscalls.InterruptVirtual, out ZxHandle interrupt));
            ZxStatus waited = ZxStatus.Internal;
            var waiter = new Thread(() => waited = k.Sys.InterruptWait(interrupt, out _));
            var statuses = new System.Collections.Concurrent.ConcurrentBag<ZxStatus>();
            var trigger = new Thread(() =>
            {
                for (int i = 0; i < 200; i++)
                    statuses.Add(k.Sys.InterruptTrigger(interrupt, 0, 1));
            });
            waiter.Start();
            trigger.Start();
            Thread.Sleep(round % 3);
            Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(interrupt));
            Assert.True(waiter.Join(TimeSpan.FromSeconds(10)));
            Assert.True(trigger.Join(TimeSpan.FromSeconds(10)));
            Assert.Contains(waited, new[] { ZxStatus.Ok, ZxStatus.Canceled, ZxStatus.BadHandle });
            Assert.All(statuses, s => Assert.Contains(s, new[] { ZxStatus.Ok, ZxStatus.Canceled, ZxStatus.BadHandle }));
        }
        k.AssertNoLeaks();
    }
}
