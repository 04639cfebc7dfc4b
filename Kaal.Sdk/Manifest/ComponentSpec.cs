using System.Collections.Generic;

namespace Kaal.Sdk.Manifest;

public enum ComponentType
{
    Driver,
    Service,
    Application,
}

/// <summary>Who spawns a component: the root task (only system_init, normally), or system_init.</summary>
public enum Spawner
{
    Root,
    SystemInit,
}

public enum RestartPolicy
{
    Never,
    OnFailure,
    Always,
}

/// <summary>A name written in the manifest (a dependency) and where, so problems about it point at it.</summary>
public sealed record NameReference(string Name, SourceLocation Location);

/// <summary>One `[[component]]`. Values the file did not give take the documented defaults; <see cref="ValueLocations"/>
/// holds where each key that was given sits, so validation can point at it (and knows what was written).</summary>
public sealed record ComponentSpec(
    string Name,
    string Binary,
    ComponentType Type,
    long Priority,
    bool Autostart,
    Spawner SpawnedBy,
    IReadOnlyList<Capability> Capabilities,
    IReadOnlyList<NameReference> Dependencies,
    RestartPolicy Restart,
    long RestartLimit,
    long BackoffMs,
    SourceLocation Location,
    IReadOnlyDictionary<string, SourceLocation> ValueLocations)
{
    public const string SystemInitName = "system_init";
    public const long DefaultRestartLimit = 3;
    public const long DefaultBackoffMs = 100;

    /// <summary>Where <paramref name="key"/>'s value was written, or the component's [[component]] header.</summary>
    public SourceLocation LocationOf(string key) => ValueLocations.TryGetValue(key, out SourceLocation location) ? location : Location;

    public bool Has(string key) => ValueLocations.ContainsKey(key);
}
