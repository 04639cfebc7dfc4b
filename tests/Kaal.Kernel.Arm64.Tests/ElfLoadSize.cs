using System.Linq;
using Kaal.Hil.Elf;

namespace Kaal.Kernel.Arm64.Tests;

/// <summary>The bytes the loader copies from an ELF64 file: the sum of its PT_LOAD file sizes (read through <see cref="HostElf"/>).</summary>
internal static class ElfLoadSize
{
    public static long LoadedFileBytes(string path) => (long)HostElf.Read(path).Segments.Where(segment => segment.IsLoad).Aggregate(0UL, (total, segment) => total + segment.FileSize);
}
