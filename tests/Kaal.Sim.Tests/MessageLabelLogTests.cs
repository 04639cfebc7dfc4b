using System.Linq;
using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk.Discovery;
using Kaal.Sdk.Runtime;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Xunit;

namespace Kaal.Sim.Tests;

/// <summary>The step log (what `kaal replay` prints and timelines show) decodes message syscalls: the endpoint by name,
/// the label by the name a component declared ([KaalMessageLabel]) or the SDK's protocol gives it, a number otherwise,
/// and the words.</summary>
public sealed class MessageLabelLogTests
{
    /// <summary>A client Calls the store with a declared label and with one nobody names; the store replies with a
    /// declared reply label. The labels come from discovery of this assembly, as a system's come from its components.</summary>
    private sealed class LabelledCallsScenario : SimScenario
    {
        public override string Name => "labelled-calls";
        public override string Description => "calls with a declared label and an unknown one";
        public override MessageLabelNames MessageLabels { get; } = ComponentDiscovery.FromAssemblies(typeof(LabelledStore).Assembly).MessageLabels;

        public override void Build(WorldBuilder world)
        {
            uint endpoint = world.CreateEndpoint("store");
            ulong serverEp = 0, clientEp = 0;
            WorldComponent server = world.AddComponent("server", priority: 50, core: 0, async sys =>
            {
                for (int call = 0; call < 2; call++)
                {
                    await sys.Recv(serverEp);
                    await sys.Reply(MessageInfo.Make(LabelledStore.OkLabel, 1, 0, 0), 0x2A);
                }
            });
            WorldComponent client = world.AddComponent("client", priority: 40, core: 0, async sys =>
            {
                await sys.Call(clientEp, MessageInfo.Make(LabelledStore.PutLabel, 2, 0, 0), 3, 0x7F00);
                await sys.Call(clientEp, MessageInfo.Make(99, 0, 0, 0));
            });
            serverEp = world.Give(server, endpoint, CapRights.Read | CapRights.Grant);
            clientEp = world.Give(client, endpoint, CapRights.Write | CapRights.Grant);
        }
    }

    [Fact]
    public void A_label_the_component_declares_shows_by_name_with_the_endpoint_and_words()
    {
        Simulation simulation = RunWithLog(new LabelledCallsScenario());
        Assert.Contains(simulation.StepLog, line => line.Contains("client Call(Endpoint 'store', LabelledStore.Put, words=[3, 0x7F00]) -> "));
        Assert.Contains(simulation.StepLog, line => line.Contains("server Reply(LabelledStore.Ok, words=[42]) -> "));
        Assert.Contains(simulation.Events, e => e.Text.StartsWith("Call(Endpoint 'store', LabelledStore.Put,", System.StringComparison.Ordinal));
    }

    [Fact]
    public void A_label_nobody_names_stays_a_number()
    {
        Simulation simulation = RunWithLog(new LabelledCallsScenario());
        Assert.Contains(simulation.StepLog, line => line.Contains("client Call(Endpoint 'store', label 99, words=[]) -> "));
    }

    [Fact]
    public void The_sdk_protocols_labels_show_by_name_in_a_system()
    {
        var simulation = new Simulation(SystemRun.Scenario(SystemRun.RepositoryManifestText), new SimOptions(100_000, CheckInvariants: false), keepStepLog: true);
        var strategy = new Strategies.RandomStrategy();
        strategy.BeginSchedule(0, Strategies.DeterministicRandom.ScheduleSeed(1, 0));
        simulation.Run(strategy);
        Assert.Contains(simulation.StepLog, line => line.Contains(", Protocol.Ready, words=[]) -> "));
        Assert.Contains(simulation.StepLog, line => line.Contains("Send(Endpoint 'console', Protocol.ConsoleWrite[") && line.Contains(" bytes], text=\"["));
        Assert.DoesNotContain(simulation.StepLog, line => line.Contains(" Call(") && line.Contains(", label 256,"));
    }

    private static Simulation RunWithLog(SimScenario scenario)
    {
        var simulation = new Simulation(scenario, new SimOptions(1000, CheckInvariants: false), keepStepLog: true);
        var strategy = new Strategies.RandomStrategy();
        strategy.BeginSchedule(0, 1);
        simulation.Run(strategy, 1);
        return simulation;
    }

    /// <summary>A system's reports name labels after the components it can run (its manifest's binaries and the new versions
    /// its image store holds), not after every discovered component: label 1 of the default system is no EchoService.Echo.</summary>
    [Fact]
    public void A_system_names_labels_only_after_the_components_it_runs()
    {
        string manifests = System.IO.Path.Combine(SystemRun.RepositoryRoot(), "manifests");
        SystemScenario defaultSystem = SystemScenario.FromFile(System.IO.Path.Combine(SystemRun.RepositoryRoot(), "components.toml"), SystemRun.Components);
        SystemScenario reloaded = SystemScenario.FromFile(System.IO.Path.Combine(manifests, "hot-reload-service.toml"), SystemRun.Components);
        Assert.Null(defaultSystem.MessageLabels.Find(Kaal.Components.Applications.HotReload.EchoServiceBase.EchoLabel, reply: false));
        Assert.Equal("EchoService.Echo|EchoServiceV2.Echo", reloaded.MessageLabels.Find(Kaal.Components.Applications.HotReload.EchoServiceBase.EchoLabel, reply: false));
    }
}

/// <summary>Declares the labels the scenario above uses, as a user's component would (never run: the scenario's
/// components are plain methods).</summary>
[KaalComponent("labelled_store", ComponentType.Service, "1.0.0")]
[KaalMessageLabel(PutLabel, "Put")]
[KaalMessageLabel(OkLabel, "Ok", Reply = true)]
public sealed class LabelledStore : Kaal.Sdk.Runtime.Component
{
    public const ulong PutLabel = 7;
    public const ulong OkLabel = 0;

    public override Task RunAsync() => Task.CompletedTask;
}
