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
}

/// <summary>One parameter of a syscall, in C order.</summary>
/// <param name="Name">The parameter's name in Zircon's declaration.</param>
/// <param name="Kind">How it is shown and read.</param>
/// <param name="Names">The constants it takes, for <see cref="ZxParamKind.Named"/>.</param>
/// <param name="Is64Bit">True when the C type is 64 bits wide (otherwise 32).</param>
public sealed record ZxSyscallParam(string Name, ZxParamKind Kind, ZxNameSet Names, bool Is64Bit)
{
    /// <summary>For a buffer or name, the index of the parameter that holds its length (the first
    /// <see cref="ZxParamKind.Length"/> after it), else -1.</summary>
    public int LengthIndex { get; init; } = -1;

    /// <summary>True for a <see cref="ZxParamKind.Length"/> that belongs to a buffer or name before it (a script
    /// fills it in).</summary>
    public bool IsBufferLength { get; init; }

    /// <summary>True for the parameters a syscall writes.</summary>
    public bool IsOutput => Kind is ZxParamKind.OutHandle or ZxParamKind.OutHex or ZxParamKind.OutNumber or ZxParamKind.OutSignals
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
    public string PascalName => string.Concat(Name.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}

/// <summary>The signatures of every syscall that returns a status, written once and read by the tracer (to show
/// arguments and results), by the <c>zx</c> tool's script language (to read them), and by tests.</summary>
public static class ZxSyscallTable
{
    // One line per syscall: name(kind name, ...). Kinds: h handle, n number, x hex, t time, b/B in/out bytes,
    // s name, len length, p pointer, oh/ox/on/os outputs, and @Set for a named constant; a trailing 64 marks a
    // 64-bit C type where the kind does not imply it.
    private static readonly string[] Signatures =
    [
        "handle_close(h handle)",
        "handle_close_many(p handles, len num_handles)",
        "handle_duplicate(h handle, @Rights rights, oh out)",
        "handle_replace(h handle, @Rights rights, oh out)",
        "object_get_info(h handle, @InfoTopic topic, B buffer, len buffer_size, on64 actual, on64 avail)",
        "object_get_property(h handle, @Property property, B value, len size)",
        "object_set_property(h handle, @Property property, b value, len size)",
        "object_signal(h handle, @Signals clear_mask, @Signals set_mask)",
        "object_signal_peer(h handle, @Signals clear_mask, @Signals set_mask)",
        "object_wait_one(h handle, @Signals signals, t deadline, os observed)",
        "object_wait_many(p items, n64 count, t deadline)",
        "object_wait_async(h handle, h port, x64 key, @Signals signals, @WaitAsyncOptions options)",
        "event_create(n options, oh out)",
        "eventpair_create(n options, oh out0, oh out1)",
        "port_create(n options, oh out)",
        "port_queue(h handle, p packet)",
        "port_wait(h handle, t deadline, p packet)",
        "port_cancel(h handle, h source, x64 key)",
        "channel_create(n options, oh out0, oh out1)",
        "channel_write(h handle, n options, b bytes, len num_bytes, p handles, n num_handles)",
        "channel_read(h handle, n options, p bytes, p handles, n num_bytes, n num_handles, on actual_bytes, on actual_handles)",
        "channel_read_etc(h handle, n options, p bytes, p handles, n num_bytes, n num_handles, on actual_bytes, on actual_handles)",
        "channel_call(h handle, n options, t deadline, p args, on actual_bytes, on actual_handles)",
        "job_create(h parent_job, n options, oh out)",
        "process_create(h job, s name, len name_size, n options, oh proc_handle, oh vmar_handle)",
        "process_start(h handle, h thread, x64 entry, x64 stack, h arg1, x64 arg2)",
        "thread_create(h process, s name, len name_size, n options, oh out)",
        "thread_start(h handle, x64 thread_entry, x64 stack, x64 arg1, x64 arg2)",
        "task_kill(h handle)",
        "nanosleep(t deadline)",
        "resource_create(h parent_rsrc, @ResourceKind options, x64 base, x64 size, s name, len name_size, oh resource_out)",
        "vmo_create(x64 size, @VmoOptions options, oh out)",
        "vmo_read(h handle, B buffer, x64 offset, len buffer_size)",
        "vmo_write(h handle, b buffer, x64 offset, len buffer_size)",
        "vmo_get_size(h handle, ox size)",
        "vmo_set_size(h handle, x64 size)",
        "vmo_create_physical(h resource, x64 paddr, x64 size, oh out)",
        "vmo_clone(h handle, @VmoChildOptions options, x64 offset, x64 size, oh out)",
        "vmo_create_child(h handle, @VmoChildOptions options, x64 offset, x64 size, oh out)",
        "vmo_op_range(h handle, @VmoOp op, x64 offset, x64 size, p buffer, n64 buffer_size)",
        "vmo_set_cache_policy(h handle, @CachePolicy cache_policy)",
        "vmo_create_contiguous(h bti, x64 size, n alignment_log2, oh out)",
        "vmar_allocate(h parent_vmar, @VmOptions options, x64 offset, x64 size, oh child_vmar, ox child_addr)",
        "vmar_destroy(h vmar_handle)",
        "vmar_map(h vmar_handle, @VmOptions options, x64 vmar_offset, h vmo_handle, x64 vmo_offset, x64 len, ox mapped_addr)",
        "vmar_unmap(h vmar_handle, x64 addr, x64 len)",
        "vmar_protect(h vmar_handle, @VmOptions options, x64 addr, x64 len)",
        "iommu_create(h resource, @IommuType type, b desc, len desc_size, oh out)",
        "bti_create(h iommu, @BtiOptions options, x64 bti_id, oh out)",
        "bti_pin(h bti, @BtiOptions options, h vmo, x64 offset, x64 size, p addrs, n64 addrs_count, oh pmt)",
        "bti_release_quarantine(h bti)",
        "pmt_unpin(h pmt)",
    ];

