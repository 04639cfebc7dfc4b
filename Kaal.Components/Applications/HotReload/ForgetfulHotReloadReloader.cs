using Kaal.Sdk.Runtime;

namespace Kaal.Components.Applications.HotReload;

/// <summary>The planted bug's script (manifests/planted/hot-reload-forgetful.toml): installs the forgetful version 2.</summary>
[KaalComponent("reloader_forgetful", ComponentType.Application, "1.0.0", Description = "planted bug: installs a version 2 of 'consumer' that forgets the saved position",
    Expects = ["process:reload:consumer"])]
public sealed class ForgetfulHotReloadReloader : HotReloadReloader
{
    protected override string ImagePath => "/images/consumer_v2_forgetful";
}
