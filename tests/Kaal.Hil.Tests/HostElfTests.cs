using System;
using System.Buffers.Binary;
using System.IO;
using Kaal.Hil.Elf;
using Xunit;

namespace Kaal.Hil.Tests;

/// <summary>The host-side ELF adapter: ELFSharp's failures become typed errors naming the file, and the files on which
/// ELFSharp would loop or allocate by a length field are refused or defused first.</summary>
public sealed class HostElfTests
{
    /// <summary>A 64-byte ELF64 header (AArch64 ET_EXEC), no program or section headers unless a test writes them.</summary>
    private static byte[] Header(int extraBytes = 0)
    {
        var b = new byte[64 + extraBytes];
        b[0] = 0x7F; b[1] = (byte)'E'; b[2] = (byte)'L'; b[3] = (byte)'F'; b[4] = 2; b[5] = 1; b[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(16), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(18), 183);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(20), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(52), 64);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(54), 56);
        return b;
    }

    [Fact]
    public void A_file_without_section_headers_and_an_absurd_e_phoff_reads_at_once()
    {
        byte[] b = Header();
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(0x20), 0xFFFF_FFFF); // ELFSharp would take it for the section count
        HostElf elf = HostElf.Read(b, "plain.elf");
        Assert.Empty(elf.Segments);
        Assert.Empty(elf.Symbols);
        Assert.Equal(183, elf.Machine);
    }

    [Fact]
    public void A_note_with_an_absurd_length_is_not_read()
    {
        byte[] b = Header(56 + 16);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(0x20), 64);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(0x38), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(64), 4); // PT_NOTE
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(64 + 8), 120);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(64 + 32), 16);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(120), 0x7FFF_FFF0); // namesz: ELFSharp would allocate 2 GB
        HostElf elf = HostElf.Read(b, "note.elf");
        Assert.Single(elf.Segments);
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 }, HostElfProblem.NotElf, "not an ELF file")]
    [InlineData(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', 1, 1 }, HostElfProblem.NotElf64LittleEndian, "class 1")]
    public void Not_an_elf64_file_is_a_typed_error(byte[] bytes, HostElfProblem problem, string said)
    {
        HostElfException error = Assert.Throws<HostElfException>(() => HostElf.Read(bytes, "x.bin"));
        Assert.Equal(problem, error.Problem);
        Assert.Contains(said, error.Message);
        Assert.StartsWith("x.bin: ", error.Message);
    }

    [Fact]
    public void Header_tables_outside_the_file_and_elfsharp_failures_are_malformed_with_the_values()
    {
        byte[] b = Header();
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(0x28), 0x8000_0000);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(0x3A), 64);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(0x3C), 3);
        HostElfException error = Assert.Throws<HostElfException>(() => HostElf.Read(b, "far.elf"));
        Assert.Equal(HostElfProblem.Malformed, error.Problem);
        Assert.Contains("e_shoff 0x80000000", error.Message);

        b = Header();
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(20), 7); // e_version: ELFSharp throws ArgumentException
        error = Assert.Throws<HostElfException>(() => HostElf.Read(b, "v7.elf"));
        Assert.Equal(HostElfProblem.Malformed, error.Problem);
        Assert.IsType<ArgumentException>(error.InnerException);
    }

    [Fact]
    public void A_missing_file_is_unreadable()
    {
        string path = Path.Combine(Path.GetTempPath(), $"kaal-missing-{Guid.NewGuid():N}.elf");
        Assert.Equal(HostElfProblem.Unreadable, Assert.Throws<HostElfException>(() => HostElf.Read(path)).Problem);
    }
}
