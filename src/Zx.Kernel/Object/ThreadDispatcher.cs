namespace Zx.Kernel.Object;

/// <summary>A thread (Zircon's <c>ThreadDispatcher</c>): runs an entry function on its own host thread, acting
/// in its process. Asserts ZX_TASK_TERMINATED when the entry returns or the process is killed.</summary>
/// <remarks>A host thread cannot be stopped from outside. Killing a thread (<see cref="Kill"/>, or its process or a
/// job above it) marks it killed: its blocking waits end, and when its entry is C code (the C ABI), the host writes
/// a flag the thread's every syscall checks, so the thread leaves its entry at its next syscall, or when the one it
/// is in returns, and never sees that syscall return.</remarks>
internal sealed class ThreadDispatcher : Dispatcher
{
    /// <summary>The scheduler priority a profile or <c>zx_thread_set_priority</c> gave the thread (ZX_PRIORITY_DEFAULT,
    /// 16, until then). Recorded only: the host schedules the host thread.</summary>
    public int Priority { get; set; } = 16;

    [ThreadStatic]
    private static ThreadDispatcher? t_current;

    private readonly Lock _lock = new();
    private byte[] _name;
    private bool _started;
    private volatile bool _killed;
    private nint _killFlag; // the host thread's killed flag (an int), while the thread runs native code; under _lock
    private ZxHandle _selfHandle; // the thread's own handle in its process (zx_thread_self), made on first use; under _lock
    private bool _adopted; // a host thread Zx did not start, adopted on its first call
    private int _hostThreadId; // the Linux thread id of the host thread, once it runs
    private long _finalRuntime = -1; // nanoseconds on a CPU, read when the thread ended
    private int _suspendCount; // suspensions asked for and not yet resumed (tokens, zx_task_suspend); under _lock
    private bool _suspendedSignaled; // ZX_THREAD_SUSPENDED is asserted: the thread has stopped; under _lock
    private bool _parkedInKernel; // stopped in a blocking wait in the kernel; under _lock
    private unsafe Concurrency.ParkBlock* _park; // the host thread's park block while it runs C code; under _lock
    private ManualResetEventSlim? _waitEvent; // the host thread's wait event, so a blocked wait notices a suspension
    private readonly object _parkMonitor = new(); // where a thread stopped in a kernel wait sleeps
    private uint _blockedIn; // the ZX_THREAD_STATE_BLOCKED_* of the wait the thread is in, or 0
    private ExceptionPort? _exceptionWaitPort; // the port whose answer the thread waits for; under _lock
    private ExceptionState _exceptionState; // under _lock; the thread waits on _lock's monitor (_exceptionMonitor)
    private ZxExceptionReport _exceptionReport; // while in an exception; under _lock
    private unsafe ulong* _exceptionRegisters; // the faulting context's general registers (18), or null; under _lock
    private bool _exceptionRegistersWritten; // under _lock
    private readonly object _exceptionMonitor = new();

    private enum ExceptionState { Idle, Unprocessed, TryNext, Resume }

    public ThreadDispatcher(KernelContext kernel, ProcessDispatcher process, ReadOnlySpan<byte> name) : base(kernel, ZxSignals.None)
    {
        Process = process;
        _name = ObjectName.Truncate(name);
    }

    /// <summary>The process the thread belongs to.</summary>
    public ProcessDispatcher Process { get; }

    /// <summary>The Zx thread the calling host thread runs, or null for a host thread Zx did not start.</summary>
    public static ThreadDispatcher? Current => t_current;

    /// <summary>True once the thread (or its process) was killed.</summary>
    public bool IsKilled => _killed;

    /// <summary>True for a host thread Zx did not start that became a Zircon thread on its first call.</summary>
    public bool IsAdopted => _adopted;

    /// <summary>Makes the calling host thread, which Zx did not start, a running thread of <paramref name="process"/>
    /// (the program's own threads join the first process on their first call). It does not count towards the
    /// process's running threads: the program keeps its process. Returns null when the process is dead; the running
    /// host thread holds the returned object's reference until <see cref="HostThreadEnded"/>.</summary>
    public static ThreadDispatcher? AdoptCurrentHostThread(ProcessDispatcher process, ReadOnlySpan<byte> name)
    {
        var thread = new ThreadDispatcher(process.Kernel, process, name) { _started = true, _adopted = true };
        if (process.AddThread(thread) != ZxStatus.Ok)
        {
            thread.Release();
            return null;
        }
        t_current = thread;
        thread.RegisterKillFlag();
        thread.UpdateState(0, ZxSignals.ThreadRunning);
        return thread;
    }

