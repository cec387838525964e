using System.Text;
using Zx.Kernel.Object;
using Zx.Kernel.Vm;

namespace Zx.Kernel;

/// <summary>What the thread that faulted does next.</summary>
internal enum FaultAction
{
    /// <summary>Run the faulting instruction again: the page is mapped now, or a handler resumed the thread.</summary>
    Retry = 0,
    /// <summary>Leave: the thread was killed, or its process died of the fault.</summary>
    Leave = 1,
    /// <summary>The host program's own process died of the fault: the host sees it, as it would without Zx.</summary>
    Crash = 2,
}

/// <summary>A fault of user code in a process's window, as the host's fault handler saw it.</summary>
/// <param name="Address">The address touched.</param>
/// <param name="ErrorCode">The processor's page-fault error code (bit 1: a write, bit 4: an instruction fetch).</param>
/// <param name="Signal">SIGSEGV, SIGBUS, SIGILL, SIGTRAP or SIGFPE.</param>
/// <param name="Code">The signal's <c>si_code</c>.</param>
internal readonly record struct UserFault(ulong Address, ulong ErrorCode, int Signal, int Code = 0)
{
    /// <summary>The host's signal numbers the fault path sees.</summary>
    public const int SigIll = 4, SigTrap = 5, SigBus = 7, SigFpe = 8, SigSegv = 11;

    /// <summary>True for a bad memory access (SIGSEGV, SIGBUS): a page fault of the address space.</summary>
    public bool IsBadAccess => Signal is SigSegv or SigBus;

    /// <summary>The <c>ZX_EXCP_*</c> the host can tell from the signal: a bad access is a fatal page fault (a misaligned
    /// one, BUS_ADRALN, an alignment fault), an undefined instruction SIGILL, a breakpoint SIGTRAP, anything else
    /// (an arithmetic fault) a general fault.</summary>
    public uint ExceptionType => Signal switch
    {
        SigBus when Code == 1 => ZxExceptionType.UnalignedAccess,
        SigSegv or SigBus => ZxExceptionType.FatalPageFault,
        SigIll => ZxExceptionType.UndefinedInstruction,
        SigTrap => ZxExceptionType.SoftwareBreakpoint,
        _ => ZxExceptionType.General,
    };

    /// <summary>The x86 vector behind it (14 page fault, 6 invalid opcode, 3 breakpoint, 0 divide error, 17 alignment).</summary>
    public ulong Vector => ExceptionType switch
    {
        ZxExceptionType.FatalPageFault => 14,
        ZxExceptionType.UndefinedInstruction => 6,
        ZxExceptionType.SoftwareBreakpoint => 3,
        ZxExceptionType.UnalignedAccess => 17,
        _ => Signal == SigFpe ? 0UL : 13UL,
    };

    /// <summary>The access, from the error code.</summary>
    public PageFaultFlags Access =>
        ((ErrorCode & 0x10) != 0 ? PageFaultFlags.Execute : 0) | ((ErrorCode & 0x2) != 0 ? PageFaultFlags.Write : 0);

    /// <summary>"read", "write" or "execute".</summary>
    public string AccessName => Access.HasFlag(PageFaultFlags.Execute) ? "execute" : Access.HasFlag(PageFaultFlags.Write) ? "write" : "read";
}

/// <summary>The fault path's kernel half (Zircon's <c>vmm_page_fault_handler</c> and <c>dispatch_user_exception</c>):
/// a fault of user code in a process's window is a page fault of that process's address space; when the address
/// space cannot resolve it, it is the thread's exception; when no exception port resumes the thread, its process
/// dies and a crash report says why.</summary>
internal static class UserFaults
{
    /// <summary>General register names in <c>zx_thread_state_general_regs_t</c> order.</summary>
    private static readonly string[] RegisterNames =
        ["rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip", "rflags"];

    /// <summary>The page fault alone: true when <paramref name="fault"/> is a bad access in <paramref name="process"/>'s
    /// window that its address space resolved (the access can be retried); otherwise <paramref name="status"/> says
    /// why not (NOT_FOUND when the address is not the process's).</summary>
    public static unsafe bool TryPageFault(ProcessContext process, in UserFault fault, ulong* registers, ref bool registersWritten,
        out ZxStatus status)
    {
        VmAspace? aspace = fault.IsBadAccess ? Reservations.Find(fault.Address) : null;
        if (aspace != process.Dispatcher.Aspace || aspace is null)
        {
            status = ZxStatus.NotFound;
            return false;
        }
        if (registers is not null && aspace.FindDevice(fault.Address, out ulong offset, out ZxVmOptions perms) is Devices.DeviceModel device)
        {
            status = EmulateDeviceAccess(process.Kernel, device, offset, perms, registers);
            registersWritten |= status == ZxStatus.Ok;
            return status == ZxStatus.Ok;
        }
        status = aspace.PageFault(fault.Address, fault.Access);
        return status == ZxStatus.Ok;
    }

