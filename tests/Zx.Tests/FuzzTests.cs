using System.Text.RegularExpressions;

namespace Zx.Tests;

/// <summary>The C ABI under libFuzzer: tests/fuzz/fuzz_syscalls.c decodes bytes into syscall sequences with
/// arbitrary integers, handle values and lengths and runs them through libzircon.so. The test command runs it for
/// a bounded time from the seed corpus (tests/fuzz/corpus) and replays every saved crash (tests/fuzz/regressions);
/// any crash fails the test and leaves its input in artifacts/fuzz.</summary>
public sealed partial class FuzzTests
{
    private static readonly int Seconds = int.TryParse(Environment.GetEnvironmentVariable("ZX_FUZZ_SECONDS"), out int s) ? s : 20;

    private static string BuildHarness()
    {
        string lib = NativeBuild.LibraryDirectory;
        string outDir = Path.Combine(NativeBuild.RepoRoot, "artifacts", "fuzz");
        Directory.CreateDirectory(outDir);
        string exe = Path.Combine(outDir, "fuzz_syscalls");
        (int code, string text) = NativeBuild.Run(Prerequisites.ClangWithLibFuzzer(), ["-g", "-O1", "-fsanitize=fuzzer", "-Wall", "-Werror", "-I", Path.Combine(NativeBuild.RepoRoot, "include"),
            Path.Combine(NativeBuild.RepoRoot, "tests", "fuzz", "fuzz_syscalls.c"), "-L", lib, "-Wl,-rpath," + lib, "-lzircon", "-o", exe],
            NativeBuild.RepoRoot, TimeSpan.FromMinutes(2));
        Assert.True(code == 0, "building the fuzz harness failed:\n" + text);
        return exe;
    }

    [SkippableFact]
    public void ABoundedFuzzRunFindsNoCrashAndSavedCrashesStayFixed()
    {
        string exe = BuildHarness();
        string artifacts = Path.Combine(NativeBuild.RepoRoot, "artifacts", "fuzz");
        string corpus = Path.Combine(artifacts, "corpus");
        Directory.CreateDirectory(corpus);
        string seeds = Path.Combine(NativeBuild.RepoRoot, "tests", "fuzz", "corpus");
        foreach (string seed in Directory.GetFiles(seeds))
            File.Copy(seed, Path.Combine(corpus, Path.GetFileName(seed)), overwrite: true);

        // Every saved crash (and every seed) replays without crashing.
        string regressions = Path.Combine(NativeBuild.RepoRoot, "tests", "fuzz", "regressions");
        string[] replays = [.. Directory.GetFiles(seeds), .. Directory.Exists(regressions) ? Directory.GetFiles(regressions) : []];
        // Any ZX_ERR_INTERNAL (an exception inside the kernel) crashes the run, so the fuzzer reports it.
        var abortOnInternal = new Dictionary<string, string> { ["ZX_ABORT_ON_INTERNAL"] = "1" };
        (int replayCode, string replayText) = NativeBuild.Run(exe, replays, artifacts, TimeSpan.FromMinutes(2), abortOnInternal);
        Assert.True(replayCode == 0, "a saved input crashes:\n" + Tail(replayText));

        (int code, string text) = NativeBuild.Run(exe, [$"-max_total_time={Seconds}", "-seed=1", "-print_final_stats=1", $"-artifact_prefix={artifacts}/", corpus],
            artifacts, TimeSpan.FromSeconds(Seconds + 120), abortOnInternal);
        Assert.True(code == 0, "the fuzzer found a crash (its input is in artifacts/fuzz; add it to tests/fuzz/regressions once fixed):\n" + Tail(text));
        Match runs = Executed().Match(text);
        Assert.True(runs.Success, Tail(text));
        long executions = long.Parse(runs.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(executions > 1000, $"only {executions} executions");
        File.WriteAllText(Path.Combine(NativeBuild.ResultsDirectory, "fuzz.txt"),
            $"{executions} executions in {Seconds} s, {replays.Length} saved inputs replayed, no crash\n");
    }

    private static string Tail(string text) => text.Length > 4000 ? text[^4000..] : text;

    [GeneratedRegex(@"stat::number_of_executed_units:\s+(\d+)")]
    private static partial Regex Executed();

    [Fact]
    public void AMissingPrerequisiteIsASkipWithItsInstallCommandExceptUnderCi()
    {
        SkipException skip = Assert.Throws<SkipException>(() =>
            Prerequisites.Require(false, "libFuzzer", "sudo apt-get install -y libclang-rt-14-dev", underCi: false));
        Assert.Equal("libFuzzer is not installed: sudo apt-get install -y libclang-rt-14-dev", skip.Message);
        var failure = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() =>
            Prerequisites.Require(false, "libFuzzer", "sudo apt-get install -y libclang-rt-14-dev", underCi: true));
        Assert.StartsWith("libFuzzer is not installed: sudo apt-get install -y libclang-rt-14-dev", failure.Message, StringComparison.Ordinal);
        Prerequisites.Require(true, "anything", "nothing", underCi: true); // present: nothing happens
    }
}
