using System.Text;
using Zx.Kernel.Board;
using Zx.Kernel.Object;
using Zx.Kernel.Vm;

namespace Zx.Kernel;

/// <summary>One emulated Zircon kernel: a board's physical memory, the koid generator, the resource registry and
/// the processes. Kernels share nothing, so tests can run many side by side.</summary>
/// <remarks>At start the kernel creates the root resource and the first process, which holds the only handle to
/// it (as userboot does) and a handle to itself.</remarks>
public sealed partial class KernelContext : IDisposable
{
    private readonly Lock _processesLock = new();
    private readonly List<ProcessContext> _processes = [];
    private long _nextKoid = (long)ZxConstants.KoidFirst;
    private bool _disposed;

    private KernelContext(KernelOptions options)
    {
        Host.UserCopy.Install();
        Board = options.Board ?? BoardDescription.Default;
        Compatibility = options.Compatibility;
        AddressSpaceSize = options.AddressSpaceSize;
        DemandPaging = options.DemandPaging;
        RecordHandleOrigins = options.RecordHandleOrigins;
        _registry = options.RecordHandleOrigins ? [] : null;
        Devices = AttachDevices(options); // first: a serial line that cannot be opened fails before memory is taken
        Memory = new PhysicalMemory(Board);
        Memory.AttachDevices(Devices);
        Pmm = new PmmNode(Memory, Faults);
        Timers = new Concurrency.TimerQueue(() => MonotonicNow);
        Resources = new ResourceRegistry(Board);
        RootJob = new JobDispatcher(this, null);
        FirstProcess = CreateProcess(options.FirstProcessName);
        FirstProcess.Dispatcher.StartAsHostProgram();
        FirstProcess.Install(RootJob, ZxDefaultRights.Job, out ZxHandle jobHandle);
        FirstProcess.DefaultJob = jobHandle;
        ResourceDispatcher root = ResourceDispatcher.CreateRoot(this);
        FirstProcess.Install(root, ZxDefaultRights.Resource, out ZxHandle rootHandle);
        root.Release();
        RootResource = rootHandle;
    }

    /// <summary>Starts a kernel.</summary>
    public static KernelContext Create(KernelOptions? options = null) => new(options ?? new KernelOptions());

    /// <summary>The board the kernel runs on.</summary>
    public BoardDescription Board { get; }

    /// <summary>The board's physical memory.</summary>
    public PhysicalMemory Memory { get; }

    /// <summary>The compatibility setting of this kernel.</summary>
    public ZxCompatibility Compatibility { get; }

    /// <summary>The allocation fault injector.</summary>
    public FaultInjection Faults { get; } = new();

    /// <summary>The first process, which holds the root resource.</summary>
    public ProcessContext FirstProcess { get; }

    /// <summary>The first process's handle to the root resource (what <c>get_root_resource()</c> returns).</summary>
    public ZxHandle RootResource { get; }

    /// <summary>Kernel objects alive right now, of every type (the sum of the per-type counts the census shows).</summary>
    public long LiveObjectCount => SumLiveByType();

    /// <summary>Pages of RAM allocated to objects right now.</summary>
    public ulong AllocatedPages => Pmm.AllocatedPages;

    /// <summary>ZX_INFO_KMEM_STATS: the board's RAM, what VMOs hold, what messages in flight hold, and what is free.</summary>
    internal ZxInfoKmemStats MemoryStats()
    {
        ulong total = Board.RamBytes;
        ulong vmo = Pmm.AllocatedPages * ZxConstants.PageSize;
        ulong ipc = Pmm.HeapBytes;
        return new ZxInfoKmemStats
        {
            TotalBytes = total,
            VmoBytes = vmo,
            IpcBytes = ipc,
            FreeBytes = total - Math.Min(total, vmo + ipc),
        };
    }

    /// <summary>Free RAM frames whose host memory is kept resident for quick reuse (at most 1,024: 4 MiB). They
    /// hold no object's data that anyone can read: each is zeroed, or wholly overwritten, when handed out again.</summary>
    public int WarmFreePages => Pmm.WarmFrames;

    /// <summary>Gives the host back the memory of every free frame now (the warm ones; the others already are).</summary>
    public void ReleaseFreeMemory() => Pmm.ReleaseWarmFrames();

    /// <summary>Bytes of kernel memory (queued channel messages) charged to the board's RAM right now.</summary>
    public ulong KernelHeapBytes => Pmm.HeapBytes;

    internal PmmNode Pmm { get; }

    /// <summary>The kernel's timer queue (its thread starts with the first timer armed).</summary>
    internal Concurrency.TimerQueue Timers { get; }

    internal ResourceRegistry Resources { get; }

