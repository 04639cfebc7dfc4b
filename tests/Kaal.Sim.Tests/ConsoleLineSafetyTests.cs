using System;
using System.Collections.Generic;
using System.Linq;
using Kaal.Sdk.Manifest;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Xunit;
using NumbersStream = Kaal.Components.Applications.NumbersStream;

namespace Kaal.Sim.Tests;

/// <summary>
/// The console service is line-safe across cores: a console line returns only once serial_driver has written it (the
/// line's last chunk is a Call the driver answers), so a client on another core than the driver cannot go on, exit and
/// have system_init's `exited` line (through the kernel's debug console) cut into its last line, nor have the driver
/// stopped at shutdown before that line is out. 150 schedules of each system, the consumer (default-smp2) or the
/// producer (channel-smp2) on the other core than serial_driver, print every line whole and each client's last line
/// before system_init reports its exit. With the last chunk a Send every one of the 300 fails: default-smp2 loses the
/// consumer's last line (serial_driver is stopped before it is out), channel-smp2 prints the producer's exit before
/// (or into) its last line.
/// </summary>
public sealed class ConsoleLineSafetyTests
{
    private const int Schedules = 150;

    [Theory]
    [InlineData("default-smp2", "ipc_consumer")]
    [InlineData("channel-smp2", "ipc_producer")]
    public void Every_console_line_of_a_client_on_another_core_is_whole_and_before_its_exit(string system, string onCoreOne)
    {
        SystemScenario scenario = SystemRun.RepositoryManifest(system);
        ComponentSpec[] components = scenario.Manifest.Components.ToArray();
        Assert.Equal(1L, Array.Find(components, component => component.Name == onCoreOne)!.Core);
        Assert.Equal(0L, Array.Find(components, component => component.Name == "serial_driver")!.Core);
        for (ulong seed = 0; seed < Schedules; seed++)
        {
            (RunResult result, List<string> lines, Simulation simulation) = SystemRun.Run(scenario, seed, checkInvariants: false);
            string why = $"{system}, seed {seed}: {SystemRun.Describe(result, lines)}";
            Assert.True(result.Outcome == RunOutcome.Passed && simulation.ShutDown && simulation.ExitCode == 0, why);
            foreach (string line in lines) Assert.True(IsWhole(line, components), $"{system}, seed {seed}: line '{line}' is not whole{Environment.NewLine}{why}");
            string received = $"[ipc_consumer] received items 1..{NumbersStream.ItemCount} in order, checksum 0x{NumbersStream.Checksum(1, NumbersStream.ItemCount):X8}";
            AssertBefore(lines, received, "[system_init] exited ipc_consumer (status 0)", why);
            AssertBefore(lines, $"[ipc_producer] sent {NumbersStream.ItemCount} items", "[system_init] exited ipc_producer (status 0)", why);
        }
    }

    /// <summary>A line is whole when no component's prefix `[name]` appears anywhere but at its start.</summary>
    private static bool IsWhole(string line, ComponentSpec[] components) =>
        components.All(component => line.IndexOf($"[{component.Name}]", StringComparison.Ordinal) is 0 or -1);

    private static void AssertBefore(List<string> lines, string first, string then, string why)
    {
        int firstAt = lines.IndexOf(first), thenAt = lines.IndexOf(then);
        Assert.True(firstAt >= 0, $"'{first}' is missing{Environment.NewLine}{why}");
        Assert.True(thenAt > firstAt, $"'{then}' is not after '{first}'{Environment.NewLine}{why}");
    }
}
