using System.Runtime.InteropServices;

namespace Zx.Kernel.Devices;

/// <summary>The far end of an emulated UART's line, chosen the way QEMU's <c>-serial</c> chooses it: <c>stdio</c>
/// (the host program's standard output, and its standard input when the kernel reads it), <c>pty</c> (a new
/// pseudo-terminal in raw mode, whose name the kernel announces on standard error; connect with
/// <c>screen /dev/pts/N</c> or <c>picocom</c>), <c>file:PATH</c> (written to PATH, nothing received) or <c>null</c>
/// (bytes sent are dropped, none arrive).</summary>
public sealed class SerialLine : IDisposable
{
    private readonly Action<byte> _transmit;
    private readonly IDisposable? _resource;

    private SerialLine(string spec, Action<byte> transmit, Stream? input, string? terminal, IDisposable? resource)
    {
        Spec = spec;
        _transmit = transmit;
        Input = input;
        TerminalPath = terminal;
        _resource = resource;
    }

    /// <summary>The line's description as given (<c>stdio</c>, <c>pty</c>, <c>file:PATH</c>, <c>null</c>).</summary>
    public string Spec { get; }

    /// <summary>The pseudo-terminal's name (for example <c>/dev/pts/3</c>) for a <c>pty</c> line, else null.</summary>
    public string? TerminalPath { get; }

    /// <summary>Where received bytes come from, or null when none ever arrive.</summary>
    public Stream? Input { get; }

    /// <summary>Sends one byte down the line; a line nobody reads (a pty with no one attached and a full buffer, a
    /// closed output) loses it, as a wire would, and never blocks the sender.</summary>
    public void Transmit(byte value) => _transmit(value);

    /// <summary>Null when <paramref name="spec"/> names a line, else what is wrong with it.</summary>
    public static string? Check(string spec) => spec switch
    {
        "stdio" or "pty" or "null" => null,
        _ when spec.StartsWith("file:", StringComparison.Ordinal) && spec.Length > 5 => null,
        _ => $"unknown serial line \"{spec}\" (stdio, pty, file:PATH or null)",
    };

    /// <summary>Opens the line <paramref name="spec"/> describes.</summary>
    /// <param name="spec">See the class summary.</param>
    /// <param name="readStandardInput">For <c>stdio</c>: whether received bytes come from the host program's
    /// standard input (the C ABI reads it; a kernel hosted by .NET code leaves the host's input alone).</param>
    /// <exception cref="ArgumentException"><paramref name="spec"/> names no line.</exception>
    /// <exception cref="IOException">The file or the pseudo-terminal cannot be opened (the message says why).</exception>
    public static SerialLine Open(string spec, bool readStandardInput)
    {
        if (Check(spec) is string problem)
            throw new ArgumentException(problem, nameof(spec));
        switch (spec)
        {
            case "stdio":
                return new SerialLine(spec, Host.LinuxFiles.WriteStandardOutput,
                    readStandardInput ? Console.OpenStandardInput() : null, null, null);
            case "null":
                return new SerialLine(spec, static _ => { }, null, null, null);
            case "pty":
                Host.PseudoTerminal terminal = Host.PseudoTerminal.Open();
                return new SerialLine(spec, terminal.Write, terminal.Input, terminal.SlavePath, terminal);
            default:
                string path = spec[5..];
                FileStream file;
                try
                {
                    file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1, FileOptions.WriteThrough);
                }
                catch (Exception e) when (e is UnauthorizedAccessException or IOException or NotSupportedException)
                {
                    throw new IOException($"serial line {path}: {e.Message}", e);
                }
                return new SerialLine(spec, b =>
                {
                    lock (file)
                    {
                        try
                        {
                            file.WriteByte(b);
                            file.Flush();
                        }
                        catch (IOException)
                        {
                            // A full disk loses the byte, as a line nobody listens to would.
                        }
                    }
                }, null, null, file);
        }
    }

    /// <summary>Closes the file or the pseudo-terminal behind the line.</summary>
    public void Dispose() => _resource?.Dispose();
}
