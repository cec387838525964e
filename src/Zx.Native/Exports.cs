using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Zx.Kernel.Syscalls;

namespace Zx.Native;

/// <summary>The C ABI: each syscall with Zircon's C signature, as <c>zxabi_NAME</c>; the exported <c>zx_NAME</c> is a
/// generated C function around it (native/syscall_stubs.targets) that never returns to a killed thread. No exception
/// crosses this boundary: an unexpected one becomes <c>ZX_ERR_INTERNAL</c>, and a kernel that could not start
/// answers <c>ZX_ERR_BAD_STATE</c>. A syscall of a process that is dead does nothing: the calling thread is marked
/// killed, and the C side leaves it.</summary>
internal static unsafe class Exports
{
    private const int ErrInternal = (int)ZxStatus.Internal;
    private const int ErrBadState = (int)ZxStatus.BadState;

    private static int Call<TState>(TState state, delegate*<ZxSyscalls, TState, ZxStatus> body, [CallerMemberName] string method = "")
    {
        if (!Tracer.Active)
            return Invoke(state, body);
        Tracer.Frame frame;
        try
        {
            frame = Tracer.Begin(method, state);
        }
        catch (Exception e)
        {
            ReportInternalError(e, "");
            return ErrInternal;
        }
        int status = Invoke(state, body);
        try
        {
            Tracer.End(frame, status);
        }
        catch (Exception e)
        {
            ReportInternalError(e, " while tracing");
        }
        return status;
    }

    private static int Invoke<TState>(TState state, delegate*<ZxSyscalls, TState, ZxStatus> body)
    {
        try
        {
            ZxSyscalls? sys = NativeKernel.Sys;
            if (sys is null)
                return ErrBadState;
            if (sys.CallerIsDead)
            {
                ZxShim.MarkKilled();
                return ErrBadState;
            }
            int status = (int)body(sys, state);
            if (sys.CallerIsDead) // killed while in the syscall (a blocking wait ends when its process dies)
                ZxShim.MarkKilled();
            return status;
        }
        catch (Exception e)
        {
            ReportInternalError(e, "");
            return ErrInternal;
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "zxabi_get_root_resource")]
    public static uint GetRootResource() => Guard(() => NativeKernel.Kernel?.RootResource.Value ?? 0);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_process_self")]
    public static uint ProcessSelf() => Guard(() => NativeKernel.Current?.SelfHandle.Value ?? 0);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_handle_close")]
    public static int HandleClose(uint handle) =>
        Call(handle, &HandleCloseBody);

    private static ZxStatus HandleCloseBody(ZxSyscalls sys, uint handle) => sys.HandleClose(new ZxHandle(handle));

    [UnmanagedCallersOnly(EntryPoint = "zxabi_handle_close_many")]
    public static int HandleCloseMany(uint* handles, nuint count) =>
        Call(((nint)handles, (ulong)count), &HandleCloseManyBody);

    private static ZxStatus HandleCloseManyBody(ZxSyscalls sys, (nint Handles, ulong Count) a) =>
        sys.HandleCloseMany((ZxHandle*)a.Handles, a.Count);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_handle_duplicate")]
    public static int HandleDuplicate(uint handle, uint rights, uint* @out) =>
        Call((handle, rights, (nint)@out), &HandleDuplicateBody);

    private static ZxStatus HandleDuplicateBody(ZxSyscalls sys, (uint Handle, uint Rights, nint Out) a) =>
        sys.HandleDuplicate(new ZxHandle(a.Handle), (ZxRights)a.Rights, (ZxHandle*)a.Out);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_handle_replace")]
    public static int HandleReplace(uint handle, uint rights, uint* @out) =>
        Call((handle, rights, (nint)@out), &HandleReplaceBody);

