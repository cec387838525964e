using System.Collections.Immutable;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Zx.Kernel.Syscalls;
using Zx.Syscalls.Generator;

namespace Zx.Tests;

/// <summary>The one declaration per syscall (syscalls/zircon.syscalls) and everything made from it: the checked-in C
/// files match a fresh rendering, and the declaration, the header, libzircon.so's symbol table, the tracer's table and
/// ZxSyscalls all name the same syscalls with the same parameters.</summary>
public sealed partial class SyscallDeclarationTests
{
    private static readonly Lazy<SyscallDeclarations> Declared = new(() =>
        SyscallDeclarations.Parse(File.ReadAllText(Path.Combine(NativeBuild.RepoRoot, "syscalls", SyscallDeclarations.FileName))));

    [Fact]
    public void TheDeclarationParsesWithoutErrors()
    {
        Assert.Empty(Declared.Value.Errors);
        Assert.True(Declared.Value.Syscalls.Count >= 60, "the declaration lists every export");
    }

    /// <summary>The header, the C stubs and the export list are generated files checked in: each must equal a fresh
    /// rendering. <c>ZX_UPDATE_GENERATED=1</c> rewrites them instead (docs/syscalls.md).</summary>
    [Fact]
    public void GeneratedCFilesMatchTheDeclaration()
    {
        bool update = Environment.GetEnvironmentVariable("ZX_UPDATE_GENERATED") == "1";
        var stale = new List<string>();
        foreach ((string path, Func<SyscallDeclarations, string> render) in CSurfaces.Files)
        {
            string full = Path.Combine(NativeBuild.RepoRoot, path);
            string fresh = render(Declared.Value);
            if (update)
                File.WriteAllText(full, fresh);
            else if (!File.Exists(full) || File.ReadAllText(full) != fresh)
                stale.Add(path);
        }
        Assert.True(stale.Count == 0,
            $"{string.Join(", ", stale)} differ from syscalls/zircon.syscalls; regenerate with: " +
            "ZX_UPDATE_GENERATED=1 dotnet test tests/Zx.Tests -c Release --filter GeneratedCFilesMatchTheDeclaration");
    }

