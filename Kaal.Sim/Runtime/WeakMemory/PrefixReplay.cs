using System;
using System.Collections.Generic;
using Kaal.Sim.Strategies;

namespace Kaal.Sim.Runtime.WeakMemory;

/// <summary>Replays the first decisions of a run and then stops it where the next thread choice is asked, by
/// throwing <see cref="PrefixEndException"/>: the simulation is left exactly in the state the recorded run had
/// at the start of that step.</summary>
internal sealed class PrefixReplay(IReadOnlyList<uint> prefix) : IStrategy
{
    private readonly ReplayStrategy _replay = new(prefix);
    private int _used;

    public string Name => "prefix";

    public bool BeginSchedule(int iteration, ulong seed) => _replay.BeginSchedule(iteration, seed);

    public int Choose(ReadOnlySpan<uint> enabled, int running, int step)
    {
        if (step == 0) _used = 0;
        if (_used == prefix.Count) throw new PrefixEndException();
        _used++;
        return _replay.Choose(enabled, running, step);
    }

    public int ChooseAlternative(ChoiceKind kind, int count, int step)
    {
        _used++;
        return _replay.ChooseAlternative(kind, count, step);
    }
}

/// <summary>The prefix of <see cref="PrefixReplay"/> is done.</summary>
internal sealed class PrefixEndException() : Exception("the decision prefix is replayed");
