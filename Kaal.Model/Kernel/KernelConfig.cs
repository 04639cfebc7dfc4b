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

    public static KernelConfig Default() => new()
    {
        ObjectCapacity = 4096,
        SlotPoolOrder = 14,
        RootCNodeRadix = 12,
        IrqCount = 256,
    };
}
