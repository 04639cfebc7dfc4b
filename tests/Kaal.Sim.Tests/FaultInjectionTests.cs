using System.Collections.Generic;
using System.Linq;
using Kaal.Sim.Exploration;
using Kaal.Sim.Faults;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Kaal.Sim.Strategies;
using Xunit;

namespace Kaal.Sim.Tests;

/// <summary>Every fault kind is injected into the default system as a recorded decision and replays exactly; swarm
/// mode is reproducible from the seed; the default system survives a swarm campaign.</summary>
public sealed class FaultInjectionTests
{
    private static readonly SystemScenario Scenario = SystemRun.Scenario(SystemRun.RepositoryManifestText, "components.toml");

    [Theory]
    [InlineData("crash:40", ChoiceKind.Crash)]
    [InlineData("delay-interrupt:2,crash:60", ChoiceKind.DelayInterrupt)]
    [InlineData("duplicate-interrupt:2,crash:60", ChoiceKind.DuplicateInterrupt)]
    [InlineData("timer-jitter:1,crash:60", ChoiceKind.TimerJitter)]
    [InlineData("retype-exhaustion:8", ChoiceKind.RetypeExhaustion)]
    public void Each_fault_kind_is_injected_recorded_and_replayed(string spec, ChoiceKind kind)
    {
        var options = new SimOptions(100_000, CheckInvariants: false, Faults: FaultSettings.Parse(spec));
        var simulation = new Simulation(Scenario, options);
        var strategy = new RandomStrategy();
        // Enough schedules that a rare kind turns up whatever the system prints: each console line is a step, so a line
        // added to system_init moves every later random decision.
        const int Schedules = 100;
        for (int iteration = 0; iteration < Schedules; iteration++)
        {
            ulong seed = DeterministicRandom.ScheduleSeed(5, iteration);
            strategy.BeginSchedule(iteration, seed);
            var lines = new List<string>();
            simulation.ConsoleLine = lines.Add;
            RunResult result = simulation.Run(strategy, seed);
            Assert.False(result.IsBug, SystemRun.Describe(result, lines));
            if (!result.Decisions.Any(decision => Decision.IsAlternative(decision) && Decision.KindOf(decision) == kind && Decision.IndexOf(decision) > 0)) continue;

            var replayLines = new List<string>();
            var replay = new Simulation(Scenario, options) { ConsoleLine = replayLines.Add };
            RunResult again = replay.Run(new ReplayStrategy(result.Decisions), seed);
            Assert.Equal(result.Decisions, again.Decisions);
            Assert.Equal(result.Outcome, again.Outcome);
            Assert.Equal(lines, replayLines);
            return;
        }
        Assert.Fail($"no schedule of {Schedules} injected a {Decision.Name(kind)} fault with '{spec}'");
    }

    [Fact]
    public void A_swarm_campaign_is_reproducible_from_its_seed_and_varies_the_mix_per_schedule()
    {
        var settings = new ExploreSettings("random", Iterations: 60, MaxSteps: 20_000, Seed: 3, CheckInvariants: false, Faults: FaultSettings.Parse("swarm"));
        ExploreResult first = Explorer.Explore(Scenario, settings);
        ExploreResult again = Explorer.Explore(Scenario, settings);
        Assert.Null(first.FirstBug);
        Assert.Equal(first.Decisions, again.Decisions);
        Assert.Equal(first.CoverageDigest, again.CoverageDigest);
        var mixes = new HashSet<string>();
        for (int iteration = 0; iteration < 20; iteration++)
        {
            var plan = new FaultPlan(FaultSettings.Parse("swarm"), DeterministicRandom.ScheduleSeed(3, iteration));
            mixes.Add(string.Join(",", plan.Active.Select(entry => $"{entry.Key}:{entry.Value}")));
        }
        Assert.True(mixes.Count > 5, $"only {mixes.Count} distinct fault mixes in 20 schedules");
    }

    [Fact]
    public void The_default_system_survives_a_swarm_campaign_without_deadlock_or_invariant_violation()
    {
        var settings = new ExploreSettings("random", Iterations: 300, MaxSteps: 20_000, Seed: 1, Workers: 2, Faults: FaultSettings.Parse("swarm"));
        ExploreResult result = Explorer.Explore(Scenario, settings);
        Assert.True(result.FirstBug is null, $"{result.FirstBug?.Outcome}: {result.FirstBug?.Message}\n{result.FirstBug?.Report}");
    }

    [Theory]
    [InlineData("crash", "fault spec item 'crash': expected NAME:N")]
    [InlineData("crash:0", "expected NAME:N with N a whole number of at least 1")]
    [InlineData("meteor:5", "unknown fault 'meteor' (known: swarm, heal:N, crash:N,")]
    public void A_bad_fault_spec_is_refused_with_the_offending_item(string spec, string message)
    {
        System.ArgumentException error = Assert.Throws<System.ArgumentException>(() => FaultSettings.Parse(spec));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_spec_round_trips_through_its_normal_form()
    {
        FaultSettings settings = FaultSettings.Parse(" heal:900, crash:50 ,swarm,delay-interrupt:7");
        Assert.Equal("swarm,crash:50,delay-interrupt:7,heal:900", settings.Spec);
        Assert.Equal(settings.Spec, FaultSettings.Parse(settings.Spec).Spec);
    }

    [Fact]
    public void Test_components_under_swarm_faults_report_failures_instead_of_crashing_the_run()
    {
        SystemScenario tests = SystemRun.Scenario(System.IO.File.ReadAllText(System.IO.Path.Combine(SystemRun.RepositoryRoot(), "manifests", "test-components.toml")), "test-components.toml");
        var settings = new ExploreSettings("random", Iterations: 200, MaxSteps: 20_000, Seed: 7, Workers: 2, Faults: FaultSettings.Parse("swarm"));
        ExploreResult result = Explorer.Explore(tests, settings);
        Assert.True(result.FirstBug is null, $"{result.FirstBug?.Outcome}: {result.FirstBug?.Message}\n{result.FirstBug?.Report}");
    }
}
