using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Zx.Kernel.Host;

/// <summary>The host's random number generator: Linux <c>getrandom</c> (the same source as /dev/urandom, never
/// blocking once the host has booted), one system call per fill.</summary>
internal static unsafe partial class LinuxRandom
{
    [LibraryImport("libc", EntryPoint = "getrandom")]
    private static partial nint GetRandom(byte* buffer, nuint length, uint flags);

    /// <summary>Fills <paramref name="bytes"/>; falls back to .NET's generator if the host call fails.</summary>
    // Safety: the span is pinned for the call and getrandom writes at most its length.
    public static void Fill(Span<byte> bytes)
    {
        fixed (byte* p = bytes)
        {
            nint filled = 0;
            while (filled < bytes.Length)
            {
                nint n = GetRandom(p + filled, (nuint)(bytes.Length - filled), 0);
                if (n <= 0)
                {
                    RandomNumberGenerator.Fill(bytes[(int)filled..]); // EINTR storms or an old kernel: still random
                    return;
                }
                filled += n;
            }
        }
    }
}