    private static ZxStatus HandleReplaceBody(ZxSyscalls sys, (uint Handle, uint Rights, nint Out) a) =>
        sys.HandleReplace(new ZxHandle(a.Handle), (ZxRights)a.Rights, (ZxHandle*)a.Out);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_object_get_info")]
    public static int ObjectGetInfo(uint handle, uint topic, void* buffer, nuint bufferSize, nuint* actual, nuint* avail) =>
        Call((handle, topic, (nint)buffer, (ulong)bufferSize, (nint)actual, (nint)avail), &ObjectGetInfoBody);

    private static ZxStatus ObjectGetInfoBody(ZxSyscalls sys, (uint Handle, uint Topic, nint Buffer, ulong Size, nint Actual, nint Avail) a) =>
        sys.ObjectGetInfo(new ZxHandle(a.Handle), (ZxInfoTopic)a.Topic, (void*)a.Buffer, a.Size, (ulong*)a.Actual, (ulong*)a.Avail);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_object_get_property")]
    public static int ObjectGetProperty(uint handle, uint property, void* value, nuint size) =>
        Call((handle, property, (nint)value, (ulong)size), &ObjectGetPropertyBody);

    private static ZxStatus ObjectGetPropertyBody(ZxSyscalls sys, (uint Handle, uint Property, nint Value, ulong Size) a) =>
        sys.ObjectGetProperty(new ZxHandle(a.Handle), (ZxProperty)a.Property, (void*)a.Value, a.Size);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_object_set_property")]
    public static int ObjectSetProperty(uint handle, uint property, void* value, nuint size) =>
        Call((handle, property, (nint)value, (ulong)size), &ObjectSetPropertyBody);

    private static ZxStatus ObjectSetPropertyBody(ZxSyscalls sys, (uint Handle, uint Property, nint Value, ulong Size) a) =>
        sys.ObjectSetProperty(new ZxHandle(a.Handle), (ZxProperty)a.Property, (void*)a.Value, a.Size);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_resource_create")]
    public static int ResourceCreate(uint parent, uint options, ulong @base, nuint size, byte* name, nuint nameSize, uint* @out) =>
        Call((parent, options, @base, (ulong)size, (nint)name, (ulong)nameSize, (nint)@out), &ResourceCreateBody);

    private static ZxStatus ResourceCreateBody(ZxSyscalls sys, (uint Parent, uint Options, ulong Base, ulong Size, nint Name, ulong NameSize, nint Out) a) =>
        sys.ResourceCreate(new ZxHandle(a.Parent), a.Options, a.Base, a.Size, (byte*)a.Name, a.NameSize, (ZxHandle*)a.Out);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_vmo_create")]
    public static int VmoCreate(ulong size, uint options, uint* @out) =>
        Call((size, options, (nint)@out), &VmoCreateBody);

    private static ZxStatus VmoCreateBody(ZxSyscalls sys, (ulong Size, uint Options, nint Out) a) =>
        sys.VmoCreate(a.Size, (ZxVmoOptions)a.Options, (ZxHandle*)a.Out);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_vmo_read")]
    public static int VmoRead(uint handle, void* buffer, ulong offset, nuint length) =>
        Call((handle, (nint)buffer, offset, (ulong)length), &VmoReadBody);

    private static ZxStatus VmoReadBody(ZxSyscalls sys, (uint Handle, nint Buffer, ulong Offset, ulong Length) a) =>
        sys.VmoRead(new ZxHandle(a.Handle), (byte*)a.Buffer, a.Offset, a.Length);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_vmo_write")]
    public static int VmoWrite(uint handle, void* buffer, ulong offset, nuint length) =>
        Call((handle, (nint)buffer, offset, (ulong)length), &VmoWriteBody);

    private static ZxStatus VmoWriteBody(ZxSyscalls sys, (uint Handle, nint Buffer, ulong Offset, ulong Length) a) =>
        sys.VmoWrite(new ZxHandle(a.Handle), (byte*)a.Buffer, a.Offset, a.Length);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_vmo_get_size")]
    public static int VmoGetSize(uint handle, ulong* size) =>
        Call((handle, (nint)size), &VmoGetSizeBody);

