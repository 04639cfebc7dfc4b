using Kaal.Sdk.Runtime;

namespace Kaal.Components.Applications.HotReload;

/// <summary>The script of manifests/hot-reload-service.toml: asks the loader to replace `echo` with version 2.</summary>
[KaalComponent("reload_echo_reloader", ComponentType.Application, "1.0.0", Description = "asks the loader to replace 'echo' with version 2 (hot-reload-service)",
    Expects = ["process:reload:echo"])]
public sealed class EchoReloader : HotReloadReloader
{
    protected override string Target => "echo";

    /// <summary>A Call takes the client a few steps: fewer yields put the request among the client's 20.</summary>
    protected override int DelayYields => 2;

    protected override string ImagePath => "/images/reload_echo_v2";
}