    [Fact]
    public void LibzirconExportsExactlyTheDeclaredSyscalls()
    {
        string library = Path.Combine(NativeBuild.LibraryDirectory, "libzircon.so");
        (int code, string output) = NativeBuild.Run("nm", ["-D", "--defined-only", library], NativeBuild.RepoRoot, TimeSpan.FromMinutes(1));
        Assert.True(code == 0, output);
        HashSet<string> exported = [.. output.Split('\n')
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.Length == 3 && w[1] is "T" or "t" or "W")
            .Select(w => w[2].Split('@')[0])
            .Where(n => !n.StartsWith("zxshim_", StringComparison.Ordinal))];
        // The register expectations' test API (include/zx/mmio-expect.h) sits beside the syscalls, by name.
        string[] testApi = ["zxmock_mmio_begin", "zxmock_mmio_expect_write", "zxmock_mmio_expect_read", "zxmock_mmio_verify", "zxmock_mmio_end"];
        Assert.All(testApi, n => Assert.Contains(n, exported));
        exported.ExceptWith(testApi);
        HashSet<string> declared = [.. Declared.Value.Syscalls.Select(s => s.CName)];
        Assert.Empty(declared.Except(exported).Select(n => "declared but not exported: " + n));
        Assert.Empty(exported.Except(declared).Select(n => "exported but not declared: " + n));
    }

    [Fact]
    public void TheHeadersDeclareEachSyscallOnceAndNothingElse()
    {
        string include = Path.Combine(NativeBuild.RepoRoot, "include");
        Assert.Contains("#include <zircon/syscalls/definitions.h>", File.ReadAllText(Path.Combine(include, "zircon", "syscalls.h")), StringComparison.Ordinal);
        var prototypes = new Dictionary<string, List<string>>();
        foreach (string header in Directory.EnumerateFiles(include, "*.h", SearchOption.AllDirectories))
        {
            string text = Regex.Replace(File.ReadAllText(header), @"//[^\n]*|#[^\n]*", "");
            foreach (Match m in Prototype().Matches(text))
                prototypes.TryAdd(m.Groups["name"].Value, []);
            foreach (Match m in Prototype().Matches(text))
                prototypes[m.Groups["name"].Value].Add(Regex.Replace(m.Groups["params"].Value, @"\s+", " ").Trim());
        }
        foreach (SyscallDecl s in Declared.Value.Syscalls)
        {
            Assert.True(prototypes.TryGetValue(s.CName, out List<string>? found), $"{s.CName} has no prototype in include/");
            Assert.True(found.Count == 1, $"{s.CName} has {found.Count} prototypes in include/");
            string expected = s.Params.Count == 0 ? "void" : string.Join(", ", s.Params.Select(p => p.CType + " " + p.Name));
            Assert.Equal(expected, found[0]);
        }
        HashSet<string> names = [.. Declared.Value.Syscalls.Select(s => s.CName)];
        Assert.Empty(prototypes.Keys.Where(n => n.StartsWith("zx_", StringComparison.Ordinal) && !names.Contains(n))
            .Select(n => "a prototype for an undeclared function: " + n));
    }

    [GeneratedRegex(@"\b(?:zx_status_t|zx_handle_t|zx_time_t|uint64_t|uint32_t|void|const char\s*\*)\s+(?<name>\w+)\s*\((?<params>[^()]*)\)\s*;")]
    private static partial Regex Prototype();

    [Fact]
    public void TheTracerTableIsTheDeclarationOfEveryTracedSyscall()
    {
        SyscallDecl[] traced = [.. Declared.Value.Traced];
        Assert.Equal(traced.Select(s => s.Name), ZxSyscallTable.All.Select(s => s.Name));
        foreach (SyscallDecl s in traced)
        {
            ZxSyscallInfo info = ZxSyscallTable.Find(s.CName)!;
            Assert.Equal(s.TraceId, info.Id);
            Assert.Equal(s.Params.Select(p => p.Name), info.Params.Select(p => p.Name));
            Assert.Equal(s.Params.Select(p => p.Kind.ToString()), info.Params.Select(p => p.Kind.ToString()));
            Assert.Equal(s.Blocking, info.IsBlocking);
        }
        // Every syscall that returns a status and enters the kernel is traced.
        Assert.All(Declared.Value.Syscalls.Where(s => s.ReturnType == "zx_status_t" && !s.Handwritten && !s.Native),
            s => Assert.NotNull(ZxSyscallTable.Find(s.Name)));
    }

    [Fact]
    public void ZxSyscallsImplementsExactlyTheDeclaredSyscalls()
    {
        MethodInfo[] methods = typeof(ZxSyscalls).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName).ToArray();
        foreach (SyscallDecl s in Declared.Value.Syscalls.Where(s => s.NeedsKernelMethod))
        {
            Assert.True(methods.Any(m => m.Name == s.PascalName && m.GetParameters().Length == s.Params.Count
                    && m.GetParameters().Select((p, i) => p.ParameterType.IsPointer == s.Params[i].IsPointer).All(x => x)),
                $"ZxSyscalls has no pointer form {s.PascalName} for {s.CName}");
        }
        HashSet<string> names = [.. Declared.Value.Syscalls.Select(s => s.PascalName)];
        Assert.Empty(methods.Where(m => !names.Contains(m.Name)).Select(m => "public but not declared: ZxSyscalls." + m.Name));
    }

    // ------------------------------------------------------------ the generator's own checks

    private const string FakeKernel = """
        namespace Zx.Kernel.Syscalls;
        public sealed unsafe partial class ZxSyscalls
        {
            public Zx.ZxStatus HandleClose(Zx.ZxHandle handle) => Zx.ZxStatus.Ok;
            public Zx.ZxStatus EventCreate(uint options, Zx.ZxHandle* @out) => Zx.ZxStatus.Ok;
            public Zx.ZxStatus VmoGetSize(Zx.ZxHandle handle, ulong size) => Zx.ZxStatus.Ok;
            public Zx.ZxStatus Frobnicate(uint x) => Zx.ZxStatus.Ok;
        }
        """;

    private const string FakeDeclaration = """
        syscall handle_close
            handle: zx_handle_t release
            returns zx_status_t

        syscall event_create
            options: uint32_t
            out: zx_handle_t* out
            returns zx_status_t

        syscall vmo_get_size
            handle: zx_handle_t
            size: uint64_t* out
            returns zx_status_t

        syscall port_create
            options: uint32_t
            out: zx_handle_t* out
            returns zx_status_t
        """;

    private static (ImmutableArray<Diagnostic> Diagnostics, Compilation Output) RunGenerator(string source, string declaration)
    {
        string[] references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        CSharpCompilation compilation = CSharpCompilation.Create("Zx.Kernel",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            [.. references.Select(r => MetadataReference.CreateFromFile(r)), MetadataReference.CreateFromFile(typeof(ZxStatus).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new SyscallGenerator().AsSourceGenerator()],
            [new InMemoryText("/repo/syscalls/zircon.syscalls", declaration)], new CSharpParseOptions(LanguageVersion.Latest));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return (diagnostics, output);
    }

    [Fact]
    public void ASyscallDeclaredButNotImplementedFailsTheBuildNamingIt()
    {
        (ImmutableArray<Diagnostic> diagnostics, _) = RunGenerator(FakeKernel, FakeDeclaration);
        Diagnostic missing = Assert.Single(diagnostics, d => d.Id == "ZXSC001");
        Assert.Equal(DiagnosticSeverity.Error, missing.Severity);
        Assert.Contains("syscall 'port_create'", missing.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("no method PortCreate", missing.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void ASyscallImplementedButNotDeclaredFailsTheBuildNamingIt()
    {
        (ImmutableArray<Diagnostic> diagnostics, _) = RunGenerator(FakeKernel, FakeDeclaration);
        Diagnostic extra = Assert.Single(diagnostics, d => d.Id == "ZXSC002");
        Assert.Equal(DiagnosticSeverity.Error, extra.Severity);
        Assert.Contains("ZxSyscalls.Frobnicate", extra.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'frobnicate'", extra.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void AMethodWhoseParametersDisagreeWithItsDeclarationFailsTheBuild()
    {
        (ImmutableArray<Diagnostic> diagnostics, _) = RunGenerator(FakeKernel, FakeDeclaration);
        Diagnostic mismatch = Assert.Single(diagnostics, d => d.Id == "ZXSC003");
        Assert.Contains("ZxSyscalls.VmoGetSize: parameter 2 ('size') is not a pointer but syscalls/zircon.syscalls declares 'uint64_t* size'",
            mismatch.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheGeneratorWritesTheManagedOutForm()
    {
        (ImmutableArray<Diagnostic> _, Compilation output) = RunGenerator(FakeKernel, FakeDeclaration);
        string generated = output.SyntaxTrees.Select(t => t.ToString()).Single(t => t.Contains("managed form", StringComparison.Ordinal));
        Assert.Contains("public global::Zx.ZxStatus EventCreate(uint options, out global::Zx.ZxHandle @out)", generated, StringComparison.Ordinal);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("CS", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("syscall a_b\n    x: uint33_t\n    returns zx_status_t\n", "line 2: a_b.x: unknown C type 'uint33_t'")]
    [InlineData("syscall a_b fast\n    returns zx_status_t\n", "line 1: a_b: unknown flag 'fast'")]
    [InlineData("syscall a_b\n    p: void* count=n\n    returns zx_status_t\n", "line 1: a_b.p: count=n names no scalar parameter")]
    [InlineData("syscall a_b\n    h: uint32_t rights=READ\n    returns zx_status_t\n", "line 1: a_b.h: rights and release are for handles")]
    [InlineData("syscall a_b\n    returns zx_status_t\nsyscall a_b\n    returns zx_status_t\n", "line 3: zx_a_b is declared twice")]
    [InlineData("syscall a_b\n    h: zx_handle_t\n", "line 1: a_b: no 'returns' line")]
    public void DeclarationMistakesAreReportedWithTheirLine(string text, string error) =>
        Assert.Contains(error, SyscallDeclarations.Parse(text).Errors);

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