    private static ZxStatus VmoGetSizeBody(ZxSyscalls sys, (uint Handle, nint Size) a) =>
        sys.VmoGetSize(new ZxHandle(a.Handle), (ulong*)a.Size);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_vmo_set_size")]
    public static int VmoSetSize(uint handle, ulong size) =>
        Call((handle, size), &VmoSetSizeBody);

    private static ZxStatus VmoSetSizeBody(ZxSyscalls sys, (uint Handle, ulong Size) a) =>
        sys.VmoSetSize(new ZxHandle(a.Handle), a.Size);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_vmo_create_physical")]
    public static int VmoCreatePhysical(uint resource, ulong paddr, nuint size, uint* @out) =>
        Call((resource, paddr, (ulong)size, (nint)@out), &VmoCreatePhysicalBody);

    private static ZxStatus VmoCreatePhysicalBody(ZxSyscalls sys, (uint Resource, ulong Paddr, ulong Size, nint Out) a) =>
        sys.VmoCreatePhysical(new ZxHandle(a.Resource), a.Paddr, a.Size, (ZxHandle*)a.Out);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_vmar_root_self")]
    public static uint VmarRootSelf() => Guard(() => NativeKernel.Current?.RootVmar.Value ?? 0);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_job_default")]
    public static uint JobDefault() => Guard(() => NativeKernel.Current?.DefaultJob.Value ?? 0);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_job_create")]
    public static int JobCreate(uint parent, uint options, uint* @out) => Call((parent, options, (nint)@out), &JobCreateBody);

    private static ZxStatus JobCreateBody(ZxSyscalls sys, (uint Parent, uint Options, nint Out) a) =>
        sys.JobCreate(new ZxHandle(a.Parent), a.Options, (ZxHandle*)a.Out);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_process_create")]
    public static int ProcessCreate(uint job, byte* name, nuint nameSize, uint options, uint* process, uint* vmar) =>
        Call((job, (nint)name, (ulong)nameSize, options, (nint)process, (nint)vmar), &ProcessCreateBody);

    private static ZxStatus ProcessCreateBody(ZxSyscalls sys, (uint Job, nint Name, ulong NameSize, uint Options, nint Process, nint Vmar) a) =>
        sys.ProcessCreate(new ZxHandle(a.Job), (byte*)a.Name, a.NameSize, a.Options, (ZxHandle*)a.Process, (ZxHandle*)a.Vmar);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_thread_create")]
    public static int ThreadCreate(uint process, byte* name, nuint nameSize, uint options, uint* @out) =>
        Call((process, (nint)name, (ulong)nameSize, options, (nint)@out), &ThreadCreateBody);

    private static ZxStatus ThreadCreateBody(ZxSyscalls sys, (uint Process, nint Name, ulong NameSize, uint Options, nint Out) a) =>
        sys.ThreadCreate(new ZxHandle(a.Process), (byte*)a.Name, a.NameSize, a.Options, (ZxHandle*)a.Out);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_thread_start")]
    public static int ThreadStart(uint thread, nuint entry, nuint stack, nuint arg1, nuint arg2) =>
        Call((thread, (ulong)entry, (ulong)stack, (ulong)arg1, (ulong)arg2), &ThreadStartBody);

    private static ZxStatus ThreadStartBody(ZxSyscalls sys, (uint Thread, ulong Entry, ulong Stack, ulong Arg1, ulong Arg2) a) =>
        sys.ThreadStart(new ZxHandle(a.Thread), a.Entry, a.Stack, a.Arg1, a.Arg2);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_process_start")]
    public static int ProcessStart(uint process, uint thread, nuint entry, nuint stack, uint arg1, nuint arg2) =>
        Call((process, thread, (ulong)entry, (ulong)stack, arg1, (ulong)arg2), &ProcessStartBody);

