using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Kaal.Sdk.Manifest;

/// <summary>Turns manifest text into tokens. Problems (unterminated strings, bad escapes, stray characters) are
/// reported and become <see cref="TomlTokenKind.Invalid"/> tokens, so lexing always reaches the end of the file.</summary>
public sealed class TomlLexer
{
    private readonly string _text;
    private readonly string _file;
    private readonly List<ManifestProblem> _problems;
    private int _position;
    private int _line = 1;
    private int _lineStart;

    public TomlLexer(string text, string file, List<ManifestProblem> problems)
    {
        _text = text;
        _file = file;
        _problems = problems;
    }

    public List<TomlToken> Tokenize()
    {
        var tokens = new List<TomlToken>();
        while (true)
        {
            TomlToken token = Next();
            tokens.Add(token);
            if (token.Kind == TomlTokenKind.EndOfFile) return tokens;
        }
    }

    private SourceLocation Here(int position) => new(_file, _line, position - _lineStart + 1);

    private void Report(int position, string message) => _problems.Add(new ManifestProblem(Here(position), message));

    private TomlToken Make(TomlTokenKind kind, int start, string text) => new(kind, text, Here(start), _position);

    private TomlToken Next()
    {
        while (_position < _text.Length)
        {
            char c = _text[_position];
            if (c == ' ' || c == '\t') { _position++; continue; }
            if (c == '#') { SkipComment(); continue; }
            break;
        }
        int start = _position;
        if (_position >= _text.Length) return Make(TomlTokenKind.EndOfFile, start, "");
        char current = _text[_position];
        switch (current)
        {
            case '\n':
            case '\r':
                return LexNewline(start);
            case '=': _position++; return Make(TomlTokenKind.Equals, start, "=");
            case '.': _position++; return Make(TomlTokenKind.Dot, start, ".");
            case ',': _position++; return Make(TomlTokenKind.Comma, start, ",");
            case ':': _position++; return Make(TomlTokenKind.Colon, start, ":");
            case '[': _position++; return Make(TomlTokenKind.LeftBracket, start, "[");
            case ']': _position++; return Make(TomlTokenKind.RightBracket, start, "]");
            case '{': _position++; return Make(TomlTokenKind.LeftBrace, start, "{");
            case '}': _position++; return Make(TomlTokenKind.RightBrace, start, "}");
            case '"': return LexBasicString(start);
            case '\'': return LexLiteralString(start);
        }
        if (IsBareChar(current))
        {
            while (_position < _text.Length && IsBareChar(_text[_position])) _position++;
            return Make(TomlTokenKind.Bare, start, _text.Substring(start, _position - start));
        }
        _position++;
        Report(start, $"unexpected character {DescribeChar(current)}");
        return Make(TomlTokenKind.Invalid, start, current.ToString());
    }

