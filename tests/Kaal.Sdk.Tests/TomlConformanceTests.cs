using System.Collections.Generic;
using Kaal.Sdk.Manifest;
using Xunit;

namespace Kaal.Sdk.Tests;

/// <summary>The TOML reader against the TOML 1.0.0 specification (toml.io/en/v1.0.0), section by section: valid forms
/// of every construct the manifest's subset supports are accepted, invalid forms rejected, and each construct outside
/// the subset is refused by a message that names it. Written for this project from the specification's text.</summary>
public sealed class TomlConformanceTests
{
    private static List<ManifestProblem> Parse(string text)
    {
        var problems = new List<ManifestProblem>();
        TomlParser.Parse(text, "c.toml", problems);
        return problems;
    }

    public static TheoryData<string, string> Valid => new()
    {
        // Spec: case-sensitive, whitespace is tab or space, newline LF or CRLF.
        { "Spec", "a = 1\nA = 2" },
        { "Spec", "a\t=\t1" },
        { "Spec", "a = 1\r\nb = 2\r\n" },
        { "Spec", "" },
        { "Spec", "\n\n\n" },
        // Comment
        { "Comment", "# a full-line comment\na = 1 # at the end of a line" },
        { "Comment", "#\na = \"# not a comment\"" },
        { "Comment", "# tab\tand unicode \u00e9 \U0001F600 are fine" },
        // Key/Value Pair
        { "Key/Value Pair", "key = \"value\"" },
        { "Key/Value Pair", "key=\"value\"" },
        { "Key/Value Pair", "   key   =   1   " },
        // Keys
        { "Keys", "bare_key = 1\nbare-key = 2\n1234 = 3" },
        { "Keys", "\"127.0.0.1\" = 1\n\"character encoding\" = 2\n\"\u0281\u0254\" = 3\n'key2' = 4\n'quoted \"value\"' = 5" },
        { "Keys", "\"\" = 1" },
        { "Keys", "'' = 1" },
        { "Keys", "name = 1\nphysical.color = 2\nphysical.shape = 3\nsite.\"google.com\" = true" },
        { "Keys", "fruit.name = 1\nfruit. color = 2\nfruit . flavor = 3" },
        { "Keys", "apple.type = 1\norange.type = 2\napple.skin = 3" },
        { "Keys", "3.14159 = \"pi\"" },
        { "Keys", "a.b.c = 1\na.d = 2" },
        // String: basic
        { "String", "s = \"I'm a string. \\\"You can quote me\\\". Name\\tJos\\u00E9\\nLocation\\tSF.\"" },
        { "String", "s = \"\\b\\t\\n\\f\\r\\\"\\\\\"" },
        { "String", "s = \"\\u0000 \\U0010FFFF \\U0001F600\"" },
        { "String", "s = \"\"" },
        { "String", "s = \"tab\tinside\"" },
        // String: literal
        { "String", "winpath = 'C:\\Users\\nodejs\\templates'\nregex = '<\\i\\c*\\s*>'\nquoted = 'Tom \"Dubs\" Preston-Werner'" },
        { "String", "s = ''" },
        { "String", "s = 'tab\tinside'" },
        // Integer
        { "Integer", "a = +99\nb = 42\nc = 0\nd = -17\ne = +0\nf = -0" },
        { "Integer", "a = 1_000\nb = 5_349_221\nc = 53_49_221\nd = 1_2_3_4_5" },
        { "Integer", "a = 0xDEADBEEF\nb = 0xdeadbeef\nc = 0xdead_beef\nd = 0o01234567\ne = 0o755\nf = 0b11010110\ng = 0x0\nh = 0b0_1" },
        { "Integer", "max = 9223372036854775807\nmin = -9223372036854775808\nhex = 0x7FFFFFFFFFFFFFFF" },
        // Boolean
        { "Boolean", "a = true\nb = false" },
        // Array
        { "Array", "integers = [ 1, 2, 3 ]\ncolors = [ \"red\", 'yellow', \"green\" ]\nnested = [ [ 1, 2 ], [3, 4, 5] ]" },
        { "Array", "nested_mixed = [ [ 1, 2 ], [\"a\", \"b\", \"c\"] ]\nstring_array = [ \"all\", 'strings' ]\nmixed = [ 1, \"a\", true ]" },
        { "Array", "a = []\nb = [ ]\nc = [\n]" },
        { "Array", "integers2 = [\n  1, 2, 3\n]\nintegers3 = [\n  1,\n  2, # this is ok\n]" },
        { "Array", "a = [ # comment\n  1, # one\n  # a line of its own\n  2\n  ,3\n]" },
        { "Array", "a = [[[[1]]]]" },
        // Table
        { "Table", "[table]" },
        { "Table", "[table-1]\nkey1 = \"some string\"\nkey2 = 123\n\n[table-2]\nkey1 = \"another string\"\nkey2 = 456" },
        { "Table", "[dog.\"tater.man\"]\ntype.name = \"pug\"" },
        { "Table", "[a.b.c]\n[ d.e.f ]\n[ g .  h  . i ]\n[ j . \"\u0281\u0254\" . 'l' ]" },
        { "Table", "[x.y.z.w]\n[x]" },
        { "Table", "[fruit]\napple.color = \"red\"\napple.taste.sweet = true\n[fruit.apple.texture]\nsmooth = true" },
        { "Table", "top = 1\n[t]\nx = 1" },
        { "Table", "[a.b]\nc = 1\n[a]\nd = 2" },
        { "Table", "[animal]\n[fruit.apple]\n[fruit.orange]" },
        { "Table", "[\"\"]\na = 1" },
        // Array of Tables
        { "Array of Tables", "[[products]]\nname = \"Hammer\"\nsku = 738594937\n\n[[products]]  # empty table within the array\n\n[[products]]\nname = \"Nail\"" },
        { "Array of Tables", "[[fruits]]\nname = \"apple\"\n[fruits.physical]\ncolor = \"red\"\n[[fruits.varieties]]\nname = \"red delicious\"\n[[fruits.varieties]]\nname = \"granny smith\"\n[[fruits]]\nname = \"banana\"\n[[fruits.varieties]]\nname = \"plantain\"" },
        { "Array of Tables", "[[a]]\n[a.b]\nc.d = 1" },
        { "Array of Tables", "[ [ spaced ] ]".Replace("[ [", "[[").Replace("] ]", "]]") },
    };

