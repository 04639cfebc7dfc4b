namespace Kaal.Components.Drivers;

/// <summary>The PL011 UART registers serial_driver uses (Arm PrimeCell UART TRM, DDI 0183).</summary>
public static class Pl011
{
    public const ulong DataOffset = 0x000;
    public const ulong FlagOffset = 0x018;
    public const ulong InterruptMaskOffset = 0x038;
    public const ulong MaskedInterruptStatusOffset = 0x040;
    public const ulong InterruptClearOffset = 0x044;

    public const uint FlagReceiveFifoEmpty = 1 << 4;
    public const uint FlagTransmitFifoFull = 1 << 5;
    public const uint InterruptReceive = 1 << 4;
    public const uint InterruptReceiveTimeout = 1 << 6;
}
