using System;

namespace Kaal.Sdk.Transfer;

/// <summary>CRC-32 as zlib, PNG and Ethernet compute it (reflected polynomial 0xEDB88320, initial and final value
/// all ones), so a host tool (`crc32 FILE`, Python's zlib.crc32) gives the same number for an image. Table-driven,
/// allocation-free after the table: the console service checks every line of a transfer with it.</summary>
public static class Crc32
{
    private const uint Polynomial = 0xEDB8_8320;

    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC of <paramref name="bytes"/>.</summary>
    public static uint Of(ReadOnlySpan<byte> bytes) => Append(0, bytes);

    /// <summary>The CRC of what <paramref name="crcSoFar"/> covered followed by <paramref name="bytes"/> (0 for nothing
    /// so far): an image's CRC is built chunk by chunk as it arrives.</summary>
    public static uint Append(uint crcSoFar, ReadOnlySpan<byte> bytes)
    {
        uint crc = ~crcSoFar;
        for (int index = 0; index < bytes.Length; index++) crc = Table[(crc ^ bytes[index]) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint index = 0; index < 256; index++)
        {
            uint crc = index;
            for (int bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (crc >> 1) ^ Polynomial : crc >> 1;
            table[index] = crc;
        }
        return table;
    }
}
