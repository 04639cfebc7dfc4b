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
/// <see cref="StateReloader.Reloads"/> times (manifests/hot-reload-state.toml); a blob too large is refused and the
/// successor starts without state.
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

    /// <summary>manifests/hot-reload-state.toml, with `carrier` running <paramref name="carrierBinary"/>.</summary>
    private static string ManifestText(string carrierBinary) =>
        SystemRun.Edit(File.ReadAllText(Path.Combine(SystemRun.RepositoryRoot(), "manifests", "hot-reload-state.toml")), "binary = \"state_carrier\"", $"binary = \"{carrierBinary}\"");

    private static (RunResult Result, List<string> Lines) Run(string carrierBinary, string replaces)
    {
        SystemScenario scenario = SystemScenario.FromText(ManifestText(carrierBinary), "hot-reload-state.toml", Components);
        if (replaces != StateCarrier.Binary)
        {
            DiscoveredComponent v2 = Components.All.Single(component => component.Implementation == typeof(StateCarrierV2));
            scenario = scenario.WithImages([new StoredImage(StateReloader.ImagePath, ProgramImage.Build(v2 with { Replaces = replaces }))]);
        }
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

    /// <summary>system_init's loader keeps the images it reads in windows of frames that reloads reuse (docs/hot-reload.md,
    /// "Loader memory"): after the second reload, the windows and their pages stay as they are, however many follow.</summary>
    [Fact]
    public void Many_reloads_reuse_the_loaders_memory()
    {
        (_, List<string> lines) = Run(StateCarrier.Binary, StateCarrier.Binary);
        List<string> memory = SystemRun.LinesOf(lines, "system_init")
            .Where(line => line.StartsWith("reload of carrier took ", StringComparison.Ordinal))
            .Select(line => line.Substring(line.IndexOf("; loader images: ", StringComparison.Ordinal)))
            .ToList();
        Assert.Equal(StateReloader.Reloads, memory.Count);
        Assert.StartsWith("; loader images: 1 of 1 windows in use, ", memory[0]);
        Assert.StartsWith("; loader images: 1 of 2 windows in use, ", memory[1]);
        Assert.All(memory.Skip(1), line => Assert.Equal(memory[1], line));
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
