using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Zx.Tests;

/// <summary>The C ABI: the C conformance suite (tests/c) against libzircon.so, and every header constant and
/// struct layout compared with the managed definitions.</summary>
public sealed class CAbiTests
{
    /// <summary>The C conformance suite's sources (tests/c), built into one program.</summary>
    private static readonly string[] CoreSuiteSources =
        ["zxtest.c", "resource_test.c", "vmo_physical_test.c", "vmar_test.c", "vmo_signal_test.c", "ipc_test.c", "process_test.c",
         "user_copy_test.c", "kill_test.c", "thread_identity_test.c", "handle_test.c", "object_info_test.c", "job_test.c", "port_test.c", "time_test.c", "vmo_clone_test.c"];

    [Fact]
    public void CConformanceSuitePasses()
    {
        string exe = NativeBuild.CompileC("zx-core-tests", CoreSuiteSources);
        (int code, string output) = NativeBuild.Run(exe, [], NativeBuild.RepoRoot, TimeSpan.FromMinutes(5));
        File.WriteAllText(Path.Combine(NativeBuild.ResultsDirectory, "c-suite.txt"), output);
        Assert.True(code == 0, output);
        Assert.Matches(@"(?m)^\d+ passed, 0 failed$", output);
    }

    [Fact]
    public void SampleDriverBuildsWithCMakeAndPkgConfigAndRuns()
    {
        string lib = NativeBuild.LibraryDirectory;
        string build = Path.Combine(NativeBuild.RepoRoot, "artifacts", "c", "uart-driver-build");
        var env = new Dictionary<string, string> { ["PKG_CONFIG_PATH"] = Path.Combine(lib, "pkgconfig") };
        (int code, string output) = NativeBuild.Run("cmake", ["-S", "samples/c-driver", "-B", build], NativeBuild.RepoRoot, TimeSpan.FromMinutes(2), env);
        Assert.True(code == 0, output);
        (code, output) = NativeBuild.Run("cmake", ["--build", build], NativeBuild.RepoRoot, TimeSpan.FromMinutes(2), env);
        Assert.True(code == 0, output);
        (code, output) = NativeBuild.Run(Path.Combine(build, "uart_driver"), [], NativeBuild.RepoRoot, TimeSpan.FromMinutes(1));
        Assert.True(code == 0, output);
        Assert.Contains("UARTCR reads back 0x00000301", output, StringComparison.Ordinal);
        Assert.Contains("alias at", output, StringComparison.Ordinal);
        Assert.Contains("PL011 again)", output, StringComparison.Ordinal);
        Assert.Contains("= ZX_ERR_NOT_FOUND", output, StringComparison.Ordinal);
    }

    /// <summary>Every public header, all included at once, compiles warning-free as C11 and as C++17 (Zircon code
    /// comes in both).</summary>
    [Theory]
    [InlineData("gcc", "c", "-std=c11")]
    [InlineData("g++", "c++", "-std=c++17")]
    public void EveryPublicHeaderCompilesAtOnceAsC11AndCpp17(string compiler, string language, string standard)
    {
        string include = Path.Combine(NativeBuild.RepoRoot, "include");
        string[] headers = [.. Directory.EnumerateFiles(include, "*.h", SearchOption.AllDirectories)
            .Select(h => Path.GetRelativePath(include, h).Replace('\\', '/')).Order(StringComparer.Ordinal)];
        Assert.Contains("zircon/syscalls.h", headers);
        string dir = Path.Combine(NativeBuild.RepoRoot, "artifacts", "c");
        Directory.CreateDirectory(dir);
        string source = Path.Combine(dir, $"all_headers_{language.Replace('+', 'p')}.src");
        File.WriteAllText(source, string.Concat(headers.Select(h => $"#include <{h}>\n")) + "int main(void) { return 0; }\n");
        (int code, string output) = NativeBuild.Run(compiler,
            ["-x", language, standard, "-Wall", "-Wextra", "-Werror", "-I", include,
             "-fsyntax-only", source], NativeBuild.RepoRoot, TimeSpan.FromMinutes(1));
        Assert.True(code == 0, $"{compiler} {standard}:\n{output}");
    }

