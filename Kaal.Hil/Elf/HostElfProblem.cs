namespace Kaal.Hil.Elf;

/// <summary>Why a host-side ELF read failed (<see cref="HostElfException"/>).</summary>
public enum HostElfProblem
{
    /// <summary>The file could not be read (missing, a directory, no permission).</summary>
    Unreadable,
    /// <summary>Not an ELF file (no magic).</summary>
    NotElf,
    /// <summary>An ELF file, but not the little-endian ELF64 every Kaal image is.</summary>
    NotElf64LittleEndian,
    /// <summary>The headers, a section or a table lie outside the file or contradict each other.</summary>
    Malformed,
}
