using System;
using System.Collections.Generic;
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
    /// <summary>Read-only data pages (the registry, for system_init): their bytes and where they go.</summary>
    public List<(ulong VirtAddr, byte[] Bytes)> DataRegions { get; } = new();
    /// <summary>Extra argument entries that carry no capability (a device's address and mapping).</summary>
    public List<ArgEntry> Entries { get; } = new();
}