    [Fact]
    public void BadBoardFileMakesEveryCallBadStateWithoutCrashing()
    {
        string exe = NativeBuild.CompileC("zx-core-tests", CoreSuiteSources);
        (int code, string output) = NativeBuild.Run(exe, ["crash_check"], NativeBuild.RepoRoot, TimeSpan.FromMinutes(1),
            new Dictionary<string, string> { ["ZX_BOARD"] = "/nonexistent/board.json" });
        Assert.Equal(1, code);
        Assert.Contains("libzircon: cannot start the kernel: /nonexistent/board.json: cannot read", output, StringComparison.Ordinal);
        Assert.Contains("got -20", output, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryHeaderConstantAndLayoutMatchesTheManagedDefinitions()
    {
        string exe = NativeBuild.CompileC("zx-abi-dump", "abi_dump.c");
        (int code, string output) = NativeBuild.Run(exe, [], NativeBuild.RepoRoot, TimeSpan.FromMinutes(1));
        Assert.Equal(0, code);
        Dictionary<string, long> expected = ManagedAbi();
        var problems = new List<string>();
        int compared = 0;
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int space = line.LastIndexOf(' ');
            string name = line[..space];
            long value = long.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
            if (!expected.TryGetValue(name, out long managed))
                problems.Add($"{name}: no managed counterpart");
            else if (managed != value)
                problems.Add($"{name}: C {value}, C# {managed}");
            compared++;
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.True(compared > 200, $"only {compared} values compared");
    }

    private static void AddEnum<T>(Dictionary<string, long> d, string prefix) where T : struct, Enum
    {
        foreach (string member in Enum.GetNames<T>())
            d[prefix + ZxNames.ToUpperSnake(member)] = Convert.ToInt64(Enum.Parse<T>(member), CultureInfo.InvariantCulture);
    }

    private static void AddStruct<T>(Dictionary<string, long> d, string cName) where T : struct
    {
        d[$"sizeof({cName})"] = Marshal.SizeOf<T>();
        foreach (System.Reflection.FieldInfo f in typeof(T).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
            d[$"offsetof({cName},{ZxNames.ToUpperSnake(f.Name).ToLowerInvariant()})"] = Marshal.OffsetOf<T>(f.Name);
    }

    private static void AddConstants(Dictionary<string, long> d, Type constants, string prefix)
    {
        foreach (System.Reflection.FieldInfo f in constants.GetFields())
            d[prefix + ZxNames.ToUpperSnake(f.Name)] = Convert.ToInt64(f.GetValue(null), CultureInfo.InvariantCulture);
    }

    private static Dictionary<string, long> ManagedAbi()
    {
        var d = new Dictionary<string, long>();
        // Every constant name the tracer and the zx tool use (statuses, rights, options, kinds, signals, topics,
        // properties, object types, clocks), so the header check also proves those names right.
        foreach (ZxNameSet set in Enum.GetValues<ZxNameSet>())
        {
            foreach ((string name, ulong value) in ZxNames.NamesOf(set))
                d[name] = (long)value;
        }
        d["ZX_DEFAULT_VMO_RIGHTS"] = (uint)ZxDefaultRights.Vmo;
        d["ZX_DEFAULT_RESOURCE_RIGHTS"] = (uint)ZxDefaultRights.Resource;
        d["ZX_DEFAULT_PROCESS_RIGHTS"] = (uint)ZxDefaultRights.Process;
        d["ZX_DEFAULT_JOB_RIGHTS"] = (uint)ZxDefaultRights.Job;
        d["ZX_DEFAULT_VMAR_RIGHTS"] = (uint)ZxDefaultRights.Vmar;
        d["ZX_DEFAULT_IOMMU_RIGHTS"] = (uint)ZxDefaultRights.Iommu;
        d["ZX_DEFAULT_BTI_RIGHTS"] = (uint)ZxDefaultRights.Bti;
        d["ZX_DEFAULT_PMT_RIGHTS"] = (uint)ZxDefaultRights.Pmt;
        d["ZX_IOMMU_MAX_DESC_LEN"] = ZxIommuConstants.MaxDescLength;
        d["sizeof(zx_iommu_desc_dummy_t)"] = ZxIommuConstants.DummyDescLength;
        d["ZX_RSRC_FLAGS_MASK"] = ZxResourceFlags.FlagsMask;
        d["ZX_RSRC_KIND_MASK"] = ZxResourceFlags.KindMask;
        AddEnum<ZxInfoVmoFlags>(d, "ZX_INFO_VMO_");
        d["ZX_OBJ_PROP_NONE"] = ZxConstants.ObjPropNone;
        d["ZX_OBJ_PROP_WAITABLE"] = ZxConstants.ObjPropWaitable;
        d["ZX_PAGE_SIZE"] = (long)ZxConstants.PageSize;
        d["ZX_PAGE_SHIFT"] = ZxConstants.PageShift;
        d["ZX_PAGE_MASK"] = (long)ZxConstants.PageMask;
        d["ZX_MAX_NAME_LEN"] = ZxConstants.MaxNameLength;
        d["ZX_KOID_INVALID"] = (long)ZxConstants.KoidInvalid;
        d["ZX_KOID_KERNEL"] = (long)ZxConstants.KoidKernel;
        d["ZX_KOID_FIRST"] = (long)ZxConstants.KoidFirst;
        d["ZX_TIME_INFINITE"] = ZxConstants.TimeInfinite;
        d["ZX_TIME_INFINITE_PAST"] = ZxConstants.TimeInfinitePast;
        d["ZX_HANDLE_INVALID"] = ZxHandle.Invalid.Value;
        AddStruct<ZxInfoHandleBasic>(d, "zx_info_handle_basic_t");
        AddStruct<ZxInfoResource>(d, "zx_info_resource_t");
        AddStruct<ZxInfoVmo>(d, "zx_info_vmo_t");
        AddStruct<ZxInfoProcessHandleStats>(d, "zx_info_process_handle_stats_t");
        AddStruct<ZxInfoVmar>(d, "zx_info_vmar_t");
        AddStruct<ZxPortPacket>(d, "zx_port_packet_t");
        d["offsetof(zx_port_packet_t,user)"] = Marshal.OffsetOf<ZxPortPacket>(nameof(ZxPortPacket.Payload));
        d["sizeof(zx_packet_signal_t)"] = 32;           // trigger, observed, count, two reserved words
        d["offsetof(zx_packet_signal_t,observed)"] = 4;
        d["offsetof(zx_packet_signal_t,count)"] = 8;
        foreach ((string name, uint value) in new[] { ("USER", ZxPacketTypes.User), ("SIGNAL_ONE", ZxPacketTypes.SignalOne),
                     ("SIGNAL_REP", ZxPacketTypes.SignalRepeating), ("GUEST_BELL", ZxPacketTypes.GuestBell), ("GUEST_MEM", ZxPacketTypes.GuestMem),
                     ("GUEST_IO", ZxPacketTypes.GuestIo), ("GUEST_VCPU", ZxPacketTypes.GuestVcpu), ("INTERRUPT", ZxPacketTypes.Interrupt) })
            d["ZX_PKT_TYPE_" + name] = value;
        d["ZX_DEFAULT_EVENT_RIGHTS"] = (uint)ZxDefaultRights.Event;
        d["ZX_DEFAULT_EVENT_PAIR_RIGHTS"] = (uint)ZxDefaultRights.EventPair;
        d["ZX_DEFAULT_PORT_RIGHTS"] = (uint)ZxDefaultRights.Port;
        d["ZX_DEFAULT_CHANNEL_RIGHTS"] = (uint)ZxDefaultRights.Channel;
        d["ZX_WAIT_MANY_MAX_ITEMS"] = ZxConstants.WaitManyMaxItems;
        d["ZX_CHANNEL_READ_MAY_DISCARD"] = Zx.Kernel.Syscalls.ZxSyscalls.ChannelReadMayDiscard;
        d["ZX_CHANNEL_MAX_MSG_BYTES"] = Zx.Kernel.Object.ChannelDispatcher.MaxMessageBytes;
        d["ZX_CHANNEL_MAX_MSG_HANDLES"] = Zx.Kernel.Object.ChannelDispatcher.MaxMessageHandles;
        AddStruct<ZxWaitItem>(d, "zx_wait_item_t");
        d["offsetof(zx_wait_item_t,waitfor)"] = Marshal.OffsetOf<ZxWaitItem>(nameof(ZxWaitItem.WaitFor));
        d["ZX_DEFAULT_THREAD_RIGHTS"] = (uint)ZxDefaultRights.Thread;
        d["ZX_TASK_RETCODE_SYSCALL_KILL"] = Zx.Kernel.Syscalls.ZxSyscalls.TaskRetcodeSyscallKill;
        AddStruct<ZxInfoProcess>(d, "zx_info_process_t");
        AddStruct<ZxHandleInfo>(d, "zx_handle_info_t");
        AddStruct<ZxChannelCallArgs>(d, "zx_channel_call_args_t");
        AddStruct<ZxInfoBti>(d, "zx_info_bti_t");
        AddStruct<ZxInfoHandleCount>(d, "zx_info_handle_count_t");
        AddStruct<ZxInfoThread>(d, "zx_info_thread_t");
        AddStruct<ZxInfoThreadStats>(d, "zx_info_thread_stats_t");
        AddStruct<ZxInfoTaskStats>(d, "zx_info_task_stats_t");
        AddConstants(d, typeof(ZxThreadState), "ZX_THREAD_STATE_");
        AddConstants(d, typeof(ZxProcessArgs), "PA_");
        d["ZX_PROCARGS_PROTOCOL"] = ZxProcessArgs.Protocol;
        d["ZX_PROCARGS_VERSION"] = ZxProcessArgs.Version;
        foreach (System.Reflection.FieldInfo f in typeof(ZxJobPolicy).GetFields())
        {
            string name = ZxNames.ToUpperSnake(f.Name);
            string prefix = f.Name is "Relative" or "Absolute" or "Basic" ? "ZX_JOB_POL_" : "ZX_POL_";
            d[prefix + name] = Convert.ToInt64(f.GetValue(null), CultureInfo.InvariantCulture);
        }
        return d;
    }
}
