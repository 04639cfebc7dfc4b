using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Kaal.Sdk.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Kaal.Sdk.Analyzers.Tests;

/// <summary>
/// Compiles C# sources the way a component project does (this runtime's assemblies and Kaal.Sdk as references) and
/// returns what <see cref="El0ApiAnalyzer"/> reports; the sources must compile, so a test cannot pass on a typo.
/// </summary>
internal static class AnalyzerRun
{
    internal static readonly MetadataReference[] References = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
        .Split(Path.PathSeparator)
        .Where(path => path.EndsWith(".dll", StringComparison.Ordinal))
        .Append(typeof(Kaal.Sdk.Runtime.Component).Assembly.Location)
        .Distinct(StringComparer.Ordinal)
        .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
        .ToArray();

    /// <summary>The analyzer's diagnostics for <paramref name="sources"/>, with <c>KaalEl0Check</c> set to
    /// <paramref name="checkProperty"/> when given.</summary>
    public static IReadOnlyList<Diagnostic> Diagnostics(string? checkProperty, params string[] sources)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        SyntaxTree[] trees = sources.Select((text, index) => CSharpSyntaxTree.ParseText(text, parseOptions, path: $"Snippet{index}.cs")).ToArray();
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true);
        CSharpCompilation compilation = CSharpCompilation.Create("UserComponents", trees, References, options);
        Diagnostic[] errors = compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToArray();
        if (errors.Length > 0) throw new InvalidOperationException("the snippet does not compile:\n" + string.Join("\n", errors.Select(error => error.ToString())));
        var globals = new Dictionary<string, string>();
        if (checkProperty is not null) globals["build_property.KaalEl0Check"] = checkProperty;
        var analyzerOptions = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new OptionsProvider(globals));
        CompilationWithAnalyzers run = compilation.WithAnalyzers([new El0ApiAnalyzer()], analyzerOptions);
        return run.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult()
            .OrderBy(diagnostic => diagnostic.Location.SourceSpan.Start)
            .ToList();
    }

    /// <summary>Diagnostics for <paramref name="body"/> placed in a component's RunAsync (with the usual usings).</summary>
    public static IReadOnlyList<Diagnostic> InComponent(string body, string members = "") => Diagnostics(null, $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Kaal.Sdk.Runtime;

        public sealed class UserComponent : Component
        {
            {{members}}

            public override async Task RunAsync()
            {
                {{body}}
                await Console.WriteLineAsync("done");
            }
        }
        """);

    private sealed class OptionsProvider(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(values);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(new Dictionary<string, string>());
    }

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}