    /// <summary>Where <c>zx_debug_write</c> writes (the board's debug serial console): the host's standard error unless
    /// set.</summary>
    public Stream DebugConsoleOut
    {
        get => _debugConsoleOut ??= Console.OpenStandardError();
        set => _debugConsoleOut = value;
    }

    /// <summary>Where <c>zx_debug_read</c> reads from: the host's standard input unless set.</summary>
    public Stream DebugConsoleIn
    {
        get => _debugConsoleIn ??= Console.OpenStandardInput();
        set => _debugConsoleIn = value;
    }

    // The console's streams, opened on first use (most kernels never write or read it).
    private Stream? _debugConsoleOut;
    private Stream? _debugConsoleIn;
    private readonly Lock _debugConsoleLock = new();

    internal void WriteDebugConsole(ReadOnlySpan<byte> bytes)
    {
        lock (_debugConsoleLock)
        {
            DebugConsoleOut.Write(bytes);
            DebugConsoleOut.Flush();
        }
    }

    internal int ReadDebugConsole()
    {
        lock (_debugConsoleLock)
            return DebugConsoleIn.ReadByte();
    }

    /// <summary>The kernel log (<c>zx_debuglog_*</c>, <c>zx_log_*</c>).</summary>
    internal Object.DebugLog Log { get; } = new();

    /// <summary>Called on each new host thread that a Zx thread runs on, before its entry (the C ABI uses it to
    /// make the thread act in its process).</summary>
    public Action<ProcessContext>? HostThreadEntering { get; set; }

    /// <summary>Called on a host thread Zx started just before it ends (the C ABI forgets the thread's identity).</summary>
    public Action? HostThreadLeaving { get; set; }

    /// <summary>Runs a C entry function (<c>void entry(uintptr_t arg1, uintptr_t arg2)</c>) given its address and
    /// arguments. The default calls it directly; the C ABI replaces it with one that lets <c>zx_thread_exit</c>
    /// and <c>zx_process_exit</c> leave the entry early.</summary>
    public Action<nuint, nuint, nuint> NativeEntryRunner { get; set; } = CallNativeEntry;

    /// <summary>Called on each new host thread a Zx thread runs on, before its entry: the address of an <c>int</c> that
    /// the kernel sets to 1 to kill that thread, valid while the thread runs (the C ABI gives its thread-local flag,
    /// which every exported syscall checks). Null: threads have no such flag and are stopped only at their waits.</summary>
    public Func<nint>? HostThreadKillFlag { get; set; }

    /// <summary>How threads running user code are stopped for suspension (the C ABI's park signal). Null: threads are
    /// suspended only at their blocking waits in the kernel.</summary>
    internal Concurrency.IHostThreadParking? HostThreadParking { get; set; }

    // Safety: the entry address is the program's own function, called with the C calling convention it declared.
    private static unsafe void CallNativeEntry(nuint entry, nuint arg1, nuint arg2) =>
        ((delegate* unmanaged<nuint, nuint, void>)entry)(arg1, arg2);

    internal JobDispatcher RootJob { get; }

    /// <summary>Bytes of host address space each process reserves for its root VMAR.</summary>
    public ulong AddressSpaceSize { get; }

    /// <summary>Raised with the text of each crash report (a thread's fault that no exception port resumed).</summary>
    public event Action<string>? CrashReported;

    /// <summary>Writes a crash report to the host's standard error and tells <see cref="CrashReported"/>.</summary>
    internal void ReportCrash(string text)
    {
        try
        {
            Console.Error.Write(text);
        }
        catch (IOException)
        {
            // A closed stderr loses the text; the process still dies of its fault.
        }
        CrashReported?.Invoke(text);
    }

    /// <summary>The device models behind the board's regions (<c>"device"</c> in the board file), in address order.</summary>
    public IReadOnlyList<Devices.DeviceModel> Devices { get; }

    private readonly List<Zx.Kernel.Devices.SerialLine> _serialLines = [];

    // Makes the board's device models and connects each UART to its line (one line per file or standard stream, so
    // two UARTs on one file share it; each pty UART gets its own terminal, announced on standard error).
    private List<Devices.DeviceModel> AttachDevices(KernelOptions options)
    {
        var devices = new List<Devices.DeviceModel>();
        var shared = new Dictionary<string, Zx.Kernel.Devices.SerialLine>(StringComparer.Ordinal);
        try
        {
            foreach (BoardRegion region in Board.Regions)
            {
                if (region.Device is not string kind || Zx.Kernel.Devices.DeviceModel.Create(kind) is not Devices.DeviceModel model)
                    continue;
                model.Attach(this, region);
                devices.Add(model);
                if (model is not Zx.Kernel.Devices.Pl011 uart)
                    continue;
                string spec = options.Serial ?? region.Serial ?? "stdio";
                if (spec == "pty" || !shared.TryGetValue(spec, out Zx.Kernel.Devices.SerialLine? line))
                {
                    line = Zx.Kernel.Devices.SerialLine.Open(spec, options.SerialReadsStandardInput);
                    _serialLines.Add(line);
                    if (spec != "pty")
                        shared[spec] = line;
                    else
                        AnnounceTerminal(region.Name, line.TerminalPath!);
                }
                uart.Connect(line);
            }
        }
        catch
        {
            foreach (Zx.Kernel.Devices.SerialLine line in _serialLines)
                line.Dispose();
            throw;
        }
        return devices;
    }

