namespace Kaal.User.Arm64.Analysis;

/// <summary>
/// On a `format` parameter: the formats this library prints (a regular expression over the whole format) and how to
/// say so to a person. The EL0-API analyzer checks interpolation holes against it at build time, so a format the
/// runtime would stop on never reaches the CPU.
/// </summary>
[System.AttributeUsage(System.AttributeTargets.Parameter)]
public sealed class El0FormatAttribute : System.Attribute
{
    public El0FormatAttribute(string pattern, string description)
    {
        Pattern = pattern;
        Description = description;
    }

    public string Pattern { get; }

    public string Description { get; }
}
