namespace Zx.Kernel.Devices;

/// <summary>The ARM PrimeCell RTC PL031 (DDI 0224): RTCDR counts seconds from the host's clock (RTCLR sets where it
/// counts from), RTCMR is the match value, and the interrupt (RTCIMSC, RTCRIS, RTCMIS, RTCICR) is raised when the count
/// reaches the match (once per match value), as a read or write of the device notices it.</summary>
public sealed class Pl031 : DeviceModel
{
    /// <summary>Register offsets.</summary>
    public const ulong Dr = 0x000, Mr = 0x004, Lr = 0x008, Cr = 0x00C, Imsc = 0x010, Ris = 0x014, Mis = 0x018, Icr = 0x01C;

    private static readonly byte[] Identification = [0x31, 0x10, 0x04, 0x00, 0x0D, 0xF0, 0x05, 0xB1]; // PeriphID0-3, CellID0-3

    private long _offset; // seconds added to the host's clock (RTCLR)
    private uint _mr, _cr = 1, _imsc, _ris;
    private bool _matched; // the count has reached the current match value (once per value written to RTCMR)

    /// <inheritdoc/>
    public override string Kind => "pl031";

    /// <summary>The host's clock, in seconds since 1970 (replaceable for tests).</summary>
    public Func<long> HostSeconds { get; set; } = static () => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private uint Count => (uint)(HostSeconds() + _offset);

    /// <inheritdoc/>
    protected override ulong ReadRegister(ulong offset, int width)
    {
        CheckMatchLocked();
        switch (offset)
        {
            case Dr: return Count;
            case Mr: return _mr;
            case Lr: return Count;
            case Cr: return _cr;
            case Imsc: return _imsc;
            case Ris: return _ris;
            case Mis: return _ris & _imsc;
        }
        if (offset >= 0xFE0 && offset <= 0xFFC && (offset & 3) == 0)
            return Identification[(offset - 0xFE0) / 4];
        return 0;
    }

    /// <inheritdoc/>
    protected override void WriteRegister(ulong offset, int width, ulong value)
    {
        uint v = (uint)value;
        switch (offset)
        {
            case Mr: _mr = v; _matched = false; break;
            case Lr: _offset = v - HostSeconds(); break;
            case Cr: _cr |= v & 1; break; // once started the RTC cannot be stopped
            case Imsc: _imsc = v & 1; break;
            case Icr: _ris &= ~(v & 1); break;
            default: return;
        }
        CheckMatchLocked();
    }

    private void CheckMatchLocked()
    {
        if (!_matched && _mr != 0 && Count >= _mr)
        {
            _matched = true;
            _ris |= 1;
            if ((_imsc & 1) != 0)
                RaiseInterrupt();
        }
    }
}
