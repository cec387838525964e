using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Zx.Syscalls.Generator;

/// <summary>Which way a pointer parameter's data goes.</summary>
internal enum ParamDirection
{
    In,
    Out,
    InOut,
}

/// <summary>How the tracer shows a parameter; the names match <c>Zx.ZxParamKind</c>.</summary>
internal enum TraceKind
{
    Handle,
    Number,
    Hex,
    Named,
    Time,
    InBytes,
    InName,
    Length,
    OutBytes,
    Pointer,
    OutHandle,
    OutHex,
    OutNumber,
    OutSignals,
    OutArray,
    InPacket,
    OutPacket,
}

/// <summary>What Zx knows of a scalar C type: its C# type at the C boundary, its width and how it is shown.</summary>
internal sealed class ScalarType
{
    public ScalarType(string abiType, bool is64Bit, TraceKind kind, string nameSet = "None")
    {
        AbiType = abiType;
        Is64Bit = is64Bit;
        Kind = kind;
        NameSet = nameSet;
    }

    /// <summary>The C# type of the <c>[UnmanagedCallersOnly]</c> parameter.</summary>
    public string AbiType { get; }

    public bool Is64Bit { get; }

    public TraceKind Kind { get; }

    public string NameSet { get; }

    /// <summary>The scalar C types a declaration may use.</summary>
    public static readonly IReadOnlyDictionary<string, ScalarType> Known = new Dictionary<string, ScalarType>(StringComparer.Ordinal)
    {
        ["uint8_t"] = new("byte", false, TraceKind.Number),
        ["bool"] = new("byte", false, TraceKind.Number),
        ["uint16_t"] = new("ushort", false, TraceKind.Number),
        ["zx_clock_t"] = new("uint", false, TraceKind.Number),
        ["uint32_t"] = new("uint", false, TraceKind.Number),
        ["int32_t"] = new("int", false, TraceKind.Number),
        ["int"] = new("int", false, TraceKind.Number),
        ["uint64_t"] = new("ulong", true, TraceKind.Hex),
        ["int64_t"] = new("long", true, TraceKind.Number),
        ["size_t"] = new("nuint", true, TraceKind.Hex),
        ["uintptr_t"] = new("nuint", true, TraceKind.Hex),
        ["zx_vaddr_t"] = new("nuint", true, TraceKind.Hex),
        ["zx_paddr_t"] = new("nuint", true, TraceKind.Hex),
        ["zx_koid_t"] = new("ulong", true, TraceKind.Number),
        ["zx_handle_t"] = new("uint", false, TraceKind.Handle),
        ["zx_status_t"] = new("int", false, TraceKind.Number),
        ["zx_rights_t"] = new("uint", false, TraceKind.Named, "Rights"),
        ["zx_signals_t"] = new("uint", false, TraceKind.Named, "Signals"),
        ["zx_vm_option_t"] = new("uint", false, TraceKind.Number),
        ["zx_time_t"] = new("long", true, TraceKind.Time),
        ["zx_duration_t"] = new("long", true, TraceKind.Time),
        ["thrd_t"] = new("nuint", true, TraceKind.Hex),
    };

    /// <summary>Structures passed by pointer (shown as an address).</summary>
    public static readonly IReadOnlyCollection<string> Records = new HashSet<string>(StringComparer.Ordinal)
    {
        "void", "char", "zx_wait_item_t", "zx_port_packet_t", "zx_channel_call_args_t", "zx_handle_info_t",
        "zx_futex_t", "zx_profile_info_t", "zx_pcie_device_info_t", "zx_pci_bar_t", "zx_pci_init_arg_t",
        "zx_smc_parameters_t", "zx_smc_result_t", "zx_system_powerctl_arg_t",
    };
}

/// <summary>One parameter of a declared syscall.</summary>
internal sealed class SyscallParam
{
    public string Name { get; set; } = "";

    /// <summary>The C type as written (<c>const void*</c>).</summary>
    public string CType { get; set; } = "";

