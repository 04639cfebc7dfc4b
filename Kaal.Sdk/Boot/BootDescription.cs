namespace Kaal.Sdk.Boot;

/// <summary>One untyped capability the kernel handed the root task at boot.</summary>
public readonly record struct BootUntyped(ulong Cptr, ulong PhysAddr, int SizeBits, bool IsDevice);

/// <summary>
/// What the root task learns from the kernel at boot (seL4's BootInfo): its CNode, the first empty slot, the
/// untyped capabilities with their physical ranges, the registry the image was built with and the frames it lies in
/// (one per page, in consecutive slots from <paramref name="RegistryFirstFrameCptr"/>, as the root task holds them),
/// and the image store.
/// </summary>
public sealed record BootDescription(ulong RootCNodeCptr, ulong RootCNodeDepth, int RootCNodeSlotCount, int FirstEmptySlot,
    ulong IrqControlCptr, BootUntyped[] Untypeds, byte[] Registry, ulong RegistryFirstFrameCptr)
{
    /// <summary>The read-only image store new component versions are loaded from (docs/hot-reload.md); empty: none.</summary>
    public byte[] ImageStore { get; init; } = System.Array.Empty<byte>();

    /// <summary>How many frames the registry occupies (whole pages).</summary>
    public int RegistryFrameCount => (int)(((ulong)Registry.Length + BootInfoLayout.PageSizeBytes - 1) / BootInfoLayout.PageSizeBytes);
}
