using System;
using System.Collections.Generic;
using System.Linq;

namespace Kaal.Sim.Exploration.Campaigns;

/// <summary>
/// Combines shard reports of one campaign: the settings must agree (the field that differs is named), no
/// shard may appear twice, totals and coverage digests add up, and bugs are deduplicated by signature,
/// keeping the lowest iteration's trace and counting the reports that hit each. Shards not covered are listed
/// in the result (<see cref="CampaignReport.MissingShards"/>); whether that is acceptable is the caller's call.
/// </summary>
public static class CampaignMerge
{
    public static CampaignReport Merge(IReadOnlyList<(string Source, CampaignReport Report)> reports)
    {
        if (reports.Count == 0) throw new CampaignMergeException("no reports to merge");
        (string firstSource, CampaignReport first) = reports[0];
        var shards = new SortedSet<int>();
        var bugs = new Dictionary<string, CampaignBug>(StringComparer.Ordinal);
        int schedules = 0, infeasible = 0;
        long decisions = 0;
        ulong digest = 0;
        double seconds = 0;
        bool exhausted = false, timeBudgetHit = false;
        foreach ((string source, CampaignReport report) in reports)
        {
            RequireSame(firstSource, source, "scenario", first.Scenario, report.Scenario);
            RequireSame(firstSource, source, "strategy", first.Strategy, report.Strategy);
            RequireSame(firstSource, source, "seed", first.Seed, report.Seed);
            RequireSame(firstSource, source, "iterations", first.Iterations, report.Iterations);
            RequireSame(firstSource, source, "maxSteps", first.MaxSteps, report.MaxSteps);
            RequireSame(firstSource, source, "checkInvariants", first.CheckInvariants, report.CheckInvariants);
            RequireSame(firstSource, source, "memoryModel", first.MemoryModel, report.MemoryModel);
            RequireSame(firstSource, source, "promiseBudget", first.PromiseBudget, report.PromiseBudget);
            RequireSame(firstSource, source, "shardCount", first.ShardCount, report.ShardCount);
            foreach (int shard in report.Shards)
            {
                if (!shards.Add(shard)) throw new CampaignMergeException($"{source}: shard {shard}/{report.ShardCount} is covered by another report too");
            }
            schedules += report.Schedules;
            decisions += report.Decisions;
            infeasible += report.InfeasibleSchedules;
            digest += report.CoverageDigest;
            seconds += report.ElapsedSeconds;
            exhausted |= report.Exhausted;
            timeBudgetHit |= report.TimeBudgetHit;
            foreach (CampaignBug bug in report.Bugs)
            {
                if (!bugs.TryGetValue(bug.Signature, out CampaignBug? known))
                {
                    bugs[bug.Signature] = bug;
                }
                else
                {
                    CampaignBug kept = bug.Iteration < known.Iteration ? bug : known;
                    bugs[bug.Signature] = kept with { Occurrences = known.Occurrences + bug.Occurrences };
                }
            }
        }
        CampaignBug[] ordered = bugs.Values.OrderBy(bug => bug.Iteration).ThenBy(bug => bug.Signature, StringComparer.Ordinal).ToArray();
        return first with
        {
            Shards = shards.ToArray(),
            Schedules = schedules,
            Decisions = decisions,
            InfeasibleSchedules = infeasible,
            CoverageDigest = digest,
            Exhausted = exhausted,
            TimeBudgetHit = timeBudgetHit,
            ElapsedSeconds = seconds,
            Bugs = ordered,
        };
    }

    private static void RequireSame<T>(string firstSource, string source, string field, T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw new CampaignMergeException($"{source}: '{field}' is {actual} but {firstSource} has {expected}: not shards of one campaign");
        }
    }
}

/// <summary>Reports that cannot be merged, with the reason.</summary>
public sealed class CampaignMergeException(string message) : Exception(message);
