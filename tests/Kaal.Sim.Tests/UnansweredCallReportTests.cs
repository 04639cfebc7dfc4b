using System.Linq;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Kaal.Sim.Strategies;
using Xunit;

namespace Kaal.Sim.Tests;

/// <summary>A Call whose server took the request and never replied: the end-of-run report names the caller, the
/// endpoint, the label (by name when one is declared) and the server that owes the reply; a deadlock's report and
/// verdict name the label too. The step log decodes what each receive got.</summary>
public sealed class UnansweredCallReportTests
{
    /// <summary>The server takes one request and finishes without replying; the client is a daemon, so the run ends
    /// normally with the client still waiting.</summary>
    private sealed class ForgottenReplyScenario(ulong label, bool clientIsDaemon) : SimScenario
    {
        public override string Name => "forgotten-reply";
        public override string Description => "a server takes a Call and never replies";

        public override void Build(WorldBuilder world)
        {
            uint endpoint = world.CreateEndpoint("requests");
            ulong serverEp = 0, clientEp = 0;
            WorldComponent server = world.AddComponent("server", priority: 50, core: 0, async sys =>
            {
                await sys.Recv(serverEp);
            });
            System.Func<Sys, System.Threading.Tasks.Task> call = async sys => await sys.Call(clientEp, MessageInfo.Make(label, 1, 0, 0), 42);
            WorldComponent client = clientIsDaemon ? world.AddDaemon("client", priority: 40, core: 0, call) : world.AddComponent("client", priority: 40, core: 0, call);
            serverEp = world.Give(server, endpoint, CapRights.Read | CapRights.Grant);
            clientEp = world.Give(client, endpoint, CapRights.Write | CapRights.Grant);
        }
    }

    private static (RunResult Result, System.Collections.Generic.IReadOnlyList<string> StepLog) RunOnce(SimScenario scenario)
    {
        var simulation = new Simulation(scenario, new SimOptions(1000, CheckInvariants: false), keepStepLog: true);
        var strategy = new RandomStrategy();
        strategy.BeginSchedule(0, 1);
        RunResult result = simulation.Run(strategy, 1);
        return (result, simulation.StepLog);
    }

    [Fact]
    public void A_run_that_ends_with_a_call_never_answered_names_client_endpoint_label_and_server()
    {
        (RunResult result, _) = RunOnce(new ForgottenReplyScenario(Kaal.Sdk.Runtime.Protocol.ReadyLabel, clientIsDaemon: true));
        Assert.Equal(RunOutcome.Passed, result.Outcome);
        Assert.Contains("calls never answered:", result.Report);
        Assert.Matches(@"client still waits for the reply to its Call on Endpoint 'requests' \(Protocol\.Ready\), owed by server \(called at step \d+\): the request was received and never answered", result.Report);
    }

    [Fact]
    public void An_undeclared_label_zero_is_named_by_its_number()
    {
        (RunResult result, _) = RunOnce(new ForgottenReplyScenario(0, clientIsDaemon: true));
        Assert.Contains("the reply to its Call on Endpoint 'requests' (label 0), owed by server", result.Report);
    }

    [Fact]
    public void A_deadlock_on_a_call_never_answered_names_the_label_in_report_and_verdict()
    {
        (RunResult result, _) = RunOnce(new ForgottenReplyScenario(Kaal.Sdk.Runtime.Protocol.ReadyLabel, clientIsDaemon: false));
        Assert.Equal(RunOutcome.Deadlock, result.Outcome);
        Assert.Contains("client: BlockedOnReply on the reply to its Call on Endpoint 'requests' (Protocol.Ready), owed by server", result.Report);
        Assert.Contains("(Protocol.Ready), owed by server", Verdict.Line(result));
    }

    [Fact]
    public void The_step_log_decodes_what_a_receive_got_and_from_whom()
    {
        (_, System.Collections.Generic.IReadOnlyList<string> log) = RunOnce(new ForgottenReplyScenario(Kaal.Sdk.Runtime.Protocol.ReadyLabel, clientIsDaemon: true));
        Assert.Contains(log, line => line.Contains("server Recv(Endpoint 'requests')"));
        // Whichever ran first: the server woken by the Call, or its Recv finding the Call queued.
        Assert.Contains(log, line => line.Contains("server woken by client's Call: Protocol.Ready, words=[42]")
            || line.Contains("server Recv(Endpoint 'requests') -> Ok: Protocol.Ready, words=[42] from client's Call"));
        Assert.DoesNotContain(log, line => line.Contains("Recv(6, 0, 0)") || line.Contains("Recv(1, 0, 0)"));
    }
}
