namespace Kaal.Model;

/// <summary>
/// The invariant checker for the whole capability state, meant to run after every operation in tests
/// and in the simulator. It allocates nothing; its cost is O(slots + objects^2) for the overlap check.
/// </summary>
public sealed partial class Kernel
{
    public InvariantViolation CheckInvariants()
    {
        InvariantViolation violation = CheckTreeLinks();
        if (!violation.IsNone) return violation;
        violation = CheckDerivations();
        if (!violation.IsNone) return violation;
        violation = CheckObjectCounts();
        if (!violation.IsNone) return violation;
        violation = CheckObjectsDisjoint();
        if (!violation.IsNone) return violation;
        violation = CheckMappings();
        if (!violation.IsNone) return violation;
        violation = CheckKernelOwnedSlots();
        if (!violation.IsNone) return violation;
        return CheckSlotPool();
    }

    private static InvariantViolation Violation(InvariantKind kind, uint slot, uint other) => new(kind, slot, other);

    /// <summary>Every link is mirrored (parent/child, prev/next) and following parents always ends.</summary>
    private InvariantViolation CheckTreeLinks()
    {
        uint slotCount = _slots.CapabilitySlotCount;
        if (!_slots[_slots.ScratchSlot].Cap.IsNull)
        {
            return Violation(InvariantKind.ScratchSlotInUse, _slots.ScratchSlot, 0);
        }
        for (uint slot = 0; slot < slotCount; slot++)
        {
            ref CapSlot entry = ref _slots[slot];
            if (entry.Cap.IsNull)
            {
                if (entry.Parent != CapSlot.None || entry.FirstChild != CapSlot.None ||
                    entry.NextSibling != CapSlot.None || entry.PrevSibling != CapSlot.None)
                {
                    return Violation(InvariantKind.EmptySlotHasLinks, slot, 0);
                }
                continue;
            }
            if (entry.Parent != CapSlot.None)
            {
                if (entry.Parent >= slotCount || _slots[entry.Parent].Cap.IsNull)
                {
                    return Violation(InvariantKind.ParentLinkBroken, slot, entry.Parent);
                }
                if (entry.PrevSibling == CapSlot.None && _slots[entry.Parent].FirstChild != slot)
                {
                    return Violation(InvariantKind.ParentLinkBroken, slot, entry.Parent);
                }
            }
            if (entry.PrevSibling != CapSlot.None &&
                (entry.PrevSibling >= slotCount || _slots[entry.PrevSibling].NextSibling != slot || _slots[entry.PrevSibling].Parent != entry.Parent))
            {
                return Violation(InvariantKind.SiblingLinkBroken, slot, entry.PrevSibling);
            }
            if (entry.NextSibling != CapSlot.None &&
                (entry.NextSibling >= slotCount || _slots[entry.NextSibling].PrevSibling != slot))
            {
                return Violation(InvariantKind.SiblingLinkBroken, slot, entry.NextSibling);
            }
            if (entry.FirstChild != CapSlot.None &&
                (entry.FirstChild >= slotCount || _slots[entry.FirstChild].Parent != slot || _slots[entry.FirstChild].PrevSibling != CapSlot.None))
            {
                return Violation(InvariantKind.ChildLinkBroken, slot, entry.FirstChild);
            }
            uint ancestor = entry.Parent;
            for (uint depth = 0; ancestor != CapSlot.None; depth++)
            {
                if (depth > slotCount || ancestor == slot)
                {
                    return Violation(InvariantKind.DerivationCycle, slot, ancestor);
                }
                ancestor = _slots[ancestor].Parent;
            }
        }
        return default;
    }

