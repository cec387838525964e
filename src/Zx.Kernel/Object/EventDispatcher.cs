namespace Zx.Kernel.Object;

/// <summary>An event (Zircon's <c>EventDispatcher</c>): only signals.</summary>
internal sealed class EventDispatcher(KernelContext kernel) : Dispatcher(kernel, ZxSignals.None)
{
    private CookieJar? _cookies; // made on first use: most objects never get a cookie

    /// <inheritdoc/>
    public override CookieJar? Cookies => LazyInitializer.EnsureInitialized(ref _cookies);

    /// <inheritdoc/>
    public override ZxObjectType Type => ZxObjectType.Event;

    /// <inheritdoc/>
    public override ZxSignals AllowedUserSignals => ZxSignals.UserAll | ZxSignals.EventSignaled;
}
