using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;

namespace Kaal.Tests.Shared;

/// <summary>Appends sections to an ELF image the way `objcopy --add-section` does for a non-allocated section: their
/// bytes, a section name table and a section header table (null section first) at the end of the file, and the
/// header's e_shoff/e_shentsize/e_shnum/e_shstrndx pointing at them. The program headers are left alone.</summary>
public static class SectionAppender
{
    public const uint ShtProgBits = 1;
    public const uint ShtStrTab = 3;

    public static byte[] Append(byte[] image, params (string Name, byte[] Bytes)[] sections)
    {
        var names = new List<byte> { 0 };
        var nameOffsets = new List<int>();
        foreach ((string name, _) in sections)
        {
            nameOffsets.Add(names.Count);
            names.AddRange(Encoding.ASCII.GetBytes(name));
            names.Add(0);
        }
        int shstrtabName = names.Count;
        names.AddRange(Encoding.ASCII.GetBytes(".shstrtab"));
        names.Add(0);

        var file = new List<byte>(image);
        var offsets = new List<int>();
        foreach ((_, byte[] bytes) in sections)
        {
            offsets.Add(file.Count);
            file.AddRange(bytes);
        }
        int namesOffset = file.Count;
        file.AddRange(names);
        while (file.Count % 8 != 0) file.Add(0);
        int shoff = file.Count;
        int count = sections.Length + 2;
        var table = new byte[count * 64];
        for (int index = 0; index < sections.Length; index++)
            WriteHeader(table.AsSpan((index + 1) * 64), nameOffsets[index], ShtProgBits, offsets[index], sections[index].Bytes.Length);
        WriteHeader(table.AsSpan((count - 1) * 64), shstrtabName, ShtStrTab, namesOffset, names.Count);
        file.AddRange(table);
        byte[] result = file.ToArray();
        BinaryPrimitives.WriteUInt64LittleEndian(result.AsSpan(40), (ulong)shoff);
        BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(58), 64);
        BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(60), (ushort)count);
        BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(62), (ushort)(count - 1));
        return result;
    }

    /// <summary>Where section <paramref name="index"/>'s header starts in <paramref name="image"/>.</summary>
    public static int HeaderAt(byte[] image, int index) => (int)BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(40)) + index * 64;

    private static void WriteHeader(Span<byte> at, int name, uint type, int offset, int size)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(at, (uint)name);
        BinaryPrimitives.WriteUInt32LittleEndian(at.Slice(4), type);
        BinaryPrimitives.WriteUInt64LittleEndian(at.Slice(24), (ulong)offset);
        BinaryPrimitives.WriteUInt64LittleEndian(at.Slice(32), (ulong)size);
        BinaryPrimitives.WriteUInt64LittleEndian(at.Slice(48), 1);
    }
}