    /// <summary>
    /// What derivation may and may not do: only originals have children; a copy of the same object has
    /// no right its parent lacks and the parent's badge; whatever hangs under an Untyped lies inside it,
    /// below its watermark.
    /// </summary>
    private InvariantViolation CheckDerivations()
    {
        uint slotCount = _slots.CapabilitySlotCount;
        for (uint slot = 0; slot < slotCount; slot++)
        {
            ref CapSlot entry = ref _slots[slot];
            if (entry.Cap.IsNull) continue;
            Capability cap = entry.Cap;
            if (!entry.IsOriginal && entry.FirstChild != CapSlot.None)
            {
                return Violation(InvariantKind.NonOriginalHasChildren, slot, entry.FirstChild);
            }
            if (cap.Type == CapType.CNode && cap.GuardSizeBits + _objects.Get(cap.Object).Radix > ObjectSizes.WordBits)
            {
                return Violation(InvariantKind.GuardTooLarge, slot, cap.GuardSizeBits);
            }
            if (cap.Type == CapType.Untyped && cap.FreeIndexBytes > _objects.Get(cap.Object).SizeBytes)
            {
                return Violation(InvariantKind.WatermarkOutOfRange, slot, cap.Object.Index);
            }
            if (entry.Parent == CapSlot.None) continue;
            ref CapSlot parentSlot = ref _slots[entry.Parent];
            Capability parent = parentSlot.Cap;
            if (!parentSlot.IsOriginal)
            {
                return Violation(InvariantKind.ParentNotOriginal, slot, entry.Parent);
            }
            if (parent.Object.SameAs(cap.Object) && !cap.Object.IsNone)
            {
                if ((cap.Rights & ~parent.Rights) != 0)
                {
                    return Violation(InvariantKind.RightsAmplified, slot, entry.Parent);
                }
                if (parent.Badge != 0 && cap.Badge != parent.Badge)
                {
                    return Violation(InvariantKind.BadgeChanged, slot, entry.Parent);
                }
            }
            else if (parent.Type == CapType.Untyped && _objects.Get(cap.Object).HasMemory)
            {
                ref KernelObject region = ref _objects.Get(parent.Object);
                ref KernelObject child = ref _objects.Get(cap.Object);
                if (child.PhysAddr < region.PhysAddr || child.EndAddr > region.EndAddr)
                {
                    return Violation(InvariantKind.ChildOutsideUntyped, slot, entry.Parent);
                }
                if (child.EndAddr > region.PhysAddr + parent.FreeIndexBytes)
                {
                    return Violation(InvariantKind.ChildAboveWatermark, slot, entry.Parent);
                }
            }
        }
        return default;
    }

    /// <summary>Capabilities name live objects; each object's count is exact; no live object lacks a
    /// capability; the free list holds exactly the free entries; IRQ lines match their handlers.</summary>
    private InvariantViolation CheckObjectCounts()
    {
        uint slotCount = _slots.CapabilitySlotCount;
        uint capacity = _objects.Capacity;
        for (uint slot = 0; slot < slotCount; slot++)
        {
            Capability cap = _slots[slot].Cap;
            if (cap.IsNull || cap.Object.IsNone) continue;
            if (!_objects.IsLive(cap.Object) || _objects[cap.Object.Index].Kind != cap.Type)
            {
                return Violation(InvariantKind.StaleCapability, slot, cap.Object.Index);
            }
        }
        for (uint index = 0; index < capacity; index++)
        {
            _checkerCapCounts[index] = 0;
        }
        for (uint slot = 0; slot < slotCount; slot++)
        {
            Capability cap = _slots[slot].Cap;
            if (!cap.IsNull && !cap.Object.IsNone) _checkerCapCounts[cap.Object.Index]++;
        }
        uint liveCount = 0;
        for (uint index = 0; index < capacity; index++)
        {
            ref KernelObject entry = ref _objects[index];
            uint counted = _checkerCapCounts[index];
            if (entry.Kind == CapType.Null) continue;
            liveCount++;
            if (counted != entry.CapCount)
            {
                return Violation(InvariantKind.CapCountWrong, counted, index);
            }
            if (counted == 0)
            {
                return Violation(InvariantKind.UnreachableObject, 0, index);
            }
            if (entry.Kind == CapType.IrqHandler && (entry.Irq >= (uint)_irqHandler.Length || !_irqHandler[entry.Irq].SameAs(new ObjectRef(index, entry.Generation))))
            {
                return Violation(InvariantKind.IrqStateWrong, entry.Irq, index);
            }
        }
        uint freeListed = 0;
        uint cursor = _objects.FreeHead;
        for (; cursor != ObjectTable.NoEntry && freeListed <= capacity; freeListed++)
        {
            if (cursor >= capacity || _objects[cursor].Kind != CapType.Null)
            {
                return Violation(InvariantKind.ObjectFreeListBroken, 0, cursor);
            }
            cursor = _objects[cursor].NextFree;
        }
        if (freeListed != capacity - liveCount || freeListed != _objects.FreeCount)
        {
            return Violation(InvariantKind.ObjectFreeListBroken, freeListed, liveCount);
        }
        uint handlers = 0;
        for (uint irq = 0; irq < (uint)_irqHandler.Length; irq++)
        {
            if (!_irqHandler[irq].IsNone) handlers++;
        }
        uint liveHandlers = 0;
        for (uint index = 0; index < capacity; index++)
        {
            if (_objects[index].Kind == CapType.IrqHandler) liveHandlers++;
        }
        return handlers == liveHandlers ? default : Violation(InvariantKind.IrqStateWrong, handlers, liveHandlers);
    }

