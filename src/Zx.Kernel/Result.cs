using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Zx.Kernel;

/// <summary>What a call that makes something returns: OK and the thing made, or the status that says why not (the
/// kernel's <c>zx_status_t</c> plus its out parameter, in one value that cannot hold a thing on failure).</summary>
/// <typeparam name="T">What is made.</typeparam>
internal readonly struct Result<T> where T : class
{
    private readonly T? _value;

    private Result(T value)
    {
        _value = value;
        Status = ZxStatus.Ok;
    }

    private Result(ZxStatus failure)
    {
        Debug.Assert(failure != ZxStatus.Ok, "a failed result needs a failing status");
        Status = failure;
    }

    /// <summary>OK, or why nothing was made.</summary>
    public ZxStatus Status { get; }

    /// <summary>True when nothing was made.</summary>
    public bool Failed => Status != ZxStatus.Ok;

    /// <summary>What was made; only valid when <see cref="Status"/> is OK.</summary>
    public T Value => _value ?? ThrowFailed(Status);

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static T ThrowFailed(ZxStatus status) => throw new InvalidOperationException("the call failed: " + status);

    /// <summary>A success holding <paramref name="value"/>.</summary>
    public static implicit operator Result<T>(T value) => new(value);

    /// <summary>A failure with <paramref name="failure"/> (never OK).</summary>
    public static implicit operator Result<T>(ZxStatus failure) => new(failure);
}
