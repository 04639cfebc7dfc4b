using System;

namespace Kaal.Sdk.FileSystem;

/// <summary>A path in four message registers: 1..32 printable ASCII bytes, little-endian, zero-padded. A path holds no
/// zero byte, so its end is the first zero.</summary>
public static class PathWords
{
    public const int MaxBytes = 32;

    /// <summary>The four words of <paramref name="path"/>; false (all zero) for one that is empty, too long or not
    /// printable ASCII.</summary>
    public static bool TryPack(string path, out ulong w0, out ulong w1, out ulong w2, out ulong w3)
    {
        w0 = w1 = w2 = w3 = 0;
        if (path.Length is 0 or > MaxBytes) return false;
        var words = new ulong[4];
        for (int index = 0; index < path.Length; index++)
        {
            if (path[index] is < ' ' or > '~') return false;
            words[index / 8] |= (ulong)path[index] << (8 * (index % 8));
        }
        w0 = words[0];
        w1 = words[1];
        w2 = words[2];
        w3 = words[3];
        return true;
    }

    /// <summary>The path the four words carry, or null when they carry none (empty, or a byte that is not printable
    /// ASCII before the first zero, or a non-zero byte after it).</summary>
    public static string? Unpack(ulong w0, ulong w1, ulong w2, ulong w3)
    {
        ulong[] words = [w0, w1, w2, w3];
        var bytes = new byte[MaxBytes];
        int length = 0;
        bool ended = false;
        for (int index = 0; index < MaxBytes; index++)
        {
            byte value = (byte)(words[index / 8] >> (8 * (index % 8)));
            if (value == 0)
            {
                ended = true;
                continue;
            }
            if (ended || value is < (byte)' ' or > (byte)'~') return null;
            bytes[length++] = value;
        }
        return length == 0 ? null : System.Text.Encoding.ASCII.GetString(new ReadOnlySpan<byte>(bytes, 0, length));
    }
}
