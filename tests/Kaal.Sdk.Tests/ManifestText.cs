using System.Collections.Generic;
using System.Linq;
using Kaal.Sdk.Manifest;
using Xunit;

namespace Kaal.Sdk.Tests;

/// <summary>Helpers: check a manifest held in a string and compare problems as "line:col: message".</summary>
internal static class ManifestText
{
    public const string FileName = "test.toml";

    /// <summary>Lines 1-7: a valid system_init; tests append components from line 8 on.</summary>
    public const string SystemInit = """
        [[component]]
        name = "system_init"
        binary = "system_init"
        type = "service"
        priority = 250
        spawned_by = "root"
        capabilities = ["process:create"]

        """;

    public static IReadOnlyList<ManifestProblem> Check(string text) => ManifestChecker.Check(text, FileName, TestBinaries.Undemanding).Problems;

    public static List<string> Lines(string text) => Check(text).Select(problem => $"{problem.Location.Line}:{problem.Location.Column}: {problem.Message}").ToList();

    /// <summary>Asserts exactly one problem, at line:col, whose message contains <paramref name="fragment"/>.</summary>
    public static void AssertSingle(string text, int line, int column, string fragment)
    {
        IReadOnlyList<ManifestProblem> problems = Check(text);
        Assert.True(problems.Count == 1, $"expected one problem, got {problems.Count}:\n{string.Join("\n", problems)}");
        Assert.Equal((FileName, line, column), (problems[0].Location.File, problems[0].Location.Line, problems[0].Location.Column));
        Assert.Contains(fragment, problems[0].Message);
    }
}
