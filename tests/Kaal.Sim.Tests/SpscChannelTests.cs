using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Kaal.Sim.Strategies;
using Xunit;
using Xunit.Abstractions;

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
}
