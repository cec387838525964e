using Zx.Kernel;

namespace Zx;

/// <summary>One end of a socket (lib/zx's <c>zx::socket</c>): a byte stream or datagrams, both ways.</summary>
public sealed class Socket : Handle
{
    /// <summary>Takes ownership of a raw socket handle.</summary>
    public Socket(ProcessContext process, ZxHandle raw) : base(process, raw) { }

    /// <summary><c>zx_socket_create</c>: both ends; <paramref name="options"/> are <see cref="ZxSocket"/>'s.</summary>
    public static (Socket First, Socket Second) Create(ProcessContext process, uint options = ZxSocket.Stream)
    {
        ArgumentNullException.ThrowIfNull(process);
        ZxException.ThrowIfFailed(process.Syscalls.SocketCreate(options, out ZxHandle a, out ZxHandle b), "zx_socket_create");
        return (new(process, a), new(process, b));
    }

    /// <summary><c>zx_socket_write</c>: how many bytes went (a stream takes what fits).</summary>
    public int Write(ReadOnlySpan<byte> bytes)
    {
        ZxException.ThrowIfFailed(TryWrite(bytes, out int written), "zx_socket_write");
        return written;
    }

    /// <summary><c>zx_socket_write</c> without exceptions.</summary>
    public ZxStatus TryWrite(ReadOnlySpan<byte> bytes, out int written)
    {
        ZxStatus status = Sys.SocketWrite(Raw, 0, bytes, out nuint actual);
        written = (int)actual;
        return status;
    }

    /// <summary><c>zx_socket_read</c>: how many bytes came (SHOULD_WAIT when none wait: wait for READABLE).</summary>
    public int Read(Span<byte> buffer)
    {
        ZxException.ThrowIfFailed(TryRead(buffer, out int read), "zx_socket_read");
        return read;
    }

    /// <summary><c>zx_socket_read</c> without exceptions.</summary>
    public ZxStatus TryRead(Span<byte> buffer, out int read)
    {
        ZxStatus status = Sys.SocketRead(Raw, 0, buffer, out nuint actual);
        read = (int)actual;
        return status;
    }

    /// <summary><c>zx_socket_shutdown</c> (<see cref="ZxSocket.ShutdownWrite"/>, <see cref="ZxSocket.ShutdownRead"/>).</summary>
    public void Shutdown(uint options) => ZxException.ThrowIfFailed(Sys.SocketShutdown(Raw, options), "zx_socket_shutdown");

    /// <summary>Borrows the handle.</summary>
    public new Unowned<Socket> Borrow() => new(this);
}

/// <summary>One end of a FIFO (lib/zx's <c>zx::fifo</c>): fixed-size elements, both ways.</summary>
public sealed class Fifo : Handle
{
    /// <summary>Takes ownership of a raw FIFO handle.</summary>
    public Fifo(ProcessContext process, ZxHandle raw, int elementSize) : base(process, raw) => ElementSize = elementSize;

    /// <summary>The size of one element in bytes.</summary>
    public int ElementSize { get; }

    /// <summary><c>zx_fifo_create</c>: both ends, each holding up to <paramref name="elementCount"/> elements.</summary>
    public static (Fifo First, Fifo Second) Create(ProcessContext process, int elementCount, int elementSize)
    {
        ArgumentNullException.ThrowIfNull(process);
        ZxException.ThrowIfFailed(process.Syscalls.FifoCreate((nuint)elementCount, (nuint)elementSize, out ZxHandle a, out ZxHandle b), "zx_fifo_create");
        return (new(process, a, elementSize), new(process, b, elementSize));
    }

    /// <summary><c>zx_fifo_write</c> of whole elements; how many went.</summary>
    public int Write(ReadOnlySpan<byte> elements)
    {
        ZxException.ThrowIfFailed(Sys.FifoWrite(Raw, (nuint)ElementSize, elements, out nuint actual), "zx_fifo_write");
        return (int)actual;
    }

    /// <summary><c>zx_fifo_read</c> into whole elements; how many came.</summary>
    public int Read(Span<byte> elements)
    {
        ZxException.ThrowIfFailed(Sys.FifoRead(Raw, (nuint)ElementSize, elements, out nuint actual), "zx_fifo_read");
        return (int)actual;
    }

    /// <summary>Borrows the handle.</summary>
    public new Unowned<Fifo> Borrow() => new(this);
}

