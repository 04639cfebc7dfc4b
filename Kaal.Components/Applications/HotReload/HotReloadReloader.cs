using System.Threading.Tasks;
using Kaal.Sdk.Runtime;

namespace Kaal.Components.Applications.HotReload;

/// <summary>
/// The `hot-reload` system's script: once started, asks system_init's loader (`process:reload:consumer`) to replace
/// `consumer` with the image at <see cref="ImagePath"/>, and prints the answer. It runs at the stream's priority, so
/// where its request falls among the stream's steps is the scheduler's recorded decision: `kaal explore` tries the
/// replacement at every point, and a trace replays it.
/// </summary>
[KaalComponent("hot_reload_reloader", ComponentType.Application, "1.0.0", Description = "asks the loader to replace 'consumer' with version 2 (hot-reload)",
    Expects = ["process:reload:consumer"])]
public class HotReloadReloader : Component
{
    private Loader _loader = null!;

    /// <summary>Yields before the request.</summary>
    protected virtual int DelayYields => 2;

    /// <summary>The component to replace (its process:reload capability).</summary>
    protected virtual string Target => "consumer";

    protected virtual string ImagePath => "/images/hot_reload_consumer_v2";

    public override Task InitAsync()
    {
        Context.ConnectLoader(Target, out _loader);
        return Task.CompletedTask;
    }

    public override async Task RunAsync()
    {
        // Each yield is a scheduling point, so the stream gets going before the request in most schedules; where the
        // request lands is still the scheduler's decision.
        for (int yielded = 0; yielded < DelayYields; yielded++) await Sys.Yield();
        LoaderReply reply = await _loader.ReplaceAsync(ImagePath);
        await Console.WriteLineAsync($"reload of {Target} from {ImagePath}: {reply switch { LoaderReply.Accepted => "accepted", LoaderReply.Refused => "refused", _ => "busy (it is not running)" }}");
    }
}
