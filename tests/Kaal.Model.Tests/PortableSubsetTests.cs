using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;

namespace Kaal.Model.Tests;

/// <summary>
/// The portable-subset guard (DESIGN.md decision 1, issue 2 item 3). Until the bare-metal build exists, this is
/// what keeps Kaal.Model compilable against the kernel's minimal system library: it reads Kaal.Model.dll's
/// metadata and IL and fails on every external type/member outside <see cref="AllowList"/>, on every throw and on
/// every try region, naming what is used and where. The checker is <see cref="PortableSubsetChecker"/>; that it
/// has teeth is shown by PortableSubsetCheckerTests against tests/Kaal.PortableSubset.BadFixture.
/// </summary>
public sealed class PortableSubsetTests
{
    /// <summary>
    /// Everything Kaal.Model may reference outside itself. "Namespace.Type" = the type may appear (signatures,
    /// tokens, base types); "Namespace.Type::Member" = that member may be referenced (implies the type; any
    /// overload). The kernel's minimal system library (Kaal.Kernel.Arm64) must define every entry, so each one
    /// has to be something that works with no runtime: no GC, no exceptions/unwinder, no threads, no clock, no BCL.
    /// Add an entry only deliberately, with its reason, in the group it belongs to.
    /// </summary>
    public static readonly IReadOnlySet<string> AllowList = new HashSet<string>(StringComparer.Ordinal)
    {
        // Primitive integers, bool, native ints and void: plain registers/memory; the minimal library declares
        // them as structs and ILC maps them to machine types. (No Char: the kernel does not handle text. No
        // Single/Double: decision 1 forbids floating point; the IL walk reports ldc.r4/r8, conv.r* and float
        // signatures as System.Single/System.Double.)
        "System.Boolean", "System.Byte", "System.SByte", "System.Int16", "System.UInt16", "System.Int32",
        "System.UInt32", "System.Int64", "System.UInt64", "System.IntPtr", "System.UIntPtr", "System.Void",

        // The roots of the type system, which every class/struct/enum derives from. The minimal library defines
        // them (Object starts with the MethodTable pointer). Object::.ctor is what every class constructor calls
        // (an empty method). No other members: Equals/GetHashCode/ToString/GetType of the BCL are not there; a
        // struct may override them, which references nothing external.
        "System.Object", "System.Object::.ctor", "System.ValueType", "System.Enum",

        // (Single-dimensional arrays need no entry: newarr/ldelem/ldlen are opcodes ILC lowers, verified on bare
        // metal. No System.Array members; multi-dimensional arrays show up as "T[,]::Get" etc. and are not allowed.)

        // `static readonly T[] X = { ... }` compiles to ldtoken <PrivateImplementationDetails> field + this call;
        // ILC pre-initialises such arrays at compile time (verified: "static readonly arrays"), so nothing runs.
        // (An allowed member's entry covers the types of its signature, here System.Array and RuntimeFieldHandle.)
        "System.Runtime.CompilerServices.RuntimeHelpers::InitializeArray",

        // [Flags] on rights/permission enums: metadata only.
        "System.FlagsAttribute::.ctor",

        // The attribute base types, for the attribute classes the compiler embeds in the assembly itself
        // (NullableAttribute, NullableContextAttribute, EmbeddedAttribute ... are generated as internal types
        // deriving from System.Attribute and marked [AttributeUsage]). Metadata only, never executed by kernel code.
        "System.Attribute::.ctor", "System.AttributeUsageAttribute::.ctor",
        "System.AttributeUsageAttribute::set_AllowMultiple", "System.AttributeUsageAttribute::set_Inherited",

        // Compiler-emitted markers for C# language features that cost nothing at run time: readonly structs and
        // `in`/readonly refs (IsReadOnly, InAttribute modreq on abstract/interface `in` parameters, RequiresLocation
        // for `ref readonly` parameters), ref structs (IsByRefLike), `unmanaged` constraints (IsUnmanaged and the
        // UnmanagedType modreq), `scoped` (ScopedRef), ref-safety version (RefSafetyRules, on the module),
        // compiler-generated members (CompilerGenerated), `init` accessors (IsExternalInit modreq), extension
        // methods (Extension), indexers (DefaultMember, which ILC requires the system module to define), fixed-size
        // buffers in structs (FixedBuffer and UnsafeValueType), ref structs (the compiler stamps every ref struct
        // with [Obsolete] and [CompilerFeatureRequired("RefStructs")] so that old compilers refuse it), and
        // MethodImpl (normally a pseudo-attribute stored in method flags, listed in case it is emitted as a real
        // attribute).
        "System.Runtime.CompilerServices.IsReadOnlyAttribute::.ctor",
        "System.Runtime.InteropServices.InAttribute",
        "System.Runtime.CompilerServices.RequiresLocationAttribute",
        "System.Runtime.CompilerServices.IsByRefLikeAttribute::.ctor",
        "System.Runtime.CompilerServices.IsUnmanagedAttribute::.ctor",
        "System.Runtime.InteropServices.UnmanagedType",
        "System.Runtime.CompilerServices.ScopedRefAttribute::.ctor",
        "System.Runtime.CompilerServices.RefSafetyRulesAttribute::.ctor",
        "System.Runtime.CompilerServices.NullableAttribute::.ctor",
        "System.Runtime.CompilerServices.NullableContextAttribute::.ctor",
        "System.Runtime.CompilerServices.CompilerGeneratedAttribute::.ctor",
        "System.Runtime.CompilerServices.IsExternalInit",
        "System.Runtime.CompilerServices.ExtensionAttribute::.ctor",
        "System.Reflection.DefaultMemberAttribute::.ctor",
        "System.Runtime.CompilerServices.FixedBufferAttribute::.ctor",
        "System.Runtime.CompilerServices.UnsafeValueTypeAttribute::.ctor",
        "System.ObsoleteAttribute::.ctor",
        "System.Runtime.CompilerServices.CompilerFeatureRequiredAttribute::.ctor",
        "System.Runtime.CompilerServices.MethodImplAttribute::.ctor",
        "System.Runtime.CompilerServices.MethodImplOptions",

        // Nullable-analysis annotations ([NotNullWhen] etc.) and the debugger hint the compiler puts on
        // auto-property backing fields in Debug builds: metadata only.
        "System.Diagnostics.CodeAnalysis.NotNullWhenAttribute::.ctor",
        "System.Diagnostics.CodeAnalysis.MaybeNullWhenAttribute::.ctor",
        "System.Diagnostics.CodeAnalysis.NotNullAttribute::.ctor",
        "System.Diagnostics.CodeAnalysis.MaybeNullAttribute::.ctor",
        "System.Diagnostics.CodeAnalysis.MemberNotNullAttribute::.ctor",
        "System.Diagnostics.CodeAnalysis.MemberNotNullWhenAttribute::.ctor",
        "System.Diagnostics.CodeAnalysis.DoesNotReturnAttribute::.ctor",
        "System.Diagnostics.CodeAnalysis.UnscopedRefAttribute::.ctor",
        "System.Diagnostics.DebuggerBrowsableAttribute::.ctor", "System.Diagnostics.DebuggerBrowsableState",

        // Assembly/module-level attributes the .NET SDK stamps on the host build (the bare-metal build sets
        // GenerateAssemblyInfo=false and GenerateTargetFrameworkAttribute=false, so they never reach the kernel):
        // target framework, assembly info from the project, the debug/JIT hints (Debuggable and its
        // DebuggingModes, CompilationRelaxations, RuntimeCompatibility), and InternalsVisibleTo/AssemblyMetadata
        // if the project declares them. All metadata only.
        "System.Runtime.Versioning.TargetFrameworkAttribute::.ctor",
        "System.Reflection.AssemblyCompanyAttribute::.ctor",
        "System.Reflection.AssemblyConfigurationAttribute::.ctor",
        "System.Reflection.AssemblyFileVersionAttribute::.ctor",
        "System.Reflection.AssemblyInformationalVersionAttribute::.ctor",
        "System.Reflection.AssemblyProductAttribute::.ctor",
        "System.Reflection.AssemblyTitleAttribute::.ctor",
        "System.Reflection.AssemblyMetadataAttribute::.ctor",
        "System.Runtime.CompilerServices.InternalsVisibleToAttribute::.ctor",
        "System.Diagnostics.DebuggableAttribute::.ctor",
        "System.Runtime.CompilerServices.CompilationRelaxationsAttribute::.ctor",
        "System.Runtime.CompilerServices.RuntimeCompatibilityAttribute::.ctor",
        // AllowUnsafeBlocks (Directory.Build.props) makes the compiler mark the module unverifiable and emit
        // declarative security [assembly: SecurityPermission(SecurityAction.RequestMinimum, SkipVerification=true)]:
        // metadata only, ignored by .NET Core and by ILC.
        "System.Security.UnverifiableCodeAttribute::.ctor",
        "System.Security.Permissions.SecurityPermissionAttribute::.ctor",
    };

