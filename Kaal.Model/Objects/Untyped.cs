namespace Kaal.Model;

/// <summary>
/// Untyped memory and Retype, as seL4's decodeUntypedInvocation / invokeUntyped_Retype: objects are
/// carved from the untyped capability's watermark, each aligned to its own size; the watermark goes
/// back to the start only when the capability has no children left (after Revoke, or once every
/// derived capability was deleted), so memory is never handed out twice.
/// </summary>
public sealed partial class Kernel
{
    /// <summary>
    /// Creates <paramref name="count"/> objects of <paramref name="type"/> from the untyped capability in
    /// <paramref name="untypedSlot"/> and puts their capabilities in slots
    /// <paramref name="nodeOffset"/>.. of the CNode named by (<paramref name="root"/>,
    /// <paramref name="nodeIndex"/>, <paramref name="nodeDepth"/>); depth 0 names the root itself.
    /// As seL4: decode (every check, in decodeUntypedInvocation's order; nothing changes until all pass), then
    /// invoke (the effects).
    /// </summary>
    public KernelResult UntypedRetype(uint untypedSlot, ObjectType type, int sizeBits,
        in Capability root, ulong nodeIndex, int nodeDepth, ulong nodeOffset, int count)
    {
        KernelResult checkedObject = DecodeRetypeObject(untypedSlot, type, sizeBits);
        if (!checkedObject.IsOk) return checkedObject;
        KernelResult checkedDestination = DecodeRetypeDestination(root, nodeIndex, nodeDepth, nodeOffset, count, out uint destBase);
        if (!checkedDestination.IsOk) return checkedDestination;
        KernelResult checkedMemory = DecodeRetypeMemory(untypedSlot, type, sizeBits, count, out ulong freeIndexBytes, out int objectSizeBits);
        if (!checkedMemory.IsOk) return checkedMemory;
        InvokeUntypedRetype(untypedSlot, type, sizeBits, destBase, count, freeIndexBytes, objectSizeBits);
        return KernelResult.Ok();
    }

    /// <summary>Decode, first part: the service is an untyped capability and the object type and size are valid.</summary>
    private KernelResult DecodeRetypeObject(uint untypedSlot, ObjectType type, int sizeBits)
    {
        if (untypedSlot >= _slots.SlotCount)
        {
            return KernelResult.InvalidCapability(ErrorReason.ServiceNotUntyped, 0);
        }
        if (_slots[untypedSlot].Cap.Type != CapType.Untyped)
        {
            return KernelResult.InvalidCapability(ErrorReason.ServiceNotUntyped, 0);
        }
        if (!ObjectSizes.IsValid(type))
        {
            return KernelResult.InvalidArgument(ErrorReason.InvalidObjectType, 0);
        }
        if (sizeBits < 0 || sizeBits >= ObjectSizes.WordBits - 1)
        {
            return KernelResult.Range(ErrorReason.ObjectSizeOutOfRange, 0, ObjectSizes.WordBits - 2);
        }
        if (type == ObjectType.Untyped && sizeBits > ObjectSizes.MaxUntypedBits)
        {
            return KernelResult.Range(ErrorReason.ObjectSizeOutOfRange, 0, ObjectSizes.MaxUntypedBits);
        }
        if (type == ObjectType.CNode && sizeBits == 0)
        {
            return KernelResult.InvalidArgument(ErrorReason.CNodeRadixZero, 1);
        }
        if (type == ObjectType.CNode && sizeBits > _slots.PoolOrder)
        {
            return KernelResult.Range(ErrorReason.ObjectSizeOutOfRange, 1, (ulong)_slots.PoolOrder);
        }
        if (type == ObjectType.Untyped && sizeBits < ObjectSizes.MinUntypedBits)
        {
            return KernelResult.InvalidArgument(ErrorReason.UntypedTooSmall, 1);
        }
        return KernelResult.Ok();
    }

    /// <summary>Decode, second part: the destination CNode, the offset, the fan-out and a window of empty slots
    /// (<paramref name="destBase"/>: its first slot).</summary>
    private KernelResult DecodeRetypeDestination(in Capability root, ulong nodeIndex, int nodeDepth, ulong nodeOffset, int count, out uint destBase)
    {
        destBase = 0;
        Capability destNode = root;
        if (nodeDepth != 0)
        {
            KernelResult lookup = LookupSlot(root, nodeIndex, nodeDepth, false, out uint nodeSlot);
            if (!lookup.IsOk) return lookup;
            destNode = _slots[nodeSlot].Cap;
        }
        if (destNode.Type != CapType.CNode || !_objects.IsLive(destNode.Object))
        {
            return KernelResult.FailedLookup(ErrorReason.DestinationNotCNode, LookupFault.MissingCapability(nodeDepth), false);
        }
        ref KernelObject node = ref _objects.Get(destNode.Object);
        ulong nodeSlotCount = 1UL << node.Radix;
        if (nodeOffset > nodeSlotCount - 1)
        {
            return KernelResult.Range(ErrorReason.DestinationOffsetOutOfRange, 0, nodeSlotCount - 1);
        }
        if (count < 1 || count > ObjectSizes.RetypeFanOutLimit)
        {
            return KernelResult.Range(ErrorReason.FanOutOutOfRange, 1, ObjectSizes.RetypeFanOutLimit);
        }
        if ((ulong)count > nodeSlotCount - nodeOffset)
        {
            return KernelResult.Range(ErrorReason.DestinationWindowOutOfRange, 1, nodeSlotCount - nodeOffset);
        }
        destBase = node.SlotBase + (uint)nodeOffset;
        for (uint offset = 0; offset < (uint)count; offset++)
        {
            if (!_slots[destBase + offset].Cap.IsNull)
            {
                return KernelResult.Fail(KernelError.DeleteFirst, ErrorReason.DestinationSlotOccupied);
            }
        }
        return KernelResult.Ok();
    }

