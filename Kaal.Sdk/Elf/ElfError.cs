namespace Kaal.Sdk.Elf;

/// <summary>Why <c>ElfReader.Read</c> or <see cref="ElfLoader.CopySegment"/> refused an image. Portable
/// (DESIGN.md decision 1): errors are values, never exceptions. The offending field and value travel with it in
/// <see cref="ElfProblem"/>.</summary>
public enum ElfError
{
    None = 0,
    /// <summary>The image array is null, or the given length is negative or larger than the array.</summary>
    BadImageLength,
    /// <summary>Fewer bytes than the 64-byte ELF64 header.</summary>
    TruncatedHeader,
    /// <summary>e_ident[0..3] is not 7F 'E' 'L' 'F'.</summary>
    BadMagic,
    /// <summary>e_ident[EI_CLASS] is not ELFCLASS64 (2).</summary>
    BadClass,
    /// <summary>e_ident[EI_DATA] is not ELFDATA2LSB (1).</summary>
    BadEndianness,
    /// <summary>e_ident[EI_VERSION] or e_version is not EV_CURRENT (1).</summary>
    BadVersion,
    /// <summary>e_type is not ET_EXEC (2). ET_DYN is rejected: the loader does no relocation.</summary>
    BadType,
    /// <summary>e_machine is not EM_AARCH64 (183).</summary>
    BadMachine,
    /// <summary>e_ehsize is not 64.</summary>
    BadHeaderSize,
    /// <summary>e_phentsize is not 56.</summary>
    BadProgramHeaderSize,
    /// <summary>e_phnum is larger than <see cref="ElfReader.MaxProgramHeaders"/>.</summary>
    TooManyProgramHeaders,
    /// <summary>The program header table (e_phoff + e_phnum * 56) does not lie inside the image.</summary>
    ProgramHeadersOutOfBounds,
    /// <summary>More PT_LOAD segments than <see cref="ElfImage.MaxSegments"/>.</summary>
    TooManySegments,
    /// <summary>A PT_LOAD has p_filesz greater than p_memsz.</summary>
    FileSizeExceedsMemSize,
    /// <summary>A PT_LOAD's file bytes (p_offset + p_filesz) do not lie inside the image.</summary>
    SegmentOutsideFile,
    /// <summary>A PT_LOAD's p_align is neither 0, 1 nor a power of two.</summary>
    BadAlignment,
    /// <summary>A PT_LOAD's p_vaddr and p_offset are not congruent modulo p_align.</summary>
    MisalignedSegment,
    /// <summary>A PT_LOAD starts below <see cref="ElfReader.UserSpaceStart"/>.</summary>
    SegmentBelowUserSpace,
    /// <summary>A PT_LOAD's p_vaddr + p_memsz wraps or ends above <see cref="ElfReader.UserSpaceEnd"/>.</summary>
    SegmentAboveUserSpace,
    /// <summary>Two PT_LOAD segments share at least one byte of virtual memory.</summary>
    SegmentsOverlap,
    /// <summary>The image has no (non-empty) PT_LOAD segment.</summary>
    NoLoadableSegment,
    /// <summary>e_entry lies in no PT_LOAD segment.</summary>
    EntryOutsideSegments,
    /// <summary>e_entry lies in a PT_LOAD segment without PF_X.</summary>
    EntryNotExecutable,
    /// <summary><see cref="ElfLoader.CopySegment"/>: the destination cannot hold p_memsz bytes at the given offset.</summary>
    DestinationTooSmall,
}