    /// <summary>'+' is not legal in a bare key, but lexing it here lets the parser give "+5" a precise message.</summary>
    private static bool IsBareChar(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '-' or '+';

    /// <summary>TOML's control characters: U+0000-U+001F but tab, and DEL; none may appear raw in a comment or string.</summary>
    private static bool IsControl(char c) => c < ' ' && c != '\t' || c == 127;

    private static string DescribeChar(char c) => c < ' ' || c == 127 ? $"U+{(int)c:X4}" : $"'{c}'";

    private void SkipComment()
    {
        while (_position < _text.Length && _text[_position] != '\n' && _text[_position] != '\r')
        {
            char c = _text[_position];
            if (IsControl(c)) Report(_position, $"control character {DescribeChar(c)} is not allowed in a comment");
            _position++;
        }
    }

    private TomlToken LexNewline(int start)
    {
        if (_text[_position] == '\r')
        {
            if (_position + 1 >= _text.Length || _text[_position + 1] != '\n')
            {
                _position++;
                Report(start, "a carriage return must be followed by a line feed");
                return Make(TomlTokenKind.Invalid, start, "\r");
            }
            _position++;
        }
        TomlToken token = Make(TomlTokenKind.Newline, start, "\n");
        _position++;
        _line++;
        _lineStart = _position;
        return token with { End = _position };
    }

    private bool AtLineEnd() => _position >= _text.Length || _text[_position] == '\n' || _text[_position] == '\r';

    private TomlToken LexLiteralString(int start)
    {
        if (_text.AsSpan(_position).StartsWith("'''"))
            return Unsupported(start, "multi-line literal strings (''') are not supported in the manifest");
        _position++;
        int contentStart = _position;
        bool valid = true;
        while (!AtLineEnd() && _text[_position] != '\'')
        {
            if (IsControl(_text[_position]))
            {
                Report(_position, $"control character {DescribeChar(_text[_position])} is not allowed in a literal string (a basic string \"...\" can escape it)");
                valid = false;
            }
            _position++;
        }
        if (AtLineEnd())
        {
            Report(start, "unterminated string: expected a closing ' before the end of the line");
            return Make(TomlTokenKind.Invalid, start, "'");
        }
        string value = _text.Substring(contentStart, _position - contentStart);
        _position++;
        return Make(valid ? TomlTokenKind.LiteralString : TomlTokenKind.Invalid, start, value);
    }

    private TomlToken Unsupported(int start, string message)
    {
        Report(start, message);
        while (!AtLineEnd()) _position++;
        return Make(TomlTokenKind.Invalid, start, "");
    }

    private TomlToken LexBasicString(int start)
    {
        if (_text.AsSpan(_position).StartsWith("\"\"\""))
            return Unsupported(start, "multi-line strings (\"\"\") are not supported in the manifest");
        _position++;
        var value = new StringBuilder();
        bool valid = true;
        while (true)
        {
            if (AtLineEnd())
            {
                Report(start, "unterminated string: expected a closing \" before the end of the line");
                return Make(TomlTokenKind.Invalid, start, "\"");
            }
            char c = _text[_position];
            if (c == '"') { _position++; break; }
            if (c == '\\')
            {
                valid &= LexEscape(value);
                continue;
            }
            if (IsControl(c))
            {
                Report(_position, $"control character {DescribeChar(c)} must be escaped in a string");
                valid = false;
            }
            value.Append(c);
            _position++;
        }
        return valid ? Make(TomlTokenKind.BasicString, start, value.ToString()) : Make(TomlTokenKind.Invalid, start, value.ToString());
    }

    private bool LexEscape(StringBuilder value)
    {
        int escapeStart = _position;
        _position++;
        if (AtLineEnd())
        {
            Report(escapeStart, "expected an escape character after '\\'");
            return false;
        }
        char e = _text[_position++];
        switch (e)
        {
            case 'b': value.Append('\b'); return true;
            case 't': value.Append('\t'); return true;
            case 'n': value.Append('\n'); return true;
            case 'f': value.Append('\f'); return true;
            case 'r': value.Append('\r'); return true;
            case '"': value.Append('"'); return true;
            case '\\': value.Append('\\'); return true;
            case 'u': return LexUnicodeEscape(escapeStart, 4, value);
            case 'U': return LexUnicodeEscape(escapeStart, 8, value);
            default:
                Report(escapeStart, $"unknown escape '\\{e}' (expected one of \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX)");
                return false;
        }
    }

    private bool LexUnicodeEscape(int escapeStart, int digits, StringBuilder value)
    {
        int available = 0;
        while (available < digits && _position + available < _text.Length && IsHexDigit(_text[_position + available])) available++;
        if (available < digits)
        {
            Report(escapeStart, $"expected {digits} hexadecimal digits after '\\{(digits == 4 ? 'u' : 'U')}'");
            _position += available;
            return false;
        }
        uint scalar = uint.Parse(_text.AsSpan(_position, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        _position += digits;
        if (scalar > 0x10FFFF || scalar is >= 0xD800 and <= 0xDFFF)
        {
            Report(escapeStart, $"U+{scalar:X} is not a Unicode scalar value");
            return false;
        }
        value.Append(char.ConvertFromUtf32((int)scalar));
        return true;
    }

    private static bool IsHexDigit(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');
}
