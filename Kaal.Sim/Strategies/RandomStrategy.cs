using System;

namespace Kaal.Sim.Strategies;

/// <summary>Uniformly random choice at every scheduling point and among the alternatives of every other choice.</summary>
public sealed class RandomStrategy : IStrategy
{
    private DeterministicRandom _random;

    public string Name => "random";

    public bool BeginSchedule(int iteration, ulong seed)
    {
        _random = new DeterministicRandom(seed);
        return true;
    }

    public int Choose(ReadOnlySpan<uint> enabled, int running, int step) => _random.NextInt(enabled.Length);

    public int ChooseAlternative(ChoiceKind kind, int count, int step) => _random.NextInt(count);
}
