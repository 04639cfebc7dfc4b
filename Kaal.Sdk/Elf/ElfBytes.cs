namespace Kaal.Sdk.Elf;

/// <summary>An ELF image inside a larger buffer (e.g. a registry that holds it at an offset, so nobody copies it
/// out), with little-endian field reads by hand (portable: no BinaryPrimitives, no Span). Offsets are relative
/// to the image's first byte; callers check bounds first.</summary>
internal readonly struct ElfBytes(byte[] bytes, int imageOffset)
{
    public ulong U8(int offset) => bytes[imageOffset + offset];

    public ulong U16(int offset) => U8(offset) | (U8(offset + 1) << 8);

    public ulong U32(int offset) => U16(offset) | (U16(offset + 2) << 16);

    public ulong U64(int offset) => U32(offset) | (U32(offset + 4) << 32);
}
