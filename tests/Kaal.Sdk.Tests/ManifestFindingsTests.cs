using System.Collections.Generic;
using System.Linq;
using Kaal.Sdk.Manifest;
using Xunit;
using static Kaal.Sdk.Tests.ManifestText;

namespace Kaal.Sdk.Tests;

/// <summary>Each defect found by trying bad manifests as a user would (issue 15), one test each: recovery that keeps the
/// next line, a malformed value that still counts as written, TOML 1.0 rules inside the subset, and messages that name
/// what was written.</summary>
public sealed class ManifestFindingsTests
{
    private static TomlTable Parse(string text, out List<ManifestProblem> problems)
    {
        problems = new List<ManifestProblem>();
        return TomlParser.Parse(text, "t.toml", problems);
    }

    private static string At(ManifestProblem problem) => $"{problem.Location.Line}:{problem.Location.Column}";

    [Fact]
    public void Two_bare_words_on_two_lines_are_two_problems()
    {
        Parse("x\ny\n", out List<ManifestProblem> problems);
        Assert.Equal(new[] { "1:2", "2:2" }, problems.Select(At));
    }

    /// <summary>A line that is only a key once swallowed the next line: here `type` vanished, and the checker blamed
    /// a missing type and hardware capabilities on a non-driver.</summary>
    [Fact]
    public void A_key_alone_on_its_line_keeps_the_next_line()
    {
        string text = SystemInit + "[[component]]\nname = \"uart\"\nbinary\ntype = \"driver\"\npriority = 200\ncapabilities = [\"interrupt:33\"]\n";
        List<string> lines = Lines(text);
        Assert.Equal("10:7: expected '=' after key 'binary', got end of line", lines[0]);
        Assert.DoesNotContain(lines, line => line.Contains("'type'") || line.Contains("hardware"));
    }

    [Fact]
    public void A_key_without_a_value_keeps_the_header_below_it()
    {
        TomlTable root = Parse("a =\n[system]\nplatform = \"qemu-virt\"\n", out List<ManifestProblem> problems);
        Assert.Equal("1:4", At(Assert.Single(problems)));
        Assert.True(root.TryGet("system", out TomlEntry system));
        Assert.True(((TomlTable)system.Value).TryGet("platform", out _));
    }

    [Fact]
    public void An_unclosed_header_keeps_the_next_line()
    {
        Parse("[system\nx y\n", out List<ManifestProblem> problems);
        Assert.Equal(new[] { "1:8", "2:3" }, problems.Select(At));
    }

    [Fact]
    public void Every_line_of_garbage_is_reported()
    {
        string[] garbage = { "lorem ipsum", "dolor", "sit amet,", "consectetur = ", "[adipiscing", "elit" };
        Parse(string.Join("\n", garbage), out List<ManifestProblem> problems);
        Assert.Equal(Enumerable.Range(1, garbage.Length), problems.Select(problem => problem.Location.Line));
    }

