using System.Globalization;

namespace Zx.Kernel.Devices;

/// <summary>Register expectations for a test (Fuchsia's mock-mmio, across plain pointers): the test says which writes
/// the driver must make (offset, width, value) and what each read returns, in order or in any order; the unchanged
/// driver then runs against the region, and <see cref="Verify"/> says whether every expectation was met. The first
/// mismatch is kept, with the offset, the width, the expected and the actual value and the driver's instruction
/// address.</summary>
public sealed class ScriptedDevice : DeviceModel
{
    private readonly List<Expectation> _expected = [];
    private string? _failure;

    /// <summary>One expected access: a write of <see cref="Value"/>, or a read that returns it.</summary>
    private sealed record Expectation(bool IsWrite, ulong Offset, int Width, ulong Value);

    /// <summary>True when the accesses may come in any order (each expectation is used once).</summary>
    public bool AnyOrder { get; set; }

    /// <inheritdoc/>
    public override string Kind => "scripted";

    /// <summary>The instruction address of the access being emulated (set by the fault path), for the messages.</summary>
    [ThreadStatic]
    internal static ulong CurrentInstruction;

    /// <summary>Expects the driver to write <paramref name="value"/> at <paramref name="offset"/> with an access of
    /// <paramref name="width"/> bytes.</summary>
    public ScriptedDevice ExpectWrite(ulong offset, int width, ulong value)
    {
        lock (Lock)
            _expected.Add(new Expectation(true, offset, width, Truncate(value, width)));
        return this;
    }

    /// <summary>Expects the driver to read at <paramref name="offset"/> with an access of <paramref name="width"/>
    /// bytes, and returns <paramref name="value"/> to it.</summary>
    public ScriptedDevice ExpectRead(ulong offset, int width, ulong value)
    {
        lock (Lock)
            _expected.Add(new Expectation(false, offset, width, Truncate(value, width)));
        return this;
    }

    /// <summary>Null when every expectation was met in the way asked; otherwise what went wrong first: a mismatch, an
    /// access nobody expected, or the expectations left over.</summary>
    public string? Verify()
    {
        lock (Lock)
        {
            if (_failure is not null)
                return _failure;
            if (_expected.Count == 0)
                return null;
            Expectation next = _expected[0];
            return string.Create(CultureInfo.InvariantCulture,
                $"{_expected.Count} expected access(es) never came, the first: {Describe(next.IsWrite, next.Offset, next.Width, next.Value)}");
        }
    }

    /// <inheritdoc/>
    protected override ulong ReadRegister(ulong offset, int width) => Take(false, offset, width, 0);

    /// <inheritdoc/>
    protected override void WriteRegister(ulong offset, int width, ulong value) => Take(true, offset, width, value);

    private ulong Take(bool isWrite, ulong offset, int width, ulong value)
    {
        int index = AnyOrder ? _expected.FindIndex(e => e.IsWrite == isWrite && e.Offset == offset && e.Width == width && (!isWrite || e.Value == value))
            : _expected.Count > 0 ? 0 : -1;
        if (index < 0)
        {
            Fail($"unexpected {Describe(isWrite, offset, width, value, withValue: isWrite)}");
            return 0;
        }
        Expectation e = _expected[index];
        if (e.IsWrite != isWrite || e.Offset != offset || e.Width != width || (isWrite && e.Value != value))
        {
            Fail($"expected {Describe(e.IsWrite, e.Offset, e.Width, e.Value)}, got {Describe(isWrite, offset, width, value, withValue: isWrite)}");
            return 0;
        }
        _expected.RemoveAt(index);
        return isWrite ? 0 : e.Value;
    }

    private void Fail(string what) =>
        _failure ??= string.Create(CultureInfo.InvariantCulture, $"{Region?.Name ?? "device"}: {what} (instruction at 0x{CurrentInstruction:x})");

    private static string Describe(bool isWrite, ulong offset, int width, ulong value, bool withValue = true)
    {
        string digits = (width * 2).ToString(CultureInfo.InvariantCulture);
        string shown = withValue ? " 0x" + value.ToString("x" + digits, CultureInfo.InvariantCulture) : "";
        return string.Create(CultureInfo.InvariantCulture, $"{(isWrite ? "write" : "read")}{width * 8} at +0x{offset:x3}{(isWrite ? shown : withValue ? " ->" + shown : "")}");
    }
}