    /// <summary>The type without <c>const</c> and <c>*</c>.</summary>
    public string BaseType { get; set; } = "";

    public bool IsPointer { get; set; }

    public bool IsConst { get; set; }

    public ParamDirection Direction { get; set; }

    public bool Optional { get; set; }

    /// <summary>For a pointer to several elements, the parameter holding their count.</summary>
    public string? Count { get; set; }

    /// <summary>True for a handle the call consumes.</summary>
    public bool Release { get; set; }

    /// <summary>The rights a handle needs (<c>READ|WRITE</c>), <c>depends</c>, or null.</summary>
    public string? Rights { get; set; }

    /// <summary>The <c>show=</c> override, or null.</summary>
    public string? Show { get; set; }

    /// <summary>Set by <see cref="SyscallDeclarations.Parse"/> on a parameter that is another's count.</summary>
    public SyscallParam? CountOf { get; set; }

    /// <summary>True for a pointer to bytes (void, char, uint8_t).</summary>
    public bool IsBytePointer => IsPointer && BaseType is "void" or "char" or "uint8_t";

    /// <summary>The C# type at the C boundary.</summary>
    public string AbiType => IsPointer ? "void*" : ScalarType.Known[BaseType].AbiType;

    /// <summary>The C# type this parameter has in the state tuple the trampoline hands to the tracer.</summary>
    public string StateType => IsPointer ? "nint" : AbiType switch { "nuint" => "ulong", "byte" or "ushort" => "uint", var t => t };

    /// <summary>How the tracer shows it.</summary>
    public TraceKind Kind => TraceShape().Kind;

    /// <summary>The <c>Zx.ZxNameSet</c> member for a <see cref="TraceKind.Named"/>.</summary>
    public string NameSet => TraceShape().NameSet;

    /// <summary>True when the tracer reads it as 64 bits.</summary>
    public bool Is64Bit => TraceShape().Is64Bit;

    private (TraceKind Kind, string NameSet, bool Is64Bit) TraceShape()
    {
        if (IsPointer)
        {
            if (Show == "pointer")
                return (TraceKind.Pointer, "None", true);
            if (Show == "packet")
                return (Direction == ParamDirection.In ? TraceKind.InPacket : TraceKind.OutPacket, "None", true);
            if (Count is not null)
            {
                if (!IsBytePointer)
                {
                    // An array of scalars the call fills (pinned addresses, received handles): shown element by element.
                    return Direction != ParamDirection.In && ScalarType.Known.TryGetValue(BaseType, out ScalarType? element)
                        ? (TraceKind.OutArray, "None", element.Is64Bit)
                        : (TraceKind.Pointer, "None", true);
                }
                if (Direction != ParamDirection.In)
                    return (TraceKind.OutBytes, "None", true);
                return (BaseType == "char" ? TraceKind.InName : TraceKind.InBytes, "None", true);
            }
            if (Direction == ParamDirection.In || !ScalarType.Known.TryGetValue(BaseType, out ScalarType? pointee))
                return (TraceKind.Pointer, "None", true);
            TraceKind outKind = Show switch
            {
                "number" => TraceKind.OutNumber,
                "hex" => TraceKind.OutHex,
                _ => pointee.Kind switch
                {
                    TraceKind.Handle => TraceKind.OutHandle,
                    TraceKind.Named when pointee.NameSet == "Signals" => TraceKind.OutSignals,
                    TraceKind.Hex => TraceKind.OutHex,
                    _ => TraceKind.OutNumber,
                },
            };
            return (outKind, "None", pointee.Is64Bit);
        }
        ScalarType scalar = ScalarType.Known[BaseType];
        if (CountOf is { IsBytePointer: true, Show: not "pointer" } || CountOf?.Kind == TraceKind.OutArray)
            return (TraceKind.Length, "None", true);
        return Show switch
        {
            null => (scalar.Kind, scalar.NameSet, scalar.Is64Bit),
            "hex" => (TraceKind.Hex, "None", scalar.Is64Bit),
            "number" => (TraceKind.Number, "None", scalar.Is64Bit),
            _ => (TraceKind.Named, Show, scalar.Is64Bit),
        };
    }
}

