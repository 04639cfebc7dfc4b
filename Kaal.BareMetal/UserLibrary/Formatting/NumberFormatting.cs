namespace System;

/// <summary>
/// Integers as text, the formats the components use: decimal, and hexadecimal (`X`, `X8`: upper case, at least
/// that many digits). Written into a caller's char buffer so interpolation allocates only the final string.
/// </summary>
internal static class NumberFormatting
{
    /// <summary>The formats <see cref="Append"/> prints, as the EL0-API analyzer checks them (<see cref="Kaal.User.Arm64.Analysis.El0FormatAttribute"/>).</summary>
    internal const string FormatPattern = "^(X[0-9]{0,2})?$";

    internal const string FormatDescription = "decimal with no format, or 'X' / 'Xn': upper-case hexadecimal with at least n digits (n = 0..99)";

    /// <summary>Enough for 2^64 in decimal (20 digits) and a sign.</summary>
    internal const int MaxChars = 21;

    /// <summary>Writes <paramref name="value"/> right-aligned into <paramref name="buffer"/>; returns the first index used.</summary>
    internal static int Decimal(ulong value, Span<char> buffer)
    {
        int at = buffer.Length;
        do
        {
            buffer[--at] = (char)('0' + (int)(value % 10));
            value /= 10;
        }
        while (value != 0);
        return at;
    }

    internal static int Hex(ulong value, int minDigits, Span<char> buffer)
    {
        int at = buffer.Length;
        int digits = 0;
        do
        {
            int nibble = (int)(value & 0xF);
            buffer[--at] = (char)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);
            value >>= 4;
            digits++;
        }
        while (value != 0 || digits < minDigits);
        return at;
    }

    /// <summary>Appends <paramref name="value"/> (sign-extended if <paramref name="negative"/>) in
    /// <paramref name="format"/>: null or "" decimal, "X" or "Xn" hexadecimal. Any other format stops the component
    /// (a format the user library does not know would otherwise print something else than the simulator).</summary>
    internal static void Append(ref Text.CharBuffer target, ulong magnitude, bool negative, string? format)
    {
        Span<char> digits = stackalloc char[MaxChars + 16];
        int at;
        if (format is null || format.Length == 0)
        {
            at = Decimal(magnitude, digits);
            if (negative) digits[--at] = '-';
        }
        else if (TryHexWidth(format, out int width))
        {
            at = Hex(magnitude, width, digits);
        }
        else
        {
            Kaal.Kernel.Arm64.Boot.KernelPanic.Halt("number format not supported at EL0: " + format);
            return;
        }
        target.Append(digits.Slice(at));
    }

    /// <summary>True and n for "X" (0) or "Xn" with one or two decimal digits (<see cref="FormatPattern"/>); false for any other format.</summary>
    private static bool TryHexWidth(string format, out int width)
    {
        width = 0;
        if (format[0] != 'X' || format.Length > 3) return false;
        for (int index = 1; index < format.Length; index++)
        {
            if (format[index] < '0' || format[index] > '9') return false;
            width = width * 10 + (format[index] - '0');
        }
        return true;
    }

    internal static string ToText(ulong magnitude, bool negative)
    {
        var buffer = new Text.CharBuffer(MaxChars);
        Append(ref buffer, magnitude, negative, null);
        return buffer.ToString();
    }
}
