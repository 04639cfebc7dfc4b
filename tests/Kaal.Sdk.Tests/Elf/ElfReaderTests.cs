using System;
using Kaal.Sdk.Elf;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Sdk.Tests.Elf;

/// <summary>The valid image loads; each rule, broken alone, is reported with its error, field, value and program
/// header.</summary>
public sealed class ElfReaderTests
{
    private static ElfProblem Read(ElfBuilder builder, out ElfImage image)
    {
        byte[] bytes = builder.Build();
        image = new ElfImage();
        return ElfReader.Read(bytes, bytes.Length, image);
    }

    private static void AssertProblem(ElfBuilder builder, ElfError error, ElfField field, ulong value, int programHeader = -1)
    {
        ElfProblem problem = Read(builder, out ElfImage image);
        Assert.Equal(error, problem.Error);
        Assert.Equal(field, problem.Field);
        Assert.Equal(value, problem.Value);
        Assert.Equal(programHeader, problem.ProgramHeader);
        Assert.Equal(0, image.SegmentCount);
        Assert.Equal(0UL, image.Entry);
    }

    [Fact]
    public void StandardImageLoads()
    {
        ElfProblem problem = Read(ElfBuilder.Standard(), out ElfImage image);
        Assert.True(problem.IsOk, problem.Error.ToString());
        Assert.Equal(0x400010UL, image.Entry);
        Assert.Equal(2, image.SegmentCount);
        ElfSegment text = image.Segment(0);
        Assert.Equal(0x400000UL, text.VirtAddr);
        Assert.Equal(0x1000UL, text.FileOffset);
        Assert.True(text.Executable && text.Readable && !text.Writable);
        ElfSegment data = image.Segment(1);
        Assert.Equal(0x410000UL, data.VirtAddr);
        Assert.Equal(0x100UL, data.FileSize);
        Assert.Equal(0x2000UL, data.MemSize);
        Assert.Equal(1, data.ProgramHeader);
        Assert.True(data.Writable && !data.Executable);
        Assert.Equal(0x400000UL, image.LowestAddress);
        Assert.Equal(0x412000UL, image.HighestEnd);
        Assert.Equal(default, image.Segment(2));
    }

    [Fact]
    public void OsAbiAndAlignmentZeroOrOneAreAccepted()
    {
        ElfBuilder b = ElfBuilder.Standard();
        b.OsAbi = 97;
        b.Phdrs[0].Align = 0;
        b.Phdrs[1].Align = 1;
        b.Phdrs[1].VirtAddr = 0x410123;
        Assert.True(Read(b, out _).IsOk);
    }

    [Fact]
    public void EmptyLoadSegmentIsSkipped()
    {
        ElfBuilder b = ElfBuilder.Standard();
        b.Phdrs.Add(new ElfBuilder.Phdr { VirtAddr = 0, Offset = 0, FileSize = 0, MemSize = 0, Align = 0 });
        Assert.True(Read(b, out ElfImage image).IsOk);
        Assert.Equal(2, image.SegmentCount);
    }

    [Fact]
    public void BadImageLength()
    {
        var image = new ElfImage();
        Assert.Equal(ElfError.BadImageLength, ElfReader.Read(new byte[10], 11, image).Error);
        Assert.Equal(ElfError.BadImageLength, ElfReader.Read(new byte[10], -1, image).Error);
        ElfProblem p = ElfReader.Read(null!, 0, image);
        Assert.Equal(ElfError.BadImageLength, p.Error);
        Assert.Equal(ElfField.ImageLength, p.Field);
    }

    [Fact]
    public void TruncatedHeader()
    {
        byte[] bytes = ElfBuilder.Standard().Build();
        ElfProblem p = ElfReader.Read(bytes, 63, new ElfImage());
        Assert.Equal(ElfError.TruncatedHeader, p.Error);
        Assert.Equal(ElfField.ImageLength, p.Field);
        Assert.Equal(63UL, p.Value);
    }

