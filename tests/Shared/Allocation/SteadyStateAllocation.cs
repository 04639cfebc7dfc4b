using System;
using System.Runtime.CompilerServices;

namespace Kaal.Tests.Shared.Allocation;

/// <summary>
/// The managed bytes one cycle of some code allocates once warm. The runtime may allocate on the measuring thread once,
/// in the middle of a window, for its own reasons (a method compiled on this thread by tiered compilation or on-stack
/// replacement; CI saw 3,640 bytes in one window of 3,000 syscall cycles that otherwise allocate nothing). Code that
/// allocates per cycle allocates in every window, so the least of a few windows is the code's own figure: a one-off is
/// forgiven, a per-cycle allocation never is.
/// </summary>
internal static class SteadyStateAllocation
{
    public const int Windows = 3;

    /// <summary>Runs <paramref name="cycle"/> <paramref name="warmUpCycles"/> times, then up to <see cref="Windows"/>
    /// windows of <paramref name="cyclesPerWindow"/> cycles, and returns the fewest bytes one window allocated (stopping
    /// at the first window that allocated nothing).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static long LeastBytesPerWindow(Action cycle, int warmUpCycles, int cyclesPerWindow)
    {
        if (warmUpCycles < 1 || cyclesPerWindow < 1) throw new ArgumentOutOfRangeException(nameof(cyclesPerWindow), "at least one warm-up cycle and one cycle per window");
        for (int warmUp = 0; warmUp < warmUpCycles; warmUp++) cycle();
        long leastBytes = long.MaxValue;
        for (int window = 0; window < Windows && leastBytes != 0; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int run = 0; run < cyclesPerWindow; run++) cycle();
            leastBytes = Math.Min(leastBytes, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return leastBytes;
    }
}
