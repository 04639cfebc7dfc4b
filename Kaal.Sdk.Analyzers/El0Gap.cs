namespace Kaal.Sdk.Analyzers;

/// <summary>An API a component uses that the EL0 runtime lacks (as C# shows it), and what to use instead.</summary>
internal sealed class El0Gap(string api, string alternative)
{
    public string Api { get; } = api;

    public string Alternative { get; } = alternative;
}
