using System.Collections.Concurrent;
using Zx.Kernel.Object;

namespace Zx.Kernel.Concurrency;

/// <summary>The outcome of an asynchronous wait: the status (OK, or why it could not wait: BAD_HANDLE,
/// ACCESS_DENIED, NOT_SUPPORTED, CANCELED when the handle was closed through the typed API), the signals seen, and for
/// a port wait the packet taken.</summary>
/// <param name="Status">OK, or the reason the wait ended without its signals.</param>
/// <param name="Observed">The object's signals when the wait ended (a signal wait).</param>
/// <param name="Packet">The packet read (a port wait).</param>
public readonly record struct AsyncWaitResult(ZxStatus Status, ZxSignals Observed, ZxPortPacket Packet);

/// <summary>Asynchronous waits for C# programs (docs/concurrency.md): every <c>WaitAsync</c> of one kernel is served
/// by one kernel port and one host thread, however many are pending, so a service can wait on thousands of objects
/// without a blocked thread each. A signal wait is an asynchronous wait (<c>zx_object_wait_async</c>, ONCE) queued on
/// the kernel's own port; a port wait takes a packet at once, or asks the port to ring the kernel's port when the
/// next one arrives. The host thread reads the kernel's port and completes the waits (their continuations run on the
/// thread pool, never on it).</summary>
public sealed class AsyncWaits : IDisposable
{
    private readonly KernelContext _kernel;
    private readonly PortDispatcher _port;
    private readonly ConcurrentDictionary<ulong, Pending> _pending = new();
    private readonly Lock _startLock = new();
    private Thread? _thread;
    private long _nextKey;
    private volatile bool _disposed;

    internal AsyncWaits(KernelContext kernel)
    {
        _kernel = kernel;
        _port = new PortDispatcher(kernel);
    }

    // One wait: its completion, and what to undo when it is canceled.
    private sealed class Pending(TaskCompletionSource<AsyncWaitResult> completion)
    {
        public TaskCompletionSource<AsyncWaitResult> Completion { get; } = completion;
        public ProcessDispatcher? Process;
        public ZxHandle Handle;
        public Dispatcher? Target;    // a signal wait: the object observed
        public PortDispatcher? Source; // a port wait: the port listened to
        public Action? Arrival;        // its listener
        public CancellationTokenRegistration Registration;
    }

    /// <summary>Waits, without blocking a thread, until any of <paramref name="signals"/> is asserted on the object
    /// <paramref name="handle"/> names in <paramref name="process"/> (WAIT right needed).</summary>
    public Task<AsyncWaitResult> WaitAsync(ProcessContext process, ZxHandle handle, ZxSignals signals, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(process);
        ObjectDisposedException.ThrowIf(_disposed, this);
        using Lookup<Dispatcher> target = process.Dispatcher.GetDispatcherWithRights<Dispatcher>(handle, ZxRights.Wait);
        if (target.Failed)
            return Task.FromResult(new AsyncWaitResult(target.Status, ZxSignals.None, default));
        if (!target.Object.HasStateTracker)
            return Task.FromResult(new AsyncWaitResult(ZxStatus.NotSupported, ZxSignals.None, default));
        ZxSignals now = target.Object.Signals;
        if ((now & signals) != 0)
            return Task.FromResult(new AsyncWaitResult(ZxStatus.Ok, now, default));
        cancellationToken.ThrowIfCancellationRequested();
        EnsureStarted();
        ulong key = NextKey();
        var pending = new Pending(NewCompletion()) { Process = process.Dispatcher, Handle = handle, Target = target.Object };
        target.Object.AddRef(); // released when the wait ends
        _pending[key] = pending;
        target.Object.AddObserver(new AsyncObserver(_port, process.Dispatcher, handle, key, signals, repeating: false));
        pending.Registration = cancellationToken.Register(() => Cancel(key, canceledByToken: true));
        return pending.Completion.Task;
    }

