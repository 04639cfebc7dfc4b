using System.Linq;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Kaal.Sim.Strategies;
using Xunit;

namespace Kaal.Sim.Tests;

public sealed class SpscChannelTests(ITestOutputHelper output)
{
    [Fact]
    public void Correct_channel_passes_random_schedules()
    {
        var simulation = new Simulation(new SpscChannelScenario(staleFullCheck: false), new SimOptions());
        var strategy = new RandomStrategy();
        for (int iteration = 0; iteration < 200; iteration++)
        {
            strategy.BeginSchedule(iteration, DeterministicRandom.ScheduleSeed(42, iteration));
            RunResult result = simulation.Run(strategy);
            Assert.True(result.Outcome == RunOutcome.Passed, $"schedule {iteration}: {result.Outcome}: {result.Message}\n{result.Report}");
        }
    }

    [Fact]
    public void Stale_full_check_deadlocks_in_some_random_schedules()
    {
        var simulation = new Simulation(new SpscChannelScenario(staleFullCheck: true), new SimOptions());
        var strategy = new RandomStrategy();
        int bugs = 0;
        RunResult? first = null;
        for (int iteration = 0; iteration < 200; iteration++)
        {
            strategy.BeginSchedule(iteration, DeterministicRandom.ScheduleSeed(42, iteration));
            RunResult result = simulation.Run(strategy);
            Assert.True(result.Outcome is RunOutcome.Passed or RunOutcome.Deadlock, $"{result.Outcome}: {result.Message}");
            if (result.Outcome == RunOutcome.Deadlock)
            {
                bugs++;
                first ??= result;
            }
        }
        output.WriteLine($"{bugs} of 200 schedules deadlocked; first after {first?.Steps} steps:\n{first?.Report}");
        Assert.True(bugs > 0);
        Assert.Contains("producer: BlockedOnNotification", first!.Report);
    }

    /// <summary>The structured events of a replayed deadlock: every step has one, blocking is recorded with the
    /// object, and each wake-up names the thread whose syscall caused it in the same step.</summary>
    [Fact]
    public void Step_events_cover_every_step_and_name_who_woke_whom()
    {
        var strategy = new RandomStrategy();
        var explorer = new Simulation(new SpscChannelScenario(staleFullCheck: true), new SimOptions(CheckInvariants: false));
        RunResult deadlock;
        int iteration = 0;
        do
        {
            strategy.BeginSchedule(iteration, DeterministicRandom.ScheduleSeed(42, iteration++));
            deadlock = explorer.Run(strategy);
        }
        while (deadlock.Outcome != RunOutcome.Deadlock);
        var simulation = new Simulation(new SpscChannelScenario(staleFullCheck: true), new SimOptions(CheckInvariants: false), keepStepLog: true);
        simulation.Run(new ReplayStrategy(deadlock.Decisions));
        Assert.Equal(Enumerable.Range(0, deadlock.Steps), simulation.Events.Select(e => e.Step).Distinct().Order());
        Assert.Contains(simulation.Events, e => e.Kind == SimEventKind.Block && e.Text.Contains("Notification 'space-free'") && e.Thread == "producer");
        Assert.All(simulation.Events.Where(e => e.Kind == SimEventKind.Wake), wake =>
        {
            Assert.Equal(wake.Step, wake.FromStep);
            Assert.Contains(simulation.Events, e => e.Step == wake.Step && e.Thread == wake.FromThread && e.Kind == SimEventKind.Syscall && e.Text.StartsWith("Signal"));
        });
        Assert.Contains(simulation.Events, e => e.Kind == SimEventKind.Wake);
    }
}
