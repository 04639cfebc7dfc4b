using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sdk.Runtime;

namespace Kaal.Components.Applications.HotReload;

/// <summary>Calls the echo service <see cref="Requests"/> times while it is replaced, and checks that each Call is
/// answered exactly once, in order (the service's count equals the request's number), and that once version 2 has
/// answered, version 1 never does again.</summary>
[KaalComponent("reload_echo_client", ComponentType.Application, "1.0.0", Description = "calls 'echo' across its replacement (hot-reload-service)",
    Expects = ["ipc:echo:client"])]
public sealed class EchoClient : Component
{
    public const ulong Requests = 20;

    private ulong _echo;

    public override Task InitAsync()
    {
        Context.ConnectEndpoint(EchoServiceBase.Name, out _echo);
        return Task.CompletedTask;
    }

    public override async Task RunAsync()
    {
        ulong version = 1, byFirst = 0;
        for (ulong request = 1; request <= Requests; request++)
        {
            SyscallResult reply = await Sys.Call(_echo, MessageInfo.Make(EchoServiceBase.EchoLabel, 0, 0, 0));
            if (!reply.IsOk) Sys.Fail($"request {request}: {reply.Status.Name()} ({reply.Reason.Name()})");
            if (reply.Mr0 != request) Sys.Fail($"request {request} was answered as request {reply.Mr0}");
            if (reply.Mr1 < version) Sys.Fail($"request {request} was answered by version {reply.Mr1} after version {version} had answered");
            version = reply.Mr1;
            if (version == 1) byFirst = request;
            // The service runs above this priority, so a Call returns without letting the reloader (this priority) run:
            // on the CPU all 20 were answered before the reloader's request. A yield per request puts it among them.
            await Sys.Yield();
        }
        // How many each version answered is the schedule's choice: the console says only whether both did.
        string by = byFirst == Requests ? "all by version 1" : byFirst == 0 ? "all by version 2" : "first by version 1, then by version 2";
        await Console.WriteLineAsync($"{Requests} requests answered once each, in order, {by}");
    }
}
