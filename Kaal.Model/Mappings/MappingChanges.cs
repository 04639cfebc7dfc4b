namespace Kaal.Model;

/// <summary>
/// Telling the machine about mapping changes. Operations that cannot reach the machine (a delete or
/// revoke deep inside a CNode) still unmap: the change is recorded in the mapping record's state and
/// issued here when the kernel exits, as <see cref="FlushIrqChanges"/> does for interrupt lines. The
/// pending states live in the bounded mapping table itself, so recording never overflows.
/// </summary>
public sealed partial class Kernel
{
    /// <summary>
    /// Issues every pending change: first all unmaps, then all maps and remaps, each pass in table index
    /// order (deterministic). Unmaps go first because a new mapping may reuse the address of one that was
    /// just removed. Unmapped records become free; mapped ones become <see cref="MappingState.Mapped"/>.
    /// </summary>
    public void FlushMappingChanges<TMachine>(ref TMachine machine) where TMachine : struct, IMachinePort
    {
        if (!_mappings.HasPendingChanges) return;
        uint low = _mappings.PendingLow;
        uint high = _mappings.PendingHigh;
        KernelAssert.That(low <= high && high < _mappings.Capacity, AssertionSite.MappingTableCorrupt, high);
        for (uint index = low; index <= high; index++)
        {
            ref Mapping record = ref _mappings[index];
            if (record.State != MappingState.PendingUnmap) continue;
            machine.UnmapPage(record.VSpace.Index, record.VirtAddr, record.SizeBits);
            _mappings.Release(index);
        }
        for (uint index = low; index <= high; index++)
        {
            ref Mapping record = ref _mappings[index];
            if (record.State != MappingState.PendingMap && record.State != MappingState.PendingRemap) continue;
            machine.MapPage(record.VSpace.Index, record.VirtAddr, record.PhysAddr, record.SizeBits, record.Rights, record.IsDevice);
            record.State = MappingState.Mapped;
        }
        _mappings.ClearPending();
    }
}
