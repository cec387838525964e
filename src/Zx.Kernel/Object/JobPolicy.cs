namespace Zx.Kernel.Object;

/// <summary>A job's basic policy (Zircon's <c>PolicyManager</c> cookie): for each condition, either nothing said
/// (the default action, ALLOW) or an explicit action. A job starts with its parent's policy and a process with its
/// job's; a value, so a policy once handed down never changes under its holder.</summary>
internal readonly record struct JobPolicy
{
    // Four bits per condition: bit 3 set when the policy says something, bits 0-2 the action.
    private const ulong ExplicitBit = 0b1000;
    private const ulong ActionBits = 0b0111;
    private const uint ValidActionBits = ZxJobPolicy.ActionAllow | ZxJobPolicy.ActionDeny | ZxJobPolicy.ActionException | ZxJobPolicy.ActionKill;

    private readonly ulong _entries;

    private JobPolicy(ulong entries) => _entries = entries;

    /// <summary>The policy that says nothing: every condition has the default action.</summary>
    public static JobPolicy Empty => default;

    /// <summary>The action for <paramref name="condition"/>: what the policy says, or ALLOW.</summary>
    public uint ActionFor(uint condition)
    {
        ulong entry = Entry(condition);
        return (entry & ExplicitBit) == 0 ? ZxJobPolicy.ActionAllow : (uint)(entry & ActionBits);
    }

    private ulong Entry(uint condition) => condition < ZxJobPolicy.Max ? (_entries >> (int)(4 * condition)) & 0xF : 0;

    /// <summary><c>PolicyManager::AddPolicy</c>: this policy with <paramref name="entries"/> added. An entry may set a
    /// condition nothing was said about, or say again what was said; saying something else is skipped in RELATIVE
    /// mode and ALREADY_EXISTS in ABSOLUTE mode. NEW_ANY stands for every NEW_ condition of 2018 (VMO to TIMER).
    /// Errors, in order: OUT_OF_RANGE (more entries than conditions), then per entry INVALID_ARGS (an unknown
    /// condition), NOT_SUPPORTED (an unknown action), ALREADY_EXISTS; nothing is added on any error.</summary>
    public static ZxStatus TryAdd(JobPolicy existing, uint mode, ReadOnlySpan<ZxPolicyBasic> entries, out JobPolicy result)
    {
        result = existing;
        if ((ulong)entries.Length > ZxJobPolicy.Max)
            return ZxStatus.OutOfRange;
        ulong added = 0;
        foreach (ZxPolicyBasic entry in entries)
        {
            if (entry.Condition >= ZxJobPolicy.Max)
                return ZxStatus.InvalidArgs;
            uint first = entry.Condition == ZxJobPolicy.NewAny ? ZxJobPolicy.NewVmo : entry.Condition;
            uint last = entry.Condition == ZxJobPolicy.NewAny ? ZxJobPolicy.NewTimer : entry.Condition;
            for (uint condition = first; condition <= last; condition++)
            {
                if ((entry.Policy & ~ValidActionBits) != 0)
                    return ZxStatus.NotSupported;
                ulong was = existing.Entry(condition);
                if ((was & ExplicitBit) != 0 && (was & ActionBits) != entry.Policy)
                {
                    if (mode == ZxJobPolicy.Absolute)
                        return ZxStatus.AlreadyExists;
                    continue;
                }
                int shift = (int)(4 * condition);
                added = (added & ~(0xFUL << shift)) | ((ExplicitBit | entry.Policy) << shift);
            }
        }
        result = new JobPolicy(existing._entries | added);
        return ZxStatus.Ok;
    }
}
