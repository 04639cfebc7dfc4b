namespace Kaal.Sdk.Elf;

/// <summary>
/// Validating ELF64 reader for AArch64 executables (seed 001, option B: ELF parsing lives in the SDK, not the kernel).
/// Written in the portable subset (DESIGN.md decision 1) so system_init can run it on bare metal: no exceptions,
/// no collections or strings, fixed capacities, bounded loops, and every sum checked against wrap-around by
/// comparing with a subtraction instead of adding. See docs/elf.md for the rules.
/// </summary>
public static class ElfReader
{
    public const int HeaderSize = 64;
    public const int ProgramHeaderSize = 56;
    /// <summary>Most program headers of any type an image may have (e_phnum).</summary>
    public const int MaxProgramHeaders = 32;
    /// <summary>Lowest address a segment may occupy (page 0 stays unmapped).</summary>
    public const ulong UserSpaceStart = 0x1000;
    /// <summary>First address above user space (48-bit EL0 virtual addresses); segments end at or below it.</summary>
    public const ulong UserSpaceEnd = 1UL << 48;

    public const uint PtLoad = 1;
    public const ulong EtExec = 2;
    public const ulong EmAarch64 = 183;

    /// <summary>Validates the first <paramref name="imageLength"/> bytes of <paramref name="image"/> and fills
    /// <paramref name="result"/> (cleared first, and left cleared on any error).</summary>
    public static ElfProblem Read(byte[] image, int imageLength, ElfImage result) => Read(image, 0, imageLength, result);

    /// <summary>As <see cref="Read(byte[], int, ElfImage)"/> for the image that starts <paramref name="imageOffset"/>
    /// bytes into <paramref name="buffer"/>; segment file offsets stay relative to the image.</summary>
    public static ElfProblem Read(byte[] buffer, int imageOffset, int imageLength, ElfImage result)
    {
        result.Clear();
        ElfProblem problem = ReadInto(buffer, imageOffset, imageLength, result);
        if (!problem.IsOk) result.Clear();
        return problem;
    }

    private static ElfProblem ReadInto(byte[] buffer, int imageOffset, int imageLength, ElfImage result)
    {
        if (buffer == null || imageOffset < 0 || imageLength < 0 || imageOffset > buffer.Length || imageLength > buffer.Length - imageOffset)
            return ElfProblem.Of(ElfError.BadImageLength, ElfField.ImageLength, imageLength < 0 ? 0 : (ulong)imageLength);
        var image = new ElfBytes(buffer, imageOffset);
        ulong length = (ulong)imageLength;
        if (length < HeaderSize) return ElfProblem.Of(ElfError.TruncatedHeader, ElfField.ImageLength, length);
        ElfProblem problem = ReadHeader(image, length, out ulong entry, out ulong phoff, out ulong phnum);
        if (!problem.IsOk) return problem;
        problem = ReadSegments(image, length, phoff, phnum, result);
        if (!problem.IsOk) return problem;
        return CheckEntry(entry, result);
    }

    /// <summary>The ELF header: a little-endian 64-bit AArch64 executable whose program header table lies inside the
    /// image.</summary>
    private static ElfProblem ReadHeader(in ElfBytes image, ulong length, out ulong entry, out ulong phoff, out ulong phnum)
    {
        entry = 0;
        phoff = 0;
        phnum = 0;
        ulong magic = image.U32(0);
        if (magic != 0x464C457FUL) return ElfProblem.Of(ElfError.BadMagic, ElfField.Magic, magic);
        ulong elfClass = image.U8(4);
        if (elfClass != 2) return ElfProblem.Of(ElfError.BadClass, ElfField.Class, elfClass);
        ulong data = image.U8(5);
        if (data != 1) return ElfProblem.Of(ElfError.BadEndianness, ElfField.Data, data);
        ulong identVersion = image.U8(6);
        if (identVersion != 1) return ElfProblem.Of(ElfError.BadVersion, ElfField.IdentVersion, identVersion);
        // e_ident[7] (OS ABI) and [8] (ABI version) are accepted whatever they say.
        ulong type = image.U16(16);
        if (type != EtExec) return ElfProblem.Of(ElfError.BadType, ElfField.Type, type);
        ulong machine = image.U16(18);
        if (machine != EmAarch64) return ElfProblem.Of(ElfError.BadMachine, ElfField.Machine, machine);
        ulong version = image.U32(20);
        if (version != 1) return ElfProblem.Of(ElfError.BadVersion, ElfField.Version, version);
        entry = image.U64(24);
        phoff = image.U64(32);
        ulong ehsize = image.U16(52);
        if (ehsize != HeaderSize) return ElfProblem.Of(ElfError.BadHeaderSize, ElfField.EhSize, ehsize);
        ulong phentsize = image.U16(54);
        if (phentsize != ProgramHeaderSize) return ElfProblem.Of(ElfError.BadProgramHeaderSize, ElfField.PhEntSize, phentsize);
        phnum = image.U16(56);
        if (phnum > MaxProgramHeaders) return ElfProblem.Of(ElfError.TooManyProgramHeaders, ElfField.PhNum, phnum);
        ulong tableSize = phnum * ProgramHeaderSize; // at most 32 * 56: cannot wrap
        if (tableSize > length || phoff > length - tableSize)
            return ElfProblem.Of(ElfError.ProgramHeadersOutOfBounds, ElfField.PhOff, phoff);
        return ElfProblem.Ok;
    }

