namespace Kaal.Model;

/// <summary>
/// The fixed capacities every kernel table is sized with at boot. Running out of one is an error code
/// (NotEnoughMemory with a reason), never a crash and never a hidden allocation.
/// </summary>
public struct KernelConfig
{
    /// <summary>Entries in the object table: every live kernel object needs one.</summary>
    public uint ObjectCapacity;
    /// <summary>log2 of the number of CNode slots in the whole kernel.</summary>
    public int SlotPoolOrder;
    /// <summary>log2 of the root CNode's slot count.</summary>
    public int RootCNodeRadix;
    /// <summary>Interrupt lines 0 .. IrqCount-1 can have handlers.</summary>
    public uint IrqCount;
    /// <summary>Entries in the thread table (registers, scheduling and IPC state): every TCB needs one.
    /// Zero is legal: then no TCB can be created.</summary>
    public uint ThreadCapacity;
    /// <summary>Cores under the big kernel lock, 1..<see cref="MaxCores"/>; 0 means 1.</summary>
    public int CoreCount;
    /// <summary>Timer ticks a thread runs before round-robin moves on; 0 means seL4's 5.</summary>
    public uint TimesliceTicks;
    /// <summary>Records in the mapping table: every frame mapped into a VSpace needs one, and an unmapped
    /// one keeps it until the kernel exits and tells the machine. Zero is legal: then nothing can be mapped.</summary>
    public uint MappingCapacity;
    /// <summary>Every syscall takes the general path: the fast paths (FastPath.cs) are off. The state after
    /// each syscall is the same either way (the differential tests compare them), so this is not part of
    /// <see cref="Kernel.StateHash"/> and snapshots copy between kernels that differ only here.</summary>
    public bool SlowPathOnly;

    public const int MaxCores = 8;
    public const uint DefaultTimesliceTicks = 5;

    public readonly int EffectiveCoreCount => CoreCount == 0 ? 1 : CoreCount;

    public readonly uint EffectiveTimesliceTicks => TimesliceTicks == 0 ? DefaultTimesliceTicks : TimesliceTicks;

    public static KernelConfig Default() => new()
    {
        ObjectCapacity = 4096,
        SlotPoolOrder = 14,
        RootCNodeRadix = 12,
        IrqCount = 256,
        ThreadCapacity = 256,
        CoreCount = 1,
        TimesliceTicks = DefaultTimesliceTicks,
        MappingCapacity = 4096,
    };
}
