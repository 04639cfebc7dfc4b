using System;

namespace Kaal.Sdk;

/// <summary>A component's own check failed: the bug the simulator looks for.</summary>
public sealed class ComponentAssertionException(string component, string message)
    : Exception($"{component}: assertion failed: {message}")
{
    public string Component { get; } = component;

    public string Check { get; } = message;
}