    private static ZxStatus ProcessStartBody(ZxSyscalls sys, (uint Process, uint Thread, ulong Entry, ulong Stack, uint Arg1, ulong Arg2) a) =>
        sys.ProcessStart(new ZxHandle(a.Process), new ZxHandle(a.Thread), a.Entry, a.Stack, new ZxHandle(a.Arg1), a.Arg2);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_task_kill")]
    public static int TaskKill(uint task) => Call(task, &TaskKillBody);

    private static ZxStatus TaskKillBody(ZxSyscalls sys, uint task) => sys.TaskKill(new ZxHandle(task));

    [UnmanagedCallersOnly(EntryPoint = "zxabi_vmar_allocate")]
    public static int VmarAllocate(uint parent, uint options, nuint offset, nuint size, uint* child, nuint* childAddress) =>
        Call((parent, options, (ulong)offset, (ulong)size, (nint)child, (nint)childAddress), &VmarAllocateBody);

    private static ZxStatus VmarAllocateBody(ZxSyscalls sys, (uint Parent, uint Options, ulong Offset, ulong Size, nint Child, nint Address) a) =>
        sys.VmarAllocate(new ZxHandle(a.Parent), (ZxVmOptions)a.Options, a.Offset, a.Size, (ZxHandle*)a.Child, (ulong*)a.Address);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_vmar_map")]
    public static int VmarMap(uint vmar, uint options, nuint vmarOffset, uint vmo, ulong vmoOffset, nuint length, nuint* mappedAddress) =>
        Call((vmar, options, (ulong)vmarOffset, vmo, vmoOffset, (ulong)length, (nint)mappedAddress), &VmarMapBody);

    private static ZxStatus VmarMapBody(ZxSyscalls sys, (uint Vmar, uint Options, ulong VmarOffset, uint Vmo, ulong VmoOffset, ulong Length, nint Out) a) =>
        sys.VmarMap(new ZxHandle(a.Vmar), (ZxVmOptions)a.Options, a.VmarOffset, new ZxHandle(a.Vmo), a.VmoOffset, a.Length, (ulong*)a.Out);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_vmar_unmap")]
    public static int VmarUnmap(uint vmar, nuint address, nuint length) => Call((vmar, (ulong)address, (ulong)length), &VmarUnmapBody);

    private static ZxStatus VmarUnmapBody(ZxSyscalls sys, (uint Vmar, ulong Address, ulong Length) a) =>
        sys.VmarUnmap(new ZxHandle(a.Vmar), a.Address, a.Length);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_vmar_protect")]
    public static int VmarProtect(uint vmar, uint options, nuint address, nuint length) =>
        Call((vmar, options, (ulong)address, (ulong)length), &VmarProtectBody);

    private static ZxStatus VmarProtectBody(ZxSyscalls sys, (uint Vmar, uint Options, ulong Address, ulong Length) a) =>
        sys.VmarProtect(new ZxHandle(a.Vmar), (ZxVmOptions)a.Options, a.Address, a.Length);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_vmar_destroy")]
    public static int VmarDestroy(uint vmar) => Call(vmar, &VmarDestroyBody);

    private static ZxStatus VmarDestroyBody(ZxSyscalls sys, uint vmar) => sys.VmarDestroy(new ZxHandle(vmar));

    [UnmanagedCallersOnly(EntryPoint = "zxabi_vmo_op_range")]
    public static int VmoOpRange(uint handle, uint op, ulong offset, ulong size, void* buffer, nuint bufferSize) =>
        Call((handle, op, offset, size, (nint)buffer, (ulong)bufferSize), &VmoOpRangeBody);

    private static ZxStatus VmoOpRangeBody(ZxSyscalls sys, (uint Handle, uint Op, ulong Offset, ulong Size, nint Buffer, ulong BufferSize) a) =>
        sys.VmoOpRange(new ZxHandle(a.Handle), (ZxVmoOp)a.Op, a.Offset, a.Size, (void*)a.Buffer, a.BufferSize);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_vmo_set_cache_policy")]
    public static int VmoSetCachePolicy(uint handle, uint policy) => Call((handle, policy), &VmoSetCachePolicyBody);

