using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Json.Schema;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Cli.Tests;

/// <summary>The JSON Schemas users validate `--format json` documents with (docs/schemas/*.schema.json, docs/json.md):
/// a test checks each command's stdout against its command's schema, so the writer and the published schema cannot drift.</summary>
internal static class DocumentSchema
{
    /// <param name="kind">the schema's file name without <c>.schema.json</c>: run, explore, replay, hil-run, bench.</param>
    public static void AssertValid(string kind, string document)
    {
        IReadOnlyList<string> errors = Errors(kind, document);
        Assert.True(errors.Count == 0, $"the document does not match docs/schemas/{kind}.schema.json:\n{string.Join('\n', errors)}\n{document}");
    }

    /// <summary>Every error of the evaluation, each as `instance location: message`; empty when the document is valid.</summary>
    public static IReadOnlyList<string> Errors(string kind, string document)
    {
        string path = Path.Combine(RepositoryPaths.Root, "docs", "schemas", $"{kind}.schema.json");
        // A registry per load: the global one would refuse a second schema under the same generated base URI.
        JsonSchema schema = JsonSchema.FromText(File.ReadAllText(path), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        using JsonDocument parsed = JsonDocument.Parse(document);
        EvaluationResults results = schema.Evaluate(parsed.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = new List<string>();
        if (!results.IsValid) Collect(results, errors);
        return errors;
    }

    private static void Collect(EvaluationResults results, List<string> errors)
    {
        if (results.Errors is not null)
        {
            string location = results.InstanceLocation.ToString() is "" ? "(document)" : results.InstanceLocation.ToString();
            foreach (KeyValuePair<string, string> error in results.Errors) errors.Add($"{location}: {error.Value}");
        }
        if (results.Details is null) return;
        foreach (EvaluationResults detail in results.Details) Collect(detail, errors);
    }
}
