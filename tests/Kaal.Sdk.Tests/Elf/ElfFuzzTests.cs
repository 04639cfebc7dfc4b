using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using Kaal.Sdk.Elf;
using Xunit;

namespace Kaal.Sdk.Tests.Elf;

/// <summary>Mutants of several valid images (truncations, bit flips in the headers, overlapping segments, absurd
/// sizes and offsets, huge e_phnum) never make the reader throw or hang: each is rejected with a typed error, or
/// accepted and then re-checked here independently, straight from the raw bytes with 128-bit arithmetic.</summary>
public sealed class ElfFuzzTests
{
    private const int MutantsPerBase = 3000;
    private static readonly ulong[] Absurd =
    {
        0, 1, 0xFFF, 0x1000, (1UL << 48) - 1, 1UL << 48, (1UL << 48) + 0x1000, 1UL << 63, (1UL << 63) + 1,
        ulong.MaxValue, ulong.MaxValue - 1, ulong.MaxValue - 0xFFF, uint.MaxValue, (ulong)int.MaxValue + 1,
    };

    private static List<byte[]> Bases()
    {
        var bases = new List<byte[]> { ElfBuilder.Standard().Build() };

        var single = new ElfBuilder { Entry = 0x1000, PayloadSize = 0x200 };
        single.Phdrs.Add(new ElfBuilder.Phdr { Flags = 7, Offset = 0, VirtAddr = 0x1000, FileSize = 0x200, MemSize = 0x200, Align = 0x10 });
        bases.Add(single.Build());

        var many = new ElfBuilder { Entry = 0x20410, PayloadSize = 0x1000 };
        for (int i = 0; i < 6; i++)
            many.Phdrs.Add(new ElfBuilder.Phdr { Flags = i == 1 ? 5u : 6u, Offset = 0x400 + (ulong)i * 0x100, VirtAddr = 0x10400 + (ulong)i * 0x10000, FileSize = 0x100, MemSize = 0x800, Align = 0x100 });
        many.Phdrs.Add(new ElfBuilder.Phdr { Type = 4, Offset = 0x400, FileSize = 0x10 });
        bases.Add(many.Build());

        var top = ElfBuilder.Standard();
        top.Phdrs[1].VirtAddr = (1UL << 48) - 0x2000;
        top.Phdrs[1].Align = 0;
        bases.Add(top.Build());
        return bases;
    }