    /// <summary>The adopted host thread has ended: its own handle closes and the thread is TERMINATED.</summary>
    public void HostThreadEnded()
    {
        ForgetHostThread();
        Exit();
    }

    // The host thread is ending: its kill flag and park block go with its storage.
    private unsafe void ForgetHostThread()
    {
        lock (_lock)
        {
            _killFlag = 0;
            _park = null;
        }
    }

    /// <summary>The thread's own handle in its process (what <c>zx_thread_self</c> returns), made on first use with
    /// the default thread rights; it closes when the thread ends. ZX_HANDLE_INVALID once the thread has ended or its
    /// process's table is full or closed.</summary>
    public ZxHandle SelfHandle()
    {
        lock (_lock)
        {
            if (!_selfHandle.IsValid && !Signals.HasFlag(ZxSignals.TaskTerminated)
                && Process.Handles.Add(this, ZxDefaultRights.Thread, out ZxHandle handle) == ZxStatus.Ok)
                _selfHandle = handle;
            return _selfHandle;
        }
    }

    /// <summary>The state <c>ZX_INFO_THREAD</c> reports: NEW before it starts, RUNNING while it runs (Zx does not
    /// say what a running thread is blocked on), DYING once killed until it leaves, DEAD after.</summary>
    public uint State
    {
        get
        {
            if (Signals.HasFlag(ZxSignals.TaskTerminated))
                return ZxThreadState.Dead;
            lock (_lock)
            {
                if (!_started)
                    return ZxThreadState.New;
                if (_killed)
                    return ZxThreadState.Dying;
                if (_suspendedSignaled)
                    return ZxThreadState.Suspended;
                uint blocked = Volatile.Read(ref _blockedIn);
                return blocked != 0 ? blocked : ZxThreadState.Running;
            }
        }
    }

    /// <summary>Nanoseconds the thread's host thread has run on a CPU (0 before it starts).</summary>
    public long TotalRuntime
    {
        get
        {
            long final = Volatile.Read(ref _finalRuntime);
            return final >= 0 ? final : Host.LinuxThreads.CpuTimeOf(Volatile.Read(ref _hostThreadId));
        }
    }

    /// <summary>The thread's own handle if it was made (see <see cref="SelfHandle"/>), else ZX_HANDLE_INVALID.</summary>
    public ZxHandle ExistingSelfHandle
    {
        get { lock (_lock) return _selfHandle; }
    }

    /// <inheritdoc/>
    public override ZxObjectType Type => ZxObjectType.Thread;

    /// <inheritdoc/>
    public override ulong RelatedKoid => Process.Koid;

    /// <inheritdoc/>
    public override void GetName(Span<byte> name32) => ObjectName.CopyTo(Volatile.Read(ref _name), name32);

    /// <inheritdoc/>
    public override ZxStatus SetName(ReadOnlySpan<byte> name)
    {
        Volatile.Write(ref _name, ObjectName.Truncate(name));
        return ZxStatus.Ok;
    }

    /// <summary>Starts <paramref name="entry"/> on a new host thread. BAD_STATE when already started or when the
    /// process is dead.</summary>
    public ZxStatus Start(Action entry)
    {
        lock (_lock)
        {
            if (_started || Process.IsDead)
                return ZxStatus.BadState;
            _started = true;
        }
        AddRef(); // the running thread holds a reference
        Process.OnThreadStarted();
        var host = new Thread(() =>
        {
            t_current = this;
            try
            {
                RegisterKillFlag();
                Kernel.HostThreadEntering?.Invoke(Process.Context!);
                UpdateState(0, ZxSignals.ThreadRunning);
                ReportToDebugger(ZxExceptionType.ThreadStarting);
                ParkIfSuspended(); // suspended before it started: it stops before its entry runs
                if (!_killed)
                    entry();
            }
            finally
            {
                if (!_killed)
                    ReportToDebugger(ZxExceptionType.ThreadExiting);
                ForgetHostThread(); // the flag and the park block live in this host thread's storage, which ends with it
                Kernel.HostThreadLeaving?.Invoke();
                t_current = null;
                Exit();
            }
        })
        { IsBackground = true, Name = "zx thread" };
        host.Start();
        return ZxStatus.Ok;
    }

