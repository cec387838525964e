using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Zx.Benchmarks;

namespace Zx.Tests;

/// <summary>The C ABI: the C conformance suite (tests/c) against libzircon.so, and every header constant and
/// struct layout compared with the managed definitions.</summary>
public sealed class CAbiTests
{
    /// <summary>The C conformance suite's sources (tests/c), built into one program.</summary>
    private static readonly string[] CoreSuiteSources =
        ["zxtest.c", "resource_test.c", "vmo_physical_test.c", "vmar_test.c", "vmo_signal_test.c", "ipc_test.c", "process_test.c",
         "user_copy_test.c", "kill_test.c", "thread_identity_test.c", "handle_test.c", "object_info_test.c", "job_test.c", "port_test.c", "time_test.c", "vmo_clone_test.c", "system_test.c", "fifo_test.c", "timer_test.c", "futex_test.c", "process_memory_test.c", "profile_test.c", "socket_test.c", "job_policy_test.c", "suspend_test.c", "log_test.c", "debug_test.c", "fault_test.c", "interrupt_test.c", "mmio_test.c", "mmio_expect_test.c"];

    [Fact]
    public void CConformanceSuitePasses()
    {
        string exe = NativeBuild.CompileC("zx-core-tests", CoreSuiteSources);
        (int code, string output) = NativeBuild.Run(exe, [], NativeBuild.RepoRoot, TimeSpan.FromMinutes(5),
            new Dictionary<string, string> { ["ZX_ABORT_ON_INTERNAL"] = "1" }); // an internal error fails the suite
        File.WriteAllText(Path.Combine(NativeBuild.ResultsDirectory, "c-suite.txt"), output);
        Assert.True(code == 0, output);
        Assert.Matches(@"(?m)^\d+ passed, 0 failed$", output);
    }

