using System;
using Kaal.Model;

namespace Kaal.Sim.Runtime;

/// <summary>A Kaal.Model assertion failed during a simulation: a kernel bug, reported with the schedule.</summary>
public sealed class KernelPanicException(AssertionSite site, ulong detail)
    : Exception($"kernel assertion failed: {site} (detail {detail})")
{
    public AssertionSite Site { get; } = site;

    /// <summary>Makes kernel assertions throw this; a simulation catches it and reports a kernel bug.</summary>
    internal static unsafe void InstallHook() => KernelAssert.InstallPanicHook(&Raise);

    private static void Raise(AssertionSite site, ulong detail) => throw new KernelPanicException(site, detail);
}
