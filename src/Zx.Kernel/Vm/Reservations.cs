using System.Runtime.InteropServices;

namespace Zx.Kernel.Vm;

/// <summary>Every process's reserved window of host address space, across all kernels of the host process: the fault
/// path's first question ("is this address Zx's?") and its second ("whose?"). The native fault handler keeps its own
/// copy of the windows (registered here), so it can tell a Zx address from any other without running managed code.</summary>
/// <remarks>Look-ups read an immutable array without a lock; adding or removing a window replaces the array under a
/// lock (a process is made or destroyed far less often than a page faults).</remarks>
internal static partial class Reservations
{
    private static readonly Lock s_lock = new();
    private static VmAspace[] s_aspaces = [];

    /// <summary>Adds the aspace's window (its reservation is mapped).</summary>
    public static void Add(VmAspace aspace)
    {
        lock (s_lock)
        {
            VmAspace[] next = [.. s_aspaces, aspace];
            Array.Sort(next, static (a, b) => a.ReservationBase.CompareTo(b.ReservationBase));
            Volatile.Write(ref s_aspaces, next);
            _ = Native.Add(aspace.ReservationBase, aspace.Size);
        }
    }

    /// <summary>Removes the aspace's window (before its reservation is unmapped).</summary>
    public static void Remove(VmAspace aspace)
    {
        lock (s_lock)
        {
            Volatile.Write(ref s_aspaces, [.. s_aspaces.Where(a => a != aspace)]);
            Native.Remove(aspace.ReservationBase);
        }
    }

    /// <summary>The aspace whose window holds <paramref name="address"/>, or null.</summary>
    public static VmAspace? Find(ulong address)
    {
        VmAspace[] all = Volatile.Read(ref s_aspaces);
        int low = 0, high = all.Length - 1;
        while (low <= high)
        {
            int middle = (low + high) >>> 1;
            VmAspace candidate = all[middle];
            if (address < candidate.ReservationBase)
                high = middle - 1;
            else if (address - candidate.ReservationBase >= candidate.Size)
                low = middle + 1;
            else
                return candidate;
        }
        return null;
    }

    /// <summary>The native handler's table (Host/native/user_copy_handler.c).</summary>
    private static partial class Native
    {
        [LibraryImport("zxhost", EntryPoint = "zxhost_reservation_add")]
        public static partial int Add(ulong start, ulong size);

        [LibraryImport("zxhost", EntryPoint = "zxhost_reservation_remove")]
        public static partial void Remove(ulong start);
    }
}
