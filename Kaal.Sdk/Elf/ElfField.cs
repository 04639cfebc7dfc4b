namespace Kaal.Sdk.Elf;

/// <summary>The header or program-header field an <see cref="ElfProblem"/> is about.</summary>
public enum ElfField
{
    None = 0,
    ImageLength,
    Magic,
    Class,
    Data,
    IdentVersion,
    Type,
    Machine,
    Version,
    Entry,
    PhOff,
    EhSize,
    PhEntSize,
    PhNum,
    SegmentOffset,
    SegmentVirtAddr,
    SegmentFileSize,
    SegmentMemSize,
    SegmentAlign,
    DestinationOffset,
}
