using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Zx.Kernel.Host;

/// <summary>A new pseudo-terminal for an emulated UART: the kernel holds the master side; the slave side
/// (<see cref="SlavePath"/>) is put in raw mode, as QEMU's <c>-serial pty</c> does, and kept open by the kernel too,
/// so bytes sent while nobody is attached wait in the terminal's buffer instead of failing, and a user who attaches
/// later (<c>screen /dev/pts/N</c>) sees them.</summary>
// Safety: termios and poll records are stack buffers of the sizes glibc uses on x86-64, passed only for the call.
internal sealed unsafe partial class PseudoTerminal : IDisposable
{
    private const int ORdWr = 2, ONoCtty = 0x100, OCloExec = 0x80000;
    private const short PollOut = 4;
    private const int TermiosSize = 60; // struct termios on Linux x86-64

    private readonly SafeFileHandle _master;
    private readonly SafeFileHandle _slave;

    private PseudoTerminal(SafeFileHandle master, SafeFileHandle slave, string slavePath)
    {
        _master = master;
        _slave = slave;
        SlavePath = slavePath;
        Input = new MasterInput(master);
    }

    /// <summary>The slave side's name, for example <c>/dev/pts/3</c>.</summary>
    public string SlavePath { get; }

    /// <summary>What the user types on the slave side; a read waits for a byte and returns 0 once the terminal is
    /// closed.</summary>
    public Stream Input { get; }

    /// <summary>Opens a new pseudo-terminal.</summary>
    /// <exception cref="IOException">The host has no pseudo-terminals to give (the message says why).</exception>
    public static PseudoTerminal Open()
    {
        var master = new SafeFileHandle(PosixOpenpt(ORdWr | ONoCtty | OCloExec), ownsHandle: true);
        if (master.IsInvalid)
            throw Failure("posix_openpt");
        byte* name = stackalloc byte[128];
        if (GrantPt(master) != 0 || UnlockPt(master) != 0 || PtsNameR(master, name, 128) != 0)
        {
            IOException failure = Failure("grantpt");
            master.Dispose();
            throw failure;
        }
        string path = Marshal.PtrToStringUTF8((nint)name) ?? "";
        var slave = new SafeFileHandle(OpenPath(path, ORdWr | ONoCtty | OCloExec), ownsHandle: true);
        byte* termios = stackalloc byte[TermiosSize + 4];
        if (slave.IsInvalid || TcGetAttr(slave, termios) != 0)
        {
            IOException failure = Failure(path);
            slave.Dispose();
            master.Dispose();
            throw failure;
        }
        CfMakeRaw(termios);
        _ = TcSetAttr(slave, 0, termios); // TCSANOW
        return new PseudoTerminal(master, slave, path);
    }

    /// <summary>Sends one byte to the slave side; when its buffer is full (nobody has read for a long while) the byte
    /// is lost rather than blocking the UART's writer.</summary>
    public void Write(byte value)
    {
        if (_master.IsClosed)
            return;
        PollRecord poll = new() { Events = PollOut };
        bool added = false;
        try
        {
            _master.DangerousAddRef(ref added);
            poll.Fd = (int)_master.DangerousGetHandle();
            if (Poll(&poll, 1, 0) == 1 && (poll.ReturnedEvents & PollOut) != 0)
                _ = WriteFd(poll.Fd, &value, 1);
        }
        catch (ObjectDisposedException)
        {
            // Closed while the UART wrote: the byte is lost.
        }
        finally
        {
            if (added)
                _master.DangerousRelease();
        }
    }

    /// <summary>Closes both sides; a reader of <see cref="Input"/> sees the end of its input.</summary>
    public void Dispose()
    {
        _slave.Dispose(); // the master's reader now reads EIO: the end of the input
        _master.Dispose();
    }

    private static IOException Failure(string what) =>
        new($"pseudo-terminal: {what}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");

    [StructLayout(LayoutKind.Sequential)]
    private struct PollRecord
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    // Reads the master side with read(2); the handle's reference count keeps the descriptor alive during a read.
    private sealed class MasterInput(SafeFileHandle master) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(offset);
            ArgumentOutOfRangeException.ThrowIfNegative(count);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(count, buffer.Length - offset);
            if (count == 0 || master.IsClosed)
                return 0;
            try
            {
                fixed (byte* p = &buffer[offset])
                {
                    nint n;
                    do
                        n = ReadFd(master, p, (nuint)count);
                    while (n < 0 && Marshal.GetLastPInvokeError() == 4); // EINTR
                    return n > 0 ? (int)n : 0; // EIO: every slave descriptor closed
                }
            }
            catch (ObjectDisposedException)
            {
                return 0;
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "posix_openpt", SetLastError = true)]
    private static partial int PosixOpenpt(int flags);

    [LibraryImport("libc", EntryPoint = "grantpt", SetLastError = true)]
    private static partial int GrantPt(SafeFileHandle fd);

    [LibraryImport("libc", EntryPoint = "unlockpt", SetLastError = true)]
    private static partial int UnlockPt(SafeFileHandle fd);

    [LibraryImport("libc", EntryPoint = "ptsname_r", SetLastError = true)]
    private static partial int PtsNameR(SafeFileHandle fd, byte* buffer, nuint length);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenPath(string path, int flags);

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    private static partial int TcGetAttr(SafeFileHandle fd, byte* termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    private static partial int TcSetAttr(SafeFileHandle fd, int when, byte* termios);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    private static partial void CfMakeRaw(byte* termios);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(PollRecord* records, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint WriteFd(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint ReadFd(SafeFileHandle fd, byte* buffer, nuint count);
}
