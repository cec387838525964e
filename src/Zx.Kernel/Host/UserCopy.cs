using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zx.Kernel.Host;

/// <summary>The user-memory boundary: every load from and store to memory that the code under test named (a pointer
/// argument of a syscall) goes through this class, Zircon's <c>copy_from_user</c>/<c>copy_to_user</c>.</summary>
/// <remarks>
/// <para>The copies are small native routines (<c>Host/native/user_copy.S</c>) each with one instruction that may
/// fault on the user's address. A SIGSEGV/SIGBUS handler (<c>user_copy_handler.c</c>) recognises that instruction
/// and resumes at the routine's recovery point, so an unmapped, non-canonical, read-only or released address makes
/// the routine report a failure, which the syscall turns into <c>ZX_ERR_INVALID_ARGS</c>; every other fault goes to
/// the handler installed before (the .NET runtime's, then the program's). NULL needs no special case: page zero is
/// never mapped, so it faults like any other bad address.</para>
/// <para>A failed copy from user memory leaves the destination as it was. A failed copy to user memory writes the
/// bytes before the faulting page, as the kernel's copy does; the scalar writes are all or nothing.</para>
/// <para>The routines are called without a GC transition: they are a handful of instructions, never block and never
/// call back into managed code, and the fault handler only changes the instruction pointer.</para>
/// </remarks>
// Safety: the native routines recover from a fault on the user address (a signal handler moves the instruction
// pointer to their failure exit), and the kernel side of each copy is a span or value Zx owns.
public static unsafe partial class UserCopy
{
    private static int s_installed;

    /// <summary>Installs the fault handler (once per host process; later calls do nothing). The kernel calls it when
    /// it starts, after the .NET runtime has installed its own handlers.</summary>
    /// <exception cref="InvalidOperationException">The host refused the signal handler.</exception>
    public static void Install()
    {
        if (Volatile.Read(ref s_installed) != 0)
            return;
        int error = Native.Install();
        if (error != 0)
            throw new InvalidOperationException($"cannot install the user-copy fault handler: errno {error}");
        Volatile.Write(ref s_installed, 1);
    }

    /// <summary>Makes a fault that ends the host process (one the fault handler does not own and whose previous
    /// handler gives it back to the default action) write one line first to the file at <paramref name="path"/>:
    /// <c>zx-fault signal=0xb code=0x1 addr=0x... ip=0x...</c>. The zx tool reads it to say where the program died.</summary>
    /// <exception cref="IOException">The file cannot be created.</exception>
    public static void ReportFatalFaultsTo(string path)
    {
        Microsoft.Win32.SafeHandles.SafeFileHandle file = File.OpenHandle(path, FileMode.Create, FileAccess.Write);
        s_crashReport = file; // kept open for the life of the process
        Native.SetCrashReportFd((int)file.DangerousGetHandle());
    }

    private static Microsoft.Win32.SafeHandles.SafeFileHandle? s_crashReport;

    /// <summary>How many faults on user addresses the copy routines have recovered from in this host process.</summary>
    public static ulong FaultsRecovered => Native.FaultsRecovered();

    /// <summary>Writes <paramref name="value"/> to the user's <paramref name="destination"/>; false (nothing
    /// written) when the address is not writable.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryWrite<T>(T* destination, T value) where T : unmanaged
    {
        if (sizeof(T) == sizeof(ulong))
            return Native.Write64((ulong*)destination, Unsafe.As<T, ulong>(ref value)) == 0;
        if (sizeof(T) == sizeof(uint))
            return Native.Write32((uint*)destination, Unsafe.As<T, uint>(ref value)) == 0;
        return Native.Copy(destination, &value, (nuint)sizeof(T)) == 0;
    }

    /// <summary>Reads a value from the user's <paramref name="source"/>; false (and <c>default</c>) when the address
    /// is not readable.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryRead<T>(T* source, out T value) where T : unmanaged
    {
        T result = default;
        bool ok = sizeof(T) == sizeof(ulong) ? Native.Read64((ulong*)source, (ulong*)&result) == 0
            : sizeof(T) == sizeof(uint) ? Native.Read32((uint*)source, (uint*)&result) == 0
            : Native.Copy(&result, source, (nuint)sizeof(T)) == 0;
        value = ok ? result : default;
        return ok;
    }

    /// <summary>Copies kernel bytes out to the user's <paramref name="destination"/>; false when some byte could
    /// not be written (the bytes before the faulting page are written).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryCopyOut(void* destination, ReadOnlySpan<byte> source) => TryCopyOut((byte*)destination, source);

    /// <summary>Copies user bytes from <paramref name="source"/> into a kernel buffer; false when some byte could not
    /// be read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryCopyIn(Span<byte> destination, void* source) => TryCopyIn(destination, (byte*)source);

    /// <summary>Copies <paramref name="length"/> bytes between two raw addresses of which one is the user's (a VMO's
    /// pages to or from a user buffer); false when a user byte could not be read or written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryCopy(void* destination, void* source, ulong length) =>
        Native.Copy(destination, source, (nuint)length) == 0;

    /// <summary>Clears <paramref name="length"/> bytes of user memory; false when some byte could not be written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryZero(void* destination, ulong length) => Native.Zero(destination, (nuint)length) == 0;

    /// <summary>Copies an array of values in from user memory; false when some byte could
    /// not be read (the kernel array is then incomplete and must not be used).</summary>
    public static bool TryCopyIn<T>(Span<T> destination, T* source) where T : unmanaged
    {
        fixed (T* d = destination)
            return Native.Copy(d, source, (nuint)((ulong)destination.Length * (ulong)sizeof(T))) == 0;
    }

    /// <summary>Copies an array of values out to user memory; false when some byte could not be written.</summary>
    public static bool TryCopyOut<T>(T* destination, ReadOnlySpan<T> source) where T : unmanaged
    {
        fixed (T* s = source)
            return Native.Copy(destination, s, (nuint)((ulong)source.Length * (ulong)sizeof(T))) == 0;
    }

    /// <summary>The native routines (libzxhost.so on the .NET runtime; linked into libzircon.so).</summary>
    private static partial class Native
    {
        private const string Library = "zxhost";

        [LibraryImport(Library, EntryPoint = "zxhost_copy"), SuppressGCTransition]
        public static partial nuint Copy(void* destination, void* source, nuint length);

        [LibraryImport(Library, EntryPoint = "zxhost_zero"), SuppressGCTransition]
        public static partial nuint Zero(void* destination, nuint length);

        [LibraryImport(Library, EntryPoint = "zxhost_write64"), SuppressGCTransition]
        public static partial int Write64(ulong* destination, ulong value);

        [LibraryImport(Library, EntryPoint = "zxhost_write32"), SuppressGCTransition]
        public static partial int Write32(uint* destination, uint value);

        [LibraryImport(Library, EntryPoint = "zxhost_read64"), SuppressGCTransition]
        public static partial int Read64(ulong* source, ulong* value);

        [LibraryImport(Library, EntryPoint = "zxhost_read32"), SuppressGCTransition]
        public static partial int Read32(uint* source, uint* value);

        [LibraryImport(Library, EntryPoint = "zxhost_user_copy_install")]
        public static partial int Install();

        [LibraryImport(Library, EntryPoint = "zxhost_set_crash_report_fd")]
        public static partial void SetCrashReportFd(int fd);

        [LibraryImport(Library, EntryPoint = "zxhost_user_copy_faults"), SuppressGCTransition]
        public static partial ulong FaultsRecovered();
    }
}
