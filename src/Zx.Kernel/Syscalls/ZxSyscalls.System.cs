using Zx.Kernel.Object;
using System.Security.Cryptography;
using Zx.Kernel.Host;

namespace Zx.Kernel.Syscalls;

// Safety: pointer parameters are user memory, read and written only through UserCopy, which answers a fault.
public sealed unsafe partial class ZxSyscalls
{
    /// <summary>The string <c>zx_system_get_version</c> reports.</summary>
    public const string VersionString = "Zx (Zircon 2018 ABI)";

    private static readonly byte[] s_versionWithNul = System.Text.Encoding.ASCII.GetBytes(VersionString + "\0");

    /// <summary>At most this many bytes per <c>zx_cprng_draw_new</c> and <c>zx_cprng_add_entropy</c>
    /// (<c>ZX_CPRNG_DRAW_MAX_LEN</c>, <c>ZX_CPRNG_ADD_ENTROPY_MAX_LEN</c>).</summary>
    public const int CprngMaxLength = 256;

    /// <summary><c>zx_clock_get_new</c>: the clock's time in <paramref name="out"/>. INVALID_ARGS for an unknown
    /// clock id, then for a bad <paramref name="out"/>.</summary>
    public ZxStatus ClockGetNew(uint clockId, long* @out)
    {
        if (clockId > 2)
            return ZxStatus.InvalidArgs;
        return CopyOut(@out, ClockGet(clockId));
    }

    /// <summary><c>zx_ticks_get</c>: the monotonic clock in ticks of one nanosecond.</summary>
    public ulong TicksGet() => (ulong)Kernel.MonotonicNow;

    /// <summary><c>zx_ticks_per_second</c>: 10^9 (a tick is a nanosecond).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "every syscall is a method of the calling process's ZxSyscalls")]
    public ulong TicksPerSecond() => 1_000_000_000;

    /// <summary><c>zx_system_get_dcache_line_size</c>: 64 bytes, the line of every x86-64 and arm64 host Zx runs on.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "every syscall is a method of the calling process's ZxSyscalls")]
    public uint SystemGetDcacheLineSize() => 64;

    /// <summary><c>zx_system_get_num_cpus</c>: the host CPUs this process may run on.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "every syscall is a method of the calling process's ZxSyscalls")]
    public uint SystemGetNumCpus() => (uint)Environment.ProcessorCount;

    /// <summary><c>zx_system_get_physmem</c>: bytes of RAM on the board.</summary>
    public ulong SystemGetPhysmem() => Kernel.Board.RamBytes;

    /// <summary><c>zx_system_get_version</c>: <see cref="VersionString"/> with its NUL. BUFFER_TOO_SMALL when it does
    /// not fit, INVALID_ARGS when the buffer cannot be written.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "every syscall is a method of the calling process's ZxSyscalls")]
    public ZxStatus SystemGetVersion(byte* version, nuint versionSize)
    {
        ReadOnlySpan<byte> text = s_versionWithNul;
        if (versionSize < (nuint)text.Length)
            return ZxStatus.BufferTooSmall;
        return UserCopy.TryCopyOut(version, text) ? ZxStatus.Ok : ZxStatus.InvalidArgs;
    }

    /// <summary><c>zx_cprng_draw_new</c>: random bytes from the host's <c>getrandom</c>. INVALID_ARGS for more than 256 bytes
    /// or a buffer that cannot be written.</summary>
    public ZxStatus CprngDrawNew(byte* buffer, nuint dataSize)
    {
        if (dataSize > CprngMaxLength)
            return ZxStatus.InvalidArgs;
        Span<byte> bytes = stackalloc byte[(int)dataSize];
        LinuxRandom.Fill(bytes);
        bool copied = UserCopy.TryCopyOut(buffer, bytes);
        CryptographicOperations.ZeroMemory(bytes);
        return copied ? ZxStatus.Ok : ZxStatus.InvalidArgs;
    }

    /// <summary><c>zx_cprng_add_entropy</c>: INVALID_ARGS for more than 256 bytes or a buffer that cannot be read;
    /// otherwise OK (the host's generator seeds itself, so the bytes are read and dropped).</summary>
    public ZxStatus CprngAddEntropy(byte* buffer, nuint len)
    {
        if (len > CprngMaxLength)
            return ZxStatus.InvalidArgs;
        Span<byte> bytes = stackalloc byte[(int)len];
        bool read = UserCopy.TryCopyIn(bytes, buffer);
        CryptographicOperations.ZeroMemory(bytes);
        return read ? ZxStatus.Ok : ZxStatus.InvalidArgs;
    }

    /// <summary><c>zx_cache_flush</c> (2018 vDSO): INVALID_ARGS unless <paramref name="options"/> is INSN, DATA,
    /// DATA|INVALIDATE, INSN|DATA or INSN|DATA|INVALIDATE; otherwise OK. The host keeps data and instruction caches
    /// coherent for the memory Zx maps, so there is nothing to flush and the range is not touched.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "every syscall is a method of the calling process's ZxSyscalls")]
    public ZxStatus CacheFlush(byte* addr, nuint size, uint options) => options switch
    {
        1 or 2 or (2 | 4) or (1 | 2) or (1 | 2 | 4) => ZxStatus.Ok, // INSN, DATA, DATA|INVALIDATE, INSN|DATA, all three
        _ => ZxStatus.InvalidArgs,
    };

    /// <summary><c>zx_clock_adjust</c> (2018): sets ZX_CLOCK_UTC to ZX_CLOCK_MONOTONIC plus
    /// <paramref name="offset"/>. Errors, in order: BAD_HANDLE, WRONG_TYPE (the root resource is needed),
    /// ACCESS_DENIED (any clock but UTC).</summary>
    public ZxStatus ClockAdjust(ZxHandle handle, uint clockId, long offset)
    {
        ZxStatus status = Process.ValidateResource(handle, ZxResourceKind.Root);
        if (status != ZxStatus.Ok)
            return status;
        if (clockId != 1)
            return ZxStatus.AccessDenied;
        Kernel.UtcOffset = offset;
        return ZxStatus.Ok;
    }

    /// <summary><c>zx_system_get_features</c> (2018 vDSO): for ZX_FEATURE_KIND_CPU, the CPU's feature bits with
    /// ZX_HAS_CPU_FEATURES, which only arm64 has (an x86-64 host answers NOT_SUPPORTED, as Zircon on x86 does:
    /// programs use cpuid there); NOT_SUPPORTED for any other kind; INVALID_ARGS when <paramref name="out"/> cannot be
    /// written.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "every syscall is a method of the calling process's ZxSyscalls")]
    public ZxStatus SystemGetFeatures(uint kind, uint* @out)
    {
        if (kind != 0 || System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture != System.Runtime.InteropServices.Architecture.Arm64)
            return ZxStatus.NotSupported;
        // ZX_HAS_CPU_FEATURES | FP | ASIMD: what every arm64 host .NET runs on has.
        const uint features = (1u << 0) | (1u << 1) | (1u << 2);
        return CopyOut(@out, features);
    }
}