/// <summary>One declared syscall.</summary>
internal sealed class SyscallDecl
{
    public string Name { get; set; } = "";

    /// <summary>The C name prefix (<c>zx_</c>, or empty for <c>get_root_resource</c>).</summary>
    public string Prefix { get; set; } = "zx_";

    public List<SyscallParam> Params { get; } = [];

    public string ReturnType { get; set; } = "";

    public bool Blocking { get; set; }

    public bool NoReturn { get; set; }

    public bool Vdso { get; set; }

    public bool Native { get; set; }

    public bool Handwritten { get; set; }

    /// <summary>Declared (prototype, export, trace) but not implemented yet: the export answers NOT_SUPPORTED.</summary>
    public bool Unimplemented { get; set; }

    public List<string> Notes { get; } = [];

    /// <summary>The line of the declaration's first line (1-based).</summary>
    public int Line { get; set; }

    /// <summary>The 1-based id of a traced syscall in the tracer's table, else 0.</summary>
    public int TraceId { get; set; }

    public string CName => Prefix + Name;

    /// <summary>The C# method name in ZxSyscalls and the export class (<c>VmoCreatePhysical</c>): the name in
    /// PascalCase unless <c>method=</c> gives it.</summary>
    public string PascalName => Method ?? string.Concat(Name.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1)));

    /// <summary>The <c>method=</c> flag, or null.</summary>
    public string? Method { get; set; }

    /// <summary>The <c>header=</c> flag: the hand-written header under <c>include/zircon</c> that declares this
    /// export instead of <c>syscalls/definitions.h</c>, or null.</summary>
    public string? Header { get; set; }

    /// <summary>True for a syscall that returns a status and goes through the tracer.</summary>
    public bool IsTraced => ReturnType == "zx_status_t" && !Native && !Handwritten && !Vdso;

    /// <summary>True when the managed export is generated (not written by hand, not in C).</summary>
    public bool HasGeneratedExport => !Native && !Handwritten;

    /// <summary>True when ZxSyscalls must have the pointer form.</summary>
    public bool NeedsKernelMethod => !Handwritten && !Native && !Unimplemented;
}

/// <summary>The parsed declaration file.</summary>
internal sealed class SyscallDeclarations
{
    public const string FileName = "zircon.syscalls";

    private SyscallDeclarations(List<SyscallDecl> syscalls, List<string> errors)
    {
        Syscalls = syscalls;
        Errors = errors;
    }

    public IReadOnlyList<SyscallDecl> Syscalls { get; }

    /// <summary>Problems found, each naming its line.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>The syscalls the tracer knows, in table order.</summary>
    public IEnumerable<SyscallDecl> Traced => Syscalls.Where(s => s.IsTraced);

