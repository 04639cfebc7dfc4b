using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sdk.Runtime;

namespace Kaal.Components.Applications.HotReload;

/// <summary>
/// The script of manifests/hot-reload-state.toml (docs/hot-reload.md): has `carrier` replaced <see cref="Reloads"/>
/// times by version 2 of itself, each time waiting until the successor answers (a generation or version number other
/// than its predecessor's, so no request meets a replacement under way), then says how many were accepted. What it proves is the carrier's lines (each
/// successor took over the whole state page intact) and that system_init's loader does not run out of memory: each
/// reload reads the image again.
/// </summary>
[KaalComponent("state_reloader", ComponentType.Application, "1.0.0", Description = "reloads 'carrier' many times (hot-reload-state)",
    Expects = ["process:reload:carrier", "ipc:carrier:client"])]
public sealed class StateReloader : Component
{
    public const int Reloads = 12;
    public const string ImagePath = "/images/state_carrier_v2";

    private Loader _loader = null!;
    private ulong _carrier;

    public override Task InitAsync()
    {
        if (Context.ConnectLoader(StateCarrier.Name, out _loader)) Context.ConnectEndpoint(StateCarrier.Name, out _carrier);
        return Task.CompletedTask;
    }

    public override async Task RunAsync()
    {
        (ulong Generation, ulong Version) answered = await AskAsync();
        for (int reload = 1; reload <= Reloads; reload++)
        {
            LoaderReply reply = await _loader.ReplaceAsync(ImagePath);
            if (reply != LoaderReply.Accepted) Sys.Fail($"reload {reload} of {StateCarrier.Name}: {(reply == LoaderReply.Refused ? "refused" : "busy")}");
            // The old version may still answer a request that came before its stop: asked again until the new one does.
            (ulong Generation, ulong Version) before = answered;
            answered = await AskAsync();
            for (int guard = 0; answered == before && guard < 1_000_000; guard++)
            {
                await Sys.Yield();
                answered = await AskAsync();
            }
        }
        await Console.WriteLineAsync($"{Reloads} reloads of {StateCarrier.Name} accepted; it answers as generation {answered.Generation}");
    }

    /// <summary>The carrier's generation and version number.</summary>
    private async Task<(ulong Generation, ulong Version)> AskAsync()
    {
        SyscallResult reply = await Sys.Call(_carrier, MessageInfo.Make(StateCarrier.GenerationLabel, 0, 0, 0));
        if (!reply.IsOk) Sys.Fail($"{StateCarrier.Name}: {reply.Status.Name()} ({reply.Reason.Name()})");
        return (reply.Mr0, reply.Mr1);
    }
}
