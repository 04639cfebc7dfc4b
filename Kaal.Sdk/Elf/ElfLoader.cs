namespace Kaal.Sdk.Elf;

/// <summary>Copies a validated segment into memory prepared for it: the file bytes, then zeros up to p_memsz
/// (.bss). Portable and bounds-checked; it re-checks the segment against the image so a hand-made
/// <see cref="ElfSegment"/> cannot read or write out of bounds either.</summary>
public static class ElfLoader
{
    /// <summary>Writes <paramref name="segment"/>'s MemSize bytes to <paramref name="destination"/> starting at
    /// <paramref name="destinationOffset"/> (where the segment's VirtAddr is mapped).</summary>
    public static ElfProblem CopySegment(byte[] image, int imageLength, in ElfSegment segment, byte[] destination, int destinationOffset)
    {
        if (image == null || imageLength < 0 || imageLength > image.Length)
            return ElfProblem.Of(ElfError.BadImageLength, ElfField.ImageLength, imageLength < 0 ? 0 : (ulong)imageLength);
        int index = segment.ProgramHeader;
        if (segment.FileSize > segment.MemSize)
            return ElfProblem.InSegment(ElfError.FileSizeExceedsMemSize, ElfField.SegmentFileSize, segment.FileSize, index);
        ulong length = (ulong)imageLength;
        if (segment.FileSize > length)
            return ElfProblem.InSegment(ElfError.SegmentOutsideFile, ElfField.SegmentFileSize, segment.FileSize, index);
        if (segment.FileOffset > length - segment.FileSize)
            return ElfProblem.InSegment(ElfError.SegmentOutsideFile, ElfField.SegmentOffset, segment.FileOffset, index);
        if (destination == null || destinationOffset < 0 || destinationOffset > destination.Length)
            return ElfProblem.InSegment(ElfError.DestinationTooSmall, ElfField.DestinationOffset, destinationOffset < 0 ? 0 : (ulong)destinationOffset, index);
        ulong room = (ulong)(destination.Length - destinationOffset);
        if (segment.MemSize > room)
            return ElfProblem.InSegment(ElfError.DestinationTooSmall, ElfField.SegmentMemSize, segment.MemSize, index);

        // All three sizes now fit in an int: FileSize <= imageLength and MemSize <= destination.Length.
        int fileSize = (int)segment.FileSize;
        int memSize = (int)segment.MemSize;
        int from = (int)segment.FileOffset;
        for (int i = 0; i < fileSize; i++) destination[destinationOffset + i] = image[from + i];
        for (int i = fileSize; i < memSize; i++) destination[destinationOffset + i] = 0;
        return ElfProblem.Ok;
    }
}
