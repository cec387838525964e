using System.Globalization;

namespace Zx;

/// <summary>A handle value (<c>zx_handle_t</c>) as a process sees it. It names an object only in the process
/// that holds it.</summary>
/// <param name="Value">The raw 32-bit value; 0 is <c>ZX_HANDLE_INVALID</c>.</param>
public readonly record struct ZxHandle(uint Value)
{
    /// <summary><c>ZX_HANDLE_INVALID</c>: the value 0, never a real handle.</summary>
    public static readonly ZxHandle Invalid;

    /// <summary>True for any value other than <c>ZX_HANDLE_INVALID</c>.</summary>
    public bool IsValid => Value != 0;

    /// <inheritdoc/>
    public override string ToString() => "0x" + Value.ToString("x8", CultureInfo.InvariantCulture);
}
