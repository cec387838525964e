using Zx.Kernel.Concurrency;
using Zx.Kernel.Object;

namespace Zx.Kernel.Syscalls;

// Safety: the futex words are user memory, read only through UserCopy (FutexContext); their addresses are keys.
public sealed unsafe partial class ZxSyscalls
{
    /// <summary><c>zx_futex_wait</c>: sleeps while the word at <paramref name="valuePtr"/> holds
    /// <paramref name="currentValue"/>, until a wake or the deadline. Errors, in order: INVALID_ARGS (unaligned or
    /// unreadable word), BAD_STATE (another value), TIMED_OUT. A wake may come for no reason (spurious wake-ups are
    /// allowed), so callers re-check their condition, as with Zircon.</summary>
    public ZxStatus FutexWait(int* valuePtr, int currentValue, long deadline) =>
        Process.Futexes.Wait(Process, new Deadline(Kernel, deadline), valuePtr, currentValue);

    /// <summary><c>zx_futex_wake</c>: wakes up to <paramref name="count"/> waiters of the word (OK when none wait).
    /// INVALID_ARGS for an unaligned word (a count of 0 is OK before that check).</summary>
    public ZxStatus FutexWake(int* valuePtr, uint count) => Process.Futexes.Wake(valuePtr, count);

    /// <summary><c>zx_futex_requeue</c>: if the word at <paramref name="wakePtr"/> still holds
    /// <paramref name="currentValue"/>, wakes up to <paramref name="wakeCount"/> of its waiters and moves up to
    /// <paramref name="requeueCount"/> more to <paramref name="requeuePtr"/>. Errors, in order: INVALID_ARGS (an
    /// unaligned word, the same word twice, an unreadable word), BAD_STATE (another value).</summary>
    public ZxStatus FutexRequeue(int* wakePtr, uint wakeCount, int currentValue, int* requeuePtr, uint requeueCount) =>
        Process.Futexes.Requeue(wakePtr, wakeCount, currentValue, requeuePtr, requeueCount);

    /// <summary><c>zx_futex_wake_single_owner</c> (later Zircon): wakes the oldest waiter of the word and makes its
    /// thread the futex's owner (with no waiter, the futex has no owner). <c>zx_futex_wake</c> leaves it without one.
    /// Errors: INVALID_ARGS (an unaligned word).</summary>
    public ZxStatus FutexWakeSingleOwner(int* valuePtr) => Process.Futexes.WakeSingleOwner(valuePtr);

    /// <summary><c>zx_futex_requeue_single_owner</c> (later Zircon): if the word still holds
    /// <paramref name="currentValue"/>, wakes one waiter as its owner, moves up to <paramref name="requeueCount"/> more
    /// to <paramref name="requeuePtr"/> and makes <paramref name="newRequeueOwner"/> (a thread, or ZX_HANDLE_INVALID
    /// for none) that futex's owner. Errors, in order: INVALID_ARGS (an unaligned word, the same word twice),
    /// BAD_HANDLE, WRONG_TYPE (the owner is not a thread), INVALID_ARGS (an unreadable word), BAD_STATE (another
    /// value).</summary>
    public ZxStatus FutexRequeueSingleOwner(int* valuePtr, int currentValue, int* requeuePtr, uint requeueCount, ZxHandle newRequeueOwner)
    {
        ZxStatus checkedWords = FutexContext.CheckRequeue(valuePtr, requeuePtr);
        if (checkedWords != ZxStatus.Ok)
            return checkedWords;
        ulong owner = 0;
        if (newRequeueOwner.IsValid)
        {
            using Lookup<ThreadDispatcher> thread = Process.GetDispatcher<ThreadDispatcher>(newRequeueOwner);
            if (thread.Failed)
                return thread.Status;
            owner = thread.Object.Koid;
        }
        return Process.Futexes.RequeueSingleOwner(valuePtr, currentValue, requeuePtr, requeueCount, owner);
    }

    /// <summary><c>zx_futex_get_owner</c> (later Zircon): the koid of the futex's owner thread, or ZX_KOID_INVALID.
    /// Errors: INVALID_ARGS (an unaligned word, or <paramref name="koid"/> cannot be written).</summary>
    public ZxStatus FutexGetOwner(int* valuePtr, ulong* koid)
    {
        ZxStatus status = Process.Futexes.GetOwner(valuePtr, out ulong owner);
        return status != ZxStatus.Ok ? status : CopyOut(koid, owner);
    }
}
