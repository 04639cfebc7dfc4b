namespace System.Buffers.Binary;

/// <summary>Little-endian words in byte spans: the arguments page, the registry and the boot info page. AArch64 is
/// little-endian, so each is a bounds-checked plain (unaligned-safe: byte-wise) access.</summary>
public static class BinaryPrimitives
{
    public static ushort ReadUInt16LittleEndian(ReadOnlySpan<byte> source) => (ushort)Read(source, 2);

    public static uint ReadUInt32LittleEndian(ReadOnlySpan<byte> source) => (uint)Read(source, 4);

    public static ulong ReadUInt64LittleEndian(ReadOnlySpan<byte> source) => Read(source, 8);

    public static void WriteUInt16LittleEndian(Span<byte> destination, ushort value) => Write(destination, value, 2);

    public static void WriteUInt32LittleEndian(Span<byte> destination, uint value) => Write(destination, value, 4);

    public static void WriteUInt64LittleEndian(Span<byte> destination, ulong value) => Write(destination, value, 8);

    private static ulong Read(ReadOnlySpan<byte> source, int byteCount)
    {
        if (source.Length < byteCount) Internal.Runtime.CompilerHelpers.ThrowHelpers.ThrowArgumentOutOfRangeException();
        ulong value = 0;
        for (int index = byteCount - 1; index >= 0; index--) value = value << 8 | source[index];
        return value;
    }

    private static void Write(Span<byte> destination, ulong value, int byteCount)
    {
        if (destination.Length < byteCount) Internal.Runtime.CompilerHelpers.ThrowHelpers.ThrowArgumentOutOfRangeException();
        for (int index = 0; index < byteCount; index++) destination[index] = (byte)(value >> (index * 8));
    }
}