    /// <summary>Two live objects share memory only if one is an Untyped that contains the other.</summary>
    private InvariantViolation CheckObjectsDisjoint()
    {
        if (ObjectsNestInUntypeds()) return default;
        uint capacity = _objects.Capacity;
        for (uint first = 0; first < capacity; first++)
        {
            ref KernelObject a = ref _objects[first];
            if (!a.HasMemory) continue;
            for (uint second = first + 1; second < capacity; second++)
            {
                ref KernelObject b = ref _objects[second];
                if (!b.HasMemory || a.EndAddr <= b.PhysAddr || b.EndAddr <= a.PhysAddr) continue;
                bool aContainsB = a.Kind == CapType.Untyped && a.PhysAddr <= b.PhysAddr && b.EndAddr <= a.EndAddr;
                bool bContainsA = b.Kind == CapType.Untyped && b.PhysAddr <= a.PhysAddr && a.EndAddr <= b.EndAddr;
                if (!aContainsB && !bContainsA)
                {
                    return Violation(InvariantKind.ObjectsOverlap, first, second);
                }
            }
        }
        return default;
    }

    /// <summary>
    /// The mapping table agrees with the capabilities and objects: a mapped frame cap and its live record
    /// name each other; a live record's VSpace and frame are alive, and its rights are within the owning
    /// cap's; no two live mappings in one VSpace overlap; each VSpace's list holds exactly its live records;
    /// the free list holds exactly the free records; every record with news for the machine is in the range
    /// the next flush covers. Violation.Slot is a slot or record index, Other the record or object.
    /// </summary>
    private InvariantViolation CheckMappings()
    {
        InvariantViolation violation = CheckMappedFrameCaps();
        if (!violation.IsNone) return violation;
        violation = CheckMappingRecords(out uint liveCount, out uint freeCount);
        if (!violation.IsNone) return violation;
        violation = CheckVSpaceMappingLists(liveCount);
        if (!violation.IsNone) return violation;
        return CheckMappingFreeList(freeCount);
    }

