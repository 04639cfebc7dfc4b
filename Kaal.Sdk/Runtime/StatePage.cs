using System;
using System.Buffers.Binary;

namespace Kaal.Sdk.Runtime;

/// <summary>
/// The page a component that may be replaced hands its state through (docs/hot-reload.md, "The handed state"): mapped
/// read/write at <see cref="ArgsLayout.StatePageVirtAddr"/> in every incarnation of a `process:reload` target. At a
/// quiescent point the SDK writes the component's <see cref="HandedState"/> there (a header, then the blob) and tells
/// system_init its version, length and checksum in the hand-over message; system_init copies the page, checks it
/// against the message (<see cref="Check"/>) and fills the successor's state page with it. Plain little-endian words,
/// the same on the host and on AArch64.
/// </summary>
public static class StatePage
{
    public const ulong Magic = 0x3141_5453_4C41_414B; // "KAALSTA1"
    /// <summary>Magic (8 bytes), version (4), length in bytes (4), checksum (8).</summary>
    public const int HeaderBytes = 24;
    /// <summary>The largest blob a component can hand over: one 4 KiB page less the header, 4,072 bytes.</summary>
    public const int MaxStateBytes = (int)ArgsLayout.PageSizeBytes - HeaderBytes;

    private const int VersionOffset = 8;
    private const int LengthOffset = 12;
    private const int ChecksumOffset = 16;

    /// <summary>The page's header and as much of the blob as fits (a longer blob is refused by system_init, which sees
    /// its real length in the header and the message).</summary>
    public static void Write(Span<byte> page, HandedState state)
    {
        byte[] bytes = state.Bytes;
        BinaryPrimitives.WriteUInt64LittleEndian(page, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(page.Slice(VersionOffset), state.Version);
        BinaryPrimitives.WriteUInt32LittleEndian(page.Slice(LengthOffset), (uint)bytes.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(page.Slice(ChecksumOffset), Checksum(bytes));
        bytes.AsSpan(0, Math.Min(bytes.Length, page.Length - HeaderBytes)).CopyTo(page.Slice(HeaderBytes));
    }

    /// <summary>Bytes of the page to write for <paramref name="state"/>: the header and the blob, at most a page.</summary>
    public static int WrittenBytes(HandedState state) => HeaderBytes + Math.Min(state.Bytes.Length, MaxStateBytes);

    /// <summary>Whether <paramref name="page"/> (a whole page) holds the state the hand-over message describes: the
    /// failure says what is wrong, with the offending values.</summary>
    public static Outcome Check(ReadOnlySpan<byte> page, uint version, ulong lengthBytes, ulong checksum)
    {
        if (lengthBytes > MaxStateBytes) return new Failure($"{lengthBytes} bytes of state, more than the state page holds ({MaxStateBytes} bytes)");
        if (BinaryPrimitives.ReadUInt64LittleEndian(page) != Magic)
            return new Failure($"the state page has no state header (magic 0x{BinaryPrimitives.ReadUInt64LittleEndian(page):X16})");
        uint pageVersion = BinaryPrimitives.ReadUInt32LittleEndian(page.Slice(VersionOffset));
        uint pageLength = BinaryPrimitives.ReadUInt32LittleEndian(page.Slice(LengthOffset));
        if (pageVersion != version || pageLength != lengthBytes)
            return new Failure($"the state page holds version {pageVersion} with {pageLength} bytes, the hand-over says version {version} with {lengthBytes} bytes");
        ulong actual = Checksum(page.Slice(HeaderBytes, (int)lengthBytes));
        if (actual != checksum || BinaryPrimitives.ReadUInt64LittleEndian(page.Slice(ChecksumOffset)) != checksum)
            return new Failure($"the state's checksum is 0x{actual:X16}, the hand-over says 0x{checksum:X16}");
        return Outcome.Done;
    }

    /// <summary>The blob's length in bytes as the page's header gives it.</summary>
    public static uint LengthOf(ReadOnlySpan<byte> page) => BinaryPrimitives.ReadUInt32LittleEndian(page.Slice(LengthOffset));

    /// <summary>FNV-1a, 64 bits: catches a damaged or stale page, no defence against a component that lies.</summary>
    public static ulong Checksum(ReadOnlySpan<byte> bytes)
    {
        ulong hash = 0xCBF2_9CE4_8422_2325;
        for (int index = 0; index < bytes.Length; index++) hash = (hash ^ bytes[index]) * 0x0100_0000_01B3;
        return hash;
    }
}
