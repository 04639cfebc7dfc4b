using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Kaal.Components.Applications;
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
/// The loader's stop deadline (docs/hot-reload.md, "What the loader does"): a version that never reaches a quiescent
/// point is killed <see cref="SystemInit.StopDeadlineMs"/> after it was asked to stop, timed by the timer service, and its
/// successor starts without state: it resumes where the channel's positions say, so the stream still arrives once, in
/// order.
/// </summary>
public sealed class HotReloadDeadlineTests
{
    /// <summary>A consumer that holds the numbers channel but never waits on it nor offers a quiescent point: it only yields.</summary>
    [KaalComponent("stubborn_consumer", ComponentType.Application, "1.0.0", Description = "never reaches a quiescent point (HotReloadDeadlineTests)",
        Expects = ["ipc:numbers:consumer"])]
    public sealed class StubbornConsumer : Component
    {
        public override async Task RunAsync()
        {
            while (true) await Sys.Yield();
        }
    }

    [Fact]
    public void A_version_that_never_reaches_a_quiescent_point_is_killed_at_the_deadline_and_its_successor_starts_without_state()
    {
        ComponentSet components = ComponentDiscovery.FromAssemblies(typeof(SystemInit).Assembly, typeof(StubbornConsumer).Assembly);
        string text = File.ReadAllText(Path.Combine(SystemRun.RepositoryRoot(), "manifests", "hot-reload.toml"))
            .Replace("binary = \"hot_reload_consumer\"", "binary = \"stubborn_consumer\"");
        DiscoveredComponent v2 = components.All.Single(component => component.Implementation == typeof(HotReloadConsumerV2));
        SystemScenario scenario = SystemScenario.FromText(text, "hot-reload-stubborn.toml", components)
            .WithImages([new StoredImage("/images/hot_reload_consumer_v2", ProgramImage.Build(v2 with { Replaces = "stubborn_consumer" }))]);

        (RunResult result, List<string> lines, _) = SystemRun.Run(scenario, seed: 1);

        Assert.True(result.Outcome == RunOutcome.Passed, SystemRun.Describe(result, lines));
        List<string> init = SystemRun.LinesOf(lines, "system_init");
        int asked = init.IndexOf("reloading consumer from /images/hot_reload_consumer_v2 (version 2.0.0): asking it to stop");
        int killed = init.IndexOf($"killed consumer: it reached no quiescent point within {SystemInit.StopDeadlineMs} ms; starting version 2.0.0 without its state");
        Assert.True(asked >= 0 && killed > asked, SystemRun.Describe(result, lines));
        Assert.Contains("reloaded consumer: version 2.0.0 is running", init);
        Assert.DoesNotContain(init, line => line.StartsWith("stopped consumer at a quiescent point", System.StringComparison.Ordinal));
        List<string> consumer = SystemRun.LinesOf(lines, "consumer");
        Assert.DoesNotContain(consumer, line => line.Contains("took over with the handed state", System.StringComparison.Ordinal));
        Assert.EndsWith($"received items 1..{NumbersStream.ItemCount} in order, checksum 0x{NumbersStream.Checksum(1, NumbersStream.ItemCount):X8}", consumer.Last());
    }
}
