using System.Runtime.InteropServices;
using System.Text;
using Zx.Kernel.Devices;

namespace Zx.Native;

/// <summary>The C API of include/zx/mmio-expect.h: register expectations over the kernel's scripted devices.</summary>
// Safety: the strings and the message buffer are the caller's, read and written within the sizes it gives.
internal static unsafe class MmioExpectExports
{
    private static readonly Dictionary<string, ScriptedDevice> Scripts = [];
    private static readonly Lock ScriptsLock = new();

    [UnmanagedCallersOnly(EntryPoint = "zxmock_mmio_begin")]
    public static int Begin(byte* region, int anyOrder) => Guarded(() =>
    {
        string name = Name(region);
        ScriptedDevice? scripted = NativeKernel.Kernel?.ScriptDevice(name);
        if (scripted is null)
            return ZxStatus.NotFound;
        scripted.AnyOrder = anyOrder != 0;
        lock (ScriptsLock)
            Scripts[name] = scripted;
        return ZxStatus.Ok;
    });

    [UnmanagedCallersOnly(EntryPoint = "zxmock_mmio_expect_write")]
    public static int ExpectWrite(byte* region, ulong offset, uint width, ulong value) =>
        Expect(region, width, s => s.ExpectWrite(offset, (int)width, value));

    [UnmanagedCallersOnly(EntryPoint = "zxmock_mmio_expect_read")]
    public static int ExpectRead(byte* region, ulong offset, uint width, ulong value) =>
        Expect(region, width, s => s.ExpectRead(offset, (int)width, value));

    [UnmanagedCallersOnly(EntryPoint = "zxmock_mmio_verify")]
    public static int Verify(byte* region, byte* message, nuint size) => Guarded(() =>
    {
        if (Find(Name(region)) is not ScriptedDevice scripted)
            return ZxStatus.BadState;
        string? failure = scripted.Verify();
        if (failure is null)
            return ZxStatus.Ok;
        if (message is not null && size > 0)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(failure);
            int n = (int)Math.Min((ulong)bytes.Length, size - 1);
            bytes.AsSpan(0, n).CopyTo(new Span<byte>(message, n));
            message[n] = 0;
        }
        return ZxStatus.BadState;
    });

    [UnmanagedCallersOnly(EntryPoint = "zxmock_mmio_end")]
    public static void End(byte* region) => Guarded(() =>
    {
        string name = Name(region);
        lock (ScriptsLock)
            Scripts.Remove(name);
        NativeKernel.Kernel?.EndScript(name);
        return ZxStatus.Ok;
    });

    private static int Expect(byte* region, uint width, Action<ScriptedDevice> add) => Guarded(() =>
    {
        if (width is not (1 or 2 or 4 or 8))
            return ZxStatus.InvalidArgs;
        if (Find(Name(region)) is not ScriptedDevice scripted)
            return ZxStatus.BadState;
        add(scripted);
        return ZxStatus.Ok;
    });

    private static ScriptedDevice? Find(string name)
    {
        lock (ScriptsLock)
            return Scripts.GetValueOrDefault(name);
    }

    private static string Name(byte* text) => text is null ? "" : Marshal.PtrToStringUTF8((nint)text) ?? "";

    private static int Guarded(Func<ZxStatus> body)
    {
        try
        {
            return (int)body();
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"libzircon: internal error in zxmock_mmio: {e.GetType().Name}: {e.Message}");
            return (int)ZxStatus.Internal;
        }
    }
}
