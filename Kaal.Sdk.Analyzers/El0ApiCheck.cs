using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Kaal.Sdk.Analyzers;

/// <summary>
/// Whether a BCL symbol a component uses exists in the EL0 library, and if not, what to say instead. A type exists
/// if EL0 has a public type of the same metadata name; a member if that type (or a base) has a visible member of the
/// same name and kind whose signature is the same, or, for a method, one the call would convert to implicitly (the
/// EL0 build binds overloads itself: `Math.Min(uint, uint)` on the host is `Math.Min(ulong, ulong)` there).
/// </summary>
internal sealed class El0ApiCheck(El0Library library)
{
    private static readonly SymbolDisplayFormat ApiFormat = SymbolDisplayFormat.CSharpErrorMessageFormat;

    /// <summary>Null if <paramref name="used"/> is available at EL0, otherwise the diagnostic's API name and advice.</summary>
    public El0Gap? Check(ISymbol used)
    {
        ISymbol symbol = Definition(used);
        if (symbol is INamedTypeSymbol type) return CheckType(type);
        if (symbol.ContainingType is not INamedTypeSymbol host) return null;
        if (CheckType(host) is El0Gap typeGap) return new El0Gap(Show(symbol), typeGap.Alternative);
        INamedTypeSymbol el0Type = library.FindType(host)!;
        List<ISymbol> sameName = library.VisibleMembers(el0Type, symbol.MetadataName).Where(member => member.Kind == symbol.Kind).ToList();
        if (sameName.Count == 0)
        {
            return Gap(symbol, $"EL0's {Show(el0Type)} offers {string.Join(", ", library.MemberNames(el0Type))}");
        }
        if (symbol.Kind is SymbolKind.Field or SymbolKind.Event) return null;
        string key = SignatureKey(symbol);
        if (sameName.Any(candidate => SignatureKey(candidate) == key)) return null;
        if (symbol is IMethodSymbol method && sameName.OfType<IMethodSymbol>().Any(candidate => new El0Conversions(library.Compilation, candidate).Accepts(method))) return null;
        return Gap(symbol, $"EL0 has {string.Join("; ", sameName.Select(Show))}");
    }

    private El0Gap? CheckType(INamedTypeSymbol type)
    {
        if (library.FindType(type) is not null) return null;
        string space = type.ContainingNamespace.ToDisplayString();
        IReadOnlyList<string> offered = library.TypeNames(space);
        return Gap(type, offered.Count == 0 ? $"EL0 has no types in {space}" : $"EL0's {space} has {string.Join(", ", offered)}");
    }

    /// <summary>The library's own advice for the symbol, its type or a namespace it is in; else <paramref name="derived"/>.</summary>
    private El0Gap Gap(ISymbol symbol, string derived)
    {
        foreach (string id in AdviceKeys(symbol))
        {
            if (library.Alternatives.TryGetValue(id, out string? advice)) return new El0Gap(Show(symbol), advice);
        }
        return new El0Gap(Show(symbol), derived);
    }

    private static IEnumerable<string> AdviceKeys(ISymbol symbol)
    {
        for (ISymbol? level = symbol; level is INamedTypeSymbol or IMethodSymbol or IPropertySymbol or IFieldSymbol or IEventSymbol; level = level.ContainingSymbol)
        {
            if (level.GetDocumentationCommentId() is string id) yield return id;
        }
        for (INamespaceSymbol? space = symbol.ContainingNamespace; space is not null && !space.IsGlobalNamespace; space = space.ContainingNamespace)
        {
            yield return "N:" + space.ToDisplayString();
        }
    }

    /// <summary>The declaration behind a use: generic definitions, an extension method's static form, a named tuple
    /// element's ItemN field.</summary>
    private static ISymbol Definition(ISymbol used)
    {
        ISymbol symbol = used switch
        {
            IMethodSymbol { ReducedFrom: IMethodSymbol reduced } => reduced,
            IFieldSymbol { CorrespondingTupleField: IFieldSymbol element } => element,
            _ => used,
        };
        return symbol.OriginalDefinition;
    }

    /// <summary>A member's documentation ID without its declaring type: `M:Add(`0)` for List`1.Add and for a base's
    /// Add alike, so inherited members match.</summary>
    private static string SignatureKey(ISymbol member)
    {
        string id = member.GetDocumentationCommentId() ?? member.Name;
        string? declaring = member.ContainingType?.GetDocumentationCommentId();
        if (declaring is null || id.Length < 2) return id;
        string prefix = declaring.Substring(2) + ".";
        string rest = id.Substring(2);
        return id.Substring(0, 2) + (rest.StartsWith(prefix, System.StringComparison.Ordinal) ? rest.Substring(prefix.Length) : rest);
    }

    private static string Show(ISymbol symbol) => symbol.ToDisplayString(ApiFormat);
}