    /// <summary>Decode, last part: the untyped has room for the objects (from its watermark, or from its start when it
    /// has no children: a reset), device memory holds only frames and untypeds, and the object table, thread table
    /// and CNode slot pool have room (the slot blocks are reserved here, so Retype fails whole or not at all).</summary>
    private KernelResult DecodeRetypeMemory(uint untypedSlot, ObjectType type, int sizeBits, int count, out ulong freeIndexBytes, out int objectSizeBits)
    {
        Capability untyped = _slots[untypedSlot].Cap;
        ref KernelObject region = ref _objects.Get(untyped.Object);
        bool reset = _slots[untypedSlot].FirstChild == CapSlot.None;
        freeIndexBytes = reset ? 0 : untyped.FreeIndexBytes;
        ulong untypedFreeBytes = region.SizeBytes - freeIndexBytes;
        objectSizeBits = ObjectSizes.SizeBits(type, sizeBits);
        if (objectSizeBits >= ObjectSizes.WordBits || (ulong)count > (untypedFreeBytes >> objectSizeBits))
        {
            return KernelResult.NotEnoughMemory(ErrorReason.UntypedExhausted, untypedFreeBytes);
        }
        if (region.IsDevice && !ObjectSizes.IsFrame(type) && type != ObjectType.Untyped)
        {
            return KernelResult.InvalidArgument(ErrorReason.DeviceMemoryNotFrameOrUntyped, 1);
        }
        if (_objects.FreeCount < (uint)count)
        {
            return KernelResult.NotEnoughMemory(ErrorReason.ObjectTableFull, untypedFreeBytes);
        }
        if (type == ObjectType.Tcb && _threads.FreeCount < (uint)count)
        {
            return KernelResult.NotEnoughMemory(ErrorReason.ThreadTableFull, untypedFreeBytes);
        }
        return ReserveCNodeSlots(type, sizeBits, count);
    }

    /// <summary>Invoke (seL4's invokeUntyped_Retype): moves the watermark past the new objects, creates them each
    /// aligned to its size and puts their capabilities, children of the untyped's, in the destination window.</summary>
    private void InvokeUntypedRetype(uint untypedSlot, ObjectType type, int sizeBits, uint destBase, int count, ulong freeIndexBytes, int objectSizeBits)
    {
        Capability untyped = _slots[untypedSlot].Cap;
        ref KernelObject region = ref _objects.Get(untyped.Object);
        ulong objectAddr = AlignUp(region.PhysAddr + freeIndexBytes, objectSizeBits);
        bool isDevice = region.IsDevice;
        _slots[untypedSlot].Cap = untyped.WithFreeIndex(objectAddr + ((ulong)count << objectSizeBits) - region.PhysAddr);
        CapType capType = ObjectSizes.CapTypeOf(type);
        for (uint index = 0; index < (uint)count; index++)
        {
            ObjectRef created = _objects.Allocate(capType, objectAddr, objectSizeBits, isDevice);
            if (type == ObjectType.CNode)
            {
                ref KernelObject cnode = ref _objects.Get(created);
                cnode.Radix = (byte)sizeBits;
                cnode.SlotBase = _reservedSlotBlocks[index];
            }
            else if (type == ObjectType.Tcb)
            {
                uint thread = _threads.Allocate(created);
                _objects.Get(created).Thread = thread;
                _threads[thread].TimesliceLeftTicks = _config.EffectiveTimesliceTicks;
                SetupReplyMaster(thread);
            }
            InsertCap(destBase + index, Capability.ToObject(capType, created), untypedSlot, true);
            objectAddr += 1UL << objectSizeBits;
        }
    }

    /// <summary>Takes the slot blocks new CNodes need up front, so Retype fails whole or not at all.</summary>
    private KernelResult ReserveCNodeSlots(ObjectType type, int radix, int count)
    {
        if (type != ObjectType.CNode)
        {
            return KernelResult.Ok();
        }
        for (int index = 0; index < count; index++)
        {
            uint block = _slots.Allocate(radix);
            if (block == CapSlot.None)
            {
                for (int undo = 0; undo < index; undo++)
                {
                    _slots.Free(_reservedSlotBlocks[undo], radix);
                }
                return KernelResult.NotEnoughMemory(ErrorReason.SlotPoolFull, 0);
            }
            _reservedSlotBlocks[index] = block;
        }
        return KernelResult.Ok();
    }
}
