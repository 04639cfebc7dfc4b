using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Kaal.Sdk.Analyzers;

/// <summary>
/// Writes the reflection-free name functions the SDK prints enums with (the EL0 image has no reflection, so
/// <c>ToString()</c> of an enum writes a number there; docs/el0-components.md, "Enum names"). For each
/// <c>[EnumNamesFor(typeof(E))]</c> on a static partial class it adds <c>public static string Name(this E value)</c>
/// (or the method the attribute names): a switch over E's members in declaration order returning each member's name,
/// and any other value as its number, as <c>ToString()</c> writes it. The names come from the enum at every build, so
/// a new member is named without anything else changing. The generated code uses only string literals and the
/// underlying type's <c>ToString()</c>, which the EL0 library has; the same generator runs in the host build of
/// Kaal.Sdk and in the EL0 image's one compile (Kaal.User.Arm64), so both print the same names.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class EnumNamesGenerator : IIncrementalGenerator
{
    public const string CannotNameId = "KAAL0003";
    internal const string AttributeName = "Kaal.Sdk.EnumNamesForAttribute";

    internal static readonly DiagnosticDescriptor CannotName = new(
        CannotNameId,
        "Enum names cannot be generated",
        "[EnumNamesFor] on '{0}': {1}",
        "Kaal.Sdk",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "EnumNamesGenerator writes a name function for each enum an [EnumNamesFor] attribute names. See docs/el0-components.md, 'Enum names'.");

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<GeneratedNames> classes = context.SyntaxProvider.ForAttributeWithMetadataName(
            AttributeName,
            static (node, _) => node is ClassDeclarationSyntax,
            static (target, _) => Generate((INamedTypeSymbol)target.TargetSymbol, target.Attributes, target.TargetNode.GetLocation()));
        context.RegisterSourceOutput(classes, static (output, names) =>
        {
            if (names.Problem is not null)
            {
                output.ReportDiagnostic(Diagnostic.Create(CannotName, names.ProblemLocation, names.ClassName, names.Problem));
                return;
            }
            output.AddSource(names.HintName, names.Source);
        });
    }

    private static GeneratedNames Generate(INamedTypeSymbol names, IEnumerable<AttributeData> attributes, Location location)
    {
        string className = names.ToDisplayString();
        if (names.ContainingType is not null || !names.IsStatic)
            return GeneratedNames.Refused(className, "the class must be a top-level static partial class", location);
        var methods = new StringBuilder();
        foreach (AttributeData attribute in attributes)
        {
            Location at = attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? location;
            if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not INamedTypeSymbol enumType)
                return GeneratedNames.Refused(className, "the attribute needs the enum's type: [EnumNamesFor(typeof(E))]", at);
            if (enumType.TypeKind != TypeKind.Enum || enumType.EnumUnderlyingType is null)
                return GeneratedNames.Refused(className, $"'{enumType.ToDisplayString()}' is not an enum", at);
            if (enumType.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.FlagsAttribute"))
                return GeneratedNames.Refused(className, $"'{enumType.ToDisplayString()}' is a [Flags] enum: ToString() names combinations, which one name per value cannot", at);
            string method = NamedArgument(attribute, "Method") as string ?? "Name";
            bool lowerCase = NamedArgument(attribute, "LowerCase") is true;
            AppendMethod(methods, enumType, method, lowerCase);
        }
        return new GeneratedNames(className, $"{names.ToDisplayString().Replace('<', '[').Replace('>', ']')}.g.cs", Source(names, methods.ToString()), null, null);
    }

    private static object? NamedArgument(AttributeData attribute, string name) =>
        attribute.NamedArguments.Where(argument => argument.Key == name).Select(argument => argument.Value.Value).FirstOrDefault();

    /// <summary>One name function: a switch arm per distinct value (the first member declared with it, so an alias
    /// cannot make two arms of one value), then the value's number for anything else.</summary>
    private static void AppendMethod(StringBuilder methods, INamedTypeSymbol enumType, string method, bool lowerCase)
    {
        string type = enumType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        string underlying = enumType.EnumUnderlyingType!.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        methods.Append($$"""

                /// <summary>The name of a <see cref="{{type}}"/> value as <c>ToString()</c> writes it{{(lowerCase ? ", in lower case" : "")}}; a value
                /// outside the enum (a corrupt message) as its number.</summary>
                public static string {{method}}(this {{type}} value) => value switch
                {

            """);
        var seen = new HashSet<object>();
        foreach (IFieldSymbol member in enumType.GetMembers().OfType<IFieldSymbol>().Where(field => field.HasConstantValue))
        {
            if (!seen.Add(member.ConstantValue!)) continue;
            string name = lowerCase ? member.Name.ToLowerInvariant() : member.Name;
            methods.Append($"        {type}.{member.Name} => \"{name}\",\n");
        }
        methods.Append($"        _ => (({underlying})value).ToString(),\n    }};\n");
    }

    private static string Source(INamedTypeSymbol names, string methods)
    {
        string nameSpace = names.ContainingNamespace.IsGlobalNamespace ? "" : $"namespace {names.ContainingNamespace.ToDisplayString()};\n";
        return $$"""
            // <auto-generated/>
            // Written by Kaal.Sdk.Analyzers' EnumNamesGenerator from the [EnumNamesFor] attributes on {{names.Name}}.
            {{nameSpace}}
            static partial class {{names.Name}}
            {{{methods}}}

            """;
    }

    /// <summary>What one class gets: its source, or the reason it gets none. Plain values (no symbols), so the
    /// generator's cache compares them.</summary>
    private sealed record GeneratedNames(string ClassName, string HintName, string Source, string? Problem, Location? ProblemLocation)
    {
        public static GeneratedNames Refused(string className, string problem, Location location) => new(className, "", "", problem, location);
    }
}
