using System;
using System.Buffers.Binary;
using System.IO;

namespace Kaal.Kernel.Arm64.Tests;

/// <summary>Reads an ELF64 little-endian file's program headers: the bytes the loader copies (PT_LOAD file sizes).</summary>
internal static class ElfLoadSize
{
    private const uint LoadSegment = 1;
    private const int MaxProgramHeaders = 64;

    public static long LoadedFileBytes(string path)
    {
        byte[] image = File.ReadAllBytes(path);
        if (image.Length < 64 || image[0] != 0x7F || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F' || image[4] != 2 || image[5] != 1)
        {
            throw new InvalidDataException($"{path} is not a little-endian ELF64 file");
        }
        long programHeaderOffset = (long)BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(0x20));
        int entrySize = BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(0x36));
        int entryCount = BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(0x38));
        if (entryCount > MaxProgramHeaders || programHeaderOffset + (long)entrySize * entryCount > image.Length)
        {
            throw new InvalidDataException($"{path}: implausible program header table");
        }
        long total = 0;
        for (int index = 0; index < entryCount; index++)
        {
            ReadOnlySpan<byte> header = image.AsSpan((int)programHeaderOffset + index * entrySize, entrySize);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) == LoadSegment)
            {
                total += (long)BinaryPrimitives.ReadUInt64LittleEndian(header.Slice(0x20)); // p_filesz
            }
        }
        return total;
    }
}
