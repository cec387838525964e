namespace Zx;

/// <summary>Job policy values (<c>&lt;zircon/syscalls/policy.h&gt;</c>): how a policy combines with the parent's
/// (<c>ZX_JOB_POL_*</c>), its conditions (<c>ZX_POL_*</c>) and actions (<c>ZX_POL_ACTION_*</c>).</summary>
public static class ZxJobPolicy
{
    /// <summary><c>ZX_JOB_POL_RELATIVE</c>: applied where the parent's policy says nothing.</summary>
    public const uint Relative = 0;
    /// <summary><c>ZX_JOB_POL_ABSOLUTE</c>: applied as given, or the call fails.</summary>
    public const uint Absolute = 1;
    /// <summary><c>ZX_JOB_POL_BASIC</c>: the policy topic.</summary>
    public const uint Basic = 0;
    /// <summary><c>ZX_POL_BAD_HANDLE</c>.</summary>
    public const uint BadHandle = 0;
    /// <summary><c>ZX_POL_WRONG_OBJECT</c>.</summary>
    public const uint WrongObject = 1;
    /// <summary><c>ZX_POL_VMAR_WX</c>.</summary>
    public const uint VmarWx = 2;
    /// <summary><c>ZX_POL_NEW_ANY</c>.</summary>
    public const uint NewAny = 3;
    /// <summary><c>ZX_POL_NEW_VMO</c>.</summary>
    public const uint NewVmo = 4;
    /// <summary><c>ZX_POL_NEW_CHANNEL</c>.</summary>
    public const uint NewChannel = 5;
    /// <summary><c>ZX_POL_NEW_EVENT</c>.</summary>
    public const uint NewEvent = 6;
    /// <summary><c>ZX_POL_NEW_EVENTPAIR</c>.</summary>
    public const uint NewEventpair = 7;
    /// <summary><c>ZX_POL_NEW_PORT</c>.</summary>
    public const uint NewPort = 8;
    /// <summary><c>ZX_POL_NEW_SOCKET</c>.</summary>
    public const uint NewSocket = 9;
    /// <summary><c>ZX_POL_NEW_FIFO</c>.</summary>
    public const uint NewFifo = 10;
    /// <summary><c>ZX_POL_NEW_TIMER</c>.</summary>
    public const uint NewTimer = 11;
    /// <summary><c>ZX_POL_NEW_PROCESS</c>.</summary>
    public const uint NewProcess = 12;
    /// <summary><c>ZX_POL_NEW_PROFILE</c> (late 2018).</summary>
    public const uint NewProfile = 13;
    /// <summary><c>ZX_POL_MAX</c>: one past the last condition (13 in September 2018, before NEW_PROFILE).</summary>
    public const uint Max = 14;
    /// <summary><c>ZX_POL_ACTION_ALLOW</c>.</summary>
    public const uint ActionAllow = 0;
    /// <summary><c>ZX_POL_ACTION_DENY</c>.</summary>
    public const uint ActionDeny = 1;
    /// <summary><c>ZX_POL_ACTION_EXCEPTION</c>: ORed with ALLOW or DENY, the thread also raises ZX_EXCP_POLICY_ERROR.</summary>
    public const uint ActionException = 2;
    /// <summary><c>ZX_POL_ACTION_ALLOW_EXCEPTION</c>: ALLOW | EXCEPTION.</summary>
    public const uint ActionAllowException = ActionAllow | ActionException;
    /// <summary><c>ZX_POL_ACTION_DENY_EXCEPTION</c>: DENY | EXCEPTION.</summary>
    public const uint ActionDenyException = ActionDeny | ActionException;
    /// <summary><c>ZX_POL_ACTION_KILL</c>.</summary>
    public const uint ActionKill = 5;
}

/// <summary><c>zx_policy_basic_t</c>: one entry of a ZX_JOB_POL_BASIC policy (8 bytes).</summary>
[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
public struct ZxPolicyBasic
{
    /// <summary><c>condition</c>: a <c>ZX_POL_*</c> condition.</summary>
    public uint Condition;
    /// <summary><c>policy</c>: a <c>ZX_POL_ACTION_*</c> action.</summary>
    public uint Policy;
}

/// <summary>The handle kinds of a process start message (<c>PA_*</c> in <c>&lt;zircon/processargs.h&gt;</c>).</summary>
public static class ZxProcessArgs
{
    /// <summary><c>ZX_PROCARGS_PROTOCOL</c>.</summary>
    public const uint Protocol = 0x4150585d;
    /// <summary><c>ZX_PROCARGS_VERSION</c>.</summary>
    public const uint Version = 0x0001000;
    /// <summary><c>PA_PROC_SELF</c>.</summary>
    public const uint ProcSelf = 0x01;
    /// <summary><c>PA_THREAD_SELF</c>.</summary>
    public const uint ThreadSelf = 0x02;
    /// <summary><c>PA_JOB_DEFAULT</c>.</summary>
    public const uint JobDefault = 0x03;
    /// <summary><c>PA_VMAR_ROOT</c>.</summary>
    public const uint VmarRoot = 0x04;
    /// <summary><c>PA_VMAR_LOADED</c>.</summary>
    public const uint VmarLoaded = 0x05;
    /// <summary><c>PA_LDSVC_LOADER</c>.</summary>
    public const uint LdsvcLoader = 0x10;
    /// <summary><c>PA_VMO_VDSO</c>.</summary>
    public const uint VmoVdso = 0x11;
    /// <summary><c>PA_VMO_STACK</c>.</summary>
    public const uint VmoStack = 0x13;
    /// <summary><c>PA_VMO_EXECUTABLE</c>.</summary>
    public const uint VmoExecutable = 0x14;
    /// <summary><c>PA_VMO_BOOTDATA</c>.</summary>
    public const uint VmoBootdata = 0x1A;
    /// <summary><c>PA_VMO_BOOTFS</c>.</summary>
    public const uint VmoBootfs = 0x1B;
    /// <summary><c>PA_VMO_KERNEL_FILE</c>.</summary>
    public const uint VmoKernelFile = 0x1C;
    /// <summary><c>PA_NS_DIR</c>.</summary>
    public const uint NsDir = 0x20;
    /// <summary><c>PA_FDIO_REMOTE</c>.</summary>
    public const uint FdioRemote = 0x32;
    /// <summary><c>PA_FDIO_LOGGER</c>.</summary>
    public const uint FdioLogger = 0x35;
    /// <summary><c>PA_FDIO_SOCKET</c>.</summary>
    public const uint FdioSocket = 0x36;
    /// <summary><c>PA_DIRECTORY_REQUEST</c>.</summary>
    public const uint DirectoryRequest = 0x3B;
    /// <summary><c>PA_RESOURCE</c>.</summary>
    public const uint Resource = 0x3F;
    /// <summary><c>PA_USER0</c>.</summary>
    public const uint User0 = 0xF0;
    /// <summary><c>PA_USER1</c>.</summary>
    public const uint User1 = 0xF1;
    /// <summary><c>PA_USER2</c>.</summary>
    public const uint User2 = 0xF2;
}