    private static ZxStatus VmoSetCachePolicyBody(ZxSyscalls sys, (uint Handle, uint Policy) a) =>
        sys.VmoSetCachePolicy(new ZxHandle(a.Handle), a.Policy);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_vmo_create_contiguous")]
    public static int VmoCreateContiguous(uint bti, nuint size, uint alignmentLog2, uint* @out) =>
        Call((bti, (ulong)size, alignmentLog2, (nint)@out), &VmoCreateContiguousBody);

    private static ZxStatus VmoCreateContiguousBody(ZxSyscalls sys, (uint Bti, ulong Size, uint Align, nint Out) a) =>
        sys.VmoCreateContiguous(new ZxHandle(a.Bti), a.Size, a.Align, (ZxHandle*)a.Out);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_iommu_create")]
    public static int IommuCreate(uint resource, uint type, void* desc, nuint descSize, uint* @out) =>
        Call((resource, type, (nint)desc, (ulong)descSize, (nint)@out), &IommuCreateBody);

    private static ZxStatus IommuCreateBody(ZxSyscalls sys, (uint Resource, uint Type, nint Desc, ulong DescSize, nint Out) a) =>
        sys.IommuCreate(new ZxHandle(a.Resource), (ZxIommuType)a.Type, (void*)a.Desc, a.DescSize, (ZxHandle*)a.Out);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_bti_create")]
    public static int BtiCreate(uint iommu, uint options, ulong busTransactionId, uint* @out) =>
        Call((iommu, options, busTransactionId, (nint)@out), &BtiCreateBody);

    private static ZxStatus BtiCreateBody(ZxSyscalls sys, (uint Iommu, uint Options, ulong Id, nint Out) a) =>
        sys.BtiCreate(new ZxHandle(a.Iommu), a.Options, a.Id, (ZxHandle*)a.Out);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_bti_pin")]
    public static int BtiPin(uint bti, uint options, uint vmo, ulong offset, ulong size, ulong* addresses, nuint count, uint* pmt) =>
        Call((bti, options, vmo, offset, size, (nint)addresses, (ulong)count, (nint)pmt), &BtiPinBody);

    private static ZxStatus BtiPinBody(ZxSyscalls sys, (uint Bti, uint Options, uint Vmo, ulong Offset, ulong Size, nint Addresses, ulong Count, nint Pmt) a) =>
        sys.BtiPin(new ZxHandle(a.Bti), (ZxBtiOptions)a.Options, new ZxHandle(a.Vmo), a.Offset, a.Size, (ulong*)a.Addresses, a.Count, (ZxHandle*)a.Pmt);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_bti_release_quarantine")]
    public static int BtiReleaseQuarantine(uint bti) => Call(bti, &BtiReleaseQuarantineBody);

    private static ZxStatus BtiReleaseQuarantineBody(ZxSyscalls sys, uint bti) => sys.BtiReleaseQuarantine(new ZxHandle(bti));

    [UnmanagedCallersOnly(EntryPoint = "zxabi_pmt_unpin")]
    public static int PmtUnpin(uint pmt) => Call(pmt, &PmtUnpinBody);

    private static ZxStatus PmtUnpinBody(ZxSyscalls sys, uint pmt) => sys.PmtUnpin(new ZxHandle(pmt));

    [UnmanagedCallersOnly(EntryPoint = "zxabi_object_signal")]
    public static int ObjectSignal(uint handle, uint clearMask, uint setMask) => Call((handle, clearMask, setMask), &ObjectSignalBody);

    private static ZxStatus ObjectSignalBody(ZxSyscalls sys, (uint Handle, uint Clear, uint Set) a) =>
        sys.ObjectSignal(new ZxHandle(a.Handle), a.Clear, a.Set);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_object_wait_one")]
    public static int ObjectWaitOne(uint handle, uint signals, long deadline, uint* observed) =>
        Call((handle, signals, deadline, (nint)observed), &ObjectWaitOneBody);