    private readonly ITestOutputHelper _output;

    public PortableSubsetTests(ITestOutputHelper output) => _output = output;

    /// <summary>Kaal.Model.dll as the test run loads it (the project reference copies it next to this assembly).</summary>
    public static string ModelAssemblyPath()
    {
        string path = Assembly.Load(new AssemblyName("Kaal.Model")).Location;
        if (string.IsNullOrEmpty(path)) path = Path.Combine(AppContext.BaseDirectory, "Kaal.Model.dll");
        Assert.True(File.Exists(path), "Kaal.Model.dll not found at " + path);
        return path;
    }

    [Fact]
    public void KaalModel_references_only_the_allow_list_and_never_throws_or_catches()
    {
        string path = ModelAssemblyPath();
        var checker = new PortableSubsetChecker(AllowList);
        var violations = checker.Check(path);

        // What the model does reference (allowed or not), for reviewing the list from the test log.
        foreach (var r in checker.ListReferences(path)) _output.WriteLine(r.ToString());

        Assert.True(violations.Count == 0, PortableSubsetChecker.Format(path, violations));
    }

    [Fact]
    public void Allow_list_entries_are_well_formed()
    {
        foreach (var entry in AllowList)
        {
            Assert.False(string.IsNullOrWhiteSpace(entry));
            Assert.DoesNotContain(" ", entry);
            string type = entry.Split("::")[0];
            Assert.True(type.StartsWith("System.", StringComparison.Ordinal), $"allow-list entry '{entry}' is not a System type");
            // Categories decision 1 rules out must never be allowed, whatever the member.
            Assert.False(type.EndsWith("Exception", StringComparison.Ordinal), $"allow-list entry '{entry}' is an exception type");
            foreach (var ns in BannedNamespaces)
                Assert.False(type.StartsWith(ns, StringComparison.Ordinal), $"allow-list entry '{entry}' is in banned namespace {ns}");
            Assert.DoesNotContain(type, BannedTypes);
        }
    }

    /// <summary>Areas of the BCL decision 1 excludes outright; no allow-list entry may fall in them.</summary>
    public static readonly string[] BannedNamespaces =
    {
        "System.Collections.", "System.Linq.", "System.Threading.", "System.Text.", "System.IO.", "System.Net.",
    };

    /// <summary>Types decision 1 excludes outright (text, floating point, clocks, randomness, GC, unchecked memory
    /// views that were not deliberately added).</summary>
    public static readonly string[] BannedTypes =
    {
        "System.String", "System.Char", "System.Single", "System.Double", "System.Decimal", "System.Half",
        "System.Math", "System.MathF", "System.DateTime", "System.DateTimeOffset", "System.TimeSpan",
        "System.Random", "System.Environment", "System.Console", "System.GC", "System.Diagnostics.Stopwatch",
        "System.Diagnostics.Debug", "System.Runtime.CompilerServices.DefaultInterpolatedStringHandler",
        "System.Runtime.CompilerServices.Unsafe", "System.Runtime.InteropServices.MemoryMarshal",
        "System.Span`1", "System.ReadOnlySpan`1", "System.Func`1", "System.Action", "System.Delegate",
        "System.MulticastDelegate",
    };
}
