namespace Kaal.Model;

/// <summary>
/// Fixed-capacity table of kernel objects, sized at boot. Allocation pops a LIFO free list (so it is
/// deterministic); freeing bumps the entry's generation so references to the old object go stale.
/// </summary>
public sealed class ObjectTable
{
    public const uint NoEntry = uint.MaxValue;

    private readonly KernelObject[] _entries;
    private uint _freeHead;
    private uint _freeCount;

    public ObjectTable(uint capacity)
    {
        KernelAssert.That(capacity > 0 && capacity < NoEntry, AssertionSite.BoundExceeded, capacity);
        _entries = new KernelObject[capacity];
        for (uint index = 0; index < capacity; index++)
        {
            _entries[index].Generation = 1;
            _entries[index].NextFree = index + 1 < capacity ? index + 1 : NoEntry;
        }
        _freeHead = 0;
        _freeCount = capacity;
    }

    public uint Capacity => (uint)_entries.Length;

    /// <summary>The entries themselves, for the fast paths: one array reference and one range check per lookup.</summary>
    internal KernelObject[] Entries => _entries;

    public uint FreeCount => _freeCount;

    public uint FreeHead => _freeHead;

    public ref KernelObject this[uint index] => ref _entries[index];

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool IsLive(ObjectRef reference)
    {
        // One array reference and one range check for the three reads (the kernel's hottest lookup).
        KernelObject[] entries = _entries;
        uint index = reference.Index;
        return index < (uint)entries.Length && entries[index].Kind != CapType.Null && entries[index].Generation == reference.Generation;
    }

    /// <summary>The live entry a reference names; asserts the reference is not stale.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public ref KernelObject Get(ObjectRef reference)
    {
        KernelAssert.That(IsLive(reference), AssertionSite.ObjectRefStale, reference.Index);
        return ref _entries[reference.Index];
    }

    /// <summary>Takes a free entry; the caller checked <see cref="FreeCount"/> first.</summary>
    public ObjectRef Allocate(CapType kind, ulong physAddr, int sizeBits, bool isDevice)
    {
        KernelAssert.That(_freeCount > 0 && _freeHead != NoEntry, AssertionSite.ObjectTableCorrupt, _freeCount);
        KernelAssert.That(kind != CapType.Null, AssertionSite.ObjectTableCorrupt);
        uint index = _freeHead;
        ref KernelObject entry = ref _entries[index];
        _freeHead = entry.NextFree;
        _freeCount--;
        uint generation = entry.Generation;
        entry = default;
        entry.Kind = kind;
        entry.Generation = generation;
        entry.PhysAddr = physAddr;
        entry.SizeBits = (byte)sizeBits;
        entry.IsDevice = isDevice;
        entry.NextFree = NoEntry;
        entry.Thread = global::Kaal.Model.ThreadEntry.None;
        entry.QueueHead = global::Kaal.Model.ThreadEntry.None;
        entry.QueueTail = global::Kaal.Model.ThreadEntry.None;
        entry.BoundThread = global::Kaal.Model.ThreadEntry.None;
        entry.FirstMapping = Mapping.None;
        return new ObjectRef(index, generation);
    }

    public void Free(ObjectRef reference)
    {
        ref KernelObject entry = ref Get(reference);
        KernelAssert.That(entry.CapCount == 0, AssertionSite.ObjectTableCorrupt, reference.Index);
        uint nextGeneration = ObjectRef.NextGeneration(entry.Generation);
        entry = default;
        entry.Generation = nextGeneration;
        entry.NextFree = _freeHead;
        _freeHead = reference.Index;
        _freeCount++;
    }

    /// <summary>Makes <paramref name="target"/> (same capacity) an exact copy of this table; allocates nothing.</summary>
    public void CopyStateTo(ObjectTable target)
    {
        KernelAssert.That(target != this && target._entries.Length == _entries.Length, AssertionSite.SnapshotMismatch, (ulong)target._entries.Length);
        KernelObject[] from = _entries;
        KernelObject[] to = target._entries;
        for (int index = 0; index < from.Length; index++) to[index] = from[index];
        target._freeHead = _freeHead;
        target._freeCount = _freeCount;
    }

    /// <summary>Mixes every entry (free ones too: their generation and free link are state) into <paramref name="hash"/>;
    /// 8 words per entry plus one.</summary>
    public ulong HashState(ulong hash)
    {
        KernelObject[] entries = _entries;
        for (int index = 0; index < entries.Length; index++)
        {
            ref KernelObject entry = ref entries[index];
            hash = StateHashing.Mix(hash, (ulong)entry.Kind | ((ulong)entry.SizeBits << 8) | ((ulong)entry.Radix << 16) |
                ((ulong)entry.QueueKind << 24) | (StateHashing.Bit(entry.IsDevice) << 32));
            hash = StateHashing.Mix(hash, StateHashing.Pair(entry.Generation, entry.CapCount));
            hash = StateHashing.Mix(hash, entry.PhysAddr);
            hash = StateHashing.Mix(hash, StateHashing.Pair(entry.SlotBase, entry.Irq));
            hash = StateHashing.Mix(hash, StateHashing.Pair(entry.Thread, entry.QueueHead));
            hash = StateHashing.Mix(hash, StateHashing.Pair(entry.QueueTail, entry.BoundThread));
            hash = StateHashing.Mix(hash, entry.Word);
            hash = StateHashing.Mix(hash, StateHashing.Pair(entry.FirstMapping, entry.NextFree));
        }
        return StateHashing.Mix(hash, StateHashing.Pair(_freeHead, _freeCount));
    }
}
