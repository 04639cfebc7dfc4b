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
    /// <summary>IRQ handler: the interrupt it stands for (the notification it signals is in the line's IRQ node slot).</summary>
    public uint Irq;
    /// <summary>TCB: its entry in the thread table.</summary>
    public uint Thread;
    /// <summary>Endpoint and notification: who waits, first to last, and for what.</summary>
    public WaitQueueKind QueueKind;
    public uint QueueHead;
    public uint QueueTail;
    /// <summary>Notification: the word signals OR into, and the thread it is bound to.</summary>
    public ulong Word;
    public uint BoundThread;
    /// <summary>VSpace: the first of its live mappings in the mapping table (<see cref="Mapping.None"/> if none).</summary>
    public uint FirstMapping;
    /// <summary>Free entries form a LIFO list through this field.</summary>
    public uint NextFree;

    public bool HasMemory => Kind != CapType.IrqHandler && Kind != CapType.Null;

    public ulong SizeBytes => 1UL << SizeBits;

    public ulong EndAddr => PhysAddr + SizeBytes;
}
