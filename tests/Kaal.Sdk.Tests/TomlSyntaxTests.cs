using System.Collections.Generic;
using System.Linq;
using Kaal.Sdk.Manifest;
using Xunit;

namespace Kaal.Sdk.Tests;

/// <summary>The TOML subset: what parses, and each syntax error with its exact position.</summary>
public sealed class TomlSyntaxTests
{
    private static TomlTable Parse(string text, out List<ManifestProblem> problems)
    {
        problems = new List<ManifestProblem>();
        return TomlParser.Parse(text, "t.toml", problems);
    }

    [Fact]
    public void Parses_the_subset_the_manifest_needs()
    {
        TomlTable root = Parse("""
            # comment
            title = "a\tb\u00e9\"\\" # trailing comment
            path = 'C:\raw'
            hex = 0x0900_0000
            big = 1_000
            negative = -5
            octal = 0o17
            binary = 0b101
            flag = true
            list = [
              "one", # comment inside
              'two',
              [1, 2],
            ]
            empty = []
            dotted.key = 3

            [section]
            inner = false
            [[many]]
            n = 1
            [[many]]
            n = 2
            """, out List<ManifestProblem> problems);
        Assert.Empty(problems);
        Assert.True(root.TryGet("title", out TomlEntry title));
        Assert.Equal("a\tb\u00e9\"\\", ((TomlString)title.Value).Value);
        root.TryGet("path", out TomlEntry path);
        Assert.Equal(@"C:\raw", ((TomlString)path.Value).Value);
        root.TryGet("hex", out TomlEntry hex);
        Assert.Equal(0x0900_0000, ((TomlInteger)hex.Value).Value);
        root.TryGet("big", out TomlEntry big);
        Assert.Equal(1000, ((TomlInteger)big.Value).Value);
        root.TryGet("negative", out TomlEntry negative);
        Assert.Equal(-5, ((TomlInteger)negative.Value).Value);
        root.TryGet("octal", out TomlEntry octal);
        Assert.Equal(15, ((TomlInteger)octal.Value).Value);
        root.TryGet("binary", out TomlEntry binary);
        Assert.Equal(5, ((TomlInteger)binary.Value).Value);
        root.TryGet("list", out TomlEntry list);
        Assert.Equal(3, ((TomlArray)list.Value).Items.Count);
        Assert.Equal(new SourceLocation("t.toml", 11, 3), ((TomlArray)list.Value).Items[0].Location);
        root.TryGet("dotted", out TomlEntry dotted);
        Assert.True(((TomlTable)dotted.Value).TryGet("key", out _));
        root.TryGet("many", out TomlEntry many);
        Assert.Equal(2, ((TomlTableArray)many.Value).Tables.Count);
        root.TryGet("section", out TomlEntry section);
        Assert.Equal(new SourceLocation("t.toml", 18, 1), section.Value.Location);
    }

    [Theory]
    [InlineData("priority 5", 1, 10, "expected '=' after key 'priority', got '5'")]
    [InlineData("name = \"serial", 1, 8, "unterminated string: expected a closing \"")]
    [InlineData("name = 'serial", 1, 8, "unterminated string: expected a closing '")]
    [InlineData("name = \"a\\qb\"", 1, 10, "unknown escape '\\q'")]
    [InlineData("name = \"\\u12\"", 1, 9, "expected 4 hexadecimal digits after '\\u'")]
    [InlineData("priority = 0x1G", 1, 12, "invalid integer '0x1G' for 'priority': 'G' is not a base-16 digit")]
    [InlineData("priority = 007", 1, 12, "leading zeros are not allowed")]
    [InlineData("priority = 1__0", 1, 12, "'_' must be between two digits")]
    [InlineData("priority = 99999999999999999999", 1, 12, "does not fit in 64 bits")]
    [InlineData("priority = -0x10", 1, 12, "a sign is not allowed on hexadecimal")]
    [InlineData("priority = 1.5", 1, 12, "1.5 is a floating-point number; the manifest takes no floating-point numbers")]
    [InlineData("type = driver", 1, 8, "strings need quotes: \"driver\"")]
    [InlineData("restart = { policy = \"always\" }", 1, 11, "inline tables are not supported")]
    [InlineData("name = \"\"\"x\"\"\"", 1, 8, "multi-line strings (\"\"\") are not supported")]
    [InlineData("name = \"a\" \"b\"", 1, 12, "expected end of line, got string \"b\"")]
    [InlineData("list = [1 2]", 1, 11, "expected ',' or ']' in the array of 'list', got '2'")]
    [InlineData("list = [1,\n2,\n", 3, 1, "expected ']' to close the array of 'list' opened at line 1, got end of file")]
    [InlineData("= 5", 1, 1, "expected a key at the start of a line, got '='")]
    [InlineData("a = 1\na = 2", 2, 1, "duplicate key 'a' (first defined at line 1)")]
    [InlineData("[system]\n[system]", 2, 2, "table 'system' is defined twice (first at line 1)")]
    [InlineData("[system\nx = 1", 1, 8, "expected ']' after table name 'system', got end of line")]
    [InlineData("[[component]\n", 1, 13, "expected ']]' to close array of tables 'component'")]
    [InlineData("a = 1\n[[a]]", 2, 3, "'a' is already an integer (line 1), not an array of tables")]
    [InlineData("name = @", 1, 8, "unexpected character '@'")]
    [InlineData("a.b = 1\na.b.c = 2", 2, 3, "'b' is an integer (line 1), so it cannot hold keys")]
    public void Each_syntax_error_names_its_position_and_what_was_expected(string text, int line, int column, string message)
    {
        Parse(text, out List<ManifestProblem> problems);
        Assert.True(problems.Count >= 1, "expected a problem");
        Assert.Equal(new SourceLocation("t.toml", line, column), problems[0].Location);
        Assert.Contains(message, problems[0].Message);
    }

    [Fact]
    public void Reports_every_bad_line_and_keeps_the_good_ones()
    {
        TomlTable root = Parse("""
            a = 1
            b 2
            c = "unterminated
            d = [1,
              oops,
              3]
            e = 5
            """, out List<ManifestProblem> problems);
        Assert.Equal(new[] { (2, 3), (3, 5), (5, 3) }, problems.ConvertAll(problem => (problem.Location.Line, problem.Location.Column)).Order());
        Assert.True(root.TryGet("a", out _));
        Assert.True(root.TryGet("e", out _));
    }

    [Fact]
    public void Windows_line_endings_count_lines_like_unix_ones()
    {
        Parse("a = 1\r\nb 2\r\n", out List<ManifestProblem> problems);
        Assert.Equal(new SourceLocation("t.toml", 2, 3), Assert.Single(problems).Location);
    }
}
