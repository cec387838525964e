namespace Zx;

/// <summary>Handle rights (<c>zx_rights_t</c>), with the 2018 bit values.</summary>
[Flags]
public enum ZxRights : uint
{
    /// <summary><c>ZX_RIGHT_NONE</c>.</summary>
    None = 0,
    /// <summary><c>ZX_RIGHT_DUPLICATE</c>.</summary>
    Duplicate = 1u << 0,
    /// <summary><c>ZX_RIGHT_TRANSFER</c>.</summary>
    Transfer = 1u << 1,
    /// <summary><c>ZX_RIGHT_READ</c>.</summary>
    Read = 1u << 2,
    /// <summary><c>ZX_RIGHT_WRITE</c>.</summary>
    Write = 1u << 3,
    /// <summary><c>ZX_RIGHT_EXECUTE</c>.</summary>
    Execute = 1u << 4,
    /// <summary><c>ZX_RIGHT_MAP</c>.</summary>
    Map = 1u << 5,
    /// <summary><c>ZX_RIGHT_GET_PROPERTY</c>.</summary>
    GetProperty = 1u << 6,
    /// <summary><c>ZX_RIGHT_SET_PROPERTY</c>.</summary>
    SetProperty = 1u << 7,
    /// <summary><c>ZX_RIGHT_ENUMERATE</c>.</summary>
    Enumerate = 1u << 8,
    /// <summary><c>ZX_RIGHT_DESTROY</c>.</summary>
    Destroy = 1u << 9,
    /// <summary><c>ZX_RIGHT_SET_POLICY</c>.</summary>
    SetPolicy = 1u << 10,
    /// <summary><c>ZX_RIGHT_GET_POLICY</c>.</summary>
    GetPolicy = 1u << 11,
    /// <summary><c>ZX_RIGHT_SIGNAL</c>.</summary>
    Signal = 1u << 12,
    /// <summary><c>ZX_RIGHT_SIGNAL_PEER</c>.</summary>
    SignalPeer = 1u << 13,
    /// <summary><c>ZX_RIGHT_WAIT</c>.</summary>
    Wait = 1u << 14,
    /// <summary><c>ZX_RIGHT_INSPECT</c>.</summary>
    Inspect = 1u << 15,
    /// <summary><c>ZX_RIGHT_MANAGE_JOB</c>.</summary>
    ManageJob = 1u << 16,
    /// <summary><c>ZX_RIGHT_MANAGE_PROCESS</c>.</summary>
    ManageProcess = 1u << 17,
    /// <summary><c>ZX_RIGHT_MANAGE_THREAD</c>.</summary>
    ManageThread = 1u << 18,
    /// <summary><c>ZX_RIGHT_APPLY_PROFILE</c>.</summary>
    ApplyProfile = 1u << 19,
    /// <summary><c>ZX_RIGHT_SAME_RIGHTS</c>: in duplicate and replace, "the source's rights" (an exact value).</summary>
    SameRights = 1u << 31,

    /// <summary><c>ZX_RIGHTS_BASIC</c>: TRANSFER | DUPLICATE | WAIT | INSPECT (0xC003).</summary>
    Basic = Transfer | Duplicate | Wait | Inspect,
    /// <summary><c>ZX_RIGHTS_IO</c>: READ | WRITE.</summary>
    Io = Read | Write,
    /// <summary><c>ZX_RIGHTS_PROPERTY</c>: GET_PROPERTY | SET_PROPERTY.</summary>
    Property = GetProperty | SetProperty,
    /// <summary><c>ZX_RIGHTS_POLICY</c>: GET_POLICY | SET_POLICY.</summary>
    Policy = GetPolicy | SetPolicy,
}

