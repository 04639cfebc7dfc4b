namespace Kaal.Sdk.Manifest;

public enum TomlTokenKind
{
    /// <summary>Letters, digits, '_', '-', '+': a bare key, or in value position an integer or boolean.</summary>
    Bare,
    BasicString,
    LiteralString,
    Equals,
    Dot,
    Comma,
    /// <summary>Never TOML punctuation in the subset; lexed so a time or date-time value ("07:32:00") reaches the
    /// parser whole and is named for what it is, instead of failing as a stray character.</summary>
    Colon,
    LeftBracket,
    RightBracket,
    LeftBrace,
    RightBrace,
    Newline,
    EndOfFile,
    /// <summary>Something the lexer could not read; it already reported why, the parser only skips the line.</summary>
    Invalid,
}

/// <summary>A token: for strings, <see cref="Text"/> is the decoded value (escapes resolved); otherwise the source text.</summary>
public readonly record struct TomlToken(TomlTokenKind Kind, string Text, SourceLocation Location, int End)
{
    public string Describe() => Kind switch
    {
        TomlTokenKind.Newline => "end of line",
        TomlTokenKind.EndOfFile => "end of file",
        TomlTokenKind.BasicString or TomlTokenKind.LiteralString => $"string \"{Text}\"",
        TomlTokenKind.Invalid => "an invalid token",
        _ => $"'{Text}'",
    };
}
