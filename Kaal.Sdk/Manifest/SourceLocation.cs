namespace Kaal.Sdk.Manifest;

/// <summary>A position in a manifest file; line and column count from 1 (columns in UTF-16 code units, as editors show them).</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
