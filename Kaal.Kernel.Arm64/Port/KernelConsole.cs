namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// The kernel's text output: ASCII strings and numbers to the platform UART, and on the Raspberry Pis to the mini
/// UART as well when the firmware enabled it: which of the two reaches the header pins depends on config.txt (a
/// Pi 3 or 4 has the mini UART there unless dtoverlay=disable-bt or miniuart-bt moves the PL011 there;
/// docs/boards.md), so the console goes to both and is read from either. Writes nothing until
/// <see cref="Initialize"/> names a UART, so a very early panic cannot write to a wrong address.
/// </summary>
internal static class KernelConsole
{
    private static ulong s_uartBaseAddress;
    private static ulong s_miniUartBaseAddress;

    internal static void Initialize(ulong uartBaseAddress) => s_uartBaseAddress = uartBaseAddress;

    /// <summary>Once the identity map covers the devices (the boot map does not): the mini UART too, if the firmware
    /// enabled it.</summary>
    /// <param name="miniUartBaseAddress">the BCM2835 AUX block, or 0 where there is none.</param>
    internal static void AddMiniUart(ulong miniUartBaseAddress) =>
        s_miniUartBaseAddress = miniUartBaseAddress != 0 && MiniUart.IsEnabled(miniUartBaseAddress) ? miniUartBaseAddress : 0;

    internal static void Write(string text)
    {
        for (int index = 0; index < text.Length; index++)
        {
            WriteChar(text[index]);
        }
    }

    internal static void WriteLine(string text)
    {
        Write(text);
        WriteChar('\n');
    }

    internal static void WriteLine() => WriteChar('\n');

    internal static void WriteChar(char value)
    {
        byte ascii = value < 0x80 ? (byte)value : (byte)'?';
        if (s_uartBaseAddress != 0)
        {
            Pl011Uart.WriteByte(s_uartBaseAddress, ascii);
        }
        if (s_miniUartBaseAddress != 0)
        {
            MiniUart.WriteByte(s_miniUartBaseAddress, ascii);
        }
    }

    /// <summary>A byte from the console (either UART) if one has arrived; never waits.</summary>
    internal static bool TryRead(out byte value)
    {
        value = 0;
        if (s_uartBaseAddress != 0 && Pl011Uart.TryReadByte(s_uartBaseAddress, out value)) return true;
        return s_miniUartBaseAddress != 0 && MiniUart.TryReadByte(s_miniUartBaseAddress, out value);
    }

    internal static void WriteDecimal(ulong value)
    {
        const int MaxDigits = 20; // 2^64 - 1 has 20 decimal digits
        ulong divisor = 1;
        for (int digits = 1; digits < MaxDigits && value / divisor >= 10; digits++)
        {
            divisor *= 10;
        }
        for (; divisor > 0; divisor /= 10)
        {
            WriteChar((char)('0' + (int)(value / divisor % 10)));
        }
    }

    internal static void WriteDecimal(int value)
    {
        if (value < 0)
        {
            WriteChar('-');
            WriteDecimal((ulong)(-(long)value));
            return;
        }
        WriteDecimal((ulong)value);
    }

    /// <summary>0x followed by all 16 hex digits: fixed width keeps register dumps aligned.</summary>
    internal static void WriteHex(ulong value)
    {
        Write("0x");
        for (int shift = 60; shift >= 0; shift -= 4)
        {
            int nibble = (int)((value >> shift) & 0xF);
            WriteChar((char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10));
        }
    }
}
