using System.Collections.Generic;
using System.Globalization;

namespace Kaal.Sdk.Manifest;

/// <summary>Parses the TOML 1.0 subset the manifest needs: [tables], [[arrays of tables]], dotted keys, basic and
/// literal strings, integers (decimal, 0x/0o/0b, underscores), booleans, arrays (multi-line, trailing comma) and
/// comments. Floats, dates, inline tables and multi-line strings are rejected by name. After an error the parser
/// reports it and resumes at the next line, so one run lists every syntax problem.</summary>
public sealed class TomlParser
{
    /// <summary>Bounds nesting so a hostile file ("[[[[[[...") cannot overflow the stack.</summary>
    private const int MaxArrayDepth = 32;

    private readonly List<TomlToken> _tokens;
    private readonly List<ManifestProblem> _problems;
    private readonly TomlTable _root;
    private TomlTable _current;
    private int _openArrays;
    private int _index;

    private TomlParser(List<TomlToken> tokens, string file, List<ManifestProblem> problems)
    {
        _tokens = tokens;
        _problems = problems;
        _root = new TomlTable(new SourceLocation(file, 1, 1)) { ExplicitlyDefined = true };
        _current = _root;
    }

    /// <summary>Parses <paramref name="text"/>; problems are appended to <paramref name="problems"/>, and the
    /// returned root table holds everything that parsed.</summary>
    public static TomlTable Parse(string text, string file, List<ManifestProblem> problems)
    {
        List<TomlToken> tokens = new TomlLexer(text, file, problems).Tokenize();
        var parser = new TomlParser(tokens, file, problems);
        parser.ParseDocument();
        return parser._root;
    }

    private TomlToken Peek => _tokens[_index];

    private TomlToken Advance()
    {
        TomlToken token = _tokens[_index];
        if (token.Kind != TomlTokenKind.EndOfFile) _index++;
        return token;
    }

    /// <summary>Thrown only inside the parser to abandon the current line; never escapes <see cref="Parse"/>.</summary>
    private sealed class LineAbandoned : System.Exception
    {
    }

    private LineAbandoned Fail(TomlToken at, string message)
    {
        // An Invalid token was already reported by the lexer; a second message about it would be noise.
        if (at.Kind != TomlTokenKind.Invalid) _problems.Add(new ManifestProblem(at.Location, message));
        return new LineAbandoned();
    }

    private LineAbandoned FailAt(SourceLocation location, string message)
    {
        _problems.Add(new ManifestProblem(location, message));
        return new LineAbandoned();
    }

    private void ParseDocument()
    {
        while (Peek.Kind != TomlTokenKind.EndOfFile)
        {
            if (Peek.Kind == TomlTokenKind.Newline) { Advance(); continue; }
            try
            {
                if (Peek.Kind == TomlTokenKind.LeftBracket) ParseTableHeader();
                else ParseKeyValue();
                ExpectLineEnd();
            }
            catch (LineAbandoned)
            {
                int openArrays = _openArrays;
                _openArrays = 0;
                if (openArrays > 0) SkipRestOfArray(openArrays);
                SkipToNextLine();
            }
        }
    }

    /// <summary>After an error inside a multi-line array, skips to its closing ']' so the array's remaining lines
    /// are not misread as statements; stops early at a line that clearly starts a new statement (a missing ']').</summary>
    private void SkipRestOfArray(int openArrays)
    {
        while (Peek.Kind != TomlTokenKind.EndOfFile)
        {
            TomlToken token = Peek;
            if (token.Kind == TomlTokenKind.Newline && StartsStatement(_index + 1)) return;
            Advance();
            if (token.Kind == TomlTokenKind.LeftBracket) openArrays++;
            if (token.Kind == TomlTokenKind.RightBracket && --openArrays == 0) return;
        }
    }

    private bool StartsStatement(int index)
    {
        TomlToken first = _tokens[index < _tokens.Count ? index : _tokens.Count - 1];
        if (first.Kind == TomlTokenKind.LeftBracket) return first.Location.Column == 1;
        if (first.Kind is not (TomlTokenKind.Bare or TomlTokenKind.BasicString or TomlTokenKind.LiteralString)) return false;
        TomlToken second = _tokens[index + 1 < _tokens.Count ? index + 1 : _tokens.Count - 1];
        return second.Kind is TomlTokenKind.Equals or TomlTokenKind.Dot;
    }

    private void SkipToNextLine()
    {
        while (Peek.Kind is not (TomlTokenKind.Newline or TomlTokenKind.EndOfFile)) Advance();
    }

    private void ExpectLineEnd()
    {
        TomlToken token = Peek;
        if (token.Kind is TomlTokenKind.Newline or TomlTokenKind.EndOfFile) return;
        throw Fail(token, $"expected end of line, got {token.Describe()}");
    }