    /// <summary>Every mapped frame cap names a live record that names it back, with rights within the cap's.</summary>
    private InvariantViolation CheckMappedFrameCaps()
    {
        uint slotCount = _slots.CapabilitySlotCount;
        uint capacity = _mappings.Capacity;
        for (uint slot = 0; slot < slotCount; slot++)
        {
            Capability cap = _slots[slot].Cap;
            if (cap.Type != CapType.Frame || cap.Data == 0) continue;
            uint index = MappingOf(cap);
            if (index >= capacity || !_mappings[index].IsLive || _mappings[index].OwnerSlot != slot || !_mappings[index].Frame.SameAs(cap.Object))
            {
                return Violation(InvariantKind.MappingOwnerBroken, slot, index);
            }
            if ((_mappings[index].Rights & ~VSpaceLayout.AllowedBy(cap.Rights)) != 0)
            {
                return Violation(InvariantKind.MappingRightsExceedCap, slot, index);
            }
        }
        return default;
    }

    /// <summary>Every record: free, or with its news for the machine in the flush range; a dead one only as a pending
    /// unmap without owner; a live one well formed (<see cref="CheckLiveMapping"/>). Counts the live and free ones.</summary>
    private InvariantViolation CheckMappingRecords(out uint liveCount, out uint freeCount)
    {
        uint capacity = _mappings.Capacity;
        liveCount = 0;
        freeCount = 0;
        for (uint index = 0; index < capacity; index++)
        {
            ref Mapping record = ref _mappings[index];
            if (record.State == MappingState.Free)
            {
                freeCount++;
                continue;
            }
            if (record.State != MappingState.Mapped &&
                (!_mappings.HasPendingChanges || index < _mappings.PendingLow || index > _mappings.PendingHigh))
            {
                return Violation(InvariantKind.MappingPendingLost, index, (uint)record.State);
            }
            if (!record.IsLive)
            {
                if (record.State != MappingState.PendingUnmap || record.OwnerSlot != CapSlot.None)
                {
                    return Violation(InvariantKind.MappingMalformed, index, (uint)record.State);
                }
                continue;
            }
            liveCount++;
            InvariantViolation violation = CheckLiveMapping(index);
            if (!violation.IsNone) return violation;
        }
        return default;
    }

    /// <summary>A live record: its owner cap names it, its VSpace and frame are alive, it matches the frame and the
    /// user range with valid rights, and it overlaps no later record of its VSpace's list.</summary>
    private InvariantViolation CheckLiveMapping(uint index)
    {
        uint capacity = _mappings.Capacity;
        ref Mapping record = ref _mappings[index];
        if (record.OwnerSlot >= _slots.CapabilitySlotCount || MappingOf(_slots[record.OwnerSlot].Cap) != index)
        {
            return Violation(InvariantKind.MappingOwnerBroken, record.OwnerSlot, index);
        }
        if (!_objects.IsLive(record.VSpace) || _objects[record.VSpace.Index].Kind != CapType.VSpace ||
            !_objects.IsLive(record.Frame) || _objects[record.Frame.Index].Kind != CapType.Frame)
        {
            return Violation(InvariantKind.MappingObjectDead, index, record.VSpace.Index);
        }
        ref KernelObject frame = ref _objects[record.Frame.Index];
        if (record.SizeBits != frame.SizeBits || record.PhysAddr != frame.PhysAddr || record.IsDevice != frame.IsDevice ||
            !VSpaceLayout.IsUserRange(record.VirtAddr, record.SizeBytes) || (record.VirtAddr & (record.SizeBytes - 1)) != 0 ||
            (record.Rights & VmRights.Read) == 0 || (record.Rights & ~VSpaceLayout.AllRights) != 0)
        {
            return Violation(InvariantKind.MappingMalformed, index, record.Frame.Index);
        }
        uint other = record.Next;
        for (uint step = 0; other != Mapping.None; step++)
        {
            if (step >= capacity || other >= capacity)
            {
                return Violation(InvariantKind.MappingListBroken, index, other);
            }
            ref Mapping second = ref _mappings[other];
            if (second.VirtAddr < record.EndAddr && record.VirtAddr < second.EndAddr)
            {
                return Violation(InvariantKind.MappingsOverlap, index, other);
            }
            other = second.Next;
        }
        return default;
    }

