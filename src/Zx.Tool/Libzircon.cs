using System.Diagnostics;
using System.Runtime.InteropServices;
using Spectre.Console;

namespace Zx.Tool;

/// <summary>A problem the user can fix (a missing file, a missing compiler); shown as one message, never as a
/// stack trace.</summary>
internal sealed class ToolException(string message, int exitCode = ExitCodes.Environment) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>The tool's exit codes (<c>exec</c> returns the program's own).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>A script failed: a line could not be run, or an <c>expect</c> did not hold.</summary>
    public const int ScriptFailed = 1;
    /// <summary>The command line was wrong.</summary>
    public const int Usage = 2;
    /// <summary>Something the tool needs is missing or broken (a file, gcc, the library's build).</summary>
    public const int Environment = 3;
    /// <summary>A bug in the tool itself (reported in one line, never as a stack trace).</summary>
    public const int Internal = 70;
    /// <summary>With <c>--fail-on-leak</c>: the run left handles open or objects unreachable (LeakSanitizer's code).</summary>
    public const int Leaked = 23;
}

/// <summary>Finds <c>libzircon.so</c> and the headers, building the library on first use when the tool runs from
/// the repository.</summary>
internal static class Libzircon
{
    /// <summary>The repository the tool runs from, or null when it was installed elsewhere.</summary>
    public static string? RepoRoot { get; } = FindRepoRoot();

