using Kaal.Tests.Shared;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Kaal.Sdk.Manifest;
using Xunit;

namespace Kaal.Sdk.Tests;

/// <summary>Every value token of the repository's components.toml, replaced in turn by each of a list of malformed
/// values: the first problem printed always points at that token (its line, and its column or, for a fault inside
/// a string, the column of that fault), never at a consequence elsewhere (a "missing" key, a false rule).</summary>
public sealed class ValueFuzzTests
{
    /// <summary>A malformed value, and how far into it the problem is (0: at its first character).</summary>
    private static readonly (string Text, int Offset)[] Malformed =
    {
        ("\"unterminated", 0), ("'unterminated", 0), ("\"a\\qb\"", 2), ("\"\\u12\"", 1), ("\"\\uD800\"", 1), ("\"\\U00110000\"", 1),
        ("\"a\u0001b\"", 2), ("'a\u0001b'", 2), ("\"a\u007fb\"", 2), ("\"\"\"multi\"\"\"", 0), ("'''multi'''", 0),
        ("1979-05-27", 0), ("1979-05-27T07:32:00Z", 0), ("1979-05-27 07:32:00", 0), ("1979-05-27T07:32:00.5+01:00", 0), ("07:32:00", 0),
        ("1.5", 0), ("1e3", 0), ("-0.0", 0), ("+1.5e-3", 0), ("6.02E23", 0), ("inf", 0), ("+inf", 0), ("-inf", 0), ("nan", 0),
        ("0x", 0), ("0xZZ", 0), ("007", 0), ("1__0", 0), ("1_", 0), ("99999999999999999999", 0), ("-9223372036854775809", 0), ("-0x10", 0), ("0b102", 0), ("0o8", 0),
        ("bare", 0), ("tru", 0), ("True", 0), ("FALSE", 0), ("yes", 0), ("+", 0), ("-", 0),
        ("{ a = 1 }", 0), ("{}", 0), ("@", 0), ("$x", 0), ("=", 0), (",", 0),
        ("[1 2]", 3), ("[,]", 1), ("[1,,2]", 3), ("[\"a\" \"b\"]", 5),
    };

    private static string RepositoryManifest()
    {
        string directory = RepositoryPaths.Root;
        return File.ReadAllText(Path.Combine(directory, "components.toml"));
    }

    /// <summary>The value tokens of <paramref name="text"/>: what follows '=', and the items of arrays.</summary>
    private static List<(int Line, int Column, int Length)> ValueTokens(string text)
    {
        List<TomlToken> tokens = new TomlLexer(text, "v.toml", new List<ManifestProblem>()).Tokenize();
        string[] lines = text.Split('\n');
        var values = new List<(int, int, int)>();
        int arrays = 0;
        for (int i = 1; i < tokens.Count; i++)
        {
            TomlToken token = tokens[i];
            if (token.Kind == TomlTokenKind.LeftBracket && (arrays > 0 || tokens[i - 1].Kind == TomlTokenKind.Equals)) arrays++;
            if (token.Kind == TomlTokenKind.RightBracket && arrays > 0) arrays--;
            bool value = tokens[i - 1].Kind == TomlTokenKind.Equals || arrays > 0;
            if (!value || token.Kind is not (TomlTokenKind.BasicString or TomlTokenKind.LiteralString or TomlTokenKind.Bare)) continue;
            int lineStart = lines.Take(token.Location.Line - 1).Sum(line => line.Length + 1);
            values.Add((token.Location.Line, token.Location.Column, token.End - (lineStart + token.Location.Column - 1)));
        }
        return values;
    }

    [Fact]
    public void The_first_problem_points_at_the_malformed_value()
    {
        string original = RepositoryManifest();
        Assert.Empty(ManifestChecker.Check(original, "v.toml", TestBinaries.Repository).Problems);
        List<(int Line, int Column, int Length)> tokens = ValueTokens(original);
        Assert.True(tokens.Count >= 50, $"only {tokens.Count} value tokens");
        string[] lines = original.Split('\n');
        int cases = 0;
        foreach ((int line, int column, int length) in tokens)
        {
            foreach ((string malformed, int offset) in Malformed)
            {
                // An opening quote that a later quote on the line closes is not unterminated: that is another case.
                string rest = lines[line - 1][(column - 1 + length)..];
                if (malformed.EndsWith("unterminated") && rest.Contains(malformed[0])) continue;
                string[] changed = (string[])lines.Clone();
                changed[line - 1] = lines[line - 1][..(column - 1)] + malformed + lines[line - 1][(column - 1 + length)..];
                IReadOnlyList<ManifestProblem> problems = ManifestChecker.Check(string.Join('\n', changed), "v.toml", TestBinaries.Repository).Problems;
                Assert.True(problems.Count > 0, $"line {line}: {changed[line - 1]} was accepted");
                Assert.True((problems[0].Location.Line, problems[0].Location.Column) == (line, column + offset),
                    $"line {line}: {changed[line - 1]}\nexpected {line}:{column + offset} first, got:\n{string.Join("\n", problems)}");
                cases++;
            }
        }
        Assert.True(cases >= 2000, $"{cases} cases");
    }
}
