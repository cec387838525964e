using Zx.Kernel.Object;
using Zx.Kernel.Vm;

namespace Zx.Kernel;

/// <summary>One handle still open, as a leak report names it.</summary>
/// <param name="Value">The handle's value in its process.</param>
/// <param name="Type">The object's type.</param>
/// <param name="Koid">The object's koid.</param>
/// <param name="Rights">The handle's rights.</param>
/// <param name="CreatedBy">The syscall that put the handle in this table (<c>zx_vmo_create</c>, ...), or null when
/// the kernel was not recording it or the kernel made it itself.</param>
public sealed record HandleCensus(ZxHandle Value, ZxObjectType Type, ulong Koid, ZxRights Rights, string? CreatedBy);

/// <summary>One process at census time.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Koid">Its koid.</param>
/// <param name="IsDead">True once it was killed or exited.</param>
/// <param name="Handles">The handles its table holds.</param>
/// <param name="Mappings">How many mappings its address space has.</param>
/// <param name="MappedBytes">How many bytes those mappings cover.</param>
public sealed record ProcessCensus(string Name, ulong Koid, bool IsDead, IReadOnlyList<HandleCensus> Handles, int Mappings, ulong MappedBytes);

/// <summary>What is alive in a kernel: objects by type, each process's handles and mappings, committed memory.</summary>
/// <param name="ObjectsByType">Live kernel objects per type (types with none are left out).</param>
/// <param name="Processes">Every process, first process first.</param>
/// <param name="CommittedBytes">Board memory allocated to VMOs.</param>
public sealed record KernelCensus(IReadOnlyDictionary<ZxObjectType, long> ObjectsByType, IReadOnlyList<ProcessCensus> Processes, ulong CommittedBytes)
{
    /// <summary>Host address-space reservations the processes hold (one per live process; a dead one gives its
    /// reservation back).</summary>
    public int HostReservations { get; init; }

    /// <summary>Bytes of host address space those reservations cover.</summary>
    public ulong HostReservedBytes { get; init; }

    /// <summary>Objects that still have handles, none of which any live process can reach: every handle is in a
    /// message queued on a channel end that is itself unreachable (an end sent into its own queue, say). Only a
    /// kernel that records handle origins (the leak-report mode) keeps the list of objects this needs; otherwise it
    /// is empty.</summary>
    public IReadOnlyList<ObjectCensus> Unreachable { get; init; } = [];

    /// <summary>The records the kernel log keeps (<c>zx_debuglog_write</c>), oldest first.</summary>
    public IReadOnlyList<Object.DebugLogRecord> Log { get; init; } = [];
}

/// <summary>One kernel object in a census.</summary>
/// <param name="Type">Its type.</param>
/// <param name="Koid">Its koid.</param>
public sealed record ObjectCensus(ZxObjectType Type, ulong Koid);

public sealed partial class KernelContext
{
    // Every live object, kept only when handle origins are recorded (the census's reachability walk needs it).
    private readonly HashSet<Dispatcher>? _registry;

    // One counter per object type (the kernel's only count of live objects; the total is their sum).
    private readonly long[] _liveByType = new long[Enum.GetValues<ZxObjectType>().Max(t => (int)t) + 1];

    /// <summary>True when each handle remembers the syscall that created it (for leak reports); set by
    /// <see cref="KernelOptions.RecordHandleOrigins"/>.</summary>
    public bool RecordHandleOrigins { get; }

    private void CountType(ZxObjectType type, int delta) => Interlocked.Add(ref _liveByType[(int)type], delta);

    private long SumLiveByType()
    {
        long total = 0;
        for (int i = 0; i < _liveByType.Length; i++)
            total += Interlocked.Read(ref _liveByType[i]);
        return total;
    }

    /// <summary>Takes a census of what is alive now.</summary>
    public KernelCensus TakeCensus()
    {
        var byType = new Dictionary<ZxObjectType, long>();
        for (int i = 0; i < _liveByType.Length; i++)
        {
            long n = Interlocked.Read(ref _liveByType[i]);
            if (n != 0)
                byType[(ZxObjectType)i] = n;
        }
        ProcessContext[] processes;
        lock (_processesLock)
            processes = [.. _processes];
        var result = new List<ProcessCensus>(processes.Length);
        Span<byte> name = stackalloc byte[ZxConstants.MaxNameLength];
        foreach (ProcessContext p in processes)
        {
            ProcessDispatcher d = p.Dispatcher;
            name.Clear();
            d.GetName(name);
            int end = name.IndexOf((byte)0);
            (int mappings, ulong bytes) = d.IsDead ? (0, 0UL) : CountMappings(d.Aspace);
            result.Add(new ProcessCensus(System.Text.Encoding.UTF8.GetString(end < 0 ? name : name[..end]), d.Koid, d.IsDead,
                d.Handles.Census(), mappings, bytes));
        }
        int reservations = 0;
        ulong reserved = 0;
        foreach (ProcessContext p in processes)
        {
            if (p.Dispatcher.Aspace.IsReserved)
            {
                reservations++;
                reserved += p.Dispatcher.Aspace.Size;
            }
        }
        return new KernelCensus(byType, result, AllocatedPages * ZxConstants.PageSize)
        {
            HostReservations = reservations,
            HostReservedBytes = reserved,
            Unreachable = FindUnreachable(processes),
            Log = Log.Snapshot(),
        };
    }

    // Objects with handles that no live process reaches: the roots are the handles in live processes' tables; a
    // reached channel end makes the objects whose handles sit in its queue reached too.
    private List<ObjectCensus> FindUnreachable(ProcessContext[] processes)
    {
        if (_registry is null)
            return [];
        var reached = new HashSet<Dispatcher>();
        foreach (ProcessContext p in processes)
        {
            if (!p.Dispatcher.IsDead)
                p.Dispatcher.Handles.CollectObjects(reached);
        }
        var pending = new Stack<Dispatcher>(reached);
        var carried = new List<Dispatcher>();
        while (pending.TryPop(out Dispatcher? d))
        {
            carried.Clear();
            d.CollectCarriedObjects(carried);
            foreach (Dispatcher c in carried)
            {
                if (reached.Add(c))
                    pending.Push(c);
            }
        }
        Dispatcher[] live;
        lock (_registry)
            live = [.. _registry];
        return [.. live.Where(d => d.HandleCount > 0 && !reached.Contains(d)).OrderBy(d => d.Koid).Select(d => new ObjectCensus(d.Type, d.Koid))];
    }

    private static (int Count, ulong Bytes) CountMappings(VmAspace aspace)
    {
        lock (aspace.Lock)
        {
            int count = 0;
            ulong bytes = 0;
            var pending = new Stack<VmAddressRegion>();
            pending.Push(aspace.Root);
            while (pending.Count > 0)
            {
                foreach (VmAddressRegionOrMapping child in pending.Pop().ChildrenLocked)
                {
                    if (child is VmAddressRegion region)
                    {
                        pending.Push(region);
                    }
                    else
                    {
                        count++;
                        bytes += child.Size;
                    }
                }
            }
            return (count, bytes);
        }
    }
}
