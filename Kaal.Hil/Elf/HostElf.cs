using System;
using System.Collections.Generic;
using System.IO;
using ELFSharp.ELF;
using ELFSharp.ELF.Sections;
using ELFSharp.ELF.Segments;

namespace Kaal.Hil.Elf;

/// <summary>
/// Every host-side ELF read goes through here (hang-report symbols, image inspection, test helpers): ELFSharp reads the
/// file, and everything the callers use is taken out of it at once, so any of the many exceptions ELFSharp throws on a
/// malformed file (index, overflow, end of stream, argument, a huge allocation) surfaces here, once, as a
/// <see cref="HostElfException"/> that names the file and the problem. The portable reader in Kaal.Sdk/Elf stays the one
/// that loads images (it runs bare-metal); ELFSharp checks it in the tests (docs/elf.md).
/// </summary>
public sealed class HostElf
{
    private const int ElfHeaderBytes = 64;

    private readonly byte[] _bytes;

    private HostElf(byte[] bytes, ELF<ulong> elf, IReadOnlyList<HostElfSegment> segments, IReadOnlyList<HostElfSymbol> symbols)
    {
        _bytes = bytes;
        Entry = elf.EntryPoint;
        FileType = (ushort)elf.Type;
        Machine = (ushort)elf.Machine;
        Segments = segments;
        Symbols = symbols;
    }

    public ulong Entry { get; }

    /// <summary>e_type (2: ET_EXEC).</summary>
    public ushort FileType { get; }

    /// <summary>e_machine (183: EM_AARCH64).</summary>
    public ushort Machine { get; }

    /// <summary>Every program header, in file order.</summary>
    public IReadOnlyList<HostElfSegment> Segments { get; }

    /// <summary>Functions and labels with a name and a nonzero address, mapping symbols ($x, $d) left out.</summary>
    public IReadOnlyList<HostElfSymbol> Symbols { get; }

    public static HostElf Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new HostElfException(path, HostElfProblem.Unreadable, $"cannot read the file: {error.Message}", error);
        }
        return Read(bytes, path);
    }

    /// <param name="name">What error messages call the image (its path).</param>
    public static HostElf Read(byte[] bytes, string name)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length < 4 || bytes[0] != 0x7F || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
        {
            throw new HostElfException(name, HostElfProblem.NotElf, "not an ELF file (no \\x7fELF magic)");
        }
        if (bytes.Length < ElfHeaderBytes || bytes[4] != 2 || bytes[5] != 1)
        {
            throw new HostElfException(name, HostElfProblem.NotElf64LittleEndian,
                $"not a little-endian ELF64 file (class {(bytes.Length > 4 ? bytes[4] : 0)}, data {(bytes.Length > 5 ? bytes[5] : 0)}, {bytes.Length} bytes)");
        }
        string? hazard = ElfSharpHazards.Check(bytes);
        if (hazard is not null)
        {
            throw new HostElfException(name, HostElfProblem.Malformed, $"malformed ELF: {hazard}");
        }
        try
        {
            using ELF<ulong> elf = ELFReader.Load<ulong>(new MemoryStream(ElfSharpHazards.Defused(bytes), writable: false), shouldOwnStream: true);
            return new HostElf(bytes, elf, SegmentsOf(elf), SymbolsOf(elf));
        }
        catch (Exception error) when (error is not HostElfException)
        {
            throw new HostElfException(name, HostElfProblem.Malformed, $"malformed ELF: {error.GetType().Name}: {error.Message}", error);
        }
    }

    /// <summary><paramref name="count"/> bytes of the file at <paramref name="fileOffset"/>, or an exception naming the range.</summary>
    public ReadOnlySpan<byte> FileBytes(ulong fileOffset, int count)
    {
        if (count < 0 || fileOffset > (ulong)_bytes.Length || (ulong)count > (ulong)_bytes.Length - fileOffset)
        {
            throw new ArgumentOutOfRangeException(nameof(fileOffset), fileOffset, $"{count} bytes at 0x{fileOffset:x} are not inside the {_bytes.Length}-byte file");
        }
        return _bytes.AsSpan((int)fileOffset, count);
    }

    private static List<HostElfSegment> SegmentsOf(ELF<ulong> elf)
    {
        var segments = new List<HostElfSegment>();
        if (!elf.HasSegmentHeader) return segments;
        foreach (Segment<ulong> s in elf.Segments)
        {
            segments.Add(new HostElfSegment((uint)s.Type, (uint)s.Flags, (ulong)s.Offset, s.Address, s.PhysicalAddress, (ulong)s.FileSize, s.Size, s.Alignment));
        }
        return segments;
    }

    private static List<HostElfSymbol> SymbolsOf(ELF<ulong> elf)
    {
        var symbols = new List<HostElfSymbol>();
        if (!elf.HasSectionHeader) return symbols;
        foreach (SymbolTable<ulong> table in elf.GetSections<SymbolTable<ulong>>())
        {
            foreach (SymbolEntry<ulong> entry in table.Entries)
            {
                bool code = entry.Type is SymbolType.Function or SymbolType.NotSpecified;
                if (code && entry.Value != 0 && !string.IsNullOrEmpty(entry.Name) && entry.Name[0] != '$') symbols.Add(new HostElfSymbol(entry.Name, entry.Value));
            }
        }
        return symbols;
    }
}
