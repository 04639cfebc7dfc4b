using Kaal.Sdk.Boot;
using Kaal.Kernel.Arm64.Boot;
using Kaal.Model;
using Kaal.Sdk.Elf;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Kernel.Arm64.Tests;

/// <summary>The default-system loader's own rules (Variants/default-system/RootImageRules.cs, compiled here as the kernel
/// compiles it) on images the SDK's ElfReader accepted: page-aligned segments, R/RW/RX only, nothing in the fixed
/// windows; and ElfReader refusing malformed blobs the kernel reads with it.</summary>
public sealed class RootImageRulesTests
{
    private const ulong RegistryBytes = 0x6000;

    [Fact]
    public void The_user_image_shape_passes_with_rights_from_its_flags()
    {
        ElfImage image = Read(Segment(0x40_0000, 0x2000, ElfSegment.FlagRead | ElfSegment.FlagExecute),
            Segment(0x40_2000, 0x1000, ElfSegment.FlagRead), Segment(0x40_3000, 0x3000, ElfSegment.FlagRead | ElfSegment.FlagWrite));
        Assert.True(RootImageRules.Check(image, RegistryBytes, 0).IsOk);
        Assert.Equal(VmRights.Read | VmRights.Execute, RootImageRules.RightsOf(image.Segment(0)));
        Assert.Equal(VmRights.Read, RootImageRules.RightsOf(image.Segment(1)));
        Assert.Equal(VmRights.Read | VmRights.Write, RootImageRules.RightsOf(image.Segment(2)));
    }

    [Theory]
    [InlineData(0x40_0000UL, ElfSegment.FlagRead | ElfSegment.FlagWrite | ElfSegment.FlagExecute, (int)RootImageError.WritableAndExecutable)]
    [InlineData(0x40_0000UL, ElfSegment.FlagExecute, (int)RootImageError.BadSegmentFlags)]
    [InlineData(0x40_0000UL, ElfSegment.FlagRead | ElfSegment.FlagWrite, (int)RootImageError.None)]
    [InlineData(0x40_0800UL, ElfSegment.FlagRead | ElfSegment.FlagExecute, (int)RootImageError.SegmentNotPageAligned)]
    [InlineData(BootInfoLayout.VirtAddr, ElfSegment.FlagRead | ElfSegment.FlagExecute, (int)RootImageError.SegmentInFixedWindow)]
    [InlineData(BootInfoLayout.RegistryVirtAddr + 0x5000, ElfSegment.FlagRead | ElfSegment.FlagExecute, (int)RootImageError.SegmentInFixedWindow)]
    [InlineData(BootInfoLayout.RegistryHeaderPageVirtAddr, ElfSegment.FlagRead | ElfSegment.FlagExecute, (int)RootImageError.SegmentInFixedWindow)]
    [InlineData(RootImageRules.StackBaseVirtAddr - 0x1000, ElfSegment.FlagRead | ElfSegment.FlagExecute, (int)RootImageError.SegmentInFixedWindow)]
    public void A_segment_breaking_a_rule_is_refused_with_its_value(ulong virtAddr, uint flags, int expectedError)
    {
        var expected = (RootImageError)expectedError; // an int in the signature: the enum is internal to the kernel's file
        // The entry must lie in an executable segment for ElfReader: a first R+X page low down carries it.
        ElfImage image = Read(Segment(0x10_0000, 0x1000, ElfSegment.FlagRead | ElfSegment.FlagExecute), Segment(virtAddr, 0x1000, flags));
        RootImageProblem problem = RootImageRules.Check(image, RegistryBytes, 0);
        Assert.Equal(expected, problem.Error);
        if (expected != RootImageError.None)
        {
            Assert.Equal(1, problem.ProgramHeader);
            Assert.Equal(expected is RootImageError.WritableAndExecutable or RootImageError.BadSegmentFlags ? flags : virtAddr, problem.Value);
        }
    }

    [Fact]
    public void A_registry_larger_than_its_window_is_refused()
    {
        ElfImage image = Read(Segment(0x40_0000, 0x1000, ElfSegment.FlagRead | ElfSegment.FlagExecute));
        ulong tooLarge = RootImageRules.RegistryWindowEndVirtAddr - BootInfoLayout.RegistryVirtAddr + 1;
        RootImageProblem problem = RootImageRules.Check(image, tooLarge, 0);
        Assert.Equal(RootImageError.RegistryTooLarge, problem.Error);
        Assert.Equal(tooLarge, problem.Value);
    }

    [Theory]
    [InlineData(0, ElfError.BadMagic, ElfField.Magic)]
    [InlineData(4, ElfError.BadClass, ElfField.Class)]
    [InlineData(18, ElfError.BadMachine, ElfField.Machine)]
    [InlineData(32, ElfError.ProgramHeadersOutOfBounds, ElfField.PhOff)]
    [InlineData(64 + 8, ElfError.SegmentOutsideFile, ElfField.SegmentOffset)]
    public void A_malformed_blob_is_refused_naming_the_field(int damagedByte, ElfError error, ElfField field)
    {
        byte[] blob = Build(Segment(0x40_0000, 0x1000, ElfSegment.FlagRead | ElfSegment.FlagExecute));
        blob[damagedByte + 3] ^= 0x40; // bit 30 of a little-endian word (or a byte of the ident)
        blob[damagedByte] ^= 0x7F;
        ElfProblem problem = ElfReader.Read(blob, blob.Length, new ElfImage());
        Assert.Equal(error, problem.Error);
        Assert.Equal(field, problem.Field);
    }

    private static (ulong VirtAddr, ulong Bytes, uint Flags) Segment(ulong virtAddr, ulong bytes, uint flags) => (virtAddr, bytes, flags);

    private static ElfImage Read(params (ulong VirtAddr, ulong Bytes, uint Flags)[] segments)
    {
        byte[] blob = Build(segments);
        var image = new ElfImage();
        ElfProblem problem = ElfReader.Read(blob, blob.Length, image);
        Assert.True(problem.IsOk, $"{problem.Error} {problem.Field} 0x{problem.Value:X}");
        return image;
    }

    /// <summary>An ET_EXEC for AArch64 with one PT_LOAD per segment (file bytes = memory bytes, offsets congruent with the addresses) and
    /// the entry at the first segment.</summary>
    private static byte[] Build(params (ulong VirtAddr, ulong Bytes, uint Flags)[] segments)
    {
        const ulong page = 0x1000;
        var builder = new ElfBuilder { Entry = segments[0].VirtAddr };
        ulong offset = page;
        foreach ((ulong virtAddr, ulong bytes, uint flags) in segments)
        {
            // congruent with p_vaddr, as ElfReader requires
            builder.Phdrs.Add(new ElfBuilder.Phdr { Flags = flags, Offset = offset + (virtAddr & (page - 1)), VirtAddr = virtAddr, FileSize = bytes, MemSize = bytes, Align = page });
            offset += RootImageRules.PageRoundUp(bytes + (virtAddr & (page - 1)));
        }
        builder.PayloadSize = (int)offset;
        return builder.Build();
    }
}