    // Safety: the flag address is the thread's own thread-local word, valid while the host thread runs.
    private unsafe void RegisterKillFlag()
    {
        Volatile.Write(ref _hostThreadId, Host.LinuxThreads.CurrentThreadId());
        nint flag = Kernel.HostThreadKillFlag?.Invoke() ?? 0;
        nint park = Kernel.HostThreadParking?.RegisterCurrentThread() ?? 0;
        ManualResetEventSlim waitEvent = Concurrency.Waiter.ThisThreadsEvent();
        lock (_lock)
        {
            _park = (Concurrency.ParkBlock*)park;
            _waitEvent = waitEvent;
            _killFlag = flag;
            if (_killed && flag != 0)
                Volatile.Write(ref *(int*)flag, 1); // SAFETY: the flag lives while this host thread runs; set under _lock
        }
    }

    /// <summary><c>zx_task_kill</c> of the thread (also called for each thread of a killed process): marks it
    /// killed and sets its host flag, so it leaves at its next syscall; a thread never started is terminated at once.</summary>
    // Safety: the flag is written only while the thread is registered (it unregisters before it ends).
    public unsafe void Kill()
    {
        lock (_lock)
        {
            _killed = true;
            if (_killFlag != 0)
                Volatile.Write(ref *(int*)_killFlag, 1); // SAFETY: cleared under _lock before the host thread ends
            ReleaseParkLocked(); // a stopped thread goes on, to leave
        }
        WakeKernelPark();
        WakeException();
        TerminateIfNotStarted();
    }

    private void Exit()
    {
        Volatile.Write(ref _finalRuntime, Host.LinuxThreads.CpuTimeOf(Volatile.Read(ref _hostThreadId)));
        ZxHandle self;
        lock (_lock)
        {
            self = _selfHandle;
            _selfHandle = ZxHandle.Invalid;
        }
        if (self.IsValid && Process.Handles.TryRemove(self, out HandleTable.Detached detached))
            detached.Dispose();
        UpdateState(ZxSignals.ThreadRunning | ZxSignals.ThreadSuspended, ZxSignals.TaskTerminated);
        if (!_adopted)
            Process.OnThreadExited();
        Release();
    }

    /// <summary><c>ThreadDispatcher::Suspend</c> (late 2018): counts one more suspension. The first stops the
    /// thread: at once when it runs user code through the C ABI (the park signal), at its blocking wait or on its way
    /// out of the syscall it is in, before its entry when it has not started; ZX_THREAD_SUSPENDED is asserted once it
    /// has stopped. BAD_STATE for a thread that was killed or has ended.</summary>
    public unsafe ZxStatus Suspend()
    {
        lock (_lock)
        {
            if (_killed || Signals.HasFlag(ZxSignals.TaskTerminated))
                return ZxStatus.BadState;
            if (++_suspendCount > 1 || !_started)
                return ZxStatus.Ok;
            if (_park is not null)
            {
                Volatile.Write(ref _park->Requested, 1);
                if (t_current != this)
                    Kernel.HostThreadParking?.Interrupt(Volatile.Read(ref _hostThreadId));
            }
            _waitEvent?.Set(); // a blocked wait wakes to see it
            return ZxStatus.Ok;
        }
    }

    /// <summary><c>ThreadDispatcher::Resume</c>: drops one suspension; the last lets the thread go on
    /// (ZX_THREAD_RUNNING again).</summary>
    public void Resume()
    {
        lock (_lock)
        {
            if (_suspendCount == 0 || --_suspendCount > 0)
                return;
            ReleaseParkLocked();
            if (_suspendedSignaled)
            {
                _suspendedSignaled = false;
                UpdateState(ZxSignals.ThreadSuspended, ZxSignals.ThreadRunning);
            }
        }
        WakeKernelPark();
    }

    // Wakes the thread if it is stopped in a kernel wait (it checks again why it stopped).
    private void WakeKernelPark()
    {
        lock (_parkMonitor)
            Monitor.PulseAll(_parkMonitor);
    }

    // Lets a thread parked on its block go on. Under _lock.
    private unsafe void ReleaseParkLocked()
    {
        if (_park is null || Volatile.Read(ref _park->Requested) == 0)
            return;
        Volatile.Write(ref _park->Requested, 0);
        Kernel.HostThreadParking?.Wake((nint)_park);
    }

