using System.IO;
using Kaal.Sim.Exploration;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Kaal.Sim.Strategies;
using Xunit;

namespace Kaal.Sim.Tests;

public sealed class ScenarioApiTests
{
    [Fact]
    public void One_call_explores_and_a_bug_fails_with_trace_and_replay_command()
    {
        ScenarioAssert.NoBugs(new SpscChannelScenario(staleFullCheck: false), new ExploreSettings(new PortfolioStrategySettings(), Iterations: 40, CheckInvariants: false));
        var bug = Assert.Throws<ScenarioBugException>(() =>
            ScenarioAssert.NoBugs(new SpscChannelScenario(staleFullCheck: true), new ExploreSettings(new PortfolioStrategySettings(), Iterations: 200)));
        try
        {
            Assert.Contains("Deadlock", bug.Message);
            Assert.Contains("producer: BlockedOnNotification on Notification 'space-free'", bug.Message);
            Assert.Contains($"replay: kaal replay {bug.TracePath}", bug.Message);
            Assert.True(File.Exists(bug.TracePath));
        }
        finally
        {
            File.Delete(bug.TracePath);
        }
    }

    /// <summary>A system scenario's name is `system:PATH`: its trace is named after the manifest's file, in the folder
    /// asked for (no folder named with a colon), and the failure's first line is the verdict `kaal explore` prints.</summary>
    [Fact]
    public void A_system_scenarios_trace_is_a_plain_file_name_and_the_message_starts_with_the_verdict()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"kaal-assert-{System.Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            SystemScenario scenario = SystemScenario.FromFile(Path.Combine(SystemRun.RepositoryRoot(), "manifests", "planted", "assertion.toml"), SystemRun.Components);
            var bug = Assert.Throws<ScenarioBugException>(() => ScenarioAssert.NoBugs(scenario, new ExploreSettings(new RandomStrategySettings(), Iterations: 2), folder));
            Assert.Equal(folder, Path.GetDirectoryName(bug.TracePath));
            Assert.Equal("kaal-system-assertion.toml-seed0-schedule0.json", Path.GetFileName(bug.TracePath));
            Assert.Single(Directory.GetFileSystemEntries(folder));
            Assert.StartsWith("verdict: assertion failed at step ", bug.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A small channel (2 items) is explored completely by DFS with sleep-set reduction and survives
    /// every schedule; with 4 items (enough to fill the ring) DFS finds the stale-full variant's deadlock.</summary>
    [Fact]
    public void Bounded_exhaustive_search_covers_a_small_channel()
    {
        var strategy = new DfsStrategy(maxDepth: 400);
        var simulation = new Simulation(new SpscChannelScenario(staleFullCheck: false, itemCount: 2), new SimOptions(CheckInvariants: false));
        int schedules = 0;
        for (int iteration = 0; strategy.BeginSchedule(iteration, 0); iteration++)
        {
            RunResult result = simulation.Run(strategy);
            Assert.True(result.Outcome == RunOutcome.Passed, $"schedule {iteration}: {result.Outcome}: {result.Message}");
            schedules++;
            Assert.True(schedules < 20_000, "the search did not finish");
        }
        Assert.True(strategy.Exhausted);
        Assert.True(schedules > 100, $"only {schedules} schedules: the search cannot have covered the interleavings");
        Assert.False(strategy.HitDepthBound);
        ExploreResult buggy = Explorer.Explore(new SpscChannelScenario(staleFullCheck: true, itemCount: 4),
            new ExploreSettings(new DfsStrategySettings(400), Iterations: 200_000, CheckInvariants: false));
        Assert.Equal(RunOutcome.Deadlock, buggy.FirstBug!.Outcome);
    }
}
