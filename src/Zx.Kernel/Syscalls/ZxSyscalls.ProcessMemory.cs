using Zx.Kernel.Host;
using Zx.Kernel.Object;
using Zx.Kernel.Vm;

namespace Zx.Kernel.Syscalls;

// Safety: the buffer is user memory, read and written only through UserCopy (here and in the VMO), which answers a
// fault; the target's addresses are only looked up in its VMAR tree, never dereferenced.
public sealed unsafe partial class ZxSyscalls
{
    /// <summary><c>kMaxDebugReadBlock</c> and <c>kMaxDebugWriteBlock</c>: 64 KiB per call.</summary>
    public const ulong MaxDebugBlock = 64 * 1024;

    /// <summary><c>zx_process_read_memory</c>: copies up to <paramref name="bufferSize"/> bytes from
    /// <paramref name="vaddr"/> in another (or this) process, through the VMO of the mapping there, so protections
    /// do not stop a debugger.</summary>
    /// <remarks>Errors, in order: INVALID_ARGS (NULL buffer, size 0 or over 64 KiB), BAD_HANDLE,
    /// ACCESS_DENIED (READ and WRITE are needed), WRONG_TYPE, BAD_STATE (the process is dead), NO_MEMORY (no mapping at
    /// <paramref name="vaddr"/>), INVALID_ARGS (the buffer cannot be written: each of its pages is tried first, as in
    /// 2018), then the VMO's own errors. The size is clipped to the end of that one mapping; <paramref name="actual"/>
    /// says how much was read (INVALID_ARGS when it cannot be written).</remarks>
    public ZxStatus ProcessReadMemory(ZxHandle proc, nuint vaddr, byte* buffer, nuint bufferSize, nuint* actual) =>
        ProcessMemory(proc, vaddr, buffer, bufferSize, actual, ZxRights.Read | ZxRights.Write, write: false);

    /// <summary><c>zx_process_write_memory</c>: the same as <c>zx_process_read_memory</c> the other way, needing
    /// only WRITE; the buffer's pages are tried for reading first.</summary>
    public ZxStatus ProcessWriteMemory(ZxHandle proc, nuint vaddr, byte* buffer, nuint bufferSize, nuint* actual) =>
        ProcessMemory(proc, vaddr, buffer, bufferSize, actual, ZxRights.Write, write: true);

    private ZxStatus ProcessMemory(ZxHandle proc, nuint vaddr, byte* buffer, nuint bufferSize, nuint* actual, ZxRights rights, bool write)
    {
        if (buffer is null || bufferSize == 0 || bufferSize > MaxDebugBlock)
            return ZxStatus.InvalidArgs;
        using Lookup<ProcessDispatcher> process = Process.GetDispatcherWithRights<ProcessDispatcher>(proc, rights);
        if (process.Failed)
            return process.Status;
        if (process.Object.IsDead)
            return ZxStatus.BadState;
        VmAspace aspace = process.Object.Aspace;
        lock (aspace.Lock)
        {
            VmMapping? mapping = aspace.Root.IsInRange(vaddr, 1) ? aspace.Root.FindMappingLocked(vaddr) : null;
            if (mapping is null)
                return ZxStatus.NoMemory;
            if (!ProbeUserBuffer(buffer, bufferSize, write))
                return ZxStatus.InvalidArgs;
            ulong intoMapping = vaddr - mapping.Base;
            ulong length = Math.Min(bufferSize, mapping.Size - intoMapping);
            ulong offset = mapping.VmoOffset + intoMapping;
            ZxStatus status = write ? mapping.Vmo.Write(buffer, offset, length) : mapping.Vmo.Read(buffer, offset, length);
            if (status != ZxStatus.Ok)
                return status == VmObject.Destroyed ? ZxStatus.NoMemory : status;
            return CopyOutIfWanted(actual, (nuint)length, ZxStatus.Ok);
        }
    }

    // 2018 touches each page of the buffer (and its last byte) before copying, so a bad buffer moves nothing: it
    // reads them when the buffer is the source and writes a zero there when it is the destination.
    private static bool ProbeUserBuffer(byte* buffer, nuint size, bool isSource)
    {
        for (nuint at = 0; ; at = at + (nuint)ZxConstants.PageSize < size ? at + (nuint)ZxConstants.PageSize : size - 1)
        {
            bool ok = isSource ? UserCopy.TryRead(buffer + at, out byte _) : UserCopy.TryWrite(buffer + at, (byte)0);
            if (!ok)
                return false;
            if (at == size - 1)
                return true;
        }
    }
}
