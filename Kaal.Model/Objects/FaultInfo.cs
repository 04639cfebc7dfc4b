namespace Kaal.Model;

/// <summary>Kinds of user fault; the number is the label of the fault message sent to a fault endpoint.</summary>
public enum FaultKind : byte
{
    None = 0,
    /// <summary>A syscall number the kernel does not know (seL4: UnknownSyscall).</summary>
    UnknownSyscall = 1,
    /// <summary>A data or instruction abort: no mapping, or a mapping without the right.</summary>
    VmFault = 2,
    /// <summary>Undefined instruction, alignment fault, anything else the CPU reports (seL4: UserException).</summary>
    UserException = 3,
}

/// <summary>A user fault as the machine reported it (or the dispatcher found it).</summary>
public readonly struct FaultInfo
{
    public readonly FaultKind Kind;
    public readonly ulong ProgramCounter;
    /// <summary>The faulting address (VmFault) or the syscall number (UnknownSyscall).</summary>
    public readonly ulong Address;
    /// <summary>The CPU's syndrome (AArch64 ESR_EL1), 0 when the kernel raised the fault itself.</summary>
    public readonly ulong Syndrome;

    public FaultInfo(FaultKind kind, ulong programCounter, ulong address, ulong syndrome)
    {
        Kind = kind;
        ProgramCounter = programCounter;
        Address = address;
        Syndrome = syndrome;
    }
}
