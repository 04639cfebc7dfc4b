using System.IO;
using Kaal.Hil.Elf;

namespace Kaal.Hil.Tests;

/// <summary>The bytes an ELF64 image puts at its entry point, read from the file (through <see cref="HostElf"/>): what
/// guest memory must hold there.</summary>
internal static class TestElf
{
    public static (ulong Entry, byte[] Bytes) EntryBytes(string path, int count)
    {
        HostElf elf = HostElf.Read(path);
        foreach (HostElfSegment segment in elf.Segments)
        {
            if (segment.IsLoad && elf.Entry >= segment.PhysAddr && elf.Entry + (ulong)count <= segment.PhysAddr + segment.FileSize)
            {
                return (elf.Entry, elf.FileBytes(segment.FileOffset + elf.Entry - segment.PhysAddr, count).ToArray());
            }
        }
        throw new InvalidDataException($"{path}: no loadable segment holds the entry point 0x{elf.Entry:x}");
    }
}
