using System.Text;
using Zx.Kernel;
using Zx.Kernel.Syscalls;

namespace Zx;

/// <summary>An owned handle in one process (lib/zx's <c>zx::handle</c>): closing it is disposing it.</summary>
public class Handle : IDisposable
{
    /// <summary>Takes ownership of <paramref name="raw"/> in <paramref name="process"/>.</summary>
    public Handle(ProcessContext process, ZxHandle raw) : this(process, raw, owned: true) { }

    /// <summary>Names <paramref name="raw"/> in <paramref name="process"/>, owning it (closed on dispose) or only
    /// viewing it (a borrowed handle: disposing the view does nothing).</summary>
    protected Handle(ProcessContext process, ZxHandle raw, bool owned)
    {
        ArgumentNullException.ThrowIfNull(process);
        Process = process;
        Raw = raw;
        IsOwner = owned;
    }

    /// <summary>False for a borrowed view (<see cref="Unowned{T}.Value"/>): disposing it leaves the handle open.</summary>
    public bool IsOwner { get; }

    /// <summary>The process that holds the handle.</summary>
    public ProcessContext Process { get; }

    /// <summary>The raw handle value, <see cref="ZxHandle.Invalid"/> once closed or released.</summary>
    public ZxHandle Raw { get; private set; }

    /// <summary>True while the handle is held.</summary>
    public bool IsValid => Raw.IsValid;

    /// <summary>The syscalls of the holding process.</summary>
    protected ZxSyscalls Sys => Process.Syscalls;

    /// <summary>The object's koid (<c>ZX_INFO_HANDLE_BASIC</c>).</summary>
    public ulong Koid => BasicInfo.Koid;

    /// <summary>The handle's rights (<c>ZX_INFO_HANDLE_BASIC</c>).</summary>
    public ZxRights Rights => BasicInfo.Rights;

    /// <summary><c>ZX_INFO_HANDLE_BASIC</c> of the handle.</summary>
    public ZxInfoHandleBasic BasicInfo => GetInfo<ZxInfoHandleBasic>(ZxInfoTopic.HandleBasic);

    /// <summary>The object's name (<c>ZX_PROP_NAME</c>).</summary>
    public string Name
    {
        get
        {
            Span<byte> name = stackalloc byte[ZxConstants.MaxNameLength];
            ZxException.ThrowIfFailed(Sys.ObjectGetProperty(Raw, ZxProperty.Name, name), "zx_object_get_property");
            int end = name.IndexOf((byte)0);
            return Encoding.UTF8.GetString(end < 0 ? name : name[..end]);
        }
        set => ZxException.ThrowIfFailed(Sys.ObjectSetProperty(Raw, ZxProperty.Name, Encoding.UTF8.GetBytes(value)), "zx_object_set_property");
    }

    /// <summary>Reads a one-record info topic.</summary>
    public T GetInfo<T>(ZxInfoTopic topic) where T : unmanaged
    {
        ZxException.ThrowIfFailed(Sys.ObjectGetInfo(Raw, topic, out T record), "zx_object_get_info");
        return record;
    }

    /// <summary>Borrows the handle without taking ownership.</summary>
    public Unowned<Handle> Borrow() => new(this);

    /// <summary>The deadline <paramref name="timeout"/> from now on the kernel's clock; infinite when null.</summary>
    protected long DeadlineAfter(TimeSpan? timeout) =>
        timeout is null ? ZxConstants.TimeInfinite : Sys.DeadlineAfter((long)timeout.Value.TotalNanoseconds);

    /// <summary><c>zx_object_wait_one</c>: blocks until any of <paramref name="signals"/> is asserted, or
    /// <paramref name="timeout"/> passes (forever when null); returns the signals then.</summary>
    /// <exception cref="ZxException">TIMED_OUT, CANCELED (the handle was closed meanwhile), BAD_HANDLE, ...</exception>
    public ZxSignals Wait(ZxSignals signals, TimeSpan? timeout = null)
    {
        ZxException.ThrowIfFailed(TryWait(signals, DeadlineAfter(timeout), out ZxSignals observed), "zx_object_wait_one");
        return observed;
    }