    [SkippableFact]
    public void SampleDriverBuildsWithCMakeAndPkgConfigAndRuns()
    {
        Prerequisites.CMakeAndPkgConfig();
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

    /// <summary>A C project outside the repository (tests/consumer/c) builds against `make install PREFIX=...` with
    /// find_package(zircon) and with pkg-config, after the installed tree was moved, and both programs run.</summary>
    [SkippableFact]
    public void AnInstalledTreeServesFindPackageAndPkgConfigWhereverItIsMoved()
    {
        Prerequisites.MakeCMakeAndPkgConfig();
        string work = Path.Combine(NativeBuild.RepoRoot, "artifacts", "c", "consumer");
        if (Directory.Exists(work))
            Directory.Delete(work, recursive: true);
        string staged = Path.Combine(work, "staged"), moved = Path.Combine(work, "moved"), build = Path.Combine(work, "build");
        (int code, string output) = NativeBuild.Run("make", ["install", $"PREFIX={staged}", "NO_BUILD=1", $"NATIVE={NativeBuild.LibraryDirectory}"],
            NativeBuild.RepoRoot, TimeSpan.FromMinutes(2));
        Assert.True(code == 0, output);
        Directory.Move(staged, moved); // every path in the installed files is relative to them
        string lib = Path.Combine(moved, "lib");
        Assert.True(File.Exists(Path.Combine(lib, $"libzircon.so.{NativeBuild.ZxVersion}")), "the library under its versioned name");
        Assert.Equal($"libzircon.so.{NativeBuild.ZxVersion}", new FileInfo(Path.Combine(lib, "libzircon.so.0")).LinkTarget);
        Assert.Equal("libzircon.so.0", new FileInfo(Path.Combine(lib, "libzircon.so")).LinkTarget);
        Assert.True(File.Exists(Path.Combine(moved, "include", "zircon", "syscalls.h")));
        var env = new Dictionary<string, string> { ["PKG_CONFIG_PATH"] = Path.Combine(lib, "pkgconfig") };
        (code, output) = NativeBuild.Run("cmake", ["-S", "tests/consumer/c", "-B", build, $"-DCMAKE_PREFIX_PATH={moved}"], NativeBuild.RepoRoot, TimeSpan.FromMinutes(2), env);
        Assert.True(code == 0, output);
        (code, output) = NativeBuild.Run("cmake", ["--build", build], NativeBuild.RepoRoot, TimeSpan.FromMinutes(2), env);
        Assert.True(code == 0, output);
        foreach (string program in new[] { "with_find_package", "with_pkg_config" })
        {
            (code, output) = NativeBuild.Run(Path.Combine(build, program), [], NativeBuild.RepoRoot, TimeSpan.FromMinutes(1));
            Assert.True(code == 0, $"{program}: {output}");
            Assert.Contains("UARTFR = 0x90", output, StringComparison.Ordinal);
        }
        (code, output) = NativeBuild.Run("readelf", ["-d", Path.Combine(build, "with_find_package")], NativeBuild.RepoRoot, TimeSpan.FromMinutes(1));
        Assert.Contains("Shared library: [libzircon.so.0]", output, StringComparison.Ordinal); // linked by its SONAME
    }

    /// <summary>The C ABI benchmark harness (bench/native/cabi_bench.c) builds against the library and runs in its quick
    /// form, printing every figure the report reads (no timing is asserted: figures are the benchmarks' business).</summary>
    [Fact]
    public void TheCBenchmarkHarnessBuildsAndRunsInItsQuickForm()
    {
        _ = NativeBuild.LibraryDirectory; // libzircon.so published where the harness links it (artifacts/native)
        string exe = CHarness.Build(NativeBuild.RepoRoot); // the benchmark suite's own build of it
        (int code, string output) = NativeBuild.Run(exe, ["2000", "3"], NativeBuild.RepoRoot, TimeSpan.FromMinutes(1));
        Assert.True(code == 0, output);
        string[] names = [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0])];
        Assert.Equal(["floor.noop.linked", "floor.noop.dlopen", "floor.table", "zx.pair.linked", "zx.pair.dlopen"], names);
        Assert.All(output.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            l => Assert.True(double.Parse(l.Split(' ')[1], CultureInfo.InvariantCulture) > 0, l));
        (code, _) = NativeBuild.Run(exe, ["0"], NativeBuild.RepoRoot, TimeSpan.FromMinutes(1));
        Assert.Equal(2, code); // a bad argument is a usage error
        // On one CPU, as the report runs it beside the managed figure; a CPU the machine lacks is refused.
        (code, output) = NativeBuild.Run(exe, ["2000", "1", "0"], NativeBuild.RepoRoot, TimeSpan.FromMinutes(1));
        Assert.True(code == 0, output);
        Assert.Equal(5, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        (code, output) = NativeBuild.Run(exe, ["2000", "1", "1000"], NativeBuild.RepoRoot, TimeSpan.FromMinutes(1));
        Assert.Equal(2, code);
        Assert.Contains("sched_setaffinity", output, StringComparison.Ordinal);
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
        AddStruct<ZxPolicyBasic>(d, "zx_policy_basic_t");
        AddEnum<ZxInfoMapsType>(d, "ZX_INFO_MAPS_TYPE_");
        AddStruct<ZxInfoCpuStats>(d, "zx_info_cpu_stats_t");
        d["ZX_INFO_CPU_STATS_FLAG_ONLINE"] = ZxInfoCpuStats.FlagOnline;
        AddStruct<ZxInfoKmemStats>(d, "zx_info_kmem_stats_t");
        d["sizeof(zx_profile_info_t)"] = Marshal.SizeOf<ZxProfileInfo>();
        d["offsetof(zx_profile_info_t,scheduler)"] = Marshal.OffsetOf<ZxProfileInfo>(nameof(ZxProfileInfo.Priority));
        d["ZX_PROFILE_INFO_SCHEDULER"] = ZxProfileInfo.TypeScheduler;
        AddStruct<ZxInfoMaps>(d, "zx_info_maps_t");
        d["offsetof(zx_info_maps_t,u)"] = Marshal.OffsetOf<ZxInfoMaps>(nameof(ZxInfoMaps.Mapping));
        AddStruct<ZxInfoMapsMapping>(d, "zx_info_maps_mapping_t");
        AddStruct<ZxInfoSocket>(d, "zx_info_socket_t");
        AddConstants(d, typeof(ZxSocket), "ZX_SOCKET_");
        d.Remove("ZX_SOCKET_BUFFER_MAX");
        d.Remove("ZX_SOCKET_CONTROL_MESSAGE_MAX");
        Zircon2018Only(d);
        return d;
    }

