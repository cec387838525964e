namespace Zx.Kernel.Object;

/// <summary>Zircon's object name rule in one place: at most 31 bytes are kept, read back NUL padded to 32.</summary>
internal static class ObjectName
{
    /// <summary>The bytes a name keeps: at most <c>ZX_MAX_NAME_LEN - 1</c>.</summary>
    public static byte[] Truncate(ReadOnlySpan<byte> name) =>
        name[..Math.Min(name.Length, ZxConstants.MaxNameLength - 1)].ToArray();

    /// <summary>Copies a stored name into a 32-byte buffer, NUL padded.</summary>
    public static void CopyTo(byte[] stored, Span<byte> name32)
    {
        name32.Clear();
        stored.CopyTo(name32);
    }
}