    /// <summary>Every non-empty PT_LOAD segment, each inside the image and overlapping no other; at least one.</summary>
    private static ElfProblem ReadSegments(in ElfBytes image, ulong length, ulong phoff, ulong phnum, ElfImage result)
    {
        int count = (int)phnum;
        int tableStart = (int)phoff; // phoff <= length <= int.MaxValue
        for (int index = 0; index < count; index++)
        {
            int at = tableStart + index * ProgramHeaderSize;
            if (image.U32(at) != PtLoad) continue; // other segment types are ignored
            ElfProblem segmentProblem = ReadLoad(image, at, index, length, out ElfSegment segment);
            if (!segmentProblem.IsOk) return segmentProblem;
            if (segment.MemSize == 0) continue; // an empty PT_LOAD occupies nothing
            if (result.SegmentCount == ElfImage.MaxSegments)
                return ElfProblem.InSegment(ElfError.TooManySegments, ElfField.PhNum, phnum, index);
            for (int other = 0; other < result.SegmentCount; other++)
            {
                ref readonly ElfSegment earlier = ref result.At(other);
                if (segment.VirtAddr < earlier.End && earlier.VirtAddr < segment.End)
                {
                    ElfProblem overlap = ElfProblem.InSegment(ElfError.SegmentsOverlap, ElfField.SegmentVirtAddr, segment.VirtAddr, index);
                    overlap.OtherProgramHeader = earlier.ProgramHeader;
                    return overlap;
                }
            }
            result.Add(segment);
        }
        if (result.SegmentCount == 0) return ElfProblem.Of(ElfError.NoLoadableSegment, ElfField.PhNum, phnum);
        return ElfProblem.Ok;
    }

    /// <summary>The entry point lies in an executable segment (it becomes <see cref="ElfImage.Entry"/>).</summary>
    private static ElfProblem CheckEntry(ulong entry, ElfImage result)
    {
        bool inside = false;
        for (int i = 0; i < result.SegmentCount; i++)
        {
            ref readonly ElfSegment segment = ref result.At(i);
            if (entry < segment.VirtAddr || entry - segment.VirtAddr >= segment.MemSize) continue;
            inside = true;
            if (segment.Executable)
            {
                result.Entry = entry;
                return ElfProblem.Ok;
            }
        }
        return ElfProblem.Of(inside ? ElfError.EntryNotExecutable : ElfError.EntryOutsideSegments, ElfField.Entry, entry);
    }

    private static ElfProblem ReadLoad(in ElfBytes image, int at, int index, ulong length, out ElfSegment segment)
    {
        segment = default;
        segment.ProgramHeader = index;
        segment.Flags = (uint)image.U32(at + 4) & (ElfSegment.FlagRead | ElfSegment.FlagWrite | ElfSegment.FlagExecute);
        segment.FileOffset = image.U64(at + 8);
        segment.VirtAddr = image.U64(at + 16);
        // p_paddr (at + 24) is ignored.
        segment.FileSize = image.U64(at + 32);
        segment.MemSize = image.U64(at + 40);
        segment.Align = image.U64(at + 48);

        if (segment.FileSize > segment.MemSize)
            return ElfProblem.InSegment(ElfError.FileSizeExceedsMemSize, ElfField.SegmentFileSize, segment.FileSize, index);
        if (segment.FileSize > length)
            return ElfProblem.InSegment(ElfError.SegmentOutsideFile, ElfField.SegmentFileSize, segment.FileSize, index);
        if (segment.FileOffset > length - segment.FileSize)
            return ElfProblem.InSegment(ElfError.SegmentOutsideFile, ElfField.SegmentOffset, segment.FileOffset, index);
        ulong align = segment.Align;
        if (align > 1)
        {
            if ((align & (align - 1)) != 0)
                return ElfProblem.InSegment(ElfError.BadAlignment, ElfField.SegmentAlign, align, index);
            if ((segment.VirtAddr & (align - 1)) != (segment.FileOffset & (align - 1)))
                return ElfProblem.InSegment(ElfError.MisalignedSegment, ElfField.SegmentVirtAddr, segment.VirtAddr, index);
        }
        if (segment.MemSize == 0) return ElfProblem.Ok; // nothing to place; the caller skips it
        if (segment.VirtAddr < UserSpaceStart)
            return ElfProblem.InSegment(ElfError.SegmentBelowUserSpace, ElfField.SegmentVirtAddr, segment.VirtAddr, index);
        if (segment.VirtAddr >= UserSpaceEnd)
            return ElfProblem.InSegment(ElfError.SegmentAboveUserSpace, ElfField.SegmentVirtAddr, segment.VirtAddr, index);
        if (segment.MemSize > UserSpaceEnd - segment.VirtAddr)
            return ElfProblem.InSegment(ElfError.SegmentAboveUserSpace, ElfField.SegmentMemSize, segment.MemSize, index);
        return ElfProblem.Ok;
    }
}
