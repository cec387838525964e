using Zx.Kernel.Concurrency;
using Zx.Kernel.Vm;

namespace Zx.Kernel.Object;

/// <summary>A message in a channel: bytes and handles in transit.</summary>
/// <remarks>A queued message is kernel memory: its bytes, 8 bytes per handle and <see cref="Overhead"/> are charged
/// to the board's RAM from the moment it is built until it is read or destroyed, so a flood of messages ends in
/// NO_MEMORY instead of exhausting the host.</remarks>
internal sealed class MessagePacket
{
    /// <summary>What a message costs beyond its bytes and handles (Zircon's packet header and buffer chain).</summary>
    public const ulong Overhead = 128;

    private readonly PmmNode _charged;
    private ulong _charge;

    private MessagePacket(PmmNode charged, ulong charge, byte[] data, HandleTable.InTransit[] handles)
    {
        _charged = charged;
        _charge = charge;
        Data = data;
        Handles = handles;
    }

    public byte[] Data { get; }
    public HandleTable.InTransit[] Handles { get; }

    /// <summary>What a message of <paramref name="bytes"/> bytes and <paramref name="handles"/> handles is charged.</summary>
    public static ulong ChargeFor(uint bytes, int handles) => bytes + 8UL * (ulong)handles + Overhead;

    /// <summary>A message whose charge (<see cref="ChargeFor"/>) the caller has already made on <paramref name="pmm"/>.</summary>
    public static MessagePacket Charged(PmmNode pmm, byte[] data, HandleTable.InTransit[] handles) =>
        new(pmm, ChargeFor((uint)data.Length, handles.Length), data, handles);

    /// <summary>The message has been read: its memory goes back to the RAM (once).</summary>
    /// <remarks>A message has one owner at a time (the queue it waits in, under that queue's lock, or the one thread
    /// that took it off), so the charge is cleared without an atomic operation.</remarks>
    public void Delivered()
    {
        ulong charge = _charge;
        _charge = 0;
        if (charge != 0)
            _charged.UnchargeHeap(charge);
    }

    /// <summary>Destroys an undelivered message: its handles are closed and its memory goes back.</summary>
    public void Discard()
    {
        foreach (HandleTable.InTransit handle in Handles)
            handle.Discard();
        Delivered();
    }
}
