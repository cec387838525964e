using Zx.Kernel.Host;
using Zx.Kernel.Object;

namespace Zx.Kernel.Syscalls;

// Safety: pointer parameters are user memory, read and written only through UserCopy, which answers a fault.
public sealed unsafe partial class ZxSyscalls
{
    /// <summary><c>zx_object_get_info</c>: every 2018 topic but CPU_STATS, KMEM_STATS and SOCKET (objects Zx has
    /// not got), and the maps and VMOs of another process.</summary>
    /// <remarks>
    /// HANDLE_VALID: OK or BAD_HANDLE. HANDLE_BASIC, VMO, VMAR: no rights; BAD_HANDLE, WRONG_TYPE. RESOURCE: no
    /// rights. PROCESS, PROCESS_HANDLE_STATS, TASK_STATS, THREAD, THREAD_STATS, THREAD_EXCEPTION_REPORT, HANDLE_COUNT,
    /// BTI: READ. PROCESS_THREADS, JOB_CHILDREN, JOB_PROCESSES: ENUMERATE, koid lists (as many as fit; OK). One-record
    /// topics write the record when the buffer holds it (NULL buffer: INVALID_ARGS), then <c>actual</c> (1 or 0) and
    /// <c>avail</c> (1) when given, and return BUFFER_TOO_SMALL when it did not fit. The handle is always checked
    /// before anything else; unknown topics: NOT_SUPPORTED.
    /// </remarks>
    public ZxStatus ObjectGetInfo(ZxHandle handle, ZxInfoTopic topic, void* buffer, ulong bufferSize, ulong* actual, ulong* avail)
    {
        switch (topic)
        {
            case ZxInfoTopic.HandleValid:
                return Process.Handles.IsValid(handle) ? ZxStatus.Ok : ZxStatus.BadHandle;
            case ZxInfoTopic.HandleBasic:
            {
                using Lookup<Dispatcher> target = Process.GetDispatcher<Dispatcher>(handle);
                if (target.Failed)
                    return target.Status;
                Dispatcher d = target.Object;
                var info = new ZxInfoHandleBasic
                {
                    Koid = d.Koid,
                    Rights = target.Rights,
                    Type = d.Type,
                    RelatedKoid = d.RelatedKoid,
                    Props = d.HasStateTracker ? ZxConstants.ObjPropWaitable : ZxConstants.ObjPropNone,
                };
                return SingleRecordResult(buffer, bufferSize, actual, avail, info);
            }
            case ZxInfoTopic.Resource:
            {
                using Lookup<ResourceDispatcher> resource = Process.GetDispatcherWithRights<ResourceDispatcher>(handle, ZxRights.None);
                if (resource.Failed)
                    return resource.Status;
                return SingleRecordResult(buffer, bufferSize, actual, avail, resource.Object.GetInfo());
            }
            case ZxInfoTopic.Vmo:
            {
                using Lookup<VmObjectDispatcher> vmo = Process.GetDispatcher<VmObjectDispatcher>(handle);
                if (vmo.Failed)
                    return vmo.Status;
                return SingleRecordResult(buffer, bufferSize, actual, avail, vmo.Object.GetInfo(vmo.Rights));
            }
            case ZxInfoTopic.Process:
            {
                using Lookup<ProcessDispatcher> process = Process.GetDispatcherWithRights<ProcessDispatcher>(handle, ZxRights.Read);
                if (process.Failed)
                    return process.Status;
                return SingleRecordResult(buffer, bufferSize, actual, avail, process.Object.GetInfo());
            }
            case ZxInfoTopic.Vmar:
            {
                using Lookup<VmAddressRegionDispatcher> vmar = Process.GetDispatcher<VmAddressRegionDispatcher>(handle);
                if (vmar.Failed)
                    return vmar.Status;
                var info = new ZxInfoVmar { Base = vmar.Object.Vmar.Base, Len = vmar.Object.Vmar.Size };
                return SingleRecordResult(buffer, bufferSize, actual, avail, info);
            }
            case ZxInfoTopic.Bti:
            {
                using Lookup<BusTransactionInitiatorDispatcher> bti = Process.GetDispatcherWithRights<BusTransactionInitiatorDispatcher>(handle, ZxRights.Read);
                if (bti.Failed)
                    return bti.Status;
                var info = new ZxInfoBti { MinimumContiguity = BusTransactionInitiatorDispatcher.MinimumContiguity, AspaceSize = BusTransactionInitiatorDispatcher.AspaceSize };
                return SingleRecordResult(buffer, bufferSize, actual, avail, info);
            }
            case ZxInfoTopic.ProcessHandleStats:
            {
                using Lookup<ProcessDispatcher> process = Process.GetDispatcherWithRights<ProcessDispatcher>(handle, ZxRights.Read);
                if (process.Failed)
                    return process.Status;
                var info = new ZxInfoProcessHandleStats();
                process.Object.Handles.CountByType(info.HandleCount);
                return SingleRecordResult(buffer, bufferSize, actual, avail, info);
            }
            default:
                return TaskInfo(handle, topic, buffer, bufferSize, actual, avail);
        }
    }

