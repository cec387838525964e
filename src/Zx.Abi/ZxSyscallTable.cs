namespace Zx;

/// <summary>What a syscall parameter is, for showing it in a trace and reading it in a script.</summary>
public enum ZxParamKind
{
    /// <summary>A handle value.</summary>
    Handle,
    /// <summary>A number shown in decimal.</summary>
    Number,
    /// <summary>A number shown in hex (addresses, sizes, offsets, keys).</summary>
    Hex,
    /// <summary>A constant of a <see cref="ZxNameSet"/>.</summary>
    Named,
    /// <summary>A deadline or duration in nanoseconds (<c>ZX_TIME_INFINITE</c> by name).</summary>
    Time,
    /// <summary>An input buffer whose length is the next parameter (a script gives a string or hex bytes).</summary>
    InBytes,
    /// <summary>A name whose length is the next parameter (a script gives a string).</summary>
    InName,
    /// <summary>The length of the preceding buffer or name (filled in by a script).</summary>
    Length,
    /// <summary>An output buffer whose length is the next parameter (a script gives the length).</summary>
    OutBytes,
    /// <summary>A pointer the tool does not look into (shown as an address; a script passes 0 or a number).</summary>
    Pointer,
    /// <summary>An output handle (a script binds it to a name).</summary>
    OutHandle,
    /// <summary>An output number shown in hex (an address, a size).</summary>
    OutHex,
    /// <summary>An output number shown in decimal.</summary>
    OutNumber,
    /// <summary>Output signals.</summary>
    OutSignals,
    /// <summary>An output array of scalars whose element count is the next parameter (pinned addresses, received
    /// handles); a script gives the count and sees the elements.</summary>
    OutArray,
    /// <summary>An input <c>zx_port_packet_t</c> (a script gives a key, or up to 32 bytes of user payload).</summary>
    InPacket,
    /// <summary>An output <c>zx_port_packet_t</c>, shown decoded.</summary>
    OutPacket,
}

/// <summary>One parameter of a syscall, in C order.</summary>
/// <param name="Name">The parameter's name in Zircon's declaration.</param>
/// <param name="Kind">How it is shown and read.</param>
/// <param name="Names">The constants it takes, for <see cref="ZxParamKind.Named"/>.</param>
/// <param name="Is64Bit">True when the C type is 64 bits wide (otherwise 32).</param>
public sealed record ZxSyscallParam(string Name, ZxParamKind Kind, ZxNameSet Names, bool Is64Bit)
{
    /// <summary>For a buffer or name, the index of the parameter that holds its length, else -1.</summary>
    public int LengthIndex { get; init; } = -1;

    /// <summary>True for a <see cref="ZxParamKind.Length"/> that belongs to a buffer or name before it (a script
    /// fills it in).</summary>
    public bool IsBufferLength { get; init; }

    /// <summary>For a handle, the rights it needs as declared (<c>READ|WRITE</c>, or <c>depends</c> when they
    /// depend on other arguments), else null.</summary>
    public string? Rights { get; init; }

    /// <summary>True for a handle the syscall consumes.</summary>
    public bool Releases { get; init; }

    /// <summary>True for a pointer that may be NULL.</summary>
    public bool IsOptional { get; init; }

    /// <summary>True for the parameters a syscall writes.</summary>
    public bool IsOutput => Kind is ZxParamKind.OutHandle or ZxParamKind.OutHex or ZxParamKind.OutNumber or ZxParamKind.OutSignals
        or ZxParamKind.OutArray or ZxParamKind.OutPacket
        or ZxParamKind.OutBytes;
}

/// <summary>A syscall's C signature: its name without <c>zx_</c>, and its parameters in order.</summary>
/// <param name="Name">The name without the <c>zx_</c> prefix (<c>vmo_create_physical</c>).</param>
/// <param name="Params">Its parameters in C order.</param>
/// <param name="Id">A small number naming it (never 0, which means "unknown").</param>
public sealed record ZxSyscallInfo(string Name, IReadOnlyList<ZxSyscallParam> Params, int Id)
{
    /// <summary>The C name (<c>zx_vmo_create_physical</c>).</summary>
    public string CName => "zx_" + Name;

    /// <summary>The C# method name the syscall has in the managed layers (<c>VmoCreatePhysical</c>).</summary>
    public string PascalName { get; init; } = string.Concat(Name.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    /// <summary>True for a syscall that may wait (on a deadline, a peer, a port).</summary>
    public bool IsBlocking { get; init; }
}

/// <summary>The signatures of every syscall that returns a status, read by the tracer (to show arguments and
/// results), by the <c>zx</c> tool's script language and completion, and by tests. The entries are generated
/// from <c>syscalls/zircon.syscalls</c> at build time (Zx.Syscalls.Generator), so they cannot disagree with the
/// exports.</summary>
public static partial class ZxSyscallTable
{
    private static readonly ZxSyscallInfo[] Entries = Declared();
    private static readonly Dictionary<string, ZxSyscallInfo> ByName =
        Entries.SelectMany(s => new[] { (s.Name, s), (s.CName, s), (s.PascalName, s) })
            .DistinctBy(p => p.Item1, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(p => p.Item1, p => p.s, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every syscall, in the declaration's order (an entry's <see cref="ZxSyscallInfo.Id"/> is its index + 1).</summary>
    public static IReadOnlyList<ZxSyscallInfo> All => Entries;

    /// <summary>Finds a syscall by its short name (<c>vmo_create</c>), C name (<c>zx_vmo_create</c>) or C# name
    /// (<c>VmoCreate</c>).</summary>
    public static ZxSyscallInfo? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The syscall with <paramref name="id"/>, or null (0 and unknown ids).</summary>
    public static ZxSyscallInfo? FromId(int id) => id >= 1 && id <= Entries.Length ? Entries[id - 1] : null;
}
