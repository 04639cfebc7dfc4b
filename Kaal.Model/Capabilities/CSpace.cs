namespace Kaal.Model;

/// <summary>The result of resolving a capability address: a slot, or a lookup fault.</summary>
public readonly struct SlotLookup
{
    public readonly uint Slot;
    /// <summary>Address bits not yet translated when resolution stopped at a non-CNode capability.</summary>
    public readonly byte BitsRemaining;
    public readonly LookupFault Fault;

    public SlotLookup(uint slot, int bitsRemaining, LookupFault fault)
    {
        Slot = slot;
        BitsRemaining = (byte)bitsRemaining;
        Fault = fault;
    }

    public bool IsOk => Fault.Kind == LookupFaultKind.None;
}

/// <summary>CSpace addressing exactly as seL4's resolveAddressBits and lookupSlotForCNodeOp.</summary>
public sealed partial class Kernel
{
    /// <summary>
    /// Translates the top <paramref name="depthBits"/> bits of <paramref name="cptr"/> starting at the
    /// CNode <paramref name="root"/>: at each level the guard must match, then radix bits pick a slot;
    /// translation goes on while bits remain and the slot holds a CNode capability.
    /// </summary>
    public SlotLookup ResolveAddressBits(in Capability root, ulong cptr, int depthBits)
    {
        if (root.Type != CapType.CNode || !_objects.IsLive(root.Object))
        {
            return new SlotLookup(CapSlot.None, depthBits, LookupFault.InvalidRoot());
        }
        Capability node = root;
        int bitsLeft = depthBits;
        // Every level translates at least one bit (radix >= 1), so 64 levels bound the walk.
        for (int level = 0; level <= ObjectSizes.WordBits; level++)
        {
            ref KernelObject cnode = ref _objects.Get(node.Object);
            int radixBits = cnode.Radix;
            int guardBits = node.GuardSizeBits;
            int levelBits = radixBits + guardBits;
            KernelAssert.That(radixBits >= 1 && levelBits <= ObjectSizes.WordBits, AssertionSite.BoundExceeded, (ulong)levelBits);
            ulong guard = (cptr >> ((bitsLeft - guardBits) & (ObjectSizes.WordBits - 1))) & Mask(guardBits);
            if (guardBits > bitsLeft || guard != node.Guard)
            {
                return new SlotLookup(CapSlot.None, bitsLeft, LookupFault.GuardMismatch(bitsLeft, node.Guard, guardBits));
            }
            if (levelBits > bitsLeft)
            {
                return new SlotLookup(CapSlot.None, bitsLeft, LookupFault.DepthMismatch(bitsLeft, levelBits));
            }
            ulong offset = (cptr >> (bitsLeft - levelBits)) & Mask(radixBits);
            uint slot = cnode.SlotBase + (uint)offset;
            if (bitsLeft <= levelBits)
            {
                return new SlotLookup(slot, 0, default);
            }
            bitsLeft -= levelBits;
            node = _slots[slot].Cap;
            if (node.Type != CapType.CNode)
            {
                return new SlotLookup(slot, bitsLeft, default);
            }
        }
        KernelAssert.Fail(AssertionSite.BoundExceeded, cptr);
        return default;
    }

    /// <summary>
    /// Names a slot for a CNode operation: the whole depth must be translated (no bits left over), and
    /// the depth must lie in 1..64. This is how every CNode and Untyped invocation finds its slots.
    /// </summary>
    public KernelResult LookupSlot(in Capability root, ulong cptr, int depthBits, bool isSource, out uint slot)
    {
        slot = CapSlot.None;
        if (root.Type != CapType.CNode || !_objects.IsLive(root.Object))
        {
            return KernelResult.FailedLookup(LookupFault.InvalidRoot(), isSource);
        }
        if (depthBits < 1 || depthBits > ObjectSizes.WordBits)
        {
            return KernelResult.Range(ErrorReason.DepthOutOfRange, 1, ObjectSizes.WordBits);
        }
        SlotLookup lookup = ResolveAddressBits(root, cptr, depthBits);
        if (!lookup.IsOk)
        {
            return KernelResult.FailedLookup(lookup.Fault, isSource);
        }
        if (lookup.BitsRemaining != 0)
        {
            return KernelResult.FailedLookup(LookupFault.DepthMismatch(lookup.BitsRemaining, 0), isSource);
        }
        slot = lookup.Slot;
        return KernelResult.Ok();
    }
}
