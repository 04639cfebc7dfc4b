using Kaal.Sdk.Elf;

namespace Kaal.Sdk.Images;

/// <summary>
/// Finds a section by name in an image <see cref="ElfReader"/> has accepted (the ELF header is known good; the section
/// header table is not: the loader never needed it, so it is checked here). Every offset and size is checked against
/// the image's length before it is read, sums are compared as subtractions (no wrap-around), and the loop is bounded
/// by e_shnum (at most 65,535), so a damaged table is a message, never a fault or a hang.
/// </summary>
public static class ElfSections
{
    public const int SectionHeaderBytes = 64;
    private const uint ShtNoBits = 8;

    /// <summary>Where the one section named <paramref name="name"/> lies in the image (offset relative to its first
    /// byte, size), or why it cannot be had.</summary>
    public static Outcome<(int Offset, int Size)> Find(byte[] buffer, int imageOffset, int imageLength, string name)
    {
        var image = new ElfBytes(buffer, imageOffset);
        ulong length = (ulong)imageLength;
        ulong shoff = image.U64(40);
        ulong shentsize = image.U16(58);
        ulong shnum = image.U16(60);
        ulong shstrndx = image.U16(62);
        if (shnum == 0) return new Failure($"the image has no section headers, so no {name} section");
        if (shentsize != SectionHeaderBytes) return new Failure($"e_shentsize is {shentsize}, not {SectionHeaderBytes}");
        ulong tableBytes = shnum * SectionHeaderBytes; // at most 65,535 * 64: cannot wrap
        if (tableBytes > length || shoff > length - tableBytes)
            return new Failure($"the section header table (e_shoff 0x{shoff:X}, {shnum} entries) lies outside the image's {length} bytes");
        if (shstrndx >= shnum) return new Failure($"e_shstrndx {shstrndx} names no section (there are {shnum})");
        Outcome<(int Offset, int Size)> names = Contents(image, shoff, shstrndx, length, "the section name table");
        if (names.Failed) return names.Failure;
        int found = -1;
        for (ulong index = 0; index < shnum; index++)
        {
            ulong nameOffset = image.U32((int)(shoff + index * SectionHeaderBytes));
            if (!NameIs(image, names.Value, nameOffset, name)) continue;
            if (found >= 0) return new Failure($"sections {found} and {index} are both named {name}");
            found = (int)index;
        }
        if (found < 0) return new Failure($"the image has no {name} section");
        return Contents(image, shoff, (ulong)found, length, $"section {found} ({name})");
    }

    private static Outcome<(int Offset, int Size)> Contents(in ElfBytes image, ulong shoff, ulong index, ulong length, string what)
    {
        int at = (int)(shoff + index * SectionHeaderBytes);
        ulong type = image.U32(at + 4);
        ulong offset = image.U64(at + 24);
        ulong size = image.U64(at + 32);
        if (type == ShtNoBits) return new Failure($"{what} has no bytes in the file (SHT_NOBITS)");
        if (size > length || offset > length - size)
            return new Failure($"{what} (offset 0x{offset:X}, {size} bytes) lies outside the image's {length} bytes");
        return ((int)offset, (int)size);
    }

    /// <summary>Whether the NUL-terminated string at <paramref name="nameOffset"/> of the name table is <paramref name="name"/>.</summary>
    private static bool NameIs(in ElfBytes image, (int Offset, int Size) names, ulong nameOffset, string name)
    {
        if (nameOffset >= (ulong)names.Size || (ulong)name.Length >= (ulong)names.Size - nameOffset) return false;
        int start = names.Offset + (int)nameOffset;
        for (int index = 0; index < name.Length; index++)
        {
            if (image.U8(start + index) != name[index]) return false;
        }
        return image.U8(start + name.Length) == 0;
    }
}
