using System.Text.RegularExpressions;

namespace Kaal.Sdk.Manifest;

/// <summary>Names a TOML value the manifest's subset does not take (a date, a time, a float, infinity, NaN), so the
/// message says what the user wrote instead of how it fails to be an integer.</summary>
public static class TomlUnsupportedValue
{
    private static readonly Regex Date = new(@"^\d{4}-\d{2}-\d{2}$", RegexOptions.CultureInvariant);
    private static readonly Regex DateTime = new(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:", RegexOptions.CultureInvariant);
    private static readonly Regex Offset = new(@"([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant);
    private static readonly Regex Time = new(@"^\d{2}:\d{2}", RegexOptions.CultureInvariant);
    private static readonly Regex Float = new(@"^[+-]?\d[\d_]*(\.[\d_]*)?([eE][+-]?[\d_]*)?$", RegexOptions.CultureInvariant);

    /// <summary>The message for <paramref name="text"/> as the value of <paramref name="key"/>, or null if it is not
    /// one of the TOML values outside the subset.</summary>
    public static string? Describe(string text, string key)
    {
        string? what = Classify(text);
        return what is null ? null : $"{text} is {what}; the manifest takes no {Family(what)} (value of '{key}': the manifest's values are strings, integers, booleans and arrays)";
    }

    /// <summary>True for a local date (1979-05-27): a space and a time may follow it to make a date-time.</summary>
    public static bool IsDate(string text) => Date.IsMatch(text);

    private static string? Classify(string text)
    {
        string unsigned = text.TrimStart('+', '-');
        if (unsigned == "inf") return "a floating-point infinity";
        if (unsigned == "nan") return "a floating-point NaN";
        if (Date.IsMatch(text)) return "a date";
        if (DateTime.IsMatch(text)) return Offset.IsMatch(text) ? "a date-time with an offset" : "a local date-time";
        if (Time.IsMatch(text)) return "a time of day";
        if (Float.IsMatch(text) && (text.Contains('.') || text.Contains('e') || text.Contains('E'))) return "a floating-point number";
        return null;
    }

    private static string Family(string what) => what.Contains("floating") ? "floating-point numbers" : "dates or times";
}
