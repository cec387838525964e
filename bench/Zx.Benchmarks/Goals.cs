namespace Zx.Benchmarks;

/// <summary>What a figure is held to, and Zircon's own figure for it. Stored with each run's figures, so a stored run is
/// judged by the target it was measured against.</summary>
/// <param name="MaxNanoseconds">At most this many nanoseconds per operation (0: no such target).</param>
/// <param name="MaxRatio">At most this ratio to the floor of the same run (0: no such target).</param>
/// <param name="MaxOverheadNanoseconds">At most this many nanoseconds more than the floor (0: no such target).</param>
/// <param name="Zircon">Real Zircon's published figure for the operation, when there is one.</param>
public sealed record Target(double MaxNanoseconds = 0, double MaxRatio = 0, double MaxOverheadNanoseconds = 0, string Zircon = "")
{
    /// <summary>Whether the target is judged against a floor (a ratio or an overhead).</summary>
    public bool NeedsFloor => MaxNanoseconds <= 0 && (MaxRatio > 0 || MaxOverheadNanoseconds > 0);

    /// <summary>The target as the report words it (empty when there is none).</summary>
    public string Describe() =>
        MaxNanoseconds > 0 ? $"at most {MaxNanoseconds:0} ns"
        : MaxRatio > 0 ? $"at most {MaxRatio:0.##}x the floor"
        : MaxOverheadNanoseconds > 0 ? $"at most {MaxOverheadNanoseconds:0} ns over the floor"
        : "";

    /// <summary>Whether <paramref name="nanoseconds"/> meets the target given the floor's figure (null: no target, or
    /// a target that needs a floor there was none of).</summary>
    public bool? Met(double nanoseconds, double? floor) =>
        MaxNanoseconds > 0 ? nanoseconds <= MaxNanoseconds
        : MaxRatio > 0 && floor is double f ? nanoseconds / f <= MaxRatio
        : MaxOverheadNanoseconds > 0 && floor is double g ? nanoseconds - g <= MaxOverheadNanoseconds
        : null;
}

/// <summary>A benchmark's <see cref="Target"/>, for the generated report.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class GoalAttribute : Attribute
{
    /// <summary>At most this many nanoseconds per operation (0: no such target).</summary>
    public double MaxNanoseconds { get; init; }

    /// <summary>At most this ratio to the floor of the same run (0: no such target).</summary>
    public double MaxRatio { get; init; }

    /// <summary>At most this many nanoseconds more than the floor (0: no such target).</summary>
    public double MaxOverheadNanoseconds { get; init; }

    /// <summary>Real Zircon's published figure for the operation, when there is one.</summary>
    public string Zircon { get; init; } = "";

    /// <summary>The ratio target is judged on the floor and Zx measured alternately (<see cref="Benchmarks.Interleaved"/>);
    /// the BenchmarkDotNet row is shown without it.</summary>
    public bool Interleaved { get; init; }

    /// <summary>The target this attribute states.</summary>
    public Target ToTarget() => new(MaxNanoseconds, MaxRatio, MaxOverheadNanoseconds, Zircon);
}

/// <summary>On a scale benchmark class whose baseline is host work that grows with the population by itself (the
/// host's own mmap beside as many host mappings): the scale row is judged on the interleaved figures (Zx and the
/// baseline alternating at each population, so both see the same host), its floor the few-live figure times the
/// baseline's own growth from the few-live to the many-live population (<see cref="BenchmarkRun.ScaleRowAgainstHostGrowth"/>),
/// so the row judges Zx's growth beyond the host's.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ScaleAgainstHostGrowthAttribute : Attribute;
