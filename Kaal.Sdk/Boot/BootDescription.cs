namespace Kaal.Sdk.Boot;

/// <summary>One untyped capability the kernel handed the root task at boot.</summary>
public readonly record struct BootUntyped(ulong Cptr, ulong PhysAddr, int SizeBits, bool IsDevice);

/// <summary>
/// What the root task learns from the kernel at boot (seL4's BootInfo): its CNode, the first empty slot, the
/// untyped capabilities with their physical ranges, the registry the image was built with, and the image store.
/// </summary>
public sealed record BootDescription(ulong RootCNodeCptr, ulong RootCNodeDepth, int RootCNodeSlotCount, int FirstEmptySlot,
    ulong IrqControlCptr, BootUntyped[] Untypeds, byte[] Registry)
{
    /// <summary>The read-only image store new component versions are loaded from (docs/hot-reload.md); empty: none.</summary>
    public byte[] ImageStore { get; init; } = System.Array.Empty<byte>();
}
