namespace Kaal.Model;

/// <summary>
/// The word mixer behind <see cref="Kernel.StateHash"/>: FNV-1a's shape (xor the input in, multiply)
/// on 64-bit words instead of bytes, with a dense odd multiplier and an xor-shift fold so high input
/// bits reach the low hash bits, and splitmix64's finaliser at the end. Every step is a bijection of
/// the running hash for a fixed input word and injective in the word for a fixed hash, so two inputs of
/// the same length that differ in exactly one word always hash differently. No addresses, no
/// GetHashCode: the value depends only on the words, so it is the same in every run and process.
/// </summary>
public static class StateHashing
{
    /// <summary>FNV-1a's 64-bit offset basis.</summary>
    public const ulong Seed = 0xCBF2_9CE4_8422_2325;

    private const ulong Multiplier = 0x9E37_79B9_7F4A_7C15;

    public static ulong Mix(ulong hash, ulong word)
    {
        hash = (hash ^ word) * Multiplier;
        return hash ^ (hash >> 32);
    }

    public static ulong Finish(ulong hash)
    {
        hash = (hash ^ (hash >> 30)) * 0xBF58_476D_1CE4_E5B9;
        hash = (hash ^ (hash >> 27)) * 0x94D0_49BB_1331_11EB;
        return hash ^ (hash >> 31);
    }

    public static ulong Bit(bool value) => value ? 1UL : 0UL;

    public static ulong Pair(uint low, uint high) => low | ((ulong)high << 32);

    public static ulong Ref(ObjectRef reference) => reference.Index | ((ulong)reference.Generation << 32);

    /// <summary>A capability's small fields in the low 24 bits, leaving the rest of the word to the caller.</summary>
    public static ulong CapHeader(in Capability cap) =>
        (ulong)cap.Type | ((ulong)cap.Rights << 8) | ((ulong)cap.GuardSizeBits << 16);

    /// <summary>A capability's wide fields: its object, data and free index (three words).</summary>
    public static ulong CapBody(ulong hash, in Capability cap)
    {
        hash = Mix(hash, Ref(cap.Object));
        hash = Mix(hash, cap.Data);
        return Mix(hash, cap.FreeIndexBytes);
    }
}
