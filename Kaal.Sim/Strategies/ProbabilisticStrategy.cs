using System;

namespace Kaal.Sim.Strategies;

/// <summary>
/// Coyote's "probabilistic" exploration (Microsoft.Coyote 1.7, <c>--strategy probabilistic</c>), written from its
/// published description: at each scheduling point the running thread keeps running unless <see cref="CoinFlips"/>
/// fair coins all say "switch" (probability 0.5^N, N = 3 by default); when they do, or when nothing is running, the
/// next thread is drawn uniformly from the enabled ones (the running one included). Every other choice is uniform.
/// Long uninterrupted stretches with a few switches at random points is the shape of most ordering bugs between two
/// threads (a stale check, a lost wake-up): random switches far too often and PCT places only a fixed few.
/// </summary>
public sealed class ProbabilisticStrategy : IStrategy
{
    public const int DefaultCoinFlips = 3;

    private readonly ulong _switchMask;
    private DeterministicRandom _random;

    public ProbabilisticStrategy(int coinFlips = DefaultCoinFlips)
    {
        if (coinFlips is < 1 or > 62) throw new ArgumentOutOfRangeException(nameof(coinFlips), coinFlips, "between 1 and 62 coin flips");
        CoinFlips = coinFlips;
        _switchMask = (1UL << coinFlips) - 1;
    }

    public int CoinFlips { get; }

    public string Name => $"probabilistic:{CoinFlips}";

    public bool BeginSchedule(int iteration, ulong seed)
    {
        _random = new DeterministicRandom(seed);
        return true;
    }

    public int Choose(ReadOnlySpan<uint> enabled, int running, int step)
    {
        if (running >= 0 && enabled.Length > 1 && !CoinsSaySwitch()) return running;
        return _random.NextInt(enabled.Length);
    }

    public int ChooseAlternative(ChoiceKind kind, int count, int step) => _random.NextInt(count);

    /// <summary>N fair coins at once: the low N bits of one uniform word are all zero with probability 0.5^N.</summary>
    private bool CoinsSaySwitch() => (_random.NextUInt64() & _switchMask) == 0;
}
