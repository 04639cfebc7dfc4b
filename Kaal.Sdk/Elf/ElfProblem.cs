namespace Kaal.Sdk.Elf;

/// <summary>The outcome of reading or copying: <see cref="ElfError.None"/>, or the error with the offending field,
/// its value as read from the image, and the index of the program header it came from (-1 for the ELF header).
/// For <see cref="ElfError.SegmentsOverlap"/>, <see cref="ProgramHeader"/> is the later of the two and
/// <see cref="OtherProgramHeader"/> the earlier one.</summary>
public struct ElfProblem
{
    public ElfError Error;
    public ElfField Field;
    public ulong Value;
    public int ProgramHeader;
    public int OtherProgramHeader;

    public readonly bool IsOk => Error == ElfError.None;

    public static ElfProblem Ok => new ElfProblem { Error = ElfError.None, Field = ElfField.None, ProgramHeader = -1, OtherProgramHeader = -1 };

    public static ElfProblem Of(ElfError error, ElfField field, ulong value) =>
        new ElfProblem { Error = error, Field = field, Value = value, ProgramHeader = -1, OtherProgramHeader = -1 };

    public static ElfProblem InSegment(ElfError error, ElfField field, ulong value, int programHeader) =>
        new ElfProblem { Error = error, Field = field, Value = value, ProgramHeader = programHeader, OtherProgramHeader = -1 };
}
