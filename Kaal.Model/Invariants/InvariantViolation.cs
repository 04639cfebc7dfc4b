namespace Kaal.Model;

public enum InvariantKind : byte
{
    None = 0,
    EmptySlotHasLinks,
    ParentLinkBroken,
    SiblingLinkBroken,
    ChildLinkBroken,
    DerivationCycle,
    ParentNotOriginal,
    NonOriginalHasChildren,
    RightsAmplified,
    BadgeChanged,
    ChildOutsideUntyped,
    ChildAboveWatermark,
    WatermarkOutOfRange,
    ObjectsOverlap,
    StaleCapability,
    CapCountWrong,
    UnreachableObject,
    ObjectFreeListBroken,
    SlotPoolAccountingWrong,
    CNodeSlotsOverlap,
    GuardTooLarge,
    IrqStateWrong,
    ScratchSlotInUse,
    MappingOwnerBroken,
    MappingRightsExceedCap,
    MappingsOverlap,
    MappingObjectDead,
    MappingMalformed,
    MappingListBroken,
    MappingFreeListBroken,
    MappingPendingLost,
    KernelOwnedSlotWrong,
    ReadyQueueBroken,
    ReadyThreadNotQueued,
    ReadyBitmapWrong,
    WaitQueueBroken,
    BlockedThreadNotQueued,
    CurrentThreadWrong,
    LowerPriorityRunning,
    RunningThreadNotCurrent,
    ThreadTcbLinkBroken,
    ReplyLinkBroken,
}

/// <summary>The first broken invariant the checker found, where it found it.</summary>
public readonly struct InvariantViolation
{
    public readonly InvariantKind Kind;
    public readonly uint Slot;
    public readonly uint Other;

    public InvariantViolation(InvariantKind kind, uint slot, uint other)
    {
        Kind = kind;
        Slot = slot;
        Other = other;
    }

    public bool IsNone => Kind == InvariantKind.None;
}