    public static TheoryData<string, string> Invalid => new()
    {
        // Spec
        { "Spec", "a = 1\rb = 2" },
        { "Spec", "a = 1\u000b" },
        // Comment
        { "Comment", "# \u0001" },
        { "Comment", "# \u007f" },
        { "Comment", "# \u0000" },
        { "Comment", "a = 1 # \u001f" },
        // Key/Value Pair
        { "Key/Value Pair", "key = # INVALID" },
        { "Key/Value Pair", "first = \"Tom\" last = \"Preston-Werner\" # INVALID" },
        { "Key/Value Pair", "key" },
        { "Key/Value Pair", "key value" },
        { "Key/Value Pair", "= \"no key name\"" },
        { "Key/Value Pair", "key =\n1" },
        // Keys
        { "Keys", "a+b = 1" },
        { "Keys", "a$ = 1" },
        { "Keys", "\"unterminated = 1" },
        { "Keys", "a. = 1" },
        { "Keys", ".a = 1" },
        { "Keys", "a..b = 1" },
        { "Keys", "name = \"Tom\"\nname = \"Pradyun\"" },
        { "Keys", "spelling = \"favorite\"\n\"spelling\" = \"favourite\"" },
        { "Keys", "fruit.apple = 1\nfruit.apple.smooth = true" },
        { "Keys", "a.b = 1\na = 2" },
        { "Keys", "a\n= 1" },
        // String: basic
        { "String", "s = \"unterminated" },
        { "String", "s = \"two\nlines\"" },
        { "String", "s = \"\\x41\"" },
        { "String", "s = \"\\q\"" },
        { "String", "s = \"\\u00\"" },
        { "String", "s = \"\\U0000004\"" },
        { "String", "s = \"\\uD800\"" },
        { "String", "s = \"\\uDFFF\"" },
        { "String", "s = \"\\U00110000\"" },
        { "String", "s = \"\u0000\"" },
        { "String", "s = \"\u0008\"" },
        { "String", "s = \"\u007f\"" },
        { "String", "s = \"trailing backslash\\\"" },
        // String: literal
        { "String", "s = 'unterminated" },
        { "String", "s = 'a\u0001b'" },
        { "String", "s = 'a\u007fb'" },
        { "String", "s = 'one' 'two'" },
        { "String", "s = 'it's'" },
        // Integer
        { "Integer", "a = 01" },
        { "Integer", "a = +01" },
        { "Integer", "a = 1__000" },
        { "Integer", "a = _1" },
        { "Integer", "a = 1_" },
        { "Integer", "a = 0x_1" },
        { "Integer", "a = 0x" },
        { "Integer", "a = 0xG" },
        { "Integer", "a = 0o8" },
        { "Integer", "a = 0b2" },
        { "Integer", "a = +0x1" },
        { "Integer", "a = -0b1" },
        { "Integer", "a = 0X1" },
        { "Integer", "a = 9223372036854775808" },
        { "Integer", "a = -9223372036854775809" },
        { "Integer", "a = 0x1_0000_0000_0000_0000" },
        { "Integer", "a = 1a" },
        { "Integer", "a = ++1" },
        // Boolean
        { "Boolean", "a = True" },
        { "Boolean", "a = FALSE" },
        { "Boolean", "a = truee" },
        { "Boolean", "a = tru" },
        // Array
        { "Array", "a = [1 2]" },
        { "Array", "a = [,]" },
        { "Array", "a = [1,,2]" },
        { "Array", "a = [1" },
        { "Array", "a = [\n1,\n" },
        { "Array", "a = ]" },
        { "Array", "a = [1]]" },
        { "Array", "a = [ \"a\" \"b\" ]" },
        // Table
        { "Table", "[fruit]\napple = \"red\"\n[fruit]\norange = \"orange\"" },
        { "Table", "[fruit]\napple = \"red\"\n[fruit.apple]\ntexture = \"smooth\"" },
        { "Table", "[fruit]\napple.color = \"red\"\n[fruit.apple]" },
        { "Table", "[fruit]\napple.taste.sweet = true\n[fruit.apple.taste]" },
        { "Table", "a.b = 1\n[a]" },
        { "Table", "[a.b]\n[a]\nb.c = 1" },
        { "Table", "[a]\n[a.b]\n[a]" },
        { "Table", "[]" },
        { "Table", "[a" },
        { "Table", "[a]]" },
        { "Table", "[a] b = 1" },
        { "Table", "[a.]" },
        { "Table", "[.a]" },
        { "Table", "[a..b]" },
        { "Table", "[a b]" },
        { "Table", "a = 1\n[a]" },
        { "Table", "a = 1\n[a.b]" },
        // Array of Tables
        { "Array of Tables", "[[a]" },
        { "Array of Tables", "[[a]]]" },
        { "Array of Tables", "[[]]" },
        { "Array of Tables", "[ [a]]" },
        { "Array of Tables", "[[a] ]" },
        { "Array of Tables", "[[fruits]]\nname = \"apple\"\n[[fruits.varieties]]\nname = \"red delicious\"\n[fruits.varieties]\nname = \"granny smith\"" },
        { "Array of Tables", "[fruit.physical]\ncolor = \"red\"\n[[fruit]]\nname = \"apple\"" },
        { "Array of Tables", "fruits = []\n[[fruits]]" },
        { "Array of Tables", "[[a]]\n[a]" },
        { "Array of Tables", "[[t.arr]]\n[t]\narr.x = 1" },
        { "Array of Tables", "[[a]]\nb = 1\nb = 2" },
    };