    /// <summary>The 2018 values of names whose objects Zx does not have yet (sockets, fifos, timers, interrupts, logs,
    /// the hypervisor, PCI, SMC, profiles) and of the records of their headers, as the 2018 headers define them.</summary>
    private static void Zircon2018Only(Dictionary<string, long> d)
    {
        foreach ((string name, ZxRights rights) in new[] { ("FIFO", ZxDefaultRights.Fifo), ("GUEST", ZxDefaultRights.Guest),
                     ("INTERRUPT", ZxDefaultRights.Interrupt), ("IRQ", ZxDefaultRights.Irq), ("IO_MAPPING", ZxDefaultRights.IoMapping),
                     ("LOG", ZxDefaultRights.Log), ("PCI_DEVICE", ZxDefaultRights.PciDevice), ("PCI_INTERRUPT", ZxDefaultRights.PciInterrupt),
                     ("SOCKET", ZxDefaultRights.Socket), ("TIMERS", ZxDefaultRights.Timer), ("VCPU", ZxDefaultRights.Vcpu),
                     ("PROFILE", ZxDefaultRights.Profile), ("SUSPEND_TOKEN", ZxDefaultRights.SuspendToken) })
            d[$"ZX_DEFAULT_{name}_RIGHTS"] = (uint)rights;
        Assert.Equal(0xF0CFu, (uint)ZxDefaultRights.Socket);   // spot checks against the 2018 hex values (late 2018 for sockets)
        Assert.Equal(0x88003u, (uint)ZxDefaultRights.Profile);
        const long readable = 1, writable = 2, peerClosed = 4, signaled = 8;
        static long Bit(int n) => 1L << n;
        foreach ((string name, long value) in new (string, long)[]
        {
            ("__ZX_OBJECT_SIGNAL_ALL", 0x00FFFFFF), ("__ZX_OBJECT_HANDLE_CLOSED", Bit(23)), ("ZX_EVENT_SIGNAL_MASK", 0xFF000008),
            ("ZX_EVENTPAIR_SIGNAL_MASK", 0xFF00000C), ("ZX_SOCKET_READABLE", readable), ("ZX_SOCKET_WRITABLE", writable),
            ("ZX_SOCKET_PEER_CLOSED", peerClosed), ("ZX_SOCKET_PEER_WRITE_DISABLED", Bit(4)), ("ZX_SOCKET_WRITE_DISABLED", Bit(5)),
            ("ZX_SOCKET_CONTROL_READABLE", Bit(6)), ("ZX_SOCKET_CONTROL_WRITABLE", Bit(7)), ("ZX_SOCKET_ACCEPT", Bit(8)),
            ("ZX_SOCKET_SHARE", Bit(9)), ("ZX_SOCKET_READ_THRESHOLD", Bit(10)), ("ZX_SOCKET_WRITE_THRESHOLD", Bit(11)),
            ("ZX_SOCKET_READ_DISABLED", Bit(4)), ("ZX_FIFO_READABLE", readable), ("ZX_FIFO_WRITABLE", writable),
            ("ZX_FIFO_PEER_CLOSED", peerClosed), ("ZX_JOB_NO_PROCESSES", signaled), ("ZX_JOB_NO_JOBS", Bit(4)),
            ("ZX_THREAD_RUNNING", Bit(4)), ("ZX_THREAD_SUSPENDED", Bit(5)), ("ZX_LOG_READABLE", readable),
            ("ZX_LOG_WRITABLE", writable), ("ZX_TIMER_SIGNALED", signaled),
            ("ZX_CPRNG_DRAW_MAX_LEN", 256), ("ZX_CPRNG_ADD_ENTROPY_MAX_LEN", 256), ("ZX_INTERRUPT_REMAP_IRQ", 1),
            ("ZX_INTERRUPT_MODE_DEFAULT", 0), ("ZX_INTERRUPT_MODE_EDGE_LOW", 2), ("ZX_INTERRUPT_MODE_EDGE_HIGH", 4),
            ("ZX_INTERRUPT_MODE_LEVEL_LOW", 6), ("ZX_INTERRUPT_MODE_LEVEL_HIGH", 8), ("ZX_INTERRUPT_MODE_EDGE_BOTH", 10),
            ("ZX_INTERRUPT_MODE_MASK", 0xE), ("ZX_INTERRUPT_VIRTUAL", 0x10), ("ZX_INTERRUPT_SLOT_USER", 62),
            ("ZX_INTERRUPT_MAX_SLOTS", 62), ("ZX_PCI_INTERRUPT_SLOT", 0),
            ("ZX_SOCKET_SHUTDOWN_WRITE", 1), ("ZX_SOCKET_SHUTDOWN_READ", 2), ("ZX_SOCKET_SHUTDOWN_MASK", 3), ("ZX_SOCKET_STREAM", 0),
            ("ZX_SOCKET_DATAGRAM", 1), ("ZX_SOCKET_HAS_CONTROL", 2), ("ZX_SOCKET_HAS_ACCEPT", 4), ("ZX_SOCKET_CREATE_MASK", 7),
            ("ZX_SOCKET_CONTROL", 4), ("ZX_CACHE_FLUSH_INSN", 1), ("ZX_CACHE_FLUSH_DATA", 2), ("ZX_CACHE_FLUSH_INVALIDATE", 4),
            ("ZX_TIMER_SLACK_CENTER", 0), ("ZX_TIMER_SLACK_EARLY", 1), ("ZX_TIMER_SLACK_LATE", 2),
            ("sizeof(zx_futex_t)", 4), ("sizeof(zx_paddr32_t)", 4), ("sizeof(zx_ticks_t)", 8), ("sizeof(zx_clock_t)", 4),
            ("ZX_NSEC(1)", 1), ("ZX_USEC(1)", 1_000), ("ZX_MSEC(1)", 1_000_000), ("ZX_SEC(1)", 1_000_000_000),
            ("ZX_MIN(1)", 60_000_000_000), ("ZX_HOUR(1)", 3_600_000_000_000),
            ("ZX_CLOCK_MONOTONIC", 0), ("ZX_CLOCK_UTC", 1), ("ZX_CLOCK_THREAD", 2),
            ("ZX_EXCP_GENERAL", 0x008), ("ZX_EXCP_FATAL_PAGE_FAULT", 0x108), ("ZX_EXCP_UNDEFINED_INSTRUCTION", 0x208),
            ("ZX_EXCP_SW_BREAKPOINT", 0x308), ("ZX_EXCP_HW_BREAKPOINT", 0x408), ("ZX_EXCP_UNALIGNED_ACCESS", 0x508),
            ("ZX_EXCP_THREAD_STARTING", 0x8008), ("ZX_EXCP_THREAD_EXITING", 0x8108), ("ZX_EXCP_POLICY_ERROR", 0x8208),
            ("ZX_TASK_RETCODE_POLICY_KILL", Zx.Kernel.Syscalls.ZxSyscalls.TaskRetcodePolicyKill),
            ("ZX_TASK_RETCODE_EXCEPTION_KILL", Zx.Kernel.Syscalls.ZxSyscalls.TaskRetcodeExceptionKill),
            ("ZX_EXCEPTION_PORT_DEBUGGER", Zx.Kernel.Syscalls.ZxSyscalls.ExceptionPortDebugger),
            ("ZX_EXCEPTION_PORT_UNBIND_QUIETLY", Zx.Kernel.Syscalls.ZxSyscalls.ExceptionPortUnbindQuietly),
            ("ZX_RESUME_EXCEPTION", Zx.Kernel.Syscalls.ZxSyscalls.ResumeException), ("ZX_RESUME_TRY_NEXT", Zx.Kernel.Syscalls.ZxSyscalls.ResumeTryNext),
            ("ZX_EXCEPTION_PORT_TYPE_THREAD", (long)Zx.Kernel.Object.ExceptionPortType.Thread),
            ("ZX_EXCEPTION_PORT_TYPE_JOB", (long)Zx.Kernel.Object.ExceptionPortType.Job),
            ("ZX_THREAD_STATE_BLOCKED_EXCEPTION", ZxThreadState.BlockedException),
            ("sizeof(zx_exception_report_t)", System.Runtime.CompilerServices.Unsafe.SizeOf<Zx.Kernel.Object.ZxExceptionReport>()),
            ("offsetof(zx_exception_report_t,context)", 8), ("sizeof(zx_x86_64_exc_data_t)", 24), ("offsetof(zx_x86_64_exc_data_t,cr2)", 16),
            ("ZX_PROFILE_INFO_SCHEDULER", 1), ("ZX_PRIORITY_LOWEST", 0), ("ZX_PRIORITY_LOW", 8), ("ZX_PRIORITY_DEFAULT", 16),
            ("ZX_PRIORITY_HIGH", 24), ("ZX_PRIORITY_HIGHEST", 31),
            ("sizeof(zx_profile_info_t)", 20), ("offsetof(zx_profile_info_t,scheduler)", 4),
            ("sizeof(zx_profile_scheduler_t)", 16), ("offsetof(zx_profile_scheduler_t,quantum)", 12),
            ("sizeof(zx_smc_parameters_t)", 64), ("offsetof(zx_smc_parameters_t,arg1)", 8), ("offsetof(zx_smc_parameters_t,arg6)", 48),
            ("offsetof(zx_smc_parameters_t,client_id)", 56), ("offsetof(zx_smc_parameters_t,secure_os_id)", 58),
            ("sizeof(zx_smc_result_t)", 32), ("offsetof(zx_smc_result_t,arg3)", 24),
            ("ZX_SYSTEM_POWERCTL_ENABLE_ALL_CPUS", 1), ("ZX_SYSTEM_POWERCTL_REBOOT", 5), ("ZX_SYSTEM_POWERCTL_SHUTDOWN", 8),
            ("sizeof(zx_system_powerctl_arg_t)", 12),
            ("sizeof(zx_pci_bar_t)", 24), ("offsetof(zx_pci_bar_t,size)", 8), ("offsetof(zx_pci_bar_t,mmio_handle)", 16),
            ("sizeof(zx_pcie_device_info_t)", 12), ("offsetof(zx_pcie_device_info_t,base_class)", 4),
            ("offsetof(zx_pcie_device_info_t,func_id)", 10), ("sizeof(zx_pci_init_arg_t)", 4616),
            ("offsetof(zx_pci_init_arg_t,num_irqs)", 4096), ("offsetof(zx_pci_init_arg_t,addr_window_count)", 4612),
            ("offsetof(zx_pci_init_arg_t,addr_windows)", 4616), ("ZX_PCI_MAX_BUSSES", 256), ("ZX_PCI_ECAM_BYTE_PER_BUS", 1 << 20),
            ("ZX_PCI_MAX_BAR_REGS", 6), ("ZX_MAX_PCI_IRQS", 64), ("ZX_PCIE_IRQ_MODE_MSI_X", 3),
            ("sizeof(zx_log_record_t)", 32), ("offsetof(zx_log_record_t,datalen)", 4), ("offsetof(zx_log_record_t,timestamp)", 8),
            ("offsetof(zx_log_record_t,tid)", 24), ("offsetof(zx_log_record_t,data)", 32), ("ZX_LOG_RECORD_MAX", 256),
            ("ZX_LOG_LOCAL", 0x1000), ("ZX_LOG_LEVEL_MASK", 0xFFF), ("ZX_LOG_FLAG_READABLE", 0x40000000),
            ("ZX_GUEST_TRAP_BELL", 0), ("ZX_GUEST_TRAP_MEM", 1), ("ZX_GUEST_TRAP_IO", 2), ("ZX_VCPU_STATE", 0), ("ZX_VCPU_IO", 1),
            ("sizeof(zx_vcpu_io_t)", 8), ("offsetof(zx_vcpu_io_t,u32)", 4),
            ("ZX_THREAD_STATE_GENERAL_REGS", 0), ("ZX_THREAD_STATE_FP_REGS", 1), ("ZX_THREAD_STATE_VECTOR_REGS", 2),
            ("ZX_THREAD_STATE_DEBUG_REGS", 4), ("ZX_THREAD_STATE_SINGLE_STEP", 5), ("ZX_THREAD_X86_REGISTER_FS", 6),
            ("ZX_THREAD_X86_REGISTER_GS", 7),
            ("sizeof(zx_thread_state_general_regs_t)", 144), ("offsetof(zx_thread_state_general_regs_t,rip)", 128),
            ("offsetof(zx_thread_state_general_regs_t,rflags)", 136), ("sizeof(zx_vcpu_state_t)", 136),
            ("offsetof(zx_vcpu_state_t,rflags)", 128), ("ZX_FEATURE_KIND_CPU", 0), ("ZX_HAS_CPU_FEATURES", 1),
        })
            d.TryAdd(name, value);
        foreach (string suffix in new[] { "PERM_READ", "PERM_WRITE", "PERM_EXECUTE", "COMPACT", "SPECIFIC", "SPECIFIC_OVERWRITE",
                     "CAN_MAP_SPECIFIC", "CAN_MAP_READ", "CAN_MAP_WRITE", "CAN_MAP_EXECUTE", "MAP_RANGE", "REQUIRE_NON_RESIZABLE" })
            d["ZX_VM_FLAG_" + suffix] = d["ZX_VM_" + suffix]; // the old names of the same bits
    }
}
