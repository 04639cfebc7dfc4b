using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using Kaal.Sdk.Elf;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Sdk.Tests.Elf;

/// <summary>Mutants of several valid images (truncations, bit flips in the headers, overlapping segments, absurd
/// sizes and offsets, huge e_phnum) never make the reader throw or hang: each is rejected with a typed error, or
/// accepted and then re-checked here independently, straight from the raw bytes with 128-bit arithmetic.</summary>
public sealed class ElfFuzzTests
{
    private const int Cases = 12_000;
    private static readonly ulong[] Absurd =
    {
        0, 1, 0xFFF, 0x1000, (1UL << 48) - 1, 1UL << 48, (1UL << 48) + 0x1000, 1UL << 63, (1UL << 63) + 1,
        ulong.MaxValue, ulong.MaxValue - 1, ulong.MaxValue - 0xFFF, uint.MaxValue, (ulong)int.MaxValue + 1,
    };

    /// <summary>Four valid images: the standard two-segment one, a single RWX segment, six segments and a note, one at the top of user space.</summary>
    public static List<byte[]> Bases()
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

    /// <summary>One mutation: <see cref="Kind"/> picks what is damaged, <see cref="Where"/> (a program header, a byte, a
    /// length), <see cref="Which"/> (a bit, an absurd value, another header) and <see cref="Delta"/> (-1..1, or a small
    /// offset) say how. Each is applied to the image as mutated so far, so a list of them is replayable and prints
    /// readably; CsCheck shrinks a failing list to fewer, earlier-kind, smaller-valued mutations.</summary>
    public sealed record Mutation(int Kind, int Where, int Which, int Delta)
    {
        public override string ToString() => Kind switch
        {
            0 => $"truncate to {Where} bytes (mod length+1)",
            1 => $"flip bit {Which % 8} of header byte {Where}",
            2 => $"phdr {Where}: field {1 + Which % 6} = absurd[{Which / 6 % Absurd.Length}]{Delta - 1:+0;-0;+0}",
            3 => $"e_phnum = {(Which % 2 == 0 ? $"0xFFFF-{Where % 4}" : (Where % 40).ToString())}",
            4 => $"phdr {Where}: move onto phdr {Which} + 0x{Delta:x}",
            5 => Which % 2 == 0 ? $"e_entry = absurd[{Where % Absurd.Length}]" : $"e_entry = original + 0x{Delta:x} - 0x1000",
            6 => Which % 2 == 0 ? $"e_phoff = absurd[{Where % Absurd.Length}]" : $"e_phoff = {Where} (mod length+64)",
            _ => $"header byte {Where} = 0x{Which & 0xFF:x2}",
        };
    }

    public static readonly Gen<Mutation> Mutations =
        Gen.Select(Gen.Int[0, 7], Gen.Int[0, 0xFFFF], Gen.Int[0, 0xFFFF], Gen.Int[0, 0x2FFF], (kind, where, which, delta) => new Mutation(kind, where, which, delta));

    /// <summary>A base image (by index) and one to three mutations of it.</summary>
    public static readonly Gen<(int Base, Mutation[] Mutations)> Mutants = Gen.Select(Gen.Int[0, 3], Mutations.Array[1, 3]);

    public static string Show((int Base, Mutation[] Mutations) mutant) => $"base {mutant.Base}: {string.Join("; ", mutant.Mutations.Select(m => m.ToString()))}";

    public static byte[] Apply(byte[] original, Mutation[] mutations)
    {
        byte[] b = (byte[])original.Clone();
        int phdrs = PhCount(original);
        foreach (Mutation m in mutations)
        {
            int ph = 64 + 56 * (m.Where % Math.Max(1, phdrs));
            int headerSpan = Math.Min(b.Length, 64 + 56 * phdrs);
            switch (m.Kind)
            {
                case 0: // truncation
                    Array.Resize(ref b, m.Where % (b.Length + 1));
                    break;
                case 1: // bit flip in the ELF header or program headers
                    if (headerSpan > 0) b[m.Where % headerSpan] ^= (byte)(1 << (m.Which % 8));
                    break;
                case 2: // absurd offset, address, size or alignment
                    SetU64(b, ph + 8 * (1 + m.Which % 6), Absurd[m.Which / 6 % Absurd.Length] + (ulong)(m.Delta % 3) - 1);
                    break;
                case 3: // huge or odd e_phnum
                    if (b.Length >= 58) BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(56), (ushort)(m.Which % 2 == 0 ? 0xFFFF - m.Where % 4 : m.Where % 40));
                    break;
                case 4: // overlap: move one segment onto another (keeping congruence with its offset)
                {
                    int other = 64 + 56 * (m.Which % Math.Max(1, phdrs));
                    if (other + 56 > b.Length || ph + 56 > b.Length) break;
                    ulong target = BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(other + 16)) + (ulong)(m.Delta % 0x1000);
                    ulong offset = BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(ph + 8));
                    SetU64(b, ph + 16, (target & ~0xFFFUL) | (offset & 0xFFF));
                    break;
                }
                case 5: // random e_entry, near or far
                    SetU64(b, 24, m.Which % 2 == 0 ? Absurd[m.Where % Absurd.Length] : BinaryPrimitives.ReadUInt64LittleEndian(original.AsSpan(24)) + (ulong)m.Delta - 0x1000);
                    break;
                case 6: // e_phoff anywhere, including past the end
                    SetU64(b, 32, m.Which % 2 == 0 ? Absurd[m.Where % Absurd.Length] : (ulong)(m.Where % (b.Length + 64)));
                    break;
                default: // random byte anywhere in the headers
                    if (headerSpan > 0) b[m.Where % headerSpan] = (byte)m.Which;
                    break;
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
        List<byte[]> bases = Bases();
        var image = new ElfImage();
        foreach (byte[] original in bases) Assert.Equal(ElfError.None, ElfReader.Read(original, original.Length, image).Error);
        var errors = new HashSet<ElfError>();
        int accepted = 0;
        PropertyRunner.Check(nameof(MutatedImagesAreRejectedWithATypedErrorOrLoadedWithinBounds), 5_001, Cases, Mutants, mutant =>
        {
            byte[] bytes = Apply(bases[mutant.Base], mutant.Mutations);
            ElfProblem problem = ElfReader.Read(bytes, bytes.Length, image);
            if (problem.IsOk)
            {
                accepted++;
                CheckAccepted(bytes, image);
                return;
            }
            Assert.True(Enum.IsDefined(problem.Error));
            Assert.NotEqual(ElfField.None, problem.Field);
            Assert.True(problem.ProgramHeader >= -1 && problem.ProgramHeader < 0xFFFF);
            Assert.Equal(0, image.SegmentCount);
            errors.Add(problem.Error);
        }, Show);
        if (PropertyRunner.Exploring) return;
        // The mutants really exercise both outcomes and most of the rules.
        Assert.True(accepted > 100, $"accepted {accepted}");
        Assert.True(errors.Count >= 15, string.Join(",", errors));
        Assert.Contains(ElfError.SegmentsOverlap, errors);
        Assert.Contains(ElfError.TooManyProgramHeaders, errors);
        Assert.Contains(ElfError.SegmentAboveUserSpace, errors);
        Assert.Contains(ElfError.SegmentOutsideFile, errors);
    }
}