    [Fact]
    public void BadMagic()
    {
        byte[] bytes = ElfBuilder.Standard().Build();
        bytes[1] = (byte)'e';
        ElfProblem p = ElfReader.Read(bytes, bytes.Length, new ElfImage());
        Assert.Equal(ElfError.BadMagic, p.Error);
        Assert.Equal(ElfField.Magic, p.Field);
        Assert.Equal(0x464C657FUL, p.Value);
    }

    [Fact] public void BadClass() { var b = ElfBuilder.Standard(); b.Class = 1; AssertProblem(b, ElfError.BadClass, ElfField.Class, 1); }
    [Fact] public void BigEndian() { var b = ElfBuilder.Standard(); b.Data = 2; AssertProblem(b, ElfError.BadEndianness, ElfField.Data, 2); }
    [Fact] public void BadIdentVersion() { var b = ElfBuilder.Standard(); b.IdentVersion = 0; AssertProblem(b, ElfError.BadVersion, ElfField.IdentVersion, 0); }
    [Fact] public void BadVersion() { var b = ElfBuilder.Standard(); b.Version = 2; AssertProblem(b, ElfError.BadVersion, ElfField.Version, 2); }
    [Fact] public void SharedObjectRejected() { var b = ElfBuilder.Standard(); b.Type = 3; AssertProblem(b, ElfError.BadType, ElfField.Type, 3); }
    [Fact] public void RelocatableRejected() { var b = ElfBuilder.Standard(); b.Type = 1; AssertProblem(b, ElfError.BadType, ElfField.Type, 1); }
    [Fact] public void X86Rejected() { var b = ElfBuilder.Standard(); b.Machine = 62; AssertProblem(b, ElfError.BadMachine, ElfField.Machine, 62); }
    [Fact] public void BadEhSize() { var b = ElfBuilder.Standard(); b.EhSize = 52; AssertProblem(b, ElfError.BadHeaderSize, ElfField.EhSize, 52); }
    [Fact] public void BadPhEntSize() { var b = ElfBuilder.Standard(); b.PhEntSize = 32; AssertProblem(b, ElfError.BadProgramHeaderSize, ElfField.PhEntSize, 32); }
    [Fact] public void TooManyProgramHeaders() { var b = ElfBuilder.Standard(); b.PhNum = 0xFFFF; AssertProblem(b, ElfError.TooManyProgramHeaders, ElfField.PhNum, 0xFFFF); }

    [Fact]
    public void ProgramHeadersPastEnd()
    {
        var b = ElfBuilder.Standard();
        b.PhOff = 0x3000 - 56 * 2; // three headers, room for two
        AssertProblem(b, ElfError.ProgramHeadersOutOfBounds, ElfField.PhOff, 0x3000 - 56 * 2);
        b.PhOff = ulong.MaxValue - 10;
        AssertProblem(b, ElfError.ProgramHeadersOutOfBounds, ElfField.PhOff, ulong.MaxValue - 10);
    }

    [Fact]
    public void TooManySegments()
    {
        var b = new ElfBuilder { Entry = 0x400000, PayloadSize = 0x2000 };
        for (int i = 0; i < ElfImage.MaxSegments + 1; i++)
            b.Phdrs.Add(new ElfBuilder.Phdr { Offset = 0x1000, VirtAddr = 0x400000 + (ulong)i * 0x10000, FileSize = 0x10, MemSize = 0x10 });
        AssertProblem(b, ElfError.TooManySegments, ElfField.PhNum, (ulong)ElfImage.MaxSegments + 1, ElfImage.MaxSegments);
    }

    [Fact] public void FileSizeAboveMemSize() { var b = ElfBuilder.Standard(); b.Phdrs[1].FileSize = 0x2001; AssertProblem(b, ElfError.FileSizeExceedsMemSize, ElfField.SegmentFileSize, 0x2001, 1); }