    /// <summary>Marks the calling thread (when it is a Zircon thread) as blocked in <paramref name="state"/> (a
    /// <c>ZX_THREAD_STATE_BLOCKED_*</c>) until the scope ends, so <c>ZX_INFO_THREAD</c> says what it waits in.</summary>
    public static BlockedScope BlockedIn(uint state) => new(t_current, state);

    /// <summary>The span of a blocking wait (see <see cref="BlockedIn"/>).</summary>
    internal readonly ref struct BlockedScope
    {
        private readonly ThreadDispatcher? _thread;

        public BlockedScope(ThreadDispatcher? thread, uint state)
        {
            _thread = thread;
            if (thread is not null)
                Volatile.Write(ref thread._blockedIn, state);
        }

        public void Dispose()
        {
            if (_thread is not null)
                Volatile.Write(ref _thread._blockedIn, 0);
        }
    }

    /// <summary>True while a suspension is asked for (read without the lock by blocking waits).</summary>
    public bool SuspendRequested => Volatile.Read(ref _suspendCount) > 0;

    /// <summary>On the thread itself, in a blocking wait of the kernel (or before its entry): stops while the thread
    /// is suspended and not killed, with ZX_THREAD_SUSPENDED asserted.</summary>
    public void ParkIfSuspended()
    {
        if (!SuspendRequested)
            return;
        lock (_lock)
        {
            if (_suspendCount == 0 || _killed)
                return;
            _parkedInKernel = true;
        }
        lock (_parkMonitor)
        {
            while (SuspendRequested && !_killed)
            {
                // Marked on every turn: a resume and a new suspension can both come between two turns, and the
                // resume took the mark away.
                lock (_lock)
                {
                    if (_suspendCount > 0 && !_killed && !_suspendedSignaled)
                        MarkSuspendedLocked();
                }
                Monitor.Wait(_parkMonitor);
            }
        }
        lock (_lock)
            _parkedInKernel = false;
    }

    /// <summary>After the C ABI heard that a thread parked on its block: asserts ZX_THREAD_SUSPENDED if it is (still)
    /// stopped there.</summary>
    public unsafe void NoticeHostPark()
    {
        lock (_lock)
        {
            if (_park is not null && _suspendCount > 0 && !_killed && Volatile.Read(ref _park->Parked) != 0)
                MarkSuspendedLocked();
        }
    }

    /// <summary>True while the thread's registers can be read: a suspension has stopped it (ZX_THREAD_SUSPENDED is
    /// asserted), or it waits in an exception (2018's <c>SUSPENDED || InExceptionLocked()</c>).</summary>
    public bool IsStopped
    {
        get { lock (_lock) return _suspendedSignaled || _exceptionWaitPort is not null; }
    }

    private void MarkSuspendedLocked()
    {
        if (_suspendedSignaled)
            return;
        _suspendedSignaled = true;
        UpdateState(ZxSignals.ThreadRunning, ZxSignals.ThreadSuspended);
    }

    /// <summary><c>ThreadDispatcher::ReadState</c> of the general registers (<paramref name="registers"/> holds 18):
    /// BAD_STATE unless the thread has stopped. A thread stopped in user code gives the registers of its signal frame;
    /// one stopped on its way out of a syscall its caller's return address and stack pointer and the callee-saved
    /// registers; one stopped in a blocking wait all zeros (Zx does not see the registers a syscall was entered
    /// with).</summary>
    public unsafe ZxStatus ReadGeneralRegisters(Span<ulong> registers)
    {
        lock (_lock)
        {
            if (_exceptionWaitPort is not null)
            {
                registers.Clear();
                if (_exceptionRegisters is not null)
                    new ReadOnlySpan<ulong>(_exceptionRegisters, Concurrency.ParkBlock.GeneralRegisters).CopyTo(registers); // SAFETY: the faulting thread's record lives while it waits
                return ZxStatus.Ok;
            }
            if (!_suspendedSignaled)
                return ZxStatus.BadState;
            registers.Clear();
            if (_park is not null && !_parkedInKernel && Volatile.Read(ref _park->Parked) != 0)
                new ReadOnlySpan<ulong>(_park->Registers, Concurrency.ParkBlock.GeneralRegisters).CopyTo(registers);
            return ZxStatus.Ok;
        }
    }

