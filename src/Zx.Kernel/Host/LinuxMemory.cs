using System.Runtime.InteropServices;

namespace Zx.Kernel.Host;

/// <summary>The host calls Zx needs for memory: shared memory files and mappings. This is the only file that
/// talks to libc; every other file works with spans or with pointers handed out here.</summary>
// Safety: the libc calls get lengths that match their buffers; mappings are owned by the callers that made them.
internal static unsafe partial class LinuxMemory
{
    public const int ProtNone = 0;
    public const int ProtRead = 1;
    public const int ProtWrite = 2;
    public const int ProtExec = 4;
    public const int MapSharedFlag = 0x01;
    public const int MapPrivate = 0x02;
    public const int MapFixed = 0x10;
    public const int MapAnonymous = 0x20;
    public const int MapNoReserve = 0x4000;
    public const int MapFixedNoReplace = 0x100000;
    public const int MapPopulate = 0x8000;
    private const uint MfdCloexec = 1;
    private const int FallocFlKeepSize = 1;
    private const int FallocFlPunchHole = 2;
    private static readonly nint MapFailed = -1;

    [LibraryImport("libc", EntryPoint = "memfd_create", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MemfdCreate(string name, uint flags);

    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    private static partial int FTruncate(int fd, long length);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    private static partial int FAllocate(int fd, int mode, long offset, long len);

    [LibraryImport("libc", EntryPoint = "fstat", SetLastError = true)]
    private static partial int FStat(int fd, byte* statBuffer);

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial nint Mmap(nint addr, nuint length, int prot, int flags, int fd, long offset);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    private static partial int Munmap(nint addr, nuint length);

    [LibraryImport("libc", EntryPoint = "mprotect", SetLastError = true)]
    private static partial int MProtect(nint addr, nuint length, int prot);

    /// <summary>Creates an anonymous shared memory file of <paramref name="size"/> bytes. The host allocates its
    /// pages only when they are first touched.</summary>
    public static int CreateSharedMemory(string name, ulong size)
    {
        int fd = MemfdCreate(name, MfdCloexec);
        if (fd < 0)
            throw new IOException($"memfd_create failed: errno {Marshal.GetLastPInvokeError()}");
        if (FTruncate(fd, (long)size) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            _ = Close(fd);
            throw new IOException($"ftruncate of {size} bytes failed: errno {errno}");
        }
        return fd;
    }

    /// <summary>Closes a file descriptor made by <see cref="CreateSharedMemory"/>.</summary>
    public static void CloseFile(int fd) => _ = Close(fd);

    /// <summary>Maps <paramref name="length"/> bytes of <paramref name="fd"/> from <paramref name="offset"/>
    /// shared and read/write anywhere in the host address space. Returns null on failure.</summary>
    public static byte* MapShared(int fd, long offset, ulong length)
    {
        nint p = Mmap(0, (nuint)length, ProtRead | ProtWrite, MapSharedFlag | MapNoReserve, fd, offset);
        return p == MapFailed ? null : (byte*)p;
    }

    /// <summary>Reserves <paramref name="length"/> bytes of host address space, inaccessible and uncommitted.
    /// Returns null on failure.</summary>
    public static byte* Reserve(ulong length)
    {
        nint p = Mmap(0, (nuint)length, ProtNone, MapPrivate | MapAnonymous | MapNoReserve, -1, 0);
        return p == MapFailed ? null : (byte*)p;
    }

    /// <summary>Maps <paramref name="length"/> bytes of <paramref name="fd"/> at <paramref name="offset"/> shared,
    /// exactly at <paramref name="address"/> inside a reservation, replacing what was there.</summary>
    public static bool MapFixedShared(byte* address, ulong length, int prot, int fd, ulong offset) =>
        Mmap((nint)address, (nuint)length, prot, MapSharedFlag | MapFixed, fd, (long)offset) == (nint)address;

    /// <summary>Like <see cref="MapFixedShared"/>, and fills the page tables in the same call (<c>MAP_POPULATE</c>): a
    /// fault's page, so the retried access does not fault a second time.</summary>
    public static bool MapFixedSharedPopulated(byte* address, ulong length, int prot, int fd, ulong offset) =>
        Mmap((nint)address, (nuint)length, prot, MapSharedFlag | MapFixed | MapPopulate, fd, (long)offset) == (nint)address;

    /// <summary>Copies <paramref name="length"/> bytes of file <paramref name="fd"/> from one offset to another inside
    /// the host kernel (<c>copy_file_range</c>), touching no mapping; false when the host copied less.</summary>
    public static bool CopyWithinFile(int fd, ulong from, ulong to, ulong length)
    {
        long source = (long)from, destination = (long)to;
        return CopyFileRange(fd, &source, fd, &destination, (nuint)length, 0) == (nint)length;
    }

    [LibraryImport("libc", EntryPoint = "copy_file_range", SetLastError = true)]
    private static partial nint CopyFileRange(int fdIn, long* offsetIn, int fdOut, long* offsetOut, nuint length, uint flags);

    /// <summary>Maps private zero memory with <paramref name="prot"/> exactly at <paramref name="address"/> (the host's
    /// zero page until written; mapped read-only it is Zircon's zero page, costing no memory).</summary>
    public static bool MapZeroFixed(byte* address, ulong length, int prot) =>
        Mmap((nint)address, (nuint)length, prot, MapPrivate | MapAnonymous | MapFixed | MapNoReserve | MapPopulate, -1, 0) == (nint)address;

    /// <summary>Gives a window of a reservation back: maps inaccessible, uncommitted memory over it. Never
    /// leaves a hole, so the C library cannot place anything there.</summary>
    /// <remarks>At the host's map limit (<c>vm.max_map_count</c>) the kernel refuses even a mapping that would merge
    /// with its neighbours; then the window's own mapping is made inaccessible in place (<c>mprotect</c> of a whole
    /// host mapping needs no new one), which is just as safe: nothing can touch it, and the next mapping there
    /// replaces it.</remarks>
    public static bool ReleaseToReservation(byte* address, ulong length) =>
        Mmap((nint)address, (nuint)length, ProtNone, MapPrivate | MapAnonymous | MapFixed | MapNoReserve, -1, 0) == (nint)address
        || MProtect((nint)address, (nuint)length, ProtNone) == 0;

    /// <summary>Changes the protection of a mapped window.</summary>
    public static bool Protect(byte* address, ulong length, int prot) => MProtect((nint)address, (nuint)length, prot) == 0;

    /// <summary>How many mappings this host process has (lines of <c>/proc/self/maps</c>).</summary>
    public static int MappingCount() => File.ReadLines("/proc/self/maps").Count();

    /// <summary>Unmaps a mapping made outside any reservation.</summary>
    public static void Unmap(byte* address, ulong length) => _ = Munmap((nint)address, (nuint)length);

    /// <summary>Gives the host back the memory behind <c>[offset, offset+length)</c> of a shared memory file; the
    /// range reads as zero afterwards.</summary>
    public static bool PunchHole(int fd, ulong offset, ulong length) =>
        FAllocate(fd, FallocFlPunchHole | FallocFlKeepSize, (long)offset, (long)length) == 0;

    /// <summary>How many bytes of host memory a shared memory file holds right now (st_blocks * 512).</summary>
    public static ulong AllocatedBytes(int fd)
    {
        // struct stat on x86_64 Linux is 144 bytes with st_blocks at offset 64; the buffer is larger to be safe.
        byte* buffer = stackalloc byte[256];
        if (FStat(fd, buffer) != 0)
            return 0;
        return *(ulong*)(buffer + 64) * 512;
    }

    /// <summary>The resident set size of this host process, from <c>/proc/self/statm</c>.</summary>
    public static ulong ResidentBytes()
    {
        string[] fields = File.ReadAllText("/proc/self/statm").Split(' ');
        return ulong.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) * (ulong)Environment.SystemPageSize;
    }
}
