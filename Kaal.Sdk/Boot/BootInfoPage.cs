using System;
using System.Buffers.Binary;

namespace Kaal.Sdk.Boot;

/// <summary>Reads and writes the boot information page (<see cref="BootInfoLayout"/>). Reading checks every field
/// against the page and the registry it names, so a kernel/root-task mismatch is a clear message, not a wild read.</summary>
public static class BootInfoPage
{
    public static bool HasMagic(ReadOnlySpan<byte> page) =>
        page.Length >= 8 && BinaryPrimitives.ReadUInt64LittleEndian(page) == BootInfoLayout.Magic;

    /// <summary>Writes <paramref name="boot"/> into <paramref name="page"/>; the registry itself lives at
    /// <paramref name="registryVirtAddr"/>, which the page records, and the image store (if any) at
    /// <see cref="BootInfoLayout.ImageStoreVirtAddr"/>.</summary>
    public static void Write(Span<byte> page, BootDescription boot, ulong registryVirtAddr)
    {
        if (page.Length < (int)BootInfoLayout.PageSizeBytes) throw new ArgumentException($"boot info page is {page.Length} bytes, needs {BootInfoLayout.PageSizeBytes}", nameof(page));
        if (boot.Untypeds.Length > BootInfoLayout.MaxUntypeds) throw new ArgumentException($"{boot.Untypeds.Length} untypeds do not fit the boot info page (at most {BootInfoLayout.MaxUntypeds})", nameof(boot));
        page.Slice(0, (int)BootInfoLayout.PageSizeBytes).Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(page, BootInfoLayout.Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(page.Slice(BootInfoLayout.VersionOffset), BootInfoLayout.Version);
        BinaryPrimitives.WriteUInt32LittleEndian(page.Slice(BootInfoLayout.UntypedCountOffset), (uint)boot.Untypeds.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(page.Slice(BootInfoLayout.RootCNodeCptrOffset), boot.RootCNodeCptr);
        BinaryPrimitives.WriteUInt64LittleEndian(page.Slice(BootInfoLayout.RootCNodeDepthOffset), boot.RootCNodeDepth);
        BinaryPrimitives.WriteUInt64LittleEndian(page.Slice(BootInfoLayout.RootCNodeSlotCountOffset), (ulong)boot.RootCNodeSlotCount);
        BinaryPrimitives.WriteUInt64LittleEndian(page.Slice(BootInfoLayout.FirstEmptySlotOffset), (ulong)boot.FirstEmptySlot);
        BinaryPrimitives.WriteUInt64LittleEndian(page.Slice(BootInfoLayout.IrqControlCptrOffset), boot.IrqControlCptr);
        BinaryPrimitives.WriteUInt64LittleEndian(page.Slice(BootInfoLayout.RegistryVirtAddrOffset), registryVirtAddr);
        BinaryPrimitives.WriteUInt64LittleEndian(page.Slice(BootInfoLayout.RegistrySizeBytesOffset), (ulong)boot.Registry.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(page.Slice(BootInfoLayout.RegistryFirstFrameCptrOffset), boot.RegistryFirstFrameCptr);
        if (boot.ImageStore.Length > 0)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(page.Slice(BootInfoLayout.ImageStoreVirtAddrOffset), BootInfoLayout.ImageStoreVirtAddr);
            BinaryPrimitives.WriteUInt64LittleEndian(page.Slice(BootInfoLayout.ImageStoreSizeBytesOffset), (ulong)boot.ImageStore.Length);
        }
        for (int index = 0; index < boot.Untypeds.Length; index++)
        {
            Span<byte> at = page.Slice(BootInfoLayout.HeaderBytes + index * BootInfoLayout.UntypedEntryBytes, BootInfoLayout.UntypedEntryBytes);
            BootUntyped untyped = boot.Untypeds[index];
            BinaryPrimitives.WriteUInt64LittleEndian(at.Slice(BootInfoLayout.UntypedCptrOffset), untyped.Cptr);
            BinaryPrimitives.WriteUInt64LittleEndian(at.Slice(BootInfoLayout.UntypedPhysAddrOffset), untyped.PhysAddr);
            BinaryPrimitives.WriteUInt64LittleEndian(at.Slice(BootInfoLayout.UntypedSizeBitsOffset), (ulong)untyped.SizeBits);
            BinaryPrimitives.WriteUInt64LittleEndian(at.Slice(BootInfoLayout.UntypedIsDeviceOffset), untyped.IsDevice ? 1UL : 0UL);
        }
    }

    /// <summary>The registry's address and size as the page records them (the caller maps and copies it).</summary>
    public static (ulong VirtAddr, ulong SizeBytes) RegistryOf(ReadOnlySpan<byte> page) =>
        (BinaryPrimitives.ReadUInt64LittleEndian(page.Slice(BootInfoLayout.RegistryVirtAddrOffset)),
         BinaryPrimitives.ReadUInt64LittleEndian(page.Slice(BootInfoLayout.RegistrySizeBytesOffset)));

    /// <summary>The image store's address and size as the page records them (both 0: none).</summary>
    public static (ulong VirtAddr, ulong SizeBytes) ImageStoreOf(ReadOnlySpan<byte> page) =>
        (BinaryPrimitives.ReadUInt64LittleEndian(page.Slice(BootInfoLayout.ImageStoreVirtAddrOffset)),
         BinaryPrimitives.ReadUInt64LittleEndian(page.Slice(BootInfoLayout.ImageStoreSizeBytesOffset)));

    /// <summary>The boot description in <paramref name="page"/> with <paramref name="registry"/> (the bytes at
    /// <see cref="RegistryOf"/>) and <paramref name="imageStore"/> (the bytes at <see cref="ImageStoreOf"/>; empty for
    /// none), or null and the reason.</summary>
    public static BootDescription? Read(ReadOnlySpan<byte> page, byte[] registry, byte[] imageStore, out string? error)
    {
        error = null;
        if (page.Length < (int)BootInfoLayout.PageSizeBytes) { error = $"boot info page is {page.Length} bytes, needs {BootInfoLayout.PageSizeBytes}"; return null; }
        if (!HasMagic(page)) { error = $"boot info page has magic 0x{BinaryPrimitives.ReadUInt64LittleEndian(page):X16}, expected 0x{BootInfoLayout.Magic:X16}"; return null; }
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(page.Slice(BootInfoLayout.VersionOffset));
        if (version != BootInfoLayout.Version) { error = $"boot info page version {version}, this root task reads {BootInfoLayout.Version}"; return null; }
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(page.Slice(BootInfoLayout.UntypedCountOffset));
        if (count > BootInfoLayout.MaxUntypeds) { error = $"boot info page lists {count} untypeds, at most {BootInfoLayout.MaxUntypeds} fit"; return null; }
        ulong registryBytes = RegistryOf(page).SizeBytes;
        if (registryBytes != (ulong)registry.Length) { error = $"boot info page says the registry is {registryBytes} bytes, {registry.Length} were given"; return null; }
        (ulong storeVirtAddr, ulong storeBytes) = ImageStoreOf(page);
        if (storeBytes != (ulong)imageStore.Length || (storeBytes > 0 && storeVirtAddr != BootInfoLayout.ImageStoreVirtAddr))
        {
            error = $"boot info page says the image store is {storeBytes} bytes at 0x{storeVirtAddr:X}, {imageStore.Length} were given (at 0x{BootInfoLayout.ImageStoreVirtAddr:X})";
            return null;
        }
        ulong slotCount = BinaryPrimitives.ReadUInt64LittleEndian(page.Slice(BootInfoLayout.RootCNodeSlotCountOffset));
        ulong firstEmpty = BinaryPrimitives.ReadUInt64LittleEndian(page.Slice(BootInfoLayout.FirstEmptySlotOffset));
        if (slotCount == 0 || slotCount > int.MaxValue || firstEmpty >= slotCount) { error = $"boot info page: first empty slot {firstEmpty} is not inside a CNode of {slotCount} slots"; return null; }
        ulong registryFrames = BinaryPrimitives.ReadUInt64LittleEndian(page.Slice(BootInfoLayout.RegistryFirstFrameCptrOffset));
        ulong registryPages = (registryBytes + BootInfoLayout.PageSizeBytes - 1) / BootInfoLayout.PageSizeBytes;
        if (registryFrames == 0 || registryFrames >= firstEmpty || registryPages > firstEmpty - registryFrames)
        {
            error = $"boot info page: the registry's {registryPages} frames from slot {registryFrames} are not below the first empty slot {firstEmpty}";
            return null;
        }
        var untypeds = new BootUntyped[count];
        for (int index = 0; index < untypeds.Length; index++)
        {
            ReadOnlySpan<byte> at = page.Slice(BootInfoLayout.HeaderBytes + index * BootInfoLayout.UntypedEntryBytes, BootInfoLayout.UntypedEntryBytes);
            ulong sizeBits = BinaryPrimitives.ReadUInt64LittleEndian(at.Slice(BootInfoLayout.UntypedSizeBitsOffset));
            if (sizeBits >= 64) { error = $"boot info page: untyped {index} has size 2^{sizeBits}"; return null; }
            untypeds[index] = new BootUntyped(
                BinaryPrimitives.ReadUInt64LittleEndian(at.Slice(BootInfoLayout.UntypedCptrOffset)),
                BinaryPrimitives.ReadUInt64LittleEndian(at.Slice(BootInfoLayout.UntypedPhysAddrOffset)),
                (int)sizeBits,
                BinaryPrimitives.ReadUInt64LittleEndian(at.Slice(BootInfoLayout.UntypedIsDeviceOffset)) != 0);
        }
        return new BootDescription(
            BinaryPrimitives.ReadUInt64LittleEndian(page.Slice(BootInfoLayout.RootCNodeCptrOffset)),
            BinaryPrimitives.ReadUInt64LittleEndian(page.Slice(BootInfoLayout.RootCNodeDepthOffset)),
            (int)slotCount, (int)firstEmpty,
            BinaryPrimitives.ReadUInt64LittleEndian(page.Slice(BootInfoLayout.IrqControlCptrOffset)),
            untypeds, registry, registryFrames) { ImageStore = imageStore };
    }
}
