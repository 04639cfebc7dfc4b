using Kaal.Sdk.Runtime;

namespace Kaal.Components.Applications.HotReload;

/// <summary>Version 2 of <see cref="StateCarrier"/>: the same state, so it can replace version 1 and itself.</summary>
[KaalComponent("state_carrier_v2", ComponentType.Service, "2.0.0", Description = "version 2 of state_carrier",
    Expects = ["ipc:carrier:server"], Replaces = StateCarrier.Binary)]
[KaalMessageLabel(GenerationLabel, "Generation")]
public sealed class StateCarrierV2 : StateCarrier
{
    protected override ulong VersionNumber => 2;
}