    private static readonly Lazy<IReadOnlyList<ZxSyscallInfo>> Parsed = new(Parse);
    private static readonly Lazy<Dictionary<string, ZxSyscallInfo>> ByName = new(() =>
        All.SelectMany(s => new[] { (s.Name, s), (s.CName, s), (s.PascalName, s) })
            .DistinctBy(p => p.Item1, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(p => p.Item1, p => p.s, StringComparer.OrdinalIgnoreCase));

    /// <summary>Every syscall, in a fixed order (an entry's <see cref="ZxSyscallInfo.Id"/> is its index + 1).</summary>
    public static IReadOnlyList<ZxSyscallInfo> All => Parsed.Value;

    /// <summary>Finds a syscall by its short name (<c>vmo_create</c>), C name (<c>zx_vmo_create</c>) or C# name
    /// (<c>VmoCreate</c>).</summary>
    public static ZxSyscallInfo? Find(string name) => ByName.Value.GetValueOrDefault(name);

    /// <summary>The syscall with <paramref name="id"/>, or null (0 and unknown ids).</summary>
    public static ZxSyscallInfo? FromId(int id) => id >= 1 && id <= All.Count ? All[id - 1] : null;

    private static List<ZxSyscallInfo> Parse()
    {
        var result = new List<ZxSyscallInfo>(Signatures.Length);
        foreach (string line in Signatures)
        {
            int open = line.IndexOf('(', StringComparison.Ordinal);
            string name = line[..open];
            var ps = new List<ZxSyscallParam>();
            foreach (string part in line[(open + 1)..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                string[] words = part.Split(' ');
                string kind = words[0];
                bool wide = kind.EndsWith("64", StringComparison.Ordinal);
                if (wide)
                    kind = kind[..^2];
                ZxNameSet set = ZxNameSet.None;
                ZxParamKind k;
                if (kind.StartsWith('@'))
                {
                    set = Enum.Parse<ZxNameSet>(kind[1..]);
                    k = ZxParamKind.Named;
                }
                else
                {
                    k = kind switch
                    {
                        "h" => ZxParamKind.Handle,
                        "n" => ZxParamKind.Number,
                        "x" => ZxParamKind.Hex,
                        "t" => ZxParamKind.Time,
                        "b" => ZxParamKind.InBytes,
                        "B" => ZxParamKind.OutBytes,
                        "s" => ZxParamKind.InName,
                        "len" => ZxParamKind.Length,
                        "p" => ZxParamKind.Pointer,
                        "oh" => ZxParamKind.OutHandle,
                        "ox" => ZxParamKind.OutHex,
                        "on" => ZxParamKind.OutNumber,
                        "os" => ZxParamKind.OutSignals,
                        _ => throw new InvalidOperationException($"syscall table: unknown kind '{kind}' in {line}"),
                    };
                }
                bool is64 = wide || k is ZxParamKind.Time or ZxParamKind.Length or ZxParamKind.Pointer or ZxParamKind.InBytes
                    or ZxParamKind.OutBytes or ZxParamKind.InName or ZxParamKind.OutHex;
                ps.Add(new ZxSyscallParam(words[1], k, set, is64));
            }
            for (int i = 0; i < ps.Count; i++)
            {
                if (ps[i].Kind is not (ZxParamKind.InBytes or ZxParamKind.InName or ZxParamKind.OutBytes))
                    continue;
                int length = ps.FindIndex(i + 1, p => p.Kind == ZxParamKind.Length && !p.IsBufferLength);
                if (length < 0)
                    continue;
                ps[i] = ps[i] with { LengthIndex = length };
                ps[length] = ps[length] with { IsBufferLength = true };
            }
            result.Add(new ZxSyscallInfo(name, ps, result.Count + 1));
        }
        return result;
    }
}
