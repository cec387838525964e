using Zx.Kernel.Host;
using Zx.Kernel.Object;

namespace Zx.Kernel.Syscalls;

// Safety: pointer parameters are user memory, read and written only through UserCopy, which answers a fault.
public sealed unsafe partial class ZxSyscalls
{
    /// <summary><c>ZX_LOG_FLAGS_MASK</c>: the flag bits a record may carry.</summary>
    private const uint LogFlagsMask = 0xFFFF;

    /// <summary><c>zx_log_create</c> (2018): a log object; ZX_LOG_FLAG_READABLE makes it readable (and adds READ to
    /// its rights). The other option bits are kept and added to each record it writes.</summary>
    /// <remarks>Errors: NO_MEMORY, INVALID_ARGS (a bad out pointer; nothing is left).</remarks>
    public ZxStatus LogCreate(uint options, ZxHandle* @out)
    {
        var log = new LogDispatcher(Kernel, options);
        ZxRights rights = ZxDefaultRights.Log | (log.IsReadable ? ZxRights.Read : 0);
        return MakeHandleAndRelease(log, rights, @out);
    }

    /// <summary><c>zx_debuglog_create</c>: <c>zx_log_create</c> behind the root resource.</summary>
    /// <remarks>Errors: BAD_HANDLE, WRONG_TYPE (not the root resource), then those of <c>zx_log_create</c>.</remarks>
    public ZxStatus DebuglogCreate(ZxHandle resource, uint options, ZxHandle* @out)
    {
        ZxStatus status = Process.ValidateResource(resource, ZxResourceKind.Root);
        return status != ZxStatus.Ok ? status : LogCreate(options, @out);
    }

    /// <summary><c>zx_debuglog_write</c>: appends one record of at most 224 bytes to the kernel log, stamped with the
    /// time and the calling process's and thread's koids.</summary>
    /// <remarks>Rights: WRITE. Errors, in order: OUT_OF_RANGE (over 224 bytes), INVALID_ARGS (options outside
    /// ZX_LOG_FLAGS_MASK), BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE, INVALID_ARGS (the bytes cannot be read).</remarks>
    public ZxStatus DebuglogWrite(ZxHandle handle, uint options, byte* buffer, nuint bufferSize)
    {
        if (bufferSize > DebugLog.MaxData)
            return ZxStatus.OutOfRange;
        if ((options & ~LogFlagsMask) != 0)
            return ZxStatus.InvalidArgs;
        using Lookup<LogDispatcher> log = Process.GetDispatcherWithRights<LogDispatcher>(handle, ZxRights.Write);
        if (log.Failed)
            return log.Status;
        Span<byte> data = stackalloc byte[(int)bufferSize];
        if (!UserCopy.TryCopyIn(data, buffer))
            return ZxStatus.InvalidArgs;
        log.Object.Write(options, data, Process.Koid, ThreadDispatcher.Current?.Koid ?? 0);
        return ZxStatus.Ok;
    }

    /// <summary><c>zx_debuglog_read</c>: the next record this log object has not read, as a <c>zx_log_record_t</c>
    /// (32-byte header, then the data); returns the record's size in bytes (a positive status).</summary>
    /// <remarks>Rights: READ. Errors, in order: INVALID_ARGS (options), BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE,
    /// BAD_STATE (not readable), SHOULD_WAIT (nothing new), BUFFER_TOO_SMALL (the buffer is shorter than the record,
    /// which stays next; 2018 wrote past it), INVALID_ARGS (the buffer cannot be written: the record stays next).</remarks>
    public ZxStatus DebuglogRead(ZxHandle handle, uint options, byte* buffer, nuint bufferSize)
    {
        if (options != 0)
            return ZxStatus.InvalidArgs;
        using Lookup<LogDispatcher> log = Process.GetDispatcherWithRights<LogDispatcher>(handle, ZxRights.Read);
        if (log.Failed)
            return log.Status;
        ZxStatus status = log.Object.PeekNext(out DebugLogRecord? record, out long next);
        if (status != ZxStatus.Ok)
            return status;
        int size = record!.WireSize;
        if (bufferSize < (ulong)size)
            return ZxStatus.BufferTooSmall;
        Span<byte> wire = stackalloc byte[size];
        wire.Clear();
        BitConverter.TryWriteBytes(wire[4..], (ushort)record.Data.Length);
        BitConverter.TryWriteBytes(wire[6..], record.Flags);
        BitConverter.TryWriteBytes(wire[8..], record.Timestamp);
        BitConverter.TryWriteBytes(wire[16..], record.Pid);
        BitConverter.TryWriteBytes(wire[24..], record.Tid);
        record.Data.CopyTo(wire[DebugLog.HeaderSize..]);
        if (!UserCopy.TryCopyOut(buffer, wire))
            return ZxStatus.InvalidArgs;
        log.Object.MarkRead(next);
        return (ZxStatus)size;
    }

    /// <summary><c>zx_log_write</c> (2018): <c>zx_debuglog_write</c> with its arguments in the older order.</summary>
    public ZxStatus LogWrite(ZxHandle handle, uint len, void* buffer, uint options) => DebuglogWrite(handle, options, (byte*)buffer, len);

    /// <summary><c>zx_log_read</c> (2018): <c>zx_debuglog_read</c> with its arguments in the older order.</summary>
    public ZxStatus LogRead(ZxHandle handle, uint len, void* buffer, uint options) => DebuglogRead(handle, options, (byte*)buffer, len);
}
