using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;

namespace Kaal.Hil.Suites;

/// <summary>
/// Names the function an address falls in, from an ELF64 image's symbol table (ld.lld keeps it), so a hang
/// report says where the CPU was, not just a number. Any problem with the file gives null, never an error:
/// the symbol is a convenience on top of the registers.
/// </summary>
public static class ElfSymbols
{
    private const uint SymbolTableSection = 2; // SHT_SYMTAB
    private const int SymbolEntryBytes = 24;
    private const int FunctionType = 2; // STT_FUNC
    private const int NoType = 0; // STT_NOTYPE: assembly labels

    /// <summary>The ELF with symbols for an image: itself if it is an ELF, kernel8.elf next to a kernel8.img.</summary>
    public static string? SymbolFileFor(string imagePath) =>
        imagePath.EndsWith(".elf", StringComparison.Ordinal) ? imagePath
        : Path.ChangeExtension(imagePath, ".elf") is string elf && File.Exists(elf) ? elf
        : null;

    /// <summary>"name+0xOFFSET" for the nearest function symbol at or below the address, or null.</summary>
    public static string? Describe(string? elfPath, ulong address)
    {
        if (elfPath == null || !File.Exists(elfPath))
        {
            return null;
        }
        try
        {
            return Lookup(File.ReadAllBytes(elfPath), address);
        }
        catch (Exception error) when (error is IOException or ArgumentOutOfRangeException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? Lookup(byte[] elf, ulong address)
    {
        ReadOnlySpan<byte> file = elf;
        if (file.Length < 64 || file[0] != 0x7F || file[1] != (byte)'E' || file[2] != (byte)'L' || file[3] != (byte)'F' || file[4] != 2 || file[5] != 1)
        {
            return null;
        }
        ulong sectionTable = BinaryPrimitives.ReadUInt64LittleEndian(file[0x28..]);
        ulong sectionEntryBytes = BinaryPrimitives.ReadUInt16LittleEndian(file[0x3A..]);
        int sectionCount = BinaryPrimitives.ReadUInt16LittleEndian(file[0x3C..]);
        string? best = null;
        ulong bestValue = 0;
        for (int section = 0; section < sectionCount; section++)
        {
            // Every offset is the file's word, so it is checked as a 64-bit number before it becomes an index.
            ReadOnlySpan<byte> header = Within(file, sectionTable + (ulong)section * sectionEntryBytes, sectionEntryBytes);
            if (header.Length < 0x30 || BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) != SymbolTableSection)
            {
                continue;
            }
            ReadOnlySpan<byte> symbols = Within(file, BinaryPrimitives.ReadUInt64LittleEndian(header[0x18..]), BinaryPrimitives.ReadUInt64LittleEndian(header[0x20..]));
            ulong stringSection = BinaryPrimitives.ReadUInt32LittleEndian(header[0x28..]);
            ReadOnlySpan<byte> stringHeader = Within(file, sectionTable + stringSection * sectionEntryBytes, sectionEntryBytes);
            if (stringHeader.Length < 0x30)
            {
                continue;
            }
            ReadOnlySpan<byte> strings = Within(file, BinaryPrimitives.ReadUInt64LittleEndian(stringHeader[0x18..]), BinaryPrimitives.ReadUInt64LittleEndian(stringHeader[0x20..]));
            for (int offset = 0; offset + SymbolEntryBytes <= symbols.Length; offset += SymbolEntryBytes)
            {
                ReadOnlySpan<byte> symbol = symbols.Slice(offset, SymbolEntryBytes);
                int type = symbol[4] & 0xF;
                ulong value = BinaryPrimitives.ReadUInt64LittleEndian(symbol[8..]);
                if ((type != FunctionType && type != NoType) || value > address || value < bestValue || value == 0)
                {
                    continue;
                }
                ReadOnlySpan<byte> name = Within(strings, BinaryPrimitives.ReadUInt32LittleEndian(symbol), (ulong)strings.Length);
                int nameLength = name.IndexOf((byte)0);
                if (nameLength <= 0 || name[0] == (byte)'$')
                {
                    continue; // mapping symbols ($x, $d) say code or data, not where
                }
                best = Encoding.ASCII.GetString(name[..nameLength]);
                bestValue = value;
            }
        }
        return best == null ? null : address == bestValue ? best : $"{best}+0x{address - bestValue:x}";
    }

    /// <summary>The bytes [offset, offset + length) clipped to <paramref name="data"/>; empty if offset is past its end.</summary>
    private static ReadOnlySpan<byte> Within(ReadOnlySpan<byte> data, ulong offset, ulong length)
    {
        if (offset >= (ulong)data.Length)
        {
            return ReadOnlySpan<byte>.Empty;
        }
        return data.Slice((int)offset, (int)Math.Min(length, (ulong)data.Length - offset));
    }
}