    /// <summary>Takes the next packet of the port <paramref name="port"/> names (READ right needed), without blocking
    /// a thread while it is empty.</summary>
    public Task<AsyncWaitResult> PortWaitAsync(ProcessContext process, ZxHandle port, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(process);
        ObjectDisposedException.ThrowIf(_disposed, this);
        using Lookup<PortDispatcher> source = process.Dispatcher.GetDispatcherWithRights<PortDispatcher>(port, ZxRights.Read);
        if (source.Failed)
            return Task.FromResult(new AsyncWaitResult(source.Status, ZxSignals.None, default));
        cancellationToken.ThrowIfCancellationRequested();
        EnsureStarted();
        ulong key = NextKey();
        var pending = new Pending(NewCompletion()) { Process = process.Dispatcher, Handle = port, Source = source.Object };
        source.Object.AddRef();
        pending.Arrival = () => Ring(key);
        _pending[key] = pending;
        if (source.Object.TryDequeueOrListen(pending.Arrival, out ZxPortPacket packet))
        {
            Complete(key, new AsyncWaitResult(ZxStatus.Ok, ZxSignals.None, packet));
            return pending.Completion.Task;
        }
        pending.Registration = cancellationToken.Register(() => Cancel(key, canceledByToken: true));
        return pending.Completion.Task;
    }

    /// <summary>Ends with CANCELED every wait made through <paramref name="handle"/> in <paramref name="process"/>: the
    /// typed API calls this as it closes the handle (a closed handle's asynchronous waits are dropped silently by the
    /// kernel, as in Zircon, so nothing else would end them).</summary>
    public void CancelWaitsThrough(ProcessContext process, ZxHandle handle)
    {
        ArgumentNullException.ThrowIfNull(process);
        foreach ((ulong key, Pending pending) in _pending)
        {
            if (pending.Process == process.Dispatcher && pending.Handle == handle)
                Cancel(key, canceledByToken: false);
        }
    }

    /// <summary>Waits in progress (for tests and the census).</summary>
    public int PendingCount => _pending.Count;

    private static TaskCompletionSource<AsyncWaitResult> NewCompletion() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ulong NextKey() => (ulong)Interlocked.Increment(ref _nextKey);

    // A port wait's listener: the port got a packet; the host thread takes it (rung through the kernel's port, so
    // the queuing thread does no more than queue one packet).
    private void Ring(ulong key)
    {
        var doorbell = new ZxPortPacket { Key = key, Type = ZxPacketTypes.User };
        _port.Queue(doorbell);
    }

    private void EnsureStarted()
    {
        if (_thread is not null)
            return;
        lock (_startLock)
        {
            if (_thread is not null)
                return;
            var thread = new Thread(Serve) { IsBackground = true, Name = "zx async waits" };
            thread.Start();
            _thread = thread;
        }
    }

    // The host thread: reads the kernel's port and completes the wait each packet names.
    private void Serve()
    {
        while (!_disposed)
        {
            if (!_port.TryDequeue(static () => null, () => _disposed, out ZxPortPacket packet))
                continue;
            if (!_pending.TryGetValue(packet.Key, out Pending? pending))
                continue; // canceled meanwhile
            if (pending.Source is PortDispatcher source)
            {
                // Rung: take the packet, or listen again when another reader took it first.
                if (source.TryDequeueOrListen(pending.Arrival!, out ZxPortPacket taken))
                    Complete(packet.Key, new AsyncWaitResult(ZxStatus.Ok, ZxSignals.None, taken));
            }
            else
            {
                var observed = (ZxSignals)(uint)(packet.Payload[0] >> 32);
                Complete(packet.Key, new AsyncWaitResult(ZxStatus.Ok, observed, default));
            }
        }
    }

    private void Complete(ulong key, AsyncWaitResult result)
    {
        if (!_pending.TryRemove(key, out Pending? pending))
            return;
        Release(pending);
        pending.Completion.TrySetResult(result);
    }

    private void Cancel(ulong key, bool canceledByToken)
    {
        if (!_pending.TryRemove(key, out Pending? pending))
            return;
        if (pending.Target is Dispatcher target)
        {
            bool Matches(AsyncObserver o) => o.Port == _port && o.Key == key;
            target.RemoveObservers(Matches);
            _port.RemoveQueued(Matches);
        }
        if (pending.Source is PortDispatcher source)
            source.StopListening(pending.Arrival!);
        Release(pending);
        if (canceledByToken)
            pending.Completion.TrySetCanceled(pending.Registration.Token);
        else
            pending.Completion.TrySetResult(new AsyncWaitResult(ZxStatus.Canceled, ZxSignals.HandleClosed, default));
    }

    private static void Release(Pending pending)
    {
        pending.Registration.Dispose();
        pending.Target?.Release();
        pending.Source?.Release();
    }

    /// <summary>Stops the host thread; waits still pending end with CANCELED.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        foreach (ulong key in _pending.Keys)
            Cancel(key, canceledByToken: false);
        _port.Queue(new ZxPortPacket()); // wakes the host thread so it sees _disposed
        _thread?.Join(TimeSpan.FromSeconds(5));
        _port.Release();
    }
}
