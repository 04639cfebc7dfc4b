namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// ARM PL011 UART as QEMU presents it on virt and the Raspberry Pis and as a Pi's firmware leaves it: already
/// enabled, so no baud setup (a Pi's header UART is the mini UART unless config.txt moves the PL011 there:
/// <see cref="MiniUart"/>). Receiving is polled: only the hang-test variant reads, to wait for the HIL harness.
/// </summary>
internal static class Pl011Uart
{
    private const ulong DataRegisterOffset = 0x00;
    private const ulong FlagRegisterOffset = 0x18;
    private const uint FlagTransmitFifoFull = 1u << 5;
    private const uint FlagReceiveFifoEmpty = 1u << 4;
    /// <summary>Polls of a full FIFO before the byte is written anyway: a wedged UART must not hang the kernel.</summary>
    private const int MaxFullPolls = 1_000_000;

    internal static void WriteByte(ulong baseAddress, byte value)
    {
        for (int poll = 0; poll < MaxFullPolls; poll++)
        {
            if ((Arch.MmioRead32(baseAddress + FlagRegisterOffset) & FlagTransmitFifoFull) == 0)
            {
                break;
            }
        }
        Arch.MmioWrite32(baseAddress + DataRegisterOffset, value);
    }

    internal static bool TryReadByte(ulong baseAddress, out byte value)
    {
        if ((Arch.MmioRead32(baseAddress + FlagRegisterOffset) & FlagReceiveFifoEmpty) != 0)
        {
            value = 0;
            return false;
        }
        value = (byte)Arch.MmioRead32(baseAddress + DataRegisterOffset);
        return true;
    }
}
