using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Zx.Syscalls.Generator;

/// <summary>The C files made from the declaration. They are checked in (a C compiler and a reader need them
/// without a build) and a test renders them again and fails on any difference.</summary>
internal static class CSurfaces
{
    /// <summary>Where each file lives, relative to the repository root, with its renderer.</summary>
    public static IReadOnlyList<(string Path, System.Func<SyscallDeclarations, string> Render)> Files { get; } =
    [
        ("include/zircon/syscalls/definitions.h", Header),
        ("src/Zx.Native/native/syscall_stubs.c", Stubs),
        ("src/Zx.Native/native/syscall_exports.txt", ExportList),
    ];

    private const string Banner = "Generated from syscalls/zircon.syscalls: do not edit (docs/syscalls.md says how to regenerate).";

    /// <summary>The prototypes, included by <c>zircon/syscalls.h</c> inside its <c>extern "C"</c> block.</summary>
    public static string Header(SyscallDeclarations declarations)
    {
        var text = new StringBuilder();
        text.Append("// ").Append(Banner).Append('\n');
        text.Append("// The prototypes of libzircon.so's syscalls, included by <zircon/syscalls.h>.\n");
        text.Append("#pragma once\n");
        foreach (SyscallDecl s in declarations.Syscalls.Where(s => s.Header is null))
        {
            text.Append('\n');
            foreach (string note in s.Notes)
                text.Append("// ").Append(note).Append('\n');
            string? rights = SyscallDeclarations.RightsText(s);
            if (rights is not null)
                text.Append("// Rights: ").Append(rights).Append('\n');
            foreach (SyscallParam p in s.Params.Where(p => p.Release))
                text.Append("// Consumes ").Append(p.Name).Append(" whenever it names a handle, even on failure.\n");
            if (s.Blocking)
                text.Append("// May block.\n");
            if (s.Unimplemented)
                text.Append("// Not implemented by Zx yet: answers ZX_ERR_NOT_SUPPORTED.\n");
            if (s.NoReturn)
                text.Append("__attribute__((__noreturn__)) ");
            text.Append(Prototype(s, s.CName)).Append(";\n");
        }
        return text.ToString();
    }

    /// <summary>The C entry points: each calls the managed export <c>zxabi_NAME</c> and never returns to a killed
    /// thread (the check before and after the call).</summary>
    public static string Stubs(SyscallDeclarations declarations)
    {
        var text = new StringBuilder();
        text.Append("// ").Append(Banner).Append('\n');
        text.Append("// Each exported syscall is this C function around the managed export zxabi_NAME: a host thread's first call\n");
        text.Append("// makes it a Zircon thread, and a killed thread makes no syscall and never returns from one (zxshim.h).\n");
        text.Append("#include <zircon/syscalls.h>\n");
        foreach (string header in declarations.Syscalls.Where(s => s.Header is not null).Select(s => s.Header!).Distinct())
            text.Append("#include <zircon/").Append(header).Append(">\n");
        text.Append("#include \"zxshim.h\"\n");
        foreach (SyscallDecl s in declarations.Syscalls.Where(s => !s.Native))
        {
            string callee = "zxabi_" + s.Name;
            string arguments = string.Join(", ", s.Params.Select(p => p.Name));
            text.Append('\n');
            text.Append(Prototype(s, callee)).Append(";\n");
            text.Append("ZXSHIM_EXPORT ").Append(Prototype(s, s.CName)).Append(" {\n");
            text.Append("    ZXSHIM_ENTER();\n");
            text.Append("    ").Append(s.ReturnType).Append(" result = ").Append(callee).Append('(').Append(arguments).Append(");\n");
            text.Append("    ZXSHIM_CHECK_KILLED();\n");
            text.Append("    return result;\n}\n");
        }
        return text.ToString();
    }

    /// <summary>The C names libzircon.so exports, as lines of a linker version script's <c>global:</c> list.</summary>
    public static string ExportList(SyscallDeclarations declarations)
    {
        var text = new StringBuilder();
        foreach (SyscallDecl s in declarations.Syscalls)
            text.Append("        ").Append(s.CName).Append(";\n");
        return text.ToString();
    }

    private static string Prototype(SyscallDecl s, string name)
    {
        string parameters = s.Params.Count == 0 ? "void" : string.Join(", ", s.Params.Select(p => p.CType + " " + p.Name));
        return s.ReturnType + " " + name + "(" + parameters + ")";
    }
}