    // The task topics, apart so that the common topics above keep a small frame (each look-up is a local the method
    // must clear on entry).
    private ZxStatus TaskInfo(ZxHandle handle, ZxInfoTopic topic, void* buffer, ulong bufferSize, ulong* actual, ulong* avail)
    {
        switch (topic)
        {
            case ZxInfoTopic.ProcessThreads:
            {
                using Lookup<ProcessDispatcher> process = Process.GetDispatcherWithRights<ProcessDispatcher>(handle, ZxRights.Enumerate);
                if (process.Failed)
                    return process.Status;
                return RecordListResult(buffer, bufferSize, actual, avail, process.Object.LiveThreadKoids());
            }
            case ZxInfoTopic.JobChildren:
            case ZxInfoTopic.JobProcesses:
            {
                using Lookup<JobDispatcher> job = Process.GetDispatcherWithRights<JobDispatcher>(handle, ZxRights.Enumerate);
                if (job.Failed)
                    return job.Status;
                List<ulong> koids = topic == ZxInfoTopic.JobChildren ? job.Object.ChildJobKoids() : Kernel.ProcessKoidsIn(job.Object);
                return RecordListResult(buffer, bufferSize, actual, avail, koids);
            }
            case ZxInfoTopic.Thread:
            {
                using Lookup<ThreadDispatcher> thread = Process.GetDispatcherWithRights<ThreadDispatcher>(handle, ZxRights.Read);
                if (thread.Failed)
                    return thread.Status;
                return SingleRecordResult(buffer, bufferSize, actual, avail, new ZxInfoThread { State = thread.Object.State, WaitExceptionPortType = thread.Object.WaitExceptionPortType });
            }
            case ZxInfoTopic.ThreadStats:
            {
                using Lookup<ThreadDispatcher> thread = Process.GetDispatcherWithRights<ThreadDispatcher>(handle, ZxRights.Read);
                if (thread.Failed)
                    return thread.Status;
                return SingleRecordResult(buffer, bufferSize, actual, avail, new ZxInfoThreadStats { TotalRuntime = thread.Object.TotalRuntime });
            }
            case ZxInfoTopic.ThreadExceptionReport:
            {
                // BAD_STATE for a thread that is not in an exception (2018).
                using Lookup<ThreadDispatcher> thread = Process.GetDispatcherWithRights<ThreadDispatcher>(handle, ZxRights.Read);
                if (thread.Failed)
                    return thread.Status;
                ZxStatus reported = thread.Object.GetExceptionReport(out ZxExceptionReport report);
                return reported != ZxStatus.Ok ? reported : SingleRecordResult(buffer, bufferSize, actual, avail, report);
            }
            case ZxInfoTopic.TaskStats:
            {
                using Lookup<ProcessDispatcher> process = Process.GetDispatcherWithRights<ProcessDispatcher>(handle, ZxRights.Read);
                if (process.Failed)
                    return process.Status;
                ZxStatus status = process.Object.GetTaskStats(out ZxInfoTaskStats stats);
                return status != ZxStatus.Ok ? status : SingleRecordResult(buffer, bufferSize, actual, avail, stats);
            }
            case ZxInfoTopic.HandleCount:
            {
                using Lookup<Dispatcher> target = Process.GetDispatcherWithRights<Dispatcher>(handle, ZxRights.Read);
                if (target.Failed)
                    return target.Status;
                return SingleRecordResult(buffer, bufferSize, actual, avail, new ZxInfoHandleCount { HandleCount = (uint)target.Object.HandleCount });
            }
            case ZxInfoTopic.CpuStats:
            case ZxInfoTopic.KmemStats:
            {
                // System-wide: gated by the root resource (2018 validate_resource ROOT), no rights checked.
                ZxStatus status = Process.ValidateResource(handle, ZxResourceKind.Root);
                if (status != ZxStatus.Ok)
                    return status;
                return topic == ZxInfoTopic.CpuStats
                    ? RecordListResult(buffer, bufferSize, actual, avail, LinuxCpuStats.Read())
                    : SingleRecordResult(buffer, bufferSize, actual, avail, Kernel.MemoryStats());
            }
            case ZxInfoTopic.Socket:
            {
                using Lookup<SocketDispatcher> socket = Process.GetDispatcherWithRights<SocketDispatcher>(handle, ZxRights.Inspect);
                if (socket.Failed)
                    return socket.Status;
                return SingleRecordResult(buffer, bufferSize, actual, avail, socket.Object.GetInfo());
            }
            case ZxInfoTopic.ProcessMaps:
            case ZxInfoTopic.ProcessVmos:
            {
                // The handle is checked first; a process may not look at its own address space (2018: the buffer
                // lives in it, so the walk could fault on what it walks).
                using Lookup<ProcessDispatcher> process = Process.GetDispatcherWithRights<ProcessDispatcher>(handle, ZxRights.Read);
                if (process.Failed)
                    return process.Status;
                if (process.Object == Process)
                    return ZxStatus.AccessDenied;
                return topic == ZxInfoTopic.ProcessMaps
                    ? RecordListResult(buffer, bufferSize, actual, avail, process.Object.AddressSpaceMaps())
                    : RecordListResult(buffer, bufferSize, actual, avail, process.Object.VmosInUse());
            }
            default:
                return ZxStatus.NotSupported;
        }
    }