    private static void AnnounceTerminal(string region, string path)
    {
        try
        {
            Console.Error.WriteLine($"zx: {region} is on {path}");
        }
        catch (IOException)
        {
            // A closed stderr: the terminal's name is still in the device's Line.
        }
    }

    /// <summary>Raised after each emulated device register access (the tracer shows them): the model, the offset into
    /// its region, the width in bytes, true for a store, and the value stored or loaded.</summary>
    public event Action<Devices.DeviceModel, ulong, int, bool, ulong>? DeviceAccessed;

    internal void OnDeviceAccessed(Devices.DeviceModel device, ulong offset, int width, bool store, ulong value) =>
        DeviceAccessed?.Invoke(device, offset, width, store, value);

    /// <summary>Puts a scripted device (register expectations) behind the MMIO region <paramref name="regionName"/> for
    /// a test, in place of its model; mappings made after this trap every access to it (in a kernel with a fault
    /// path). <see cref="EndScript"/> puts the model back. Null when no MMIO region has that name.</summary>
    public Devices.ScriptedDevice? ScriptDevice(string regionName)
    {
        BoardRegion? region = Board.Regions.FirstOrDefault(r => r.Name == regionName && r.Kind == BoardRegionKind.Mmio);
        if (region is null)
            return null;
        var scripted = new Devices.ScriptedDevice();
        scripted.Attach(this, region);
        Memory.ReplaceDevice(region, scripted);
        return scripted;
    }

    /// <summary>Takes a scripted device away from <paramref name="regionName"/>: its model (if the board has one)
    /// answers again.</summary>
    public void EndScript(string regionName)
    {
        BoardRegion? region = Board.Regions.FirstOrDefault(r => r.Name == regionName);
        if (region is not null)
            Memory.ReplaceDevice(region, DeviceIn(regionName));
    }

    /// <summary>The device model behind the region <paramref name="regionName"/>, or null.</summary>
    public Devices.DeviceModel? DeviceIn(string regionName) => Devices.FirstOrDefault(d => d.Region?.Name == regionName);

    /// <summary>Which interrupt object holds each board IRQ vector.</summary>
    internal InterruptVectors InterruptVectors { get; } = new();

    /// <summary>A device's interrupt line <paramref name="vector"/> fires (a device model raises it): the interrupt
    /// object holding the vector, if any, wakes its waiter or queues its packet. False when none holds it.</summary>
    public bool RaiseInterrupt(uint vector) => InterruptVectors.Raise(vector, MonotonicNow);

    /// <summary>The threads waiting in an exception.</summary>
    internal ExceptionWaiters Exceptions { get; } = new();

    /// <summary>True when mappings of paged VMOs fill in page by page on first touch (<see cref="KernelOptions.DemandPaging"/>).</summary>
    public bool DemandPaging { get; }

