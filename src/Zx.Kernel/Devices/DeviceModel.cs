namespace Zx.Kernel.Devices;

/// <summary>An emulated device behind a board region (issue 19): its registers are read and written at offsets into
/// the region, with the access's width in bytes (1, 2, 4 or 8), and it raises its board interrupt line. A model is
/// testable on its own, without a driver: call <see cref="Read"/> and <see cref="Write"/> as a driver's accesses would.</summary>
/// <remarks>Accesses are serialized by the model's lock, so accesses from several threads are each handled once, in
/// one order.</remarks>
public abstract class DeviceModel
{
    private KernelContext? _kernel;

    /// <summary>The kernel the model is attached to (null until then).</summary>
    protected KernelContext? Kernel => _kernel;

    /// <summary>Guards the model's registers.</summary>
    protected object Lock { get; } = new(); // a monitor: a model may wait on it (the PL011's input reader waits for FIFO room)

    /// <summary>The model's name in a board file (<c>"device": "pl011"</c>).</summary>
    public abstract string Kind { get; }

    /// <summary>The board region the model sits behind (set when the kernel attaches it).</summary>
    public Board.BoardRegion? Region { get; private set; }

    /// <summary>The board interrupt line the model raises, or null when it has none.</summary>
    public uint? Irq { get; private set; }

    /// <summary>Reads the register at <paramref name="offset"/> with an access of <paramref name="width"/> bytes.</summary>
    public ulong Read(ulong offset, int width)
    {
        lock (Lock)
            return ReadRegister(offset, width);
    }

    /// <summary>Writes <paramref name="value"/> to the register at <paramref name="offset"/> with an access of
    /// <paramref name="width"/> bytes.</summary>
    public void Write(ulong offset, int width, ulong value)
    {
        lock (Lock)
            WriteRegister(offset, width, Truncate(value, width));
    }

    /// <summary>A read, under <see cref="Lock"/>.</summary>
    protected abstract ulong ReadRegister(ulong offset, int width);

    /// <summary>A write (the value already cut to the access's width), under <see cref="Lock"/>.</summary>
    protected abstract void WriteRegister(ulong offset, int width, ulong value);

    /// <summary>Raises the model's interrupt line: the interrupt object holding the board vector, if any, fires.</summary>
    protected void RaiseInterrupt()
    {
        if (Irq is uint vector)
            _kernel?.RaiseInterrupt(vector);
    }

    internal void Attach(KernelContext kernel, Board.BoardRegion region)
    {
        _kernel = kernel;
        Region = region;
        Irq = region.Irq;
    }

    /// <summary>The low <paramref name="width"/> bytes of <paramref name="value"/>.</summary>
    protected static ulong Truncate(ulong value, int width) => width >= 8 ? value : value & ((1UL << (8 * width)) - 1);

    /// <summary>Makes the model a board file names, or null for a name no model has.</summary>
    public static DeviceModel? Create(string kind) => kind switch
    {
        "pl011" => new Pl011(),
        "pl031" => new Pl031(),
        "sp804" => new Sp804(),
        _ => null,
    };

    /// <summary>The names <see cref="Create"/> knows.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["pl011", "pl031", "sp804"];
}