    /// <summary>Each kind of syntax error, at the end of its line and in its middle: the problems are on that line
    /// only, and the lines before and after it are read.</summary>
    [Theory]
    [InlineData("x")]
    [InlineData("x =")]
    [InlineData("x = ")]
    [InlineData("x = # comment")]
    [InlineData("x.")]
    [InlineData("x y")]
    [InlineData("x = 1 2")]
    [InlineData("x = \"open")]
    [InlineData("x = 'open")]
    [InlineData("x = \"a\\")]
    [InlineData("x = \"\\q\" # mid")]
    [InlineData("x = \"\\u12\"")]
    [InlineData("x = \"\\uD800\"")]
    [InlineData("x = \"\"\"multi\"\"\"")]
    [InlineData("x = '''multi'''")]
    [InlineData("x = 1979-05-27")]
    [InlineData("x = 1979-05-27 07:32:00 # mid")]
    [InlineData("x = 07:32")]
    [InlineData("x = 1.5")]
    [InlineData("x = 1e3 # mid")]
    [InlineData("x = inf")]
    [InlineData("x = nan")]
    [InlineData("x = 0x")]
    [InlineData("x = 99999999999999999999")]
    [InlineData("x = bare")]
    [InlineData("x = { a = 1 }")]
    [InlineData("x = [1,")]
    [InlineData("x = [1 2]")]
    [InlineData("x = [")]
    [InlineData("x = @")]
    [InlineData("@ = 1")]
    [InlineData("= 1")]
    [InlineData("[")]
    [InlineData("[t")]
    [InlineData("[t] x")]
    [InlineData("[[t]")]
    [InlineData("[[t] ]")]
    [InlineData("[a.]")]
    [InlineData("a+b = 1")]
    [InlineData("x = 1 # \u007f")]
    [InlineData("x = 'a\u0001b'")]
    public void Recovery_resumes_exactly_at_the_next_line(string bad)
    {
        TomlTable root = Parse($"before = 1\n{bad}\nafter = 2\n", out List<ManifestProblem> problems);
        Assert.NotEmpty(problems);
        Assert.All(problems, problem => Assert.Equal(2, problem.Location.Line));
        Assert.True(root.TryGet("before", out _));
        // After a header, 'after' belongs to that table (or, if the header is broken, to none); either way it is read.
        if (!bad.StartsWith('[')) Assert.True(root.TryGet("after", out _), $"'after' was lost after: {bad}");
    }

    /// <summary>After a bad header the next line is still read (its keys are checked, in a table nobody uses).</summary>
    [Theory]
    [InlineData("[")]
    [InlineData("[t")]
    [InlineData("[[t]")]
    public void After_a_bad_header_the_next_line_is_still_checked(string header)
    {
        Parse($"{header}\nafter 2\n", out List<ManifestProblem> problems);
        Assert.Equal(new[] { 1, 2 }, problems.Select(problem => problem.Location.Line));
    }

    /// <summary>A required key whose value does not parse is reported once, at the value: it counts as written, so
    /// nothing calls it missing at the [[component]] header (which sorted first, before the real cause).</summary>
    [Theory]
    [InlineData("name", "\"system_init", "unterminated string")]
    [InlineData("priority", "99999999999999999999", "does not fit in 64 bits")]
    [InlineData("priority", "2024-01-01", "2024-01-01 is a date; the manifest takes no dates or times")]
    [InlineData("priority", "2.5", "2.5 is a floating-point number; the manifest takes no floating-point numbers")]
    [InlineData("priority", "inf", "inf is a floating-point infinity; the manifest takes no floating-point numbers")]
    [InlineData("name", "\"a\u0000b\"", "control character U+0000 must be escaped")]
    [InlineData("name", "\"\\uDC00\"", "U+DC00 is not a Unicode scalar value")]
    [InlineData("binary", "\"\"\"system_init\"\"\"", "multi-line strings (\"\"\") are not supported")]
    [InlineData("type", "service", "strings need quotes")]
    public void A_required_key_with_a_malformed_value_is_one_problem_at_the_value(string key, string value, string message)
    {
        string line = SystemInit.Split('\n').First(text => text.StartsWith(key + " ="));
        string text = SystemInit.Replace(line, $"{key} = {value}");
        int lineNumber = SystemInit.Split('\n').ToList().IndexOf(line) + 1;
        ManifestProblem problem = Assert.Single(Check(text));
        Assert.Equal(lineNumber, problem.Location.Line);
        Assert.True(problem.Location.Column >= key.Length + 4, problem.ToString());
        Assert.Contains(message, problem.Message);
    }

    [Fact]
    public void A_control_character_in_a_literal_string_is_refused() =>
        AssertSingle(SystemInit.Replace("binary = \"system_init\"", "binary = 'system\u0001init'"), 3, 17, "control character U+0001 is not allowed in a literal string");

