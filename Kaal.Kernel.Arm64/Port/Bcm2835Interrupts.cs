namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// The BCM2835 "ARM control" interrupt controller of the BCM2837 (QEMU raspi3b, Raspberry Pi 3): the 64
/// GPU peripheral lines (e.g. 57 = PL011 UART0), which the ARM-local controller forwards to core 0 as its
/// "GPU interrupt" source. These 64 lines are the Model's interrupt numbers on this platform. Each line
/// has a set-enable and a clear-enable bit; pending bits follow the (level-triggered) devices.
/// </summary>
internal static class Bcm2835Interrupts
{
    internal const uint LineCount = 64;
    private const ulong PendingOne = 0x04;   // lines 0..31, then PendingTwo for 32..63
    private const ulong EnableOne = 0x10;
    private const ulong DisableOne = 0x1C;

    internal static void SetLineEnabled(ulong baseAddress, uint line, bool enabled)
    {
        ulong register = (enabled ? EnableOne : DisableOne) + line / 32 * 4;
        Arch.MmioWrite32(baseAddress + register, 1u << (int)(line % 32));
    }

    /// <summary>Pending lines 0..63 as one word (bit n = line n).</summary>
    internal static ulong PendingLines(ulong baseAddress) =>
        Arch.MmioRead32(baseAddress + PendingOne) | (ulong)Arch.MmioRead32(baseAddress + PendingOne + 4) << 32;
}
