namespace Zx.Kernel.Object;

/// <summary>One record of the kernel log (the 2018 <c>dlog</c> record): when it was written, by which process and
/// thread (koids; 0 for the kernel), its flags (the level bits) and its bytes.</summary>
public sealed record DebugLogRecord(long Timestamp, ulong Pid, ulong Tid, ushort Flags, byte[] Data)
{
    /// <summary>The record's size in <c>zx_log_record_t</c> form: the 32-byte header and the data.</summary>
    public int WireSize => DebugLog.HeaderSize + Data.Length;
}

/// <summary>The kernel log (Zircon's <c>dlog</c>): a ring of records that <c>zx_debuglog_write</c> appends to and
/// every readable log object reads from its own position; the oldest records go when the 2018 128 KiB buffer is
/// full.</summary>
internal sealed class DebugLog
{
    /// <summary><c>sizeof(zx_log_record_t)</c> without its data.</summary>
    public const int HeaderSize = 32;
    /// <summary><c>DLOG_MAX_DATA</c>: a record carries at most 224 bytes.</summary>
    public const int MaxData = 256 - HeaderSize;
    /// <summary><c>DLOG_SIZE</c>: the ring's bytes (records count 4-byte aligned, as on the wire).</summary>
    public const int Capacity = 128 * 1024;

    private readonly Lock _lock = new();
    // The records kept, oldest at _head: every record takes at least a header's bytes of the ring, so at most
    // Capacity / HeaderSize are kept. Made on the first write.
    private DebugLogRecord[]? _records;
    private int _head;
    private int _count;
    private readonly List<LogDispatcher> _readers = [];
    private long _firstSequence; // the sequence number of the oldest record kept
    private int _bytes;

    /// <summary>Appends a record, dropping the oldest ones it has no room beside, and tells every reader that
    /// something is there to read.</summary>
    public void Write(DebugLogRecord record)
    {
        LogDispatcher[] readers;
        lock (_lock)
        {
            DebugLogRecord[] ring = _records ??= new DebugLogRecord[Capacity / HeaderSize];
            int size = Aligned(record.WireSize);
            while (_bytes + size > Capacity)
            {
                _bytes -= Aligned(ring[_head].WireSize);
                ring[_head] = null!;
                _head = (_head + 1) % ring.Length;
                _count--;
                _firstSequence++;
            }
            ring[(_head + _count) % ring.Length] = record;
            _count++;
            _bytes += size;
            readers = [.. _readers];
        }
        foreach (LogDispatcher reader in readers)
            reader.OnRecordWritten();
    }

    private static int Aligned(int size) => (size + 3) & ~3;

    /// <summary>The record at <paramref name="position"/> (a sequence number), or the oldest kept when that one is
    /// gone; null when nothing is there. <paramref name="next"/> is the position after it.</summary>
    public DebugLogRecord? ReadAt(long position, out long next)
    {
        lock (_lock)
        {
            long at = Math.Max(position, _firstSequence);
            long index = at - _firstSequence;
            next = at;
            if (index >= _count)
                return null;
            next = at + 1;
            return _records![(_head + (int)index) % _records.Length];
        }
    }

    /// <summary>Every record kept, oldest first.</summary>
    public IReadOnlyList<DebugLogRecord> Snapshot()
    {
        lock (_lock)
            return [.. Enumerable.Range(0, _count).Select(i => _records![(_head + i) % _records.Length])];
    }

    /// <summary>The position of the oldest record kept (where a new reader starts).</summary>
    public long FirstPosition
    {
        get { lock (_lock) return _firstSequence; }
    }

    /// <summary>The position after the newest record.</summary>
    public long EndPosition
    {
        get { lock (_lock) return _firstSequence + _count; }
    }

    public void AddReader(LogDispatcher reader)
    {
        lock (_lock)
            _readers.Add(reader);
    }

    public void RemoveReader(LogDispatcher reader)
    {
        lock (_lock)
            _readers.Remove(reader);
    }
}

/// <summary>A log object (Zircon's <c>LogDispatcher</c>): writes records to the kernel log and, when made readable,
/// reads them from its own position, starting with the oldest kept. ZX_LOG_WRITABLE always; ZX_LOG_READABLE while a
/// readable one has something to read.</summary>
internal sealed class LogDispatcher : Dispatcher
{
    private readonly DebugLog _log;
    private readonly uint _flags;
    private long _position; // the next record to read; under the log object's own lock
    private readonly Lock _lock = new();

    public LogDispatcher(KernelContext kernel, uint flags) : base(kernel, ZxSignals.ObjectWritable)
    {
        _log = kernel.Log;
        _flags = flags;
        if (IsReadable)
        {
            _position = _log.FirstPosition;
            _log.AddReader(this);
            if (_log.EndPosition > _position)
                UpdateState(0, ZxSignals.ObjectReadable);
        }
    }

    /// <summary><c>ZX_LOG_FLAG_READABLE</c>.</summary>
    public const uint FlagReadable = 0x40000000;

    /// <summary>True for a log object made with ZX_LOG_FLAG_READABLE.</summary>
    public bool IsReadable => (_flags & FlagReadable) != 0;

    /// <inheritdoc/>
    public override ZxObjectType Type => ZxObjectType.Log;

    /// <inheritdoc/>
    protected override void OnDestroy()
    {
        if (IsReadable)
            _log.RemoveReader(this);
    }

    /// <summary>A record was written: a readable log has something to read.</summary>
    public void OnRecordWritten() => UpdateState(0, ZxSignals.ObjectReadable);

    /// <summary><c>LogDispatcher::Write</c>: appends a record with this object's flags and <paramref name="flags"/>.</summary>
    public void Write(uint flags, ReadOnlySpan<byte> data, ulong pid, ulong tid) =>
        _log.Write(new DebugLogRecord(Kernel.MonotonicNow, pid, tid, (ushort)(_flags | flags), data.ToArray()));

    /// <summary><c>LogDispatcher::Read</c>, in two steps so that a record is taken only once it was copied out: the
    /// next record for this object, and in <paramref name="next"/> the position to give <see cref="MarkRead"/>.
    /// BAD_STATE when not readable, SHOULD_WAIT (READABLE cleared) when it has read everything.</summary>
    public ZxStatus PeekNext(out DebugLogRecord? record, out long next)
    {
        record = null;
        next = 0;
        if (!IsReadable)
            return ZxStatus.BadState;
        lock (_lock)
        {
            record = _log.ReadAt(_position, out next);
            if (record is not null)
                return ZxStatus.Ok;
            _position = next;
            UpdateState(ZxSignals.ObjectReadable, 0);
            if (_log.EndPosition > _position) // a write raced with the clear
                UpdateState(0, ZxSignals.ObjectReadable);
            return ZxStatus.ShouldWait;
        }
    }

    /// <summary>Takes the records before <paramref name="next"/> (from <see cref="PeekNext"/>).</summary>
    public void MarkRead(long next)
    {
        lock (_lock)
            _position = Math.Max(_position, next);
    }
}