/// <summary>The default rights each kind of object's first handle gets, as in the 2018 kernel.</summary>
public static class ZxDefaultRights
{
    /// <summary><c>ZX_DEFAULT_VMO_RIGHTS</c> in 2018: BASIC | IO | PROPERTY | EXECUTE | MAP | SIGNAL (0xD0FF).</summary>
    public const ZxRights Vmo = ZxRights.Basic | ZxRights.Io | ZxRights.Property | ZxRights.Execute | ZxRights.Map | ZxRights.Signal;
    /// <summary>The resource dispatcher's default: TRANSFER | DUPLICATE | WRITE | INSPECT (0x800B).</summary>
    public const ZxRights Resource = ZxRights.Transfer | ZxRights.Duplicate | ZxRights.Write | ZxRights.Inspect;
    /// <summary><c>ZX_DEFAULT_PROCESS_RIGHTS</c>: BASIC | IO | PROPERTY | ENUMERATE | DESTROY | SIGNAL | MANAGE_PROCESS.</summary>
    public const ZxRights Process = ZxRights.Basic | ZxRights.Io | ZxRights.Property | ZxRights.Enumerate | ZxRights.Destroy | ZxRights.Signal | ZxRights.ManageProcess;
    /// <summary><c>ZX_DEFAULT_VMAR_RIGHTS</c>: BASIC without WAIT; READ, WRITE and EXECUTE are added from the
    /// region's CAN_MAP flags.</summary>
    public const ZxRights Vmar = ZxRights.Basic & ~ZxRights.Wait;
    /// <summary><c>ZX_DEFAULT_IOMMU_RIGHTS</c>: BASIC without WAIT.</summary>
    public const ZxRights Iommu = ZxRights.Basic & ~ZxRights.Wait;
    /// <summary><c>ZX_DEFAULT_BTI_RIGHTS</c>: BASIC without WAIT, plus READ and MAP.</summary>
    public const ZxRights Bti = (ZxRights.Basic & ~ZxRights.Wait) | ZxRights.Read | ZxRights.Map;
    /// <summary><c>ZX_DEFAULT_PMT_RIGHTS</c>: INSPECT.</summary>
    public const ZxRights Pmt = ZxRights.Inspect;
    /// <summary><c>ZX_DEFAULT_EVENT_RIGHTS</c>: BASIC | IO | SIGNAL.</summary>
    public const ZxRights Event = ZxRights.Basic | ZxRights.Io | ZxRights.Signal;
    /// <summary><c>ZX_DEFAULT_EVENT_PAIR_RIGHTS</c>: BASIC | IO | SIGNAL | SIGNAL_PEER.</summary>
    public const ZxRights EventPair = ZxRights.Basic | ZxRights.Io | ZxRights.Signal | ZxRights.SignalPeer;
    /// <summary><c>ZX_DEFAULT_PORT_RIGHTS</c>: BASIC without WAIT, plus IO.</summary>
    public const ZxRights Port = (ZxRights.Basic & ~ZxRights.Wait) | ZxRights.Io;
    /// <summary><c>ZX_DEFAULT_CHANNEL_RIGHTS</c>: BASIC without DUPLICATE, plus IO, SIGNAL and SIGNAL_PEER.</summary>
    public const ZxRights Channel = (ZxRights.Basic & ~ZxRights.Duplicate) | ZxRights.Io | ZxRights.Signal | ZxRights.SignalPeer;
    /// <summary><c>ZX_DEFAULT_THREAD_RIGHTS</c>: BASIC | IO | PROPERTY | DESTROY | SIGNAL | MANAGE_THREAD.</summary>
    public const ZxRights Thread = ZxRights.Basic | ZxRights.Io | ZxRights.Property | ZxRights.Destroy | ZxRights.Signal | ZxRights.ManageThread;
    /// <summary><c>ZX_DEFAULT_JOB_RIGHTS</c>.</summary>
    public const ZxRights Job = ZxRights.Basic | ZxRights.Io | ZxRights.Property | ZxRights.Policy | ZxRights.Enumerate | ZxRights.Destroy | ZxRights.Signal | ZxRights.ManageJob;
    /// <summary><c>ZX_DEFAULT_FIFO_RIGHTS</c>: BASIC | IO | SIGNAL | SIGNAL_PEER.</summary>
    public const ZxRights Fifo = ZxRights.Basic | ZxRights.Io | ZxRights.Signal | ZxRights.SignalPeer;
    /// <summary><c>ZX_DEFAULT_GUEST_RIGHTS</c>: BASIC | WRITE.</summary>
    public const ZxRights Guest = ZxRights.Basic | ZxRights.Write;
    /// <summary><c>ZX_DEFAULT_INTERRUPT_RIGHTS</c>: BASIC without DUPLICATE, plus IO and SIGNAL (later kernels' value: without
    /// SIGNAL, which <c>zx_interrupt_trigger</c> needs, 2018's default left a virtual interrupt untriggerable).</summary>
    public const ZxRights Interrupt = (ZxRights.Basic & ~ZxRights.Duplicate) | ZxRights.Io | ZxRights.Signal;
    /// <summary><c>ZX_DEFAULT_IRQ_RIGHTS</c>: BASIC | IO | SIGNAL.</summary>
    public const ZxRights Irq = ZxRights.Basic | ZxRights.Io | ZxRights.Signal;
    /// <summary><c>ZX_DEFAULT_IO_MAPPING_RIGHTS</c>: READ | INSPECT.</summary>
    public const ZxRights IoMapping = ZxRights.Read | ZxRights.Inspect;
    /// <summary><c>ZX_DEFAULT_LOG_RIGHTS</c>: BASIC | WRITE | SIGNAL.</summary>
    public const ZxRights Log = ZxRights.Basic | ZxRights.Write | ZxRights.Signal;
    /// <summary><c>ZX_DEFAULT_PCI_DEVICE_RIGHTS</c>: BASIC | IO.</summary>
    public const ZxRights PciDevice = ZxRights.Basic | ZxRights.Io;
    /// <summary><c>ZX_DEFAULT_PCI_INTERRUPT_RIGHTS</c>: BASIC without DUPLICATE, plus IO.</summary>
    public const ZxRights PciInterrupt = (ZxRights.Basic & ~ZxRights.Duplicate) | ZxRights.Io;
    /// <summary><c>ZX_DEFAULT_SOCKET_RIGHTS</c>: BASIC | IO | GET_PROPERTY | SET_PROPERTY | SIGNAL | SIGNAL_PEER, as in late
    /// 2018, when the threshold properties came and SET_PROPERTY with them (September 2018 had no SET_PROPERTY).</summary>
    public const ZxRights Socket = ZxRights.Basic | ZxRights.Io | ZxRights.GetProperty | ZxRights.SetProperty | ZxRights.Signal | ZxRights.SignalPeer;
    /// <summary><c>ZX_DEFAULT_TIMERS_RIGHTS</c> (so spelled in 2018): BASIC | IO | SIGNAL.</summary>
    public const ZxRights Timer = ZxRights.Basic | ZxRights.Io | ZxRights.Signal;
    /// <summary><c>ZX_DEFAULT_VCPU_RIGHTS</c>: BASIC | IO | EXECUTE | SIGNAL.</summary>
    public const ZxRights Vcpu = ZxRights.Basic | ZxRights.Io | ZxRights.Execute | ZxRights.Signal;
    /// <summary><c>ZX_DEFAULT_PROFILE_RIGHTS</c>: BASIC without WAIT, plus APPLY_PROFILE.</summary>
    public const ZxRights Profile = (ZxRights.Basic & ~ZxRights.Wait) | ZxRights.ApplyProfile;
    /// <summary><c>ZX_DEFAULT_SUSPEND_TOKEN_RIGHTS</c> (late 2018): TRANSFER | INSPECT.</summary>
    public const ZxRights SuspendToken = ZxRights.Transfer | ZxRights.Inspect;
}
