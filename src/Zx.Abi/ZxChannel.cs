using System.Runtime.InteropServices;

namespace Zx;

/// <summary><c>zx_channel_call_args_t</c>: what to write and where to put the reply.</summary>
// Safety: a record of the caller's pointers; the kernel reads and writes through them only with UserCopy.
[StructLayout(LayoutKind.Sequential)]
public unsafe struct ZxChannelCallArgs
{
    /// <summary><c>wr_bytes</c>.</summary>
    public byte* WrBytes;
    /// <summary><c>wr_handles</c>.</summary>
    public ZxHandle* WrHandles;
    /// <summary><c>rd_bytes</c>.</summary>
    public byte* RdBytes;
    /// <summary><c>rd_handles</c>.</summary>
    public ZxHandle* RdHandles;
    /// <summary><c>wr_num_bytes</c>.</summary>
    public uint WrNumBytes;
    /// <summary><c>wr_num_handles</c>.</summary>
    public uint WrNumHandles;
    /// <summary><c>rd_num_bytes</c>.</summary>
    public uint RdNumBytes;
    /// <summary><c>rd_num_handles</c>.</summary>
    public uint RdNumHandles;
}
