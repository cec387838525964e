using System.Runtime.InteropServices;
using Zx.Kernel;
using Zx.Kernel.Object;

namespace Zx.Native;

/// <summary>What native/fault.c tells the kernel about a fault (<c>struct zxfault_record</c>).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct FaultRecord
{
    public const int MaxFrames = 32;
    public ulong Address;
    public ulong ErrorCode;
    public uint Signal;
    public int Code;
    public uint RegistersWritten;
    public uint FrameCount;
    public uint ResolutionTried;
    public uint Reserved;
    public fixed ulong Registers[18];
    public fixed ulong Frames[MaxFrames];
}

/// <summary>The fault path's entry from C: a fault of user code in a Zx window, run on the faulting thread
/// (docs/faults.md).</summary>
// Safety: the record lives on the faulting thread's stack for the whole call; frames are only printed.
internal static unsafe partial class FaultPath
{
    /// <summary>Sets the native hook once the kernel is up.</summary>
    public static void Install() => InstallHook();

    [LibraryImport("zxshim", EntryPoint = "zxfault_install")]
    private static partial void InstallHook();

    // The first call's answer when the page fault failed: native/fault.c takes a backtrace and calls again.
    private const int ExceptionNeeded = 3;

    /// <summary>Resolves the fault (first call) or raises the thread's exception (second call, with a backtrace); a
    /// <see cref="FaultAction"/>.</summary>
    [UnmanagedCallersOnly(EntryPoint = "zxabi_page_fault")]
    public static int PageFault(FaultRecord* record)
    {
        try
        {
            ProcessContext? process = NativeKernel.Current;
            if (process is null)
                return (int)FaultAction.Crash;
            var fault = new UserFault(record->Address, record->ErrorCode, (int)record->Signal, record->Code);
            if (record->ResolutionTried == 0)
            {
                bool written = false;
                bool resolved = UserFaults.TryPageFault(process, fault, record->Registers, ref written, out _);
                record->RegistersWritten = written ? 1u : 0u;
                return resolved ? (int)FaultAction.Retry : ExceptionNeeded;
            }
            FaultAction action = UserFaults.Handle(process, ThreadDispatcher.Current, fault, record->Registers, out bool registersWritten,
                () => Symbolize(record));
            record->RegistersWritten = registersWritten ? 1u : 0u;
            return (int)action;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"libzircon: internal error in the fault path: {e.GetType().Name}: {e.Message}");
            return (int)FaultAction.Crash;
        }
    }

    /// <summary>Each frame as "0xADDRESS object(symbol+0xOFFSET)", as far as the dynamic linker can tell.</summary>
    private static List<string> Symbolize(FaultRecord* record)
    {
        var lines = new List<string>();
        for (int i = 0; i < (int)Math.Min(record->FrameCount, FaultRecord.MaxFrames); i++)
        {
            ulong pc = record->Frames[i];
            string? where = Locate(pc, isReturnAddress: i != 0);
            lines.Add(where is null ? $"0x{pc:x}" : $"0x{pc:x} {where}");
        }
        return lines;
    }

    /// <summary>A code address as "object(symbol+0xOFFSET)" or "object+0xOFFSET", as far as the dynamic linker can
    /// tell; null when it cannot. A return address is looked up one byte back, at its call instruction.</summary>
    public static string? Locate(ulong pc, bool isReturnAddress)
    {
        ulong lookup = isReturnAddress && pc != 0 ? pc - 1 : pc;
        DlInfo info;
        if (pc == 0 || DlAddr((void*)lookup, &info) == 0)
            return null;
        string module = info.FileName is null ? "?" : Path.GetFileName(Marshal.PtrToStringUTF8((nint)info.FileName) ?? "?");
        return info.SymbolName is not null
            ? $"{module}({Marshal.PtrToStringUTF8((nint)info.SymbolName)}+0x{pc - (ulong)info.SymbolAddress:x})"
            : $"{module}+0x{pc - (ulong)info.BaseAddress:x}";
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct DlInfo
    {
        public byte* FileName;
        public void* BaseAddress;
        public byte* SymbolName;
        public void* SymbolAddress;
    }

    [LibraryImport("libc", EntryPoint = "dladdr")]
    private static partial int DlAddr(void* address, DlInfo* info);
}
