using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using Kaal.Hil.Elf;
using Kaal.Sdk.Elf;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Sdk.Tests.Elf;

/// <summary>
/// ELFSharp (through <see cref="HostElf"/>) as an independent oracle of the portable reader, on the fuzzer's mutants.
/// The oracle reads the image with ELFSharp and applies the rules docs/elf.md documents to what ELFSharp parsed (header
/// fields ELFSharp does not expose, such as e_phentsize, are read from the bytes); both must make the same accept/reject
/// decision, and when both accept, the same entry point and PT_LOAD segments. What the documented rules ignore (section
/// headers, non-PT_LOAD program headers) is blanked in ELFSharp's copy, since ELFSharp fails on some of those while the
/// loader rightly does not look at them.
/// </summary>
public sealed class ElfSharpOracleTests(ITestOutputHelper output)
{
    private const int Cases = 5000;

    /// <summary>The mutant with its section-header fields zeroed and its non-PT_LOAD program headers made PT_NULL.</summary>
    private static byte[] WithoutIgnoredParts(byte[] mutant)
    {
        byte[] copy = (byte[])mutant.Clone();
        if (copy.Length < 64) return copy;
        copy.AsSpan(0x28, 8).Clear();
        copy.AsSpan(0x3A, 6).Clear();
        ulong phoff = BinaryPrimitives.ReadUInt64LittleEndian(copy.AsSpan(0x20));
        int phnum = BinaryPrimitives.ReadUInt16LittleEndian(copy.AsSpan(0x38));
        for (int i = 0; i < phnum; i++)
        {
            UInt128 at = (UInt128)phoff + (UInt128)(56 * i);
            if (at + 56 > (UInt128)copy.Length) break;
            Span<byte> header = copy.AsSpan((int)at, 56);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != HostElfSegment.Load) header[..4].Clear();
        }
        return copy;
    }

    /// <summary>Null if the documented rules accept what ELFSharp parsed, else the first rule broken.</summary>
    private static string? OracleRejects(byte[] bytes, out HostElf? elf)
    {
        elf = null;
        if (bytes.Length < 64) return "truncated header";
        try
        {
            elf = HostElf.Read(WithoutIgnoredParts(bytes), "mutant");
        }
        catch (HostElfException error)
        {
            return $"ELFSharp: {error.Problem}";
        }
        if (bytes[6] != 1 || BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(0x14)) != 1) return "version";
        if (elf.FileType != 2 || elf.Machine != 183) return "type or machine";
        if (BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(0x34)) != 64 || BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(0x36)) != 56) return "header sizes";
        int phnum = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(0x38));
        if (phnum > ElfReader.MaxProgramHeaders) return "too many program headers";
        if ((UInt128)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(0x20)) + (UInt128)(56 * phnum) > (UInt128)bytes.Length) return "program headers out of bounds";
        var loads = new List<HostElfSegment>();
        foreach (HostElfSegment s in elf.Segments.Where(s => s.IsLoad))
        {
            if (s.FileSize > s.MemSize) return "filesz > memsz";
            if ((UInt128)s.FileOffset + s.FileSize > (UInt128)bytes.Length) return "outside the file";
            if (s.Align > 1 && (s.Align & (s.Align - 1)) != 0) return "alignment";
            if (s.Align > 1 && s.VirtAddr % s.Align != s.FileOffset % s.Align) return "misaligned";
            if (s.MemSize == 0) continue;
            if (s.VirtAddr < ElfReader.UserSpaceStart) return "below user space";
            if ((UInt128)s.VirtAddr + s.MemSize > ElfReader.UserSpaceEnd) return "above user space";
            if (loads.Any(o => (UInt128)s.VirtAddr < (UInt128)o.VirtAddr + o.MemSize && (UInt128)o.VirtAddr < (UInt128)s.VirtAddr + s.MemSize)) return "overlap";
            loads.Add(s);
        }
        if (loads.Count > ElfImage.MaxSegments) return "too many segments";
        if (loads.Count == 0) return "no loadable segment";
        ulong entry = elf.Entry;
        HostElfSegment? holder = loads.FirstOrDefault(s => entry >= s.VirtAddr && (UInt128)entry < (UInt128)s.VirtAddr + s.MemSize);
        if (holder is null) return "entry outside the segments";
        return (holder.Flags & 1) == 0 ? "entry not executable" : null;
    }

    [Fact]
    public void ElfSharp_and_the_documented_rules_make_the_same_decision_and_read_the_same_fields()
    {
        List<byte[]> bases = ElfFuzzTests.Bases();
        var image = new ElfImage();
        int bothAccept = 0, bothReject = 0, elfSharpFailed = 0;
        PropertyRunner.Check(nameof(ElfSharp_and_the_documented_rules_make_the_same_decision_and_read_the_same_fields), 0x6b61_e1f, Cases, ElfFuzzTests.Mutants, mutant =>
        {
            byte[] bytes = ElfFuzzTests.Apply(bases[mutant.Base], mutant.Mutations);
            ElfProblem problem = ElfReader.Read(bytes, bytes.Length, image);
            string? rejected = OracleRejects(bytes, out HostElf? elf);
            if (rejected is not null && rejected.StartsWith("ELFSharp", StringComparison.Ordinal)) elfSharpFailed++;
            Assert.True(problem.IsOk == (rejected is null), $"portable reader: {(problem.IsOk ? "accepts" : problem.Error.ToString())}; oracle: {rejected ?? "accepts"}");
            if (!problem.IsOk)
            {
                bothReject++;
                return;
            }
            bothAccept++;
            Assert.Equal(elf!.Entry, image.Entry);
            HostElfSegment[] loads = elf.Segments.Where(s => s.IsLoad && s.MemSize > 0).ToArray();
            Assert.Equal(loads.Length, image.SegmentCount);
            for (int i = 0; i < loads.Length; i++)
            {
                ElfSegment ours = image.Segment(i);
                Assert.Equal((loads[i].VirtAddr, loads[i].FileOffset, loads[i].FileSize, loads[i].MemSize, loads[i].Flags & 7, loads[i].Align),
                    (ours.VirtAddr, ours.FileOffset, ours.FileSize, ours.MemSize, ours.Flags, ours.Align));
            }
        }, ElfFuzzTests.Show);
        output.WriteLine($"{Cases} mutants: both accept {bothAccept}, both reject {bothReject} (ELFSharp itself failed on {elfSharpFailed})");
        if (PropertyRunner.Exploring) return;
        Assert.True(bothAccept > 100 && bothReject > 1000, $"both accept {bothAccept}, both reject {bothReject}");
    }
}
