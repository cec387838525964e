namespace Zx;

/// <summary>Kernel object types (<c>zx_obj_type_t</c>), with the 2018 values.</summary>
public enum ZxObjectType : uint
{
    /// <summary><c>ZX_OBJ_TYPE_NONE</c>.</summary>
    None = 0,
    /// <summary><c>ZX_OBJ_TYPE_PROCESS</c>.</summary>
    Process = 1,
    /// <summary><c>ZX_OBJ_TYPE_THREAD</c>.</summary>
    Thread = 2,
    /// <summary><c>ZX_OBJ_TYPE_VMO</c>.</summary>
    Vmo = 3,
    /// <summary><c>ZX_OBJ_TYPE_CHANNEL</c>.</summary>
    Channel = 4,
    /// <summary><c>ZX_OBJ_TYPE_EVENT</c>.</summary>
    Event = 5,
    /// <summary><c>ZX_OBJ_TYPE_PORT</c>.</summary>
    Port = 6,
    /// <summary><c>ZX_OBJ_TYPE_INTERRUPT</c>.</summary>
    Interrupt = 9,
    /// <summary><c>ZX_OBJ_TYPE_PCI_DEVICE</c>.</summary>
    PciDevice = 11,
    /// <summary><c>ZX_OBJ_TYPE_LOG</c>.</summary>
    Log = 12,
    /// <summary><c>ZX_OBJ_TYPE_SOCKET</c>.</summary>
    Socket = 14,
    /// <summary><c>ZX_OBJ_TYPE_RESOURCE</c>.</summary>
    Resource = 15,
    /// <summary><c>ZX_OBJ_TYPE_EVENTPAIR</c>.</summary>
    EventPair = 16,
    /// <summary><c>ZX_OBJ_TYPE_JOB</c>.</summary>
    Job = 17,
    /// <summary><c>ZX_OBJ_TYPE_VMAR</c>.</summary>
    Vmar = 18,
    /// <summary><c>ZX_OBJ_TYPE_FIFO</c>.</summary>
    Fifo = 19,
    /// <summary><c>ZX_OBJ_TYPE_GUEST</c>.</summary>
    Guest = 20,
    /// <summary><c>ZX_OBJ_TYPE_VCPU</c>.</summary>
    Vcpu = 21,
    /// <summary><c>ZX_OBJ_TYPE_TIMER</c>.</summary>
    Timer = 22,
    /// <summary><c>ZX_OBJ_TYPE_IOMMU</c>.</summary>
    Iommu = 23,
    /// <summary><c>ZX_OBJ_TYPE_BTI</c>.</summary>
    Bti = 24,
    /// <summary><c>ZX_OBJ_TYPE_PROFILE</c>.</summary>
    Profile = 25,
    /// <summary><c>ZX_OBJ_TYPE_PMT</c>.</summary>
    Pmt = 26,
    /// <summary><c>ZX_OBJ_TYPE_SUSPEND_TOKEN</c>.</summary>
    SuspendToken = 27,
    /// <summary><c>ZX_OBJ_TYPE_LAST</c>: one past the highest type; the size of the handle-stats array.</summary>
    Last = 28,
}
