using System.Collections.Generic;
using System.Text.Json.Nodes;
using Xunit;

namespace Kaal.Cli.Tests;

/// <summary>The schemas in docs/schemas can fail: a document with a field removed or renamed is rejected with an error
/// naming the field. (Each command's real output is validated in its JSON test: JsonFormatTests, BenchCommandTests,
/// HilCommandTests.)</summary>
public sealed class JsonSchemaTests
{
    /// <summary>A run document as `kaal run --format json` writes it (docs/json.md, "kaal run").</summary>
    private static JsonObject RunDocument() => new()
    {
        ["command"] = "run",
        ["manifest"] = "components.toml",
        ["seed"] = 9,
        ["outcome"] = "Passed",
        ["check"] = "passed",
        ["verdict"] = "verdict: passed (120 steps)",
        ["steps"] = 120,
        ["shutDown"] = true,
        ["systemExitCode"] = 0,
        ["console"] = new JsonObject { ["system_init"] = new JsonArray("phase drivers") },
        ["tracePath"] = null,
        ["exitCode"] = 0,
    };

    [Fact]
    public void A_complete_run_document_is_valid()
    {
        Assert.Empty(DocumentSchema.Errors("run", RunDocument().ToJsonString()));
    }

    [Fact]
    public void A_run_document_without_a_field_fails_naming_the_field()
    {
        JsonObject document = RunDocument();
        document.Remove("verdict");
        IReadOnlyList<string> errors = DocumentSchema.Errors("run", document.ToJsonString());
        Assert.Contains(errors, error => error.Contains("\"verdict\"", System.StringComparison.Ordinal));
    }

    [Fact]
    public void A_run_document_with_a_renamed_field_fails_naming_both_names()
    {
        JsonObject document = RunDocument();
        document.Remove("steps");
        document["stepCount"] = 120;
        IReadOnlyList<string> errors = DocumentSchema.Errors("run", document.ToJsonString());
        Assert.Contains(errors, error => error.Contains("\"steps\"", System.StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("/stepCount:", System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("run")]
    [InlineData("explore")]
    [InlineData("replay")]
    [InlineData("hil-run")]
    [InlineData("bench")]
    public void The_could_not_run_document_is_exit_code_2_and_nothing_else(string kind)
    {
        Assert.Empty(DocumentSchema.Errors(kind, """{"exitCode": 2}"""));
        Assert.NotEmpty(DocumentSchema.Errors(kind, """{"exitCode": 1}"""));
        Assert.Contains(DocumentSchema.Errors(kind, """{"exitCode": 2, "error": "x"}"""), error => error.StartsWith("/error:", System.StringComparison.Ordinal));
    }
}
