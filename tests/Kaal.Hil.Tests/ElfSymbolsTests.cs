using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;
using Kaal.Hil.Suites;
using Xunit;

namespace Kaal.Hil.Tests;

/// <summary>The hang report's symbolizer: names the function an address is in, and gives null (never an exception)
/// for a file whose offsets point anywhere, however large.</summary>
public sealed class ElfSymbolsTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"kaal-elfsymbols-{Guid.NewGuid():N}.elf");

    public void Dispose() => File.Delete(_path);

    /// <summary>An ELF64 header, then section headers 0 (null), 1 (.symtab) and 2 (.strtab, also the section-name table, as
    /// ELFSharp finds .strtab by name), the symbols and the names.</summary>
    private static byte[] Image(ulong sectionTableOffset)
    {
        const int sectionHeaders = 64, symbolTable = sectionHeaders + 3 * 64, strings = symbolTable + 3 * 24;
        byte[] names = Encoding.ASCII.GetBytes("\0main\0$x\0.symtab\0.strtab\0");
        var image = new byte[strings + names.Length];
        image[0] = 0x7F; image[1] = (byte)'E'; image[2] = (byte)'L'; image[3] = (byte)'F'; image[4] = 2; image[5] = 1; image[6] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(0x14), 1); // e_version
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(0x28), sectionTableOffset);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x3A), 64);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x3C), 3);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x3E), 2); // e_shstrndx
        Span<byte> symtab = image.AsSpan(sectionHeaders + 64, 64);
        BinaryPrimitives.WriteUInt32LittleEndian(symtab, 9); // ".symtab"
        BinaryPrimitives.WriteUInt32LittleEndian(symtab[4..], 2); // SHT_SYMTAB
        BinaryPrimitives.WriteUInt64LittleEndian(symtab[0x18..], symbolTable);
        BinaryPrimitives.WriteUInt64LittleEndian(symtab[0x20..], 3 * 24);
        BinaryPrimitives.WriteUInt32LittleEndian(symtab[0x28..], 2);
        Span<byte> strtab = image.AsSpan(sectionHeaders + 128, 64);
        BinaryPrimitives.WriteUInt32LittleEndian(strtab, 17); // ".strtab"
        BinaryPrimitives.WriteUInt32LittleEndian(strtab[4..], 3); // SHT_STRTAB
        BinaryPrimitives.WriteUInt64LittleEndian(strtab[0x18..], strings);
        BinaryPrimitives.WriteUInt64LittleEndian(strtab[0x20..], (ulong)names.Length);
        void Symbol(int index, uint name, ulong value)
        {
            Span<byte> entry = image.AsSpan(symbolTable + index * 24, 24);
            BinaryPrimitives.WriteUInt32LittleEndian(entry, name);
            entry[4] = 2; // STT_FUNC
            BinaryPrimitives.WriteUInt64LittleEndian(entry[8..], value);
        }
        Symbol(1, 1, 0x40080000);
        Symbol(2, 6, 0x40080010); // a mapping symbol: never a name
        names.CopyTo(image, strings);
        return image;
    }

    [Fact]
    public void Names_the_function_an_address_falls_in()
    {
        File.WriteAllBytes(_path, Image(64));
        Assert.Equal("main+0x14", ElfSymbols.Describe(_path, 0x40080014));
        Assert.Equal("main", ElfSymbols.Describe(_path, 0x40080000));
        Assert.Null(ElfSymbols.Describe(_path, 0x1000));
    }

    [Theory]
    [InlineData(0x8000_0000UL)] // 2^31: does not fit an int
    [InlineData(0xFFFF_FFFF_FFFF_FFC0UL)]
    [InlineData(0x1_0000_0000UL)]
    [InlineData(1000UL)] // inside int range, past the end of the file
    public void A_section_table_offset_beyond_the_file_gives_null_not_an_exception(ulong offset)
    {
        File.WriteAllBytes(_path, Image(offset));
        Assert.Null(ElfSymbols.Describe(_path, 0x40080014));
    }

    [Fact]
    public void Symbol_and_string_offsets_beyond_the_file_give_null()
    {
        byte[] image = Image(64);
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(64 + 64 + 0x18), 0x8000_0000UL);
        File.WriteAllBytes(_path, image);
        Assert.Null(ElfSymbols.Describe(_path, 0x40080014));
        image = Image(64);
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(64 + 128 + 0x18), 0xFFFF_FFFF_0000_0000UL);
        File.WriteAllBytes(_path, image);
        Assert.Null(ElfSymbols.Describe(_path, 0x40080014));
    }
}