    private void ParseTableHeader()
    {
        TomlToken open = Advance();
        bool isArray = Peek.Kind == TomlTokenKind.LeftBracket && Peek.Location.Line == open.Location.Line && Peek.Location.Column == open.Location.Column + 1;
        if (isArray) Advance();
        List<(string Key, SourceLocation Location)> path = ParseKey(isArray ? "after '[['" : "after '['");
        TomlToken close = Advance();
        if (close.Kind != TomlTokenKind.RightBracket) throw Fail(close, $"expected '{(isArray ? "]]" : "]")}' after table name '{Join(path)}', got {close.Describe()}");
        if (isArray)
        {
            TomlToken second = Advance();
            if (second.Kind != TomlTokenKind.RightBracket || second.Location.Column != close.Location.Column + 1)
                throw Fail(second, $"expected ']]' to close array of tables '{Join(path)}'");
        }
        TomlTable parent = Navigate(path, path.Count - 1, _root);
        (string name, SourceLocation location) = path[^1];
        if (isArray)
        {
            var table = new TomlTable(open.Location) { ExplicitlyDefined = true };
            if (!parent.TryGet(name, out TomlEntry existing))
            {
                parent.Add(new TomlEntry(name, location, new TomlTableArray(new List<TomlTable> { table }, open.Location)));
            }
            else if (existing.Value is TomlTableArray tables)
            {
                tables.Tables.Add(table);
            }
            else
            {
                throw FailAt(location, $"'{Join(path)}' is already {Article(existing.Value.TypeName)} (line {existing.KeyLocation.Line}), not an array of tables");
            }
            _current = table;
            return;
        }
        if (parent.TryGet(name, out TomlEntry previous))
        {
            if (previous.Value is TomlTable implicitTable && !implicitTable.ExplicitlyDefined)
            {
                implicitTable.ExplicitlyDefined = true;
                _current = implicitTable;
                return;
            }
            throw FailAt(location, $"table '{Join(path)}' is defined twice (first at line {previous.KeyLocation.Line})");
        }
        var defined = new TomlTable(open.Location) { ExplicitlyDefined = true };
        parent.Add(new TomlEntry(name, location, defined));
        _current = defined;
    }

    /// <summary>Walks (creating implicit tables) the first <paramref name="count"/> parts of a dotted key. A part
    /// naming an array of tables continues in its last table, as TOML specifies.</summary>
    private TomlTable Navigate(List<(string Key, SourceLocation Location)> path, int count, TomlTable start)
    {
        TomlTable table = start;
        for (int part = 0; part < count; part++)
        {
            (string key, SourceLocation location) = path[part];
            if (!table.TryGet(key, out TomlEntry entry))
            {
                var created = new TomlTable(location);
                table.Add(new TomlEntry(key, location, created));
                table = created;
                continue;
            }
            table = entry.Value switch
            {
                TomlTable existing => existing,
                TomlTableArray array => array.Tables[^1],
                _ => throw FailAt(location, $"'{key}' is {Article(entry.Value.TypeName)} (line {entry.KeyLocation.Line}), so it cannot hold keys"),
            };
        }
        return table;
    }

    private static string Article(string typeName) => (typeName[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an " : "a ") + typeName;

    private static string Join(List<(string Key, SourceLocation Location)> path)
    {
        var names = new string[path.Count];
        for (int i = 0; i < path.Count; i++) names[i] = path[i].Key;
        return string.Join('.', names);
    }

    private List<(string Key, SourceLocation Location)> ParseKey(string context)
    {
        var path = new List<(string, SourceLocation)>();
        while (true)
        {
            TomlToken token = Advance();
            switch (token.Kind)
            {
                case TomlTokenKind.Bare:
                    foreach (char c in token.Text)
                        if (c == '+') throw Fail(token, $"'+' is not allowed in a bare key ('{token.Text}'); quote the key");
                    path.Add((token.Text, token.Location));
                    break;
                case TomlTokenKind.BasicString:
                case TomlTokenKind.LiteralString:
                    path.Add((token.Text, token.Location));
                    break;
                default:
                    throw Fail(token, path.Count == 0 ? $"expected a key {context}, got {token.Describe()}" : $"expected a key after '.', got {token.Describe()}");
            }
            if (Peek.Kind != TomlTokenKind.Dot) return path;
            Advance();
        }
    }

    private void ParseKeyValue()
    {
        List<(string Key, SourceLocation Location)> path = ParseKey("at the start of a line");
        TomlToken equals = Advance();
        if (equals.Kind != TomlTokenKind.Equals) throw Fail(equals, $"expected '=' after key '{Join(path)}', got {equals.Describe()}");
        TomlValue value = ParseValue(Join(path), 0);
        TomlTable table = Navigate(path, path.Count - 1, _current);
        (string name, SourceLocation location) = path[^1];
        if (table.TryGet(name, out TomlEntry existing))
        {
            _problems.Add(new ManifestProblem(location, $"duplicate key '{Join(path)}' (first defined at line {existing.KeyLocation.Line})"));
            return;
        }
        table.Add(new TomlEntry(name, location, value));
    }

    private TomlValue ParseValue(string key, int depth)
    {
        TomlToken token = Advance();
        switch (token.Kind)
        {
            case TomlTokenKind.BasicString:
            case TomlTokenKind.LiteralString:
                return new TomlString(token.Text, token.Location);
            case TomlTokenKind.Bare:
                return ParseBareValue(token, key);
            case TomlTokenKind.LeftBracket:
                return ParseArray(token, key, depth + 1);
            case TomlTokenKind.LeftBrace:
                throw Fail(token, $"inline tables are not supported in the manifest (value of '{key}')");
            default:
                throw Fail(token, $"expected a value for '{key}' (string, integer, boolean or array), got {token.Describe()}");
        }
    }

    private TomlValue ParseBareValue(TomlToken token, string key)
    {
        string text = token.Text;
        if (text == "true") return new TomlBoolean(true, token.Location);
        if (text == "false") return new TomlBoolean(false, token.Location);
        if (Peek.Kind == TomlTokenKind.Dot && Peek.Location.Column == token.Location.Column + text.Length && IsDecimalStart(text))
            throw Fail(token, $"floating-point numbers are not supported in the manifest (value of '{key}')");
        if (text.Length > 0 && (char.IsAsciiDigit(text[0]) || ((text[0] == '+' || text[0] == '-') && text.Length > 1 && char.IsAsciiDigit(text[1]))))
        {
            if (TryParseInteger(text, out long value, out string? why)) return new TomlInteger(value, token.Location);
            throw Fail(token, $"invalid integer '{text}' for '{key}': {why}");
        }
        throw Fail(token, $"expected a value for '{key}' (string, integer, boolean or array), got '{text}'; strings need quotes: \"{text}\"");
    }

    private static bool IsDecimalStart(string text) => text.Length > 0 && (char.IsAsciiDigit(text[^1]));

    /// <summary>TOML integers: optional sign, no leading zeros, '_' only between digits; 0x/0o/0b unsigned, without sign.</summary>
    public static bool TryParseInteger(string text, out long value, out string? why)
    {
        value = 0;
        bool negative = false;
        string body = text;
        if (body.StartsWith('+') || body.StartsWith('-'))
        {
            negative = body[0] == '-';
            body = body.Substring(1);
        }
        int radix = 10;
        if (body.Length > 1 && body[0] == '0' && body[1] is 'x' or 'o' or 'b')
        {
            if (text != body) { why = "a sign is not allowed on hexadecimal, octal or binary integers"; return false; }
            radix = body[1] switch { 'x' => 16, 'o' => 8, _ => 2 };
            body = body.Substring(2);
        }
        else if (body.Length > 1 && body[0] == '0')
        {
            why = "leading zeros are not allowed (write 0x... for hexadecimal)";
            return false;
        }
        if (body.Length == 0) { why = "expected digits"; return false; }
        if (body[0] == '_' || body[^1] == '_' || body.Contains("__")) { why = "'_' must be between two digits"; return false; }
        ulong magnitude = 0;
        foreach (char c in body)
        {
            if (c == '_') continue;
            int digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => 99,
            };
            if (digit >= radix) { why = $"'{c}' is not a base-{radix} digit"; return false; }
            if (magnitude > (ulong.MaxValue - (ulong)digit) / (ulong)radix) { why = "it does not fit in 64 bits"; return false; }
            magnitude = magnitude * (ulong)radix + (ulong)digit;
        }
        ulong limit = negative ? (ulong)long.MaxValue + 1 : long.MaxValue;
        if (magnitude > limit) { why = "it does not fit in a signed 64-bit integer"; return false; }
        value = negative ? (long)(0 - magnitude) : (long)magnitude;
        why = null;
        return true;
    }

    private TomlValue ParseArray(TomlToken open, string key, int depth)
    {
        _openArrays++;
        if (depth > MaxArrayDepth) throw Fail(open, $"arrays nested deeper than {MaxArrayDepth} levels");
        var items = new List<TomlValue>();
        while (true)
        {
            SkipNewlines();
            if (Peek.Kind == TomlTokenKind.RightBracket) { Advance(); break; }
            if (Peek.Kind == TomlTokenKind.EndOfFile) throw Fail(Peek, $"expected ']' to close the array of '{key}' opened at line {open.Location.Line}, got end of file");
            items.Add(ParseValue(key, depth));
            SkipNewlines();
            TomlToken separator = Advance();
            if (separator.Kind == TomlTokenKind.RightBracket) break;
            if (separator.Kind != TomlTokenKind.Comma) throw Fail(separator, $"expected ',' or ']' in the array of '{key}', got {separator.Describe()}");
        }
        _openArrays--;
        return new TomlArray(items, open.Location);
    }

    private void SkipNewlines()
    {
        while (Peek.Kind == TomlTokenKind.Newline) Advance();
    }
}
