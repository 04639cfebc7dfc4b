using System.Collections.Generic;
using System.Linq;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;

namespace Kaal.Sim.Exploration.Campaigns;

/// <summary>
/// What one shard of a campaign (or a merge of several) explored: the campaign's settings (which must agree
/// to merge), the shards covered, the totals, the <see cref="ExploreResult.CoverageDigest"/> sum, and the
/// distinct bugs. Written by <c>kaal explore --report</c>, combined by <c>kaal merge</c>
/// (<see cref="CampaignMerge"/>), stored as JSON by <see cref="CampaignReportFile"/>.
/// </summary>
public sealed record CampaignReport(
    string Scenario,
    string Strategy,
    ulong Seed,
    int Iterations,
    int MaxSteps,
    bool CheckInvariants,
    MemoryModel MemoryModel,
    int PromiseBudget,
    int ShardCount,
    IReadOnlyList<int> Shards,
    int Schedules,
    long Decisions,
    int InfeasibleSchedules,
    ulong CoverageDigest,
    bool Exhausted,
    bool TimeBudgetHit,
    double ElapsedSeconds,
    IReadOnlyList<CampaignBug> Bugs)
{
    /// <summary>Shards of the campaign no report covered, ascending.</summary>
    public IReadOnlyList<int> MissingShards => Enumerable.Range(0, ShardCount).Except(Shards).ToArray();

    public static CampaignReport Of(SimScenario scenario, ExploreSettings settings, ExploreResult result)
    {
        ShardSpec shard = settings.Shard ?? ShardSpec.Whole;
        var bugs = new List<CampaignBug>();
        if (result.FirstBug is RunResult bug && result.Trace is Trace trace)
        {
            string outcome = bug.Outcome.ToString();
            bugs.Add(new CampaignBug(FailureSignature.Of(outcome, bug.Message, bug.Report), shard.Index, trace.Iteration, outcome, bug.Message, bug.Report, trace));
        }
        return new CampaignReport(scenario.Name, settings.Strategy.Spec, settings.Seed, settings.Iterations, settings.MaxSteps, settings.CheckInvariants,
            settings.MemoryModel ?? scenario.MemoryModel, settings.PromiseBudget, shard.Count, [shard.Index], result.Schedules, result.Decisions,
            result.InfeasibleSchedules, result.CoverageDigest, result.Exhausted, result.TimeBudgetHit, result.ElapsedSeconds, bugs);
    }
}
