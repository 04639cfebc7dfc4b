using System;
using System.Collections.Generic;
using Kaal.Sdk.Registry;
using Kaal.Sdk.Runtime;

namespace Kaal.Sdk.Spawn;

/// <summary>
/// Everything one spawn needs. All of the child's own objects (TCB, CNode, VSpace, image, stack, IPC buffer and
/// arguments frames, its memory budget) are retyped from <see cref="ProcessUntypedCptr"/>, so revoking that one
/// capability tears the child down completely and makes the memory reusable for a restart.
/// </summary>
public sealed class SpawnRequest
{
    public required string Name { get; init; }
    /// <summary>The binary the child runs (an <see cref="ArgKind.Binary"/> entry tells it which, for images that hold several).</summary>
    public required string Binary { get; init; }
    public required byte Priority { get; init; }
    /// <summary>Whether the child may itself create processes (its maximum controlled priority stays its priority).</summary>
    public required bool MayCreateProcesses { get; init; }
    public required uint Instance { get; init; }
    public required ArraySegment<byte> Image { get; init; }
    /// <summary>The registry record the image must fit (<see cref="Kaal.Sdk.Images.ComponentImage.Check"/>, before anything
    /// is created): its metadata section names this binary and type and expects nothing the record does not grant.
    /// Null for an image without metadata (a test's hand-made ELF): then only the ELF rules are checked.</summary>
    public RegistryComponent? Record { get; init; }
    public required ulong ProcessUntypedCptr { get; init; }
    public required int CNodeRadix { get; init; }
    /// <summary>Its fault endpoint and supervisor: a cptr in the spawner's CSpace (badged already), or 0 for none.</summary>
    public ulong SupervisorCptr { get; init; }
    /// <summary>Bytes of memory:allocate budget (an Untyped handed to the child), 0 for none.</summary>
    public ulong MemoryBudgetBytes { get; init; }
    /// <summary>A notification to bind to the child's thread (interrupts arrive on it), 0 for none.</summary>
    public ulong BoundNotificationCptr { get; init; }
    public List<ChildGrant> Grants { get; } = new();
    public List<ChildMapping> Mappings { get; } = new();
    /// <summary>Read-only data pages copied from the spawner's memory (the image store, for system_init): their bytes and where they go.</summary>
    public List<(ulong VirtAddr, byte[] Bytes)> DataRegions { get; } = new();
    /// <summary>Fresh zeroed read/write pages at these addresses (for system_init, the page below the registry, where its
    /// runtime writes the header that lets it read the shared registry pages in place).</summary>
    public List<ulong> ZeroedPages { get; } = new();
    /// <summary>The content of the child's state page (<see cref="StatePage"/>), a read/write page at
    /// <see cref="ArgsLayout.StatePageVirtAddr"/> (a `process:reload` target's); null: the child has none.</summary>
    public byte[]? StatePage { get; init; }
    /// <summary>Extra argument entries that carry no capability (a device's address and mapping).</summary>
    public List<ArgEntry> Entries { get; } = new();
}
