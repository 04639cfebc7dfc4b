using System;

namespace Kaal.Sim.Strategies;

/// <summary>One decision of the DFS's current path: what was enabled, what each enabled thread would do,
/// which options are done, which are asleep, and which is being explored.</summary>
internal sealed class DfsNode
{
    private ulong _exploredMask;

    public DfsNode(ReadOnlySpan<uint> enabled, ReadOnlySpan<Footprint> footprints, SleepEntry[] sleep)
    {
        if (enabled.Length > 64) throw new ArgumentOutOfRangeException(nameof(enabled), enabled.Length, "DFS tracks at most 64 enabled threads per decision");
        Enabled = enabled.ToArray();
        Footprints = footprints.ToArray();
        Sleep = sleep;
    }

    public uint[] Enabled { get; }

    public Footprint[] Footprints { get; }

    /// <summary>The sleep set on entry to this node.</summary>
    public SleepEntry[] Sleep { get; }

    /// <summary>The option being explored below this node.</summary>
    public int Choice { get; set; }

    public bool IsExplored(int option) => (_exploredMask & (1UL << option)) != 0;

    public void MarkExplored(int option) => _exploredMask |= 1UL << option;

    /// <summary>The lowest option neither explored nor asleep, or -1.</summary>
    public int NextCandidate()
    {
        for (int option = 0; option < Enabled.Length; option++)
        {
            if (!IsExplored(option) && !IsAsleep(Enabled[option])) return option;
        }
        return -1;
    }

    private bool IsAsleep(uint thread)
    {
        foreach (SleepEntry entry in Sleep)
        {
            if (entry.Thread == thread) return true;
        }
        return false;
    }
}