    /// <summary>Emulates the instruction at the faulting thread's rip against <paramref name="device"/>: a store writes
    /// the register, a load puts the register's value in the destination register; then rip moves past the instruction.
    /// NOT_SUPPORTED for an instruction the emulator does not handle, ACCESS_DENIED for an access the mapping does not
    /// allow, OUT_OF_RANGE for one that runs past the device's region.</summary>
    private static unsafe ZxStatus EmulateDeviceAccess(KernelContext kernel, Devices.DeviceModel device, ulong offset, ZxVmOptions perms,
        ulong* registers)
    {
        Span<byte> code = stackalloc byte[15];
        int length = 0;
        ulong rip = registers[Devices.MmioInstruction.Rip];
        while (length < code.Length && Host.UserCopy.TryRead((byte*)(rip + (ulong)length), out byte b))
            code[length++] = b;
        if (Devices.MmioInstruction.Decode(code[..length]) is not Devices.MmioInstruction instruction)
            return ZxStatus.NotSupported;
        if (!perms.HasFlag(instruction.IsStore ? ZxVmOptions.PermWrite : ZxVmOptions.PermRead))
            return ZxStatus.AccessDenied;
        if (offset + (ulong)instruction.Width > device.Region!.Size)
            return ZxStatus.OutOfRange;
        ulong value;
        Devices.ScriptedDevice.CurrentInstruction = rip;
        if (instruction.IsStore)
        {
            value = instruction.StoredValue(registers);
            device.Write(offset, instruction.Width, value);
        }
        else
        {
            value = device.Read(offset, instruction.Width);
            instruction.Load(registers, value);
        }
        kernel.OnDeviceAccessed(device, offset, instruction.Width, instruction.IsStore, value);
        registers[Devices.MmioInstruction.Rip] = rip + (ulong)instruction.Length;
        return ZxStatus.Ok;
    }

    /// <summary>Handles <paramref name="fault"/> of the calling thread (<paramref name="thread"/>, or null for a host
    /// thread that is no Zircon thread) acting in <paramref name="process"/>. <paramref name="registers"/> (18 values)
    /// are the faulting context's, which an exception port may rewrite (<paramref name="registersWritten"/>);
    /// <paramref name="backtrace"/> symbolizes the faulting thread's frames for a crash report.</summary>
    public static unsafe FaultAction Handle(ProcessContext process, ThreadDispatcher? thread, in UserFault fault, ulong* registers,
        out bool registersWritten, Func<IReadOnlyList<string>> backtrace)
    {
        registersWritten = false;
        ProcessDispatcher owner = process.Dispatcher;
        if (TryPageFault(process, fault, registers, ref registersWritten, out ZxStatus paged))
            return FaultAction.Retry;
        VmAspace? aspace = fault.IsBadAccess ? Reservations.Find(fault.Address) : null;
        uint type = fault.ExceptionType;
        var report = new ZxExceptionReport
        {
            Size = 32, Type = type, Vector = fault.Vector, ErrorCode = fault.IsBadAccess ? fault.ErrorCode : 0, Cr2 = fault.IsBadAccess ? fault.Address : 0,
        };
        ExceptionOutcome outcome = thread is not null && !thread.IsKilled
            ? thread.HandleException(type, report, registers, out registersWritten)
            : thread is null ? ExceptionOutcome.NotHandled : ExceptionOutcome.Killed;
        switch (outcome)
        {
            case ExceptionOutcome.Resume:
                return FaultAction.Retry;
            case ExceptionOutcome.Killed:
                return FaultAction.Leave;
        }
        string text = CrashReport(owner, aspace, thread, fault, type, paged, registers, backtrace());
        process.Kernel.ReportCrash(text);
        if (owner == process.Kernel.FirstProcess.Dispatcher)
            return FaultAction.Crash;
        owner.Kill(Syscalls.ZxSyscalls.TaskRetcodeExceptionKill);
        return FaultAction.Leave;
    }

    /// <summary>The crash report (Zircon's crashlogger's facts): who, what, where, the registers and a backtrace.</summary>
    public static unsafe string CrashReport(ProcessDispatcher process, VmAspace? aspace, ThreadDispatcher? thread, in UserFault fault,
        uint type, ZxStatus paged, ulong* registers, IReadOnlyList<string> backtrace)
    {
        var text = new StringBuilder();
        string threadText = thread is null ? "a host thread" : $"thread '{NameOf(thread)}' (koid {thread.Koid})";
        text.AppendLine($"zx: crash: {ZxExceptionType.Describe(type)} in {threadText} of process '{NameOf(process)}' (koid {process.Koid})");
        string where = aspace == process.Aspace && aspace is not null ? aspace.DescribeAddress(fault.Address)
            : aspace is null ? "outside the process's address space" : "in another process's address space";
        string why = paged switch
        {
            ZxStatus.AccessDenied => $": the mapping does not allow a {fault.AccessName}",
            ZxStatus.OutOfRange => ": no page there (past the end of the VMO, or memory no board region backs)",
            ZxStatus.NoMemory => ": no page could be had (the board's RAM, or Zx's share of the host's mappings, ran out)",
            ZxStatus.NotSupported => ": a device register, reached by an instruction the MMIO emulator does not handle (docs/faults.md lists the ones it does)",
            _ => "",
        };
        if (fault.IsBadAccess)
            text.AppendLine($"zx:   {fault.AccessName} of address 0x{fault.Address:x}, {where}{why}");
        else
            text.AppendLine($"zx:   at instruction 0x{fault.Address:x} (signal {fault.Signal}, code {fault.Code})");
        if (registers is not null)
        {
            for (int i = 0; i < RegisterNames.Length; i += 4)
            {
                text.Append("zx:  ");
                for (int j = i; j < Math.Min(i + 4, RegisterNames.Length); j++)
                    text.Append($" {RegisterNames[j],6} 0x{registers[j]:x16}");
                text.AppendLine();
            }
        }
        text.AppendLine("zx:   backtrace:");
        for (int i = 0; i < backtrace.Count; i++)
            text.AppendLine($"zx:     #{i,-2} {backtrace[i]}");
        return text.ToString();
    }

    private static string NameOf(Dispatcher dispatcher)
    {
        Span<byte> name = stackalloc byte[32];
        dispatcher.GetName(name);
        int length = name.IndexOf((byte)0);
        return Encoding.UTF8.GetString(length < 0 ? name : name[..length]);
    }
}
