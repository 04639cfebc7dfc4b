using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Kaal.Components.Applications.HotReload;
using Kaal.Components.Supervision;
using Kaal.Sdk.Discovery;
using Kaal.Sdk.Manifest;
using Kaal.Sdk.Runtime;
using Kaal.Sim.Programs;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Xunit;

namespace Kaal.Sim.Tests;

/// <summary>
/// The handed state (docs/hot-reload.md, "The handed state"): a versioned blob of up to
/// <see cref="StatePage.MaxStateBytes"/> bytes that a replaced component writes into its state page at a quiescent
/// point and system_init carries to its successor's. `carrier` (<see cref="StateCarrier"/>) hands over a full page
/// whose pattern depends on its generation, and `reloader` (<see cref="StateReloader"/>) has it replaced
/// <see cref="StateReloader.Reloads"/> times; a blob too large is refused and the successor starts without state.
/// </summary>
public sealed class HandedStateTests
{
    /// <summary>A carrier whose blob is one byte more than a state page holds.</summary>
    [KaalComponent("state_carrier_oversize", ComponentType.Service, "1.0.0", Description = "hands over one byte too many (HandedStateTests)",
        Expects = ["ipc:carrier:server"])]
    public sealed class OversizeStateCarrier : StateCarrier
    {
        protected override int StateBytes => StatePage.MaxStateBytes + 1;
    }

    private static readonly ComponentSet Components = ComponentDiscovery.FromAssemblies(typeof(SystemInit).Assembly, typeof(OversizeStateCarrier).Assembly);

    /// <summary>manifests/hot-reload-service.toml's system_init, drivers and fs, with `carrier` and `reloader`.</summary>
    private static string ManifestText(string carrierBinary)
    {
        string service = File.ReadAllText(Path.Combine(SystemRun.RepositoryRoot(), "manifests", "hot-reload-service.toml"));
        string platform = service.Substring(0, service.IndexOf("[[component]]\nname = \"echo\"", StringComparison.Ordinal));
        return platform + $$"""
            [[component]]
            name = "carrier"
            binary = "{{carrierBinary}}"
            type = "service"
            priority = 150
            spawned_by = "system_init"
            capabilities = ["ipc:carrier:server", "ipc:console:client", "memory:allocate:64K"]
            dependencies = ["serial_driver"]
            restart = "on-failure"
            restart_limit = 2

            [[component]]
            name = "reloader"
            binary = "state_reloader"
            type = "application"
            priority = 100
            spawned_by = "system_init"
            capabilities = ["process:reload:carrier", "ipc:carrier:client", "ipc:console:client"]
            dependencies = ["serial_driver", "carrier"]
            restart = "never"
            """;
    }

    private static (RunResult Result, List<string> Lines) Run(string carrierBinary, string replaces)
    {
        DiscoveredComponent v2 = Components.All.Single(component => component.Implementation == typeof(StateCarrierV2));
        SystemScenario scenario = SystemScenario.FromText(ManifestText(carrierBinary), "hot-reload-state.toml", Components)
            .WithImages([new StoredImage(StateReloader.ImagePath, ProgramImage.Build(v2 with { Replaces = replaces }))]);
        (RunResult result, List<string> lines, _) = SystemRun.Run(scenario, seed: 1);
        Assert.True(result.Outcome == RunOutcome.Passed, SystemRun.Describe(result, lines));
        return (result, lines);
    }

    [Fact]
    public void A_full_state_page_arrives_intact_across_every_one_of_many_reloads()
    {
        (_, List<string> lines) = Run(StateCarrier.Binary, StateCarrier.Binary);
        List<string> carrier = SystemRun.LinesOf(lines, "carrier");
        var expected = new List<string> { "generation 1 started without handed state" };
        for (int generation = 2; generation <= StateReloader.Reloads + 1; generation++) expected.Add($"generation {generation} took over {StatePage.MaxStateBytes} bytes of state intact");
        Assert.Equal(expected, carrier);
        List<string> init = SystemRun.LinesOf(lines, "system_init");
        Assert.Equal(StateReloader.Reloads, init.Count(line => line == $"stopped carrier at a quiescent point (state version {StateCarrier.StateVersion}, {StatePage.MaxStateBytes} bytes); starting version 2.0.0"));
        Assert.Equal(StateReloader.Reloads, init.Count(line => line == "reloaded carrier: version 2.0.0 is running"));
        Assert.Equal([$"{StateReloader.Reloads} reloads of carrier accepted; it answers as generation {StateReloader.Reloads + 1}"], SystemRun.LinesOf(lines, "reloader"));
    }

    [Fact]
    public void A_blob_larger_than_the_state_page_is_refused_and_the_successor_starts_without_state()
    {
        (_, List<string> lines) = Run("state_carrier_oversize", "state_carrier_oversize");
        List<string> init = SystemRun.LinesOf(lines, "system_init");
        string refusal = $"refused the state carrier handed over (version {StateCarrier.StateVersion}): {StatePage.MaxStateBytes + 1} bytes of state, more than the state page holds ({StatePage.MaxStateBytes} bytes); version 2.0.0 starts without it";
        Assert.Contains(refusal, init);
        Assert.Contains("stopped carrier at a quiescent point (no state); starting version 2.0.0", init);
        List<string> carrier = SystemRun.LinesOf(lines, "carrier");
        // Version 2 hands over a full page (4,072 bytes), so only the first reload is refused.
        Assert.Equal(["generation 1 started without handed state", "generation 1 started without handed state"], carrier.Take(2));
        Assert.Equal(1, init.Count(line => line == refusal));
    }
}
