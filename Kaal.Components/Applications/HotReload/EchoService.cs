using Kaal.Sdk.Runtime;

namespace Kaal.Components.Applications.HotReload;

/// <summary>Version 1 of the echo service (<see cref="EchoServiceBase"/>).</summary>
[KaalComponent("reload_echo", ComponentType.Service, "1.0.0", Description = "answers 'echo' with its count of requests (hot-reload-service)",
    Expects = ["ipc:echo:server"])]
[KaalMessageLabel(EchoLabel, "Echo")]
public sealed class EchoService : EchoServiceBase
{
    protected override ulong VersionNumber => 1;
}
