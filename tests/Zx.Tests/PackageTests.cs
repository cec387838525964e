namespace Zx.Tests;

/// <summary>The packages as a user meets them: packed from this checkout (into a separate build tree, so the running
/// tests' own build is untouched), referenced by a new console project from a local feed, and the tool installed with
/// <c>dotnet tool install --tool-path</c>.</summary>
public sealed class PackageTests : IClassFixture<PackageTests.RemoveWorkFolder>
{
    /// <summary>Removes the packages, the build tree and the installed tool after the class's tests.</summary>
    public sealed class RemoveWorkFolder : IDisposable
    {
        /// <inheritdoc/>
        public void Dispose()
        {
            if (Directory.Exists(Work))
                Directory.Delete(Work, recursive: true);
        }
    }

    private static readonly TimeSpan Long = TimeSpan.FromMinutes(8);
    private static readonly Lazy<string> Feed = new(PackAll, LazyThreadSafetyMode.ExecutionAndPublication);

    // Outside the repository, so the consumer project inherits none of its build settings.
    private static string Work { get; } = Path.Combine(Path.GetTempPath(), $"zx-package-tests-{System.Environment.ProcessId}");

    // Environment for every dotnet command here: a private packages folder, so a repacked 0.1.0 is never taken from
    // the user's cache.
    private static Dictionary<string, string> Environment() => new()
    {
        ["NUGET_PACKAGES"] = Path.Combine(Work, "nuget-packages"),
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };

    private static string PackAll()
    {
        if (Directory.Exists(Work))
            Directory.Delete(Work, recursive: true);
        string feed = Path.Combine(Work, "feed");
        string artifacts = Path.Combine(Work, "build");
        string native = NativeBuild.LibraryDirectory + "/";
        foreach (string project in new[] { "src/Zx", "src/Zx.Tool" })
        {
            (int code, string output) = NativeBuild.Run("dotnet", ["pack", project, "-c", "Release", "-o", feed, $"-p:ArtifactsPath={artifacts}",
                $"-p:ZxNativeDir={native}", "-nodeReuse:false"], NativeBuild.RepoRoot, Long, Environment());
            Assert.True(code == 0, $"dotnet pack {project}:\n{output}");
        }
        return feed;
    }

    [Fact]
    public void EveryPackageCarriesItsLicenceReadmeIconAndOneVersion()
    {
        string feed = Feed.Value;
        string version = NativeBuild.ZxVersion;
        foreach (string id in new[] { "Zx", "Zx.Tool.linux-x64" })
        {
            using var package = System.IO.Compression.ZipFile.OpenRead(Path.Combine(feed, $"{id}.{version}.nupkg"));
            string[] entries = [.. package.Entries.Select(e => e.FullName)];
            Assert.Contains("LICENSE", entries);
            Assert.Contains("README.md", entries);
            Assert.Contains("icon.png", entries);
            using var reader = new StreamReader(package.GetEntry($"{id}.nuspec")!.Open());
            string nuspec = reader.ReadToEnd();
            Assert.Contains("<license type=\"expression\">MIT</license>", nuspec, StringComparison.Ordinal);
            Assert.Contains($"<version>{version}</version>", nuspec, StringComparison.Ordinal);
            Assert.Contains("<description>", nuspec, StringComparison.Ordinal);
            Assert.Contains("<repository type=\"git\"", nuspec, StringComparison.Ordinal); // with the commit it was built from
            Assert.True(File.Exists(Path.Combine(feed, $"{id}.{version}.snupkg")), $"{id}: a symbol package");
        }
        using var zx = System.IO.Compression.ZipFile.OpenRead(Path.Combine(feed, $"Zx.{version}.nupkg"));
        string[] files = [.. zx.Entries.Select(e => e.FullName)];
        Assert.Contains("lib/net10.0/Zx.Kernel.dll", files); // one package: the kernel comes with it
        Assert.Contains("lib/net10.0/Zx.Abi.dll", files);
        Assert.Contains("runtimes/linux-x64/native/libzxhost.so", files);
        using var tool = System.IO.Compression.ZipFile.OpenRead(Path.Combine(feed, $"Zx.Tool.linux-x64.{version}.nupkg"));
        Assert.Contains("tools/net10.0/linux-x64/native/libzircon.so", tool.Entries.Select(e => e.FullName));
    }

    [Fact]
    public void ANewConsoleProjectReferencingZxRunsTheReadmesTypedApiExample()
    {
        string feed = Feed.Value;
        string project = Path.Combine(Work, "consumer");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Zx" Version="{NativeBuild.ZxVersion}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="zx-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        // The program is the README's complete example of the typed API, so the README's code is kept working.
        string readme = File.ReadAllText(Path.Combine(NativeBuild.RepoRoot, "README.md"));
        int example = readme.IndexOf("A complete program: map a device", StringComparison.Ordinal);
        int start = readme.IndexOf("```csharp\n", example, StringComparison.Ordinal) + "```csharp\n".Length;
        File.WriteAllText(Path.Combine(project, "Program.cs"), readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)]);
        (int code, string output) = NativeBuild.Run("dotnet", ["run", "-c", "Release", "-nodeReuse:false"], project, Long, Environment());
        Assert.True(code == 0, output);
        Assert.Contains("UARTCR = 0x301", output, StringComparison.Ordinal);
        Assert.Contains("pong with 1 handle", output, StringComparison.Ordinal);
    }

    [Fact]
    public void TheToolInstalledFromItsPackageRunsZxBoard()
    {
        string feed = Feed.Value;
        string tools = Path.Combine(Work, "tools");
        (int code, string output) = NativeBuild.Run("dotnet", ["tool", "install", "Zx.Tool", "--tool-path", tools, "--add-source", feed,
            "--version", NativeBuild.ZxVersion], NativeBuild.RepoRoot, Long, Environment());
        Assert.True(code == 0, output);
        (code, output) = NativeBuild.Run(Path.Combine(tools, "zx"), ["board"], Work, TimeSpan.FromMinutes(2), Environment());
        Assert.True(code == 0, output);
        Assert.Contains("qemu-virt-arm64", output, StringComparison.Ordinal);
    }

    [Fact]
    public void PackingTheToolWithoutTheNativeLibraryFails()
    {
        string empty = Path.Combine(Work, "no-native") + "/";
        Directory.CreateDirectory(empty);
        _ = Feed.Value; // after the real packs, which share the build tree
        (int code, string output) = NativeBuild.Run("dotnet", ["pack", "src/Zx.Tool", "-c", "Release", "-o", Path.Combine(Work, "not-packed"),
            $"-p:ArtifactsPath={Path.Combine(Work, "build")}", $"-p:ZxNativeDir={empty}", "-nodeReuse:false"], NativeBuild.RepoRoot, Long, Environment());
        Assert.NotEqual(0, code);
        Assert.Contains("libzircon.so is not built", output, StringComparison.Ordinal);
    }
}
