using System.Collections.Generic;
using Kaal.Sdk.Runtime;

namespace Kaal.Sdk.Manifest;

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
/// holds where each key that was given (and read) sits, so validation can point at it (and knows what was written).</summary>
public sealed record ComponentSpec(
    string Name,
    string Binary,
    ComponentType Type,
    long Priority,
    bool Autostart,
    Spawner SpawnedBy,
    IReadOnlyList<ManifestCapability> Capabilities,
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

    /// <summary>The core its threads run on (`core`, 0 unless the manifest says): system_init moves the component's thread
    /// there with TCB_SET_AFFINITY before it starts it, on the CPU and in the simulator alike.</summary>
    public long Core { get; init; }

    /// <summary>Where <paramref name="key"/>'s value was written, or the component's [[component]] header.</summary>
    public SourceLocation LocationOf(string key) => ValueLocations.TryGetValue(key, out SourceLocation location) ? location : Location;

    public bool Has(string key) => ValueLocations.ContainsKey(key);

    /// <summary>Keys the file gives but whose value could not be taken (a syntax error, a wrong type, a capability that
    /// does not parse): each was reported where it is, and the default standing in for it must not be judged.</summary>
    public IReadOnlySet<string> Unread { get; init; } = new HashSet<string>();

    /// <summary>`image`: the path system_init loads the component's image from through the fs service, instead of the
    /// image the registry embeds for its binary ("" for none; docs/manifest.md).</summary>
    public string ImagePath { get; init; } = "";

    /// <summary>True unless <paramref name="key"/> is <see cref="Unread"/>: its value is the file's or the default.</summary>
    public bool Knows(string key) => !Unread.Contains(key);
}
