using System;
using System.Buffers.Binary;
using System.IO;

namespace Kaal.Hil.Tests;

/// <summary>The bytes an ELF64 image puts at its entry point, read from the file: what guest memory must hold there.</summary>
internal static class TestElf
{
    private const uint LoadSegment = 1;

    public static (ulong Entry, byte[] Bytes) EntryBytes(string path, int count)
    {
        byte[] image = File.ReadAllBytes(path);
        ulong entry = BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(0x18));
        long headers = (long)BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(0x20));
        int headerBytes = BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(0x36));
        int headerCount = BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(0x38));
        for (int index = 0; index < headerCount; index++)
        {
            ReadOnlySpan<byte> header = image.AsSpan((int)headers + index * headerBytes, headerBytes);
            ulong fileOffset = BinaryPrimitives.ReadUInt64LittleEndian(header[0x08..]);
            ulong physical = BinaryPrimitives.ReadUInt64LittleEndian(header[0x18..]);
            ulong fileSize = BinaryPrimitives.ReadUInt64LittleEndian(header[0x20..]);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) == LoadSegment && entry >= physical && entry + (ulong)count <= physical + fileSize)
            {
                return (entry, image.AsSpan((int)(fileOffset + entry - physical), count).ToArray());
            }
        }
        throw new InvalidDataException($"{path}: no loadable segment holds the entry point 0x{entry:x}");
    }
}