    /// <summary><c>ThreadDispatcher::WriteState</c> of the general registers: BAD_STATE unless the thread has
    /// stopped; NOT_SUPPORTED unless it stopped in user code (a syscall's way out cannot take new registers); the
    /// thread goes on with them when resumed.</summary>
    public unsafe ZxStatus WriteGeneralRegisters(ReadOnlySpan<ulong> registers)
    {
        lock (_lock)
        {
            if (_exceptionWaitPort is not null)
            {
                if (_exceptionRegisters is null)
                    return ZxStatus.NotSupported; // an exception raised in a syscall (a policy error) has no user context
                registers.CopyTo(new Span<ulong>(_exceptionRegisters, Concurrency.ParkBlock.GeneralRegisters)); // SAFETY: as above
                _exceptionRegistersWritten = true;
                return ZxStatus.Ok;
            }
            if (!_suspendedSignaled)
                return ZxStatus.BadState;
            if (_park is null || _parkedInKernel || Volatile.Read(ref _park->Parked) != Concurrency.ParkBlock.InUserCode)
                return ZxStatus.NotSupported;
            registers.CopyTo(new Span<ulong>(_park->Registers, Concurrency.ParkBlock.GeneralRegisters));
            Volatile.Write(ref _park->RegistersWritten, 1);
            return ZxStatus.Ok;
        }
    }

    /// <summary>The thread's own exception port binding.</summary>
    public ExceptionPortSlots ExceptionPorts { get; } = new();

    /// <summary><c>dispatch_user_exception</c>, on the thread itself: tries the debugger's port, the thread's, the
    /// process's, then each job's up to the root, queueing an exception packet on each bound port in turn and waiting
    /// (ZX_THREAD_STATE_BLOCKED_EXCEPTION) for <c>zx_task_resume_from_exception</c>: RESUME ends the exception,
    /// TRY_NEXT (or the port going away) moves to the next one. <paramref name="registers"/> (18 values, or null)
    /// are the faulting context's general registers, readable and writable with zx_thread_read_state/write_state
    /// while the thread waits; the return says whether they were written.</summary>
    public unsafe ExceptionOutcome HandleException(uint type, in ZxExceptionReport report, ulong* registers, out bool registersWritten)
    {
        registersWritten = false;
        using BlockedScope blocked = new(this, ZxThreadState.BlockedException);
        foreach (ExceptionPort port in ExceptionPortsToTry())
        {
            ExceptionOutcome outcome = Exchange(port, type, report, registers, ref registersWritten);
            if (outcome != ExceptionOutcome.NotHandled || _killed)
                return _killed ? ExceptionOutcome.Killed : outcome;
        }
        return _killed ? ExceptionOutcome.Killed : ExceptionOutcome.NotHandled;
    }

    /// <summary><c>ExceptionHandlerExchange</c> with one port: queues the packet and waits for the answer. Resume, or
    /// NotHandled for TRY_NEXT, the port's removal or a packet that could not be queued (2018 then gives up), or
    /// Killed.</summary>
    private unsafe ExceptionOutcome Exchange(ExceptionPort port, uint type, in ZxExceptionReport report, ulong* registers,
        ref bool registersWritten)
    {
        lock (_lock)
        {
            if (_killed)
                return ExceptionOutcome.Killed;
            _exceptionWaitPort = port;
            _exceptionState = ExceptionState.Unprocessed;
            _exceptionReport = report;
            _exceptionRegisters = registers;
        }
        Kernel.Exceptions.Add(this);
        ExceptionState answer;
        bool sent = false;
        try
        {
            if (port.SendPacket(this, type) != ZxStatus.Ok)
                return ExceptionOutcome.NotHandled; // 2018: any failure to deliver is fatal
            sent = true;
            lock (_exceptionMonitor)
            {
                while (true)
                {
                    lock (_lock)
                    {
                        if (_killed || _exceptionState != ExceptionState.Unprocessed)
                            break;
                    }
                    Monitor.Wait(_exceptionMonitor);
                }
            }
        }
        finally
        {
            Kernel.Exceptions.Remove(this);
            lock (_lock)
            {
                answer = _exceptionState;
                registersWritten |= _exceptionRegistersWritten;
                _exceptionRegistersWritten = false;
                _exceptionWaitPort = null;
                _exceptionState = ExceptionState.Idle;
                _exceptionRegisters = null;
            }
        }
        if (_killed)
            return ExceptionOutcome.Killed;
        return sent && answer == ExceptionState.Resume ? ExceptionOutcome.Resume : ExceptionOutcome.NotHandled;
    }

