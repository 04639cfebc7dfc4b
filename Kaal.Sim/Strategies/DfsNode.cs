using System;

namespace Kaal.Sim.Strategies;

/// <summary>One decision of the DFS's current path: what was enabled, what each enabled thread would do,
/// which options preempt the running thread, which are done, which are asleep, and which is being explored. A
/// node for another kind of choice (<see cref="Kind"/> not null) has the alternatives 0..n-1 as its options, no
/// footprints and no preemptions.</summary>
internal sealed class DfsNode
{
    private readonly bool[] _explored;

    public DfsNode(ReadOnlySpan<uint> enabled, ReadOnlySpan<Footprint> footprints, ReadOnlySpan<bool> preempts, SleepEntry[] sleep, int preemptionsBefore)
    {
        Enabled = enabled.ToArray();
        Footprints = footprints.ToArray();
        Preempts = preempts.ToArray();
        Sleep = sleep;
        PreemptionsBefore = preemptionsBefore;
        _explored = new bool[Enabled.Length];
    }

    private DfsNode(ChoiceKind kind, int count, int preemptionsBefore)
    {
        Kind = kind;
        Enabled = new uint[count];
        for (int option = 0; option < count; option++) Enabled[option] = (uint)option;
        Footprints = new Footprint[count];
        Footprints.AsSpan().Fill(Footprint.Unknown);
        Preempts = new bool[count];
        Sleep = Array.Empty<SleepEntry>();
        PreemptionsBefore = preemptionsBefore;
        _explored = new bool[count];
    }

    /// <summary>A node for a choice among <paramref name="count"/> alternatives. Nothing sleeps across it: the
    /// reduction reasons about thread steps only, and an empty sleep set is always sound.</summary>
    public static DfsNode ForAlternatives(ChoiceKind kind, int count, int preemptionsBefore) => new(kind, count, preemptionsBefore);

    /// <summary>Null for a thread choice; the kind of choice otherwise.</summary>
    public ChoiceKind? Kind { get; }

    public uint[] Enabled { get; }

    public Footprint[] Footprints { get; }

    /// <summary>Which options are preemptions (<see cref="IPreemptionAware"/>).</summary>
    public bool[] Preempts { get; }

    /// <summary>Preemptions on the path above this node.</summary>
    public int PreemptionsBefore { get; }

    /// <summary>The sleep set on entry to this node.</summary>
    public SleepEntry[] Sleep { get; }

    /// <summary>The option being explored below this node.</summary>
    public int Choice { get; set; }

    /// <summary>Preemptions on the path down to and including this node's current choice.</summary>
    public int PreemptionsThrough => PreemptionsBefore + (Preempts[Choice] ? 1 : 0);

    public bool IsExplored(int option) => _explored[option];

    public void MarkExplored(int option) => _explored[option] = true;

    /// <summary>The lowest option neither explored, asleep, nor over <paramref name="preemptionBound"/> (null:
    /// none), or -1. <paramref name="cut"/>: an option was left out only because of the bound.</summary>
    public int NextCandidate(int? preemptionBound, out bool cut)
    {
        cut = false;
        for (int option = 0; option < Enabled.Length; option++)
        {
            if (IsExplored(option) || (Kind is null && IsAsleep(Enabled[option]))) continue;
            if (Preempts[option] && PreemptionsBefore + 1 > preemptionBound)
            {
                cut = true;
                continue;
            }
            return option;
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
