using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Kaal.Sim.Exploration;
using Kaal.Sim.Strategies;
using Kaal.Sim.Exploration.Campaigns;
using Kaal.Sim.Scenarios;
using Xunit;

namespace Kaal.Sim.Tests;

/// <summary>Sharded campaigns: N shards run exactly the schedules of one unsharded run, and their reports merge
/// into the same totals, with bugs deduplicated by failure signature.</summary>
public sealed class ShardTests
{
    private static readonly SimScenario Channel = new SpscChannelScenario(staleFullCheck: false, cores: 2);

    [Fact]
    public void Shards_partition_the_iterations_exactly()
    {
        for (int iterations = 1; iterations <= 40; iterations++)
        {
            for (int count = 1; count <= 7; count++)
            {
                var covered = new List<long>();
                for (int index = 0; index < count; index++)
                {
                    var shard = new ShardSpec(index, count);
                    for (int local = 0; local < shard.IterationsOf(iterations); local++) covered.Add(shard.Global(local));
                }
                covered.Sort();
                Assert.Equal(Enumerable.Range(0, iterations).Select(i => (long)i), covered);
            }
        }
    }

    /// <summary>Same schedules, not just the same count: the coverage digest sums a hash of every schedule's
    /// iteration number and decisions, and the shards' digests add up to the unsharded run's.</summary>
    [Theory]
    [InlineData("random", 3, 1)]
    [InlineData("portfolio", 4, 2)]
    public void Shards_together_run_exactly_the_schedules_of_one_unsharded_run(string strategy, int shardCount, int workers)
    {
        var settings = new ExploreSettings(StrategySettings.Parse(strategy), Iterations: 97, Seed: 4, Workers: workers, CheckInvariants: false);
        ExploreResult whole = Explorer.Explore(Channel, settings);
        Assert.Null(whole.FirstBug);
        ExploreResult[] shards = Enumerable.Range(0, shardCount)
            .Select(index => Explorer.Explore(Channel, settings with { Shard = new ShardSpec(index, shardCount) })).ToArray();
        Assert.Equal(whole.Schedules, shards.Sum(shard => shard.Schedules));
        Assert.Equal(whole.Decisions, shards.Sum(shard => shard.Decisions));
        Assert.Equal(whole.InfeasibleSchedules, shards.Sum(shard => shard.InfeasibleSchedules));
        Assert.Equal(whole.CoverageDigest, shards.Aggregate(0UL, (sum, shard) => sum + shard.CoverageDigest));
        Assert.NotEqual(whole.CoverageDigest, shards.Skip(1).Aggregate(0UL, (sum, shard) => sum + shard.CoverageDigest));
    }

    [Fact]
    public void Shard_reports_merge_to_the_unsharded_totals_and_bugs_deduplicate_by_signature()
    {
        var missingRelease = new SpscChannelScenario(staleFullCheck: false, cores: 2, missingRelease: true);
        var settings = new ExploreSettings(new RandomStrategySettings(), Iterations: 60, Seed: 2, CheckInvariants: false);
        string folder = Path.Combine(Path.GetTempPath(), $"kaal-shards-{Guid.NewGuid():N}");
        try
        {
            var reports = new List<(string, CampaignReport)>();
            for (int index = 0; index < 3; index++)
            {
                ExploreSettings shard = settings with { Shard = new ShardSpec(index, 3) };
                string path = Path.Combine(folder, $"shard-{index}.json");
                CampaignReportFile.Write(path, CampaignReport.Of(missingRelease, shard, Explorer.Explore(missingRelease, shard)));
                reports.Add((path, CampaignReportFile.Read(path)));
            }
            CampaignReport merged = CampaignMerge.Merge(reports);
            Assert.Equal([0, 1, 2], merged.Shards);
            Assert.Empty(merged.MissingShards);
            CampaignBug bug = Assert.Single(merged.Bugs);
            Assert.Equal(3, bug.Occurrences);
            Assert.Equal("AssertionFailed: consumer: assertion failed: expected item #, got #", bug.Signature);
            Assert.Equal(Explorer.Explore(missingRelease, settings).Trace!.Iteration, bug.Iteration);
            Assert.Equal(bug.Iteration, bug.Trace.Iteration);

            CampaignReport partial = CampaignMerge.Merge(reports.Take(2).ToList());
            Assert.Equal([2], partial.MissingShards);
            var twice = Assert.Throws<CampaignMergeException>(() => CampaignMerge.Merge([reports[0], reports[0]]));
            Assert.Contains("shard 0/3 is covered by another report too", twice.Message);
            var other = Assert.Throws<CampaignMergeException>(() => CampaignMerge.Merge([reports[0], (reports[1].Item1, reports[1].Item2 with { Seed = 9 })]));
            Assert.Contains("'seed' is 9", other.Message);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("1/0")]
    [InlineData("3/3")]
    [InlineData("-1/2")]
    [InlineData("a/b")]
    [InlineData("2")]
    public void Bad_shard_specs_are_refused(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => ShardSpec.Parse(text));
        Assert.Contains($"'{text}'", error.Message);
    }

    [Fact]
    public void Dfs_cannot_be_sharded()
    {
        var error = Assert.Throws<ArgumentException>(() => Explorer.Explore(Channel, new ExploreSettings(new DfsStrategySettings(), Shard: new ShardSpec(0, 2))));
        Assert.Contains("cannot be sharded", error.Message);
    }

    [Fact]
    public void Failure_signatures_ignore_numbers_but_not_who_waits_for_what()
    {
        Assert.Equal(FailureSignature.Of("AssertionFailed", "c: expected 3 at 0x10", ""), FailureSignature.Of("AssertionFailed", "c: expected 7 at 0xFF", ""));
        Assert.NotEqual(FailureSignature.Of("Deadlock", "deadlock", "  a: BlockedOnNotification on 'x'\n"), FailureSignature.Of("Deadlock", "deadlock", "  b: BlockedOnNotification on 'x'\n"));
    }
}
