namespace Kaal.Model;

/// <summary>
/// An object-table entry. <see cref="Kind"/> is <see cref="CapType.Null"/> while the entry is free.
/// Objects carved from untyped memory have a physical range; IRQ handlers have none.
/// </summary>
public struct KernelObject
{
    public CapType Kind;
    public uint Generation;
    public ulong PhysAddr;
    public byte SizeBits;
    public bool IsDevice;
    /// <summary>How many capabilities name this object; the last one deleted destroys it.</summary>
    public uint CapCount;
    /// <summary>CNode: log2 of its slot count, and where its slots start in the slot pool.</summary>
    public byte Radix;
    public uint SlotBase;
    /// <summary>IRQ handler: the interrupt it stands for.</summary>
    public uint Irq;
    /// <summary>Free entries form a LIFO list through this field.</summary>
    public uint NextFree;

    public bool HasMemory => Kind != CapType.IrqHandler && Kind != CapType.Null;

    public ulong SizeBytes => 1UL << SizeBits;

    public ulong EndAddr => PhysAddr + SizeBytes;
}
