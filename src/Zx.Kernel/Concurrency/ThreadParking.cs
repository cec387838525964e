using System.Runtime.InteropServices;

namespace Zx.Kernel.Concurrency;

/// <summary>How the kernel stops a host thread that is running user code, for suspension: the C ABI gives each of its
/// threads a park block (native/suspend.c) and a signal that parks the thread at once wherever it is in user code.
/// Threads without a block (a managed entry) are stopped only at their blocking waits in the kernel.</summary>
internal interface IHostThreadParking
{
    /// <summary>The calling host thread's park block, reset; the kernel keeps it while the thread runs.</summary>
    nint RegisterCurrentThread();

    /// <summary>Sends the park signal to host thread <paramref name="hostThreadId"/>: it parks if it is running user
    /// code and its block's <see cref="ParkBlock.Requested"/> is set.</summary>
    void Interrupt(int hostThreadId);

    /// <summary>Wakes a thread parked on <paramref name="block"/> once its <see cref="ParkBlock.Requested"/> is 0.</summary>
    void Wake(nint block);
}

/// <summary>A thread's park block (<c>struct zxshim_park</c> in native/zxshim.h), shared by the thread and the kernel:
/// the words are read and written with atomic operations, the registers only while the thread is parked.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ParkBlock
{
    /// <summary><c>zx_thread_state_general_regs_t</c> holds 18 registers on x86-64.</summary>
    public const int GeneralRegisters = 18;
    /// <summary><see cref="Parked"/>: stopped in user code, the registers from its signal frame.</summary>
    public const uint InUserCode = 1;
    /// <summary><see cref="Parked"/>: stopped on the way out of a syscall.</summary>
    public const uint InSyscall = 2;

    /// <summary>1 while the kernel wants the thread stopped (the futex word the thread sleeps on).</summary>
    public uint Requested;
    /// <summary>0 while running, else where the thread stopped.</summary>
    public uint Parked;
    /// <summary>Syscalls the thread is inside (written by the thread only).</summary>
    public uint InKernel;
    /// <summary>1 when the kernel changed <see cref="Registers"/>: a thread parked in user code goes on with them.</summary>
    public uint RegistersWritten;
    /// <summary>The general registers, in <c>zx_thread_state_general_regs_t</c> order.</summary>
    public fixed ulong Registers[GeneralRegisters];
}
