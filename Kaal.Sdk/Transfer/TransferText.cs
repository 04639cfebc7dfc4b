using System;

namespace Kaal.Sdk.Transfer;

/// <summary>The words and numbers of a transfer line, read from its bytes: the EL0 runtime has no string splitting or
/// number parsing, and a line from a console must be checked byte by byte anyway.</summary>
public static class TransferText
{
    /// <summary>The word at <paramref name="position"/> (up to the next space or the end), and
    /// <paramref name="position"/> moved past it and the one space after it.</summary>
    public static ReadOnlySpan<byte> NextWord(ReadOnlySpan<byte> line, ref int position)
    {
        int start = Math.Min(position, line.Length);
        int end = start;
        while (end < line.Length && line[end] != (byte)' ') end++;
        position = end + 1;
        return line.Slice(start, end - start);
    }

    /// <summary>The rest of the line from <paramref name="position"/> (empty past the end).</summary>
    public static ReadOnlySpan<byte> Rest(ReadOnlySpan<byte> line, int position) => line.Slice(Math.Min(position, line.Length));

    /// <summary>Whether <paramref name="word"/> is the ASCII text <paramref name="expected"/>.</summary>
    public static bool Is(ReadOnlySpan<byte> word, string expected)
    {
        if (word.Length != expected.Length) return false;
        for (int index = 0; index < word.Length; index++)
        {
            if (word[index] != expected[index]) return false;
        }
        return true;
    }

    /// <summary>A decimal number of 1..10 digits that fits 32 bits.</summary>
    public static bool TryDecimal(ReadOnlySpan<byte> word, out uint value)
    {
        value = 0;
        if (word.Length is 0 or > 10) return false;
        ulong accumulated = 0;
        for (int index = 0; index < word.Length; index++)
        {
            if (word[index] is < (byte)'0' or > (byte)'9') return false;
            accumulated = accumulated * 10 + (ulong)(word[index] - '0');
        }
        if (accumulated > uint.MaxValue) return false;
        value = (uint)accumulated;
        return true;
    }

    /// <summary>Exactly 8 hexadecimal digits (either case): a CRC.</summary>
    public static bool TryHex8(ReadOnlySpan<byte> word, out uint value)
    {
        value = 0;
        if (word.Length != 8) return false;
        for (int index = 0; index < word.Length; index++)
        {
            int digit = word[index] switch
            {
                >= (byte)'0' and <= (byte)'9' => word[index] - '0',
                >= (byte)'A' and <= (byte)'F' => word[index] - 'A' + 10,
                >= (byte)'a' and <= (byte)'f' => word[index] - 'a' + 10,
                _ => -1,
            };
            if (digit < 0) return false;
            value = value << 4 | (uint)digit;
        }
        return true;
    }

    /// <summary>The ASCII text of <paramref name="bytes"/>.</summary>
    public static string Text(ReadOnlySpan<byte> bytes) => System.Text.Encoding.ASCII.GetString(bytes);
}
