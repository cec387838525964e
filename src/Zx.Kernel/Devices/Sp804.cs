namespace Zx.Kernel.Devices;

/// <summary>The ARM SP804 dual timer (DDI 0271): two 32- or 16-bit down counters at offsets 0x00 and 0x20, clocked at
/// 1 MHz (as the model's <see cref="ClockHz"/> says), each free-running, periodic or one-shot, with the /1, /16 and
/// /256 prescalers; reaching zero sets the timer's interrupt status, and the shared line is raised while either
/// enabled status is set. The kernel's timer thread fires the expiries, so a driver blocked in zx_interrupt_wait
/// gets them at the period without touching the registers.</summary>
public sealed class Sp804 : DeviceModel
{
    /// <summary>Register offsets within a timer (the second timer adds 0x20).</summary>
    public const ulong Load = 0x00, Value = 0x04, Control = 0x08, IntClr = 0x0C, Ris = 0x10, Mis = 0x14, BgLoad = 0x18;

    /// <summary>TimerXControl bits.</summary>
    public const uint OneShot = 1u << 0, Size32 = 1u << 1, IntEnable = 1u << 5, Periodic = 1u << 6, Enable = 1u << 7;

    /// <summary>The counters' clock.</summary>
    public const long ClockHz = 1_000_000;

    private static readonly byte[] Identification = [0x04, 0x18, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1]; // PeriphID0-3, CellID0-3

    private readonly Counter[] _timers = [new(), new()];
    private bool _lineHigh;

    /// <summary>A timer with both counters stopped, their interrupts enabled, as after reset.</summary>
    public Sp804()
    {
        foreach (Counter t in _timers)
            t.Owner = this;
    }

    /// <inheritdoc/>
    public override string Kind => "sp804";

    private sealed class Counter : Concurrency.ITimerTarget
    {
        public Sp804? Owner;
        public uint LoadValue, ControlValue = IntEnable, Status;
        public uint CountAtStart = 0xFFFF_FFFF; // the counter's value when it last started counting (or its value while stopped)
        public long StartedNs;                  // when that was, on the kernel's clock
        public ulong Generation;

        public void Fire(ulong generation) => Owner?.Expired(this, generation);
    }

    private long Now => Kernel?.MonotonicNow ?? 0;

    // One tick of the counter: the clock divided by the prescaler (/1, /16, /256; the reserved setting counts as /256).
    private static long TickNs(Counter t)
    {
        uint prescale = (t.ControlValue >> 2) & 3;
        return (1_000_000_000 / ClockHz) << (prescale == 0 ? 0 : prescale == 1 ? 4 : 8);
    }

    private static uint Mask(Counter t) => (t.ControlValue & Size32) != 0 ? 0xFFFF_FFFF : 0xFFFF;

    // The counter's value now: it counts down from CountAtStart one per tick; past zero it reloads (periodic), wraps
    // (free-running) or stops at zero (one-shot).
    private uint CurrentValue(Counter t)
    {
        if ((t.ControlValue & Enable) == 0)
            return t.CountAtStart & Mask(t);
        long ticks = (Now - t.StartedNs) / TickNs(t);
        long start = t.CountAtStart & Mask(t);
        if (ticks <= start)
            return (uint)(start - ticks);
        if ((t.ControlValue & OneShot) != 0)
            return 0;
        long period = (t.ControlValue & Periodic) != 0 ? Math.Max(1, (long)(t.LoadValue & Mask(t))) : (long)Mask(t) + 1;
        long sinceZero = ticks - start - 1;
        return (uint)((period - 1) - sinceZero % period);
    }

    // Starts counting again from `from` now, and arms the next expiry.
    private void RestartLocked(Counter t, uint from)
    {
        t.CountAtStart = from;
        t.StartedNs = Now;
        t.Generation++;
        if ((t.ControlValue & Enable) != 0 && Kernel is KernelContext kernel)
            kernel.Timers.Arm(t, t.Generation, t.StartedNs + ((long)(from & Mask(t)) + 1) * TickNs(t));
    }

    private void Expired(Counter t, ulong generation)
    {
        lock (Lock)
        {
            if (generation != t.Generation || (t.ControlValue & Enable) == 0)
                return;
            t.Status = 1;
            UpdateLineLocked();
            if ((t.ControlValue & OneShot) != 0)
            {
                t.ControlValue &= ~Enable; // a one-shot counter stops at zero
                t.CountAtStart = 0;
                return;
            }
            uint next = (t.ControlValue & Periodic) != 0 ? Math.Max(1, t.LoadValue & Mask(t)) - 1 : Mask(t);
            RestartLocked(t, next);
        }
    }

    /// <inheritdoc/>
    protected override ulong ReadRegister(ulong offset, int width)
    {
        if (offset >= 0xFE0 && offset <= 0xFFC && (offset & 3) == 0)
            return Identification[(offset - 0xFE0) / 4];
        if (offset >= 0x40)
            return 0;
        Counter t = _timers[offset / 0x20];
        return (offset % 0x20) switch
        {
            Load or BgLoad => t.LoadValue,
            Value => CurrentValue(t),
            Control => t.ControlValue,
            Ris => t.Status,
            Mis => t.Status & ((t.ControlValue & IntEnable) != 0 ? 1u : 0u),
            _ => 0,
        };
    }

    /// <inheritdoc/>
    protected override void WriteRegister(ulong offset, int width, ulong value)
    {
        if (offset >= 0x40)
            return;
        Counter t = _timers[offset / 0x20];
        uint v = (uint)value;
        switch (offset % 0x20)
        {
            case Load:
                t.LoadValue = v;
                RestartLocked(t, v); // the counter takes the new value at once
                break;
            case BgLoad:
                t.LoadValue = v; // taken at the next reload
                break;
            case Control:
                uint now = CurrentValue(t);
                t.ControlValue = v & 0xEF;
                RestartLocked(t, now);
                break;
            case IntClr:
                t.Status = 0;
                break;
            default:
                return;
        }
        UpdateLineLocked();
    }

    private void UpdateLineLocked()
    {
        bool high = _timers.Any(t => t.Status != 0 && (t.ControlValue & IntEnable) != 0);
        if (high && !_lineHigh)
            RaiseInterrupt();
        _lineHigh = high;
    }
}