    /// <summary>A topic whose answer is a list of records (koids, maps, VMOs): as many as fit are written,
    /// <c>actual</c> says how many and <c>avail</c> how many there are; OK even when not all fit (2018). INVALID_ARGS
    /// when the buffer or a count cannot be written.</summary>
    private static ZxStatus RecordListResult<T>(void* buffer, ulong bufferSize, ulong* actual, ulong* avail, List<T> records)
        where T : unmanaged
    {
        int fit = (int)Math.Min((ulong)records.Count, bufferSize / (ulong)sizeof(T));
        if (fit > 0 && !UserCopy.TryCopyOut((T*)buffer, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(records)[..fit]))
            return ZxStatus.InvalidArgs;
        return CountsOut(actual, (ulong)fit, avail, (ulong)records.Count, ZxStatus.Ok);
    }

    /// <summary>Writes a topic's optional <c>actual</c> and <c>avail</c> counts, in that order, and returns
    /// <paramref name="status"/>; INVALID_ARGS (and nothing more written) as soon as one cannot be written.</summary>
    private static ZxStatus CountsOut(ulong* actual, ulong actualCount, ulong* avail, ulong availCount, ZxStatus status) =>
        actual is not null && !UserCopy.TryWrite(actual, actualCount) ? ZxStatus.InvalidArgs : CopyOutIfWanted(avail, availCount, status);

    /// <summary><c>zx_object_get_info</c> for a topic with one fixed-size record.</summary>
    public ZxStatus ObjectGetInfo<T>(ZxHandle handle, ZxInfoTopic topic, out T record) where T : unmanaged
    {
        T result = default;
        ZxStatus status = ObjectGetInfo(handle, topic, &result, (ulong)sizeof(T), null, null);
        record = result;
        return status;
    }