    [Fact]
    public void Delete_in_a_comment_is_refused() =>
        AssertSingle("# a \u007f\n" + SystemInit, 1, 5, "control character U+007F is not allowed in a comment");

    [Fact]
    public void A_table_made_by_dotted_keys_cannot_be_reopened_by_a_header() =>
        AssertSingle("system.platform = \"qemu-virt\"\n[system]\nmemory = \"64M\"\n" + SystemInit, 2, 2, "table 'system' was created by a dotted key (line 1); a [system] header cannot reopen it");

    [Fact]
    public void An_array_of_tables_cannot_be_extended_through_a_dotted_key()
    {
        Parse("[[t.arr]]\nx = 1\n[t]\narr.y = 2\n", out List<ManifestProblem> problems);
        ManifestProblem problem = Assert.Single(problems);
        Assert.Equal("4:1", At(problem));
        Assert.Equal("'arr' is an array of tables (line 1); a dotted key cannot add to it", problem.Message);
        Parse("[[t.arr]]\nx = 1\n[t.arr.sub]\ny = 2\n", out List<ManifestProblem> byHeader);
        Assert.Empty(byHeader); // a header may: it continues in the array's last table
    }

    [Fact]
    public void A_dotted_key_cannot_add_to_a_table_a_header_defined()
    {
        Parse("[a.b]\nx = 1\n[a]\nb.y = 2\n", out List<ManifestProblem> problems);
        Assert.Equal("table 'b' is defined by a [header] (line 1); a dotted key cannot add to it", Assert.Single(problems).Message);
        Parse("[a]\nb.c = 1\nb.d = 2\n[a.b.e]\nf = 3\n", out List<ManifestProblem> fine);
        Assert.Empty(fine); // more dotted keys, and a sub-table by header, are allowed
    }

    [Theory]
    [InlineData("1979-05-27", "1979-05-27 is a date;")]
    [InlineData("1979-05-27T07:32:00Z", "1979-05-27T07:32:00Z is a date-time with an offset;")]
    [InlineData("1979-05-27 07:32:00", "1979-05-27 07:32:00 is a local date-time;")]
    [InlineData("07:32:00", "07:32:00 is a time of day;")]
    [InlineData("1e3", "1e3 is a floating-point number;")]
    [InlineData("-0.5", "-0.5 is a floating-point number;")]
    [InlineData("inf", "inf is a floating-point infinity;")]
    [InlineData("-inf", "-inf is a floating-point infinity;")]
    [InlineData("nan", "nan is a floating-point NaN;")]
    public void A_value_outside_the_subset_is_named_for_what_it_is(string value, string message)
    {
        Parse($"x = {value}", out List<ManifestProblem> problems);
        ManifestProblem problem = Assert.Single(problems);
        Assert.Equal("1:5", At(problem));
        Assert.StartsWith(message, problem.Message);
        Assert.EndsWith("(value of 'x': the manifest's values are strings, integers, booleans and arrays)", problem.Message);
    }

    [Fact]
    public void Single_brackets_for_a_component_are_recognised_as_such()
    {
        string text = SystemInit.Replace("[[component]]", "[component]") + "[component]\nname = \"uart\"\nbinary = \"serial_driver\"\ntype = \"driver\"\npriority = 200\n";
        List<string> lines = Lines(text);
        Assert.Equal(new[]
        {
            "8:2: table 'component' is defined twice (first at line 1); to declare several, write [[component]] before each",
            "1:1: [component] declares a single table; a component is declared with [[component]] (two brackets: an array of tables)",
        }, lines);
    }

    [Fact]
    public void Messages_say_an_application() =>
        AssertSingle(SystemInit + "[[component]]\nname = \"app\"\nbinary = \"ipc_producer\"\ntype = \"application\"\npriority = 1\ncapabilities = [\"interrupt:40\"]\n", 13, 17,
            "'app' is an application, but only drivers may hold hardware capabilities");
}
