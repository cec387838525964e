using Zx.Kernel.Host;
using Zx.Kernel.Object;

namespace Zx.Kernel.Syscalls;

// Safety: the out pointer is user memory, written only through UserCopy, which answers a fault.
public sealed unsafe partial class ZxSyscalls
{
    /// <summary><c>zx_object_set_cookie</c> (2018): stores a 64-bit cookie on an event or event pair, guarded by
    /// the scope object <paramref name="scope"/> names. Errors, in order: BAD_HANDLE (the scope, then the object),
    /// NOT_SUPPORTED (an object without a cookie), ACCESS_DENIED (another scope set it first). No rights are checked.</summary>
    public ZxStatus ObjectSetCookie(ZxHandle handle, ZxHandle scope, ulong cookie)
    {
        ZxStatus status = CookieJarFor(handle, scope, out CookieJar? jar, out ulong scopeKoid);
        return status != ZxStatus.Ok ? status : jar!.Set(scopeKoid, cookie);
    }

    /// <summary><c>zx_object_get_cookie</c> (2018): reads the cookie set under the same scope. Errors, in order:
    /// BAD_HANDLE (the scope, then the object), NOT_SUPPORTED, ACCESS_DENIED (another scope, or none set),
    /// INVALID_ARGS (a bad out pointer).</summary>
    public ZxStatus ObjectGetCookie(ZxHandle handle, ZxHandle scope, ulong* cookie)
    {
        ZxStatus status = CookieJarFor(handle, scope, out CookieJar? jar, out ulong scopeKoid);
        if (status != ZxStatus.Ok)
            return status;
        status = jar!.Get(scopeKoid, out ulong value);
        if (status != ZxStatus.Ok)
            return status;
        return CopyOut(cookie, value);
    }

    private ZxStatus CookieJarFor(ZxHandle handle, ZxHandle scope, out CookieJar? jar, out ulong scopeKoid)
    {
        jar = null;
        scopeKoid = 0;
        using (Lookup<Dispatcher> scoped = Process.GetDispatcher<Dispatcher>(scope))
        {
            if (scoped.Failed)
                return ZxStatus.BadHandle;
            scopeKoid = scoped.Object.Koid;
        }
        using Lookup<Dispatcher> target = Process.GetDispatcher<Dispatcher>(handle);
        if (target.Failed)
            return target.Status;
        jar = target.Object.Cookies;
        return jar is null ? ZxStatus.NotSupported : ZxStatus.Ok;
    }
}
