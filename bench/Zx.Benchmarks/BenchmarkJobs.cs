using BenchmarkDotNet.Jobs;
using Perfolizer.Horology;

namespace Zx.Benchmarks;

/// <summary>BenchmarkDotNet's job in each mode of the suite.</summary>
public static class BenchmarkJobs
{
    /// <summary>Full mode: fixed counts with short iterations, so that three runs fit in half an hour on two cores; the
    /// medians of three runs then steady a row better than one long run does. It does not time the empty loop to
    /// subtract it (about a nanosecond per call here): that stage ran 23 iterations of a case's 36, more than half of a
    /// run (decision 117).</summary>
    public static readonly Job Full = Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10)
        .WithIterationTime(TimeInterval.FromMilliseconds(150)).WithEvaluateOverhead(false);

    /// <summary>Quick mode: five iterations of 60 ms after five of warm-up, one run. With two warm-up iterations the
    /// JIT's tiered compilation sometimes put in a method's final code only during the measured iterations: channel
    /// write + read read 502 ns in one quick run (82 ns once compiled).</summary>
    public static readonly Job Quick = Job.ShortRun.WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(5)
        .WithIterationTime(TimeInterval.FromMilliseconds(60)).WithEvaluateOverhead(false);

    /// <summary>Long mode: BenchmarkDotNet's default job with its own stopping rule (about 40 minutes a run here).</summary>
    public static readonly Job Long = Job.Default;

    /// <summary>How many fresh processes measure the interleaved ratios in a run of <paramref name="mode"/>, each row
    /// taken from its median process (decision 116): five, one in quick mode.</summary>
    public static int InterleavedProcesses(string mode) => mode == "quick" ? 1 : 5;

    /// <summary>How many rounds each of those processes runs: nine, seven in quick mode.</summary>
    public static int InterleavedRounds(string mode) => mode == "quick" ? 7 : 9;

    /// <summary>The job of <paramref name="mode"/> ("quick", "full" or "long").</summary>
    public static Job For(string mode) => mode switch
    {
        "quick" => Quick,
        "long" => Long,
        _ => Full,
    };
}
