using System.Threading.Tasks;
using Kaal.Model;

namespace Kaal.Sdk.Runtime;

/// <summary>
/// A component that answers requests on the endpoint `ipc:NAME:server` grants it: a Recv / ReplyRecv loop
/// (seL4's server pattern: the reply and the next receive in one syscall). Clients are told apart by the
/// badge system_init minted into their end. Signals of the thread's bound notification (interrupts) arrive
/// through the same loop. A stop request (docs/hot-reload.md) arrives there too, between requests: the service hands its
/// state over before it takes the next request, so queued Calls wait on the endpoint for its successor.
/// </summary>
public abstract class ServiceBase : Component
{
    /// <summary>The service name in the manifest's `ipc:NAME:server`.</summary>
    protected abstract string ServiceName { get; }

    protected ulong Endpoint { get; private set; }

    /// <summary>Set by a subclass to leave <see cref="RunAsync"/>'s loop after the current request.</summary>
    protected bool Stopping { get; set; }

    public override Task InitAsync()
    {
        if (Context.ServeEndpoint(ServiceName, out ulong endpoint)) Endpoint = endpoint;
        return Task.CompletedTask;
    }

    public override async Task RunAsync()
    {
        SyscallResult received = await Sys.Recv(Endpoint);
        while (!Stopping)
        {
            if (!received.IsOk) Sys.Fail($"{ServiceName}: receive failed with {received.Status.Name()} ({received.Reason.Name()})");
            if (received.Info == 0 && Context.Quiescence.IsStopRequest(received.Badge))
            {
                // Between requests, with no caller waiting for a reply: a quiescent point (docs/hot-reload.md). The
                // hand-over returns only when the stop request is withdrawn.
                await Context.Quiescence.HandOverAsync();
                received = await Sys.Recv(Endpoint);
                continue;
            }
            Reply reply = await HandleAsync(new Request(received));
            if (Stopping) break;
            received = reply.Present
                ? await Sys.ReplyRecv(Endpoint, MessageInfo.Make(reply.Label, reply.Words, 0, 0), reply.Mr0, reply.Mr1, reply.Mr2, reply.Mr3)
                : await Sys.Recv(Endpoint);
        }
    }

    /// <summary>One request (or notification); the answer is sent before the next receive.</summary>
    protected abstract ValueTask<Reply> HandleAsync(Request request);
}
