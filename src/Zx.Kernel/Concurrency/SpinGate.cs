using System.Runtime.CompilerServices;

namespace Zx.Kernel.Concurrency;

/// <summary>A one-word spin lock for sections that hold it for a few list or queue operations (docs/concurrency.md):
/// taking it is one compare-and-swap and releasing it one plain store, where a <see cref="Lock"/> also reads the
/// thread's identity and releases with a second atomic operation. A waiting thread spins, then yields, then sleeps,
/// so a holder the host preempted delays the others but never stalls them for good. Not re-entrant; keep it in a
/// field (not a read-only one: it is changed in place).</summary>
internal struct SpinGate
{
    private int _held;

    /// <summary>Takes the gate, spinning while another thread holds it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Enter()
    {
        if (Interlocked.CompareExchange(ref _held, 1, 0) != 0)
            EnterContended();
    }

    /// <summary>Gives the gate back (a release store: what the holder wrote is seen by the next holder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Exit() => Volatile.Write(ref _held, 0);

    /// <summary>Takes <paramref name="gate"/> for a <c>using</c> scope, which gives it back at its end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Held Hold(ref SpinGate gate)
    {
        gate.Enter();
        return new Held(ref gate);
    }

    /// <summary>A held gate, given back when disposed.</summary>
    public readonly ref struct Held
    {
        private readonly ref SpinGate _gate;

        internal Held(ref SpinGate gate) => _gate = ref gate;

        /// <summary>Gives the gate back.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Dispose() => _gate.Exit();
    }

    /// <summary>True while some thread holds the gate (for assertions and tests).</summary>
    public readonly bool IsHeld => Volatile.Read(in _held) != 0;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EnterContended()
    {
        SpinWait spin = default;
        do
            spin.SpinOnce();
        while (Volatile.Read(ref _held) != 0 || Interlocked.CompareExchange(ref _held, 1, 0) != 0);
    }
}
