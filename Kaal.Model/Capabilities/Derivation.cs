namespace Kaal.Model;

/// <summary>
/// seL4's per-type rules for making one capability from another: deriveCap, updateCapData,
/// isCapRevocable and cteInsert. Rights are masked (never added), badges are set once, guards must fit.
/// </summary>
public sealed partial class Kernel
{
    /// <summary>seL4 deriveCap: Reply and IrqControl capabilities cannot be derived; an Untyped
    /// capability can be copied only while nothing has been retyped from it; a Frame capability's copy
    /// starts unmapped (the mapping belongs to the capability it was made on).</summary>
    private KernelResult DeriveCap(uint sourceSlot, in Capability cap, out Capability derived)
    {
        derived = cap;
        switch (cap.Type)
        {
            case CapType.Untyped:
                if (_slots[sourceSlot].FirstChild != CapSlot.None)
                {
                    derived = Capability.Null();
                    return KernelResult.Fail(KernelError.RevokeFirst, ErrorReason.UntypedHasChildren);
                }
                return KernelResult.Ok();
            case CapType.Frame:
                derived = cap.WithData(0, 0);
                return KernelResult.Ok();
            case CapType.Reply:
            case CapType.IrqControl:
                derived = Capability.Null();
                return KernelResult.Fail(KernelError.IllegalOperation, ErrorReason.CapabilityNotDerivable);
            default:
                return KernelResult.Ok();
        }
    }

    /// <summary>
    /// seL4 updateCapData. Mint (preserve = false) may badge an unbadged endpoint or notification;
    /// Mutate and Rotate (preserve = true) may not touch badges at all. A CNode capability takes the new
    /// guard when guard size + radix fits in a word. Other types ignore the data.
    /// Returns IllegalOperation where seL4 would produce a null capability.
    /// </summary>
    private KernelResult UpdateCapData(bool preserve, ulong data, in Capability cap, out Capability updated)
    {
        updated = cap;
        switch (cap.Type)
        {
            case CapType.Endpoint:
            case CapType.Notification:
                if (preserve || cap.Data != 0)
                {
                    updated = Capability.Null();
                    return KernelResult.Fail(KernelError.IllegalOperation, ErrorReason.BadgeAlreadySet);
                }
                updated = cap.WithData(data, 0);
                return KernelResult.Ok();
            case CapType.CNode:
                int guardSizeBits = CapData.GuardSizeBits(data);
                int radix = _objects.Get(cap.Object).Radix;
                if (guardSizeBits + radix > ObjectSizes.WordBits)
                {
                    updated = Capability.Null();
                    return KernelResult.Fail(KernelError.IllegalOperation, ErrorReason.GuardTooLarge);
                }
                updated = cap.WithData(CapData.Guard(data) & Mask(guardSizeBits), guardSizeBits);
                return KernelResult.Ok();
            default:
                return KernelResult.Ok();
        }
    }

    /// <summary>seL4 isCapRevocable: whether the new capability starts a level of its own in the tree.</summary>
    private static bool IsCapRevocable(in Capability derived, in Capability source)
    {
        switch (derived.Type)
        {
            case CapType.Endpoint:
            case CapType.Notification:
                return derived.Data != source.Data;
            case CapType.IrqHandler:
                return source.Type == CapType.IrqControl;
            case CapType.Untyped:
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// seL4 cteInsert: stores a capability derived from the one in <paramref name="source"/> into the
    /// empty <paramref name="dest"/>. Copying an Untyped capability marks the source full, so the two
    /// capabilities can never hand out the same memory twice.
    /// </summary>
    private void InsertDerived(uint source, uint dest, in Capability derived)
    {
        Capability sourceCap = _slots[source].Cap;
        bool isOriginal = IsCapRevocable(derived, sourceCap);
        InsertCap(dest, derived, DerivationParent(source), isOriginal);
        if (sourceCap.Type == CapType.Untyped && derived.Type == CapType.Untyped)
        {
            ulong fullBytes = _objects.Get(sourceCap.Object).SizeBytes;
            _slots[source].Cap = sourceCap.WithFreeIndex(fullBytes);
        }
    }
}
