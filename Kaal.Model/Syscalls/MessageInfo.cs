namespace Kaal.Model;

/// <summary>
/// seL4's message tag in one word: label (bits 12-63), caps unwrapped (bits 9-11), extra caps (7-8),
/// length in message registers (0-6).
/// </summary>
public static class MessageInfo
{
    public const int MaxLength = 120;
    public const int MaxExtraCaps = 3;
    /// <summary>Message registers carried in CPU registers; the rest live in the IPC buffer.</summary>
    public const int RegisterMessageCount = 4;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static ulong Make(ulong label, int length, int extraCaps, int capsUnwrapped) =>
        (label << 12) | ((ulong)(uint)(capsUnwrapped & 7) << 9) | ((ulong)(uint)(extraCaps & 3) << 7) | (ulong)(uint)(length & 0x7F);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static ulong Label(ulong info) => info >> 12;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static int Length(ulong info) => (int)(info & 0x7F);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static int ExtraCaps(ulong info) => (int)((info >> 7) & 3);

    public static int CapsUnwrapped(ulong info) => (int)((info >> 9) & 7);
}
