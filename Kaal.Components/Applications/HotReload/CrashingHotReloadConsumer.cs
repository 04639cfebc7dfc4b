using System.Threading.Tasks;
using Kaal.Sdk.Runtime;

namespace Kaal.Components.Applications.HotReload;

/// <summary>A version 2 of hot_reload_consumer that faults in its init, before it is ready: the loader rolls back to the
/// version it replaced, with the state that version handed over (docs/hot-reload.md).</summary>
[KaalComponent("consumer_v2_crashing", ComponentType.Application, "2.0.0-crashing", Description = "a version 2 of hot_reload_consumer that faults at start",
    Expects = ["ipc:numbers:consumer"], Replaces = "hot_reload_consumer")]
public sealed class CrashingHotReloadConsumer : HotReloadConsumerBase
{
    protected override string Version => "2.0.0-crashing";

    public override async Task InitAsync()
    {
        await Console.WriteLineAsync($"consumer version {Version} starting; faulting on purpose");
        await Sys.Load(IpcConsumer.CrashAddress);
    }
}
