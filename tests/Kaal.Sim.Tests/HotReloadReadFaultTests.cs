using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Kaal.Components.Applications;
using Kaal.Components.Applications.HotReload;
using Kaal.Components.Supervision;
using Kaal.Sdk.Boot;
using Kaal.Sdk.Discovery;
using Kaal.Sdk.Manifest;
using Kaal.Sdk.Runtime;
using Kaal.Sim.Programs;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Xunit;

namespace Kaal.Sim.Tests;

/// <summary>
/// fs and the timer service both fail while system_init reads a new version for the reloader (docs/hot-reload.md,
/// "Receiving during a read"; the swarm campaigns found it in schedule 169 of hot-reload.toml). system_init waited
/// only on its notification then, for fs's answer or the timer's deadline signal, and neither came: a deadlock with
/// both faults waiting on its supervision endpoint. It now receives there during the read, with the reloader's reply
/// saved (CAP_SAVE_CALLER): the read is refused at the first fault and the system goes on.
/// </summary>
public sealed class HotReloadReadFaultTests
{
    /// <summary>Stands in for the timer service: faults at the first request it is signalled (the read's deadline).</summary>
    [KaalComponent("timer_faulting", ComponentType.Driver, "1.0.0", Description = "faults when signalled (HotReloadReadFaultTests)",
        Expects = ["ipc:timer:server"])]
    public sealed class FaultingTimer : Component
    {
        public override async Task RunAsync() => await FaultWhenSignalled(Sys, Context);
    }

    /// <summary>Stands in for fs: faults at the first request the loader signals.</summary>
    [KaalComponent("fs_faulting", ComponentType.Service, "1.0.0", Description = "faults when signalled (HotReloadReadFaultTests)",
        Expects = ["ipc:fs:server"])]
    public sealed class FaultingFileSystem : Component
    {
        public override async Task RunAsync() => await FaultWhenSignalled(Sys, Context);
    }

    private static async Task FaultWhenSignalled(Kaal.Sdk.Sys sys, ComponentContext context)
    {
        Assert.True(context.TryFind(ArgKind.BoundNotification, out ArgEntry bound));
        await sys.Wait(bound.Cptr);
        await sys.Load(IpcConsumer.CrashAddress);
    }

    [Fact]
    public void Fs_and_the_timer_failing_during_a_read_refuse_the_reload_and_the_system_goes_on()
    {
        ComponentSet components = ComponentDiscovery.FromAssemblies(typeof(SystemInit).Assembly, typeof(FaultingTimer).Assembly);
        string text = File.ReadAllText(Path.Combine(SystemRun.RepositoryRoot(), "manifests", "hot-reload.toml"))
            .Replace("binary = \"timer_driver\"", "binary = \"timer_faulting\"")
            .Replace("binary = \"fs\"", "binary = \"fs_faulting\"");
        DiscoveredComponent v2 = components.All.Single(component => component.Implementation == typeof(HotReloadConsumerV2));
        SystemScenario scenario = SystemScenario.FromText(text, "hot-reload-read-faults.toml", components)
            .WithImages([new StoredImage("/images/hot_reload_consumer_v2", ProgramImage.Build(v2))]);

        (RunResult result, List<string> lines, _) = SystemRun.Run(scenario, seed: 1);

        Assert.True(result.Outcome == RunOutcome.Passed, SystemRun.Describe(result, lines));
        List<string> init = SystemRun.LinesOf(lines, "system_init");
        string refused = Assert.Single(init, line => line.StartsWith("reload of consumer refused: /images/hot_reload_consumer_v2: the ", System.StringComparison.Ordinal));
        Assert.Contains(" failed during the read", refused);
        Assert.Contains(init, line => line.StartsWith("faulted timer_driver: ", System.StringComparison.Ordinal));
        Assert.Contains(init, line => line.StartsWith("faulted fs: ", System.StringComparison.Ordinal));
        Assert.Contains("reload of consumer from /images/hot_reload_consumer_v2: refused", SystemRun.LinesOf(lines, "reloader"));
        List<string> consumer = SystemRun.LinesOf(lines, "consumer");
        Assert.EndsWith($"received items 1..{NumbersStream.ItemCount} in order, checksum 0x{NumbersStream.Checksum(1, NumbersStream.ItemCount):X8}", consumer.Last());
    }
}
