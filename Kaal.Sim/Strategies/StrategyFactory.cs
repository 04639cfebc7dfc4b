using System;
using System.Globalization;

namespace Kaal.Sim.Strategies;

/// <summary>
/// Strategies from text (<c>kaal explore --strategy SPEC</c>). Every strategy's <see cref="IStrategy.Name"/>
/// is a spec this parses back to the same strategy (a portfolio names its current member).
/// </summary>
public static partial class StrategyFactory
{
    public const string Valid =
        "random | probabilistic[:COIN_FLIPS] (switch with probability 0.5^N, default 3) | pct[:DEPTH[:K]] (default depth 3) | delay-bounding[:DELAYS[:K]] (default 3 delays) | dfs[:MAX_DEPTH[:preemptions=K | :no-reduction]] (default depth 1000, unbounded preemptions) | portfolio | fair:STEPS:SPEC (K: fixed schedule-length estimate; default: the longest schedule seen)";

    /// <summary>
    /// The strategy a spec names. <paramref name="lengthEstimateSteps"/> is k for PCT and delay-bounding
    /// when the spec does not fix it; null lets them adapt to the longest schedule seen (fine for one
    /// strategy instance; the explorer passes a calibrated k so results do not depend on the worker count).
    /// </summary>
    public static IStrategy Create(string spec, int? lengthEstimateSteps = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string trimmed = spec.Trim();
        string[] parts = trimmed.Split(':');
        string kind = parts[0].ToLowerInvariant();
        switch (kind)
        {
            case "random":
                NoArguments(spec, parts, 1);
                return new RandomStrategy();
            case "probabilistic":
                NoArguments(spec, parts, 2);
                return new ProbabilisticStrategy(parts.Length > 1 ? Number(spec, parts[1], "coin flip count", 1, 62) : ProbabilisticStrategy.DefaultCoinFlips);
            case "portfolio":
                NoArguments(spec, parts, 1);
                return new PortfolioStrategy(lengthEstimateSteps);
            case "pct":
                NoArguments(spec, parts, 3);
                return new PctStrategy(
                    parts.Length > 1 ? Number(spec, parts[1], "PCT depth", 1) : PctStrategy.DefaultDepth,
                    parts.Length > 2 ? Number(spec, parts[2], "schedule length estimate", 1) : lengthEstimateSteps);
            case "delay-bounding":
                NoArguments(spec, parts, 3);
                return new DelayBoundingStrategy(
                    parts.Length > 1 ? Number(spec, parts[1], "delay bound", 0) : DelayBoundingStrategy.DefaultMaxDelays,
                    parts.Length > 2 ? Number(spec, parts[2], "schedule length estimate", 1) : lengthEstimateSteps);
            case "dfs":
                NoArguments(spec, parts, 3);
                return Dfs(spec, parts);
            case "fair":
                if (parts.Length < 3)
                {
                    throw new StrategySpecException($"strategy '{spec}': fair needs a step count and a strategy, as in fair:10000:pct:3; valid: {Valid}");
                }
                int fairAfter = Number(spec, parts[1], "fair step count", 0);
                string inner = string.Join(':', parts, 2, parts.Length - 2);
                IStrategy wrapped = Create(inner, lengthEstimateSteps);
                if (wrapped is FairStrategy)
                {
                    throw new StrategySpecException($"strategy '{spec}': fair cannot wrap '{inner}' (fair does not nest); valid: {Valid}");
                }
                return new FairStrategy(wrapped, fairAfter);
            default:
                throw new StrategySpecException($"unknown strategy '{(kind.Length == 0 ? spec : parts[0])}' in '{spec}'; valid: {Valid}");
        }
    }

    /// <summary>Strategies whose schedules depend on earlier ones (a systematic search, fair-wrapped or not) run on one worker.</summary>
    public static bool IsSequential(string spec) => Create(spec) is DfsStrategy or FairStrategy { Inner: DfsStrategy };

    /// <summary>Whether the strategy may keep one thread running while another waits for ever: every one but random
    /// (whose choices are uniform) and a strategy already fair.</summary>
    public static bool CanStarve(string spec) => Create(spec) is not (RandomStrategy or FairStrategy);

    /// <summary>dfs[:MAX_DEPTH[:preemptions=K | :no-reduction]].</summary>
    private static DfsStrategy Dfs(string spec, string[] parts)
    {
        int maxDepth = parts.Length > 1 ? Number(spec, parts[1], "DFS max depth", 1) : DfsStrategy.DefaultMaxDepth;
        if (parts.Length < 3) return new DfsStrategy(maxDepth);
        const string bound = "preemptions=";
        if (parts[2] == "no-reduction") return new DfsStrategy(maxDepth, reduction: false);
        if (parts[2].StartsWith(bound, StringComparison.Ordinal))
        {
            return new DfsStrategy(maxDepth, preemptionBound: Number(spec, parts[2][bound.Length..], "preemption bound", 0));
        }
        throw new StrategySpecException($"strategy '{spec}': '{parts[2]}' is not a DFS option (they are 'preemptions=K' and 'no-reduction'); valid: {Valid}");
    }

    private static void NoArguments(string spec, string[] parts, int maxParts)
    {
        if (parts.Length > maxParts)
        {
            throw new StrategySpecException($"strategy '{spec}': unexpected '{string.Join(':', parts, maxParts, parts.Length - maxParts)}' after '{string.Join(':', parts, 0, maxParts)}'; valid: {Valid}");
        }
    }

    private static int Number(string spec, string text, string what, int minimum, int maximum = int.MaxValue)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < minimum || value > maximum)
        {
            string range = maximum == int.MaxValue ? $">= {minimum}" : $"from {minimum} to {maximum}";
            throw new StrategySpecException($"strategy '{spec}': {what} '{text}' is not a whole number {range}; valid: {Valid}");
        }
        return value;
    }
}
