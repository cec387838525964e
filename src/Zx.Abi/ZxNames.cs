using System.Globalization;
using System.Text;

namespace Zx;

/// <summary>The families of named constants a syscall argument can take (what <see cref="ZxNames"/> formats and
/// parses).</summary>
public enum ZxNameSet
{
    /// <summary>Not symbolic: shown as a number.</summary>
    None,
    /// <summary><c>ZX_OK</c>, <c>ZX_ERR_*</c>.</summary>
    Status,
    /// <summary><c>ZX_RIGHT_*</c> flags.</summary>
    Rights,
    /// <summary><c>ZX_VM_*</c> flags (VMAR map, allocate, protect).</summary>
    VmOptions,
    /// <summary><c>ZX_VMO_*</c> creation flags.</summary>
    VmoOptions,
    /// <summary><c>ZX_VMO_CHILD_*</c> and <c>ZX_VMO_CLONE_*</c> flags.</summary>
    VmoChildOptions,
    /// <summary><c>ZX_VMO_OP_*</c>.</summary>
    VmoOp,
    /// <summary><c>ZX_CACHE_POLICY_*</c>.</summary>
    CachePolicy,
    /// <summary><c>ZX_RSRC_KIND_*</c> with <c>ZX_RSRC_FLAG_EXCLUSIVE</c>.</summary>
    ResourceKind,
    /// <summary>Signal flags (<c>ZX_USER_SIGNAL_*</c>, <c>__ZX_OBJECT_*</c>, ...).</summary>
    Signals,
    /// <summary><c>ZX_INFO_*</c> topics.</summary>
    InfoTopic,
    /// <summary><c>ZX_PROP_*</c>.</summary>
    Property,
    /// <summary><c>ZX_OBJ_TYPE_*</c>.</summary>
    ObjectType,
    /// <summary><c>ZX_BTI_*</c> flags.</summary>
    BtiOptions,
    /// <summary><c>ZX_IOMMU_TYPE_*</c>.</summary>
    IommuType,
    /// <summary><c>ZX_WAIT_ASYNC_*</c>.</summary>
    WaitAsyncOptions,
    /// <summary><c>ZX_CLOCK_*</c>.</summary>
    Clock,
}

/// <summary>Zircon's names for its constants, both ways: a value shown the way a C programmer writes it
/// (<c>ZX_RIGHT_READ|ZX_RIGHT_WRITE</c>) and a name read back into its value, with or without its prefix
/// (<c>MMIO</c> for <c>ZX_RSRC_KIND_MMIO</c>). The tracer, the <c>zx</c> tool's scripts and the ABI test share it.</summary>
public static class ZxNames
{
    private sealed record NameSet(string Prefix, bool Flags, (string Name, ulong Value)[] Names);

    private static readonly Dictionary<ZxNameSet, NameSet> Sets = Build();