    private static int PhCount(byte[] b) => Math.Min(BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(56)), (b.Length - 64) / 56);

    private static void SetU64(byte[] b, int at, ulong v) { if (at >= 0 && at + 8 <= b.Length) BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(at), v); }

    private static byte[] Mutate(byte[] original, Random random)
    {
        byte[] b = (byte[])original.Clone();
        int mutations = 1 + random.Next(3);
        for (int m = 0; m < mutations; m++)
        {
            int phdrs = PhCount(original);
            int ph = 64 + 56 * random.Next(Math.Max(1, phdrs));
            switch (random.Next(8))
            {
                case 0: // truncation
                    Array.Resize(ref b, random.Next(b.Length + 1));
                    break;
                case 1: // bit flip in the ELF header or program headers
                {
                    int span = Math.Min(b.Length, 64 + 56 * phdrs);
                    if (span > 0) b[random.Next(span)] ^= (byte)(1 << random.Next(8));
                    break;
                }
                case 2: // absurd offset, address, size or alignment
                    SetU64(b, ph + 8 * (1 + random.Next(6)), Absurd[random.Next(Absurd.Length)] + (ulong)random.Next(3) - 1);
                    break;
                case 3: // huge or odd e_phnum
                    if (b.Length >= 58) BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(56), (ushort)(random.Next(2) == 0 ? 0xFFFF - random.Next(4) : random.Next(40)));
                    break;
                case 4: // overlap: move one segment onto another (keeping congruence with its offset)
                {
                    int other = 64 + 56 * random.Next(Math.Max(1, phdrs));
                    if (other + 56 > b.Length || ph + 56 > b.Length) break;
                    ulong target = BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(other + 16)) + (ulong)random.Next(0x1000);
                    ulong offset = BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(ph + 8));
                    SetU64(b, ph + 16, (target & ~0xFFFUL) | (offset & 0xFFF));
                    break;
                }
                case 5: // random e_entry, near or far
                    SetU64(b, 24, random.Next(2) == 0 ? Absurd[random.Next(Absurd.Length)] : BinaryPrimitives.ReadUInt64LittleEndian(original.AsSpan(24)) + (ulong)random.Next(0x3000) - 0x1000);
                    break;
                case 6: // e_phoff anywhere, including past the end
                    SetU64(b, 32, random.Next(2) == 0 ? Absurd[random.Next(Absurd.Length)] : (ulong)random.Next(b.Length + 64));
                    break;
                default: // random byte anywhere in the headers
                {
                    int span = Math.Min(b.Length, 64 + 56 * phdrs);
                    if (span > 0) b[random.Next(span)] = (byte)random.Next(256);
                    break;
                }
            }
        }
        return b;
    }

    /// <summary>Independent re-check of an accepted image, from the raw bytes.</summary>
    private static void CheckAccepted(byte[] b, ElfImage image)
    {
        Assert.Equal(0x7F, b[0]);
        Assert.Equal(2, b[4]);
        Assert.Equal(1, b[5]);
        Assert.Equal(183, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(18)));
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(16)));
        int phnum = BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(56));
        UInt128 phoff = BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(32));
        Assert.True(phoff + (UInt128)(56 * phnum) <= (UInt128)b.Length);

        var loads = new List<int>();
        for (int i = 0; i < phnum; i++)
        {
            int at = (int)phoff + 56 * i;
            if (BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at)) == 1 && BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(at + 40)) != 0) loads.Add(at);
        }
        Assert.True(image.SegmentCount >= 1 && image.SegmentCount <= ElfImage.MaxSegments);
        Assert.Equal(loads.Count, image.SegmentCount);

        bool entryExecutable = false;
        for (int s = 0; s < image.SegmentCount; s++)
        {
            ElfSegment seg = image.Segment(s);
            int at = loads[s];
            Assert.Equal(BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(at + 8)), seg.FileOffset);
            Assert.Equal(BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(at + 16)), seg.VirtAddr);
            Assert.Equal(BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(at + 32)), seg.FileSize);
            Assert.Equal(BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(at + 40)), seg.MemSize);

            Assert.True(seg.FileSize <= seg.MemSize);
            Assert.True((UInt128)seg.FileOffset + seg.FileSize <= (UInt128)b.Length);
            Assert.True(seg.VirtAddr >= 0x1000);
            Assert.True((UInt128)seg.VirtAddr + seg.MemSize <= (UInt128)1 << 48);
            if (seg.Align > 1)
            {
                Assert.Equal(0UL, seg.Align & (seg.Align - 1));
                Assert.Equal(seg.VirtAddr % seg.Align, seg.FileOffset % seg.Align);
            }
            for (int t = 0; t < s; t++)
            {
                ElfSegment other = image.Segment(t);
                Assert.True((UInt128)seg.VirtAddr + seg.MemSize <= other.VirtAddr || (UInt128)other.VirtAddr + other.MemSize <= seg.VirtAddr);
            }
            if (seg.Executable && image.Entry >= seg.VirtAddr && (UInt128)image.Entry < (UInt128)seg.VirtAddr + seg.MemSize) entryExecutable = true;

            if (seg.MemSize <= 0x10000)
            {
                var memory = new byte[seg.MemSize];
                Assert.True(ElfLoader.CopySegment(b, b.Length, seg, memory, 0).IsOk);
                for (ulong i = 0; i < seg.FileSize; i++) Assert.Equal(b[seg.FileOffset + i], memory[i]);
                for (ulong i = seg.FileSize; i < seg.MemSize; i++) Assert.Equal(0, memory[i]);
            }
        }
        Assert.True(entryExecutable);
    }

    [Fact]
    public void MutatedImagesAreRejectedWithATypedErrorOrLoadedWithinBounds()
    {
        var random = new Random(5_001);
        var image = new ElfImage();
        var errors = new HashSet<ElfError>();
        int accepted = 0, total = 0;
        foreach (byte[] original in Bases())
        {
            Assert.Equal(ElfError.None, ElfReader.Read(original, original.Length, image).Error);
            for (int n = 0; n < MutantsPerBase; n++)
            {
                byte[] mutant = Mutate(original, random);
                total++;
                ElfProblem problem = ElfReader.Read(mutant, mutant.Length, image);
                if (problem.IsOk)
                {
                    accepted++;
                    CheckAccepted(mutant, image);
                }
                else
                {
                    Assert.True(Enum.IsDefined(problem.Error));
                    Assert.NotEqual(ElfField.None, problem.Field);
                    Assert.True(problem.ProgramHeader >= -1 && problem.ProgramHeader < 0xFFFF);
                    Assert.Equal(0, image.SegmentCount);
                    errors.Add(problem.Error);
                }
            }
        }
        Assert.True(total >= 10_000);
        // The mutants really exercise both outcomes and most of the rules.
        Assert.True(accepted > 100, $"accepted {accepted}");
        Assert.True(errors.Count >= 15, string.Join(",", errors));
        Assert.Contains(ElfError.SegmentsOverlap, errors);
        Assert.Contains(ElfError.TooManyProgramHeaders, errors);
        Assert.Contains(ElfError.SegmentAboveUserSpace, errors);
        Assert.Contains(ElfError.SegmentOutsideFile, errors);
    }
}
