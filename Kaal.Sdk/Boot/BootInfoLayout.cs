namespace Kaal.Sdk.Boot;

/// <summary>
/// The page the AArch64 kernel writes for the root task at boot (seL4's BootInfo frame): what
/// <see cref="BootDescription"/> holds, as little-endian words, mapped read-only at <see cref="VirtAddr"/> with
/// its address in the root task's x0. Constants only, so the kernel compiles this file as it is and writes the
/// page with plain stores; <see cref="BootInfoPage"/> reads and writes it with bounds checks.
/// </summary>
public static class BootInfoLayout
{
    public const ulong PageSizeBytes = 4096;
    /// <summary>The same address a component's arguments page has: a start routine tells the two apart by magic.</summary>
    public const ulong VirtAddr = 0x7000_0000;
    /// <summary>Where the registry the kernel image was built with is mapped read-only (the address components
    /// also see it at).</summary>
    public const ulong RegistryVirtAddr = 0x6000_0000;
    /// <summary>A zeroed read/write page just below the registry: the EL0 runtime writes an array header at its end,
    /// so the registry's pages are read in place as a byte[] (<c>Sys.MappedBytes</c>), never copied.</summary>
    public const ulong RegistryHeaderPageVirtAddr = RegistryVirtAddr - PageSizeBytes;
    /// <summary>Where the image store (docs/hot-reload.md) is mapped read-only when the system has one, with a zeroed
    /// read/write page below it for the array header, as for the registry (the address system_init also sees it at).</summary>
    public const ulong ImageStoreVirtAddr = 0x6400_0000;

    public const ulong Magic = 0x3154_4F4F_424C_414B; // "KALBOOT1"

    public const int VersionOffset = 8;
    public const int UntypedCountOffset = 12;
    public const int RootCNodeCptrOffset = 16;
    public const int RootCNodeDepthOffset = 24;
    public const int RootCNodeSlotCountOffset = 32;
    public const int FirstEmptySlotOffset = 40;
    public const int IrqControlCptrOffset = 48;
    public const int RegistryVirtAddrOffset = 56;
    public const int RegistrySizeBytesOffset = 64;
    /// <summary>The cptr of the first of the registry's frames (the kernel made one per page, in consecutive slots):
    /// the root task maps copies of them into system_init, so the registry is shared, not copied.</summary>
    public const int RegistryFirstFrameCptrOffset = 72;
    /// <summary>The image store's address and size in bytes; both 0 when the system has none.</summary>
    public const int ImageStoreVirtAddrOffset = 80;
    public const int ImageStoreSizeBytesOffset = 88;
    public const int HeaderBytes = 128;

    /// <summary>Each untyped: capability pointer, physical address, size in bits, 1 if device memory.</summary>
    public const int UntypedCptrOffset = 0;
    public const int UntypedPhysAddrOffset = 8;
    public const int UntypedSizeBitsOffset = 16;
    public const int UntypedIsDeviceOffset = 24;
    public const int UntypedEntryBytes = 32;
    public const int MaxUntypeds = (int)((PageSizeBytes - HeaderBytes) / UntypedEntryBytes);

    /// <summary>3: the image store fields.</summary>
    public const uint Version = 3;
}
