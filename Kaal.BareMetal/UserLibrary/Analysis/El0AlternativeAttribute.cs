namespace Kaal.User.Arm64.Analysis;

/// <summary>
/// Advice for a .NET API this library does not offer, by documentation ID (`T:System.Collections.Generic.HashSet`1`,
/// a member's `M:...`, or `N:System.Linq` for a whole namespace): the EL0-API analyzer shipped with Kaal.Sdk puts it
/// in its error. Only advice lives here; what the library offers is read from its declarations.
/// </summary>
[System.AttributeUsage(System.AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class El0AlternativeAttribute : System.Attribute
{
    public El0AlternativeAttribute(string api, string use)
    {
        Api = api;
        Use = use;
    }

    public string Api { get; }

    public string Use { get; }
}