    /// <summary>Each VSpace's list holds only its live records, linked both ways, and all lists together hold every
    /// live record.</summary>
    private InvariantViolation CheckVSpaceMappingLists(uint liveCount)
    {
        uint capacity = _mappings.Capacity;
        uint listed = 0;
        for (uint objectIndex = 0; objectIndex < _objects.Capacity; objectIndex++)
        {
            ref KernelObject space = ref _objects[objectIndex];
            if (space.Kind != CapType.VSpace) continue;
            var vspace = new ObjectRef(objectIndex, space.Generation);
            uint previous = Mapping.None;
            uint cursor = space.FirstMapping;
            for (; cursor != Mapping.None; listed++)
            {
                if (listed >= capacity || cursor >= capacity || !_mappings[cursor].IsLive ||
                    !_mappings[cursor].VSpace.SameAs(vspace) || _mappings[cursor].Prev != previous)
                {
                    return Violation(InvariantKind.MappingListBroken, cursor, objectIndex);
                }
                previous = cursor;
                cursor = _mappings[cursor].Next;
            }
        }
        if (listed != liveCount)
        {
            return Violation(InvariantKind.MappingListBroken, listed, liveCount);
        }
        return default;
    }

    /// <summary>The free list holds exactly the free records.</summary>
    private InvariantViolation CheckMappingFreeList(uint freeCount)
    {
        uint capacity = _mappings.Capacity;
        uint freeListed = 0;
        uint free = _mappings.FreeHead;
        for (; free != Mapping.None; freeListed++)
        {
            if (freeListed >= capacity || free >= capacity || _mappings[free].State != MappingState.Free)
            {
                return Violation(InvariantKind.MappingFreeListBroken, freeListed, free);
            }
            free = _mappings[free].Next;
        }
        if (freeListed != freeCount || freeCount != _mappings.FreeCount)
        {
            return Violation(InvariantKind.MappingFreeListBroken, freeListed, freeCount);
        }
        return default;
    }

    /// <summary>Live CNodes and free blocks tile the slot pool exactly, with no overlap.</summary>
    private InvariantViolation CheckSlotPool()
    {
        uint capacity = _objects.Capacity;
        ulong usedSlots = 0;
        for (uint first = 0; first < capacity; first++)
        {
            ref KernelObject a = ref _objects[first];
            if (a.Kind != CapType.CNode) continue;
            uint aEnd = a.SlotBase + (1u << a.Radix);
            if (aEnd > _slots.SlotCount)
            {
                return Violation(InvariantKind.CNodeSlotsOverlap, a.SlotBase, first);
            }
            usedSlots += 1u << a.Radix;
            for (uint second = first + 1; second < capacity; second++)
            {
                ref KernelObject b = ref _objects[second];
                if (b.Kind != CapType.CNode) continue;
                uint bEnd = b.SlotBase + (1u << b.Radix);
                if (a.SlotBase < bEnd && b.SlotBase < aEnd)
                {
                    return Violation(InvariantKind.CNodeSlotsOverlap, first, second);
                }
            }
            for (uint slot = a.SlotBase; slot < aEnd; slot++)
            {
                if (_slots.IsFreeBlockHead(slot, out _))
                {
                    return Violation(InvariantKind.CNodeSlotsOverlap, slot, first);
                }
            }
        }
        ulong freeSlots = 0;
        for (uint slot = 0; slot < _slots.SlotCount; slot++)
        {
            if (_slots.IsFreeBlockHead(slot, out int order))
            {
                freeSlots += 1UL << order;
                if (!_slots[slot].Cap.IsNull)
                {
                    return Violation(InvariantKind.SlotPoolAccountingWrong, slot, 0);
                }
            }
        }
        if (usedSlots + freeSlots != _slots.SlotCount || freeSlots != _slots.FreeSlotCount)
        {
            return Violation(InvariantKind.SlotPoolAccountingWrong, (uint)usedSlots, (uint)freeSlots);
        }
        return default;
    }
}
