namespace Kaal.Sdk.Elf;

/// <summary>ElfError values by name, as ToString() writes them, without reflection (the EL0 image has none;
/// docs/el0-components.md, "Enum names").</summary>
public static class ElfErrorNames
{
    public static string Name(this ElfError elfError) => elfError switch
    {
        ElfError.None => nameof(ElfError.None),
        ElfError.BadImageLength => nameof(ElfError.BadImageLength),
        ElfError.TruncatedHeader => nameof(ElfError.TruncatedHeader),
        ElfError.BadMagic => nameof(ElfError.BadMagic),
        ElfError.BadClass => nameof(ElfError.BadClass),
        ElfError.BadEndianness => nameof(ElfError.BadEndianness),
        ElfError.BadVersion => nameof(ElfError.BadVersion),
        ElfError.BadType => nameof(ElfError.BadType),
        ElfError.BadMachine => nameof(ElfError.BadMachine),
        ElfError.BadHeaderSize => nameof(ElfError.BadHeaderSize),
        ElfError.BadProgramHeaderSize => nameof(ElfError.BadProgramHeaderSize),
        ElfError.TooManyProgramHeaders => nameof(ElfError.TooManyProgramHeaders),
        ElfError.ProgramHeadersOutOfBounds => nameof(ElfError.ProgramHeadersOutOfBounds),
        ElfError.TooManySegments => nameof(ElfError.TooManySegments),
        ElfError.FileSizeExceedsMemSize => nameof(ElfError.FileSizeExceedsMemSize),
        ElfError.SegmentOutsideFile => nameof(ElfError.SegmentOutsideFile),
        ElfError.BadAlignment => nameof(ElfError.BadAlignment),
        ElfError.MisalignedSegment => nameof(ElfError.MisalignedSegment),
        ElfError.SegmentBelowUserSpace => nameof(ElfError.SegmentBelowUserSpace),
        ElfError.SegmentAboveUserSpace => nameof(ElfError.SegmentAboveUserSpace),
        ElfError.SegmentsOverlap => nameof(ElfError.SegmentsOverlap),
        ElfError.NoLoadableSegment => nameof(ElfError.NoLoadableSegment),
        ElfError.EntryOutsideSegments => nameof(ElfError.EntryOutsideSegments),
        ElfError.EntryNotExecutable => nameof(ElfError.EntryNotExecutable),
        ElfError.DestinationTooSmall => nameof(ElfError.DestinationTooSmall),
        // A value outside the enum (a corrupt message): its number, as ToString() writes it.
        _ => ((int)elfError).ToString(),
    };
}