    /// <summary><c>zx_object_wait_one</c> without exceptions: the status, and the signals in <paramref name="observed"/>.</summary>
    public ZxStatus TryWait(ZxSignals signals, long deadline, out ZxSignals observed) => Sys.ObjectWaitOne(Raw, signals, deadline, out observed);

    /// <summary>Waits without blocking a thread until any of <paramref name="signals"/> is asserted: one kernel port and
    /// one host thread serve every such wait of a kernel. Ends with <see cref="ZxException"/> (CANCELED) when this
    /// object closes the handle first, and with <see cref="OperationCanceledException"/> when
    /// <paramref name="cancellationToken"/> is canceled.</summary>
    public async Task<ZxSignals> WaitAsync(ZxSignals signals, CancellationToken cancellationToken = default)
    {
        Kernel.Concurrency.AsyncWaitResult result = await Process.Kernel.AsyncWaits.WaitAsync(Process, Raw, signals, cancellationToken).ConfigureAwait(false);
        ZxException.ThrowIfFailed(result.Status, "zx_object_wait_async");
        return result.Observed;
    }

    /// <summary><c>zx_object_signal</c>: clears then sets user signals on the object.</summary>
    public void Signal(ZxSignals clear, ZxSignals set) => ZxException.ThrowIfFailed(TrySignal(clear, set), "zx_object_signal");

    /// <summary><c>zx_object_signal</c> without exceptions.</summary>
    public ZxStatus TrySignal(ZxSignals clear, ZxSignals set) => Sys.ObjectSignal(Raw, (uint)clear, (uint)set);

    /// <summary>Gives up ownership and returns the raw value; the caller must close it.</summary>
    /// <exception cref="InvalidOperationException">The object is a borrowed view: it has no ownership to give.</exception>
    public ZxHandle Release()
    {
        if (!IsOwner)
            throw new InvalidOperationException("a borrowed handle cannot be released: its owner closes it");
        ZxHandle raw = Raw;
        Raw = ZxHandle.Invalid;
        return raw;
    }

    /// <summary>Takes the raw value away from this object so a consuming syscall can use it.</summary>
    protected ZxHandle Consume() => Release();

    /// <summary>Closes the handle (<c>zx_handle_close</c>).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Closes the handle when disposing.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing && IsOwner && Raw.IsValid)
        {
            if (Process.Kernel.AsyncWaitsStarted)
                Process.Kernel.AsyncWaits.CancelWaitsThrough(Process, Raw); // their waits end with CANCELED
            _ = Sys.HandleClose(Release());
        }
    }

    /// <summary>Throws for a failed creation, else returns the new raw handle.</summary>
    protected static ZxHandle Created(ZxStatus status, ZxHandle raw, string syscall)
    {
        ZxException.ThrowIfFailed(status, syscall);
        return raw;
    }

    /// <summary><c>zx_handle_duplicate</c> into a handle of the same kind.</summary>
    protected ZxHandle DuplicateRaw(ZxRights rights)
    {
        ZxException.ThrowIfFailed(Sys.HandleDuplicate(Raw, rights, out ZxHandle duplicate), "zx_handle_duplicate");
        return duplicate;
    }

    /// <summary><c>zx_handle_replace</c>: consumes this handle even when it fails.</summary>
    protected ZxHandle ReplaceRaw(ZxRights rights)
    {
        ZxException.ThrowIfFailed(Sys.HandleReplace(Consume(), rights, out ZxHandle replacement), "zx_handle_replace");
        return replacement;
    }
}

/// <summary>A borrowed handle (lib/zx's <c>zx::unowned</c>): it never closes what it names.</summary>
/// <typeparam name="T">The handle type.</typeparam>
/// <param name="Value">The handle being borrowed: a view that does not own it for the kernel's own handles (such as
/// <see cref="Resource.Root"/>), so a <c>using</c> around it closes nothing.</param>
public readonly record struct Unowned<T>(T Value) where T : Handle
{
    /// <summary>The raw value of the borrowed handle.</summary>
    public ZxHandle Raw => Value.Raw;
}
