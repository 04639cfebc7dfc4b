using System;
using System.Globalization;

namespace Kaal.Sim.Strategies;

/// <summary>
/// The text form of <see cref="StrategySettings"/> (<c>kaal explore --strategy SPEC</c>), read into the typed
/// settings. Every error names the spec, the part that is wrong and what was expected.
/// </summary>
public static class StrategySpecParser
{
    public const string Valid =
        "random | probabilistic[:COIN_FLIPS] (switch with probability 0.5^N, default 3) | pct[:DEPTH[:K]] (default depth 3) | delay-bounding[:DELAYS[:K]] (default 3 delays) | dfs[:MAX_DEPTH[:preemptions=K | :no-reduction]] (default depth 1000, unbounded preemptions) | portfolio | fair:STEPS:SPEC (K: fixed schedule-length estimate; default: the longest schedule seen)";

    public static StrategySettings Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string[] parts = spec.Trim().Split(':');
        string kind = parts[0].ToLowerInvariant();
        switch (kind)
        {
            case "random":
                NoArguments(spec, parts, 1);
                return new RandomStrategySettings();
            case "probabilistic":
                NoArguments(spec, parts, 2);
                return new ProbabilisticStrategySettings(parts.Length > 1 ? Number(spec, parts[1], "coin flip count", 1, 62) : null);
            case "portfolio":
                NoArguments(spec, parts, 1);
                return new PortfolioStrategySettings();
            case "pct":
                NoArguments(spec, parts, 3);
                return new PctStrategySettings(
                    parts.Length > 1 ? Number(spec, parts[1], "PCT depth", 1) : null,
                    parts.Length > 2 ? Number(spec, parts[2], "schedule length estimate", 1) : null);
            case "delay-bounding":
                NoArguments(spec, parts, 3);
                return new DelayBoundingStrategySettings(
                    parts.Length > 1 ? Number(spec, parts[1], "delay bound", 0) : null,
                    parts.Length > 2 ? Number(spec, parts[2], "schedule length estimate", 1) : null);
            case "dfs":
                NoArguments(spec, parts, 3);
                return Dfs(spec, parts);
            case "fair":
                return Fair(spec, parts);
            default:
                throw new StrategySpecException($"unknown strategy '{(kind.Length == 0 ? spec : parts[0])}' in '{spec}'; valid: {Valid}");
        }
    }

    /// <summary>fair:STEPS:SPEC, SPEC not itself fair.</summary>
    private static FairStrategySettings Fair(string spec, string[] parts)
    {
        if (parts.Length < 3)
        {
            throw new StrategySpecException($"strategy '{spec}': fair needs a step count and a strategy, as in fair:10000:pct:3; valid: {Valid}");
        }
        int fairAfter = Number(spec, parts[1], "fair step count", 0);
        string inner = string.Join(':', parts, 2, parts.Length - 2);
        StrategySettings wrapped = Parse(inner);
        if (wrapped is FairStrategySettings)
        {
            throw new StrategySpecException($"strategy '{spec}': fair cannot wrap '{inner}' (fair does not nest); valid: {Valid}");
        }
        return new FairStrategySettings(fairAfter, wrapped);
    }

    /// <summary>dfs[:MAX_DEPTH[:preemptions=K | :no-reduction]].</summary>
    private static DfsStrategySettings Dfs(string spec, string[] parts)
    {
        int? maxDepth = parts.Length > 1 ? Number(spec, parts[1], "DFS max depth", 1) : null;
        if (parts.Length < 3) return new DfsStrategySettings(maxDepth);
        const string bound = "preemptions=";
        if (parts[2] == "no-reduction") return new DfsStrategySettings(maxDepth, Reduction: false);
        if (parts[2].StartsWith(bound, StringComparison.Ordinal))
        {
            return new DfsStrategySettings(maxDepth, PreemptionBound: Number(spec, parts[2][bound.Length..], "preemption bound", 0));
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
