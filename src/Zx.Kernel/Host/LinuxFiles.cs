using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Zx.Kernel.Host;

/// <summary>Reading a file named by the user as untrusted input: only a regular file is opened for reading, and
/// only up to a size limit, so a FIFO, a directory or a device is refused at once without being read (or, for a FIFO
/// with no writer, without blocking).</summary>
// Safety: reads go into managed buffers pinned for the call, never past their length.
internal static unsafe partial class LinuxFiles
{
    private const int ORdOnly = 0, ONonBlock = 0x800, OCloExec = 0x80000;
    private const uint SIfMt = 0xF000, SIfReg = 0x8000, SIfDir = 0x4000, SIfIfo = 0x1000, SIfChr = 0x2000, SIfBlk = 0x6000, SIfSock = 0xC000;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fstat", SetLastError = true)]
    private static partial int FStat(int fd, byte* statBuffer);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int fd, byte* buffer, nuint count);

    /// <summary>Writes one byte to the host program's standard output as it is right now (file descriptor 1, so a
    /// program that redirected it, with <c>dup2</c>, gets the byte there); a closed or full output loses it.</summary>
    public static void WriteStandardOutput(byte value) => _ = Write(1, &value, 1);

    /// <summary>Reads the whole of a regular file of at most <paramref name="maxBytes"/> bytes.</summary>
    /// <exception cref="IOException">The file cannot be opened, is not a regular file (the message says what it
    /// is), or is larger than the limit.</exception>
    public static byte[] ReadRegularFile(string path, long maxBytes)
    {
        // O_NONBLOCK: opening a FIFO that has no writer returns at once instead of waiting for one.
        int fd = Open(path, ORdOnly | ONonBlock | OCloExec);
        if (fd < 0)
            throw new IOException(Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));
        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        // struct stat on x86-64 Linux: st_mode is the 32-bit field at offset 24, st_size the 64-bit one at 48.
        byte* stat = stackalloc byte[144];
        if (FStat(fd, stat) != 0)
            throw new IOException(Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));
        uint type = *(uint*)(stat + 24) & SIfMt;
        long size = *(long*)(stat + 48);
        if (type != SIfReg)
            throw new IOException($"not a regular file (it is {Describe(type)})");
        if (size > maxBytes)
            throw new IOException($"the file has {size} bytes, more than the limit of {maxBytes}");
        var bytes = new byte[size];
        int read = 0;
        using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
        while (read < bytes.Length)
        {
            int n = stream.Read(bytes, read, bytes.Length - read);
            if (n == 0)
                break;
            read += n;
        }
        if (stream.ReadByte() >= 0)
            throw new IOException($"the file grew past {size} bytes while it was read");
        return read == bytes.Length ? bytes : bytes[..read];
    }

    private static string Describe(uint type) => type switch
    {
        SIfDir => "a directory",
        SIfIfo => "a FIFO",
        SIfChr => "a character device",
        SIfBlk => "a block device",
        SIfSock => "a socket",
        _ => "not a regular file",
    };
}
