using System;

namespace Kaal.Sim.Strategies;

/// <summary>One decision of the DFS's current path: what was enabled, what each enabled thread would do,
/// which options are done, which are asleep, and which is being explored. A node for another kind of choice
/// (<see cref="Kind"/> not null) has the alternatives 0..n-1 as its options and no footprints.</summary>
internal sealed class DfsNode
{
    private readonly bool[] _explored;

    public DfsNode(ReadOnlySpan<uint> enabled, ReadOnlySpan<Footprint> footprints, SleepEntry[] sleep)
    {
        Enabled = enabled.ToArray();
        Footprints = footprints.ToArray();
        Sleep = sleep;
        _explored = new bool[Enabled.Length];
    }

    private DfsNode(ChoiceKind kind, int count)
    {
        Kind = kind;
        Enabled = new uint[count];
        for (int option = 0; option < count; option++) Enabled[option] = (uint)option;
        Footprints = new Footprint[count];
        Footprints.AsSpan().Fill(Footprint.Unknown);
        Sleep = Array.Empty<SleepEntry>();
        _explored = new bool[count];
    }

    /// <summary>A node for a choice among <paramref name="count"/> alternatives. Nothing sleeps across it: the
    /// reduction reasons about thread steps only, and an empty sleep set is always sound.</summary>
    public static DfsNode ForAlternatives(ChoiceKind kind, int count) => new(kind, count);

    /// <summary>Null for a thread choice; the kind of choice otherwise.</summary>
    public ChoiceKind? Kind { get; }

    public uint[] Enabled { get; }

    public Footprint[] Footprints { get; }

    /// <summary>The sleep set on entry to this node.</summary>
    public SleepEntry[] Sleep { get; }

    /// <summary>The option being explored below this node.</summary>
    public int Choice { get; set; }

    public bool IsExplored(int option) => _explored[option];

    public void MarkExplored(int option) => _explored[option] = true;

    /// <summary>The lowest option neither explored nor asleep, or -1.</summary>
    public int NextCandidate()
    {
        for (int option = 0; option < Enabled.Length; option++)
        {
            if (!IsExplored(option) && (Kind is not null || !IsAsleep(Enabled[option]))) return option;
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
