namespace System;

/// <summary>Ordinal string order (the catalog and the name service sort names with it).</summary>
public sealed class StringComparer : Collections.Generic.IComparer<string>
{
    public static StringComparer Ordinal { get; } = new StringComparer();

    public int Compare(string? left, string? right) => string.CompareOrdinal(left, right);
}
