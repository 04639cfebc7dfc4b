using System.Collections.Generic;

namespace Kaal.Sdk.Manifest;

/// <summary>The component binaries a manifest's `binary` may name when the caller passes no list of its own: exactly
/// those Kaal.Components builds (its ComponentCatalog; a test keeps the two equal, since this assembly cannot see
/// that one).</summary>
public static class KnownBinaries
{
    public static readonly IReadOnlySet<string> Default = new SortedSet<string>(System.StringComparer.Ordinal)
    {
        "system_init",
        "serial_driver",
        "timer_driver",
        "ipc_producer",
        "ipc_consumer",
        "ipc_consumer_crash",
        "test_cap",
        "test_memory",
        "test_channel_stress",
        "test_fault",
        "test_planted_liveness",
        "test_planted_deadlock",
        "test_planted_assert",
    };
}
