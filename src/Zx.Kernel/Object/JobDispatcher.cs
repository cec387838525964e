namespace Zx.Kernel.Object;

/// <summary>A job (Zircon's <c>JobDispatcher</c>): the parent of processes. Policies are not emulated.</summary>
internal sealed class JobDispatcher(KernelContext kernel, JobDispatcher? parent) : Dispatcher(kernel, ZxSignals.None)
{
    /// <inheritdoc/>
    public override ZxObjectType Type => ZxObjectType.Job;

    /// <inheritdoc/>
    public override ulong RelatedKoid => parent?.Koid ?? 0;

    /// <summary>The parent job, or null for the root job.</summary>
    public JobDispatcher? Parent => parent;

    /// <summary>True when this job is <paramref name="ancestor"/> or lies somewhere below it.</summary>
    public bool IsWithin(JobDispatcher ancestor)
    {
        for (JobDispatcher? job = this; job is not null; job = job.Parent)
        {
            if (job == ancestor)
                return true;
        }
        return false;
    }
}
