using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sim.Exploration;
using Kaal.Sim.Strategies;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Xunit;

namespace Kaal.Sim.Tests;

/// <summary>CNode CancelBadgedSends (seL4 invokeCNodeCancelBadgedSends) from component code in the simulator: a
/// server retires badge 5 while a client with that badge is blocked sending, in every explored schedule.</summary>
public sealed class CancelBadgedSendsTests
{
    [Fact]
    public void A_server_cancels_the_blocked_sends_of_a_badge_in_every_schedule()
    {
        ExploreResult result = ScenarioAssert.NoBugs(new RetireBadgeScenario(), new ExploreSettings(new PortfolioStrategySettings(), Iterations: 30));
        Assert.Null(result.FirstBug);
    }

    private sealed class RetireBadgeScenario : SimScenario
    {
        private const ulong RetiredBadge = 5;
        private const ulong CNodeRadix = 5;

        public override string Name => "retire-badge";

        public override string Description => "a server cancels a blocked client's badged sends";

        public override void Build(WorldBuilder world)
        {
            uint endpoint = world.CreateEndpoint("requests");
            uint done = world.CreateNotification("done");
            ulong clientEndpoint = 0, clientDone = 0, serverCNode = 0, serverEndpoint = 0, serverDone = 0;
            WorldComponent client = world.AddComponent("client", 100, 0, sys => Client(sys, clientEndpoint, clientDone));
            WorldComponent server = world.AddComponent("server", 100, 0, sys => Server(sys, serverCNode, serverEndpoint, serverDone));
            clientEndpoint = world.Give(client, endpoint, CapRights.Write, badge: RetiredBadge);
            serverCNode = world.Give(server, server.CNodeSlot, CapRights.All);
            serverEndpoint = world.Give(server, endpoint, CapRights.All, badge: RetiredBadge);
            serverDone = world.Give(server, done, CapRights.Read);
            clientDone = world.Give(client, done, CapRights.Write, badge: 1);
        }

        private static async Task Client(Sys sys, ulong endpoint, ulong done)
        {
            SyscallResult sent = await sys.Send(endpoint, MessageInfo.Make(1, 0, 0, 0));
            if (sent.Status != KernelError.InvalidCapability || sent.Reason != ErrorReason.BadgedSendCancelled)
            {
                sys.Fail($"the blocked send returned {sent.Status} ({sent.Reason}), not InvalidCapability (BadgedSendCancelled)");
            }
            await sys.Signal(done);
        }

        private static async Task Server(Sys sys, ulong cnode, ulong endpoint, ulong done)
        {
            // Cancelling before the client has blocked cancels nothing: the server retries until the client reports.
            for (int attempt = 0; attempt < 1000; attempt++)
            {
                SyscallResult cancelled = await sys.CancelBadgedSends(cnode, endpoint, CNodeRadix);
                sys.Assert(cancelled.IsOk, "CancelBadgedSends failed");
                if ((await sys.Poll(done)).Badge != 0) return;
                await sys.Yield();
            }
            sys.Fail("the client never reported its cancelled send");
        }
    }
}
