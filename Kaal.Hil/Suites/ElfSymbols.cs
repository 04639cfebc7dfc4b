using System;
using System.IO;
using Kaal.Hil.Elf;

namespace Kaal.Hil.Suites;

/// <summary>
/// Names the function an address falls in, from an ELF64 image's symbol table (ld.lld keeps it), so a hang
/// report says where the CPU was, not just a number. Any problem with the file gives null, never an error:
/// the symbol is a convenience on top of the registers. The file is read through <see cref="HostElf"/> (ELFSharp).
/// </summary>
public static class ElfSymbols
{
    /// <summary>The ELF with symbols for an image: itself if it is an ELF, kernel8.elf next to a kernel8.img.</summary>
    public static string? SymbolFileFor(string imagePath) =>
        imagePath.EndsWith(".elf", StringComparison.Ordinal) ? imagePath
        : Path.ChangeExtension(imagePath, ".elf") is string elf && File.Exists(elf) ? elf
        : null;

    /// <summary>"name+0xOFFSET" for the nearest function symbol at or below the address, or null.</summary>
    public static string? Describe(string? elfPath, ulong address)
    {
        if (elfPath == null || !File.Exists(elfPath))
        {
            return null;
        }
        HostElf elf;
        try
        {
            elf = HostElf.Read(elfPath);
        }
        catch (HostElfException)
        {
            return null;
        }
        HostElfSymbol? best = null;
        foreach (HostElfSymbol symbol in elf.Symbols)
        {
            if (symbol.Value <= address && (best == null || symbol.Value >= best.Value)) best = symbol;
        }
        return best == null ? null : address == best.Value ? best.Name : $"{best.Name}+0x{address - best.Value:x}";
    }
}
