using System;
using System.Globalization;
using Kaal.Sim.Strategies;
using Microsoft.Coyote;

namespace Kaal.Sim.Coyote;

/// <summary>
/// Coyote's exploration strategies by the names <c>kaal explore --engine coyote --strategy SPEC</c> takes, mapped onto
/// Coyote's configuration. The names follow the explorer's where both engines have the strategy (random,
/// probabilistic:N, pct:N, delay-bounding:N), so one spec runs on either engine; Coyote's PCT is its "prioritization"
/// strategy and N its priority-change bound. Defaults are Coyote's own. Coyote 1.7.11's public configuration offers
/// no portfolio and no DFS in-process (its command-line tool has them).
/// </summary>
public static class CoyoteStrategies
{
    public const string Valid = "random | probabilistic[:N] (default 3) | pct[:N] (Coyote's prioritization, default 10) | delay-bounding[:N] (default 10) | qlearning";

    /// <summary><paramref name="configuration"/> with the strategy <paramref name="spec"/> names; throws
    /// <see cref="StrategySpecException"/> for a name or bound Coyote does not have.</summary>
    public static Configuration Apply(Configuration configuration, string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string[] parts = spec.Trim().Split(':');
        string kind = parts[0].ToLowerInvariant();
        if (parts.Length > 2 || (parts.Length == 2 && kind is not ("probabilistic" or "pct" or "delay-bounding")))
        {
            throw new StrategySpecException($"Coyote strategy '{spec}': too many parts; valid: {Valid}");
        }
        return kind switch
        {
            "random" => configuration.WithRandomStrategy(),
            "probabilistic" => configuration.WithProbabilisticStrategy(Bound(spec, parts, 3)),
            "pct" => configuration.WithPrioritizationStrategy(false, Bound(spec, parts, 10)),
            "delay-bounding" => configuration.WithDelayBoundingStrategy(false, Bound(spec, parts, 10)),
            "qlearning" => configuration.WithQLearningStrategy(),
            _ => throw new StrategySpecException($"Coyote has no strategy '{parts[0]}' (in '{spec}'); valid: {Valid}"),
        };
    }

    private static uint Bound(string spec, string[] parts, uint fallback)
    {
        if (parts.Length < 2) return fallback;
        if (!uint.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out uint bound) || bound < 1)
        {
            throw new StrategySpecException($"Coyote strategy '{spec}': the bound '{parts[1]}' is not a whole number of at least 1; valid: {Valid}");
        }
        return bound;
    }
}
