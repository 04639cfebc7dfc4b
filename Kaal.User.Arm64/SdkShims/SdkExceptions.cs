using System;

namespace Kaal.Sdk;

// The SDK's exceptions without string interpolation (the user system library has no formatting yet):
// the host versions build their message with $"..." (DefaultInterpolatedStringHandler, number formatting).

public sealed class MemoryFaultException(string component, ulong virtAddr, bool isWrite) : Exception(component)
{
    public ulong VirtAddr { get; } = virtAddr;

    public bool IsWrite { get; } = isWrite;
}

public sealed class ComponentAssertionException(string component, string message) : Exception(message)
{
    public string Component { get; } = component;

    public string Check { get; } = message;
}
