namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// The BCM2835 auxiliary mini UART (BCM2835 ARM Peripherals, chapter 2), the header UART of a Raspberry Pi 3 or 4
/// unless config.txt moves the PL011 there (dtoverlay=disable-bt or miniuart-bt): the firmware enables it with
/// enable_uart=1 at 115200 baud (and pins the core clock its divisor derives from), and this port uses it as left,
/// like the PL011. Only used if the firmware enabled it (AUX_ENABLES bit 0): a disabled mini UART never reports an
/// empty transmitter, and its pins may carry the PL011. Receiving is polled, as on the PL011.
/// </summary>
internal static class MiniUart
{
    private const ulong EnablesOffset = 0x04;
    private const ulong DataOffset = 0x40;
    private const ulong LineStatusOffset = 0x54;
    private const uint MiniUartEnabled = 1u << 0;
    private const uint LineStatusDataReady = 1u << 0;
    private const uint LineStatusTransmitterEmpty = 1u << 5;
    /// <summary>Polls of a full transmitter before the byte is written anyway: a wedged UART must not hang the kernel.</summary>
    private const int MaxFullPolls = 1_000_000;

    /// <summary>Whether the firmware enabled the mini UART at <paramref name="auxBaseAddress"/> (the AUX block).</summary>
    internal static bool IsEnabled(ulong auxBaseAddress) => (Arch.MmioRead32(auxBaseAddress + EnablesOffset) & MiniUartEnabled) != 0;

    internal static void WriteByte(ulong auxBaseAddress, byte value)
    {
        for (int poll = 0; poll < MaxFullPolls; poll++)
        {
            if ((Arch.MmioRead32(auxBaseAddress + LineStatusOffset) & LineStatusTransmitterEmpty) != 0)
            {
                break;
            }
        }
        Arch.MmioWrite32(auxBaseAddress + DataOffset, value);
    }

    internal static bool TryReadByte(ulong auxBaseAddress, out byte value)
    {
        if ((Arch.MmioRead32(auxBaseAddress + LineStatusOffset) & LineStatusDataReady) == 0)
        {
            value = 0;
            return false;
        }
        value = (byte)Arch.MmioRead32(auxBaseAddress + DataOffset);
        return true;
    }
}
