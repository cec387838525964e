using Zx.Kernel.Board;

namespace Zx.Kernel;

/// <summary>Which results Zx gives where the specification document and the 2018 kernel disagree
/// (docs/decisions.md).</summary>
public enum ZxCompatibility
{
    /// <summary>The default: follow the <c>zx_vmo_create_physical</c> document. A request outside the MMIO
    /// resource's page-widened window (including size 0) is ACCESS_DENIED; an unaligned size is INVALID_ARGS.</summary>
    Document = 0,

    /// <summary>The September 2018 kernel's exact results: OUT_OF_RANGE outside the window, and an unaligned size
    /// silently rounded up to whole pages.</summary>
    Zircon2018 = 1,
}

/// <summary>How to start a <see cref="KernelContext"/>.</summary>
public sealed class KernelOptions
{
    /// <summary>The board to run on; null means <see cref="BoardDescription.Default"/>.</summary>
    public BoardDescription? Board { get; init; }

    /// <summary>The compatibility setting; <see cref="ZxCompatibility.Document"/> by default.</summary>
    public ZxCompatibility Compatibility { get; init; } = ZxCompatibility.Document;

    /// <summary>Bytes of host address space each process's root VMAR reserves (64 GiB by default). The
    /// reservation costs nothing until something is mapped into it.</summary>
    public ulong AddressSpaceSize { get; init; } = 64UL << 30;

    /// <summary>The name of the first process.</summary>
    public string FirstProcessName { get; init; } = "userboot";

    /// <summary>When true, each handle remembers the syscall that created it (read from
    /// <see cref="SyscallScope.Current"/>), so that a census can name it in a leak report. Off by default.</summary>
    public bool RecordHandleOrigins { get; init; }

    /// <summary>When true, mapping a paged VMO commits nothing: each page is committed and mapped when first touched,
    /// through the host fault handler (docs/faults.md), and a touch that cannot be resolved is an exception of the
    /// touching thread. The C ABI turns it on, because its threads run native code the handler can stop. Off by
    /// default for kernels hosted by .NET code: the runtime cannot let a managed thread that faulted wait while other
    /// managed code commits its page, so there every mapping is populated when it is made (decision 17).</summary>
    public bool DemandPaging { get; init; }

    /// <summary>The line every emulated UART is connected to, overriding the board's <c>"serial"</c>: <c>stdio</c>,
    /// <c>pty</c>, <c>file:PATH</c> or <c>null</c> (see <see cref="Devices.SerialLine"/>). Null keeps the board's
    /// choice, which is <c>stdio</c> when the board says nothing.</summary>
    public string? Serial { get; init; }

    /// <summary>When true, a UART on a <c>stdio</c> line receives the host program's standard input (the C ABI does
    /// this; a kernel hosted by .NET code leaves its host's input alone by default).</summary>
    public bool SerialReadsStandardInput { get; init; }
}
