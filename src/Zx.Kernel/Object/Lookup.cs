namespace Zx.Kernel.Object;

/// <summary>A looked-up object with the reference the lookup took (none for a borrowed look-up); dispose it to drop
/// the reference.</summary>
/// <typeparam name="T">The object type the lookup asked for.</typeparam>
internal readonly struct Lookup<T> : IDisposable where T : Dispatcher
{
    private readonly T? _object;
    private readonly bool _counted;

    public Lookup(ZxStatus status) => Status = status;

    public Lookup(T found, ZxRights rights, bool counted)
    {
        _object = found;
        _counted = counted;
        Rights = rights;
        Status = ZxStatus.Ok;
    }

    /// <summary>OK, or why the lookup failed.</summary>
    public ZxStatus Status { get; }

    /// <summary>True when the lookup failed.</summary>
    public bool Failed => Status != ZxStatus.Ok;

    /// <summary>The object; only valid when <see cref="Status"/> is OK.</summary>
    public T Object => _object ?? throw new InvalidOperationException("the lookup failed: " + Status);

    /// <summary>The rights of the handle that was looked up.</summary>
    public ZxRights Rights { get; }

    public void Dispose()
    {
        if (_counted)
            _object?.Release();
    }
}
