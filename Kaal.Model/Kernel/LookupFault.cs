namespace Kaal.Model;

public enum LookupFaultKind : byte
{
    None = 0,
    InvalidRoot = 1,
    MissingCapability = 2,
    DepthMismatch = 3,
    GuardMismatch = 4,
}

/// <summary>
/// Why a capability address did not resolve, with seL4's detail: bits left untranslated, and for a
/// guard mismatch the guard that was found; for a depth mismatch the bits the level wanted.
/// </summary>
public readonly struct LookupFault
{
    public readonly LookupFaultKind Kind;
    public readonly byte BitsLeft;
    public readonly byte BitsFound;
    public readonly byte GuardSizeBits;
    public readonly ulong GuardFound;

    private LookupFault(LookupFaultKind kind, int bitsLeft, int bitsFound, ulong guardFound, int guardSizeBits)
    {
        Kind = kind;
        BitsLeft = (byte)bitsLeft;
        BitsFound = (byte)bitsFound;
        GuardFound = guardFound;
        GuardSizeBits = (byte)guardSizeBits;
    }

    public static LookupFault InvalidRoot() => new(LookupFaultKind.InvalidRoot, 0, 0, 0, 0);

    public static LookupFault MissingCapability(int bitsLeft) =>
        new(LookupFaultKind.MissingCapability, bitsLeft, 0, 0, 0);

    public static LookupFault DepthMismatch(int bitsLeft, int bitsFound) =>
        new(LookupFaultKind.DepthMismatch, bitsLeft, bitsFound, 0, 0);

    public static LookupFault GuardMismatch(int bitsLeft, ulong guardFound, int guardSizeBits) =>
        new(LookupFaultKind.GuardMismatch, bitsLeft, 0, guardFound, guardSizeBits);
}
