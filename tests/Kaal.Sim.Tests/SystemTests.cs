using System.Collections.Generic;
using System.IO;
using System.Linq;
using Kaal.Components.Applications;
using Kaal.Sim.Exploration;
using Kaal.Sim.Strategies;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Xunit;

namespace Kaal.Sim.Tests;

/// <summary>The default system end to end in the simulator: root task, system_init, drivers, the channel.</summary>
public sealed class SystemTests
{
    private static readonly string Checksum = $"0x{NumbersStream.Checksum(1, NumbersStream.ItemCount):X8}";

    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void Default_system_delivers_every_item_in_order_and_shuts_down_cleanly(ulong seed)
    {
        (RunResult result, List<string> lines, Simulation simulation) = SystemRun.Run(SystemRun.Scenario(SystemRun.RepositoryManifestText), seed);
        string why = SystemRun.Describe(result, lines);
        Assert.True(result.Outcome == RunOutcome.Passed, why);
        Assert.True(simulation.ShutDown && simulation.ExitCode == 0, why);
        // Exactly these lines: a first run of each prints one line, nothing about resuming or restarts.
        Assert.Equal(new[] { $"received items 1..{NumbersStream.ItemCount} in order, checksum {Checksum}" }, SystemRun.LinesOf(lines, "ipc_consumer"));
        Assert.Equal(new[] { $"sent {NumbersStream.ItemCount} items" }, SystemRun.LinesOf(lines, "ipc_producer"));
        Assert.Equal(new[] { "started serial_driver", "started timer_driver", "started ipc_producer", "started ipc_consumer" },
            SystemRun.LinesOf(lines, "system_init").Where(line => line.StartsWith("started ")).ToArray());
        Assert.Contains("summary: 4 started, 0 restarted, 0 faulted, 0 failed, 0 not started", SystemRun.LinesOf(lines, "system_init"));
    }

    /// <summary>The board's manifest drives the simulator's devices (DeviceLayout): on raspi3b the PL011 at 0x3F20_1000 on
    /// line 57 and the timer on line 65, on raspi4b the PL011 at 0xFE20_1000 on INTID 153, give the same console as
    /// components.toml on virt, and a crash's backoff needs the timer's interrupt on the board's line.</summary>
    [Theory]
    [InlineData("raspi3b", "binary = \"ipc_consumer\"")]
    [InlineData("raspi3b", "binary = \"ipc_consumer_crash\"")]
    [InlineData("raspi4b", "binary = \"ipc_consumer\"")]
    [InlineData("raspi4b", "binary = \"ipc_consumer_crash\"")]
    public void A_boards_manifest_runs_as_components_toml_does(string boardName, string consumer)
    {
        string board = File.ReadAllText(Path.Combine(SystemRun.RepositoryRoot(), "manifests", $"{boardName}.toml"));
        const string original = "binary = \"ipc_consumer\"";
        (RunResult result, List<string> lines, Simulation simulation) = SystemRun.Run(SystemRun.Scenario(SystemRun.Edit(board, original, consumer), $"{boardName}.toml"), 0);
        (_, List<string> virtLines, _) = SystemRun.Run(SystemRun.Scenario(SystemRun.Edit(SystemRun.RepositoryManifestText, original, consumer)), 0);
        string why = SystemRun.Describe(result, lines);
        Assert.True(result.Outcome == RunOutcome.Passed && simulation.ShutDown && simulation.ExitCode == 0, why);
        Assert.Equal(virtLines, lines);
    }

    [Fact]
    public void The_same_seed_gives_the_same_run_and_another_seed_another_schedule()
    {
        SystemScenario scenario = SystemRun.Scenario(SystemRun.RepositoryManifestText);
        (RunResult first, List<string> firstLines, _) = SystemRun.Run(scenario, 7);
        (RunResult again, List<string> againLines, _) = SystemRun.Run(scenario, 7);
        (RunResult other, _, _) = SystemRun.Run(scenario, 8);
        Assert.Equal(first.Decisions, again.Decisions);
        Assert.Equal(firstLines, againLines);
        Assert.NotEqual(first.Decisions, other.Decisions);
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(5UL)]
    public void A_consumer_that_crashes_mid_stream_is_restarted_and_loses_nothing(ulong seed)
    {
        string manifest = SystemRun.Edit(SystemRun.RepositoryManifestText, "binary = \"ipc_consumer\"", "binary = \"ipc_consumer_crash\"");
        (RunResult result, List<string> lines, Simulation simulation) = SystemRun.Run(SystemRun.Scenario(manifest), seed);
        string why = SystemRun.Describe(result, lines);
        Assert.True(result.Outcome == RunOutcome.Passed && simulation.ShutDown && simulation.ExitCode == 0, why);
        uint crash = CrashingIpcConsumer.CrashItem;
        List<string> consumer = SystemRun.LinesOf(lines, "ipc_consumer");
        List<string> init = SystemRun.LinesOf(lines, "system_init");
        Assert.Contains($"received item {crash}; faulting on purpose", consumer);
        Assert.Contains(init, line => line.StartsWith("faulted ipc_consumer: VmFault") && line.EndsWith($"address 0x{IpcConsumer.CrashAddress:X}"));
        Assert.Contains("restarting ipc_consumer (restart 1 of 5, backoff 100 ms)", init);
        Assert.Contains($"resumed at item {crash + 1}", consumer);
        Assert.Contains($"received items {crash + 1}..{NumbersStream.ItemCount} in order, checksum 0x{NumbersStream.Checksum(crash + 1, NumbersStream.ItemCount):X8}", consumer);
        Assert.Contains($"sent {NumbersStream.ItemCount} items", SystemRun.LinesOf(lines, "ipc_producer"));
        Assert.DoesNotContain(init, line => line.StartsWith("no backoff"));
    }

