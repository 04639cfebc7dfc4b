using System.Runtime.CompilerServices;

namespace System.Runtime.InteropServices;

/// <summary>Spans over a value's bytes: how Channel&lt;T&gt; packs any unmanaged T into ring words.</summary>
public static class MemoryMarshal
{
    public static Span<T> CreateSpan<T>(ref T reference, int length) => new Span<T>(ref reference, length);

    public static ReadOnlySpan<T> CreateReadOnlySpan<T>(ref T reference, int length) => new Span<T>(ref reference, length);

    public static Span<byte> AsBytes<T>(Span<T> span) where T : unmanaged =>
        new Span<byte>(ref Unsafe.As<T, byte>(ref span.Reference), span.Length * Unsafe.SizeOf<T>());

    public static ReadOnlySpan<byte> AsBytes<T>(ReadOnlySpan<T> span) where T : unmanaged =>
        new Span<byte>(ref Unsafe.As<T, byte>(ref span.Reference), span.Length * Unsafe.SizeOf<T>());
}
