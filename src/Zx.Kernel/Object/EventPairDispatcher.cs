namespace Zx.Kernel.Object;

/// <summary>One end of an event pair (Zircon's <c>EventPairDispatcher</c>).</summary>
internal sealed class EventPairDispatcher : PeeredDispatcher
{
    private EventPairDispatcher(KernelContext kernel) : base(kernel, ZxSignals.None) { }

    private CookieJar? _cookies; // made on first use: most objects never get a cookie

    /// <inheritdoc/>
    public override CookieJar? Cookies => LazyInitializer.EnsureInitialized(ref _cookies);

    /// <inheritdoc/>
    public override ZxObjectType Type => ZxObjectType.EventPair;

    /// <inheritdoc/>
    public override ZxSignals AllowedUserSignals => ZxSignals.UserAll | ZxSignals.EventSignaled;

    /// <summary>Creates both ends, each with the creator's reference.</summary>
    public static (EventPairDispatcher, EventPairDispatcher) Create(KernelContext kernel)
    {
        var a = new EventPairDispatcher(kernel);
        var b = new EventPairDispatcher(kernel);
        Link(a, b);
        return (a, b);
    }
}
