using System.Diagnostics;

namespace Zx.Tests;

/// <summary>Builds libzircon.so once per test run (the README's documented publish command) and compiles C
/// programs against it with gcc.</summary>
internal static class NativeBuild
{
    private static readonly Lazy<string> Library = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string RepoRoot { get; } = FindRoot();

    /// <summary>The one version of every artifact (<c>ZxVersion</c> in Directory.Build.props).</summary>
    public static string ZxVersion { get; } = System.Text.RegularExpressions.Regex.Match(
        File.ReadAllText(Path.Combine(FindRoot(), "Directory.Build.props")), "<ZxVersion>([^<]+)</ZxVersion>").Groups[1].Value;

    /// <summary>The directory holding the freshly published libzircon.so.</summary>
    public static string LibraryDirectory => Library.Value;

    public static string ResultsDirectory
    {
        get
        {
            string dir = Path.Combine(RepoRoot, "artifacts", "test-results");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    /// <summary>Compiles C sources from tests/c into an executable linked with -lzircon; returns its path.</summary>
    public static string CompileC(string output, params string[] sources)
    {
        string lib = LibraryDirectory;
        string exe = Path.Combine(RepoRoot, "artifacts", "c", output);
        Directory.CreateDirectory(Path.GetDirectoryName(exe)!);
        var args = new List<string> { "-std=gnu11", "-O1", "-Wall", "-Wextra", "-Werror", "-I", Path.Combine(RepoRoot, "include"), "-o", exe };
        args.AddRange(sources.Select(s => Path.Combine(RepoRoot, "tests", "c", s)));
        args.AddRange(["-L", lib, "-lzircon", "-lpthread", "-Wl,-rpath," + lib]);
        (int code, string text) = Run("gcc", args, RepoRoot, TimeSpan.FromMinutes(2));
        Assert.True(code == 0, "gcc failed:\n" + text);
        return exe;
    }

    public static (int ExitCode, string Output) Run(string file, IEnumerable<string> args, string workingDirectory, TimeSpan timeout,
        IDictionary<string, string>? environment = null)
    {
        (int code, string stdout, string stderr) = RunCaptured(file, args, workingDirectory, timeout, environment);
        return (code, stdout + stderr);
    }

    /// <summary>Runs a program and returns its exit code, standard output and standard error apart.</summary>
    public static (int ExitCode, string Stdout, string Stderr) RunCaptured(string file, IEnumerable<string> args, string workingDirectory,
        TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
            start.ArgumentList.Add(a);
        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        using var process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, stdout.Result, $"{file} timed out after {timeout}\n{stderr.Result}");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string Publish()
    {
        string output = Path.Combine(RepoRoot, "artifacts", "native");
        (int code, string text) = Run("dotnet", ["publish", "src/Zx.Native", "-c", "Release", "-o", output, "-nodeReuse:false"],
            RepoRoot, TimeSpan.FromMinutes(10));
        Assert.True(code == 0, "publishing libzircon.so failed:\n" + text);
        Assert.True(File.Exists(Path.Combine(output, "libzircon.so")));
        return output;
    }

    private static string FindRoot()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "Zx.slnx")))
                return dir;
        }
        throw new InvalidOperationException("cannot find the repository root (Zx.slnx)");
    }
}