    /// <summary>Each construct of TOML 1.0 the subset leaves out, and the words its message must contain.</summary>
    public static TheoryData<string, string, string> Unsupported => new()
    {
        { "String (multi-line basic)", "s = \"\"\"\nRoses\"\"\"", "multi-line strings (\"\"\") are not supported" },
        { "String (multi-line literal)", "s = '''\nRoses'''", "multi-line literal strings (''') are not supported" },
        { "Float (fractional)", "f = 3.1415", "is a floating-point number" },
        { "Float (exponent)", "f = 5e+22", "is a floating-point number" },
        { "Float (both)", "f = 6.626e-34", "is a floating-point number" },
        { "Float (signed)", "f = -0.01", "is a floating-point number" },
        { "Float (underscores)", "f = 224_617.445_991_228", "is a floating-point number" },
        { "Float (infinity)", "f = inf", "is a floating-point infinity" },
        { "Float (signed infinity)", "f = -inf", "is a floating-point infinity" },
        { "Float (NaN)", "f = nan", "is a floating-point NaN" },
        { "Float (signed NaN)", "f = +nan", "is a floating-point NaN" },
        { "Offset Date-Time", "d = 1979-05-27T07:32:00Z", "is a date-time with an offset" },
        { "Offset Date-Time (offset)", "d = 1979-05-27T00:32:00-07:00", "is a date-time with an offset" },
        { "Offset Date-Time (space)", "d = 1979-05-27 07:32:00Z", "is a date-time with an offset" },
        { "Local Date-Time", "d = 1979-05-27T07:32:00", "is a local date-time" },
        { "Local Date-Time (fraction)", "d = 1979-05-27T00:32:00.999999", "is a local date-time" },
        { "Local Date", "d = 1979-05-27", "is a date" },
        { "Local Time", "t = 07:32:00", "is a time of day" },
        { "Local Time (fraction)", "t = 00:32:00.999999", "is a time of day" },
        { "Inline Table", "name = { first = \"Tom\", last = \"Preston-Werner\" }", "inline tables are not supported" },
        { "Inline Table (empty)", "t = {}", "inline tables are not supported" },
        { "Inline Table (in an array)", "points = [ { x = 1 } ]", "inline tables are not supported" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Valid_toml_is_accepted(string section, string toml) =>
        Assert.True(Parse(toml).Count == 0, $"{section}: rejected {toml}\n{string.Join("\n", Parse(toml))}");

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_toml_is_rejected(string section, string toml) =>
        Assert.True(Parse(toml).Count > 0, $"{section}: accepted {toml}");

    [Theory]
    [MemberData(nameof(Unsupported))]
    public void A_construct_outside_the_subset_is_refused_by_name(string construct, string toml, string message)
    {
        List<ManifestProblem> problems = Parse(toml);
        Assert.True(problems.Count > 0, $"{construct}: accepted {toml}");
        Assert.Contains(message, problems[0].Message);
    }
}
