using Kaal.Sdk.Runtime;

namespace Kaal.Components.Applications.HotReload;

/// <summary>Version 2 of the echo service: the same protocol and state, another version number.</summary>
[KaalComponent("reload_echo_v2", ComponentType.Service, "2.0.0", Description = "version 2 of reload_echo",
    Expects = ["ipc:echo:server"], Replaces = "reload_echo")]
[KaalMessageLabel(EchoLabel, "Echo")]
public sealed class EchoServiceV2 : EchoServiceBase
{
    protected override ulong VersionNumber => 2;
}
