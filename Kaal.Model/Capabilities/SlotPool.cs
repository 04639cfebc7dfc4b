namespace Kaal.Model;

/// <summary>
/// All CNode slots of the kernel live in one fixed array, handed out to CNodes in power-of-two blocks
/// by a buddy allocator (a CNode has 2^radix slots). Past the pool come the kernel-owned slots (seL4's TCB
/// CNodes and IRQ node: capabilities objects hold, see KernelOwnedSlots.cs), which no CNode names, and last
/// a scratch slot the kernel uses to swap two capabilities; it never holds a capability between operations.
/// </summary>
public sealed class SlotPool
{
    private const byte NotFreeHead = byte.MaxValue;

    private readonly CapSlot[] _slots;
    private readonly byte[] _freeOrderAt;
    private readonly uint[] _nextFree;
    private readonly uint[] _prevFree;
    private readonly uint[] _freeHeadByOrder;
    private readonly int _poolOrder;
    private readonly uint _kernelOwnedSlotCount;
    private uint _freeSlotCount;

    public SlotPool(int poolOrder, uint kernelOwnedSlotCount)
    {
        KernelAssert.That(poolOrder >= 1 && poolOrder <= 24, AssertionSite.BoundExceeded, (ulong)poolOrder);
        KernelAssert.That(kernelOwnedSlotCount <= 1u << 24, AssertionSite.BoundExceeded, kernelOwnedSlotCount);
        _poolOrder = poolOrder;
        uint slotCount = 1u << poolOrder;
        _kernelOwnedSlotCount = kernelOwnedSlotCount;
        _slots = new CapSlot[slotCount + kernelOwnedSlotCount + 1];
        _freeOrderAt = new byte[slotCount];
        _nextFree = new uint[slotCount];
        _prevFree = new uint[slotCount];
        _freeHeadByOrder = new uint[poolOrder + 1];
        for (uint index = 0; index < (uint)_slots.Length; index++)
        {
            _slots[index] = CapSlot.Empty();
        }
        for (uint index = 0; index < slotCount; index++)
        {
            _freeOrderAt[index] = NotFreeHead;
        }
        for (int order = 0; order <= poolOrder; order++)
        {
            _freeHeadByOrder[order] = CapSlot.None;
        }
        PushFree(0, poolOrder);
        _freeSlotCount = slotCount;
    }

    public int PoolOrder => _poolOrder;

    public uint SlotCount => 1u << _poolOrder;

    public uint FreeSlotCount => _freeSlotCount;

    /// <summary>The first kernel-owned slot: they follow the pool.</summary>
    public uint KernelOwnedBase => SlotCount;

    /// <summary>Every slot that may hold a capability between operations: the pool and the kernel-owned slots.</summary>
    public uint CapabilitySlotCount => SlotCount + _kernelOwnedSlotCount;

    /// <summary>The scratch slot: the last one, after the kernel-owned slots.</summary>
    public uint ScratchSlot => CapabilitySlotCount;

    public ref CapSlot this[uint slot] => ref _slots[slot];

    /// <summary>The slots themselves, for the fast paths: one array reference and one range check per lookup.</summary>
    internal CapSlot[] Entries => _slots;

    /// <summary>Whether a free block of exactly this order starts at <paramref name="slot"/>.</summary>
    public bool IsFreeBlockHead(uint slot, out int order)
    {
        order = _freeOrderAt[slot];
        return _freeOrderAt[slot] != NotFreeHead;
    }

    /// <summary>A block of 2^order slots, all empty; <see cref="CapSlot.None"/> when none is free.</summary>
    public uint Allocate(int order)
    {
        KernelAssert.That(order >= 0 && order <= _poolOrder, AssertionSite.BoundExceeded, (ulong)order);
        int foundOrder = order;
        while (foundOrder <= _poolOrder && _freeHeadByOrder[foundOrder] == CapSlot.None)
        {
            foundOrder++;
        }
        if (foundOrder > _poolOrder)
        {
            return CapSlot.None;
        }
        uint block = _freeHeadByOrder[foundOrder];
        RemoveFree(block, foundOrder);
        while (foundOrder > order)
        {
            foundOrder--;
            PushFree(block + (1u << foundOrder), foundOrder);
        }
        _freeSlotCount -= 1u << order;
        return block;
    }