    /// <summary>The path of <c>libzircon.so</c>, building it when needed (with a spinner on the console).</summary>
    public static string Locate(IAnsiConsole console)
    {
        string? explicitPath = System.Environment.GetEnvironmentVariable("ZX_LIBZIRCON");
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return File.Exists(explicitPath) ? WithSoname(Path.GetFullPath(explicitPath))
                : throw new ToolException($"ZX_LIBZIRCON names '{explicitPath}', which does not exist. Unset it or point it at a built libzircon.so.");
        }
        string packed = Path.Combine(AppContext.BaseDirectory, "native", "libzircon.so");
        if (File.Exists(packed))
            return WithSoname(packed);
        if (RepoRoot is null)
            throw new ToolException("cannot find libzircon.so: set ZX_LIBZIRCON to its path, or run zx from a clone of the Zx repository.");
        string built = Path.Combine(RepoRoot, "artifacts", "native", "libzircon.so");
        if (!File.Exists(built) || IsStale(built))
            Build(console);
        return built;
    }

    /// <summary>A path of <paramref name="library"/> in a folder that also has it as <c>libzircon.so.0</c>, its SONAME,
    /// which the programs linked against it load: beside it when that folder has (or can be given) the link, else in
    /// a folder of the cache holding links to it (a package cannot carry a symbolic link, and an installed tool's
    /// folder may be read-only).</summary>
    private static string WithSoname(string library)
    {
        string folder = Path.GetDirectoryName(library)!;
        if (TryLink(Path.Combine(folder, "libzircon.so.0"), library))
            return library;
        string key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(library)))[..16];
        string links = Path.Combine(Path.GetDirectoryName(CacheDirectory())!, "lib", key);
        Directory.CreateDirectory(links);
        string linked = Path.Combine(links, "libzircon.so");
        if (!TryLink(linked, library) || !TryLink(Path.Combine(links, "libzircon.so.0"), library))
            throw new ToolException($"cannot give {library} its SONAME link libzircon.so.0 (in {folder} or {links}): make one of them writable");
        return linked;
    }

    // True when |link| exists (a link or a file), or could be made as a symbolic link to |target|.
    private static bool TryLink(string link, string target)
    {
        if (File.Exists(link))
            return true;
        try
        {
            File.CreateSymbolicLink(link, target);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return File.Exists(link); // another zx made it first
        }
    }

    /// <summary>The directory holding <c>zircon/syscalls.h</c>.</summary>
    public static string IncludeDirectory()
    {
        string packed = Path.Combine(AppContext.BaseDirectory, "include");
        if (File.Exists(Path.Combine(packed, "zircon", "syscalls.h")))
            return packed;
        if (RepoRoot is not null)
            return Path.Combine(RepoRoot, "include");
        throw new ToolException("cannot find the Zircon headers (include/zircon/syscalls.h); run zx from a clone of the Zx repository.");
    }

    private static bool IsStale(string library)
    {
        DateTime built = File.GetLastWriteTimeUtc(library);
        foreach (string project in new[] { "Zx.Native", "Zx.Kernel", "Zx.Abi" })
        {
            string dir = Path.Combine(RepoRoot!, "src", project);
            if (!Directory.Exists(dir))
                continue;
            foreach (string file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
            {
                if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                    continue;
                if (File.GetLastWriteTimeUtc(file) > built)
                    return true;
            }
        }
        return false;
    }

    private static void Build(IAnsiConsole console)
    {
        string output = "";
        int code = 0;
        console.Status().Start("Building libzircon.so (NativeAOT; the first build restores the compiler and takes about a minute)...", _ =>
        {
            (code, output) = Run("dotnet", ["publish", "src/Zx.Native", "-c", "Release", "-o", "artifacts/native", "--nologo", "-v", "q"], RepoRoot!);
        });
        if (code != 0)
            throw new ToolException($"building libzircon.so failed (dotnet publish src/Zx.Native exited with {code}):\n{output}");
        console.MarkupLine("[grey]built artifacts/native/libzircon.so[/]");
    }

    /// <summary>Compiles a C program against the library into a cache directory; returns the executable.</summary>
    public static string CompileC(IAnsiConsole console, string source, string library)
    {
        string full = Path.GetFullPath(source);
        string libDir = Path.GetDirectoryName(library)!;
        string[] flags = ["-std=gnu11", "-O1", "-g", "-I", IncludeDirectory(), "-L", libDir, $"-Wl,-rpath,{libDir}", "-lzircon", "-lpthread"];
        string exe = CachedExecutable(full, flags, library);
        if (File.Exists(exe) && DependenciesOlderThan(exe))
            return exe;
        string output = "";
        int code = 0;
        string building = exe + $".{System.Environment.ProcessId}.tmp";
        console.Status().Start($"Compiling {Path.GetFileName(full)} against libzircon.so...", _ =>
        {
            (code, output) = Run("gcc", [full, "-o", building, "-MMD", "-MF", building + ".d", .. flags], Directory.GetCurrentDirectory());
        });
        if (code != 0)
        {
            File.Delete(building);
            File.Delete(building + ".d");
            throw new ToolException($"gcc could not compile {source}:\n{output.TrimEnd()}");
        }
        // Into place by rename, the dependency list first: a run that races with this one sees an old pair or a new one.
        File.Move(building + ".d", exe + ".d", overwrite: true);
        File.Move(building, exe, overwrite: true);
        return exe;
    }

    /// <summary>Where the compiled programs are kept: <c>$XDG_CACHE_HOME/zx/exec</c>, by default
    /// <c>~/.cache/zx/exec</c>.</summary>
    public static string CacheDirectory()
    {
        string? xdg = System.Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        string root = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg) ? xdg
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "zx", "exec");
    }

    // The program built from |source|: named by a hash of the source's full path and content, the compiler flags and
    // the library's identity, so two files of one name, an edited file or another build of the library never share a
    // binary. Headers the source includes are checked by their times (DependenciesOlderThan).
    private static string CachedExecutable(string source, string[] flags, string library)
    {
        string cache = CacheDirectory();
        try
        {
            Directory.CreateDirectory(cache);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ToolException($"cannot create the compile cache '{cache}': {e.Message}. Set XDG_CACHE_HOME to a writable folder.");
        }
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(source + "\0" + string.Join("\0", flags) + "\0"));
        hash.AppendData(File.ReadAllBytes(source));
        var lib = new FileInfo(library);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"\0{lib.FullName}\0{lib.Length}\0{lib.LastWriteTimeUtc.Ticks}"));
        string key = Convert.ToHexStringLower(hash.GetHashAndReset())[..24];
        // The program keeps its own name (backtraces and creation sites say "driver+0x1234"), in a folder per key.
        string folder = Path.Combine(cache, key);
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, Path.GetFileNameWithoutExtension(source));
    }

    // True when every file gcc read to build |exe| (its dependency list) is older than it.
    private static bool DependenciesOlderThan(string exe)
    {
        string list = exe + ".d";
        if (!File.Exists(list))
            return false;
        DateTime built = File.GetLastWriteTimeUtc(exe);
        // make's syntax: a backslash-newline continues the line, and a space inside a path is escaped.
        string text = File.ReadAllText(list).Replace("\\\n", " ", StringComparison.Ordinal).Replace("\\ ", "\u0001", StringComparison.Ordinal);
        int colon = text.IndexOf(": ", StringComparison.Ordinal);
        foreach (string escaped in text[(colon + 2)..].Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            string dependency = escaped.Replace('\u0001', ' ');
            if (!File.Exists(dependency) || File.GetLastWriteTimeUtc(dependency) >= built)
                return false;
        }
        return true;
    }

    /// <summary>Runs a command and returns its exit code and combined output; a missing command is a
    /// <see cref="ToolException"/>.</summary>
    public static (int Code, string Output) Run(string file, IEnumerable<string> args, string workingDirectory)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
            info.ArgumentList.Add(a);
        try
        {
            using Process p = Process.Start(info)!;
            Task<string> err = p.StandardError.ReadToEndAsync();
            string outText = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, outText + err.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ToolException($"cannot run {file}: {e.Message}. Install it (for gcc: apt-get install -y gcc).");
        }
    }

    private static string? FindRepoRoot()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (string? dir = start; dir is not null; dir = Path.GetDirectoryName(dir))
            {
                if (File.Exists(Path.Combine(dir, "Zx.slnx")) && Directory.Exists(Path.Combine(dir, "src", "Zx.Native")))
                    return dir;
            }
        }
        return null;
    }
}

