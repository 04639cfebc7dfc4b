namespace Kaal.Model;

/// <summary>
/// Where boot put things in the root CNode, following seL4's fixed slots: 0 is null, 2 the root CNode
/// itself, 4 IrqControl; untyped capabilities fill a contiguous range after them.
/// Slots 1 (the root thread's TCB) and 3 (its VSpace) are filled by <see cref="Kernel.CreateRootThread"/>.
/// </summary>
public struct BootInfo
{
    public const uint NullSlot = 0;
    public const uint InitialThreadSlot = 1;
    public const uint RootCNodeSlot = 2;
    public const uint InitialVSpaceSlot = 3;
    public const uint IrqControlSlot = 4;
    public const uint FirstUntypedSlot = 16;

    public uint UntypedCount;
    /// <summary>First slot after the untyped capabilities: from here on the root CNode is empty.</summary>
    public uint FirstEmptySlot;
    public uint RootCNodeSlotCount;
    /// <summary>The root task's thread-table entry, once <see cref="Kernel.CreateRootThread"/> made it.</summary>
    public uint RootThread;
}