    private static ZxStatus ObjectWaitOneBody(ZxSyscalls sys, (uint Handle, uint Signals, long Deadline, nint Observed) a) =>
        sys.ObjectWaitOne(new ZxHandle(a.Handle), (ZxSignals)a.Signals, a.Deadline, (ZxSignals*)a.Observed);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_object_signal_peer")]
    public static int ObjectSignalPeer(uint handle, uint clearMask, uint setMask) => Call((handle, clearMask, setMask), &ObjectSignalPeerBody);

    private static ZxStatus ObjectSignalPeerBody(ZxSyscalls sys, (uint Handle, uint Clear, uint Set) a) =>
        sys.ObjectSignalPeer(new ZxHandle(a.Handle), a.Clear, a.Set);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_object_wait_many")]
    public static int ObjectWaitMany(ZxWaitItem* items, nuint count, long deadline) => Call(((nint)items, (ulong)count, deadline), &ObjectWaitManyBody);

    private static ZxStatus ObjectWaitManyBody(ZxSyscalls sys, (nint Items, ulong Count, long Deadline) a) =>
        sys.ObjectWaitMany((ZxWaitItem*)a.Items, a.Count, a.Deadline);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_object_wait_async")]
    public static int ObjectWaitAsync(uint handle, uint port, ulong key, uint signals, uint options) =>
        Call((handle, port, key, signals, options), &ObjectWaitAsyncBody);

    private static ZxStatus ObjectWaitAsyncBody(ZxSyscalls sys, (uint Handle, uint Port, ulong Key, uint Signals, uint Options) a) =>
        sys.ObjectWaitAsync(new ZxHandle(a.Handle), new ZxHandle(a.Port), a.Key, (ZxSignals)a.Signals, a.Options);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_event_create")]
    public static int EventCreate(uint options, uint* @out) => Call((options, (nint)@out), &EventCreateBody);

    private static ZxStatus EventCreateBody(ZxSyscalls sys, (uint Options, nint Out) a) => sys.EventCreate(a.Options, (ZxHandle*)a.Out);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_eventpair_create")]
    public static int EventPairCreate(uint options, uint* out0, uint* out1) => Call((options, (nint)out0, (nint)out1), &EventPairCreateBody);

    private static ZxStatus EventPairCreateBody(ZxSyscalls sys, (uint Options, nint Out0, nint Out1) a) =>
        sys.EventPairCreate(a.Options, (ZxHandle*)a.Out0, (ZxHandle*)a.Out1);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_port_create")]
    public static int PortCreate(uint options, uint* @out) => Call((options, (nint)@out), &PortCreateBody);

    private static ZxStatus PortCreateBody(ZxSyscalls sys, (uint Options, nint Out) a) => sys.PortCreate(a.Options, (ZxHandle*)a.Out);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_port_queue")]
    public static int PortQueue(uint port, ZxPortPacket* packet) => Call((port, (nint)packet), &PortQueueBody);

    private static ZxStatus PortQueueBody(ZxSyscalls sys, (uint Port, nint Packet) a) => sys.PortQueue(new ZxHandle(a.Port), (ZxPortPacket*)a.Packet);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_port_wait")]
    public static int PortWait(uint port, long deadline, ZxPortPacket* packet) => Call((port, deadline, (nint)packet), &PortWaitBody);

    private static ZxStatus PortWaitBody(ZxSyscalls sys, (uint Port, long Deadline, nint Packet) a) =>
        sys.PortWait(new ZxHandle(a.Port), a.Deadline, (ZxPortPacket*)a.Packet);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_port_cancel")]
    public static int PortCancel(uint port, uint source, ulong key) => Call((port, source, key), &PortCancelBody);

    private static ZxStatus PortCancelBody(ZxSyscalls sys, (uint Port, uint Source, ulong Key) a) =>
        sys.PortCancel(new ZxHandle(a.Port), new ZxHandle(a.Source), a.Key);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_channel_create")]
    public static int ChannelCreate(uint options, uint* out0, uint* out1) => Call((options, (nint)out0, (nint)out1), &ChannelCreateBody);

