using Kaal.Sim.Exploration;
using Kaal.Sim.Faults;
using Kaal.Sim.Liveness;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Kaal.Sim.Strategies;
using Xunit;

namespace Kaal.Sim.Tests;

/// <summary>Liveness monitors: a starved producer is reported with its lasso and replays; the fixed program passes;
/// the heal point keeps the safety phase out of the temperature.</summary>
public sealed class LivenessTests
{
    [Fact]
    public void A_consumer_spinning_on_poll_while_its_producer_starves_is_a_liveness_violation_with_its_lasso()
    {
        var settings = new ExploreSettings(new RandomStrategySettings(), Iterations: 5, MaxSteps: 50_000);
        ExploreResult result = Explorer.Explore(new PollSpinScenario(blockingWait: false), settings);
        RunResult bug = Assert.IsType<RunResult>(result.FirstBug);
        Assert.Equal(RunOutcome.LivenessViolation, bug.Outcome);
        Assert.Contains($"monitor '{PollSpinScenario.Monitor}' exceeded its temperature threshold (2000 steps), hot for", bug.Message);
        Assert.Contains("lasso: a prefix of", bug.Report);
        Assert.Contains("then a cycle of 1 step that returns to the same state", bug.Report);
        Assert.Contains("consumer Poll(", bug.Report);

        Trace trace = result.Trace!;
        RunResult again = new Simulation(new PollSpinScenario(blockingWait: false), trace.SimOptions).Run(new ReplayStrategy(trace.Decisions), trace.ScheduleSeed);
        Assert.Equal(bug.Outcome, again.Outcome);
        Assert.Equal(bug.Decisions, again.Decisions);
        Assert.Equal(bug.Report, again.Report);
    }

    [Fact]
    public void The_consumer_that_blocks_lets_its_producer_run_and_passes()
    {
        ExploreResult result = Explorer.Explore(new PollSpinScenario(blockingWait: true), new ExploreSettings(new RandomStrategySettings(), Iterations: 50));
        Assert.Null(result.FirstBug);
    }

    [Fact]
    public void Below_the_threshold_a_hot_monitor_is_no_violation_but_at_the_step_limit_it_is()
    {
        var scenario = new PollSpinScenario(blockingWait: false);
        var strategy = new RandomStrategy();
        strategy.BeginSchedule(0, 1);
        RunResult limited = new Simulation(scenario, new SimOptions(MaxSteps: 300, LivenessThresholdSteps: 1_000)).Run(strategy);
        Assert.Equal(RunOutcome.LivenessViolation, limited.Outcome);
        Assert.Contains("was still hot at the step limit (300)", limited.Message);
    }

    [Fact]
    public void Steps_before_the_heal_point_do_not_count_towards_the_temperature()
    {
        var tracker = new LivenessTracker();
        tracker.Observe("m", hot: true, step: 10);
        Assert.Equal(("m", 90), tracker.Hottest(100, healedAtStep: 0));
        Assert.Equal(("m", 40), tracker.Hottest(100, healedAtStep: 60));
        tracker.Observe("m", hot: false, step: 100);
        Assert.False(tracker.AnyHot);
        var withHeal = new SimOptions(MaxSteps: 50_000, Faults: FaultSettings.Parse("crash:1000000,heal:4000"), LivenessThresholdSteps: 1_000);
        var strategy = new RandomStrategy();
        strategy.BeginSchedule(0, 2);
        RunResult healed = new Simulation(new PollSpinScenario(blockingWait: false), withHeal).Run(strategy, 2);
        Assert.Equal(RunOutcome.LivenessViolation, healed.Outcome);
        Assert.InRange(healed.Steps, 5_000, 5_100);
    }

    /// <summary>Always runs the first enabled thread: as unfair as a strategy can be.</summary>
    private sealed class FirstEnabledStrategy : IStrategy
    {
        public string Name => "first-enabled";

        public bool BeginSchedule(int iteration, ulong seed) => true;

        public int Choose(System.ReadOnlySpan<uint> enabled, int running, int step) => 0;

        public int ChooseAlternative(ChoiceKind kind, int count, int step) => 0;
    }

    [Fact]
    public void Starvation_by_the_explorer_is_not_reported_the_fair_phase_lets_an_equal_priority_producer_run()
    {
        // Same priority: only the strategy could starve the producer, and after half the threshold it may not.
        var scenario = new PollSpinScenario(blockingWait: false, producerPriority: PollSpinScenario.ConsumerPriority);
        RunResult result = new Simulation(scenario, new SimOptions(MaxSteps: 50_000)).Run(new FirstEnabledStrategy());
        Assert.True(result.Outcome == RunOutcome.Passed, $"{result.Outcome}: {result.Message}\n{result.Report}");
        Assert.InRange(result.Steps, SimOptions.DefaultLivenessThresholdSteps / 2, SimOptions.DefaultLivenessThresholdSteps);
    }
}
