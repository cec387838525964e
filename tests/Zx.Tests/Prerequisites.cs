namespace Zx.Tests;

/// <summary>System programs and libraries some tests need beyond the .NET SDK. A test whose prerequisite is missing
/// is reported skipped, with the exact command that installs it; under CI (<c>CI</c> set, as <c>.ci/run</c> sets it)
/// a missing prerequisite is a failure, because CI installs them all.</summary>
internal static class Prerequisites
{
    /// <summary>clang with libFuzzer's runtime (the fuzz test); the compiler's name.</summary>
    public static string ClangWithLibFuzzer()
    {
        string? clang = new[] { "clang-14", "clang" }.FirstOrDefault(OnPath);
        bool runtime = Directory.Exists("/usr/lib/llvm-14/lib/clang")
            && Directory.EnumerateFiles("/usr/lib/llvm-14/lib/clang", "libclang_rt.fuzzer-x86_64.a", SearchOption.AllDirectories).Any();
        Require(clang is not null && (runtime || clang == "clang"), "clang with libFuzzer", "sudo apt-get install -y clang-14 libclang-rt-14-dev");
        return clang!;
    }

    /// <summary>CMake and pkg-config (the consumer tests of the C package).</summary>
    public static void CMakeAndPkgConfig()
    {
        string[] missing = [.. new[] { "cmake", "pkg-config" }.Where(p => !OnPath(p))];
        Require(missing.Length == 0, string.Join(" and ", missing), $"sudo apt-get install -y {string.Join(' ', missing)}");
    }

    /// <summary>make, CMake and pkg-config (the consumer test of an installed tree).</summary>
    public static void MakeCMakeAndPkgConfig()
    {
        CMakeAndPkgConfig();
        Require(OnPath("make"), "make", "sudo apt-get install -y make");
    }

    /// <summary>libedit (the shell's line editor) and python3 (which drives the shell on a pseudo-terminal).</summary>
    public static void LibeditAndPython()
    {
        bool libedit = System.Runtime.InteropServices.NativeLibrary.TryLoad("libedit.so.2", out nint handle);
        if (libedit)
            System.Runtime.InteropServices.NativeLibrary.Free(handle);
        Require(libedit, "libedit", "sudo apt-get install -y libedit2");
        Require(OnPath("python3"), "python3", "sudo apt-get install -y python3");
    }

    /// <summary>Skips (or, under CI, fails) the running test when <paramref name="present"/> is false.</summary>
    public static void Require(bool present, string what, string install) =>
        Require(present, what, install, underCi: !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")));

    /// <summary><see cref="Require(bool, string, string)"/> with the CI setting given.</summary>
    public static void Require(bool present, string what, string install, bool underCi)
    {
        if (present)
            return;
        string reason = $"{what} is not installed: {install}";
        if (underCi)
            Assert.Fail(reason + " (CI installs every prerequisite; .ci/run could not)");
        Skip.If(true, reason);
    }

    /// <summary>True when an executable named <paramref name="name"/> is on PATH.</summary>
    public static bool OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, name)));
}