    /// <summary>Returns a block whose slots the caller has already emptied; merges buddies.</summary>
    public void Free(uint block, int order)
    {
        KernelAssert.That(order >= 0 && order <= _poolOrder, AssertionSite.BoundExceeded, (ulong)order);
        KernelAssert.That((block & ((1u << order) - 1)) == 0 && block < SlotCount, AssertionSite.SlotPoolCorrupt, block);
        _freeSlotCount += 1u << order;
        while (order < _poolOrder)
        {
            uint buddy = block ^ (1u << order);
            if (_freeOrderAt[buddy] != order)
            {
                break;
            }
            RemoveFree(buddy, order);
            block = block < buddy ? block : buddy;
            order++;
        }
        PushFree(block, order);
    }

    /// <summary>Makes <paramref name="target"/> (same pool order) an exact copy of this pool, the scratch slot and the
    /// buddy allocator's lists included; allocates nothing.</summary>
    public void CopyStateTo(SlotPool target)
    {
        KernelAssert.That(target != this && target._poolOrder == _poolOrder && target._slots.Length == _slots.Length, AssertionSite.SnapshotMismatch, (ulong)target._poolOrder);
        CapSlot[] slots = _slots;
        CapSlot[] targetSlots = target._slots;
        for (int index = 0; index < slots.Length; index++) targetSlots[index] = slots[index];
        byte[] orders = _freeOrderAt;
        byte[] targetOrders = target._freeOrderAt;
        uint[] next = _nextFree;
        uint[] targetNext = target._nextFree;
        uint[] prev = _prevFree;
        uint[] targetPrev = target._prevFree;
        for (int index = 0; index < orders.Length; index++)
        {
            targetOrders[index] = orders[index];
            targetNext[index] = next[index];
            targetPrev[index] = prev[index];
        }
        for (int order = 0; order < _freeHeadByOrder.Length; order++) target._freeHeadByOrder[order] = _freeHeadByOrder[order];
        target._freeSlotCount = _freeSlotCount;
    }

    /// <summary>Mixes every slot (5 words each, the kernel-owned and scratch slots included), the free-order bytes (8 per
    /// word), the free-list links of every pool slot (1 word each), the per-order heads and the counters into
    /// <paramref name="hash"/>.</summary>
    public ulong HashState(ulong hash)
    {
        CapSlot[] slots = _slots;
        for (int index = 0; index < slots.Length; index++)
        {
            ref CapSlot slot = ref slots[index];
            hash = StateHashing.Mix(hash, StateHashing.CapHeader(slot.Cap) | (StateHashing.Bit(slot.IsOriginal) << 24) | ((ulong)slot.Parent << 32));
            hash = StateHashing.CapBody(hash, slot.Cap);
            hash = StateHashing.Mix(hash, StateHashing.Pair(slot.FirstChild, slot.NextSibling));
            hash = StateHashing.Mix(hash, slot.PrevSibling);
        }
        byte[] orders = _freeOrderAt;
        ulong packed = 0;
        for (int index = 0; index < orders.Length; index++)
        {
            packed |= (ulong)orders[index] << ((index & 7) * 8);
            if ((index & 7) == 7 || index == orders.Length - 1)
            {
                hash = StateHashing.Mix(hash, packed);
                packed = 0;
            }
        }
        uint[] next = _nextFree;
        uint[] prev = _prevFree;
        for (int index = 0; index < next.Length; index++) hash = StateHashing.Mix(hash, StateHashing.Pair(next[index], prev[index]));
        for (int order = 0; order < _freeHeadByOrder.Length; order++) hash = StateHashing.Mix(hash, _freeHeadByOrder[order]);
        hash = StateHashing.Mix(hash, _kernelOwnedSlotCount);
        return StateHashing.Mix(hash, StateHashing.Pair((uint)_poolOrder, _freeSlotCount));
    }

    private void PushFree(uint block, int order)
    {
        uint head = _freeHeadByOrder[order];
        _freeOrderAt[block] = (byte)order;
        _nextFree[block] = head;
        _prevFree[block] = CapSlot.None;
        if (head != CapSlot.None)
        {
            _prevFree[head] = block;
        }
        _freeHeadByOrder[order] = block;
    }

    private void RemoveFree(uint block, int order)
    {
        KernelAssert.That(_freeOrderAt[block] == order, AssertionSite.SlotPoolCorrupt, block);
        uint next = _nextFree[block];
        uint prev = _prevFree[block];
        if (prev != CapSlot.None)
        {
            _nextFree[prev] = next;
        }
        else
        {
            _freeHeadByOrder[order] = next;
        }
        if (next != CapSlot.None)
        {
            _prevFree[next] = prev;
        }
        _freeOrderAt[block] = NotFreeHead;
    }
}
