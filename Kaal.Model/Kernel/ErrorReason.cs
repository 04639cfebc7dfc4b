namespace Kaal.Model;

/// <summary>
/// Why an operation failed: the equivalent of seL4's <c>userError</c> text, as a number so the
/// portable core needs no strings. Host tools turn it into a sentence.
/// </summary>
public enum ErrorReason : byte
{
    None = 0,
    ServiceNotCNode,
    ServiceNotUntyped,
    ServiceNotIrqControl,
    DepthOutOfRange,
    LookupFailed,
    SourceSlotEmpty,
    PivotSlotEmpty,
    DestinationSlotOccupied,
    CapabilityNotDerivable,
    UntypedHasChildren,
    BadgeAlreadySet,
    GuardTooLarge,
    RotateSlotsAlias,
    InvalidObjectType,
    ObjectSizeOutOfRange,
    CNodeRadixZero,
    UntypedTooSmall,
    FanOutOutOfRange,
    DestinationOffsetOutOfRange,
    DestinationWindowOutOfRange,
    DestinationNotCNode,
    DeviceMemoryNotFrameOrUntyped,
    UntypedExhausted,
    ObjectTableFull,
    SlotPoolFull,
    IrqOutOfRange,
    IrqAlreadyHandled,
}
