using System.Runtime.CompilerServices;

namespace System;

/// <summary>
/// The string operations the SDK and the components use, added to the kernel's String (partial): equality,
/// concatenation (`+`), lower-casing, and making new strings. A new string is allocated like an array of chars:
/// the kernel allocator's layout (length at +8) is String's (_stringLength at +8), and the MethodTable is the one
/// every string literal carries.
/// </summary>
public sealed unsafe partial class String : IEquatable<string>
{
    public static readonly string Empty = "";

    /// <summary>A zeroed string of <paramref name="length"/> chars, to be filled through <see cref="WritableChars"/>
    /// before anyone else sees it.</summary>
    internal static string Allocate(int length)
    {
        if (length == 0) return "";
        string literal = "";
        Internal.Runtime.MethodTable* stringType = *(Internal.Runtime.MethodTable**)Unsafe.As<string, nint>(ref literal);
        nint address = (nint)Kaal.Kernel.Arm64.Runtime.Allocation.NewArray(stringType, length);
        return Unsafe.As<nint, string>(ref address);
    }

    internal Span<char> WritableChars
    {
        get
        {
            fixed (char* first = &_firstChar)
            {
                return new Span<char>(first, _stringLength);
            }
        }
    }

    internal static string FromChars(ReadOnlySpan<char> chars)
    {
        string text = Allocate(chars.Length);
        Span<char> target = text.WritableChars;
        for (int index = 0; index < chars.Length; index++) target[index] = chars[index];
        return text;
    }

    internal static string FromChar(char value)
    {
        string text = Allocate(1);
        text.WritableChars[0] = value;
        return text;
    }

    public static string Concat(string? first, string? second) => Concat(first, second, null, null);

    public static string Concat(string? first, string? second, string? third) => Concat(first, second, third, null);

    public static string Concat(string? first, string? second, string? third, string? fourth)
    {
        var buffer = new Text.CharBuffer(16);
        buffer.Append(first);
        buffer.Append(second);
        buffer.Append(third);
        buffer.Append(fourth);
        return buffer.ToString();
    }

    public static bool operator ==(string? left, string? right) => Equals(left, right);

    public static bool operator !=(string? left, string? right) => !Equals(left, right);

    public static bool Equals(string? left, string? right)
    {
        if ((object?)left == right) return true;
        if (left is null || right is null || left.Length != right.Length) return false;
        for (int index = 0; index < left.Length; index++)
        {
            if (left[index] != right[index]) return false;
        }
        return true;
    }

    public bool Equals(string? other) => Equals(this, other);

    public override bool Equals(object? obj) => obj is string other && Equals(this, other);

    /// <summary>FNV-1a over the chars: deterministic in every run (the BCL's is randomized per process).</summary>
    public override int GetHashCode()
    {
        uint hash = 2166136261;
        for (int index = 0; index < Length; index++) hash = (hash ^ this[index]) * 16777619;
        return (int)hash;
    }

    public override string ToString() => this;

    public string ToLowerInvariant()
    {
        string lower = Allocate(Length);
        Span<char> target = lower.WritableChars;
        for (int index = 0; index < Length; index++)
        {
            char c = this[index];
            target[index] = c >= 'A' && c <= 'Z' ? (char)(c + ('a' - 'A')) : c;
        }
        return lower;
    }

    /// <summary>Ordinal order (what StringComparer.Ordinal compares with).</summary>
    public static int CompareOrdinal(string? left, string? right)
    {
        if ((object?)left == right) return 0;
        if (left is null) return -1;
        if (right is null) return 1;
        int shorter = left.Length < right.Length ? left.Length : right.Length;
        for (int index = 0; index < shorter; index++)
        {
            if (left[index] != right[index]) return left[index] - right[index];
        }
        return left.Length - right.Length;
    }
}
