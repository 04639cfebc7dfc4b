using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sim.Exploration;
using Kaal.Sim.Strategies;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Xunit;

namespace Kaal.Sim.Tests;

/// <summary>A caller waiting for its reply is on no queue; reports once said it waited "on nothing". They name the
/// endpoint it called on and the thread that owes the reply, and a cycle through a reply is found.</summary>
public sealed class ReplyWaitReportTests
{
    /// <summary>The server takes the call, then waits on a notification only the caller can signal: neither can go on.</summary>
    private sealed class UnansweredCallScenario : SimScenario
    {
        public override string Name => "unanswered-call";
        public override string Description => "a server waits for a signal from the client it owes a reply";

        public override void Build(WorldBuilder world)
        {
            uint endpoint = world.CreateEndpoint("requests");
            uint notification = world.CreateNotification("go-ahead");
            ulong serverEp = 0, serverWait = 0, clientEp = 0;
            WorldComponent server = world.AddComponent("server", priority: 50, core: 0, async sys =>
            {
                await sys.Recv(serverEp);
                await sys.Wait(serverWait);
            });
            WorldComponent client = world.AddComponent("client", priority: 40, core: 0, async sys =>
            {
                await sys.Call(clientEp, MessageInfo.Make(1, 0, 0, 0));
            });
            serverEp = world.Give(server, endpoint, CapRights.Read | CapRights.Grant);
            serverWait = world.Give(server, notification, CapRights.Read);
            clientEp = world.Give(client, endpoint, CapRights.Write | CapRights.Grant);
            world.Give(client, notification, CapRights.Write);
        }
    }

    [Fact]
    public void A_caller_blocked_for_its_reply_names_the_endpoint_it_called_and_who_owes_the_reply()
    {
        ExploreResult result = Explorer.Explore(new UnansweredCallScenario(), new ExploreSettings(new RandomStrategySettings(), Iterations: 1, CheckInvariants: false));
        RunResult bug = Assert.IsType<RunResult>(result.FirstBug);
        Assert.Equal(RunOutcome.Deadlock, bug.Outcome);
        Assert.Contains("client: BlockedOnReply on the reply to its Call on Endpoint 'requests' (label 1), owed by server since step ", bug.Report);
        Assert.DoesNotContain("on nothing", bug.Report);
        Assert.Contains("cycle: ", bug.Cause!.What);
        Assert.Contains("client waits on the reply to its Call on Endpoint 'requests' (label 1), owed by server", bug.Cause.What);
        Assert.Contains("server waits on Notification 'go-ahead'", bug.Cause.What);
    }

    [Fact]
    public void The_step_log_says_what_a_blocked_caller_waits_for()
    {
        var simulation = new Simulation(new UnansweredCallScenario(), new SimOptions(1000, CheckInvariants: false), keepStepLog: true);
        var strategy = new Strategies.RandomStrategy();
        strategy.BeginSchedule(0, 1);
        simulation.Run(strategy, 1);
        Assert.Contains(simulation.StepLog, line => line.Contains("client blocks: BlockedOnReply on the reply to its Call on Endpoint 'requests' (label 1), owed by server"));
        Assert.DoesNotContain(simulation.StepLog, line => line.EndsWith("on nothing"));
    }
}
