using Zx.Kernel.Object;

namespace Zx.Kernel.Syscalls;

// Safety: pointer parameters are user memory, read and written only through UserCopy, which answers a fault.
public sealed unsafe partial class ZxSyscalls
{
    /// <summary><c>zx_fifo_create</c>: two connected ends, each a ring of <paramref name="elemCount"/> elements of
    /// <paramref name="elemSize"/> bytes that the other end writes. Errors, in order: OUT_OF_RANGE (a count that is
    /// not a power of two, a zero size, more than 4,096 bytes), NO_MEMORY, INVALID_ARGS (a bad out pointer; nothing
    /// is left). The 2018 kernel ignores <paramref name="options"/>.</summary>
    public ZxStatus FifoCreate(nuint elemCount, nuint elemSize, uint options, ZxHandle* out0, ZxHandle* out1)
    {
        ZxStatus allowed = EnforcePolicy(ZxJobPolicy.NewFifo);
        if (allowed != ZxStatus.Ok)
            return allowed;
        Result<FifoDispatcher> end = FifoDispatcher.Create(Kernel, elemCount, elemSize);
        if (end.Failed)
            return end.Status;
        return MakeHandlePair(end.Value, (FifoDispatcher)end.Value.Peer!, ZxDefaultRights.Fifo, out0, out1);
    }

    /// <summary><c>zx_fifo_write</c>: writes up to <paramref name="count"/> elements for the peer to read.</summary>
    /// <remarks>Rights: WRITE. Errors, in order: BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE, PEER_CLOSED, OUT_OF_RANGE
    /// (another element size, or a count of 0), SHOULD_WAIT (the peer's ring is full), INVALID_ARGS (the data cannot
    /// be read: nothing is written); then INVALID_ARGS when <paramref name="actualCount"/> cannot be written (the
    /// elements are written all the same, as in 2018).</remarks>
    public ZxStatus FifoWrite(ZxHandle handle, nuint elemSize, byte* data, nuint count, nuint* actualCount)
    {
        using Lookup<FifoDispatcher> fifo = Process.GetDispatcherWithRights<FifoDispatcher>(handle, ZxRights.Write);
        if (fifo.Failed)
            return fifo.Status;
        ZxStatus status = fifo.Object.Write(elemSize, data, count, out ulong actual);
        return status != ZxStatus.Ok ? status : CopyOutIfWanted(actualCount, (nuint)actual, ZxStatus.Ok);
    }

    /// <summary><c>zx_fifo_read</c>: reads up to <paramref name="count"/> elements the peer wrote.</summary>
    /// <remarks>Rights: READ. Errors, in order: BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE, OUT_OF_RANGE (another element
    /// size, or a count of 0), SHOULD_WAIT (empty), or PEER_CLOSED (empty and the peer gone), INVALID_ARGS (the
    /// buffer cannot be written: nothing is taken); then INVALID_ARGS when <paramref name="actualCount"/> cannot be
    /// written (the elements are taken all the same).</remarks>
    public ZxStatus FifoRead(ZxHandle handle, nuint elemSize, byte* data, nuint count, nuint* actualCount)
    {
        using Lookup<FifoDispatcher> fifo = Process.GetDispatcherWithRights<FifoDispatcher>(handle, ZxRights.Read);
        if (fifo.Failed)
            return fifo.Status;
        ZxStatus status = fifo.Object.Read(elemSize, data, count, out ulong actual);
        return status != ZxStatus.Ok ? status : CopyOutIfWanted(actualCount, (nuint)actual, ZxStatus.Ok);
    }

    /// <summary><c>zx_fifo_create</c> (managed form).</summary>
    public ZxStatus FifoCreate(nuint elemCount, nuint elemSize, out ZxHandle out0, out ZxHandle out1)
    {
        ZxHandle a = default, b = default;
        ZxStatus status = FifoCreate(elemCount, elemSize, 0, &a, &b);
        out0 = a;
        out1 = b;
        return status;
    }

    /// <summary><c>zx_fifo_write</c> (managed form): the elements are <paramref name="data"/>, whose length is a
    /// multiple of <paramref name="elemSize"/> (a remainder is not sent).</summary>
    public ZxStatus FifoWrite(ZxHandle handle, nuint elemSize, ReadOnlySpan<byte> data, out nuint actualCount)
    {
        nuint actual = 0;
        fixed (byte* p = data)
        {
            ZxStatus status = FifoWrite(handle, elemSize, p, elemSize == 0 ? 0 : (nuint)data.Length / elemSize, &actual);
            actualCount = actual;
            return status;
        }
    }

    /// <summary><c>zx_fifo_read</c> (managed form): reads as many elements as <paramref name="data"/> holds.</summary>
    public ZxStatus FifoRead(ZxHandle handle, nuint elemSize, Span<byte> data, out nuint actualCount)
    {
        nuint actual = 0;
        fixed (byte* p = data)
        {
            ZxStatus status = FifoRead(handle, elemSize, p, elemSize == 0 ? 0 : (nuint)data.Length / elemSize, &actual);
            actualCount = actual;
            return status;
        }
    }
}
