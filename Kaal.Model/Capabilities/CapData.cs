namespace Kaal.Model;

/// <summary>
/// The data word of Mint, Mutate and Rotate, packed as seL4 packs it: for endpoint and notification
/// capabilities the whole word is the badge; for CNode capabilities bits 0-5 are the guard size and
/// bits 6-63 the guard.
/// </summary>
public static class CapData
{
    public const int GuardSizeFieldBits = 6;
    public const int MaxGuardBits = 64 - GuardSizeFieldBits;

    public static ulong CNodeGuard(ulong guard, int guardSizeBits) =>
        (guard << GuardSizeFieldBits) | ((ulong)guardSizeBits & ((1UL << GuardSizeFieldBits) - 1));

    public static int GuardSizeBits(ulong data) => (int)(data & ((1UL << GuardSizeFieldBits) - 1));

    public static ulong Guard(ulong data) => data >> GuardSizeFieldBits;
}
