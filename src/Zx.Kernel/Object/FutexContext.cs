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
    private readonly Dictionary<nuint, ulong> _owners = []; // the owner thread's koid of each owned word

    private sealed class FutexWaiter(Waiter waiter, nuint key, ulong threadKoid)
    {
        public Waiter Waiter { get; } = waiter;
        public ulong ThreadKoid { get; } = threadKoid;
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
        var entry = new FutexWaiter(waiter, (nuint)word, ThreadDispatcher.Current?.Koid ?? 0);
        lock (_lock)
        {
            if (!UserCopy.TryRead(word, out int value))
                return ZxStatus.InvalidArgs;
            if (value != expected)
                return ZxStatus.BadState;
            EnqueueLocked(entry);
        }
        using (ThreadDispatcher.BlockedIn(ZxThreadState.BlockedFutex))
            waiter.BlockUntilDone(caller, deadline);
        lock (_lock)
        {
            if (waiter.Satisfied)
                return ZxStatus.Ok; // the waker took it off its queue
            RemoveLocked(entry);
            return ZxStatus.TimedOut; // or the caller was killed: it never sees the status
        }
    }

    /// <summary><c>FutexWake</c>: wakes up to <paramref name="count"/> waiters of the word, oldest first, and leaves
    /// it without an owner. OK for a count of 0 (before anything else is checked), INVALID_ARGS for an unaligned
    /// word.</summary>
    public ZxStatus Wake(void* word, uint count)
    {
        if (count == 0)
            return ZxStatus.Ok;
        if (!IsAligned(word))
            return ZxStatus.InvalidArgs;
        lock (_lock)
        {
            WakeLocked((nuint)word, count);
            _owners.Remove((nuint)word);
        }
        return ZxStatus.Ok;
    }

    /// <summary><c>FutexWakeSingleOwner</c> (later Zircon): wakes the oldest waiter and makes its thread the word's
    /// owner; with no waiter the word has no owner. INVALID_ARGS for an unaligned word.</summary>
    public ZxStatus WakeSingleOwner(void* word)
    {
        if (!IsAligned(word))
            return ZxStatus.InvalidArgs;
        lock (_lock)
            WakeOneAsOwnerLocked((nuint)word);
        return ZxStatus.Ok;
    }

    /// <summary><c>FutexRequeueSingleOwner</c> (later Zircon): as <see cref="Requeue"/> with one waiter woken as the
    /// word's owner; <paramref name="newRequeueOwner"/> (a thread's koid, or 0) becomes the other word's owner.</summary>
    public ZxStatus RequeueSingleOwner(int* wakeWord, int expected, void* requeueWord, uint requeueCount, ulong newRequeueOwner) =>
        RequeueCore(wakeWord, 1, expected, requeueWord, requeueCount, newRequeueOwner);

    /// <summary><c>FutexGetOwner</c> (later Zircon): the koid of the word's owner thread, or 0. INVALID_ARGS for an
    /// unaligned word.</summary>
    public ZxStatus GetOwner(void* word, out ulong koid)
    {
        koid = 0;
        if (!IsAligned(word))
            return ZxStatus.InvalidArgs;
        lock (_lock)
            koid = _owners.GetValueOrDefault((nuint)word);
        return ZxStatus.Ok;
    }

    private void WakeOneAsOwnerLocked(nuint key)
    {
        if (_queues.TryGetValue(key, out LinkedList<FutexWaiter>? queue) && queue.First is { } node)
        {
            _owners[key] = node.Value.ThreadKoid;
            WakeLocked(key, 1);
        }
        else
        {
            _owners.Remove(key);
        }
    }

    /// <summary>A requeue's first checks: INVALID_ARGS for an unaligned word or the same word twice.</summary>
    public static ZxStatus CheckRequeue(void* wakeWord, void* requeueWord) =>
        !IsAligned(wakeWord) || !IsAligned(requeueWord) || wakeWord == requeueWord ? ZxStatus.InvalidArgs : ZxStatus.Ok;

    private static ZxStatus CheckValueLocked(int* word, int expected) =>
        !UserCopy.TryRead(word, out int value) ? ZxStatus.InvalidArgs : value != expected ? ZxStatus.BadState : ZxStatus.Ok;

    /// <summary><c>FutexRequeue</c>: INVALID_ARGS for an unaligned word or the same word twice, then (with the word
    /// read under the lock) INVALID_ARGS when it cannot be read, BAD_STATE when it does not hold
    /// <paramref name="expected"/>; otherwise wakes up to <paramref name="wakeCount"/> waiters and moves up to
    /// <paramref name="requeueCount"/> of the rest to <paramref name="requeueWord"/>.</summary>
    public ZxStatus Requeue(int* wakeWord, uint wakeCount, int expected, void* requeueWord, uint requeueCount) =>
        RequeueCore(wakeWord, wakeCount, expected, requeueWord, requeueCount, newRequeueOwner: null);

    // A requeue; with an owner for the other word (0: none), the one woken becomes the woken word's owner.
    private ZxStatus RequeueCore(int* wakeWord, uint wakeCount, int expected, void* requeueWord, uint requeueCount, ulong? newRequeueOwner)
    {
        ZxStatus status = CheckRequeue(wakeWord, requeueWord);
        if (status != ZxStatus.Ok)
            return status;
        lock (_lock)
        {
            status = CheckValueLocked(wakeWord, expected);
            if (status != ZxStatus.Ok)
                return status;
            if (newRequeueOwner is null)
                WakeLocked((nuint)wakeWord, wakeCount);
            else
                WakeOneAsOwnerLocked((nuint)wakeWord);
            MoveLocked((nuint)wakeWord, (nuint)requeueWord, requeueCount);
            if (newRequeueOwner == 0)
                _owners.Remove((nuint)requeueWord);
            else if (newRequeueOwner is { } owner)
                _owners[(nuint)requeueWord] = owner;
            return ZxStatus.Ok;
        }
    }

    // Moves up to count waiters, oldest first, from one word's queue to the other's.
    private void MoveLocked(nuint from, nuint to, uint count)
    {
        if (count == 0 || !_queues.TryGetValue(from, out LinkedList<FutexWaiter>? queue))
            return;
        for (uint moved = 0; moved < count && queue.First is { } node; moved++)
        {
            FutexWaiter entry = node.Value;
            RemoveLocked(entry);
            entry.Key = to;
            EnqueueLocked(entry);
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