    /// <summary>Turns a C# member name into Zircon's spelling (<c>PermRead</c> to <c>PERM_READ</c>).</summary>
    public static string ToUpperSnake(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 8);
        for (int i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]))
                sb.Append('_');
            sb.Append(char.ToUpperInvariant(pascal[i]));
        }
        return sb.ToString();
    }

    /// <summary>Every name of a set with its value (the full <c>ZX_</c> spelling).</summary>
    public static IReadOnlyList<(string Name, ulong Value)> NamesOf(ZxNameSet set) =>
        Sets.TryGetValue(set, out NameSet? s) ? s.Names : [];

    /// <summary>The prefix a name of <paramref name="set"/> may be written without (<c>MMIO</c> for
    /// <c>ZX_RSRC_KIND_MMIO</c>), or an empty string.</summary>
    public static string PrefixOf(ZxNameSet set) => Sets.TryGetValue(set, out NameSet? s) ? s.Prefix : "";

    /// <summary>Every name of every set, for completion.</summary>
    public static IEnumerable<string> AllNames => Sets.Values.SelectMany(s => s.Names.Select(n => n.Name)).Distinct();

    /// <summary>Shows <paramref name="value"/> in the names of <paramref name="set"/>: flags joined with <c>|</c>
    /// (and any unnamed bits in hex), enumerations by their name, anything else in hex.</summary>
    public static string Format(ZxNameSet set, ulong value)
    {
        if (!Sets.TryGetValue(set, out NameSet? s))
            return Hex(value);
        if (set == ZxNameSet.ResourceKind && (value & ZxResourceFlags.Exclusive) != 0)
            return Format(set, value & ~(ulong)ZxResourceFlags.Exclusive) + "|ZX_RSRC_FLAG_EXCLUSIVE";
        if (!s.Flags)
        {
            foreach ((string name, ulong v) in s.Names)
            {
                if (v == value)
                    return name;
            }
            return Hex(value);
        }
        if (value == 0)
            return "0";
        foreach ((string name, ulong v) in s.Names)
        {
            if (v == value && IsSingleOrExact(name, v))
                return name;
        }
        var parts = new List<string>();
        ulong rest = value;
        foreach ((string name, ulong v) in s.Names)
        {
            if (v != 0 && (v & (v - 1)) == 0 && (rest & v) == v)
            {
                parts.Add(name);
                rest &= ~v;
            }
        }
        if (rest != 0)
            parts.Add(Hex(rest));
        return string.Join('|', parts);
    }

    // A flag name stands for itself when it is a single bit or a value nothing else spells (SAME_RIGHTS).
    private static bool IsSingleOrExact(string name, ulong value) =>
        (value & (value - 1)) == 0 || name.EndsWith("SAME_RIGHTS", StringComparison.Ordinal);

    /// <summary>Reads a constant: a number (decimal, <c>0x</c> hex, <c>0b</c> binary, <c>_</c> separators), a
    /// name of <paramref name="set"/> with or without its prefix, any <c>ZX_</c> name, or several joined with
    /// <c>|</c>.</summary>
    public static bool TryParse(ZxNameSet set, string text, out ulong value)
    {
        value = 0;
        foreach (string raw in text.Split('|'))
        {
            string part = raw.Trim();
            if (part.Length == 0 || !TryParseOne(set, part, out ulong v))
                return false;
            value |= v;
        }
        return true;
    }

    private static bool TryParseOne(ZxNameSet set, string part, out ulong value)
    {
        if (TryParseNumber(part, out value))
            return true;
        string upper = part.ToUpperInvariant();
        if (Sets.TryGetValue(set, out NameSet? s))
        {
            foreach ((string name, ulong v) in s.Names)
            {
                if (name == upper || name == s.Prefix + upper)
                {
                    value = v;
                    return true;
                }
            }
        }
        foreach (NameSet any in Sets.Values)
        {
            foreach ((string name, ulong v) in any.Names)
            {
                if (name == upper)
                {
                    value = v;
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>Reads a number: decimal (optionally negative), <c>0x</c> hex or <c>0b</c> binary, with <c>_</c>
    /// separators allowed.</summary>
    public static bool TryParseNumber(string text, out ulong value)
    {
        string t = text.Replace("_", "", StringComparison.Ordinal);
        if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            return ulong.TryParse(t.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        if (t.StartsWith("0b", StringComparison.OrdinalIgnoreCase))
            return ulong.TryParse(t.AsSpan(2), NumberStyles.AllowBinarySpecifier, CultureInfo.InvariantCulture, out value);
        if (t.StartsWith('-') && long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long negative))
        {
            value = (ulong)negative;
            return true;
        }
        return ulong.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    private static (string, ulong)[] FromEnum<T>(string prefix, Func<string, bool>? skip = null, Func<string, string>? rename = null)
        where T : struct, Enum =>
        [.. Enum.GetNames<T>().Where(m => skip is null || !skip(m))
            .Select(m => (prefix + (rename?.Invoke(m) ?? ToUpperSnake(m)), Convert.ToUInt64(Enum.Parse<T>(m), CultureInfo.InvariantCulture)))];

    private static Dictionary<ZxNameSet, NameSet> Build()
    {
        var signals = new List<(string, ulong)>
        {
            ("__ZX_OBJECT_READABLE", (uint)ZxSignals.ObjectReadable),
            ("__ZX_OBJECT_WRITABLE", (uint)ZxSignals.ObjectWritable),
            ("__ZX_OBJECT_PEER_CLOSED", (uint)ZxSignals.ObjectPeerClosed),
            ("__ZX_OBJECT_SIGNALED", (uint)ZxSignals.ObjectSignaled),
            ("ZX_SIGNAL_HANDLE_CLOSED", (uint)ZxSignals.HandleClosed),
            ("ZX_SIGNAL_NONE", 0),
        };
        for (int i = 0; i < 8; i++)
            signals.Add(($"ZX_USER_SIGNAL_{i}", (uint)ZxSignals.User0 << i));
        // Names that share a bit with the generic ones come last, so formatting uses the generic names.
        signals.AddRange([
            ("ZX_USER_SIGNAL_ALL", (uint)ZxSignals.UserAll),
            ("ZX_CHANNEL_READABLE", (uint)ZxSignals.ObjectReadable), ("ZX_CHANNEL_WRITABLE", (uint)ZxSignals.ObjectWritable),
            ("ZX_CHANNEL_PEER_CLOSED", (uint)ZxSignals.ObjectPeerClosed), ("ZX_EVENTPAIR_PEER_CLOSED", (uint)ZxSignals.ObjectPeerClosed),
            ("ZX_EVENT_SIGNALED", (uint)ZxSignals.EventSignaled), ("ZX_EVENTPAIR_SIGNALED", (uint)ZxSignals.ObjectSignaled),
            ("ZX_VMO_ZERO_CHILDREN", (uint)ZxSignals.VmoZeroChildren), ("ZX_TASK_TERMINATED", (uint)ZxSignals.TaskTerminated),
            ("ZX_PROCESS_TERMINATED", (uint)ZxSignals.TaskTerminated), ("ZX_THREAD_TERMINATED", (uint)ZxSignals.TaskTerminated),
            ("ZX_SOCKET_READABLE", (uint)ZxSignals.ObjectReadable), ("ZX_SOCKET_WRITABLE", (uint)ZxSignals.ObjectWritable),
            ("ZX_SOCKET_PEER_CLOSED", (uint)ZxSignals.ObjectPeerClosed),
            ("ZX_SOCKET_PEER_WRITE_DISABLED", (uint)ZxSignals.SocketPeerWriteDisabled), ("ZX_SOCKET_WRITE_DISABLED", (uint)ZxSignals.SocketWriteDisabled),
            ("ZX_SOCKET_CONTROL_READABLE", (uint)ZxSignals.SocketControlReadable), ("ZX_SOCKET_CONTROL_WRITABLE", (uint)ZxSignals.SocketControlWritable),
            ("ZX_SOCKET_ACCEPT", (uint)ZxSignals.SocketAccept), ("ZX_SOCKET_SHARE", (uint)ZxSignals.SocketShare),
            ("ZX_SOCKET_READ_THRESHOLD", (uint)ZxSignals.SocketReadThreshold), ("ZX_SOCKET_WRITE_THRESHOLD", (uint)ZxSignals.SocketWriteThreshold),
            ("ZX_THREAD_RUNNING", (uint)ZxSignals.ThreadRunning), ("ZX_THREAD_SUSPENDED", (uint)ZxSignals.ThreadSuspended),
        ]);
        var rights = FromEnum<ZxRights>("ZX_RIGHT_", m => m is "Basic" or "Io" or "Property" or "Policy").ToList();
        rights.AddRange(FromEnum<ZxRights>("ZX_RIGHTS_", m => m is not ("Basic" or "Io" or "Property" or "Policy")));
        var childOptions = FromEnum<ZxVmoChildOptions>("ZX_VMO_CHILD_").ToList();
        childOptions.AddRange(FromEnum<ZxVmoCloneOptions>("ZX_VMO_CLONE_"));
        var statuses = Enum.GetValues<ZxStatus>().Select(s => (s.ToZirconName(), (ulong)(long)(int)s)).ToArray();
        return new()
        {
            [ZxNameSet.Status] = new("ZX_ERR_", false, statuses),
            [ZxNameSet.Rights] = new("ZX_RIGHT_", true, [.. rights]),
            [ZxNameSet.VmOptions] = new("ZX_VM_", true, FromEnum<ZxVmOptions>("ZX_VM_", m => m is "None" or "PermMask" or "CanMapRwx")),
            [ZxNameSet.VmoOptions] = new("ZX_VMO_", true, FromEnum<ZxVmoOptions>("ZX_VMO_", m => m == "None")),
            [ZxNameSet.VmoChildOptions] = new("ZX_VMO_CHILD_", true, [.. childOptions]),
            [ZxNameSet.VmoOp] = new("ZX_VMO_OP_", false, FromEnum<ZxVmoOp>("ZX_VMO_OP_")),
            [ZxNameSet.CachePolicy] = new("ZX_CACHE_POLICY_", false, FromEnum<ZxCachePolicy>("ZX_CACHE_POLICY_")),
            [ZxNameSet.ResourceKind] = new("ZX_RSRC_KIND_", false,
                [.. FromEnum<ZxResourceKind>("ZX_RSRC_KIND_", rename: m => m == "IoPort" ? "IOPORT" : ToUpperSnake(m)),
                    ("ZX_RSRC_FLAG_EXCLUSIVE", ZxResourceFlags.Exclusive)]),
            [ZxNameSet.Signals] = new("ZX_", true, [.. signals]),
            [ZxNameSet.InfoTopic] = new("ZX_INFO_", false, FromEnum<ZxInfoTopic>("ZX_INFO_")),
            [ZxNameSet.Property] = new("ZX_PROP_", false, FromEnum<ZxProperty>("ZX_PROP_")),
            [ZxNameSet.ObjectType] = new("ZX_OBJ_TYPE_", false, FromEnum<ZxObjectType>("ZX_OBJ_TYPE_", rename: m => m == "EventPair" ? "EVENTPAIR" : ToUpperSnake(m))),
            [ZxNameSet.BtiOptions] = new("ZX_BTI_", true, FromEnum<ZxBtiOptions>("ZX_BTI_", m => m == "None")),
            [ZxNameSet.IommuType] = new("ZX_IOMMU_TYPE_", false, FromEnum<ZxIommuType>("ZX_IOMMU_TYPE_")),
            [ZxNameSet.WaitAsyncOptions] = new("ZX_WAIT_ASYNC_", false,
                [("ZX_WAIT_ASYNC_ONCE", ZxPacketTypes.WaitAsyncOnce), ("ZX_WAIT_ASYNC_REPEATING", ZxPacketTypes.WaitAsyncRepeating)]),
            [ZxNameSet.Clock] = new("ZX_CLOCK_", false, [("ZX_CLOCK_MONOTONIC", 0), ("ZX_CLOCK_UTC", 1), ("ZX_CLOCK_THREAD", 2)]),
        };
    }
}