    [Fact]
    public void SegmentPastEndOfFile()
    {
        var b = ElfBuilder.Standard();
        b.Phdrs[1].Offset = 0x2F01;
        AssertProblem(b, ElfError.SegmentOutsideFile, ElfField.SegmentOffset, 0x2F01, 1);
        b.Phdrs[1].Offset = ulong.MaxValue - 0x80; // offset + filesz wraps
        AssertProblem(b, ElfError.SegmentOutsideFile, ElfField.SegmentOffset, ulong.MaxValue - 0x80, 1);
        b = ElfBuilder.Standard();
        b.Phdrs[0].FileSize = b.Phdrs[0].MemSize = 0x4000;
        AssertProblem(b, ElfError.SegmentOutsideFile, ElfField.SegmentFileSize, 0x4000, 0);
    }

    [Fact] public void AlignmentNotPowerOfTwo() { var b = ElfBuilder.Standard(); b.Phdrs[0].Align = 0x3000; AssertProblem(b, ElfError.BadAlignment, ElfField.SegmentAlign, 0x3000, 0); }
    [Fact] public void VirtAddrNotCongruentWithOffset() { var b = ElfBuilder.Standard(); b.Phdrs[1].VirtAddr = 0x410008; AssertProblem(b, ElfError.MisalignedSegment, ElfField.SegmentVirtAddr, 0x410008, 1); }

    [Fact]
    public void SegmentInPageZero()
    {
        var b = ElfBuilder.Standard();
        b.Phdrs[0].VirtAddr = 0; b.Entry = 0x10;
        AssertProblem(b, ElfError.SegmentBelowUserSpace, ElfField.SegmentVirtAddr, 0, 0);
    }

    [Fact]
    public void SegmentAboveUserSpace()
    {
        var b = ElfBuilder.Standard();
        b.Phdrs[1].VirtAddr = 1UL << 48;
        AssertProblem(b, ElfError.SegmentAboveUserSpace, ElfField.SegmentVirtAddr, 1UL << 48, 1);
        b.Phdrs[1].VirtAddr = (1UL << 48) - 0x1000; // ends 0x1000 past the top
        AssertProblem(b, ElfError.SegmentAboveUserSpace, ElfField.SegmentMemSize, 0x2000, 1);
        b.Phdrs[1].VirtAddr = 0x410000;
        b.Phdrs[1].MemSize = ulong.MaxValue; // vaddr + memsz wraps
        AssertProblem(b, ElfError.SegmentAboveUserSpace, ElfField.SegmentMemSize, ulong.MaxValue, 1);
    }

    [Fact]
    public void SegmentsEndingExactlyAtTopAreAccepted()
    {
        var b = ElfBuilder.Standard();
        b.Phdrs[1].VirtAddr = (1UL << 48) - 0x2000;
        Assert.True(Read(b, out ElfImage image).IsOk);
        Assert.Equal(1UL << 48, image.HighestEnd);
    }

    [Fact]
    public void OverlappingSegments()
    {
        var b = ElfBuilder.Standard();
        b.Phdrs[1].Align = 0x10;
        b.Phdrs[1].VirtAddr = 0x4007F0; // .bss-less text ends at 0x400800
        ElfProblem p = Read(b, out _);
        Assert.Equal(ElfError.SegmentsOverlap, p.Error);
        Assert.Equal(ElfField.SegmentVirtAddr, p.Field);
        Assert.Equal(0x4007F0UL, p.Value);
        Assert.Equal(1, p.ProgramHeader);
        Assert.Equal(0, p.OtherProgramHeader);
    }

    [Fact]
    public void AdjacentSegmentsDoNotOverlap()
    {
        var b = ElfBuilder.Standard();
        b.Phdrs[1].Align = 0x10;
        b.Phdrs[1].VirtAddr = 0x400800;
        Assert.True(Read(b, out _).IsOk);
    }

    [Fact]
    public void NoLoadableSegment()
    {
        var b = ElfBuilder.Standard();
        b.Phdrs[0].Type = 4; b.Phdrs[1].Type = 6;
        AssertProblem(b, ElfError.NoLoadableSegment, ElfField.PhNum, 3);
        b.PhNum = 0;
        AssertProblem(b, ElfError.NoLoadableSegment, ElfField.PhNum, 0);
    }

