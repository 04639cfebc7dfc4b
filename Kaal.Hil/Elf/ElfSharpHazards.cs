using System;
using System.Buffers.Binary;

namespace Kaal.Hil.Elf;

/// <summary>
/// What ELFSharp must not be given. It trusts the file's counts and lengths: a header table outside the file makes it
/// read garbage, a note's length field sizes a buffer before reading (a 2 GB allocation on a damaged note), and a file
/// without section headers (e_shnum 0) is read as "extended numbering", the ELF header taken for section 0 and its
/// e_phoff for the section count (billions of iterations). <see cref="Check"/> refuses the first kind with a reason;
/// <see cref="Defused"/> hands ELFSharp a copy without the others (notes made null entries, no callers read them; an
/// empty section table given one null entry), so a malformed file costs what a well-formed one does.
/// </summary>
internal static class ElfSharpHazards
{
    private const int SectionHeaderBytes = 64;
    private const int ProgramHeaderBytes = 56;
    private const uint NoteSegment = 4, NoteSection = 7, NoBitsSection = 8;

    /// <summary>Null if ELFSharp may read the file (after <see cref="Defused"/>), else what is wrong, with the values.</summary>
    public static string? Check(byte[] b)
    {
        ulong phoff = U64(b, 0x20), shoff = U64(b, 0x28);
        int phentsize = U16(b, 0x36), phnum = U16(b, 0x38), shentsize = U16(b, 0x3A), shnum = U16(b, 0x3C), shstrndx = U16(b, 0x3E);
        if (phnum > 0 && (phoff == 0 || phentsize < ProgramHeaderBytes || !Inside(b, phoff, (ulong)phentsize * (ulong)phnum)))
        {
            return $"program header table (e_phoff 0x{phoff:x}, {phnum} x {phentsize} bytes) is not inside the {b.Length}-byte file";
        }
        if (shnum == 0)
        {
            return shoff == 0 ? null : $"extended section numbering (e_shnum 0, e_shoff 0x{shoff:x}) is not supported";
        }
        if (shentsize != SectionHeaderBytes || !Inside(b, shoff, (ulong)SectionHeaderBytes * (ulong)shnum) || shstrndx >= shnum)
        {
            return $"section header table (e_shoff 0x{shoff:x}, {shnum} x {shentsize} bytes, e_shstrndx {shstrndx}) is not inside the {b.Length}-byte file";
        }
        for (int i = 0; i < shnum; i++)
        {
            int at = (int)shoff + i * SectionHeaderBytes;
            ulong offset = U64(b, at + 0x18), size = U64(b, at + 0x20);
            if (BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at + 4)) != NoBitsSection && !Inside(b, offset, size))
            {
                return $"section {i} (offset 0x{offset:x}, size 0x{size:x}) is not inside the {b.Length}-byte file";
            }
        }
        return null;
    }

    /// <summary>A copy of a file <see cref="Check"/> passed, with notes retyped to null entries and, if it has no section
    /// headers, a one-entry null section table appended.</summary>
    public static byte[] Defused(byte[] b)
    {
        int shnum = U16(b, 0x3C);
        byte[] copy = new byte[b.Length + (shnum == 0 ? SectionHeaderBytes : 0)];
        b.CopyTo(copy, 0);
        if (shnum == 0)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(copy.AsSpan(0x28), (ulong)b.Length);
            BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(0x3A), SectionHeaderBytes);
            BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(0x3C), 1);
            BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(0x3E), 0);
        }
        int phentsize = U16(b, 0x36);
        for (int i = 0; i < U16(b, 0x38); i++)
        {
            Span<byte> type = copy.AsSpan((int)U64(b, 0x20) + i * phentsize, 4);
            if (BinaryPrimitives.ReadUInt32LittleEndian(type) == NoteSegment) type.Clear();
        }
        for (int i = 0; i < shnum; i++)
        {
            Span<byte> type = copy.AsSpan((int)U64(b, 0x28) + i * SectionHeaderBytes + 4, 4);
            if (BinaryPrimitives.ReadUInt32LittleEndian(type) == NoteSection) BinaryPrimitives.WriteUInt32LittleEndian(type, 1);
        }
        return copy;
    }

    private static bool Inside(byte[] b, ulong offset, ulong length) => offset <= (ulong)b.Length && length <= (ulong)b.Length - offset;

    private static ulong U64(byte[] b, int at) => BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(at));

    private static int U16(byte[] b, int at) => BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(at));
}
