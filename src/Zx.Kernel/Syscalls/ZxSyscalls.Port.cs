using Zx.Kernel.Host;
using Zx.Kernel.Object;

namespace Zx.Kernel.Syscalls;

// Safety: pointer parameters are user memory, read and written only through UserCopy, which answers a fault.
public sealed unsafe partial class ZxSyscalls
{
    /// <summary><c>zx_port_create</c>. Errors: INVALID_ARGS (options), NO_MEMORY, INVALID_ARGS (bad out).</summary>
    public ZxStatus PortCreate(uint options, ZxHandle* @out)
    {
        ZxStatus allowed = EnforcePolicy(ZxJobPolicy.NewPort);
        if (allowed != ZxStatus.Ok)
            return allowed;
        if ((options & ~PortBindToInterrupt) != 0)
            return ZxStatus.InvalidArgs;
        return MakeHandleAndRelease(new PortDispatcher(Kernel, (options & PortBindToInterrupt) != 0), ZxDefaultRights.Port, @out);
    }

    /// <summary><c>zx_port_queue</c>: queues a user packet (its type becomes <c>ZX_PKT_TYPE_USER</c>).</summary>
    /// <remarks>Rights: WRITE. Errors: BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE, INVALID_ARGS (the packet cannot be
    /// read), SHOULD_WAIT (more than 2,048 packets are pending on the port).</remarks>
    public ZxStatus PortQueue(ZxHandle handle, ZxPortPacket* packet)
    {
        using Lookup<PortDispatcher> port = Process.BorrowDispatcherWithRights<PortDispatcher>(handle, ZxRights.Write);
        if (port.Failed)
            return port.Status;
        if (!UserCopy.TryRead(packet, out ZxPortPacket copy))
            return ZxStatus.InvalidArgs;
        copy.Type = ZxPacketTypes.User;
        return port.Object.Queue(copy);
    }

    /// <summary><c>zx_port_wait</c>: takes the oldest packet, waiting until the deadline.</summary>
    /// <remarks>Rights: READ. Errors: BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE, TIMED_OUT, INVALID_ARGS (the packet cannot
    /// be written: as in 2018, it is taken off the queue and lost).</remarks>
    public ZxStatus PortWait(ZxHandle handle, long deadline, ZxPortPacket* packet)
    {
        using Lookup<PortDispatcher> port = Process.BorrowDispatcherWithRights<PortDispatcher>(handle, ZxRights.Read);
        if (port.Failed)
            return port.Status;
        if (!port.Object.TryDequeueNow(out ZxPortPacket taken) && !WaitForPortPacket(port.Object, deadline, out taken))
            return ZxStatus.TimedOut;
        return CopyOut(packet, taken);
    }

    // The blocking half of zx_port_wait, a method of its own so that a wait that finds a packet queued creates no
    // closures (C# makes them on entry to the method that declares what they capture).
    private bool WaitForPortPacket(PortDispatcher port, long deadline, out ZxPortPacket taken) =>
        port.TryDequeue(() => TimeUntil(deadline), () => CallerAbandoned, out taken);

    /// <summary><c>zx_object_wait_async</c>: a signal packet with <paramref name="key"/> is queued on the port when
    /// the object's <paramref name="signals"/> are asserted: once (<c>ZX_WAIT_ASYNC_ONCE</c>), or each time they
    /// become asserted (<c>ZX_WAIT_ASYNC_REPEATING</c>).</summary>
    /// <remarks>Errors, in order: INVALID_ARGS (options), BAD_HANDLE/ACCESS_DENIED (WRITE)/WRONG_TYPE for the
    /// port, BAD_HANDLE/ACCESS_DENIED (WAIT) for the object, NOT_SUPPORTED (no signals). Closing the handle
    /// cancels the wait.</remarks>
    public ZxStatus ObjectWaitAsync(ZxHandle handle, ZxHandle portHandle, ulong key, ZxSignals signals, uint options)
    {
        if (options != ZxPacketTypes.WaitAsyncOnce && options != ZxPacketTypes.WaitAsyncRepeating)
            return ZxStatus.InvalidArgs;
        using Lookup<PortDispatcher> port = Process.GetDispatcherWithRights<PortDispatcher>(portHandle, ZxRights.Write);
        if (port.Failed)
            return port.Status;
        using Lookup<Dispatcher> target = Process.GetDispatcherWithRights<Dispatcher>(handle, ZxRights.Wait);
        if (target.Failed)
            return target.Status;
        if (!target.Object.HasStateTracker)
            return ZxStatus.NotSupported;
        if (Kernel.Faults.ShouldFail())
            return ZxStatus.NoMemory;
        target.Object.AddObserver(new AsyncObserver(port.Object, Process, handle, key, signals, options == ZxPacketTypes.WaitAsyncRepeating));
        return ZxStatus.Ok;
    }

    /// <summary><c>zx_port_cancel</c>: cancels the asynchronous waits with <paramref name="key"/> made through
    /// <paramref name="source"/> on this port, and drops their queued packets.</summary>
    /// <remarks>Rights: WRITE on the port. Errors: BAD_HANDLE/ACCESS_DENIED/WRONG_TYPE for the port, BAD_HANDLE
    /// for the source, NOT_FOUND when nothing was canceled.</remarks>
    public ZxStatus PortCancel(ZxHandle portHandle, ZxHandle source, ulong key)
    {
        using Lookup<PortDispatcher> port = Process.GetDispatcherWithRights<PortDispatcher>(portHandle, ZxRights.Write);
        if (port.Failed)
            return port.Status;
        using Lookup<Dispatcher> target = Process.GetDispatcher<Dispatcher>(source);
        if (target.Failed)
            return target.Status;
        PortDispatcher p = port.Object;
        ProcessDispatcher process = Process;
        bool Matches(AsyncObserver o) => o.Port == p && o.Key == key && o.Process == process && o.Handle == source;
        int canceled = target.Object.RemoveObservers(Matches) + p.RemoveQueued(Matches);
        return canceled > 0 ? ZxStatus.Ok : ZxStatus.NotFound;
    }
}
