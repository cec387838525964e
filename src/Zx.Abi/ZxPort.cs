using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zx;

/// <summary>Port packet types (<c>ZX_PKT_TYPE_*</c>) and <c>zx_object_wait_async</c> modes.</summary>
public static class ZxPacketTypes
{
    /// <summary><c>ZX_PKT_TYPE_USER</c>.</summary>
    public const uint User = 0x00;
    /// <summary><c>ZX_PKT_TYPE_SIGNAL_ONE</c>.</summary>
    public const uint SignalOne = 0x01;
    /// <summary><c>ZX_PKT_TYPE_SIGNAL_REP</c>.</summary>
    public const uint SignalRepeating = 0x02;
    /// <summary><c>ZX_PKT_TYPE_GUEST_BELL</c>.</summary>
    public const uint GuestBell = 0x03;
    /// <summary><c>ZX_PKT_TYPE_GUEST_MEM</c>.</summary>
    public const uint GuestMem = 0x04;
    /// <summary><c>ZX_PKT_TYPE_GUEST_IO</c>.</summary>
    public const uint GuestIo = 0x05;
    /// <summary><c>ZX_PKT_TYPE_GUEST_VCPU</c>.</summary>
    public const uint GuestVcpu = 0x06;
    /// <summary><c>ZX_PKT_TYPE_INTERRUPT</c>.</summary>
    public const uint Interrupt = 0x07;
    /// <summary><c>ZX_WAIT_ASYNC_ONCE</c>.</summary>
    public const uint WaitAsyncOnce = 0;
    /// <summary><c>ZX_WAIT_ASYNC_REPEATING</c>.</summary>
    public const uint WaitAsyncRepeating = 1;
}

/// <summary>The 32-byte payload of a port packet (<c>zx_packet_user_t</c> and the other union members).</summary>
[InlineArray(4)]
public struct ZxPacketPayload
{
    private ulong _element0;
}

/// <summary><c>zx_port_packet_t</c>: key, type, status and a 32-byte payload; 48 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct ZxPortPacket
{
    /// <summary><c>key</c>.</summary>
    public ulong Key;
    /// <summary><c>type</c>: a <see cref="ZxPacketTypes"/> value.</summary>
    public uint Type;
    /// <summary><c>status</c>.</summary>
    public ZxStatus Status;
    /// <summary>The union: <c>user</c>, <c>signal</c> (trigger, observed, count) or <c>interrupt</c>.</summary>
    public ZxPacketPayload Payload;

    /// <summary>The packet as the tracer and the zx tool show it: key, type and status, then the payload by type
    /// (<c>user</c> bytes in hex, a signal's trigger, observed signals and count, an interrupt's timestamp).</summary>
    public override readonly string ToString()
    {
        var text = new System.Text.StringBuilder();
        text.Append("{key=0x").Append(Key.ToString("x", System.Globalization.CultureInfo.InvariantCulture))
            .Append(", type=").Append(TypeName(Type)).Append(", status=").Append(Status.ToZirconName());
        switch (Type)
        {
            case ZxPacketTypes.SignalOne or ZxPacketTypes.SignalRepeating:
                text.Append(", trigger=").Append(ZxNames.Format(ZxNameSet.Signals, (uint)Payload[0]))
                    .Append(", observed=").Append(ZxNames.Format(ZxNameSet.Signals, (uint)(Payload[0] >> 32)))
                    .Append(", count=").Append(Payload[1].ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case ZxPacketTypes.Interrupt:
                text.Append(", timestamp=").Append(((long)Payload[0]).ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                text.Append(", user=x\"");
                for (int i = 0; i < 4; i++)
                {
                    ulong word = Payload[i];
                    for (int b = 0; b < 8; b++)
                        text.Append(((byte)(word >> (8 * b))).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                }
                text.Append('"');
                break;
        }
        return text.Append('}').ToString();
    }

    private static string TypeName(uint type) => type switch
    {
        ZxPacketTypes.User => "ZX_PKT_TYPE_USER",
        ZxPacketTypes.SignalOne => "ZX_PKT_TYPE_SIGNAL_ONE",
        ZxPacketTypes.SignalRepeating => "ZX_PKT_TYPE_SIGNAL_REP",
        ZxPacketTypes.GuestBell => "ZX_PKT_TYPE_GUEST_BELL",
        ZxPacketTypes.GuestMem => "ZX_PKT_TYPE_GUEST_MEM",
        ZxPacketTypes.GuestIo => "ZX_PKT_TYPE_GUEST_IO",
        ZxPacketTypes.GuestVcpu => "ZX_PKT_TYPE_GUEST_VCPU",
        ZxPacketTypes.Interrupt => "ZX_PKT_TYPE_INTERRUPT",
        _ => "0x" + type.ToString("x", System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary><c>zx_wait_item_t</c> of <c>zx_object_wait_many</c>: 12 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct ZxWaitItem
{
    /// <summary><c>handle</c>.</summary>
    public ZxHandle Handle;
    /// <summary><c>waitfor</c>: the signals to wait for.</summary>
    public ZxSignals WaitFor;
    /// <summary><c>pending</c>: the object's signals when the wait ended.</summary>
    public ZxSignals Pending;
}

/// <summary><c>zx_handle_info_t</c> of <c>zx_channel_read_etc</c>: a received handle with its object type and
/// rights; 16 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct ZxHandleInfo
{
    /// <summary><c>handle</c>.</summary>
    public ZxHandle Handle;
    /// <summary><c>type</c>.</summary>
    public ZxObjectType Type;
    /// <summary><c>rights</c>.</summary>
    public ZxRights Rights;
    /// <summary><c>unused</c>.</summary>
    public uint Unused;
}
