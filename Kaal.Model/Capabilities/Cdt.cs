namespace Kaal.Model;

/// <summary>
/// The capability derivation tree: linking a derived capability under its parent, splicing a deleted
/// one out (its children move up to its parent, as they do in seL4's MDB), and moving a capability
/// together with its place in the tree.
/// </summary>
public sealed partial class Kernel
{
    /// <summary>
    /// Where a capability derived from <paramref name="source"/> hangs: under the source when the source
    /// is an original (seL4: revocable), otherwise beside it, under the source's own parent. This is the
    /// explicit-tree form of seL4's isMDBParentOf, so copies of copies are siblings.
    /// </summary>
    private uint DerivationParent(uint source)
    {
        ref CapSlot slot = ref _slots[source];
        return slot.IsOriginal ? source : slot.Parent;
    }

    private void LinkChild(uint parent, uint child)
    {
        ref CapSlot parentSlot = ref _slots[parent];
        ref CapSlot childSlot = ref _slots[child];
        KernelAssert.That(parentSlot.IsOriginal && !parentSlot.Cap.IsNull, AssertionSite.CdtLinkCorrupt, parent);
        childSlot.Parent = parent;
        childSlot.PrevSibling = CapSlot.None;
        childSlot.NextSibling = parentSlot.FirstChild;
        if (parentSlot.FirstChild != CapSlot.None)
        {
            _slots[parentSlot.FirstChild].PrevSibling = child;
        }
        parentSlot.FirstChild = child;
    }

    private void UnlinkFromSiblings(uint slotIndex)
    {
        ref CapSlot slot = ref _slots[slotIndex];
        if (slot.PrevSibling != CapSlot.None)
        {
            _slots[slot.PrevSibling].NextSibling = slot.NextSibling;
        }
        else if (slot.Parent != CapSlot.None)
        {
            _slots[slot.Parent].FirstChild = slot.NextSibling;
        }
        if (slot.NextSibling != CapSlot.None)
        {
            _slots[slot.NextSibling].PrevSibling = slot.PrevSibling;
        }
        slot.Parent = CapSlot.None;
        slot.PrevSibling = CapSlot.None;
        slot.NextSibling = CapSlot.None;
    }

    /// <summary>Takes a slot out of the tree; its children become children of its parent.</summary>
    private void SpliceOut(uint slotIndex)
    {
        uint parent = _slots[slotIndex].Parent;
        UnlinkFromSiblings(slotIndex);
        uint child = _slots[slotIndex].FirstChild;
        for (uint step = 0; child != CapSlot.None; step++)
        {
            KernelAssert.That(step <= _slots.CapabilitySlotCount, AssertionSite.CdtLinkCorrupt, slotIndex);
            uint next = _slots[child].NextSibling;
            _slots[child].Parent = CapSlot.None;
            _slots[child].PrevSibling = CapSlot.None;
            _slots[child].NextSibling = CapSlot.None;
            if (parent != CapSlot.None)
            {
                LinkChild(parent, child);
            }
            child = next;
        }
        _slots[slotIndex].FirstChild = CapSlot.None;
    }

    /// <summary>
    /// Moves a capability and its place in the tree (parent, siblings, children) to an empty slot,
    /// optionally replacing its value (Mutate, Rotate). Costs O(children) to repoint their parent link.
    /// </summary>
    private void MoveSlot(uint source, uint dest, in Capability newCap)
    {
        KernelAssert.That(source != dest, AssertionSite.CdtLinkCorrupt, source);
        ref CapSlot from = ref _slots[source];
        ref CapSlot to = ref _slots[dest];
        KernelAssert.That(!from.Cap.IsNull, AssertionSite.SlotEmpty, source);
        KernelAssert.That(to.Cap.IsNull, AssertionSite.SlotNotEmpty, dest);
        to = from;
        to.Cap = newCap;
        from = CapSlot.Empty();
        // newCap may alias the source slot just emptied (Move passes the slot's own cap), so read the moved value.
        MappingOwnerMoved(to.Cap, dest);
        if (to.PrevSibling != CapSlot.None)
        {
            _slots[to.PrevSibling].NextSibling = dest;
        }
        else if (to.Parent != CapSlot.None)
        {
            _slots[to.Parent].FirstChild = dest;
        }
        if (to.NextSibling != CapSlot.None)
        {
            _slots[to.NextSibling].PrevSibling = dest;
        }
        uint child = to.FirstChild;
        for (uint step = 0; child != CapSlot.None; step++)
        {
            KernelAssert.That(step <= _slots.CapabilitySlotCount, AssertionSite.CdtLinkCorrupt, dest);
            _slots[child].Parent = dest;
            child = _slots[child].NextSibling;
        }
    }

    /// <summary>Exchanges two capabilities together with their places in the tree (seL4's cteSwap),
    /// through the scratch slot so that a parent and its own child can be swapped too.</summary>
    private void SwapSlots(uint first, in Capability firstNewCap, uint second, in Capability secondNewCap)
    {
        uint scratch = _slots.ScratchSlot;
        MoveSlot(first, scratch, firstNewCap);
        MoveSlot(second, first, secondNewCap);
        MoveSlot(scratch, second, _slots[scratch].Cap);
    }
}
