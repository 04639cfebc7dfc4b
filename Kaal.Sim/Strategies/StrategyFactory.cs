namespace Kaal.Sim.Strategies;

/// <summary>
/// Strategies from their text form (<c>kaal explore --strategy SPEC</c>), through <see cref="StrategySettings"/>. Every
/// strategy's <see cref="IStrategy.Name"/> is a spec this reads back to the same strategy (a portfolio names its
/// current member).
/// </summary>
public static class StrategyFactory
{
    public const string Valid = StrategySpecParser.Valid;

    /// <summary>The strategy a spec names (<see cref="StrategySettings.Create"/> says what
    /// <paramref name="lengthEstimateSteps"/> is).</summary>
    public static IStrategy Create(string spec, int? lengthEstimateSteps = null) => StrategySettings.Parse(spec).Create(lengthEstimateSteps);

    /// <summary>Strategies whose schedules depend on earlier ones (a systematic search, fair-wrapped or not) run on one worker.</summary>
    public static bool IsSequential(string spec) => StrategySettings.Parse(spec).IsSequential;

    /// <summary>Whether the strategy may keep one thread running while another waits for ever.</summary>
    public static bool CanStarve(string spec) => StrategySettings.Parse(spec).CanStarve;
}
