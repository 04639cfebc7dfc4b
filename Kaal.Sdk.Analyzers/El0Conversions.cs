using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Kaal.Sdk.Analyzers;

/// <summary>
/// Whether an EL0 overload accepts what a host method's parameters carry: each host parameter type, translated into
/// the EL0 library (by special type or metadata name; type parameters by position), converts implicitly to the EL0
/// parameter at the same position, and the EL0 overload's extra parameters are optional.
/// </summary>
internal sealed class El0Conversions(CSharpCompilation el0, IMethodSymbol candidate)
{
    public bool Accepts(IMethodSymbol host)
    {
        if (host.Arity != candidate.Arity || host.IsStatic != candidate.IsStatic) return false;
        if (candidate.Parameters.Length < host.Parameters.Length) return false;
        for (int index = 0; index < candidate.Parameters.Length; index++)
        {
            IParameterSymbol target = candidate.Parameters[index];
            if (index >= host.Parameters.Length)
            {
                if (!target.IsOptional && !target.IsParams) return false;
                continue;
            }
            IParameterSymbol source = host.Parameters[index];
            if (source.RefKind != target.RefKind) return false;
            ITypeSymbol? translated = Translate(source.Type);
            if (translated is null) return false;
            Conversion conversion = el0.ClassifyConversion(translated, target.Type);
            if (!conversion.IsIdentity && !(source.RefKind == RefKind.None && conversion.IsImplicit)) return false;
        }
        return true;
    }

    /// <summary>Whether a value of <paramref name="host"/>'s type converts implicitly to the candidate's first parameter.</summary>
    public bool AcceptsValue(ITypeSymbol host)
    {
        ITypeSymbol target = candidate.Parameters[0].Type;
        if (target is ITypeParameterSymbol) return true;
        ITypeSymbol? translated = Translate(host);
        return translated is not null && el0.ClassifyConversion(translated, target).IsImplicit;
    }

    /// <summary><paramref name="host"/> as the EL0 library's type, or null if it has none.</summary>
    private ITypeSymbol? Translate(ITypeSymbol host)
    {
        switch (host)
        {
            case ITypeParameterSymbol parameter:
                return parameter.TypeParameterKind == TypeParameterKind.Method
                    ? candidate.TypeParameters.ElementAtOrDefault(parameter.Ordinal)
                    : candidate.ContainingType.TypeParameters.ElementAtOrDefault(parameter.Ordinal);
            case IArrayTypeSymbol array:
                ITypeSymbol? element = Translate(array.ElementType);
                return element is null ? null : el0.CreateArrayTypeSymbol(element, array.Rank);
            case IPointerTypeSymbol pointer:
                ITypeSymbol? pointed = Translate(pointer.PointedAtType);
                return pointed is null ? null : el0.CreatePointerTypeSymbol(pointed);
            case INamedTypeSymbol named:
                return TranslateNamed(named);
            default:
                return null;
        }
    }

    private INamedTypeSymbol? TranslateNamed(INamedTypeSymbol host)
    {
        if (host.SpecialType != SpecialType.None) return el0.GetSpecialType(host.SpecialType);
        INamedTypeSymbol? definition = el0.GetTypeByMetadataName(El0Library.MetadataName(host.OriginalDefinition));
        if (definition is null || !host.IsGenericType) return definition;
        var arguments = new ITypeSymbol[host.TypeArguments.Length];
        for (int index = 0; index < arguments.Length; index++)
        {
            ITypeSymbol? argument = Translate(host.TypeArguments[index]);
            if (argument is null) return null;
            arguments[index] = argument;
        }
        return definition.Construct(arguments);
    }
}
