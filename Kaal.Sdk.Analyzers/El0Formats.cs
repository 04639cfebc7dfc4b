using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace Kaal.Sdk.Analyzers;

/// <summary>
/// Which interpolation holes EL0 formats, read from the EL0 library's DefaultInterpolatedStringHandler: a hole of a
/// type may carry a format only if an AppendFormatted overload that takes that type has a `format` parameter, and
/// the format must match that parameter's <c>[El0Format(pattern, description)]</c>; an alignment needs an
/// `alignment` parameter.
/// </summary>
internal sealed class El0Formats(El0Library library)
{
    private const string HandlerName = "System.Runtime.CompilerServices.DefaultInterpolatedStringHandler";

    /// <summary>Null if EL0 prints <paramref name="hole"/> with <paramref name="format"/>; otherwise why not and what it accepts.</summary>
    public string? CheckFormat(ITypeSymbol hole, string format)
    {
        IParameterSymbol? parameter = Overloads(hole, "format").Select(method => method.Parameters.First(p => p.Name == "format")).FirstOrDefault();
        if (parameter is null)
        {
            return $"EL0 prints a {hole.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)} hole without a format (formats: {string.Join(", ", FormattedTypes())})";
        }
        AttributeData? syntax = parameter.GetAttributes().FirstOrDefault(attribute => attribute.AttributeClass?.Name == "El0FormatAttribute");
        if (syntax is null || syntax.ConstructorArguments.Length != 2 || syntax.ConstructorArguments[0].Value is not string pattern) return null;
        return Regex.IsMatch(format, pattern, RegexOptions.CultureInvariant) ? null : $"EL0 formats it as {syntax.ConstructorArguments[1].Value}";
    }

    /// <summary>Null if EL0 pads holes of <paramref name="hole"/>'s type; otherwise what to do instead.</summary>
    public string? CheckAlignment(ITypeSymbol hole) =>
        Overloads(hole, "alignment").Any() ? null : "EL0's interpolated strings have no alignment: pad the text yourself";

    private IMethodSymbol[] Overloads(ITypeSymbol hole, string parameterName)
    {
        INamedTypeSymbol? handler = library.Compilation.GetTypeByMetadataName(HandlerName);
        if (handler is null) return [];
        return handler.GetMembers("AppendFormatted").OfType<IMethodSymbol>()
            .Where(method => method.Parameters.Any(parameter => parameter.Name == parameterName))
            .Where(method => method.Parameters.Length > 0 && new El0Conversions(library.Compilation, method).AcceptsValue(hole))
            .ToArray();
    }

    private string[] FormattedTypes()
    {
        INamedTypeSymbol? handler = library.Compilation.GetTypeByMetadataName(HandlerName);
        if (handler is null) return [];
        return handler.GetMembers("AppendFormatted").OfType<IMethodSymbol>()
            .Where(method => method.Parameters.Any(parameter => parameter.Name == "format"))
            .Select(method => method.Parameters[0].Type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat))
            .ToArray();
    }
}
