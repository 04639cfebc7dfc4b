using Kaal.Sdk.Runtime;

namespace Kaal.Components.Applications.HotReload;

/// <summary>The script of manifests/hot-reload-rollback.toml: installs a version 2 of `consumer` that faults at start
/// (<see cref="CrashingHotReloadConsumer"/>), so the loader rolls back to version 1 with the state it handed over.</summary>
[KaalComponent("reloader_rollback", ComponentType.Application, "1.0.0", Description = "installs a version 2 of 'consumer' that faults at start (hot-reload-rollback)",
    Expects = ["process:reload:consumer"])]
public sealed class RollbackReloader : HotReloadReloader
{
    protected override string ImagePath => "/images/consumer_v2_crashing";
}
