namespace Kaal.Model;

/// <summary>
/// CNode invocations, decoded as seL4's decodeCNodeInvocation does. The invoked capability
/// (each method's `service`) is the destination root; the source root is a second CNode capability.
/// Every check happens before the first change, so a failed operation changes nothing.
/// </summary>
public sealed partial class Kernel
{
    /// <summary>Copies a capability, keeping only the rights in <paramref name="rights"/>.</summary>
    public KernelResult CNodeCopy(in Capability service, ulong destIndex, int destDepth,
        in Capability srcRoot, ulong srcIndex, int srcDepth, CapRights rights)
    {
        KernelResult result = LookupDestAndSource(service, destIndex, destDepth, srcRoot, srcIndex, srcDepth, out uint dest, out uint source);
        if (!result.IsOk) return result;
        Capability masked = _slots[source].Cap.WithRightsMasked(rights);
        result = DeriveCap(source, masked, out Capability derived);
        if (!result.IsOk) return result;
        InsertDerived(source, dest, derived);
        return KernelResult.Ok();
    }

    /// <summary>Copies with a rights mask and a badge (endpoint, notification) or guard (CNode, packed
    /// by <see cref="CapData.CNodeGuard"/>). An already badged capability cannot be badged again.</summary>
    public KernelResult CNodeMint(in Capability service, ulong destIndex, int destDepth,
        in Capability srcRoot, ulong srcIndex, int srcDepth, CapRights rights, ulong data)
    {
        KernelResult result = LookupDestAndSource(service, destIndex, destDepth, srcRoot, srcIndex, srcDepth, out uint dest, out uint source);
        if (!result.IsOk) return result;
        result = UpdateCapData(false, data, _slots[source].Cap, out Capability updated);
        if (!result.IsOk) return result;
        result = DeriveCap(source, updated.WithRightsMasked(rights), out Capability derived);
        if (!result.IsOk) return result;
        InsertDerived(source, dest, derived);
        return KernelResult.Ok();
    }

    /// <summary>Moves a capability, with its place in the derivation tree, to an empty slot.</summary>
    public KernelResult CNodeMove(in Capability service, ulong destIndex, int destDepth,
        in Capability srcRoot, ulong srcIndex, int srcDepth)
    {
        KernelResult result = LookupDestAndSource(service, destIndex, destDepth, srcRoot, srcIndex, srcDepth, out uint dest, out uint source);
        if (!result.IsOk) return result;
        MoveSlot(source, dest, _slots[source].Cap);
        return KernelResult.Ok();
    }

    /// <summary>Moves a capability and changes its data (a CNode's guard). Badges cannot be mutated.</summary>
    public KernelResult CNodeMutate(in Capability service, ulong destIndex, int destDepth,
        in Capability srcRoot, ulong srcIndex, int srcDepth, ulong data)
    {
        KernelResult result = LookupDestAndSource(service, destIndex, destDepth, srcRoot, srcIndex, srcDepth, out uint dest, out uint source);
        if (!result.IsOk) return result;
        result = UpdateCapData(true, data, _slots[source].Cap, out Capability updated);
        if (!result.IsOk) return result;
        MoveSlot(source, dest, updated);
        return KernelResult.Ok();
    }

