namespace Zx.Kernel.Object;

/// <summary>An object's cookie (Zircon's <c>CookieJar</c>, 2018): one 64-bit value, readable and replaceable only by
/// whoever names the same scope object (by koid) as the first setter.</summary>
internal sealed class CookieJar
{
    private readonly Lock _lock = new();
    private ulong _scope; // ZX_KOID_INVALID until the first set
    private ulong _cookie;

    /// <summary>Sets the cookie: OK for the first scope and again for the same one, ACCESS_DENIED for another.</summary>
    public ZxStatus Set(ulong scope, ulong cookie)
    {
        lock (_lock)
        {
            if (_scope != 0 && _scope != scope)
                return ZxStatus.AccessDenied;
            _scope = scope;
            _cookie = cookie;
            return ZxStatus.Ok;
        }
    }

    /// <summary>Reads the cookie: ACCESS_DENIED unless <paramref name="scope"/> is the one that set it.</summary>
    public ZxStatus Get(ulong scope, out ulong cookie)
    {
        lock (_lock)
        {
            cookie = _cookie;
            return _scope != 0 && _scope == scope ? ZxStatus.Ok : ZxStatus.AccessDenied;
        }
    }
}
