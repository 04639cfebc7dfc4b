using System;
using System.Collections.Generic;
using Kaal.Sdk.Manifest;
using Kaal.Sdk.Runtime;

namespace Kaal.Sdk.Discovery;

/// <summary>A component binary a tool was given: its declaration (<see cref="KaalComponentAttribute"/>), where it was
/// declared (<see cref="DeclaredBy"/>, the type's full name, in <see cref="Assembly"/>) and how to make an instance for
/// the simulator. <see cref="Implementation"/> is the declaring type (null for a declaration made by hand, as tests do);
/// <see cref="Labels"/> the message labels it names (<see cref="KaalMessageLabelAttribute"/>); <see cref="Replaces"/> the
/// binary it is a new version of (docs/hot-reload.md).</summary>
public sealed record DiscoveredComponent(
    string Binary,
    ComponentType Type,
    string Version,
    string Description,
    IReadOnlyList<ExpectedCapability> Expects,
    string DeclaredBy,
    string Assembly,
    Func<Component> Create,
    Type? Implementation = null,
    IReadOnlyList<DeclaredMessageLabel>? Labels = null,
    string? Replaces = null)
{
    /// <summary>"Type in Assembly", for messages.</summary>
    public string Source => $"{DeclaredBy} in {Assembly}";
}
