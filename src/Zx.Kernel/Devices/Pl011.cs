namespace Zx.Kernel.Devices;

/// <summary>The ARM PrimeCell UART PL011 (DDI 0183): what is written to UARTDR goes out at once to
/// <see cref="Transmit"/> (the host's standard output by default), bytes given to <see cref="Receive"/> wait in a
/// 16-byte receive FIFO, UARTFR says TXFE always and RXFE/RXFF from the FIFO, and the TX and RX interrupts follow
/// UARTIMSC, UARTRIS, UARTMIS and UARTICR, raising the board line while any masked status is set.</summary>
public sealed class Pl011 : DeviceModel
{
    /// <summary>Register offsets.</summary>
    public const ulong Dr = 0x000, Rsr = 0x004, Fr = 0x018, Ilpr = 0x020, Ibrd = 0x024, Fbrd = 0x028, LcrH = 0x02C, Cr = 0x030,
        Ifls = 0x034, Imsc = 0x038, Ris = 0x03C, Mis = 0x040, Icr = 0x044, Dmacr = 0x048;

    /// <summary>UARTFR bits.</summary>
    public const uint FrBusy = 1u << 3, FrRxfe = 1u << 4, FrTxff = 1u << 5, FrRxff = 1u << 6, FrTxfe = 1u << 7;

    /// <summary>Interrupt bits (UARTIMSC, UARTRIS, UARTMIS, UARTICR).</summary>
    public const uint IntRx = 1u << 4, IntTx = 1u << 5;

    private const int FifoDepth = 16;
    private static readonly byte[] Identification = [0x11, 0x10, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1]; // PeriphID0-3, CellID0-3

    private readonly Queue<byte> _rx = new();
    private uint _cr = 0x300, _lcrH, _ibrd, _fbrd, _ilpr, _ifls = 0x12, _imsc, _ris, _dmacr;
    private bool _lineHigh;

    /// <inheritdoc/>
    public override string Kind => "pl011";

    /// <summary>Where transmitted bytes go; the host program's standard output (file descriptor 1, unbuffered)
    /// unless set.</summary>
    public Action<byte> Transmit { get; set; } = Host.LinuxFiles.WriteStandardOutput;

    /// <summary>Where received bytes come from once the driver enables the receiver (UARTEN and RXE in UARTCR): the
    /// host's standard input in a kernel that traps MMIO (the C ABI), nothing otherwise. A background thread reads it
    /// and feeds the FIFO, waiting while the FIFO is full (the line's flow control), so no byte is lost.</summary>
    public Stream? Input { get; set; }

    private bool _readerStarted;

    /// <summary>The line the UART is connected to (the board's <c>"serial"</c>, <see cref="KernelOptions.Serial"/>
    /// or <see cref="Connect"/>), or null while it sends to the host's standard output and receives nothing.</summary>
    public SerialLine? Line { get; private set; }

    /// <summary>Connects the UART to <paramref name="line"/>: what the driver writes to UARTDR goes down the line,
    /// and what arrives on it fills the receive FIFO once the driver enables the receiver.</summary>
    public void Connect(SerialLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        lock (Lock)
        {
            Line = line;
            Transmit = line.Transmit;
            Input = line.Input;
            StartReaderLocked();
        }
    }

    // Starts the reader of Input the first time the receiver is enabled.
    private void StartReaderLocked()
    {
        if (_readerStarted || Input is not Stream input || (_cr & 0x201) != 0x201)
            return;
        _readerStarted = true;
        var reader = new Thread(() =>
        {
            var buffer = new byte[64];
            int n;
            try
            {
                while ((n = input.Read(buffer, 0, buffer.Length)) > 0)
                {
                    for (int i = 0; i < n; i++)
                    {
                        lock (Lock)
                        {
                            while (_rx.Count >= FifoDepth)
                                Monitor.Wait(Lock);
                            _rx.Enqueue(buffer[i]);
                            _ris |= IntRx;
                            UpdateLineLocked();
                        }
                    }
                }
            }
            catch (IOException)
            {
                // The input closed under the reader: no more bytes arrive.
            }
        }) { IsBackground = true, Name = "pl011 rx" };
        reader.Start();
    }

    /// <summary>Bytes arriving on the line: they wait in the receive FIFO (bytes past its 16 are lost, as on the
    /// wire), and the RX interrupt status is set.</summary>
    public void Receive(ReadOnlySpan<byte> bytes)
    {
        lock (Lock)
        {
            foreach (byte b in bytes)
            {
                if (_rx.Count < FifoDepth)
                    _rx.Enqueue(b);
            }
            if (_rx.Count > 0)
                _ris |= IntRx;
            UpdateLineLocked();
        }
    }

    /// <inheritdoc/>
    protected override ulong ReadRegister(ulong offset, int width)
    {
        switch (offset)
        {
            case Dr:
                byte value = _rx.Count > 0 ? _rx.Dequeue() : (byte)0;
                Monitor.PulseAll(Lock); // room in the FIFO for the input's reader
                if (_rx.Count == 0)
                {
                    _ris &= ~IntRx;
                    UpdateLineLocked();
                }
                return value;
            case Rsr: return 0;
            case Fr: return FrTxfe | (_rx.Count == 0 ? FrRxfe : 0) | (_rx.Count >= FifoDepth ? FrRxff : 0);
            case Ilpr: return _ilpr;
            case Ibrd: return _ibrd;
            case Fbrd: return _fbrd;
            case LcrH: return _lcrH;
            case Cr: return _cr;
            case Ifls: return _ifls;
            case Imsc: return _imsc;
            case Ris: return _ris;
            case Mis: return _ris & _imsc;
            case Dmacr: return _dmacr;
        }
        if (offset >= 0xFE0 && offset <= 0xFFC && (offset & 3) == 0)
            return Identification[(offset - 0xFE0) / 4];
        return 0; // reserved: reads as zero
    }

    /// <inheritdoc/>
    protected override void WriteRegister(ulong offset, int width, ulong value)
    {
        uint v = (uint)value;
        switch (offset)
        {
            case Dr:
                Transmit((byte)v);
                _ris |= IntTx; // the FIFO empties at once: the TX interrupt asks for more
                break;
            case Ilpr: _ilpr = v & 0xFF; break;
            case Ibrd: _ibrd = v & 0xFFFF; break;
            case Fbrd: _fbrd = v & 0x3F; break;
            case LcrH: _lcrH = v & 0xFF; break;
            case Cr:
                _cr = v & 0xFF87;
                StartReaderLocked();
                break;
            case Ifls: _ifls = v & 0x3F; break;
            case Imsc: _imsc = v & 0x7FF; break;
            case Icr: _ris &= ~v; break;
            case Dmacr: _dmacr = v & 0x7; break;
            default: return; // read-only or reserved: ignored
        }
        UpdateLineLocked();
    }

    // The line is high while any unmasked status is set; raising it again while high changes nothing (level).
    private void UpdateLineLocked()
    {
        bool high = (_ris & _imsc) != 0;
        if (high && !_lineHigh)
            RaiseInterrupt();
        _lineHigh = high;
    }
}
