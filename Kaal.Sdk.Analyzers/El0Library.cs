using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Kaal.Sdk.Analyzers;

/// <summary>
/// The EL0 runtime's library as symbols: its sources (embedded in this assembly at build time from Kaal.BareMetal's system
/// library and user library, exactly the files the EL0 image compiles) parsed into a compilation that is
/// its own core library, as csc builds it with NoStdLib. Only declarations are read, so the library's method bodies
/// need nothing else. Built once per compiler process.
/// </summary>
internal sealed class El0Library
{
    private const string ResourcePrefix = "el0/";
    private static readonly Lazy<El0Library> Shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private El0Library(CSharpCompilation compilation, int sourceFileCount)
    {
        Compilation = compilation;
        SourceFileCount = sourceFileCount;
        Alternatives = ReadAlternatives(compilation.Assembly);
    }

    public static El0Library Instance => Shared.Value;

    public CSharpCompilation Compilation { get; }

    public int SourceFileCount { get; }

    /// <summary>What to use instead of an API EL0 lacks, by documentation ID (`T:`, `M:`, ... or `N:` for a namespace),
    /// from the library's own <c>[assembly: El0Alternative(...)]</c> attributes.</summary>
    public IReadOnlyDictionary<string, string> Alternatives { get; }

    /// <summary>The public EL0 type with <paramref name="hostType"/>'s full metadata name, or null.</summary>
    public INamedTypeSymbol? FindType(INamedTypeSymbol hostType)
    {
        INamedTypeSymbol? type = Compilation.GetTypeByMetadataName(MetadataName(hostType.OriginalDefinition));
        return type is not null && IsVisible(type) ? type : null;
    }

    /// <summary>The public (or protected) members called <paramref name="name"/> of <paramref name="type"/>, its base
    /// types and, for an interface, the interfaces it extends.</summary>
    public IEnumerable<ISymbol> VisibleMembers(INamedTypeSymbol type, string name)
    {
        foreach (INamedTypeSymbol declaring in SelfAndInherited(type, includeBases: name != WellKnownMemberNames.InstanceConstructorName))
        {
            foreach (ISymbol member in declaring.GetMembers(name))
            {
                if (member.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal) yield return member;
            }
        }
    }

    /// <summary>The names of the members <paramref name="type"/> offers (for "EL0's X offers ..."), sorted.</summary>
    public IReadOnlyList<string> MemberNames(INamedTypeSymbol type) =>
        SelfAndInherited(type, includeBases: true)
            .Where(declaring => declaring.SpecialType != SpecialType.System_Object)
            .SelectMany(declaring => declaring.GetMembers())
            .Where(member => member.DeclaredAccessibility == Accessibility.Public && member.CanBeReferencedByName && !member.IsImplicitlyDeclared)
            .Select(member => member.Name)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToList();

    /// <summary>The public types of namespace <paramref name="namespaceName"/>, sorted, as C# shows them.</summary>
    public IReadOnlyList<string> TypeNames(string namespaceName)
    {
        INamespaceSymbol? space = Compilation.GlobalNamespace;
        foreach (string part in namespaceName.Split('.'))
        {
            space = space?.GetNamespaceMembers().FirstOrDefault(member => member.Name == part);
        }
        if (space is null) return Array.Empty<string>();
        return space.GetTypeMembers()
            .Where(type => type.DeclaredAccessibility == Accessibility.Public)
            .Select(type => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat))
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The name <see cref="Compilation.GetTypeByMetadataName"/> takes: namespace, outer types with '+', arity suffixes.</summary>
    public static string MetadataName(INamedTypeSymbol type)
    {
        string name = type.MetadataName;
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType) name = outer.MetadataName + "+" + name;
        string space = type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString() + ".";
        return space + name;
    }

    private static bool IsVisible(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? level = type; level is not null; level = level.ContainingType)
        {
            if (level.DeclaredAccessibility != Accessibility.Public) return false;
        }
        return true;
    }

    private static IEnumerable<INamedTypeSymbol> SelfAndInherited(INamedTypeSymbol type, bool includeBases)
    {
        yield return type;
        if (!includeBases) yield break;
        for (INamedTypeSymbol? baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType) yield return baseType;
        if (type.TypeKind != TypeKind.Interface) yield break;
        foreach (INamedTypeSymbol extended in type.AllInterfaces) yield return extended;
    }

    private static Dictionary<string, string> ReadAlternatives(IAssemblySymbol assembly)
    {
        var alternatives = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (AttributeData attribute in assembly.GetAttributes())
        {
            if (attribute.AttributeClass?.Name != "El0AlternativeAttribute" || attribute.ConstructorArguments.Length != 2) continue;
            if (attribute.ConstructorArguments[0].Value is string api && attribute.ConstructorArguments[1].Value is string use) alternatives[api] = use;
        }
        return alternatives;
    }

    private static El0Library Load()
    {
        Assembly self = typeof(El0Library).Assembly;
        var parseOptions = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = new List<SyntaxTree>();
        foreach (string resource in self.GetManifestResourceNames().Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal)).OrderBy(name => name, StringComparer.Ordinal))
        {
            using Stream stream = self.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            trees.Add(CSharpSyntaxTree.ParseText(reader.ReadToEnd(), parseOptions, path: resource));
        }
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable);
        return new El0Library(CSharpCompilation.Create("Kaal.User.Arm64", trees, Array.Empty<MetadataReference>(), options), trees.Count);
    }
}
