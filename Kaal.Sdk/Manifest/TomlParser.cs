using System.Collections.Generic;
using System.Globalization;

namespace Kaal.Sdk.Manifest;

/// <summary>Parses the TOML 1.0 subset the manifest needs: [tables], [[arrays of tables]], dotted keys, basic and
/// literal strings, integers (decimal, 0x/0o/0b, underscores), booleans, arrays (multi-line, trailing comma) and
/// comments. Floats, dates, times, infinity, NaN, inline tables and multi-line strings are rejected by name. After an
/// error the parser reports it and resumes exactly at the next line (the line after the one the failing token is on),
/// so one run lists every syntax problem; a key whose value failed stays defined (as <see cref="TomlInvalid"/>), so
/// no later check calls it missing.</summary>
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
    private int _statementStart;

    private TomlParser(List<TomlToken> tokens, string file, List<ManifestProblem> problems)
    {
        _tokens = tokens;
        _problems = problems;
        _root = new TomlTable(new SourceLocation(file, 1, 1));
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

    /// <summary>Thrown only inside the parser to abandon the current line; never escapes <see cref="Parse"/>.
    /// <see cref="Token"/> is the index of the token the problem is about: recovery resumes after its line, so a
    /// failing line end (a key with nothing after it) never takes the next line with it.</summary>
    private sealed class LineAbandoned : System.Exception
    {
        public LineAbandoned(int token) => Token = token;

        public int Token { get; }
    }

    private LineAbandoned Fail(TomlToken at, string message)
    {
        // An Invalid token was already reported by the lexer; a second message about it would be noise.
        if (at.Kind != TomlTokenKind.Invalid) _problems.Add(new ManifestProblem(at.Location, message));
        return new LineAbandoned(IndexOf(at));
    }

    private LineAbandoned FailAt(SourceLocation location, string message)
    {
        _problems.Add(new ManifestProblem(location, message));
        return new LineAbandoned(_index);
    }

    /// <summary>The index of <paramref name="token"/>: it is always the current token or one just consumed.</summary>
    private int IndexOf(TomlToken token)
    {
        int index = System.Math.Min(_index, _tokens.Count - 1);
        while (index > 0 && _tokens[index].Location != token.Location) index--;
        return index;
    }

    private void ParseDocument()
    {
        while (Peek.Kind != TomlTokenKind.EndOfFile)
        {
            if (Peek.Kind == TomlTokenKind.Newline) { Advance(); continue; }
            _statementStart = _index;
            try
            {
                if (Peek.Kind == TomlTokenKind.LeftBracket) ParseTableHeader();
                else ParseKeyValue();
                ExpectLineEnd();
            }
            catch (LineAbandoned abandoned)
            {
                _index = System.Math.Max(System.Math.Min(abandoned.Token, _index), _statementStart);
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

    /// <summary>True if the line starting at token <paramref name="index"/> reads as a statement, never as an array
    /// item: a key (parts joined by '.') followed by '=', or a table header at column 1 whose name starts with a
    /// letter or '_' or is quoted (so "[1, 2]" at column 1 stays an item of a multi-line array).</summary>
    private bool StartsStatement(int index)
    {
        TomlToken At(int i) => _tokens[System.Math.Min(i, _tokens.Count - 1)];
        bool header = At(index).Kind == TomlTokenKind.LeftBracket && At(index).Location.Column == 1;
        if (header)
        {
            index++;
            if (At(index).Kind == TomlTokenKind.LeftBracket) index++;
            if (At(index).Kind == TomlTokenKind.Bare && !(char.IsAsciiLetter(At(index).Text[0]) || At(index).Text[0] == '_')) return false;
        }
        while (true)
        {
            if (At(index).Kind is not (TomlTokenKind.Bare or TomlTokenKind.BasicString or TomlTokenKind.LiteralString)) return false;
            index++;
            if (At(index).Kind != TomlTokenKind.Dot) return At(index).Kind == (header ? TomlTokenKind.RightBracket : TomlTokenKind.Equals);
            index++;
        }
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
        // Until this header proves good, keys below it land in a table nobody reads: after a broken header they are
        // still checked for syntax, but cannot pile up as duplicates in the table above it.
        _current = new TomlTable(open.Location);
        List<(string Key, SourceLocation Location)> path = ParseKey(isArray ? "after '[['" : "after '['");
        TomlToken close = Advance();
        if (close.Kind != TomlTokenKind.RightBracket) throw Fail(close, $"expected '{(isArray ? "]]" : "]")}' after table name '{Join(path)}', got {close.Describe()}");
        if (isArray)
        {
            TomlToken second = Advance();
            if (second.Kind != TomlTokenKind.RightBracket || second.Location.Column != close.Location.Column + 1)
                throw Fail(second, $"expected ']]' to close array of tables '{Join(path)}'");
        }
        TomlTable parent = Navigate(path, path.Count - 1, _root, byHeader: true);
        _current = isArray ? AppendTable(parent, path, open.Location) : DefineTable(parent, path, open.Location);
    }

    private TomlTable AppendTable(TomlTable parent, List<(string Key, SourceLocation Location)> path, SourceLocation header)
    {
        (string name, SourceLocation location) = path[^1];
        var table = new TomlTable(header);
        if (!parent.TryGet(name, out TomlEntry existing))
            parent.Add(new TomlEntry(name, location, new TomlTableArray(new List<TomlTable> { table }, header)));
        else if (existing.Value is TomlTableArray tables)
            tables.Tables.Add(table);
        else
            throw FailAt(location, $"'{Join(path)}' is already {Wording.WithArticle(existing.Value.TypeName)} (line {existing.KeyLocation.Line}), not an array of tables");
        return table;
    }

    private TomlTable DefineTable(TomlTable parent, List<(string Key, SourceLocation Location)> path, SourceLocation header)
    {
        (string name, SourceLocation location) = path[^1];
        if (!parent.TryGet(name, out TomlEntry previous))
        {
            var defined = new TomlTable(header);
            parent.Add(new TomlEntry(name, location, defined));
            return defined;
        }
        string table = Join(path);
        int line = previous.KeyLocation.Line;
        switch (previous.Value)
        {
            case TomlTable { Origin: TomlTableOrigin.HeaderParent } parentOfEarlier:
                parentOfEarlier.Origin = TomlTableOrigin.Header;
                return parentOfEarlier;
            case TomlTable { Origin: TomlTableOrigin.DottedKey }:
                throw FailAt(location, $"table '{table}' was created by a dotted key (line {line}); a [{table}] header cannot reopen it");
            case TomlTable:
                throw FailAt(location, $"table '{table}' is defined twice (first at line {line}); to declare several, write [[{table}]] before each");
            case TomlTableArray:
                throw FailAt(location, $"'{table}' is an array of tables (line {line}); [{table}] cannot also define it as a table (write [[{table}]] to add one more)");
            default:
                throw FailAt(location, $"'{table}' is already {Wording.WithArticle(previous.Value.TypeName)} (line {line}), not a table");
        }
    }

    /// <summary>Walks (creating implicit tables) the first <paramref name="count"/> parts of a dotted key or header.
    /// In a header, a part naming an array of tables continues in its last table, as TOML specifies; a dotted key
    /// may only walk through tables dotted keys created (TOML 1.0: it cannot add to a [header] table or an array).</summary>
    private TomlTable Navigate(List<(string Key, SourceLocation Location)> path, int count, TomlTable start, bool byHeader)
    {
        TomlTable table = start;
        for (int part = 0; part < count; part++)
        {
            (string key, SourceLocation location) = path[part];
            if (!table.TryGet(key, out TomlEntry entry))
            {
                var created = new TomlTable(location) { Origin = byHeader ? TomlTableOrigin.HeaderParent : TomlTableOrigin.DottedKey };
                table.Add(new TomlEntry(key, location, created));
                table = created;
                continue;
            }
            string name = Join(path.GetRange(0, part + 1));
            table = entry.Value switch
            {
                TomlTable existing when byHeader || existing.Origin == TomlTableOrigin.DottedKey => existing,
                TomlTable => throw FailAt(location, $"table '{name}' is defined by a [header] (line {entry.KeyLocation.Line}); a dotted key cannot add to it"),
                TomlTableArray array when byHeader => array.Tables[^1],
                TomlTableArray => throw FailAt(location, $"'{name}' is an array of tables (line {entry.KeyLocation.Line}); a dotted key cannot add to it"),
                _ => throw FailAt(location, $"'{key}' is {Wording.WithArticle(entry.Value.TypeName)} (line {entry.KeyLocation.Line}), so it cannot hold keys"),
            };
        }
        return table;
    }

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
        SourceLocation valueStart = Peek.Location;
        TomlValue value;
        try
        {
            value = ParseValue(Join(path), 0);
        }
        catch (LineAbandoned)
        {
            // The key was written: define it, so the schema neither calls it missing nor judges a default for it.
            Define(path, new TomlInvalid(valueStart));
            throw;
        }
        Define(path, value);
    }

    private void Define(List<(string Key, SourceLocation Location)> path, TomlValue value)
    {
        TomlTable table = Navigate(path, path.Count - 1, _current, byHeader: false);
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

    /// <summary>A value that is not a string or array: a boolean, an integer, or one of the TOML values the subset
    /// does not take, named as what it is. Its text runs over the tokens written without a space between them
    /// ("1979-05-27T07:32:00", "1.5e3"), and a date followed by a space and a time is a date-time.</summary>
    private TomlValue ParseBareValue(TomlToken token, string key)
    {
        string text = JoinAdjacent(token);
        if (text == "true") return new TomlBoolean(true, token.Location);
        if (text == "false") return new TomlBoolean(false, token.Location);
        if (TomlUnsupportedValue.Describe(text, key) is { } unsupported) throw Fail(token, unsupported);
        if (text.Length > 0 && (char.IsAsciiDigit(text[0]) || ((text[0] == '+' || text[0] == '-') && text.Length > 1 && char.IsAsciiDigit(text[1]))))
        {
            if (TryParseInteger(text, out long value, out string? why)) return new TomlInteger(value, token.Location);
            throw Fail(token, $"invalid integer '{text}' for '{key}': {why}");
        }
        throw Fail(token, $"expected a value for '{key}' (string, integer, boolean or array), got '{text}'; strings need quotes: \"{text}\"");
    }

    private string JoinAdjacent(TomlToken first)
    {
        var text = new System.Text.StringBuilder(first.Text);
        TomlToken last = first;
        while (true)
        {
            TomlToken next = Peek;
            bool touching = next.Location.Line == last.Location.Line && next.Location.Column == last.Location.Column + last.Text.Length;
            bool timeAfterDate = next.Kind == TomlTokenKind.Bare && next.Location.Line == last.Location.Line && next.Location.Column == last.Location.Column + last.Text.Length + 1
                && TomlUnsupportedValue.IsDate(text.ToString()) && _tokens[_index + 1].Kind == TomlTokenKind.Colon;
            if (!(touching && next.Kind is TomlTokenKind.Bare or TomlTokenKind.Dot or TomlTokenKind.Colon) && !timeAfterDate) return text.ToString();
            text.Append(timeAfterDate ? " " : "").Append(next.Text);
            last = Advance();
        }
    }


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
        // Checked before this array counts as open: recovery rescans from its '[' (the failing token).
        if (depth > MaxArrayDepth) throw Fail(open, $"arrays nested deeper than {MaxArrayDepth} levels");
        _openArrays++;
        var items = new List<TomlValue>();
        while (true)
        {
            SkipArrayNewlines(open, key);
            if (Peek.Kind == TomlTokenKind.RightBracket) { Advance(); break; }
            if (Peek.Kind == TomlTokenKind.EndOfFile) throw Fail(Peek, $"expected ']' to close the array of '{key}' opened at line {open.Location.Line}, got end of file");
            items.Add(ParseValue(key, depth));
            SkipArrayNewlines(open, key);
            TomlToken separator = Advance();
            if (separator.Kind == TomlTokenKind.RightBracket) break;
            if (separator.Kind != TomlTokenKind.Comma) throw Fail(separator, $"expected ',' or ']' in the array of '{key}', got {separator.Describe()}");
        }
        _openArrays--;
        return new TomlArray(items, open.Location);
    }

    /// <summary>Skips the line ends inside a multi-line array; a line that starts a statement ends it instead: the
    /// ']' is missing, and is reported at the end of the line before, so that statement is read.</summary>
    private void SkipArrayNewlines(TomlToken open, string key)
    {
        while (Peek.Kind == TomlTokenKind.Newline)
        {
            TomlToken lineEnd = Advance();
            if (StartsStatement(_index)) throw Fail(lineEnd, $"expected ']' to close the array of '{key}' opened at line {open.Location.Line}, got end of line");
        }
    }
}
