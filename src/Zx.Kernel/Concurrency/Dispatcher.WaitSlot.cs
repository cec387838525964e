using System.Runtime.CompilerServices;
using Zx.Kernel.Concurrency;

namespace Zx.Kernel.Object;

/// <summary>The states of an object's wait slot: the one blocking wait at a time that waits in the object's state
/// word instead of its waiter list (docs/concurrency.md).</summary>
internal enum WaitSlotState
{
    /// <summary>No wait holds the slot.</summary>
    Free = 0,
    /// <summary>A wait holds it and its signals are not asserted yet.</summary>
    Waiting = 1,
    /// <summary>The waiting thread sleeps on its event.</summary>
    Blocked = 2,
    /// <summary>A signal the wait watches was asserted.</summary>
    Satisfied = 3,
    /// <summary>The handle waited through was closed.</summary>
    Closed = 4,
    /// <summary>A wait is filling in the slot's fields.</summary>
    Claiming = 5,
}

// The wait slot and zx_object_wait_one's wait: claim the slot (or join the waiter list when another wait holds it),
// spin a little, then sleep on the thread's event until a signal, a close, the deadline or the caller's death.
internal abstract partial class Dispatcher
{
    // Moves the slot to `to` with one compare-and-swap while its state is `from`; returns the word it replaced, or
    // null when the state was something else.
    private long? MoveSlot(WaitSlotState from, WaitSlotState to)
    {
        long word = Volatile.Read(ref _state);
        while (SlotStateOf(word) == from)
        {
            long found = Interlocked.CompareExchange(ref _state, WithSlotState(word, to), word);
            if (found == word)
                return word;
            word = found;
        }
        return null;
    }

    // Moves the slot to `to` whatever its state; returns the word it replaced.
    private long ForceSlot(WaitSlotState to)
    {
        long word = Volatile.Read(ref _state);
        while (true)
        {
            long found = Interlocked.CompareExchange(ref _state, WithSlotState(word, to), word);
            if (found == word)
                return word;
            word = found;
        }
    }

    /// <summary>The wait of <c>zx_object_wait_one</c> through <paramref name="handle"/> of <paramref name="process"/>:
    /// until any of <paramref name="signals"/> is asserted (OK), the deadline passes (TIMED_OUT), the handle is
    /// closed (CANCELED, and <paramref name="observed"/> includes <c>ZX_SIGNAL_HANDLE_CLOSED</c>) or the caller is
    /// abandoned (its process died or its thread was killed: TIMED_OUT, which nobody sees). An already-asserted
    /// signal returns OK at once, whatever the deadline. <paramref name="observed"/> is the object's signals at the
    /// end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ZxStatus WaitOne(ProcessDispatcher process, ZxHandle handle, ZxSignals signals, long deadline, out ZxSignals observed)
    {
        ZxSignals now = Signals;
        if ((now & signals) != 0)
        {
            // Already asserted: the kernel's waiter would be satisfied on registration; skip registering it.
            observed = now;
            return ZxStatus.Ok;
        }
        return WaitOneBlocking(process, handle, signals, new Deadline(Kernel, deadline), out observed);
    }

    // The wait when the signals are not asserted yet: in the slot when it is free, else in the waiter list.
    private ZxStatus WaitOneBlocking(ProcessDispatcher process, ZxHandle handle, ZxSignals signals, Deadline deadline, out ZxSignals observed)
    {
        using ThreadDispatcher.BlockedScope blocked = ThreadDispatcher.BlockedIn(ZxThreadState.BlockedWaitOne);
        if (TryClaimWaitSlot(process, handle, signals))
            return WaitInSlot(process, handle, deadline, out observed);
        using var waiter = new Waiter(process, handle, signals);
        AddWaiter(waiter);
        // A close that raced with registering would have found no waiter to cancel: check the handle again.
        if (!process.Handles.StillNames(handle, this))
            waiter.CancelByHandleClose();
        waiter.BlockUntilDone(process, deadline);
        RemoveWaiter(waiter);
        observed = Signals | (waiter.HandleClosed ? ZxSignals.HandleClosed : 0);
        return waiter.HandleClosed ? ZxStatus.Canceled : waiter.Satisfied ? ZxStatus.Ok : ZxStatus.TimedOut;
    }

    // The rest of the wait for one that holds the wait slot: spin a little on the slot (a wake-up within that time
    // costs one cache-line transfer), then sleep on this thread's event.
    private ZxStatus WaitInSlot(ProcessDispatcher process, ZxHandle handle, Deadline deadline, out ZxSignals observed)
    {
        // A close that raced with the claim would have found the slot free: check the handle again.
        if (!process.Handles.StillNames(handle, this))
            CloseWaitSlot();
        if (SlotState == WaitSlotState.Waiting && deadline.Value > 0 && !SpinWhileWaiting(deadline))
        {
            // The event is re-armed before each check of the slot, so a late wake meant for an earlier wait of this
            // thread only costs one more check.
            ManualResetEventSlim wake = Waiter.ThisThreadsEvent();
            wake.Reset();
            if (TryBlockInWaitSlot(wake))
            {
                while (SlotState == WaitSlotState.Blocked && !Deadline.IsAbandoned(process))
                {
                    TimeSpan? left = deadline.Remaining();
                    if (left == TimeSpan.Zero)
                        break;
                    wake.Wait(Deadline.CheckSlice(left));
                    wake.Reset();
                }
            }
        }
        WaitSlotState outcome = LeaveWaitSlot();
        observed = Signals | (outcome == WaitSlotState.Closed ? ZxSignals.HandleClosed : 0);
        return outcome switch
        {
            WaitSlotState.Satisfied => ZxStatus.Ok,
            WaitSlotState.Closed => ZxStatus.Canceled,
            _ => ZxStatus.TimedOut,
        };
    }

