using Kaal.Sdk.Runtime;

namespace Kaal.Components.Applications.HotReload;

/// <summary>Version 2 of hot_reload_consumer: the same protocol and state format, another version line. Its image is in
/// the image store at /images/hot_reload_consumer_v2 (docs/hot-reload.md).</summary>
[KaalComponent("hot_reload_consumer_v2", ComponentType.Application, "2.0.0", Description = "version 2 of hot_reload_consumer",
    Expects = ["ipc:numbers:consumer"], Replaces = "hot_reload_consumer")]
public sealed class HotReloadConsumerV2 : HotReloadConsumerBase
{
    protected override string Version => "2.0.0";
}
