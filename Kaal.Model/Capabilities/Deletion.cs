namespace Kaal.Model;

/// <summary>
/// Deleting capabilities and destroying objects. Deleting the last capability to an object destroys it;
/// a CNode is emptied first, which may destroy further objects. Instead of seL4's preemptible recursion
/// (zombies), destruction runs from a fixed queue, so the work is bounded by the object table and the
/// kernel stack never grows with the depth of nested CNodes.
/// </summary>
public sealed partial class Kernel
{
    /// <summary>Deletes the capability in a slot and everything that thereby loses its last capability.</summary>
    private void DeleteSlot(uint slot)
    {
        if (_slots[slot].Cap.IsNull)
        {
            return;
        }
        DeleteCapNoDestroy(slot);
        DrainDestroyQueue();
    }

    /// <summary>Empties a slot and splices it out of the tree; queues its object if this was the last cap.</summary>
    private void DeleteCapNoDestroy(uint slot)
    {
        Capability cap = _slots[slot].Cap;
        KernelAssert.That(!cap.IsNull, AssertionSite.SlotEmpty, slot);
        // The mapping belongs to this capability: it goes even if other caps to the frame remain.
        uint mapping = MappingOf(cap);
        if (mapping != Mapping.None) RemoveMapping(mapping);
        SpliceOut(slot);
        _slots[slot] = CapSlot.Empty();
        MirrorThreadCap(slot);
        if (cap.Object.IsNone)
        {
            return;
        }
        ref KernelObject entry = ref _objects.Get(cap.Object);
        KernelAssert.That(entry.CapCount > 0, AssertionSite.ObjectCountUnderflow, cap.Object.Index);
        entry.CapCount--;
        if (entry.CapCount == 0)
        {
            KernelAssert.That(_destroyQueueLength < (uint)_destroyQueue.Length, AssertionSite.DestroyQueueOverflow, _destroyQueueLength);
            _destroyQueue[_destroyQueueLength] = cap.Object.Index;
            _destroyQueueLength++;
        }
    }

    private void DrainDestroyQueue()
    {
        // Each object enters the queue once, when its count reaches zero, so the table size bounds the loop.
        for (uint step = 0; _destroyQueueLength > 0; step++)
        {
            KernelAssert.That(step < _objects.Capacity, AssertionSite.BoundExceeded, step);
            _destroyQueueLength--;
            uint index = _destroyQueue[_destroyQueueLength];
            ref KernelObject entry = ref _objects[index];
            FinaliseObject(new ObjectRef(index, entry.Generation));
        }
    }

    /// <summary>seL4 finaliseCap for a final capability: release what the object holds, then free its entry.</summary>
    private void FinaliseObject(ObjectRef reference)
    {
        ref KernelObject entry = ref _objects.Get(reference);
        switch (entry.Kind)
        {
            case CapType.CNode:
                uint slotCount = 1u << entry.Radix;
                uint slotBase = entry.SlotBase;
                for (uint offset = 0; offset < slotCount; offset++)
                {
                    if (!_slots[slotBase + offset].Cap.IsNull)
                    {
                        DeleteCapNoDestroy(slotBase + offset);
                    }
                }
                _slots.Free(slotBase, entry.Radix);
                break;
            case CapType.IrqHandler:
                // seL4 deletingIRQHandler: the IRQ node's notification capability goes with the handler.
                uint node = IrqNodeSlot(entry.Irq);
                if (!_slots[node].Cap.IsNull) DeleteCapNoDestroy(node);
                _irqHandler[entry.Irq] = default;
                _irqTriggerCore[entry.Irq] = NoTriggerCoreByte;
                RequestIrqEnabled(entry.Irq, false);
                break;
            case CapType.Tcb:
                DestroyThread(entry.Thread);
                break;
            case CapType.VSpace:
                RemoveAllMappings(reference);
                break;
            case CapType.Endpoint:
            case CapType.Notification:
                CancelAllWaiters(reference);
                break;
            default:
                break;
        }
        _objects.Free(reference);
    }

    /// <summary>
    /// seL4 cteRevoke: deletes every capability derived from the one in <paramref name="slot"/>, leaves
    /// that one in place. Deletes leaves first, so no capability outlives its ancestor in the tree.
    /// </summary>
    private void RevokeSlot(uint slot)
    {
        Capability target = _slots[slot].Cap;
        // Each round deletes at least one capability, so the pool size bounds the rounds.
        for (uint round = 0; round <= _slots.CapabilitySlotCount; round++)
        {
            // Destroying a CNode among the descendants may have emptied the target's own slot.
            if (!_slots[slot].Cap.SameValueAs(target) || _slots[slot].FirstChild == CapSlot.None)
            {
                return;
            }
            uint leaf = _slots[slot].FirstChild;
            for (uint depth = 0; _slots[leaf].FirstChild != CapSlot.None; depth++)
            {
                KernelAssert.That(depth <= _slots.CapabilitySlotCount, AssertionSite.CdtLinkCorrupt, leaf);
                leaf = _slots[leaf].FirstChild;
            }
            DeleteCapNoDestroy(leaf);
            DrainDestroyQueue();
        }
        KernelAssert.Fail(AssertionSite.BoundExceeded, slot);
    }
}