    private static ZxStatus ChannelCreateBody(ZxSyscalls sys, (uint Options, nint Out0, nint Out1) a) =>
        sys.ChannelCreate(a.Options, (ZxHandle*)a.Out0, (ZxHandle*)a.Out1);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_channel_write")]
    public static int ChannelWrite(uint handle, uint options, byte* bytes, uint numBytes, uint* handles, uint numHandles) =>
        Call((handle, options, (nint)bytes, numBytes, (nint)handles, numHandles), &ChannelWriteBody);

    private static ZxStatus ChannelWriteBody(ZxSyscalls sys, (uint Handle, uint Options, nint Bytes, uint NumBytes, nint Handles, uint NumHandles) a) =>
        sys.ChannelWrite(new ZxHandle(a.Handle), a.Options, (byte*)a.Bytes, a.NumBytes, (ZxHandle*)a.Handles, a.NumHandles);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_channel_read")]
    public static int ChannelRead(uint handle, uint options, byte* bytes, uint* handles, uint numBytes, uint numHandles, uint* actualBytes, uint* actualHandles) =>
        Call((handle, options, (nint)bytes, (nint)handles, numBytes, numHandles, (nint)actualBytes, (nint)actualHandles), &ChannelReadBody);

    private static ZxStatus ChannelReadBody(ZxSyscalls sys, (uint Handle, uint Options, nint Bytes, nint Handles, uint NumBytes, uint NumHandles, nint ActualBytes, nint ActualHandles) a) =>
        sys.ChannelRead(new ZxHandle(a.Handle), a.Options, (byte*)a.Bytes, (ZxHandle*)a.Handles, a.NumBytes, a.NumHandles, (uint*)a.ActualBytes, (uint*)a.ActualHandles);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_vmo_clone")]
    public static int VmoClone(uint handle, uint options, ulong offset, ulong size, uint* @out) =>
        Call((handle, options, offset, size, (nint)@out), &VmoCloneBody);

    private static ZxStatus VmoCloneBody(ZxSyscalls sys, (uint Handle, uint Options, ulong Offset, ulong Size, nint Out) a) =>
        sys.VmoClone(new ZxHandle(a.Handle), (ZxVmoCloneOptions)a.Options, a.Offset, a.Size, (ZxHandle*)a.Out);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_vmo_create_child")]
    public static int VmoCreateChild(uint handle, uint options, ulong offset, ulong size, uint* @out) =>
        Call((handle, options, offset, size, (nint)@out), &VmoCreateChildBody);

    private static ZxStatus VmoCreateChildBody(ZxSyscalls sys, (uint Handle, uint Options, ulong Offset, ulong Size, nint Out) a) =>
        sys.VmoCreateChild(new ZxHandle(a.Handle), (ZxVmoChildOptions)a.Options, a.Offset, a.Size, (ZxHandle*)a.Out);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_channel_call")]
    public static int ChannelCall(uint handle, uint options, long deadline, ZxChannelCallArgs* args, uint* actualBytes, uint* actualHandles) =>
        Call((handle, options, deadline, (nint)args, (nint)actualBytes, (nint)actualHandles), &ChannelCallBody);

    private static ZxStatus ChannelCallBody(ZxSyscalls sys, (uint Handle, uint Options, long Deadline, nint Args, nint ActualBytes, nint ActualHandles) a) =>
        sys.ChannelCall(new ZxHandle(a.Handle), a.Options, a.Deadline, (ZxChannelCallArgs*)a.Args, (uint*)a.ActualBytes, (uint*)a.ActualHandles);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_clock_get")]
    public static long ClockGet(uint clockId) => GuardTime(() => NativeKernel.Sys?.ClockGet(clockId) ?? 0);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_channel_read_etc")]
    public static int ChannelReadEtc(uint handle, uint options, byte* bytes, ZxHandleInfo* handles, uint numBytes, uint numHandles, uint* actualBytes, uint* actualHandles) =>
        Call((handle, options, (nint)bytes, (nint)handles, numBytes, numHandles, (nint)actualBytes, (nint)actualHandles), &ChannelReadEtcBody);

