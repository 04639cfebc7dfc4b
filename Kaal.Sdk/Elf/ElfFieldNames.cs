namespace Kaal.Sdk.Elf;

/// <summary>ElfField values by name, as ToString() writes them, without reflection (the EL0 image has none;
/// docs/el0-components.md, "Enum names").</summary>
public static class ElfFieldNames
{
    public static string Name(this ElfField elfField) => elfField switch
    {
        ElfField.None => nameof(ElfField.None),
        ElfField.ImageLength => nameof(ElfField.ImageLength),
        ElfField.Magic => nameof(ElfField.Magic),
        ElfField.Class => nameof(ElfField.Class),
        ElfField.Data => nameof(ElfField.Data),
        ElfField.IdentVersion => nameof(ElfField.IdentVersion),
        ElfField.Type => nameof(ElfField.Type),
        ElfField.Machine => nameof(ElfField.Machine),
        ElfField.Version => nameof(ElfField.Version),
        ElfField.Entry => nameof(ElfField.Entry),
        ElfField.PhOff => nameof(ElfField.PhOff),
        ElfField.EhSize => nameof(ElfField.EhSize),
        ElfField.PhEntSize => nameof(ElfField.PhEntSize),
        ElfField.PhNum => nameof(ElfField.PhNum),
        ElfField.SegmentOffset => nameof(ElfField.SegmentOffset),
        ElfField.SegmentVirtAddr => nameof(ElfField.SegmentVirtAddr),
        ElfField.SegmentFileSize => nameof(ElfField.SegmentFileSize),
        ElfField.SegmentMemSize => nameof(ElfField.SegmentMemSize),
        ElfField.SegmentAlign => nameof(ElfField.SegmentAlign),
        ElfField.DestinationOffset => nameof(ElfField.DestinationOffset),
        // A value outside the enum (a corrupt message): its number, as ToString() writes it.
        _ => ((int)elfField).ToString(),
    };
}
