using System.Collections.Generic;

namespace Kaal.Sim.Exploration;

/// <summary>
/// A 64-bit fingerprint of one explored schedule: its iteration number and every decision, mixed with the
/// SplitMix64 finaliser. Explorations sum them (wrapping), an order-independent total, so merged shards can be
/// checked against an unsharded run: same schedules, same decisions, same sum.
/// </summary>
public static class CoverageDigest
{
    public static ulong Of(int iteration, IReadOnlyList<uint> decisions)
    {
        ulong hash = Mix(0x6B61_616C_0000_0000UL ^ (uint)iteration);
        for (int index = 0; index < decisions.Count; index++) hash = Mix(hash ^ decisions[index]);
        return Mix(hash ^ (ulong)decisions.Count);
    }

    private static ulong Mix(ulong value)
    {
        value += 0x9E3779B97F4A7C15UL;
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }
}
