using System.Collections.Generic;
using System.Globalization;

namespace Kaal.Sim.Strategies;

/// <summary>
/// What a systematic search can truthfully say it covered: whether it finished (<see cref="SearchDone"/>) and which
/// bounds cut schedules out of it. A bound that never cut anything is not mentioned: then the search covered every
/// schedule there is. <see cref="Statement"/> is the sentence the explorer prints; it never says "exhausted" when a
/// bound (preemptions, depth, the fair phase, the step limit) cut something.
/// </summary>
/// <param name="SearchDone">Every branch the bounds allow was explored (or pruned as an equivalent repeat).</param>
/// <param name="PreemptionBound">k: at most this many preemptions per schedule (null: unbounded).</param>
/// <param name="PreemptionBoundCut">Some branch needed more than k preemptions and was not explored.</param>
/// <param name="MaxDepth">d: decisions from number d on were not branched.</param>
/// <param name="DepthBoundCut">Some schedule had a choice at or past d.</param>
/// <param name="FairAfterSteps">Round robin from this step on (null: no fair phase).</param>
/// <param name="FairCut">Some schedule had a choice in the fair phase, made by round robin instead of the search.</param>
public sealed record CoverageClaim(bool SearchDone, int? PreemptionBound, bool PreemptionBoundCut, int MaxDepth, bool DepthBoundCut,
    int? FairAfterSteps = null, bool FairCut = false)
{
    public bool NothingCut => !PreemptionBoundCut && !DepthBoundCut && !FairCut;

    /// <summary>The sentence for a summary; <paramref name="stepLimitSchedules"/> schedules hit the step limit
    /// <paramref name="maxSteps"/> and were cut there.</summary>
    public string Statement(int schedules, int stepLimitSchedules, int maxSteps)
    {
        string count = schedules.ToString(CultureInfo.InvariantCulture);
        if (!SearchDone)
        {
            string bounds = PreemptionBound is int bound ? $"the schedules with at most {bound} preemptions" : "the schedules";
            string stopped = stepLimitSchedules == 0 ? "" : $"; {stepLimitSchedules} schedules stopped at {maxSteps} steps (the step limit)";
            return $"search not finished: {count} schedules explored of {bounds} up to depth {MaxDepth}{stopped} (raise --iterations or --time-budget to finish it)";
        }
        if (NothingCut && stepLimitSchedules == 0) return $"search space exhausted: every schedule of the scenario was explored or pruned as a repeat ({count} schedules)";
        var cuts = new List<string>();
        if (PreemptionBoundCut) cuts.Add("the preemption bound");
        if (DepthBoundCut) cuts.Add("the depth bound");
        if (FairCut) cuts.Add("the fair phase");
        if (stepLimitSchedules > 0) cuts.Add($"the step limit ({stepLimitSchedules} schedules stopped at {maxSteps.ToString(CultureInfo.InvariantCulture)} steps)");
        return $"covered {Scope()} ({count} schedules); not exhausted: {string.Join(", ", cuts)} cut schedules out";
    }

    /// <summary>"all schedules with at most 2 preemptions, up to depth 8, ..." naming only the bounds that cut.</summary>
    private string Scope()
    {
        string text = PreemptionBoundCut ? $"all schedules with at most {PreemptionBound} preemptions" : "all schedules";
        if (DepthBoundCut) text += $", up to depth {MaxDepth} (decisions past it ran on without preemption)";
        if (FairCut) text += $", up to step {FairAfterSteps} (round robin after it)";
        return text;
    }
}