    [Fact]
    public void A_component_whose_dependency_fails_to_start_is_reported_and_the_system_still_ends()
    {
        // A UART that is not on this platform: system_init cannot grant the region, so serial_driver never starts.
        string manifest = SystemRun.Edit(SystemRun.RepositoryManifestText, "memory_map:0x0900_0000:0x1000", "memory_map:0x0A00_0000:0x1000");
        (RunResult result, List<string> lines, Simulation simulation) = SystemRun.Run(SystemRun.Scenario(manifest), 0);
        string why = SystemRun.Describe(result, lines);
        Assert.True(result.Outcome == RunOutcome.SystemFailed && simulation.ShutDown, why);
        Assert.Equal(1UL, simulation.ExitCode);
        List<string> init = SystemRun.LinesOf(lines, "system_init");
        Assert.Contains("spawn failed for serial_driver: memory_map: no device memory at 0xA000000 on this platform", init);
        Assert.Contains("not starting ipc_producer: dependency serial_driver failed", init);
        Assert.Contains("not starting ipc_consumer: dependency serial_driver failed", init);
        Assert.Contains("restarting serial_driver (restart 3 of 3, backoff 50 ms)", init);
        Assert.Contains("gave up on serial_driver after 3 restarts", init);
        Assert.Contains("summary: 1 started, 3 restarted, 0 faulted, 1 failed, 3 not started", init);
    }

    [Fact]
    public void A_dependency_that_fails_after_starting_takes_its_dependents_down_instead_of_leaving_them_waiting()
    {
        string manifest = SystemRun.Edit(SystemRun.RepositoryManifestText, "binary = \"ipc_producer\"", "binary = \"test_fault\"");
        (RunResult result, List<string> lines, Simulation simulation) = SystemRun.Run(SystemRun.Scenario(manifest), 0);
        string why = SystemRun.Describe(result, lines);
        Assert.True(result.Outcome == RunOutcome.SystemFailed && simulation.ShutDown && simulation.ExitCode == 1, why);
        List<string> init = SystemRun.LinesOf(lines, "system_init");
        Assert.Contains(init, line => line.StartsWith("faulted ipc_producer: VmFault"));
        Assert.Contains("not restarting ipc_producer (restart = never)", init);
        Assert.True(init.Contains("stopped ipc_consumer: dependency ipc_producer failed") || init.Contains("not starting ipc_consumer: dependency ipc_producer failed"), why);
    }

    [Fact]
    public void Explored_with_the_portfolio_the_default_system_shows_no_deadlock_or_invariant_violation_in_1000_schedules()
    {
        SystemScenario scenario = SystemRun.Scenario(SystemRun.RepositoryManifestText, "components.toml");
        ExploreResult result = Explorer.Explore(scenario, new ExploreSettings(new PortfolioStrategySettings(), Iterations: 1000, MaxSteps: 20_000, Seed: 11, Workers: 2, CheckInvariants: true), progress: null);
        Assert.True(result.FirstBug is null, result.FirstBug?.Message);
        Assert.Equal(1000, result.Schedules);
    }

    [Fact]
    public void Bytes_typed_at_the_uart_raise_its_interrupt_and_serial_driver_echoes_them()
    {
        (Kaal.Sdk.Manifest.SystemManifest manifest, _) = Kaal.Sdk.Manifest.ManifestChecker.Check(SystemRun.RepositoryManifestText, "components.toml", SystemRun.Components);
        var scenario = new SystemScenario(manifest, "system:components.toml", SystemRun.Components, System.Text.Encoding.ASCII.GetBytes("hello kaal\n"));
        (RunResult result, List<string> lines, Simulation simulation) = SystemRun.Run(scenario, 1);
        string why = SystemRun.Describe(result, lines);
        Assert.True(result.Outcome == RunOutcome.Passed && simulation.ExitCode == 0, why);
        Assert.Contains(lines, line => line.Contains("hello kaal"));
    }
}
