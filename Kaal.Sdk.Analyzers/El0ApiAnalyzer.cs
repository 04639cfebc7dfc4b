using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Kaal.Sdk.Analyzers;

/// <summary>
/// Fails a component's build where it uses something the EL0 runtime lacks, instead of the EL0 image build failing
/// with a generic compiler error or the component stopping on the CPU: KAAL0001 for a BCL type or member (named, with
/// what EL0 offers instead), KAAL0002 for an interpolation format or alignment EL0 does not print. Runs on an assembly
/// that declares a component (a subclass of Kaal.Sdk.Runtime.Component), or any assembly whose project sets
/// <c>KaalEl0Check</c> to true; <c>KaalEl0Check=false</c> turns it off (host-only code).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class El0ApiAnalyzer : DiagnosticAnalyzer
{
    public const string MissingApiId = "KAAL0001";
    public const string UnsupportedFormatId = "KAAL0002";
    private const string Category = "Kaal.El0";
    private const string ComponentBase = "Kaal.Sdk.Runtime.Component";
    private const string CheckProperty = "build_property.KaalEl0Check";

    internal static readonly DiagnosticDescriptor MissingApi = new(
        MissingApiId,
        "API not available in the EL0 runtime",
        "'{0}' is not available in the EL0 runtime (the library components run on at EL0 on the CPU): {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The simulator runs components on the full .NET library; on the CPU they are compiled against the EL0 runtime's small library (Kaal.User.Arm64). See docs/components.md, 'What the EL0 runtime offers'.");

    internal static readonly DiagnosticDescriptor UnsupportedFormat = new(
        UnsupportedFormatId,
        "Interpolation format not supported in the EL0 runtime",
        "'{0}' in an interpolated string is not supported in the EL0 runtime (on the CPU it would stop the component): {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The EL0 runtime formats interpolation holes itself and stops a component on a format it does not know. See docs/components.md, 'What the EL0 runtime offers'.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [MissingApi, UnsupportedFormat];

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (!RunsAtEl0(start.Compilation, start.Options)) return;
            El0Library library = El0Library.Instance;
            var check = new El0ApiCheck(library);
            var formats = new El0Formats(library);
            start.RegisterSyntaxNodeAction(node => AnalyzeName(node, check), SyntaxKind.IdentifierName, SyntaxKind.GenericName);
            start.RegisterSyntaxNodeAction(node => AnalyzeCreation(node, check), SyntaxKind.ObjectCreationExpression, SyntaxKind.ImplicitObjectCreationExpression);
            start.RegisterSyntaxNodeAction(node => AnalyzeHole(node, formats), SyntaxKind.Interpolation);
        });
    }

    private static bool RunsAtEl0(Compilation compilation, AnalyzerOptions options)
    {
        options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(CheckProperty, out string? setting);
        if (string.Equals(setting, "false", System.StringComparison.OrdinalIgnoreCase)) return false;
        if (string.Equals(setting, "true", System.StringComparison.OrdinalIgnoreCase)) return true;
        INamedTypeSymbol? component = compilation.GetTypeByMetadataName(ComponentBase);
        if (component is null) return false;
        return compilation.GetSymbolsWithName(_ => true, SymbolFilter.Type).OfType<INamedTypeSymbol>().Any(type => DerivesFrom(type, component));
    }

    private static bool DerivesFrom(INamedTypeSymbol type, INamedTypeSymbol baseType)
    {
        for (INamedTypeSymbol? level = type.BaseType; level is not null; level = level.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(level, baseType)) return true;
        }
        return false;
    }

    private static void AnalyzeName(SyntaxNodeAnalysisContext context, El0ApiCheck check)
    {
        var name = (SimpleNameSyntax)context.Node;
        if (name.IsVar || name.IsPartOfStructuredTrivia() || InsideNameof(name)) return;
        ISymbol? symbol = context.SemanticModel.GetSymbolInfo(name, context.CancellationToken).Symbol;
        if (symbol is null || !IsLibrarySymbol(symbol, context.Compilation)) return;
        if (symbol is not INamedTypeSymbol && symbol.ContainingType is INamedTypeSymbol host && check.Check(host) is not null)
        {
            // A member of a missing type is news only where the type is not written: `items.Where(...)` names
            // Enumerable nowhere, but `Console.WriteLine` and `new HashSet<int>().Count` are reported at the type.
            bool instance = !symbol.IsStatic && symbol is not IMethodSymbol { MethodKind: MethodKind.ReducedExtension };
            if (instance || WrittenAsTypeName(name, host, context.SemanticModel)) return;
        }
        Report(context, check.Check(symbol), name.GetLocation());
    }

    private static void AnalyzeCreation(SyntaxNodeAnalysisContext context, El0ApiCheck check)
    {
        var creation = (BaseObjectCreationExpressionSyntax)context.Node;
        if (context.SemanticModel.GetSymbolInfo(creation, context.CancellationToken).Symbol is not IMethodSymbol constructor) return;
        if (!IsLibrarySymbol(constructor, context.Compilation)) return;
        if (creation is ObjectCreationExpressionSyntax && check.Check(constructor.ContainingType) is not null) return;   // its type name says it
        Report(context, check.Check(constructor), creation.GetLocation());
    }

    private static void AnalyzeHole(SyntaxNodeAnalysisContext context, El0Formats formats)
    {
        var hole = (InterpolationSyntax)context.Node;
        if (hole.FormatClause is null && hole.AlignmentClause is null) return;
        if (hole.Parent is not InterpolatedStringExpressionSyntax text) return;
        if (context.SemanticModel.GetTypeInfo(text, context.CancellationToken).ConvertedType?.SpecialType != SpecialType.System_String) return;
        ITypeSymbol? type = context.SemanticModel.GetTypeInfo(hole.Expression, context.CancellationToken).Type;
        if (type is null) return;
        if (hole.AlignmentClause is not null && formats.CheckAlignment(type) is string noAlignment)
        {
            context.ReportDiagnostic(Diagnostic.Create(UnsupportedFormat, hole.AlignmentClause.GetLocation(), hole.AlignmentClause.ToString(), noAlignment));
        }
        if (hole.FormatClause is not null && formats.CheckFormat(type, hole.FormatClause.FormatStringToken.ValueText) is string noFormat)
        {
            context.ReportDiagnostic(Diagnostic.Create(UnsupportedFormat, hole.FormatClause.GetLocation(), hole.FormatClause.ToString(), noFormat));
        }
    }

    private static void Report(SyntaxNodeAnalysisContext context, El0Gap? gap, Location location)
    {
        if (gap is not null) context.ReportDiagnostic(Diagnostic.Create(MissingApi, location, gap.Api, gap.Alternative));
    }

    /// <summary>A type, method, property, field or event of the .NET library (System.* or Microsoft.*), not the project's own.</summary>
    private static bool IsLibrarySymbol(ISymbol symbol, Compilation compilation)
    {
        if (symbol.Kind is not (SymbolKind.NamedType or SymbolKind.Method or SymbolKind.Property or SymbolKind.Field or SymbolKind.Event)) return false;
        if (symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction }) return false;
        if (SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, compilation.Assembly)) return false;
        INamespaceSymbol? space = symbol.ContainingNamespace;
        if (space is null || space.IsGlobalNamespace) return false;
        while (!space.ContainingNamespace.IsGlobalNamespace) space = space.ContainingNamespace;
        return space.Name is "System" or "Microsoft";
    }

    private static bool WrittenAsTypeName(SimpleNameSyntax name, INamedTypeSymbol host, SemanticModel model) =>
        name.Parent is MemberAccessExpressionSyntax access && access.Name == name
        && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(access.Expression).Symbol?.OriginalDefinition, host.OriginalDefinition);

    private static bool InsideNameof(SyntaxNode node) =>
        node.Ancestors().OfType<InvocationExpressionSyntax>().Any(call => call.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" });
}
