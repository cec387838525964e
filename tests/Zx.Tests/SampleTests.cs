namespace Zx.Tests;

/// <summary>The C# sample the README names (<c>dotnet run --project samples/PhysicalVmo</c>) builds from the
/// repository and does the main job on the default board.</summary>
public sealed class SampleTests
{
    [Fact]
    public void TheCSharpSampleCreatesAPhysicalVmoOverTheUartOnTheDefaultBoard()
    {
        // Built into a folder of its own, so that it rewrites nothing the running tests load.
        string artifacts = Path.Combine(Path.GetTempPath(), "zx-sample-" + Guid.NewGuid().ToString("N"));
        (int code, string output) = NativeBuild.Run("dotnet", ["run", "--project", "samples/PhysicalVmo", "-c", "Release", $"--property:ArtifactsPath={artifacts}"],
            NativeBuild.RepoRoot, TimeSpan.FromMinutes(5));
        if (Directory.Exists(artifacts))
            Directory.Delete(artifacts, recursive: true);
        Assert.True(code == 0, output);
        Assert.Contains("found an MMIO window at 0x", output, StringComparison.Ordinal);
        Assert.Contains("zx_vmo_create_physical(mmio, 0x9000000, 0x1000) = ZX_OK", output, StringComparison.Ordinal);
        Assert.Contains("(outside the resource) = ZX_ERR_ACCESS_DENIED", output, StringComparison.Ordinal);
        Assert.Contains("live objects at end: 4, handles in 4", output, StringComparison.Ordinal);
    }
}
