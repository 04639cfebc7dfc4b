namespace Kaal.Model;

/// <summary>
/// Every mapping of every VSpace, in one fixed array sized by <see cref="KernelConfig.MappingCapacity"/>
/// (0 is legal: then nothing can be mapped). Free records form a LIFO list, so allocation is O(1) and
/// deterministic. The table also remembers which index range holds records the machine has not heard
/// about yet, so a flush with nothing to say costs nothing and one with something to say touches only
/// that range.
/// </summary>
public sealed class MappingTable
{
    private readonly Mapping[] _records;
    private uint _freeHead;
    private uint _freeCount;
    private uint _pendingCount;
    private uint _pendingLow;
    private uint _pendingHigh;

    public MappingTable(uint capacity)
    {
        KernelAssert.That(capacity < Mapping.None, AssertionSite.BoundExceeded, capacity);
        _records = new Mapping[capacity];
        for (uint index = 0; index < capacity; index++)
        {
            _records[index].OwnerSlot = CapSlot.None;
            _records[index].Next = index + 1 < capacity ? index + 1 : Mapping.None;
            _records[index].Prev = Mapping.None;
        }
        _freeHead = capacity > 0 ? 0 : Mapping.None;
        _freeCount = capacity;
        ClearPending();
    }

    public uint Capacity => (uint)_records.Length;

    public uint FreeCount => _freeCount;

    public uint FreeHead => _freeHead;

    /// <summary>Whether any record may have a change the machine has not been told about.</summary>
    public bool HasPendingChanges => _pendingCount != 0;

    /// <summary>While <see cref="HasPendingChanges"/>: the index range that holds every pending record.</summary>
    public uint PendingLow => _pendingLow;

    public uint PendingHigh => _pendingHigh;

    public ref Mapping this[uint index] => ref _records[index];

    /// <summary>Makes <paramref name="target"/> (same capacity) an exact copy of this table, the pending range
    /// included; allocates nothing.</summary>
    public void CopyStateTo(MappingTable target)
    {
        KernelAssert.That(target != this && target._records.Length == _records.Length, AssertionSite.SnapshotMismatch, (ulong)target._records.Length);
        Mapping[] records = _records;
        Mapping[] targetRecords = target._records;
        for (int index = 0; index < records.Length; index++) targetRecords[index] = records[index];
        target._freeHead = _freeHead;
        target._freeCount = _freeCount;
        target._pendingCount = _pendingCount;
        target._pendingLow = _pendingLow;
        target._pendingHigh = _pendingHigh;
    }

    /// <summary>Mixes every record (6 words each) and the counters (3 words) into <paramref name="hash"/>.</summary>
    public ulong HashState(ulong hash)
    {
        Mapping[] records = _records;
        for (int index = 0; index < records.Length; index++)
        {
            ref Mapping record = ref records[index];
            hash = StateHashing.Mix(hash, (ulong)record.State | ((ulong)record.Rights << 8) | ((ulong)record.SizeBits << 16) |
                (StateHashing.Bit(record.IsDevice) << 24) | ((ulong)record.OwnerSlot << 32));
            hash = StateHashing.Mix(hash, StateHashing.Ref(record.VSpace));
            hash = StateHashing.Mix(hash, StateHashing.Ref(record.Frame));
            hash = StateHashing.Mix(hash, record.VirtAddr);
            hash = StateHashing.Mix(hash, record.PhysAddr);
            hash = StateHashing.Mix(hash, StateHashing.Pair(record.Next, record.Prev));
        }
        hash = StateHashing.Mix(hash, StateHashing.Pair(_freeHead, _freeCount));
        hash = StateHashing.Mix(hash, _pendingCount);
        return StateHashing.Mix(hash, StateHashing.Pair(_pendingLow, _pendingHigh));
    }

    /// <summary>Takes a free record (state still Free; the caller fills it); <see cref="Mapping.None"/> when full.</summary>
    public uint Allocate()
    {
        if (_freeCount == 0) return Mapping.None;
        uint index = _freeHead;
        KernelAssert.That(index < (uint)_records.Length && _records[index].State == MappingState.Free, AssertionSite.MappingTableCorrupt, index);
        _freeHead = _records[index].Next;
        _freeCount--;
        _records[index].Next = Mapping.None;
        _records[index].Prev = Mapping.None;
        return index;
    }

    /// <summary>Returns a record, no longer in any VSpace list and with nothing left to tell the machine.</summary>
    public void Release(uint index)
    {
        ref Mapping record = ref _records[index];
        KernelAssert.That(record.State != MappingState.Free, AssertionSite.MappingTableCorrupt, index);
        record = default;
        record.OwnerSlot = CapSlot.None;
        record.Prev = Mapping.None;
        record.Next = _freeHead;
        _freeHead = index;
        _freeCount++;
    }

    /// <summary>Notes that the record at <paramref name="index"/> has something to tell the machine.</summary>
    public void MarkPending(uint index)
    {
        KernelAssert.That(index < (uint)_records.Length, AssertionSite.MappingTableCorrupt, index);
        if (_pendingCount < uint.MaxValue) _pendingCount++;
        if (index < _pendingLow) _pendingLow = index;
        if (index > _pendingHigh) _pendingHigh = index;
    }

    public void ClearPending()
    {
        _pendingCount = 0;
        _pendingLow = Mapping.None;
        _pendingHigh = 0;
    }
}
