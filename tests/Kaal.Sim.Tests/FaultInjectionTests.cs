using System.IO;
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
    [InlineData("delay-interrupt:1,crash:20", ChoiceKind.DelayInterrupt)]
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
        var settings = new ExploreSettings(new RandomStrategySettings(), Iterations: 60, MaxSteps: 20_000, Seed: 3, CheckInvariants: false, Faults: FaultSettings.Parse("swarm"));
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
        var settings = new ExploreSettings(new RandomStrategySettings(), Iterations: 300, MaxSteps: 20_000, Seed: 1, Workers: 2, Faults: FaultSettings.Parse("swarm"));
        ExploreResult result = Explorer.Explore(Scenario, settings);
        Assert.True(result.FirstBug is null, $"{result.FirstBug?.Outcome}: {result.FirstBug?.Message}\n{result.FirstBug?.Report}");
    }

    [Theory]
    [InlineData("crash", "fault spec item 'crash': expected NAME:N")]
    [InlineData("crash:0", "expected NAME:N with N a whole number of at least 1")]
    [InlineData("meteor:5", "unknown fault 'meteor' (known: swarm, swarm:-KIND, -KIND, heal:N, crash:N,")]
    [InlineData("swarm:-meteor", "fault spec item 'swarm:-meteor': unknown fault 'meteor'")]
    [InlineData("-crash", "-KIND leaves a kind out of swarm; add swarm")]
    [InlineData("swarm:-crash,-delay-interrupt,-duplicate-interrupt,-timer-jitter,-retype-exhaustion", "swarm with every kind left out injects nothing")]
    public void A_bad_fault_spec_is_refused_with_the_offending_item(string spec, string message)
    {
        System.ArgumentException error = Assert.Throws<System.ArgumentException>(() => FaultSettings.Parse(spec));
        Assert.Contains(message, error.Message);
    }

    /// <summary>Swarm you can steer: with crash left out no schedule's mix has it and no run crashes a component; the
    /// other kinds keep exactly the mix they had (leaving one out changes nothing else).</summary>
    [Fact]
    public void Swarm_without_crash_injects_no_crash_and_keeps_the_rest_of_each_mix()
    {
        FaultSettings steered = FaultSettings.Parse("swarm:-crash");
        Assert.Equal("swarm:-crash", steered.Spec);
        Assert.Equal(FaultKinds.Crash, FaultSettings.Parse("swarm,-crash").SwarmExcluded);
        bool crashDrawn = false;
        for (int iteration = 0; iteration < 64; iteration++)
        {
            ulong seed = DeterministicRandom.ScheduleSeed(5, iteration);
            var all = new FaultPlan(FaultSettings.Parse("swarm"), seed);
            var withoutCrash = new FaultPlan(steered, seed);
            crashDrawn |= all.Active.ContainsKey(FaultKinds.Crash);
            Assert.DoesNotContain(FaultKinds.Crash, withoutCrash.Active.Keys);
            foreach (KeyValuePair<FaultKinds, int> kind in all.Active)
            {
                if (kind.Key != FaultKinds.Crash) Assert.Equal(kind.Value, withoutCrash.Active[kind.Key]);
            }
        }
        Assert.True(crashDrawn, "plain swarm never drew crash in 64 schedules");
        SystemScenario scenario = SystemRun.Scenario(File.ReadAllText(Path.Combine(SystemRun.RepositoryRoot(), "manifests", "consumer-crash.toml")));
        var simulation = new Simulation(scenario, new SimOptions(20_000, CheckInvariants: false, Faults: FaultSettings.Parse("swarm:-crash")), keepStepLog: true);
        for (int iteration = 0; iteration < 8; iteration++)
        {
            var strategy = new AlwaysInjects();
            simulation.Run(strategy, DeterministicRandom.ScheduleSeed(5, iteration));
            Assert.DoesNotContain(simulation.Events, e => e.Text == "crashes (injected fault)");
        }
    }

    /// <summary>A crash the system's policy treats as final (restart = "never", or past restart_limit) is not injected:
    /// the run could only fail as designed and be reported again as liveness. Every other supervised component is
    /// crashed at most as often as its supervisor restarts it, counting the faults it makes itself.</summary>
    [Fact]
    public void No_crash_is_injected_that_the_system_policy_treats_as_final()
    {
        SystemScenario scenario = SystemRun.Scenario(File.ReadAllText(Path.Combine(SystemRun.RepositoryRoot(), "manifests", "consumer-crash.toml")));
        Assert.Equal(0, scenario.RecoverableFaults("ipc_producer"));
        Assert.Equal(5, scenario.RecoverableFaults("ipc_consumer"));
        var simulation = new Simulation(scenario, new SimOptions(50_000, CheckInvariants: false, Faults: FaultSettings.Parse("crash:1")), keepStepLog: true);
        RunResult result = simulation.Run(new AlwaysInjects(), 1);
        var crashed = simulation.Events.Where(e => e.Text == "crashes (injected fault)").GroupBy(e => e.Thread).ToDictionary(g => g.Key, g => g.Count());
        Assert.NotEmpty(crashed);
        Assert.False(crashed.ContainsKey("ipc_producer"), string.Join(", ", crashed));
        foreach ((string component, int crashes) in crashed) Assert.InRange(crashes, 1, scenario.RecoverableFaults(component));
        Assert.NotEqual(RunOutcome.LivenessViolation, result.Outcome);
    }

    /// <summary>Runs the lowest thread and says yes to every fault offered.</summary>
    private sealed class AlwaysInjects : IStrategy
    {
        public string Name => "always-injects";

        public bool BeginSchedule(int iteration, ulong seed) => true;

        public int Choose(System.ReadOnlySpan<uint> enabled, int running, int step) => running >= 0 ? running : 0;

        public int ChooseAlternative(ChoiceKind kind, int count, int step) => count - 1;
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
        var settings = new ExploreSettings(new RandomStrategySettings(), Iterations: 200, MaxSteps: 20_000, Seed: 7, Workers: 2, Faults: FaultSettings.Parse("swarm"));
        ExploreResult result = Explorer.Explore(tests, settings);
        Assert.True(result.FirstBug is null, $"{result.FirstBug?.Outcome}: {result.FirstBug?.Message}\n{result.FirstBug?.Report}");
    }
}
