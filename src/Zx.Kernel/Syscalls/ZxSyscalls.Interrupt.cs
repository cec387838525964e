using Zx.Kernel.Concurrency;
using Zx.Kernel.Host;
using Zx.Kernel.Object;

namespace Zx.Kernel.Syscalls;

// Safety: pointer parameters are user memory, written only through UserCopy, which answers a fault.
public sealed unsafe partial class ZxSyscalls
{
    /// <summary><c>ZX_PORT_BIND_TO_INTERRUPT</c>: a <c>zx_port_create</c> option.</summary>
    public const uint PortBindToInterrupt = 1;

    /// <summary><c>ZX_INTERRUPT_REMAP_IRQ</c>.</summary>
    public const uint InterruptRemapIrq = 0x1;

    /// <summary><c>ZX_INTERRUPT_MODE_MASK</c>.</summary>
    public const uint InterruptModeMask = 0xe;

    /// <summary><c>ZX_INTERRUPT_MODE_LEVEL_HIGH</c>, the last mode 2018 knew.</summary>
    public const uint InterruptModeLevelHigh = 4u << 1;

    /// <summary><c>ZX_INTERRUPT_VIRTUAL</c>.</summary>
    public const uint InterruptVirtual = 0x10;

    /// <summary><c>zx_interrupt_create</c> (late 2018): a virtual interrupt (<c>ZX_INTERRUPT_VIRTUAL</c>, no resource),
    /// or one for board IRQ <paramref name="vector"/> under an IRQ (or root) resource.</summary>
    /// <remarks>Order: for a board IRQ the resource first (BAD_HANDLE, WRONG_TYPE, OUT_OF_RANGE outside its range);
    /// INVALID_ARGS for options other than exactly VIRTUAL (virtual) or REMAP and a mode up to LEVEL_HIGH, and for a
    /// vector no board range holds; ALREADY_BOUND while another interrupt holds the vector; NO_MEMORY; INVALID_ARGS
    /// for a bad out pointer (the interrupt goes again). Rights: <c>ZX_DEFAULT_INTERRUPT_RIGHTS</c>.</remarks>
    public ZxStatus InterruptCreate(ZxHandle resource, uint vector, uint options, ZxHandle* @out)
    {
        bool isVirtual = (options & InterruptVirtual) != 0;
        if (!isVirtual)
        {
            ZxStatus status = Process.ValidateRangedResource(resource, ZxResourceKind.Irq, vector, 1);
            if (status != ZxStatus.Ok)
                return status;
        }
        if (isVirtual ? options != InterruptVirtual
            : (options & ~(InterruptRemapIrq | InterruptModeMask)) != 0 || (options & InterruptModeMask) > InterruptModeLevelHigh)
            return ZxStatus.InvalidArgs;
        if (!isVirtual && !Kernel.Board.Interrupts.Any(r => vector >= r.Base && vector - r.Base < r.Count))
            return ZxStatus.InvalidArgs; // 2018's is_valid_interrupt
        if (Kernel.Faults.ShouldFail())
            return ZxStatus.NoMemory;
        Result<InterruptDispatcher> created = isVirtual ? InterruptDispatcher.CreateVirtual(Kernel) : InterruptDispatcher.CreateForVector(Kernel, vector);
        if (created.Failed)
            return created.Status;
        return MakeHandleAndRelease(created.Value, ZxDefaultRights.Interrupt, @out);
    }

    /// <summary><c>zx_interrupt_bind</c>: the interrupt's packets go to <paramref name="port"/> with
    /// <paramref name="key"/>.</summary>
    /// <remarks>Order: INVALID_ARGS for options; the interrupt (READ), the port (WRITE); WRONG_TYPE for a port made
    /// without ZX_PORT_BIND_TO_INTERRUPT; CANCELED once destroyed, ALREADY_BOUND, BAD_STATE while a thread waits.</remarks>
    public ZxStatus InterruptBind(ZxHandle handle, ZxHandle port, ulong key, uint options)
    {
        if (options != 0)
            return ZxStatus.InvalidArgs;
        using Lookup<InterruptDispatcher> interrupt = Process.GetDispatcherWithRights<InterruptDispatcher>(handle, ZxRights.Read);
        if (interrupt.Failed)
            return interrupt.Status;
        using Lookup<PortDispatcher> target = Process.GetDispatcherWithRights<PortDispatcher>(port, ZxRights.Write);
        if (target.Failed)
            return target.Status;
        if (!target.Object.CanBindToInterrupt)
            return ZxStatus.WrongType;
        return interrupt.Object.Bind(target.Object, key);
    }

    /// <summary><c>zx_interrupt_wait</c>: blocks (BLOCKED_INTERRUPT) until the interrupt fires, then gives its time.</summary>
    /// <remarks>Rights: WAIT. Errors: BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE, BAD_STATE (bound to a port), CANCELED
    /// (destroyed, before or during the wait), INVALID_ARGS (a bad out pointer, after the interrupt was taken).</remarks>
    public ZxStatus InterruptWait(ZxHandle handle, long* timestamp)
    {
        // Borrowed (no reference): a destroyed interrupt ends the wait with CANCELED, and its latch frees nothing.
        using Lookup<InterruptDispatcher> interrupt = Process.BorrowDispatcherWithRights<InterruptDispatcher>(handle, ZxRights.Wait);
        if (interrupt.Failed)
            return interrupt.Status;
        ZxStatus status = interrupt.Object.Wait(() => Deadline.IsAbandoned(Process), out long when);
        return status == ZxStatus.Ok ? CopyOutIfWanted(timestamp, when, ZxStatus.Ok) : status;
    }

    /// <summary><c>zx_interrupt_destroy</c>: ends the interrupt (a waiter gets CANCELED); NOT_FOUND when a packet was
    /// read from its port and not acknowledged.</summary>
    /// <remarks>Rights: none. Errors: BAD_HANDLE, WRONG_TYPE, NOT_FOUND.</remarks>
    public ZxStatus InterruptDestroy(ZxHandle handle)
    {
        using Lookup<InterruptDispatcher> interrupt = Process.GetDispatcher<InterruptDispatcher>(handle);
        return interrupt.Failed ? interrupt.Status : interrupt.Object.Destroy();
    }

    /// <summary><c>zx_interrupt_ack</c>: after a packet on the bound port, lets the next interrupt queue one.</summary>
    /// <remarks>Rights: WRITE. Errors: BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE, BAD_STATE (not bound), CANCELED.</remarks>
    public ZxStatus InterruptAck(ZxHandle handle)
    {
        using Lookup<InterruptDispatcher> interrupt = Process.GetDispatcherWithRights<InterruptDispatcher>(handle, ZxRights.Write);
        return interrupt.Failed ? interrupt.Status : interrupt.Object.Ack();
    }

    /// <summary><c>zx_interrupt_trigger</c>: fires a virtual interrupt with <paramref name="timestamp"/>.</summary>
    /// <remarks>Order: INVALID_ARGS for options; rights SIGNAL (BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE); BAD_STATE for a
    /// board interrupt; CANCELED once destroyed.</remarks>
    public ZxStatus InterruptTrigger(ZxHandle handle, uint options, long timestamp)
    {
        if (options != 0)
            return ZxStatus.InvalidArgs;
        // Borrowed, as zx_object_signal is: a trigger racing with the last close behaves as if it came just after.
        using Lookup<InterruptDispatcher> interrupt = Process.BorrowDispatcherWithRights<InterruptDispatcher>(handle, ZxRights.Signal);
        return interrupt.Failed ? interrupt.Status : interrupt.Object.Trigger(timestamp);
    }
}
