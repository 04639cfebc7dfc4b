namespace Kaal.Model;

/// <summary>
/// The outcome of a kernel operation: <see cref="KernelError.Ok"/> or an error with seL4's detail
/// (which argument, the allowed range, the lookup fault and whether it was the source, the bytes left).
/// A plain value: returning it allocates nothing.
/// </summary>
public readonly struct KernelResult
{
    public readonly KernelError Error;
    public readonly ErrorReason Reason;
    /// <summary>Zero-based position of the offending argument, for InvalidArgument / InvalidCapability.</summary>
    public readonly byte ArgumentPosition;
    public readonly bool FailedLookupWasSource;
    public readonly LookupFault Lookup;
    /// <summary>Allowed range for RangeError; bytes left in the untyped (in RangeMax) for NotEnoughMemory.</summary>
    public readonly ulong RangeMin;
    public readonly ulong RangeMax;

    private KernelResult(KernelError error, ErrorReason reason, int argumentPosition, bool wasSource,
        LookupFault lookup, ulong rangeMin, ulong rangeMax)
    {
        Error = error;
        Reason = reason;
        ArgumentPosition = (byte)argumentPosition;
        FailedLookupWasSource = wasSource;
        Lookup = lookup;
        RangeMin = rangeMin;
        RangeMax = rangeMax;
    }

    public bool IsOk => Error == KernelError.Ok;

    /// <summary>For NotEnoughMemory: how many bytes the untyped still had.</summary>
    public ulong MemoryLeftBytes => RangeMax;

    public static KernelResult Ok() => default;

    /// <summary>The same error with another argument position (the syscall layer's register numbering).</summary>
    public KernelResult WithArgumentPosition(int argumentPosition) =>
        new(Error, Reason, argumentPosition, FailedLookupWasSource, Lookup, RangeMin, RangeMax);

    public static KernelResult Fail(KernelError error, ErrorReason reason) =>
        new(error, reason, 0, false, default, 0, 0);

    public static KernelResult InvalidArgument(ErrorReason reason, int argumentPosition) =>
        new(KernelError.InvalidArgument, reason, argumentPosition, false, default, 0, 0);

    public static KernelResult InvalidCapability(ErrorReason reason, int argumentPosition) =>
        new(KernelError.InvalidCapability, reason, argumentPosition, false, default, 0, 0);

    public static KernelResult Range(ErrorReason reason, ulong min, ulong max) =>
        new(KernelError.RangeError, reason, 0, false, default, min, max);

    public static KernelResult FailedLookup(LookupFault fault, bool wasSource) =>
        new(KernelError.FailedLookup, ErrorReason.LookupFailed, 0, wasSource, fault, 0, 0);

    /// <summary>A capability argument of a syscall did not resolve: the fault and which argument.</summary>
    public static KernelResult FailedLookupOfArgument(LookupFault fault, int argumentPosition) =>
        new(KernelError.FailedLookup, ErrorReason.LookupFailed, argumentPosition, false, fault, 0, 0);

    public static KernelResult FailedLookup(ErrorReason reason, LookupFault fault, bool wasSource) =>
        new(KernelError.FailedLookup, reason, 0, wasSource, fault, 0, 0);

    public static KernelResult NotEnoughMemory(ErrorReason reason, ulong memoryLeftBytes) =>
        new(KernelError.NotEnoughMemory, reason, 0, false, default, 0, memoryLeftBytes);
}
