using System.Collections.Generic;
using Kaal.Sdk.Runtime;
using Kaal.Sdk.Spawn;

namespace Kaal.Components.Supervision;

/// <summary>A component's manifest capabilities turned into real capabilities system_init holds, ready to be
/// copied into each incarnation of the component.</summary>
public sealed class ComponentGrants
{
    public List<ChildGrant> Grants { get; } = new();

    public List<ChildMapping> Mappings { get; } = new();

    public List<ArgEntry> Entries { get; } = new();

    /// <summary>Bytes copied into fresh read-only pages of each incarnation (the fs service's read-only image).</summary>
    public List<(ulong VirtAddr, byte[] Bytes)> DataRegions { get; } = new();

    /// <summary>Zeroed read/write pages: the page below a region read in place (<see cref="Kaal.Sdk.Sys.MappedBytes"/>).</summary>
    public List<ulong> ZeroedPages { get; } = new();

    public ulong BoundNotification { get; set; }

    public ulong MemoryBudgetBytes { get; set; }

    public bool MayCreateProcesses { get; set; }

    public void CopyInto(SpawnRequest request)
    {
        request.Grants.AddRange(Grants);
        request.Mappings.AddRange(Mappings);
        request.Entries.AddRange(Entries);
        request.DataRegions.AddRange(DataRegions);
        request.ZeroedPages.AddRange(ZeroedPages);
    }
}
