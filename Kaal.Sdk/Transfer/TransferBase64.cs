using System;

namespace Kaal.Sdk.Transfer;

/// <summary>Standard base64 (RFC 4648, with '=' padding) over spans, without the BCL's Convert (the EL0 runtime has
/// none): a frame's data travels as printable text a console passes unchanged, 4 characters per 3 bytes.</summary>
public static class TransferBase64
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>Characters that <paramref name="byteCount"/> bytes encode to.</summary>
    public static int EncodedLength(int byteCount) => (byteCount + 2) / 3 * 4;

    /// <summary>Writes the encoding of <paramref name="bytes"/> into <paramref name="destination"/> (at least
    /// <see cref="EncodedLength"/> long); returns the characters written.</summary>
    public static int Encode(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        int written = 0;
        for (int index = 0; index < bytes.Length; index += 3)
        {
            int remaining = bytes.Length - index;
            uint group = (uint)bytes[index] << 16 | (remaining > 1 ? (uint)bytes[index + 1] << 8 : 0) | (remaining > 2 ? bytes[index + 2] : 0u);
            destination[written++] = (byte)Alphabet[(int)(group >> 18) & 63];
            destination[written++] = (byte)Alphabet[(int)(group >> 12) & 63];
            destination[written++] = remaining > 1 ? (byte)Alphabet[(int)(group >> 6) & 63] : (byte)'=';
            destination[written++] = remaining > 2 ? (byte)Alphabet[(int)group & 63] : (byte)'=';
        }
        return written;
    }

    /// <summary>Decodes <paramref name="text"/> into <paramref name="destination"/>; the bytes written, or -1 when the
    /// text is not base64 (a length not a multiple of 4, a character outside the alphabet, padding inside) or does not
    /// fit.</summary>
    public static int Decode(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        if (text.Length % 4 != 0) return -1;
        int written = 0;
        for (int index = 0; index < text.Length; index += 4)
        {
            bool last = index + 4 == text.Length;
            int padding = last && text[index + 3] == '=' ? (text[index + 2] == '=' ? 2 : 1) : 0;
            uint group = 0;
            for (int position = 0; position < 4 - padding; position++)
            {
                int value = ValueOf(text[index + position]);
                if (value < 0) return -1;
                group |= (uint)value << (18 - 6 * position);
            }
            int count = 3 - padding;
            if (written + count > destination.Length) return -1;
            for (int position = 0; position < count; position++) destination[written++] = (byte)(group >> (16 - 8 * position));
        }
        return written;
    }

    private static int ValueOf(byte character) => character switch
    {
        >= (byte)'A' and <= (byte)'Z' => character - 'A',
        >= (byte)'a' and <= (byte)'z' => character - 'a' + 26,
        >= (byte)'0' and <= (byte)'9' => character - '0' + 52,
        (byte)'+' => 62,
        (byte)'/' => 63,
        _ => -1,
    };
}
