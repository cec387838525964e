namespace Zx;

/// <summary>A syscall made through the typed API failed; <see cref="Status"/> says how.</summary>
public sealed class ZxException : Exception
{
    /// <summary>Creates the exception for <paramref name="status"/> returned by <paramref name="syscall"/>.</summary>
    public ZxException(ZxStatus status, string syscall)
        : base($"{syscall} failed: {status.ToZirconName()} ({(int)status})")
    {
        Status = status;
        Syscall = syscall;
    }

    /// <summary>Creates the exception with a message.</summary>
    public ZxException(string message) : base(message) => Syscall = "";

    /// <summary>Creates the exception with a message and cause.</summary>
    public ZxException(string message, Exception inner) : base(message, inner) => Syscall = "";

    /// <summary>Creates the exception with no message.</summary>
    public ZxException() => Syscall = "";

    /// <summary>The status the syscall returned.</summary>
    public ZxStatus Status { get; }

    /// <summary>The syscall's Zircon name.</summary>
    public string Syscall { get; }

    /// <summary>Throws unless <paramref name="status"/> is OK.</summary>
    public static void ThrowIfFailed(ZxStatus status, string syscall)
    {
        if (status != ZxStatus.Ok)
            throw new ZxException(status, syscall);
    }
}
