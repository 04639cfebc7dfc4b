using System.Collections.Generic;
using System.Linq;
using Kaal.Components.Applications;
using Kaal.Sdk.Manifest;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Kaal.Sim.Strategies;
using Xunit;

namespace Kaal.Sim.Tests;

/// <summary>
/// A manifest places components on cores (`[system] cores`, a component's `core`): the simulator simulates the
/// manifest's cores, and system_init, the same code as on the CPU, moves each component's thread to its core before
/// it starts it. manifests/default-smp2.toml is the default system with the consumer on core 1; channel-smp2.toml the
/// numbers channel alone, its producer on core 1.
/// </summary>
public sealed class SystemCoreTests
{
    [Theory]
    [InlineData("default-smp2", 0UL, "ipc_consumer")]
    [InlineData("default-smp2", 1UL, "ipc_consumer")]
    [InlineData("default-smp2", 2UL, "ipc_consumer")]
    [InlineData("channel-smp2", 0UL, "ipc_producer")]
    [InlineData("channel-smp2", 1UL, "ipc_producer")]
    public void Every_step_of_a_component_runs_on_the_core_its_manifest_names(string system, ulong seed, string onCoreOne)
    {
        SystemScenario scenario = SystemRun.RepositoryManifest(system);
        Assert.Equal(2, scenario.Config.CoreCount);
        var lines = new List<string>();
        var simulation = new Simulation(scenario, new SimOptions(100_000, CheckInvariants: true), keepStepLog: true) { ConsoleLine = lines.Add };
        var strategy = new RandomStrategy();
        strategy.BeginSchedule(0, DeterministicRandom.ScheduleSeed(seed, 0));
        RunResult result = simulation.Run(strategy);
        string why = SystemRun.Describe(result, lines);
        Assert.True(result.Outcome == RunOutcome.Passed && simulation.ShutDown && simulation.ExitCode == 0, why);
        foreach (ComponentSpec component in scenario.Manifest.Components)
        {
            int core = component.Name == onCoreOne ? 1 : 0;
            // Its own steps; a wake is recorded where the waker runs.
            SimEvent[] steps = simulation.Events.Where(step => step.Thread == component.Name && step.FromThread is null).ToArray();
            Assert.NotEmpty(steps);
            Assert.All(steps, step => Assert.True(step.Core == core, $"{component.Name} ran on core {step.Core} at step {step.Step}: {step.Text}"));
        }
        Assert.Equal(new[] { $"received items 1..{NumbersStream.ItemCount} in order, checksum 0x{NumbersStream.Checksum(1, NumbersStream.ItemCount):X8}" },
            SystemRun.LinesOf(lines, "ipc_consumer"));
        Assert.Contains($"spawned {onCoreOne} (priority 100, core 1)", SystemRun.LinesOf(lines, "system_init"));
    }
}
