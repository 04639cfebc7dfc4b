namespace Kaal.Sdk.Manifest;

/// <summary>English for messages built from names: "an application", "a driver", "an integer".</summary>
public static class Wording
{
    public static string WithArticle(string noun) => (noun.Length > 0 && "aeiouAEIOU".Contains(noun[0]) ? "an " : "a ") + noun;
}
