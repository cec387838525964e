using Zx.Kernel.Concurrency;

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
}