    private static ZxStatus ChannelReadEtcBody(ZxSyscalls sys, (uint Handle, uint Options, nint Bytes, nint Handles, uint NumBytes, uint NumHandles, nint ActualBytes, nint ActualHandles) a) =>
        sys.ChannelReadEtc(new ZxHandle(a.Handle), a.Options, (byte*)a.Bytes, (ZxHandleInfo*)a.Handles, a.NumBytes, a.NumHandles, (uint*)a.ActualBytes, (uint*)a.ActualHandles);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_nanosleep")]
    public static int Nanosleep(long deadline) => Call(deadline, &NanosleepBody);

    private static ZxStatus NanosleepBody(ZxSyscalls sys, long deadline) => sys.Nanosleep(deadline);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_clock_get_monotonic")]
    public static long ClockGetMonotonic() => GuardTime(static () => NativeKernel.Sys?.ClockGetMonotonic() ?? 0);

    [UnmanagedCallersOnly(EntryPoint = "zxabi_deadline_after")]
    public static long DeadlineAfter(long nanoseconds) =>
        GuardTime(() => NativeKernel.Sys?.DeadlineAfter(nanoseconds) ?? ZxConstants.TimeInfinite);

    private static long GuardTime(Func<long> body)
    {
        try
        {
            return body();
        }
        catch (Exception e)
        {
            ReportInternalError(e, "");
            return 0;
        }
    }

    /// <summary>Called by the C part of <c>zx_process_exit</c> before it leaves the thread: ends the calling
    /// thread's process with <paramref name="retcode"/>.</summary>
    [UnmanagedCallersOnly(EntryPoint = "zxshim_process_exiting")]
    public static void ProcessExiting(long retcode)
    {
        try
        {
            NativeKernel.Sys?.ProcessExit(retcode);
        }
        catch (Exception e)
        {
            ReportInternalError(e, "");
        }
    }

    /// <summary>Called by the C exit hook: writes the JSON trace and the report.</summary>
    [UnmanagedCallersOnly(EntryPoint = "zxshim_at_exit")]
    public static void AtExit()
    {
        try
        {
            Tracer.Finish();
        }
        catch (Exception e)
        {
            ReportInternalError(e, " at exit");
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "zx_status_get_string")]
    public static byte* StatusGetString(int status) => StatusStrings.Get((ZxStatus)status);

    /// <summary>Says on stderr that an exception reached the C boundary (a bug in Zx). It never throws itself: when
    /// the host cannot even write the line (at the host's map limit, say), the report is dropped and the caller's
    /// status still gets back to the program.</summary>
    private static void ReportInternalError(Exception e, string where)
    {
        try
        {
            Console.Error.WriteLine($"libzircon: internal error{where}: {e.GetType().Name}: {e.Message}");
        }
        catch (Exception)
        {
            // Nothing more can be done from here; the syscall's status is what the program sees.
        }
    }

    private static uint Guard(Func<uint> body)
    {
        try
        {
            return body();
        }
        catch (Exception e)
        {
            ReportInternalError(e, "");
            return 0;
        }
    }
}

/// <summary>NUL-terminated status names that live as long as the library.</summary>
internal static unsafe class StatusStrings
{
    private static readonly Dictionary<ZxStatus, nint> Cache = [];
    private static readonly Lock CacheLock = new();

    public static byte* Get(ZxStatus status)
    {
        lock (CacheLock)
        {
            if (!Cache.TryGetValue(status, out nint text))
            {
                byte[] bytes = System.Text.Encoding.ASCII.GetBytes(status.ToZirconName() + "\0");
                text = (nint)NativeMemory.Alloc((nuint)bytes.Length);
                bytes.CopyTo(new Span<byte>((void*)text, bytes.Length));
                Cache[status] = text;
            }
            return (byte*)text;
        }
    }
}