    /// <summary>Creates a process whose handle table holds a handle to itself and one to its root VMAR.</summary>
    /// <exception cref="InvalidOperationException">The host cannot reserve the address space.</exception>
    public ProcessContext CreateProcess(string name)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        VmAspace aspace = VmAspace.Create(Memory, Faults, AddressSpaceSize, DemandPaging)
            ?? throw new InvalidOperationException($"cannot reserve {AddressSpaceSize} bytes of address space for process '{name}'");
        var dispatcher = new ProcessDispatcher(this, Encoding.UTF8.GetBytes(name), aspace);
        var context = new ProcessContext(this, dispatcher);
        dispatcher.Context = context;
        dispatcher.Handles.Add(dispatcher, ZxDefaultRights.Process, out ZxHandle self);
        context.SelfHandle = self;
        dispatcher.Release();
        var root = new VmAddressRegionDispatcher(this, aspace.Root);
        dispatcher.Handles.Add(root, VmAddressRegionDispatcher.RightsFor(aspace.Root.Flags), out ZxHandle rootVmar);
        context.RootVmar = rootVmar;
        root.Release();
        lock (_processesLock)
            _processes.Add(context);
        return context;
    }

    /// <summary>The koids of the live processes directly in <paramref name="job"/>, oldest first (ZX_INFO_JOB_PROCESSES).</summary>
    internal List<ulong> ProcessKoidsIn(JobDispatcher job)
    {
        lock (_processesLock)
            return [.. _processes.Where(p => p.Dispatcher.Job == job && !p.Dispatcher.IsDead).Select(p => p.Koid)];
    }

    /// <summary>The live process with <paramref name="koid"/> made in <paramref name="job"/>, with a reference for the
    /// caller; null when there is none.</summary>
    internal ProcessDispatcher? FindProcessIn(JobDispatcher job, ulong koid)
    {
        lock (_processesLock)
            return _processes.Select(p => p.Dispatcher).FirstOrDefault(p => p.Koid == koid && p.Job == job && !p.IsDead && p.TryAddRef());
    }

    /// <summary>The processes of <paramref name="job"/> and of every job below it, right now.</summary>
    internal IReadOnlyList<ProcessContext> ProcessesOf(JobDispatcher job)
    {
        lock (_processesLock)
            return [.. _processes.Where(p => p.Dispatcher.Job?.IsWithin(job) == true)];
    }

    /// <summary>Creates a process in <paramref name="job"/> for <c>zx_process_create</c>, returning its dispatcher
    /// with the creator's reference; null when the host cannot reserve its address space.</summary>
    internal ProcessDispatcher? CreateChildProcess(JobDispatcher job, ReadOnlySpan<byte> name)
    {
        if (_disposed)
            return null;
        VmAspace? aspace = VmAspace.Create(Memory, Faults, AddressSpaceSize, DemandPaging);
        if (aspace is null)
            return null;
        var dispatcher = new ProcessDispatcher(this, name, aspace) { Job = job, Policy = job.Policy };
        var context = new ProcessContext(this, dispatcher);
        dispatcher.Context = context;
        lock (_processesLock)
            _processes.Add(context);
        return dispatcher;
    }

    /// <summary>Forgets a process whose object was destroyed (nothing refers to it any more).</summary>
    internal void OnProcessDestroyed(ProcessContext process)
    {
        lock (_processesLock)
            _processes.Remove(process);
    }

    private readonly long _bootTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>Nanoseconds since this kernel started (<c>ZX_CLOCK_MONOTONIC</c>).</summary>
    public long MonotonicNow => (long)System.Diagnostics.Stopwatch.GetElapsedTime(_bootTimestamp).Ticks * 100;

    /// <summary>ZX_CLOCK_UTC minus ZX_CLOCK_MONOTONIC, in nanoseconds: the host's UTC at boot, until
    /// <c>zx_clock_adjust</c> sets it (as Zircon's <c>utc_offset</c>).</summary>
    public long UtcOffset
    {
        get => Volatile.Read(ref _utcOffset);
        set => Volatile.Write(ref _utcOffset, value);
    }

    private long _utcOffset = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;

    internal ulong GenerateKoid() => (ulong)Interlocked.Increment(ref _nextKoid) - 1;

    internal void OnObjectCreated(Dispatcher created)
    {
        CountType(created.Type, 1);
        if (_registry is not null)
        {
            lock (_registry)
                _registry.Add(created);
        }
    }

    internal void OnObjectDestroyed(Dispatcher destroyed)
    {
        CountType(destroyed.Type, -1);
        if (_registry is not null)
        {
            lock (_registry)
                _registry.Remove(destroyed);
        }
    }

    private Concurrency.AsyncWaits? _asyncWaits;

    /// <summary>The kernel's asynchronous waits (<c>WaitAsync</c> of the typed API): one kernel port and one host
    /// thread, started on first use, serve them all.</summary>
    public Concurrency.AsyncWaits AsyncWaits
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return LazyInitializer.EnsureInitialized(ref _asyncWaits, () => new Concurrency.AsyncWaits(this));
        }
    }

    /// <summary>True once <see cref="AsyncWaits"/> has been used (so closing a handle has waits to end).</summary>
    public bool AsyncWaitsStarted => Volatile.Read(ref _asyncWaits) is not null;

    /// <summary>Closes every handle of every process and releases the board's memory.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _asyncWaits?.Dispose();
        ProcessContext[] processes;
        lock (_processesLock)
            processes = [.. _processes];
        foreach (ProcessContext process in processes)
            process.Dispatcher.Teardown();
        foreach (ProcessContext process in processes)
            process.Dispatcher.Aspace.Free();
        RootJob.Release();
        Timers.Dispose();
        Memory.Dispose();
        foreach (Zx.Kernel.Devices.SerialLine line in _serialLines)
            line.Dispose();
    }
}