    // Spins without giving up the CPU while the slot is Waiting (BoundedSpin); true when the wait ended.
    private bool SpinWhileWaiting(Deadline deadline) => BoundedSpin.Until(new SlotLeftWaiting(this), deadline);

    private readonly struct SlotLeftWaiting(Dispatcher dispatcher) : ISpinCheck
    {
        public bool Ended() => dispatcher.SlotState != WaitSlotState.Waiting;
    }

    /// <summary>Takes the wait slot for a wait on <paramref name="watched"/> through <paramref name="handle"/>;
    /// false when another wait holds it (that wait then uses the waiter list). The claim's last compare-and-swap is
    /// a full fence: the claim is visible before the caller reads the handle table again.</summary>
    private bool TryClaimWaitSlot(ProcessDispatcher process, ZxHandle handle, ZxSignals watched)
    {
        // The same wait again (same process, handle and signals: a thread waiting on the object in a loop) finds the
        // fields already right and claims the free slot with one compare-and-swap. Every completed claim moves the
        // claim count in the word, so the swap fails if anyone claimed the slot (and could have changed the fields)
        // after the word was read; a claim in progress is not Free.
        long seen = Volatile.Read(ref _state);
        if (SlotStateOf(seen) == WaitSlotState.Free && ReferenceEquals(_slotProcess, process) && _slotHandle == handle
            && Volatile.Read(ref _slotWatched) == (uint)watched)
        {
            WaitSlotState direct = (SignalsOf(seen) & watched) != 0 ? WaitSlotState.Satisfied : WaitSlotState.Waiting;
            if (Interlocked.CompareExchange(ref _state, CountingClaim(WithSlotState(seen, direct)), seen) == seen)
                return true;
        }
        if (MoveSlot(WaitSlotState.Free, WaitSlotState.Claiming) is null)
            return false;
        // Written only when they change, so a thread that waits on the object again and again leaves their cache
        // line shared with the threads that signal it.
        if (_slotProcess != process)
            _slotProcess = process;
        if (_slotHandle != handle)
            _slotHandle = handle;
        if (_slotWatched != (uint)watched)
            Volatile.Write(ref _slotWatched, (uint)watched);
        long word = Volatile.Read(ref _state);
        while (true)
        {
            WaitSlotState state = (SignalsOf(word) & watched) != 0 ? WaitSlotState.Satisfied : WaitSlotState.Waiting;
            long found = Interlocked.CompareExchange(ref _state, CountingClaim(WithSlotState(word, state)), word);
            if (found == word)
                return true;
            word = found;
        }
    }

    /// <summary>Blocking waits and asynchronous waits registered on the object (the slot's included).</summary>
    internal int RegisteredWaits => (SlotState is WaitSlotState.Waiting or WaitSlotState.Blocked ? 1 : 0) + Volatile.Read(ref _waiterCount);

    /// <summary>The wait slot's state.</summary>
    private WaitSlotState SlotState => SlotStateOf(Volatile.Read(ref _state));

    /// <summary>Moves the caller's waiting slot to Blocked, to sleep on <paramref name="wake"/>; false when the
    /// wait already ended.</summary>
    private bool TryBlockInWaitSlot(ManualResetEventSlim wake)
    {
        Volatile.Write(ref _slotEvent, wake);
        return MoveSlot(WaitSlotState.Waiting, WaitSlotState.Blocked) is not null;
    }

    /// <summary>Ends the caller's slot wait as closed (a close that raced with the claim); a close wins over a
    /// signal that came at the same time.</summary>
    private void CloseWaitSlot() => ForceSlot(WaitSlotState.Closed);

    /// <summary>The slot's owner leaves it: returns how the wait ended (Satisfied, Closed, or Waiting/Blocked for a
    /// timeout) and frees the slot.</summary>
    private WaitSlotState LeaveWaitSlot() => SlotStateOf(ForceSlot(WaitSlotState.Free)); // the fields only count while the slot is claimed

    // Ends the slot's wait as Closed when it waits through `handle` of `process` (which was just closed).
    private void CloseSlotWaitThrough(ProcessDispatcher process, ZxHandle handle)
    {
        long word = Volatile.Read(ref _state);
        while (SlotStateOf(word) is WaitSlotState.Waiting or WaitSlotState.Blocked && _slotProcess == process && _slotHandle == handle)
        {
            // The fields are read after the word: if a newer claim wrote them, the word changed and this fails.
            long closed = WithSlotState(word, WaitSlotState.Closed);
            long found = Interlocked.CompareExchange(ref _state, closed, word);
            if (found == word)
            {
                WakeSlotIfEnded(word, closed);
                return;
            }
            word = found;
        }
    }
}