    /// <summary>Reads a declaration file; never throws (problems go to <see cref="Errors"/>).</summary>
    public static SyscallDeclarations Parse(string text)
    {
        var syscalls = new List<SyscallDecl>();
        var errors = new List<string>();
        SyscallDecl? current = null;
        string[] lines = text.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            int lineNumber = i + 1;
            string line = lines[i];
            int hash = line.IndexOf('#');
            if (hash >= 0)
                line = line.Substring(0, hash);
            if (line.Trim().Length == 0)
                continue;
            bool indented = char.IsWhiteSpace(line[0]);
            line = line.Trim();
            if (!indented)
            {
                current = ParseHeader(line, lineNumber, errors);
                if (current is not null)
                    syscalls.Add(current);
                continue;
            }
            if (current is null)
            {
                errors.Add($"line {lineNumber}: an indented line outside a syscall");
                continue;
            }
            if (line.StartsWith("note:", StringComparison.Ordinal))
                current.Notes.Add(line.Substring(5).Trim());
            else if (line.StartsWith("returns ", StringComparison.Ordinal))
                current.ReturnType = line.Substring(8).Trim();
            else if (current.ReturnType.Length > 0)
                errors.Add($"line {lineNumber}: {current.Name}: a parameter after 'returns'");
            else if (ParseParam(line, current.Name, lineNumber, errors) is SyscallParam p)
                current.Params.Add(p);
        }
        Check(syscalls, errors);
        int id = 0;
        foreach (SyscallDecl s in syscalls.Where(s => s.IsTraced))
            s.TraceId = ++id;
        return new SyscallDeclarations(syscalls, errors);
    }

    private static SyscallDecl? ParseHeader(string line, int lineNumber, List<string> errors)
    {
        string[] words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || words[0] != "syscall" || !IsIdentifier(words[1]))
        {
            errors.Add($"line {lineNumber}: expected 'syscall NAME [FLAG ...]'");
            return null;
        }
        var decl = new SyscallDecl { Name = words[1], Line = lineNumber };
        foreach (string flag in words.Skip(2))
        {
            switch (flag)
            {
                case "blocking": decl.Blocking = true; break;
                case "noreturn": decl.NoReturn = true; break;
                case "vdso": decl.Vdso = true; break;
                case "native": decl.Native = true; break;
                case "handwritten": decl.Handwritten = true; break;
                case "unimplemented": decl.Unimplemented = true; break;
                default:
                    if (flag.StartsWith("prefix=", StringComparison.Ordinal))
                        decl.Prefix = flag.Substring(7);
                    else if (flag.StartsWith("method=", StringComparison.Ordinal) && IsIdentifier(flag.Substring(7)))
                        decl.Method = flag.Substring(7);
                    else if (flag.StartsWith("header=", StringComparison.Ordinal) && flag.EndsWith(".h", StringComparison.Ordinal))
                        decl.Header = flag.Substring(7);
                    else
                        errors.Add($"line {lineNumber}: {decl.Name}: unknown flag '{flag}'");
                    break;
            }
        }
        return decl;
    }

    private static SyscallParam? ParseParam(string line, string syscall, int lineNumber, List<string> errors)
    {
        int colon = line.IndexOf(':');
        if (colon <= 0 || !IsIdentifier(line.Substring(0, colon).Trim()))
        {
            errors.Add($"line {lineNumber}: {syscall}: expected 'NAME: C-TYPE [ATTRIBUTE ...]'");
            return null;
        }
        var p = new SyscallParam { Name = line.Substring(0, colon).Trim() };
        var words = new List<string>(line.Substring(colon + 1).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        // The C type: an optional const, a type name, an optional * (attached or not).
        var type = new StringBuilder();
        if (words.Count > 0 && words[0] == "const")
        {
            p.IsConst = true;
            type.Append("const ");
            words.RemoveAt(0);
        }
        if (words.Count == 0)
        {
            errors.Add($"line {lineNumber}: {syscall}.{p.Name}: no type");
            return null;
        }
        string baseType = words[0];
        words.RemoveAt(0);
        if (baseType.EndsWith("*", StringComparison.Ordinal))
        {
            p.IsPointer = true;
            baseType = baseType.TrimEnd('*');
        }
        else if (words.Count > 0 && words[0] == "*")
        {
            p.IsPointer = true;
            words.RemoveAt(0);
        }
        p.BaseType = baseType;
        p.CType = type.Append(baseType).Append(p.IsPointer ? "*" : "").ToString();
        if (p.IsPointer ? !ScalarType.Known.ContainsKey(baseType) && !ScalarType.Records.Contains(baseType) : !ScalarType.Known.ContainsKey(baseType))
            errors.Add($"line {lineNumber}: {syscall}.{p.Name}: unknown C type '{p.CType}'");
        foreach (string word in words)
        {
            int eq = word.IndexOf('=');
            string key = eq < 0 ? word : word.Substring(0, eq);
            string value = eq < 0 ? "" : word.Substring(eq + 1);
            switch (key)
            {
                case "out": p.Direction = ParamDirection.Out; break;
                case "inout": p.Direction = ParamDirection.InOut; break;
                case "optional": p.Optional = true; break;
                case "release": p.Release = true; break;
                case "count": p.Count = value; break;
                case "rights": p.Rights = value; break;
                case "show": p.Show = value; break;
                default:
                    errors.Add($"line {lineNumber}: {syscall}.{p.Name}: unknown attribute '{word}'");
                    break;
            }
        }
        return p;
    }

    private static void Check(List<SyscallDecl> syscalls, List<string> errors)
    {
        foreach (IGrouping<string, SyscallDecl> twice in syscalls.GroupBy(s => s.CName, StringComparer.Ordinal).Where(g => g.Count() > 1))
            errors.Add($"line {twice.Last().Line}: {twice.Key} is declared twice");
        foreach (SyscallDecl s in syscalls)
        {
            if (s.ReturnType.Length == 0)
                errors.Add($"line {s.Line}: {s.Name}: no 'returns' line");
            if (s.NoReturn ? s.ReturnType != "void" : s.ReturnType == "void" && !s.Native)
                errors.Add($"line {s.Line}: {s.Name}: a syscall returns void exactly when it is noreturn (or written in C)");
            if (s.Unimplemented && (s.ReturnType != "zx_status_t" || s.Native || s.Handwritten || s.Vdso))
                errors.Add($"line {s.Line}: {s.Name}: only a traced syscall returning zx_status_t can be unimplemented");
            foreach (SyscallParam p in s.Params)
            {
                if (!p.IsPointer && (p.Direction != ParamDirection.In || p.Optional || p.Count is not null))
                    errors.Add($"line {s.Line}: {s.Name}.{p.Name}: out, inout, optional and count need a pointer");
                if (p.IsPointer && p.IsConst && p.Direction != ParamDirection.In)
                    errors.Add($"line {s.Line}: {s.Name}.{p.Name}: a const pointer is an input");
                if ((p.Rights is not null || p.Release) && p.BaseType != "zx_handle_t")
                    errors.Add($"line {s.Line}: {s.Name}.{p.Name}: rights and release are for handles");
                if (p.Show == "packet" && !(p.IsPointer && p.BaseType == "zx_port_packet_t"))
                    errors.Add($"line {s.Line}: {s.Name}.{p.Name}: show=packet is for a zx_port_packet_t pointer");
                if (p.Count is null)
                    continue;
                SyscallParam? count = s.Params.FirstOrDefault(q => q.Name == p.Count);
                if (count is null || count.IsPointer)
                    errors.Add($"line {s.Line}: {s.Name}.{p.Name}: count={p.Count} names no scalar parameter");
                else
                    count.CountOf ??= p;
            }
        }
    }

    private static bool IsIdentifier(string s) =>
        s.Length > 0 && (char.IsLetter(s[0]) || s[0] == '_') && s.All(c => char.IsLetterOrDigit(c) || c == '_');

    /// <summary>The text of a <c>Rights:</c> comment for a syscall, or null when no parameter names rights.</summary>
    public static string? RightsText(SyscallDecl s)
    {
        var parts = new List<string>();
        foreach (SyscallParam p in s.Params.Where(p => p.Rights is not null && p.Rights != "depends"))
            parts.Add($"{p.Name} needs {string.Join(" and ", p.Rights!.Split('|').Select(r => "ZX_RIGHT_" + r))}");
        return parts.Count == 0 ? null : string.Join("; ", parts) + ".";
    }

    /// <summary>snake_case to camelCase, escaped when it is a C# keyword.</summary>
    public static string CamelCase(string name)
    {
        string[] parts = name.Split('_');
        var text = new StringBuilder(parts[0]);
        foreach (string part in parts.Skip(1).Where(x => x.Length > 0))
            text.Append(char.ToUpperInvariant(part[0])).Append(part.Substring(1));
        string result = text.ToString();
        return Keywords.Contains(result) ? "@" + result : result;
    }

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "out", "in", "ref", "base", "event", "object", "string", "params", "lock", "fixed", "checked", "operator",
        "default", "new", "class", "namespace", "internal", "public", "private", "static", "this", "is", "as",
    };

    /// <summary>Formats an integer for generated code.</summary>
    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
