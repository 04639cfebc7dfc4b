using System;
using System.Buffers.Binary;
using System.Text;

namespace Kaal.Sdk.Runtime;

/// <summary>
/// Where a spawned component finds things in its address space, and the binary layout of its arguments page.
/// The spawner writes the page and maps it read-only at <see cref="ArgsVirtAddr"/>; the component's start code
/// gets its address in x0. Plain little-endian words, so the same bytes are read on the host and on AArch64.
/// </summary>
public static class ArgsLayout
{
    public const ulong PageSizeBytes = 4096;
    public const ulong ArgsVirtAddr = 0x7000_0000;
    public const ulong IpcBufferVirtAddr = 0x7000_1000;
    public const ulong StackBaseVirtAddr = 0x7001_0000;
    public const int StackPages = 8;
    public const ulong StackTopVirtAddr = StackBaseVirtAddr + StackPages * PageSizeBytes;
    /// <summary>Device regions, one 1 MiB window each in manifest order.</summary>
    public const ulong DeviceWindowVirtAddr = 0x5000_0000;
    public const ulong DeviceWindowStrideBytes = 0x10_0000;
    /// <summary>system_init's loader images (Kaal.Components' LoaderImages): windows of <see cref="LoaderImageWindowBytes"/>
    /// each, up to the device windows.</summary>
    public const ulong LoaderImagesVirtAddr = 0x4000_0000;
    public const ulong LoaderImageWindowBytes = 0x0100_0000;
    /// <summary>Channel ring frames, one page each in manifest order.</summary>
    public const ulong ChannelWindowVirtAddr = 0x3000_0000;
    public const ulong RegistryVirtAddr = 0x6000_0000;
    /// <summary>The image store's pages (system_init only), read-only, with a zeroed read/write page below them (its
    /// runtime writes an array header there, so the store is read in place).</summary>
    public const ulong ImageStoreVirtAddr = 0x6400_0000;
    /// <summary>Where a spawner maps a frame it is filling for a child (its own address space).</summary>
    public const ulong ScratchVirtAddr = 0x6800_0000;
    /// <summary>The page system_init and timer_driver share: word 0 is the earliest backoff deadline (counter ticks).</summary>
    public const ulong WakePageVirtAddr = 0x6900_0000;
    /// <summary>The page system_init and the fs service share for the loader's reads (<see cref="FileSystem.LoaderWindow"/>).</summary>
    public const ulong LoaderWindowVirtAddr = 0x6A00_0000;
    /// <summary>A `process:reload` target's state page, read/write (<see cref="StatePage"/>).</summary>
    public const ulong StatePageVirtAddr = 0x6B00_0000;

    public const ulong Magic = 0x3147_5241_4C41_414B; // "KAALARG1"
    public const int HeaderBytes = 64;
    public const int EntryBytes = 64;
    public const int NameBytes = 24;
    public const int ComponentNameBytes = 32;
    public const int MaxEntries = (int)((PageSizeBytes - HeaderBytes) / EntryBytes);

    // Header: magic, entry count, instance (how many times the component was started before), priority, name.
    private const int CountOffset = 8;
    private const int InstanceOffset = 12;
    private const int PriorityOffset = 16;
    private const int ComponentNameOffset = 32;

    public static void WriteHeader(Span<byte> page, string componentName, uint entryCount, uint instance, uint priority)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(page, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(page.Slice(CountOffset), entryCount);
        BinaryPrimitives.WriteUInt32LittleEndian(page.Slice(InstanceOffset), instance);
        BinaryPrimitives.WriteUInt32LittleEndian(page.Slice(PriorityOffset), priority);
        WriteName(page.Slice(ComponentNameOffset, ComponentNameBytes), componentName);
    }

    public static void WriteEntry(Span<byte> page, int index, in ArgEntry entry)
    {
        Span<byte> at = page.Slice(HeaderBytes + index * EntryBytes, EntryBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(at, (uint)entry.Kind);
        BinaryPrimitives.WriteUInt32LittleEndian(at.Slice(4), entry.Role);
        WriteName(at.Slice(8, NameBytes), entry.Name);
        BinaryPrimitives.WriteUInt64LittleEndian(at.Slice(32), entry.Cptr);
        BinaryPrimitives.WriteUInt64LittleEndian(at.Slice(40), entry.A);
        BinaryPrimitives.WriteUInt64LittleEndian(at.Slice(48), entry.B);
        BinaryPrimitives.WriteUInt64LittleEndian(at.Slice(56), entry.C);
    }

    public static bool HasMagic(ReadOnlySpan<byte> page) => BinaryPrimitives.ReadUInt64LittleEndian(page) == Magic;

    public static uint EntryCount(ReadOnlySpan<byte> page) => BinaryPrimitives.ReadUInt32LittleEndian(page.Slice(CountOffset));

    public static uint Instance(ReadOnlySpan<byte> page) => BinaryPrimitives.ReadUInt32LittleEndian(page.Slice(InstanceOffset));

    public static uint Priority(ReadOnlySpan<byte> page) => BinaryPrimitives.ReadUInt32LittleEndian(page.Slice(PriorityOffset));

    public static string ComponentName(ReadOnlySpan<byte> page) => ReadName(page.Slice(ComponentNameOffset, ComponentNameBytes));

    public static ArgEntry ReadEntry(ReadOnlySpan<byte> page, int index)
    {
        ReadOnlySpan<byte> at = page.Slice(HeaderBytes + index * EntryBytes, EntryBytes);
        return new ArgEntry(
            (ArgKind)BinaryPrimitives.ReadUInt32LittleEndian(at),
            BinaryPrimitives.ReadUInt32LittleEndian(at.Slice(4)),
            ReadName(at.Slice(8, NameBytes)),
            BinaryPrimitives.ReadUInt64LittleEndian(at.Slice(32)),
            BinaryPrimitives.ReadUInt64LittleEndian(at.Slice(40)),
            BinaryPrimitives.ReadUInt64LittleEndian(at.Slice(48)),
            BinaryPrimitives.ReadUInt64LittleEndian(at.Slice(56)));
    }

    /// <summary>ASCII, zero-padded; a longer name is a spawner bug, so it fails loudly rather than truncating.</summary>
    public static void WriteName(Span<byte> field, string name)
    {
        if (name.Length > field.Length) throw new ArgumentException($"name '{name}' is longer than {field.Length} bytes", nameof(name));
        field.Clear();
        for (int index = 0; index < name.Length; index++)
        {
            char c = name[index];
            if (c > 0x7E || c < 0x20) throw new ArgumentException($"name '{name}' has a character outside printable ASCII", nameof(name));
            field[index] = (byte)c;
        }
    }

    public static string ReadName(ReadOnlySpan<byte> field)
    {
        int length = field.IndexOf((byte)0);
        return Encoding.ASCII.GetString(length < 0 ? field : field.Slice(0, length));
    }
}