    /// <summary><c>zx_object_get_property</c>: <c>ZX_PROP_NAME</c> and <c>ZX_PROP_PROCESS_DEBUG_ADDR</c>.</summary>
    /// <remarks>Rights: GET_PROPERTY. Errors, in order: INVALID_ARGS (NULL value, before the handle), BAD_HANDLE,
    /// ACCESS_DENIED, then per property: BUFFER_TOO_SMALL (NAME under 32 bytes; the others under 8), WRONG_TYPE
    /// (a process, socket or channel property on another object); INVALID_ARGS for an unknown id.</remarks>
    public ZxStatus ObjectGetProperty(ZxHandle handle, ZxProperty property, void* value, ulong size)
    {
        if (value is null)
            return ZxStatus.InvalidArgs;
        using Lookup<Dispatcher> target = Process.GetDispatcherWithRights<Dispatcher>(handle, ZxRights.GetProperty);
        if (target.Failed)
            return target.Status;
        switch (property)
        {
            case ZxProperty.Name:
                if (size < ZxConstants.MaxNameLength)
                    return ZxStatus.BufferTooSmall;
            {
                Span<byte> name = stackalloc byte[ZxConstants.MaxNameLength];
                target.Object.GetName(name);
                return UserCopy.TryCopyOut(value, name) ? ZxStatus.Ok : ZxStatus.InvalidArgs;
            }
            case ZxProperty.ProcessDebugAddr:
            case ZxProperty.ProcessVdsoBaseAddress:
                return GetULongProperty<ProcessDispatcher>(target.Object, value, size,
                    process => property == ZxProperty.ProcessDebugAddr ? process.DebugAddress : 0);
            case ZxProperty.SocketRxBufMax:
            case ZxProperty.SocketRxBufSize:
            case ZxProperty.SocketTxBufMax:
            case ZxProperty.SocketTxBufSize:
            case ZxProperty.SocketRxThreshold:
            case ZxProperty.SocketTxThreshold:
                return GetULongProperty<SocketDispatcher>(target.Object, value, size, socket => socket.GetProperty(property));
            case ZxProperty.ChannelTxMsgMax:
                // 2018: a channel queues without a count limit (SIZE_MAX); Zx's limit is the board's RAM.
                return GetULongProperty<ChannelDispatcher>(target.Object, value, size, _ => ulong.MaxValue);
            default:
                return ZxStatus.InvalidArgs;
        }
    }

    /// <summary><c>zx_object_set_property</c>: <c>ZX_PROP_NAME</c> (truncated to 31 bytes) and
    /// <c>ZX_PROP_PROCESS_DEBUG_ADDR</c>.</summary>
    /// <remarks>Rights: SET_PROPERTY. Errors, in order: INVALID_ARGS (NULL value), BAD_HANDLE, ACCESS_DENIED, then
    /// NOT_SUPPORTED (NAME on an object without a name), BUFFER_TOO_SMALL and WRONG_TYPE for the process and
    /// register properties, INVALID_ARGS for any other id.</remarks>
    public ZxStatus ObjectSetProperty(ZxHandle handle, ZxProperty property, void* value, ulong size)
    {
        if (value is null)
            return ZxStatus.InvalidArgs;
        using Lookup<Dispatcher> target = Process.GetDispatcherWithRights<Dispatcher>(handle, ZxRights.SetProperty);
        if (target.Failed)
            return target.Status;
        switch (property)
        {
            case ZxProperty.Name:
            {
                Span<byte> name = stackalloc byte[(int)Math.Min(size, (ulong)ZxConstants.MaxNameLength - 1)];
                if (!UserCopy.TryCopyIn(name, value))
                    return ZxStatus.InvalidArgs;
                int nul = name.IndexOf((byte)0);
                return target.Object.SetName(nul < 0 ? name : name[..nul]);
            }
            case ZxProperty.RegisterFs:
                return size < sizeof(ulong) ? ZxStatus.BufferTooSmall : ZxStatus.WrongType;
            case ZxProperty.SocketRxThreshold:
                return SetULongProperty<SocketDispatcher>(target.Object, value, size, (socket, threshold) => socket.SetReadThreshold(threshold));
            case ZxProperty.SocketTxThreshold:
                return SetULongProperty<SocketDispatcher>(target.Object, value, size, (socket, threshold) => socket.SetWriteThreshold(threshold));
            case ZxProperty.ProcessDebugAddr:
                return SetULongProperty<ProcessDispatcher>(target.Object, value, size, (process, address) =>
                {
                    process.DebugAddress = address;
                    return ZxStatus.Ok;
                });
            case ZxProperty.JobKillOnOom:
            {
                // A size_t, 0 or 1. Zx has no out-of-memory killer: the flag is kept and changes nothing.
                if (target.Object is not JobDispatcher job)
                    return ZxStatus.WrongType;
                ZxStatus status = CopyIn((ulong*)value, out ulong flag);
                if (status != ZxStatus.Ok)
                    return status;
                if (flag > 1)
                    return ZxStatus.InvalidArgs;
                job.KillOnOom = flag == 1;
                return ZxStatus.Ok;
            }
            default:
                return ZxStatus.InvalidArgs;
        }
    }

