namespace Kaal.Sim.Strategies;

/// <summary>Makes strategies from their command-line spelling.</summary>
public static partial class StrategyFactory
{
    public const string Valid = "random";

    public static IStrategy Create(string spec) => spec switch
    {
        "random" => new RandomStrategy(),
        _ => throw new System.ArgumentException($"unknown strategy '{spec}'; valid: {Valid}"),
    };

    /// <summary>Strategies whose schedules depend on earlier ones (exhaustive search) run on one worker.</summary>
    public static bool IsSequential(string spec) => spec.StartsWith("dfs", System.StringComparison.Ordinal);
}
