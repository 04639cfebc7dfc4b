using Kaal.Sdk.Runtime;

namespace Kaal.Sdk.Images;

/// <summary>What a component image's metadata section says about its binary (<see cref="ComponentMetadataLayout"/>).</summary>
public sealed class ComponentMetadata
{
    public required string Binary { get; init; }
    public required ComponentType Type { get; init; }
    public required string Version { get; init; }
    public required ExpectedGrant[] Expects { get; init; }
    /// <summary>The binary this one is a new version of (format 2), or empty: the loader may put it in that binary's place.</summary>
    public string Replaces { get; init; } = "";
}
