using System.Globalization;

namespace Kaal.Sim.Strategies;

/// <summary>
/// A strategy and its parameters, typed: what <see cref="Exploration.ExploreSettings"/> and the explorer take, so a
/// misspelt strategy or a parameter of the wrong kind is a compile error. <see cref="Spec"/> is the text form
/// (<c>kaal explore --strategy SPEC</c>, traces, reports), which <see cref="Parse"/> reads back to an equal value; a
/// parameter left null takes the strategy's default, and the spec then leaves it out as its author did.
/// </summary>
public abstract record StrategySettings
{
    /// <summary>The text form, e.g. <c>pct:3</c>.</summary>
    public abstract string Spec { get; }

    public sealed override string ToString() => Spec;

    /// <summary>The strategy. <paramref name="lengthEstimateSteps"/> is k for PCT and delay-bounding when these
    /// settings do not fix it; null lets them adapt to the longest schedule seen (fine for one strategy instance; the
    /// explorer passes a calibrated k so results do not depend on the worker count).</summary>
    public abstract IStrategy Create(int? lengthEstimateSteps = null);

    /// <summary>Its schedules depend on the ones before it (a systematic search, fair-wrapped or not): one worker, no shards.</summary>
    public virtual bool IsSequential => false;

    /// <summary>It may keep one thread running while another waits for ever: every strategy but random (whose choices
    /// are uniform) and one already fair.</summary>
    public virtual bool CanStarve => true;

    /// <summary>Settings from their text form; <see cref="StrategySpecException"/> names the offending text and lists
    /// the valid forms (<see cref="StrategySpecParser.Valid"/>).</summary>
    public static StrategySettings Parse(string spec) => StrategySpecParser.Parse(spec);

    private protected static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary><c>random</c>: a uniform choice at every step.</summary>
public sealed record RandomStrategySettings : StrategySettings
{
    public override string Spec => "random";

    public override bool CanStarve => false;

    public override IStrategy Create(int? lengthEstimateSteps = null) => new RandomStrategy();
}

/// <summary><c>probabilistic[:COIN_FLIPS]</c>: Coyote's probabilistic strategy (switch with probability 0.5^N).</summary>
public sealed record ProbabilisticStrategySettings(int? CoinFlips = null) : StrategySettings
{
    public override string Spec => CoinFlips is int flips ? $"probabilistic:{Number(flips)}" : "probabilistic";

    public override IStrategy Create(int? lengthEstimateSteps = null) => new ProbabilisticStrategy(CoinFlips ?? ProbabilisticStrategy.DefaultCoinFlips);
}

/// <summary><c>pct[:DEPTH[:K]]</c>: probabilistic concurrency testing with bug depth DEPTH over schedules of about K steps.</summary>
public sealed record PctStrategySettings(int? Depth = null, int? LengthEstimateSteps = null) : StrategySettings
{
    public override string Spec => LengthEstimateSteps is int k ? $"pct:{Number(Depth ?? PctStrategy.DefaultDepth)}:{Number(k)}"
        : Depth is int depth ? $"pct:{Number(depth)}" : "pct";

    public override IStrategy Create(int? lengthEstimateSteps = null) => new PctStrategy(Depth ?? PctStrategy.DefaultDepth, LengthEstimateSteps ?? lengthEstimateSteps);
}

/// <summary><c>delay-bounding[:DELAYS[:K]]</c>: at most DELAYS deviations from the running thread over about K steps.</summary>
public sealed record DelayBoundingStrategySettings(int? MaxDelays = null, int? LengthEstimateSteps = null) : StrategySettings
{
    public override string Spec => LengthEstimateSteps is int k ? $"delay-bounding:{Number(MaxDelays ?? DelayBoundingStrategy.DefaultMaxDelays)}:{Number(k)}"
        : MaxDelays is int delays ? $"delay-bounding:{Number(delays)}" : "delay-bounding";

    public override IStrategy Create(int? lengthEstimateSteps = null) =>
        new DelayBoundingStrategy(MaxDelays ?? DelayBoundingStrategy.DefaultMaxDelays, LengthEstimateSteps ?? lengthEstimateSteps);
}

/// <summary><c>dfs[:MAX_DEPTH[:preemptions=K | :no-reduction]]</c>: the systematic search (docs/simulator.md, DFS and
/// what it claims).</summary>
public sealed record DfsStrategySettings(int? MaxDepth = null, int? PreemptionBound = null, bool Reduction = true) : StrategySettings
{
    public override string Spec => (MaxDepth, PreemptionBound, Reduction) switch
    {
        (_, int bound, _) => $"dfs:{Number(MaxDepth ?? DfsStrategy.DefaultMaxDepth)}:preemptions={Number(bound)}",
        (_, null, false) => $"dfs:{Number(MaxDepth ?? DfsStrategy.DefaultMaxDepth)}:no-reduction",
        (int depth, null, true) => $"dfs:{Number(depth)}",
        _ => "dfs",
    };

    public override bool IsSequential => true;

    public override IStrategy Create(int? lengthEstimateSteps = null)
    {
        int maxDepth = MaxDepth ?? DfsStrategy.DefaultMaxDepth;
        if (PreemptionBound is int bound) return new DfsStrategy(maxDepth, preemptionBound: bound);
        return Reduction ? new DfsStrategy(maxDepth) : new DfsStrategy(maxDepth, reduction: false);
    }
}

/// <summary><c>portfolio</c>: a different strategy each schedule, in turn.</summary>
public sealed record PortfolioStrategySettings : StrategySettings
{
    public override string Spec => "portfolio";

    public override IStrategy Create(int? lengthEstimateSteps = null) => new PortfolioStrategy(lengthEstimateSteps);
}

/// <summary><c>fair:STEPS:SPEC</c>: <see cref="Inner"/> decides the first <see cref="FairAfterSteps"/> steps, then the
/// thread that waited longest runs (a fair phase, so a run that reaches the step limit is one that never stops).</summary>
public sealed record FairStrategySettings(int FairAfterSteps, StrategySettings Inner) : StrategySettings
{
    public override string Spec => $"fair:{Number(FairAfterSteps)}:{Inner.Spec}";

    public override bool IsSequential => Inner.IsSequential;

    public override bool CanStarve => false;

    public override IStrategy Create(int? lengthEstimateSteps = null)
    {
        if (Inner is FairStrategySettings) throw new StrategySpecException($"strategy '{Spec}': fair cannot wrap '{Inner.Spec}' (fair does not nest); valid: {StrategySpecParser.Valid}");
        if (FairAfterSteps < 0) throw new StrategySpecException($"strategy '{Spec}': fair step count '{Number(FairAfterSteps)}' is not a whole number >= 0; valid: {StrategySpecParser.Valid}");
        return new FairStrategy(Inner.Create(lengthEstimateSteps), FairAfterSteps);
    }
}