    /// <summary>A <c>size_t</c> property of a <typeparamref name="T"/> (2018 order): BUFFER_TOO_SMALL under 8 bytes,
    /// WRONG_TYPE for another object, then the value <paramref name="read"/> gives, copied out.</summary>
    private static ZxStatus GetULongProperty<T>(Dispatcher target, void* value, ulong size, Func<T, ulong> read) where T : Dispatcher =>
        size < sizeof(ulong) ? ZxStatus.BufferTooSmall
        : target is not T typed ? ZxStatus.WrongType
        : CopyOut((ulong*)value, read(typed));

    /// <summary>Sets a <c>size_t</c> property of a <typeparamref name="T"/> (2018 order): BUFFER_TOO_SMALL under 8
    /// bytes, WRONG_TYPE for another object, INVALID_ARGS when the value cannot be read, then what
    /// <paramref name="write"/> answers.</summary>
    private static ZxStatus SetULongProperty<T>(Dispatcher target, void* value, ulong size, Func<T, ulong, ZxStatus> write) where T : Dispatcher
    {
        if (size < sizeof(ulong))
            return ZxStatus.BufferTooSmall;
        if (target is not T typed)
            return ZxStatus.WrongType;
        ZxStatus status = CopyIn((ulong*)value, out ulong v);
        return status != ZxStatus.Ok ? status : write(typed, v);
    }

    /// <summary>A pinned managed span as a user pointer. <c>fixed</c> yields NULL for an empty span, but a span is
    /// never a faulting pointer, so an empty one gets a non-NULL address that is never read or written.</summary>
    private static void* ManagedBuffer(byte* pinned) => pinned is null ? (void*)EmptyManagedBuffer : pinned;

    private static readonly nint EmptyManagedBuffer = 1;

    /// <summary><c>single_record_result</c>: the 2018 rules for topics that return one record: the record when the
    /// buffer holds it, then <c>actual</c> and <c>avail</c> when given (NULL means not wanted); a copy that faults is
    /// INVALID_ARGS at that point, with what came before it written.</summary>
    private static ZxStatus SingleRecordResult<T>(void* buffer, ulong bufferSize, ulong* actual, ulong* avail, T record)
        where T : unmanaged
    {
        ulong copied = 0;
        if (bufferSize >= (ulong)sizeof(T))
        {
            if (!UserCopy.TryCopyOut(buffer, new ReadOnlySpan<byte>(&record, sizeof(T))))
                return ZxStatus.InvalidArgs;
            copied = 1;
        }
        return CountsOut(actual, copied, avail, 1, copied == 0 ? ZxStatus.BufferTooSmall : ZxStatus.Ok);
    }
}
