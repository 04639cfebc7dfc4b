using Kaal.Model;

namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// ESR_EL1 decoding (ARM ARM D17.2.37): the exception class, its name for diagnostics, and the user fault
/// the Model receives for an exception taken from EL0.
/// </summary>
internal static class ExceptionSyndrome
{
    internal const ulong ClassUnknown = 0x00;
    internal const ulong ClassFpAccessTrapped = 0x07;
    internal const ulong ClassSvc64 = 0x15;
    internal const ulong ClassInstructionAbortLowerEl = 0x20;
    internal const ulong ClassPcAlignment = 0x22;
    internal const ulong ClassDataAbortLowerEl = 0x24;
    internal const ulong ClassSpAlignment = 0x26;

    /// <summary>Data abort ISS: FAR_EL1 does not hold the address (FnV), and the fault status code.</summary>
    private const ulong FarNotValid = 1UL << 10;
    private const ulong FaultStatusMask = 0x3F;
    private const ulong FaultStatusAlignment = 0x21;

    internal static ulong ExceptionClass(ulong syndrome) => syndrome >> 26 & 0x3F;

    /// <summary>
    /// What an EL0 exception (other than SVC) means to the Model: a translation, access-flag or permission
    /// abort is a VmFault at the faulting address; an alignment fault (data, PC or SP), an undefined or
    /// trapped instruction, BRK and the rest are a UserException. The syndrome always goes along.
    /// </summary>
    internal static FaultInfo UserFault(ulong syndrome, ulong faultAddress, ulong programCounter)
    {
        ulong exceptionClass = ExceptionClass(syndrome);
        if (exceptionClass == ClassDataAbortLowerEl)
        {
            ulong address = (syndrome & FarNotValid) != 0 ? 0 : faultAddress;
            FaultKind kind = (syndrome & FaultStatusMask) == FaultStatusAlignment ? FaultKind.UserException : FaultKind.VmFault;
            return new FaultInfo(kind, programCounter, address, syndrome);
        }
        if (exceptionClass == ClassInstructionAbortLowerEl)
        {
            return new FaultInfo(FaultKind.VmFault, programCounter, faultAddress, syndrome);
        }
        ulong userAddress = exceptionClass == ClassPcAlignment ? faultAddress : 0;
        return new FaultInfo(FaultKind.UserException, programCounter, userAddress, syndrome);
    }

    /// <summary>The exception classes the kernel can plausibly meet.</summary>
    internal static string ClassName(ulong exceptionClass) => exceptionClass switch
    {
        ClassUnknown => "unknown reason (undefined instruction)",
        0x01 => "WFI/WFE trapped",
        ClassFpAccessTrapped => "FP/SIMD access trapped",
        0x0E => "illegal execution state",
        ClassSvc64 => "SVC from AArch64",
        0x16 => "HVC from AArch64",
        0x18 => "MSR/MRS trapped",
        ClassInstructionAbortLowerEl => "instruction abort from a lower EL",
        0x21 => "instruction abort, same EL",
        ClassPcAlignment => "PC alignment fault",
        ClassDataAbortLowerEl => "data abort from a lower EL",
        0x25 => "data abort, same EL",
        ClassSpAlignment => "SP alignment fault",
        0x2F => "SError",
        0x3C => "BRK instruction",
        _ => "other",
    };
}