    [Fact]
    public void EntryOutsideSegments()
    {
        var b = ElfBuilder.Standard();
        b.Entry = 0x400800; // one past the end of text
        AssertProblem(b, ElfError.EntryOutsideSegments, ElfField.Entry, 0x400800);
    }

    [Fact]
    public void EntryInDataSegment()
    {
        var b = ElfBuilder.Standard();
        b.Entry = 0x411000; // inside .bss
        AssertProblem(b, ElfError.EntryNotExecutable, ElfField.Entry, 0x411000);
    }

    [Fact]
    public void ReaderIsReusableAndClearsOnError()
    {
        var image = new ElfImage();
        byte[] good = ElfBuilder.Standard().Build();
        Assert.True(ElfReader.Read(good, good.Length, image).IsOk);
        Assert.Equal(2, image.SegmentCount);
        Assert.False(ElfReader.Read(good, 100, image).IsOk);
        Assert.Equal(0, image.SegmentCount);
        Assert.Equal(default, image.Segment(0));
    }

    [Fact]
    public void CopySegmentWritesFileBytesThenZeros()
    {
        byte[] bytes = ElfBuilder.Standard().Build();
        var image = new ElfImage();
        Assert.True(ElfReader.Read(bytes, bytes.Length, image).IsOk);
        ElfSegment data = image.Segment(1);
        var memory = new byte[0x2000 + 16];
        Array.Fill(memory, (byte)0xAA);
        Assert.True(ElfLoader.CopySegment(bytes, bytes.Length, data, memory, 8).IsOk);
        for (int i = 0; i < 8; i++) Assert.Equal(0xAA, memory[i]);
        for (int i = 0; i < 0x100; i++) Assert.Equal(bytes[0x2000 + i], memory[8 + i]);
        for (int i = 0x100; i < 0x2000; i++) Assert.Equal(0, memory[8 + i]);
        for (int i = 0x2008; i < memory.Length; i++) Assert.Equal(0xAA, memory[i]);
    }

    [Fact]
    public void CopySegmentChecksBounds()
    {
        byte[] bytes = ElfBuilder.Standard().Build();
        var image = new ElfImage();
        Assert.True(ElfReader.Read(bytes, bytes.Length, image).IsOk);
        ElfSegment data = image.Segment(1);
        ElfProblem p = ElfLoader.CopySegment(bytes, bytes.Length, data, new byte[0x2000], 1);
        Assert.Equal(ElfError.DestinationTooSmall, p.Error);
        Assert.Equal(ElfField.SegmentMemSize, p.Field);
        Assert.Equal(1, p.ProgramHeader);
        Assert.Equal(ElfField.DestinationOffset, ElfLoader.CopySegment(bytes, bytes.Length, data, new byte[0x2000], -1).Field);
        Assert.Equal(ElfField.DestinationOffset, ElfLoader.CopySegment(bytes, bytes.Length, data, new byte[4], 5).Field);
        Assert.Equal(ElfError.SegmentOutsideFile, ElfLoader.CopySegment(bytes, 0x2080, data, new byte[0x2000], 0).Error);
        ElfSegment forged = data;
        forged.FileOffset = ulong.MaxValue;
        Assert.Equal(ElfField.SegmentOffset, ElfLoader.CopySegment(bytes, bytes.Length, forged, new byte[0x2000], 0).Field);
        forged = data;
        forged.FileSize = forged.MemSize + 1;
        Assert.Equal(ElfError.FileSizeExceedsMemSize, ElfLoader.CopySegment(bytes, bytes.Length, forged, new byte[0x3000], 0).Error);
        Assert.Equal(ElfError.BadImageLength, ElfLoader.CopySegment(bytes, bytes.Length + 1, data, new byte[0x2000], 0).Error);
    }
}
