using Zx.Kernel.Concurrency;
using Zx.Kernel.Host;

namespace Zx.Kernel.Object;

/// <summary>A process's futexes (Zircon's <c>FutexContext</c>): waiters queued by the address of an aligned 32-bit
/// word in the process, woken and moved between words by the process's own threads.</summary>
/// <remarks>The value check and the queueing happen under one lock, and so does a wake, so a thread that changes the
/// word and then wakes can never slip between another thread's check and its sleep: no wake-up is lost. A waiter
/// blocks on the kernel's usual wait (a killed thread or dead process ends it), not on the host futex, so deadlines,
/// kills and requeues behave as in Zircon whatever the word's memory is.</remarks>
// Safety: the futex word is user memory, read only through UserCopy; addresses are only compared as keys.
internal sealed unsafe class FutexContext
{
    private readonly Lock _lock = new();
    private readonly Dictionary<nuint, LinkedList<FutexWaiter>> _queues = [];

    private sealed class FutexWaiter(Waiter waiter, nuint key)
    {
        public Waiter Waiter { get; } = waiter;
        public nuint Key { get; set; } = key;
        public LinkedListNode<FutexWaiter>? Node { get; set; }
    }

    /// <summary>Waiters queued on any word right now.</summary>
    public int WaiterCount
    {
        get
        {
            lock (_lock)
                return _queues.Values.Sum(q => q.Count);
        }
    }

    private static bool IsAligned(void* address) => ((nuint)address & (sizeof(int) - 1)) == 0;

    /// <summary><c>FutexWait</c>: INVALID_ARGS for an unaligned word or one that cannot be read, BAD_STATE when it
    /// does not hold <paramref name="expected"/>; otherwise blocks until woken (OK) or the deadline passes
    /// (TIMED_OUT).</summary>
    public ZxStatus Wait(ProcessDispatcher caller, Deadline deadline, int* word, int expected)
    {
        if (!IsAligned(word))
            return ZxStatus.InvalidArgs;
        using var waiter = new Waiter(caller, ZxHandle.Invalid, ZxSignals.None);
        var entry = new FutexWaiter(waiter, (nuint)word);
        lock (_lock)
        {
            if (!UserCopy.TryRead(word, out int value))
                return ZxStatus.InvalidArgs;
            if (value != expected)
                return ZxStatus.BadState;
            EnqueueLocked(entry);
        }
        waiter.BlockUntilDone(caller, deadline);
        lock (_lock)
        {
            if (waiter.Satisfied)
                return ZxStatus.Ok; // the waker took it off its queue
            RemoveLocked(entry);
            return ZxStatus.TimedOut; // or the caller was killed: it never sees the status
        }
    }

    /// <summary><c>FutexWake</c>: wakes up to <paramref name="count"/> waiters of the word, oldest first. OK for a
    /// count of 0 (before anything else is checked), INVALID_ARGS for an unaligned word.</summary>
    public ZxStatus Wake(void* word, uint count)
    {
        if (count == 0)
            return ZxStatus.Ok;
        if (!IsAligned(word))
            return ZxStatus.InvalidArgs;
        lock (_lock)
            WakeLocked((nuint)word, count);
        return ZxStatus.Ok;
    }

    /// <summary><c>FutexRequeue</c>: INVALID_ARGS for an unaligned word or the same word twice, then (with the word
    /// read under the lock) INVALID_ARGS when it cannot be read, BAD_STATE when it does not hold
    /// <paramref name="expected"/>; otherwise wakes up to <paramref name="wakeCount"/> waiters and moves up to
    /// <paramref name="requeueCount"/> of the rest to <paramref name="requeueWord"/>.</summary>
    public ZxStatus Requeue(int* wakeWord, uint wakeCount, int expected, void* requeueWord, uint requeueCount)
    {
        if (!IsAligned(wakeWord) || !IsAligned(requeueWord))
            return ZxStatus.InvalidArgs;
        if (wakeWord == requeueWord)
            return ZxStatus.InvalidArgs;
        lock (_lock)
        {
            if (!UserCopy.TryRead(wakeWord, out int value))
                return ZxStatus.InvalidArgs;
            if (value != expected)
                return ZxStatus.BadState;
            WakeLocked((nuint)wakeWord, wakeCount);
            if (requeueCount == 0 || !_queues.TryGetValue((nuint)wakeWord, out LinkedList<FutexWaiter>? from))
                return ZxStatus.Ok;
            for (uint moved = 0; moved < requeueCount && from.First is { } node; moved++)
            {
                FutexWaiter entry = node.Value;
                RemoveLocked(entry);
                entry.Key = (nuint)requeueWord;
                EnqueueLocked(entry);
            }
            return ZxStatus.Ok;
        }
    }

    private void WakeLocked(nuint key, uint count)
    {
        if (!_queues.TryGetValue(key, out LinkedList<FutexWaiter>? queue))
            return;
        for (uint woken = 0; woken < count && queue.First is { } node; woken++)
        {
            FutexWaiter entry = node.Value;
            RemoveLocked(entry);
            entry.Waiter.MarkSatisfied();
            entry.Waiter.Wake();
        }
    }

    private void EnqueueLocked(FutexWaiter entry)
    {
        if (!_queues.TryGetValue(entry.Key, out LinkedList<FutexWaiter>? queue))
            _queues.Add(entry.Key, queue = new LinkedList<FutexWaiter>());
        entry.Node = queue.AddLast(entry);
    }

    private void RemoveLocked(FutexWaiter entry)
    {
        if (entry.Node is null)
            return;
        LinkedList<FutexWaiter> queue = entry.Node.List!;
        queue.Remove(entry.Node);
        entry.Node = null;
        if (queue.Count == 0)
            _queues.Remove(entry.Key);
    }
}
