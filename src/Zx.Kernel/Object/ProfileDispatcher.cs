namespace Zx.Kernel.Object;

/// <summary>A scheduler profile (Zircon's <c>ProfileDispatcher</c>, 2018): a priority that
/// <c>zx_object_set_profile</c> gives a thread. Zx records it on the thread (ZX_INFO_THREAD has no field for it in
/// 2018); the host thread's scheduling is left to the host.</summary>
internal sealed class ProfileDispatcher : Dispatcher
{
    /// <summary>ZX_PRIORITY_LOWEST and ZX_PRIORITY_HIGHEST.</summary>
    public const int LowestPriority = 0, HighestPriority = 31;

    private ProfileDispatcher(KernelContext kernel, ZxProfileInfo info) : base(kernel, ZxSignals.None) => Info = info;

    /// <summary>What the profile was made with.</summary>
    public ZxProfileInfo Info { get; }

    /// <inheritdoc/>
    public override ZxObjectType Type => ZxObjectType.Profile;

    /// <inheritdoc/>
    public override bool HasStateTracker => false;

    /// <summary><c>validate_profile</c>: NOT_SUPPORTED for a type other than SCHEDULER, INVALID_ARGS for a priority
    /// outside 0..31.</summary>
    public static Result<ProfileDispatcher> Create(KernelContext kernel, ZxProfileInfo info)
    {
        if (info.Type != ZxProfileInfo.TypeScheduler)
            return ZxStatus.NotSupported;
        if (info.Priority is < LowestPriority or > HighestPriority)
            return ZxStatus.InvalidArgs;
        return new ProfileDispatcher(kernel, info);
    }
}
