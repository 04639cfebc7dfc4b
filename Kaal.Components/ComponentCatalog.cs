using System;
using System.Collections.Generic;
using Kaal.Components.Applications;
using Kaal.Components.Drivers;
using Kaal.Components.Tests;
using Kaal.Sdk.Runtime;

namespace Kaal.Components;

/// <summary>
/// Every component binary this repository builds, by the name a manifest's `binary` uses: the registry the
/// manifest validator checks names against, and what the simulator runs when a thread starts in that image.
/// </summary>
public static class ComponentCatalog
{
    public sealed record Entry(string Binary, string Description, Func<Component> Create);

    private static readonly SortedDictionary<string, Entry> Entries = new(StringComparer.Ordinal)
    {
        ["system_init"] = new("system_init", "bootstrapper and supervisor: spawns, grants, restarts, shuts down", () => new SystemInit.SystemInit()),
        ["serial_driver"] = new("serial_driver", "PL011 UART owner; the console service", () => new SerialDriver()),
        ["timer_driver"] = new("timer_driver", "EL1 physical timer owner; the sleep service", () => new TimerDriver()),
        ["ipc_producer"] = new("ipc_producer", $"sends 1..{NumbersStream.ItemCount} on Channel<uint> 'numbers'", () => new IpcProducer()),
        ["ipc_consumer"] = new("ipc_consumer", "receives 'numbers', checks the order, prints a checksum", () => new IpcConsumer()),
        ["ipc_consumer_crash"] = new("ipc_consumer_crash", $"ipc_consumer that faults once after item {CrashingIpcConsumer.CrashItem}", () => new CrashingIpcConsumer()),
        ["test_cap"] = new("test_cap", "sel4test-style: capability derive, mint, revoke", () => new CapabilityTests()),
        ["test_memory"] = new("test_memory", "sel4test-style: mapping rights and ranges", () => new MemoryTests()),
        ["test_channel_stress"] = new("test_channel_stress", "sel4test-style: full/empty ring and wrap-around order", () => new ChannelStressTest()),
        ["test_fault"] = new("test_fault", "faults on purpose", () => new FaultOnPurpose()),
        ["test_planted_liveness"] = new("test_planted_liveness", "a planted liveness bug: a monitor left hot", () => new PlantedLivenessBug()),
        ["test_planted_deadlock"] = new("test_planted_deadlock", "a planted deadlock: two of them call each other before serving", () => new PlantedDeadlock()),
        ["test_planted_assert"] = new("test_planted_assert", "a planted assertion that fails", () => new PlantedAssertion()),
    };

    public static IReadOnlyCollection<string> Binaries => Entries.Keys;

    public static IEnumerable<Entry> All => Entries.Values;

    public static Entry? Find(string binary) => Entries.TryGetValue(binary, out Entry? entry) ? entry : null;
}