    /// <summary><c>OnThreadStartForDebugger</c> / <c>OnThreadExitForDebugger</c>: with a debugger bound to the
    /// process, the thread sends it ZX_EXCP_THREAD_STARTING before its entry runs, or ZX_EXCP_THREAD_EXITING as it
    /// ends, and waits (BLOCKED_EXCEPTION) until the debugger answers (either answer goes on), the port goes, or the
    /// thread is killed.</summary>
    private unsafe void ReportToDebugger(uint type)
    {
        if (Process.ExceptionPorts.Debugger is not ExceptionPort debugger)
            return;
        var report = new ZxExceptionReport { Size = 32, Type = type };
        bool written = false;
        using BlockedScope blocked = new(this, ZxThreadState.BlockedException);
        _ = Exchange(debugger, type, report, null, ref written);
    }

    /// <summary>True once the thread has ended (a binding to it is then NOT_FOUND, as in 2018).</summary>
    public bool HasEnded => Signals.HasFlag(ZxSignals.TaskTerminated);

    /// <summary>The 2018 order of exception ports, each read when its turn comes (a binding made meanwhile counts).</summary>
    private IEnumerable<ExceptionPort> ExceptionPortsToTry()
    {
        if (Process.ExceptionPorts.Debugger is ExceptionPort debugger)
            yield return debugger;
        if (ExceptionPorts.Regular is ExceptionPort own)
            yield return own;
        if (Process.ExceptionPorts.Regular is ExceptionPort process)
            yield return process;
        for (JobDispatcher? job = Process.Job; job is not null; job = job.Parent)
        {
            if (job.ExceptionPorts.Regular is ExceptionPort jobPort)
                yield return jobPort;
        }
    }

    /// <summary><c>MarkExceptionHandled</c>/<c>MarkExceptionNotHandled</c>: BAD_STATE unless the thread waits in an
    /// exception that has no answer yet; ACCESS_DENIED when <paramref name="port"/> is not the port it waits on.</summary>
    public ZxStatus MarkException(PortDispatcher? port, bool tryNext)
    {
        lock (_lock)
        {
            if (_exceptionWaitPort is null)
                return ZxStatus.BadState;
            if (port is not null && _exceptionWaitPort.Port != port)
                return ZxStatus.AccessDenied;
            if (_exceptionState != ExceptionState.Unprocessed)
                return ZxStatus.BadState;
            _exceptionState = tryNext ? ExceptionState.TryNext : ExceptionState.Resume;
        }
        WakeException();
        return ZxStatus.Ok;
    }

    /// <summary><c>OnExceptionPortRemoval</c>: a thread waiting on <paramref name="port"/> tries the next handler.</summary>
    public void OnExceptionPortRemoval(ExceptionPort port)
    {
        lock (_lock)
        {
            if (_exceptionWaitPort != port || _exceptionState != ExceptionState.Unprocessed)
                return;
            _exceptionState = ExceptionState.TryNext;
        }
        WakeException();
    }

    private void WakeException()
    {
        lock (_exceptionMonitor)
            Monitor.PulseAll(_exceptionMonitor);
    }

    /// <summary>ZX_INFO_THREAD's <c>wait_exception_port_type</c>: the type of the port whose answer the thread waits
    /// for, or NONE.</summary>
    public uint WaitExceptionPortType
    {
        get
        {
            lock (_lock)
                return _exceptionWaitPort is not null && _exceptionState == ExceptionState.Unprocessed ? (uint)_exceptionWaitPort.Type : 0;
        }
    }

    /// <summary><c>GetExceptionReport</c>: BAD_STATE unless the thread is in an exception.</summary>
    public ZxStatus GetExceptionReport(out ZxExceptionReport report)
    {
        lock (_lock)
        {
            report = _exceptionReport;
            return _exceptionWaitPort is null ? ZxStatus.BadState : ZxStatus.Ok;
        }
    }

    /// <summary>Marks the thread terminated when its process dies before it started.</summary>
    public void TerminateIfNotStarted()
    {
        lock (_lock)
        {
            if (_started)
                return;
            _started = true;
        }
        UpdateState(0, ZxSignals.TaskTerminated);
    }
}
