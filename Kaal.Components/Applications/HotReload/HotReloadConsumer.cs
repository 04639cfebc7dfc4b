using Kaal.Sdk.Runtime;

namespace Kaal.Components.Applications.HotReload;

/// <summary>Version 1 of the `hot-reload` system's consumer (<see cref="HotReloadConsumerBase"/>).</summary>
[KaalComponent("hot_reload_consumer", ComponentType.Application, "1.0.0", Description = "receives 'numbers' across its own replacement (hot-reload)",
    Expects = ["ipc:numbers:consumer"])]
public sealed class HotReloadConsumer : HotReloadConsumerBase
{
    protected override string Version => "1.0.0";
}
