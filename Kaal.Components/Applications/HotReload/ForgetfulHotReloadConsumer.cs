using Kaal.Sdk.Runtime;

namespace Kaal.Components.Applications.HotReload;

/// <summary>A planted bug (manifests/planted/hot-reload-forgetful.toml): a version 2 that takes over the checksum but
/// forgets the saved position, so after a replacement mid-stream it expects item 1 again. Exploration finds the
/// schedules where the replacement comes after the first item.</summary>
[KaalComponent("consumer_v2_forgetful", ComponentType.Application, "2.0.0-forgetful", Description = "planted bug: a version 2 of hot_reload_consumer that forgets the saved position",
    Expects = ["ipc:numbers:consumer"], Replaces = "hot_reload_consumer")]
public sealed class ForgetfulHotReloadConsumer : HotReloadConsumerBase
{
    protected override string Version => "2.0.0-forgetful";

    protected override void Restore(uint last, uint hash, uint first) => base.Restore(0, hash, first);
}
