using System;
using System.Buffers.Binary;
using System.Text;
using Kaal.Sdk.Discovery;
using Kaal.Sdk.Images;

namespace Kaal.Sim.Programs;

/// <summary>
/// The ELF image the simulator gives a component binary: a real AArch64 ELF64 executable (so system_init's ELF
/// reader and spawn helper do their whole job on it) whose text segment holds, at the entry point, a marker and
/// the binary's name instead of instructions, and whose data segment has a .bss tail to zero. When a thread
/// first runs, the simulator reads what is mapped at its pc: the marker says which C# component to run. A system's
/// images also carry the binary's metadata section, as the image build gives every component's ELF, so the loader's
/// checks before a spawn (<see cref="ComponentImage.Check"/>) run in the simulator exactly as on the CPU.
/// </summary>
public static class ProgramImage
{
    public const ulong TextVirtAddr = 0x20_0000;
    public const ulong DataVirtAddr = 0x20_1000;
    public const int MarkerBytes = 8;
    public const int NameBytes = 32;
    public const int IdentityBytes = MarkerBytes + NameBytes;
    private const ulong DataMemBytes = 0x2000;
    private const int HeaderBytes = 64;
    private const int ProgramHeaderBytes = 56;
    private const int TextFileOffset = 0x1000;
    private const int DataFileOffset = 0x2000;
    private static readonly byte[] Marker = Encoding.ASCII.GetBytes("KAALSIM1");
    private static readonly byte[] DataPattern = Encoding.ASCII.GetBytes("KAAL.DATA.INITED");

    /// <summary>The image of a discovered component: <see cref="Build(string)"/> with its metadata section.</summary>
    /// <exception cref="System.IO.InvalidDataException">the declaration does not fit the section (<see cref="ComponentMetadataWriter"/>).</exception>
    public static byte[] Build(DiscoveredComponent component) =>
        Build(component.Binary, ComponentMetadataLayout.SectionName, ComponentMetadataWriter.Write(component));

    /// <summary>An image for <paramref name="binary"/> without a metadata section (only the ELF rules apply to it).</summary>
    public static byte[] Build(string binary)
    {
        if (binary.Length > NameBytes) throw new ArgumentException($"binary name '{binary}' is longer than {NameBytes} bytes", nameof(binary));
        var image = new byte[DataFileOffset + DataPattern.Length];
        Span<byte> header = image;
        header[0] = 0x7F; header[1] = (byte)'E'; header[2] = (byte)'L'; header[3] = (byte)'F';
        header[4] = 2; header[5] = 1; header[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(16), 2);      // ET_EXEC
        BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(18), 183);    // EM_AARCH64
        BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(20), 1);
        BinaryPrimitives.WriteUInt64LittleEndian(header.Slice(24), TextVirtAddr);
        BinaryPrimitives.WriteUInt64LittleEndian(header.Slice(32), HeaderBytes);
        BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(52), HeaderBytes);
        BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(54), ProgramHeaderBytes);
        BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(56), 2);
        WriteLoad(image.AsSpan(HeaderBytes), flags: 5, TextFileOffset, TextVirtAddr, IdentityBytes, IdentityBytes);
        WriteLoad(image.AsSpan(HeaderBytes + ProgramHeaderBytes), flags: 6, DataFileOffset, DataVirtAddr, (ulong)DataPattern.Length, DataMemBytes);
        Marker.CopyTo(image, TextFileOffset);
        Encoding.ASCII.GetBytes(binary).CopyTo(image, TextFileOffset + MarkerBytes);
        DataPattern.CopyTo(image, DataFileOffset);
        return image;
    }

    /// <summary>
    /// <see cref="Build(string)"/> with a section header table and one section, <paramref name="sectionName"/>, holding
    /// <paramref name="section"/>: a component image with its metadata (`.kaal.component`, docs/component-images.md), which
    /// the loader reads with the checks it runs on the CPU. The section is not loaded; the program headers are unchanged.
    /// </summary>
    public static byte[] Build(string binary, string sectionName, ReadOnlySpan<byte> section)
    {
        byte[] code = Build(binary);
        byte[] names = Encoding.ASCII.GetBytes("\0.shstrtab\0" + sectionName + "\0");
        int sectionOffset = Align8(code.Length);
        int namesOffset = Align8(sectionOffset + section.Length);
        int headersOffset = Align8(namesOffset + names.Length);
        var image = new byte[headersOffset + 3 * SectionHeaderBytes];
        code.CopyTo(image, 0);
        section.CopyTo(image.AsSpan(sectionOffset));
        names.CopyTo(image, namesOffset);
        Span<byte> header = image;
        BinaryPrimitives.WriteUInt64LittleEndian(header.Slice(40), (ulong)headersOffset);
        BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(58), SectionHeaderBytes);
        BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(60), 3);
        BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(62), 1);
        WriteSection(image.AsSpan(headersOffset + SectionHeaderBytes), nameOffset: 1, type: 3, namesOffset, names.Length);
        WriteSection(image.AsSpan(headersOffset + 2 * SectionHeaderBytes), nameOffset: 11, type: 1, sectionOffset, section.Length);
        return image;
    }

    private const int SectionHeaderBytes = 64;

    private static int Align8(int offset) => (offset + 7) & ~7;

    private static void WriteSection(Span<byte> at, uint nameOffset, uint type, int fileOffset, int size)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(at, nameOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(at.Slice(4), type);
        BinaryPrimitives.WriteUInt64LittleEndian(at.Slice(24), (ulong)fileOffset);
        BinaryPrimitives.WriteUInt64LittleEndian(at.Slice(32), (ulong)size);
        BinaryPrimitives.WriteUInt64LittleEndian(at.Slice(48), 1);
    }

    /// <summary>The binary whose identity is in <paramref name="atEntry"/> (the bytes at a thread's pc), if any.</summary>
    public static string? Identify(ReadOnlySpan<byte> atEntry)
    {
        if (atEntry.Length < IdentityBytes || !atEntry.Slice(0, MarkerBytes).SequenceEqual(Marker)) return null;
        ReadOnlySpan<byte> name = atEntry.Slice(MarkerBytes, NameBytes);
        int length = name.IndexOf((byte)0);
        return Encoding.ASCII.GetString(length < 0 ? name : name.Slice(0, length));
    }

    private static void WriteLoad(Span<byte> at, uint flags, int fileOffset, ulong virtAddr, ulong fileBytes, ulong memBytes)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(at, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(at.Slice(4), flags);
        BinaryPrimitives.WriteUInt64LittleEndian(at.Slice(8), (ulong)fileOffset);
        BinaryPrimitives.WriteUInt64LittleEndian(at.Slice(16), virtAddr);
        BinaryPrimitives.WriteUInt64LittleEndian(at.Slice(24), virtAddr);
        BinaryPrimitives.WriteUInt64LittleEndian(at.Slice(32), fileBytes);
        BinaryPrimitives.WriteUInt64LittleEndian(at.Slice(40), memBytes);
        BinaryPrimitives.WriteUInt64LittleEndian(at.Slice(48), 0x1000);
    }
}
