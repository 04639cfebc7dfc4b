namespace Kaal.Sdk.Elf;

/// <summary>One validated PT_LOAD segment: <see cref="FileSize"/> bytes at <see cref="FileOffset"/> in the image
/// go to <see cref="VirtAddr"/>, followed by zeros up to <see cref="MemSize"/> (.bss).</summary>
public struct ElfSegment
{
    public const uint FlagExecute = 1;
    public const uint FlagWrite = 2;
    public const uint FlagRead = 4;

    public ulong VirtAddr;
    public ulong FileOffset;
    public ulong FileSize;
    public ulong MemSize;
    /// <summary>p_flags masked to R/W/X.</summary>
    public uint Flags;
    public ulong Align;
    /// <summary>Index of the program header this segment came from.</summary>
    public int ProgramHeader;

    public readonly bool Readable => (Flags & FlagRead) != 0;
    public readonly bool Writable => (Flags & FlagWrite) != 0;
    public readonly bool Executable => (Flags & FlagExecute) != 0;
    /// <summary>First address after the segment; cannot wrap once validated (it is at most 2^48).</summary>
    public readonly ulong End => VirtAddr + MemSize;
}