    /// <summary>
    /// Moves the pivot's capability to dest and the source's capability to the pivot, applying
    /// <paramref name="destData"/> and <paramref name="pivotData"/> to the capabilities arriving there.
    /// With dest = source this swaps two capabilities.
    /// </summary>
    public KernelResult CNodeRotate(in Capability service, ulong destIndex, int destDepth, ulong destData,
        in Capability pivotRoot, ulong pivotIndex, int pivotDepth, ulong pivotData,
        in Capability srcRoot, ulong srcIndex, int srcDepth)
    {
        KernelResult result = LookupDest(service, destIndex, destDepth, out uint dest);
        if (!result.IsOk) return result;
        // seL4 decodeCNodeInvocation looks the source up before the pivot.
        result = LookupSlot(srcRoot, srcIndex, srcDepth, true, out uint source);
        if (!result.IsOk) return result;
        result = LookupSlot(pivotRoot, pivotIndex, pivotDepth, false, out uint pivot);
        if (!result.IsOk) return result;
        if (pivot == source || pivot == dest)
        {
            return KernelResult.Fail(KernelError.IllegalOperation, ErrorReason.RotateSlotsAlias);
        }
        if (source != dest && !_slots[dest].Cap.IsNull)
        {
            return KernelResult.Fail(KernelError.DeleteFirst, ErrorReason.DestinationSlotOccupied);
        }
        if (_slots[source].Cap.IsNull)
        {
            return KernelResult.FailedLookup(ErrorReason.SourceSlotEmpty, LookupFault.MissingCapability(srcDepth), true);
        }
        if (_slots[pivot].Cap.IsNull)
        {
            return KernelResult.FailedLookup(ErrorReason.PivotSlotEmpty, LookupFault.MissingCapability(pivotDepth), false);
        }
        result = UpdateCapData(true, pivotData, _slots[source].Cap, out Capability newSrcCap);
        if (!result.IsOk) return result;
        result = UpdateCapData(true, destData, _slots[pivot].Cap, out Capability newPivotCap);
        if (!result.IsOk) return result;
        if (source == dest)
        {
            SwapSlots(source, newSrcCap, pivot, newPivotCap);
        }
        else
        {
            MoveSlot(pivot, dest, newPivotCap);
            MoveSlot(source, pivot, newSrcCap);
        }
        return KernelResult.Ok();
    }

    /// <summary>Deletes one capability; if it was the last one to its object, destroys the object.
    /// Deleting an empty slot succeeds, as in seL4.</summary>
    public KernelResult CNodeDelete(in Capability service, ulong index, int depth)
    {
        KernelResult result = LookupDest(service, index, depth, out uint slot);
        if (!result.IsOk) return result;
        DeleteSlot(slot);
        return KernelResult.Ok();
    }

    /// <summary>Deletes every capability derived from the one named; keeps that one.</summary>
    public KernelResult CNodeRevoke(in Capability service, ulong index, int depth)
    {
        KernelResult result = LookupDest(service, index, depth, out uint slot);
        if (!result.IsOk) return result;
        RevokeSlot(slot);
        return KernelResult.Ok();
    }

    /// <summary>
    /// seL4 CNode_CancelBadgedSends (decodeCNodeInvocation in src/object/cnode.c, invokeCNodeCancelBadgedSends):
    /// the slot must hold an endpoint capability with every right (hasCancelSendRights in src/object/objecttype.c),
    /// else IllegalOperation; if it is badged, every thread blocked sending with that badge leaves the queue
    /// (cancelBadgedSends in src/object/endpoint.c). An unbadged capability cancels nothing.
    /// </summary>
    public KernelResult CNodeCancelBadgedSends(in Capability service, ulong index, int depth)
    {
        KernelResult result = LookupDest(service, index, depth, out uint slot);
        if (!result.IsOk) return result;
        Capability target = _slots[slot].Cap;
        if (target.Type != CapType.Endpoint || target.Rights != CapRights.All)
        {
            return KernelResult.Fail(KernelError.IllegalOperation, ErrorReason.CancelSendRightsMissing);
        }
        if (target.Badge != 0) CancelBadgedSends(target.Object, target.Badge);
        return KernelResult.Ok();
    }

    private KernelResult LookupDest(in Capability service, ulong index, int depth, out uint dest)
    {
        dest = CapSlot.None;
        if (service.Type != CapType.CNode)
        {
            return KernelResult.InvalidCapability(ErrorReason.ServiceNotCNode, 0);
        }
        return LookupSlot(service, index, depth, false, out dest);
    }

    /// <summary>The shared front of Copy, Mint, Move and Mutate: an empty destination, a full source.</summary>
    private KernelResult LookupDestAndSource(in Capability service, ulong destIndex, int destDepth,
        in Capability srcRoot, ulong srcIndex, int srcDepth, out uint dest, out uint source)
    {
        source = CapSlot.None;
        KernelResult result = LookupDest(service, destIndex, destDepth, out dest);
        if (!result.IsOk) return result;
        if (!_slots[dest].Cap.IsNull)
        {
            return KernelResult.Fail(KernelError.DeleteFirst, ErrorReason.DestinationSlotOccupied);
        }
        result = LookupSlot(srcRoot, srcIndex, srcDepth, true, out source);
        if (!result.IsOk) return result;
        if (_slots[source].Cap.IsNull)
        {
            return KernelResult.FailedLookup(ErrorReason.SourceSlotEmpty, LookupFault.MissingCapability(srcDepth), true);
        }
        return KernelResult.Ok();
    }
}
