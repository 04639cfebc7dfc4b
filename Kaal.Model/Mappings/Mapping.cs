namespace Kaal.Model;

/// <summary>
/// Where a mapping record is in its life. The machine learns of changes only when the kernel exits
/// (<see cref="Kernel.FlushMappingChanges"/>), so a record remembers what the machine still has to hear.
/// </summary>
public enum MappingState : byte
{
    /// <summary>On the table's free list.</summary>
    Free = 0,
    /// <summary>Live in the kernel's view; the machine has not been told yet.</summary>
    PendingMap = 1,
    /// <summary>Live, and the machine's page tables have it with these rights.</summary>
    Mapped = 2,
    /// <summary>Live with new rights; the machine still has the old ones (FrameRemap of a Mapped record).</summary>
    PendingRemap = 3,
    /// <summary>Gone from the kernel's view; the machine still has it. Freed by the next flush.</summary>
    PendingUnmap = 4,
}

/// <summary>
/// One mapping of a frame into a VSpace, owned by exactly one frame capability (seL4: the mapping is
/// part of the frame cap). The owning cap's <see cref="Capability.Data"/> is this record's index + 1.
/// Plain data; a record copies what the machine needs (physical address, size, device flag), so the
/// machine can be told of an unmap after the frame and the VSpace are gone.
/// </summary>
public struct Mapping
{
    public const uint None = uint.MaxValue;

    public MappingState State;
    public VmRights Rights;
    public byte SizeBits;
    public bool IsDevice;
    /// <summary>The slot-pool index of the frame capability that owns this mapping (live records only).</summary>
    public uint OwnerSlot;
    public ObjectRef VSpace;
    public ObjectRef Frame;
    public ulong VirtAddr;
    public ulong PhysAddr;
    /// <summary>Live records: the VSpace's list of its mappings. Free records: the free list (Next only).</summary>
    public uint Next;
    public uint Prev;

    public readonly bool IsLive =>
        State == MappingState.PendingMap || State == MappingState.Mapped || State == MappingState.PendingRemap;

    public readonly ulong SizeBytes => 1UL << SizeBits;

    public readonly ulong EndAddr => VirtAddr + SizeBytes;
}