/// <summary>A timer (lib/zx's <c>zx::timer</c>; named <c>ZxTimer</c> so that it never clashes with
/// <see cref="System.Threading.Timer"/>): SIGNALED at its deadline.</summary>
public sealed class ZxTimer : Handle
{
    /// <summary>Takes ownership of a raw timer handle.</summary>
    public ZxTimer(ProcessContext process, ZxHandle raw) : base(process, raw) { }

    /// <summary><c>zx_timer_create</c> on the monotonic clock.</summary>
    public static ZxTimer Create(ProcessContext process)
    {
        ArgumentNullException.ThrowIfNull(process);
        return new(process, Created(process.Syscalls.TimerCreate(0, 0, out ZxHandle raw), raw, "zx_timer_create"));
    }

    /// <summary><c>zx_timer_set</c> to <paramref name="delay"/> from now, with <paramref name="slack"/>.</summary>
    public void Set(TimeSpan delay, TimeSpan slack = default) =>
        ZxException.ThrowIfFailed(Sys.TimerSet(Raw, DeadlineAfter(delay), (long)slack.TotalNanoseconds), "zx_timer_set");

    /// <summary><c>zx_timer_cancel</c>.</summary>
    public void Cancel() => ZxException.ThrowIfFailed(Sys.TimerCancel(Raw), "zx_timer_cancel");

    /// <summary>Borrows the handle.</summary>
    public new Unowned<ZxTimer> Borrow() => new(this);
}

/// <summary>An interrupt (lib/zx's <c>zx::interrupt</c>): a board IRQ a device model raises, or a virtual one.</summary>
public sealed class Interrupt : Handle
{
    /// <summary>Takes ownership of a raw interrupt handle.</summary>
    public Interrupt(ProcessContext process, ZxHandle raw) : base(process, raw) { }

    /// <summary><c>zx_interrupt_create</c> with <c>ZX_INTERRUPT_VIRTUAL</c>.</summary>
    public static Interrupt CreateVirtual(ProcessContext process)
    {
        ArgumentNullException.ThrowIfNull(process);
        return new(process, Created(process.Syscalls.InterruptCreate(ZxHandle.Invalid, 0, Kernel.Syscalls.ZxSyscalls.InterruptVirtual, out ZxHandle raw),
            raw, "zx_interrupt_create"));
    }

    /// <summary><c>zx_interrupt_create</c> for board IRQ <paramref name="vector"/>, through a ROOT or IRQ resource.</summary>
    public static Interrupt Create(Unowned<Resource> resource, uint vector, uint options = 0)
    {
        ProcessContext process = resource.Value.Process;
        return new(process, Created(process.Syscalls.InterruptCreate(resource.Raw, vector, options, out ZxHandle raw), raw, "zx_interrupt_create"));
    }

    /// <summary><c>zx_interrupt_wait</c>: blocks until the interrupt fires; its time (acknowledges the last one).</summary>
    public long WaitForInterrupt()
    {
        ZxException.ThrowIfFailed(Sys.InterruptWait(Raw, out long timestamp), "zx_interrupt_wait");
        return timestamp;
    }

    /// <summary><c>zx_interrupt_trigger</c> of a virtual interrupt.</summary>
    public void Trigger(long timestamp) => ZxException.ThrowIfFailed(Sys.InterruptTrigger(Raw, 0, timestamp), "zx_interrupt_trigger");

    /// <summary><c>zx_interrupt_bind</c>: each interrupt queues a packet with <paramref name="key"/> on
    /// <paramref name="port"/> (made with bind-to-interrupt).</summary>
    public void Bind(Unowned<Port> port, ulong key) => ZxException.ThrowIfFailed(Sys.InterruptBind(Raw, port.Raw, key, 0), "zx_interrupt_bind");

    /// <summary><c>zx_interrupt_ack</c>: after a packet, lets the next interrupt queue one.</summary>
    public void Ack() => ZxException.ThrowIfFailed(Sys.InterruptAck(Raw), "zx_interrupt_ack");

    /// <summary><c>zx_interrupt_destroy</c>: a waiter ends with CANCELED.</summary>
    public void Destroy() => ZxException.ThrowIfFailed(Sys.InterruptDestroy(Raw), "zx_interrupt_destroy");

    /// <summary>Borrows the handle.</summary>
    public new Unowned<Interrupt> Borrow() => new(this);
}
