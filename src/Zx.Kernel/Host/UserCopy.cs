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
        if (WriteOnce(destination, value))
            return true;
        // A demand-paged page not touched yet (or mapped read-only as a stand-in): fault it in and try once more.
        return TryResolveFault((ulong)destination, write: true) && WriteOnce(destination, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool WriteOnce<T>(T* destination, T value) where T : unmanaged
    {
        if (sizeof(T) == sizeof(ulong))
            return Native.Write64((ulong*)destination, Unsafe.As<T, ulong>(ref value)) == 0;
        if (sizeof(T) == sizeof(uint))
            return Native.Write32((uint*)destination, Unsafe.As<T, uint>(ref value)) == 0;
        return Native.Copy(destination, &value, (nuint)sizeof(T)) == 0;
    }

    /// <summary>Resolves a fault of the kernel's own access to user memory at <paramref name="address"/>, as a page
    /// fault of the calling thread's process would be: true when the address lies in a demand-paged mapping that
    /// allows the access and its page is now mapped, so the copy can go on. The caller must hold no VMO or aspace
    /// lock (the fault takes both).</summary>
    public static bool TryResolveFault(ulong address, bool write)
    {
        Vm.VmAspace? aspace = Vm.Reservations.Find(address);
        return aspace is { DemandPaging: true }
            && aspace.PageFault(address, write ? Vm.PageFaultFlags.Write : Vm.PageFaultFlags.Read) == ZxStatus.Ok;
    }

    /// <summary>Copies like <see cref="TryCopy"/> but never resolves a fault: the bytes left when one stopped it
    /// (0 when all were copied). For a caller that holds a VMO's lock, which must let it go before resolving.</summary>
    public static ulong CopyUntilFault(void* destination, void* source, ulong length) =>
        Native.Copy(destination, source, (nuint)length);

    /// <summary>Clears like <see cref="TryZero"/> but never resolves a fault (see <see cref="CopyUntilFault"/>).</summary>
    public static ulong ZeroUntilFault(void* destination, ulong length) => Native.Zero(destination, (nuint)length);

    /// <summary>Reads a value from the user's <paramref name="source"/>; false (and <c>default</c>) when the address
    /// is not readable.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryRead<T>(T* source, out T value) where T : unmanaged
    {
        T result = default;
        bool ok = ReadOnce(source, &result) || (TryResolveFault((ulong)source, write: false) && ReadOnce(source, &result));
        value = ok ? result : default;
        return ok;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ReadOnce<T>(T* source, T* result) where T : unmanaged =>
        sizeof(T) == sizeof(ulong) ? Native.Read64((ulong*)source, (ulong*)result) == 0
        : sizeof(T) == sizeof(uint) ? Native.Read32((uint*)source, (uint*)result) == 0
        : Native.Copy(result, source, (nuint)sizeof(T)) == 0;

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
    public static bool TryCopy(void* destination, void* source, ulong length)
    {
        nuint left = Native.Copy(destination, source, (nuint)length);
        return left == 0 || CopyAfterFaults((byte*)destination, (byte*)source, length, left);
    }

    /// <summary>Clears <paramref name="length"/> bytes of user memory; false when some byte could not be written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryZero(void* destination, ulong length)
    {
        nuint left = Native.Zero(destination, (nuint)length);
        return left == 0 || CopyAfterFaults((byte*)destination, null, length, left);
    }

    // A copy (or, with a null source, a clear) stopped by a fault with `left` bytes to go: the faulting side (the
    // user's; the kernel's side never faults) is faulted in and the copy goes on, until it ends or a fault cannot be
    // resolved. A fault at the same place twice means the page cannot be had for this access.
    private static bool CopyAfterFaults(byte* destination, byte* source, ulong length, nuint left)
    {
        ulong previous = ulong.MaxValue;
        while (left != 0)
        {
            ulong done = length - left;
            if (done == previous)
                return false;
            previous = done;
            bool resolved = TryResolveFault((ulong)(destination + done), write: true)
                || (source is not null && TryResolveFault((ulong)(source + done), write: false));
            if (!resolved)
                return false;
            left = source is null ? Native.Zero(destination + done, (nuint)(length - done))
                : Native.Copy(destination + done, source + done, (nuint)(length - done));
        }
        return true;
    }

    /// <summary>Copies an array of values in from user memory; false when some byte could
    /// not be read (the kernel array is then incomplete and must not be used).</summary>
    public static bool TryCopyIn<T>(Span<T> destination, T* source) where T : unmanaged
    {
        fixed (T* d = destination)
            return TryCopy(d, source, (ulong)destination.Length * (ulong)sizeof(T));
    }

    /// <summary>Copies an array of values out to user memory; false when some byte could not be written.</summary>
    public static bool TryCopyOut<T>(T* destination, ReadOnlySpan<T> source) where T : unmanaged
    {
        fixed (T* s = source)
            return TryCopy(destination, s, (ulong)source.Length * (ulong)sizeof(T));
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
