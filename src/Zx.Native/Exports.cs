using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Zx.Kernel.Syscalls;

namespace Zx.Native;

/// <summary>The C ABI: each syscall under its Zircon name with Zircon's C signature. No exception crosses this
/// boundary: an unexpected one becomes <c>ZX_ERR_INTERNAL</c>, and a kernel that could not start answers
/// <c>ZX_ERR_BAD_STATE</c>.</summary>
internal static unsafe class Exports
{
    private const int ErrInternal = (int)ZxStatus.Internal;
    private const int ErrBadState = (int)ZxStatus.BadState;

    private static int Call<TState>(TState state, delegate*<ZxSyscalls, TState, ZxStatus> body)
    {
        try
        {
            ZxSyscalls? sys = NativeKernel.Sys;
            return sys is null ? ErrBadState : (int)body(sys, state);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"libzircon: internal error: {e}");
            return ErrInternal;
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "get_root_resource")]
    public static uint GetRootResource() => Guard(() => NativeKernel.Kernel?.RootResource.Value ?? 0);

    [UnmanagedCallersOnly(EntryPoint = "zx_process_self")]
    public static uint ProcessSelf() => Guard(() => NativeKernel.Current?.SelfHandle.Value ?? 0);

    [UnmanagedCallersOnly(EntryPoint = "zx_handle_close")]
    public static int HandleClose(uint handle) =>
        Call(handle, &HandleCloseBody);

    private static ZxStatus HandleCloseBody(ZxSyscalls sys, uint handle) => sys.HandleClose(new ZxHandle(handle));

    [UnmanagedCallersOnly(EntryPoint = "zx_handle_close_many")]
    public static int HandleCloseMany(uint* handles, nuint count) =>
        Call(((nint)handles, (ulong)count), &HandleCloseManyBody);

    private static ZxStatus HandleCloseManyBody(ZxSyscalls sys, (nint Handles, ulong Count) a) =>
        sys.HandleCloseMany((ZxHandle*)a.Handles, a.Count);

    [UnmanagedCallersOnly(EntryPoint = "zx_handle_duplicate")]
    public static int HandleDuplicate(uint handle, uint rights, uint* @out) =>
        Call((handle, rights, (nint)@out), &HandleDuplicateBody);

    private static ZxStatus HandleDuplicateBody(ZxSyscalls sys, (uint Handle, uint Rights, nint Out) a) =>
        sys.HandleDuplicate(new ZxHandle(a.Handle), (ZxRights)a.Rights, (ZxHandle*)a.Out);

    [UnmanagedCallersOnly(EntryPoint = "zx_handle_replace")]
    public static int HandleReplace(uint handle, uint rights, uint* @out) =>
        Call((handle, rights, (nint)@out), &HandleReplaceBody);

    private static ZxStatus HandleReplaceBody(ZxSyscalls sys, (uint Handle, uint Rights, nint Out) a) =>
        sys.HandleReplace(new ZxHandle(a.Handle), (ZxRights)a.Rights, (ZxHandle*)a.Out);

    [UnmanagedCallersOnly(EntryPoint = "zx_object_get_info")]
    public static int ObjectGetInfo(uint handle, uint topic, void* buffer, nuint bufferSize, nuint* actual, nuint* avail) =>
        Call((handle, topic, (nint)buffer, (ulong)bufferSize, (nint)actual, (nint)avail), &ObjectGetInfoBody);

    private static ZxStatus ObjectGetInfoBody(ZxSyscalls sys, (uint Handle, uint Topic, nint Buffer, ulong Size, nint Actual, nint Avail) a) =>
        sys.ObjectGetInfo(new ZxHandle(a.Handle), (ZxInfoTopic)a.Topic, (void*)a.Buffer, a.Size, (ulong*)a.Actual, (ulong*)a.Avail);

    [UnmanagedCallersOnly(EntryPoint = "zx_object_get_property")]
    public static int ObjectGetProperty(uint handle, uint property, void* value, nuint size) =>
        Call((handle, property, (nint)value, (ulong)size), &ObjectGetPropertyBody);

    private static ZxStatus ObjectGetPropertyBody(ZxSyscalls sys, (uint Handle, uint Property, nint Value, ulong Size) a) =>
        sys.ObjectGetProperty(new ZxHandle(a.Handle), (ZxProperty)a.Property, (void*)a.Value, a.Size);

    [UnmanagedCallersOnly(EntryPoint = "zx_object_set_property")]
    public static int ObjectSetProperty(uint handle, uint property, void* value, nuint size) =>
        Call((handle, property, (nint)value, (ulong)size), &ObjectSetPropertyBody);

    private static ZxStatus ObjectSetPropertyBody(ZxSyscalls sys, (uint Handle, uint Property, nint Value, ulong Size) a) =>
        sys.ObjectSetProperty(new ZxHandle(a.Handle), (ZxProperty)a.Property, (void*)a.Value, a.Size);

    [UnmanagedCallersOnly(EntryPoint = "zx_resource_create")]
    public static int ResourceCreate(uint parent, uint options, ulong @base, nuint size, byte* name, nuint nameSize, uint* @out) =>
        Call((parent, options, @base, (ulong)size, (nint)name, (ulong)nameSize, (nint)@out), &ResourceCreateBody);

    private static ZxStatus ResourceCreateBody(ZxSyscalls sys, (uint Parent, uint Options, ulong Base, ulong Size, nint Name, ulong NameSize, nint Out) a) =>
        sys.ResourceCreate(new ZxHandle(a.Parent), a.Options, a.Base, a.Size, (byte*)a.Name, a.NameSize, (ZxHandle*)a.Out);

    [UnmanagedCallersOnly(EntryPoint = "zx_vmo_create")]
    public static int VmoCreate(ulong size, uint options, uint* @out) =>
        Call((size, options, (nint)@out), &VmoCreateBody);

    private static ZxStatus VmoCreateBody(ZxSyscalls sys, (ulong Size, uint Options, nint Out) a) =>
        sys.VmoCreate(a.Size, (ZxVmoOptions)a.Options, (ZxHandle*)a.Out);

    [UnmanagedCallersOnly(EntryPoint = "zx_vmo_read")]
    public static int VmoRead(uint handle, void* buffer, ulong offset, nuint length) =>
        Call((handle, (nint)buffer, offset, (ulong)length), &VmoReadBody);

    private static ZxStatus VmoReadBody(ZxSyscalls sys, (uint Handle, nint Buffer, ulong Offset, ulong Length) a) =>
        sys.VmoRead(new ZxHandle(a.Handle), (byte*)a.Buffer, a.Offset, a.Length);

    [UnmanagedCallersOnly(EntryPoint = "zx_vmo_write")]
    public static int VmoWrite(uint handle, void* buffer, ulong offset, nuint length) =>
        Call((handle, (nint)buffer, offset, (ulong)length), &VmoWriteBody);

    private static ZxStatus VmoWriteBody(ZxSyscalls sys, (uint Handle, nint Buffer, ulong Offset, ulong Length) a) =>
        sys.VmoWrite(new ZxHandle(a.Handle), (byte*)a.Buffer, a.Offset, a.Length);

    [UnmanagedCallersOnly(EntryPoint = "zx_vmo_get_size")]
    public static int VmoGetSize(uint handle, ulong* size) =>
        Call((handle, (nint)size), &VmoGetSizeBody);

    private static ZxStatus VmoGetSizeBody(ZxSyscalls sys, (uint Handle, nint Size) a) =>
        sys.VmoGetSize(new ZxHandle(a.Handle), (ulong*)a.Size);

    [UnmanagedCallersOnly(EntryPoint = "zx_vmo_set_size")]
    public static int VmoSetSize(uint handle, ulong size) =>
        Call((handle, size), &VmoSetSizeBody);

    private static ZxStatus VmoSetSizeBody(ZxSyscalls sys, (uint Handle, ulong Size) a) =>
        sys.VmoSetSize(new ZxHandle(a.Handle), a.Size);

    [UnmanagedCallersOnly(EntryPoint = "zx_vmo_create_physical")]
    public static int VmoCreatePhysical(uint resource, ulong paddr, nuint size, uint* @out) =>
        Call((resource, paddr, (ulong)size, (nint)@out), &VmoCreatePhysicalBody);

    private static ZxStatus VmoCreatePhysicalBody(ZxSyscalls sys, (uint Resource, ulong Paddr, ulong Size, nint Out) a) =>
        sys.VmoCreatePhysical(new ZxHandle(a.Resource), a.Paddr, a.Size, (ZxHandle*)a.Out);

    [UnmanagedCallersOnly(EntryPoint = "zx_status_get_string")]
    public static byte* StatusGetString(int status) => StatusStrings.Get((ZxStatus)status);

    private static uint Guard(Func<uint> body)
    {
        try
        {
            return body();
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"libzircon: internal error: {e}");
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