/// <summary><c>libzircon.so</c> loaded into the tool, with its syscalls called by name.</summary>
// Safety: function pointers come from dlsym on the loaded library and are called with their C signatures.
internal sealed unsafe class LoadedLibrary
{
    private readonly nint _handle;

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv(string name, string value, int overwrite);

    private LoadedLibrary(nint handle) => _handle = handle;

    /// <summary>Sets the variables the library reads when its kernel starts, then loads it. The variables go
    /// into the process's C environment, where the library reads them (not only .NET's copy).</summary>
    public static LoadedLibrary Load(string path, IReadOnlyDictionary<string, string> environment)
    {
        foreach ((string name, string value) in environment)
        {
            System.Environment.SetEnvironmentVariable(name, value);
            _ = SetEnv(name, value, 1);
        }
        return new LoadedLibrary(NativeLibrary.Load(path));
    }

    /// <summary>The address of an export, or 0.</summary>
    public nint Export(string name) => NativeLibrary.TryGetExport(_handle, name, out nint address) ? address : 0;

    /// <summary>Calls an export that returns a handle and takes nothing (<c>zx_vmar_root_self</c>, ...).</summary>
    public uint CallHandleGetter(string name)
    {
        nint f = Export(name);
        return f == 0 ? 0 : ((delegate* unmanaged<uint>)f)();
    }

    /// <summary>Calls an export that returns a status, passing every argument as a 64-bit register value (the
    /// x86-64 calling convention reads the low half for 32-bit parameters).</summary>
    public static int CallStatus(nint f, ReadOnlySpan<nint> a) => a.Length switch
    {
        0 => ((delegate* unmanaged<int>)f)(),
        1 => ((delegate* unmanaged<nint, int>)f)(a[0]),
        2 => ((delegate* unmanaged<nint, nint, int>)f)(a[0], a[1]),
        3 => ((delegate* unmanaged<nint, nint, nint, int>)f)(a[0], a[1], a[2]),
        4 => ((delegate* unmanaged<nint, nint, nint, nint, int>)f)(a[0], a[1], a[2], a[3]),
        5 => ((delegate* unmanaged<nint, nint, nint, nint, nint, int>)f)(a[0], a[1], a[2], a[3], a[4]),
        6 => ((delegate* unmanaged<nint, nint, nint, nint, nint, nint, int>)f)(a[0], a[1], a[2], a[3], a[4], a[5]),
        7 => ((delegate* unmanaged<nint, nint, nint, nint, nint, nint, nint, int>)f)(a[0], a[1], a[2], a[3], a[4], a[5], a[6]),
        8 => ((delegate* unmanaged<nint, nint, nint, nint, nint, nint, nint, nint, int>)f)(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]),
        _ => throw new ArgumentOutOfRangeException(nameof(a), "at most 8 arguments"),
    };

    /// <summary>Calls <c>zx_deadline_after</c>.</summary>
    public long DeadlineAfter(long nanoseconds)
    {
        nint f = Export("zx_deadline_after");
        return f == 0 ? nanoseconds : ((delegate* unmanaged<long, long>)f)(nanoseconds);
    }

    /// <summary>Writes the library's trace and report now (it would at exit).</summary>
    public void Finish()
    {
        nint f = Export("zxshim_at_exit");
        if (f != 0)
            ((delegate* unmanaged<void>)f)();
    }
}
