using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace Kaal.Tests.Shared;

/// <summary>The ELF64 writer of every test (ELF reading is HostElf's on the host and ElfReader's on the target): header,
/// program headers right after it, then payload. Every field can be overridden so each test breaks exactly one thing.</summary>
public sealed class ElfBuilder
{
    public sealed class Phdr
    {
        public uint Type = 1;
        public uint Flags = 5;
        public ulong Offset;
        public ulong VirtAddr;
        public ulong FileSize;
        public ulong MemSize;
        public ulong Align = 0x1000;
    }

    public byte Class = 2;
    public byte Data = 1;
    public byte IdentVersion = 1;
    public byte OsAbi;
    public ushort Type = 2;
    public ushort Machine = 183;
    public uint Version = 1;
    public ulong Entry;
    public ulong? PhOff;
    public ushort EhSize = 64;
    public ushort PhEntSize = 56;
    public ushort? PhNum;
    public int PayloadSize;
    public readonly List<Phdr> Phdrs = new List<Phdr>();

    /// <summary>Text (R+X) at 0x400000 and data (R+W, with .bss) at 0x410000, file bytes page-aligned in the file.</summary>
    public static ElfBuilder Standard()
    {
        var b = new ElfBuilder { Entry = 0x400010, PayloadSize = 0x3000 };
        b.Phdrs.Add(new Phdr { Flags = 5, Offset = 0x1000, VirtAddr = 0x400000, FileSize = 0x800, MemSize = 0x800 });
        b.Phdrs.Add(new Phdr { Flags = 6, Offset = 0x2000, VirtAddr = 0x410000, FileSize = 0x100, MemSize = 0x2000 });
        b.Phdrs.Add(new Phdr { Type = 0x6474e551, Flags = 6 }); // PT_GNU_STACK: ignored
        return b;
    }

    public byte[] Build()
    {
        int headers = 64 + 56 * Phdrs.Count;
        var image = new byte[Math.Max(headers, PayloadSize)];
        for (int i = headers; i < image.Length; i++) image[i] = (byte)(i * 7 + 3);
        image[0] = 0x7F; image[1] = (byte)'E'; image[2] = (byte)'L'; image[3] = (byte)'F';
        image[4] = Class; image[5] = Data; image[6] = IdentVersion; image[7] = OsAbi;
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(16), Type);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(18), Machine);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(20), Version);
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(24), Entry);
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(32), PhOff ?? 64);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(52), EhSize);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(54), PhEntSize);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(56), PhNum ?? (ushort)Phdrs.Count);
        for (int i = 0; i < Phdrs.Count; i++)
        {
            Span<byte> p = image.AsSpan(64 + 56 * i);
            Phdr h = Phdrs[i];
            BinaryPrimitives.WriteUInt32LittleEndian(p, h.Type);
            BinaryPrimitives.WriteUInt32LittleEndian(p.Slice(4), h.Flags);
            BinaryPrimitives.WriteUInt64LittleEndian(p.Slice(8), h.Offset);
            BinaryPrimitives.WriteUInt64LittleEndian(p.Slice(16), h.VirtAddr);
            BinaryPrimitives.WriteUInt64LittleEndian(p.Slice(24), h.VirtAddr);
            BinaryPrimitives.WriteUInt64LittleEndian(p.Slice(32), h.FileSize);
            BinaryPrimitives.WriteUInt64LittleEndian(p.Slice(40), h.MemSize);
            BinaryPrimitives.WriteUInt64LittleEndian(p.Slice(48), h.Align);
        }
        return image;
    }
}
