using Kaal.Sim.Strategies;

namespace Kaal.Sim.Coyote;

/// <summary>
/// A strategy of Coyote's engine by the name <c>kaal explore --engine coyote --strategy SPEC</c> takes
/// (<see cref="CoyoteStrategies"/>: qlearning, and Coyote's own defaults for the names both engines share). It runs in
/// <see cref="CoyoteExplorer"/> only: KaaL's explorer has no such strategy and refuses it. KaaL's own settings
/// (<see cref="RandomStrategySettings"/> and the others) run in Coyote's engine by their <see cref="StrategySettings.Spec"/>.
/// </summary>
public sealed record CoyoteStrategySettings(string CoyoteSpec) : StrategySettings
{
    public override string Spec => CoyoteSpec.Trim();

    /// <summary>Coyote adds no fair phase of KaaL's.</summary>
    public override bool CanStarve => false;

    public override IStrategy Create(int? lengthEstimateSteps = null) =>
        throw new StrategySpecException($"strategy '{Spec}' is one of Coyote's: it runs with --engine coyote only; KaaL's are: {StrategySpecParser.Valid}");
}
