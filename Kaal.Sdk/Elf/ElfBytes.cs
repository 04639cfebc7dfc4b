namespace Kaal.Sdk.Elf;

/// <summary>Little-endian field reads by hand (portable: no BinaryPrimitives, no Span). Callers check bounds first.</summary>
internal static class ElfBytes
{
    public static ulong U8(byte[] b, int offset) => b[offset];

    public static ulong U16(byte[] b, int offset) => (ulong)b[offset] | ((ulong)b[offset + 1] << 8);

    public static ulong U32(byte[] b, int offset) => U16(b, offset) | (U16(b, offset + 2) << 16);

    public static ulong U64(byte[] b, int offset) => U32(b, offset) | (U32(b, offset + 4) << 32);
}
