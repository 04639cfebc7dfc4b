namespace System;

/// <summary>The span helpers the SDK calls as extension methods (`array.AsSpan(...)`, `field.IndexOf(0)`).</summary>
public static class MemoryExtensions
{
    public static Span<T> AsSpan<T>(this T[] array) => new Span<T>(array);

    public static Span<T> AsSpan<T>(this ArraySegment<T> segment) => new Span<T>(segment.Array!, segment.Offset, segment.Count);

    public static Span<T> AsSpan<T>(this T[] array, int start) => new Span<T>(array, start, array.Length - start);

    public static Span<T> AsSpan<T>(this T[] array, int start, int length) => new Span<T>(array, start, length);

    public static int IndexOf(this ReadOnlySpan<byte> span, byte value)
    {
        for (int index = 0; index < span.Length; index++)
        {
            if (span[index] == value) return index;
        }
        return -1;
    }

    public static int IndexOf(this Span<byte> span, byte value) => ((ReadOnlySpan<byte>)span).IndexOf(value);
}
