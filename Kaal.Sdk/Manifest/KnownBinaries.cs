using System.Collections.Generic;

namespace Kaal.Sdk.Manifest;

/// <summary>The component implementations a manifest's `binary` may name. Callers that know the real registry
/// (Kaal.Components) pass theirs to the validator; this default is the set issue 5 defines.</summary>
public static class KnownBinaries
{
    public static readonly IReadOnlySet<string> Default = new SortedSet<string>
    {
        "system_init",
        "ipc_producer",
        "ipc_consumer",
        "serial_driver",
        "timer_driver",
        "test_minimal",
        "test_cap_derive",
        "test_cap_revoke",
        "test_memory",
        "test_channel_stress",
        "test_fault",
    };
}
