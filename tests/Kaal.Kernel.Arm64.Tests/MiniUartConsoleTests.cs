using System.IO;
using Kaal.Hil.Processes;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Kernel.Arm64.Tests;

/// <summary>
/// The Raspberry Pis' console on the mini UART (Port/MiniUart.cs): a Pi 3 or 4 has it on the header pins unless
/// config.txt moves the PL011 there, so the kernel writes its console to both. QEMU's raspi3b and raspi4b connect the
/// first -serial to the PL011 and the second to the AUX mini UART; here the second goes to a file, which must hold
/// the same console as the PL011's stdout, from the first line to the figures at power-off.
/// </summary>
[Collection(KernelImagesCollection.Name)]
public sealed class MiniUartConsoleTests(KernelImages images)
{
    [QemuTheory]
    [InlineData(KernelEntry.Raspi3b)]
    [InlineData(KernelEntry.Raspi4b)]
    public void Kernel_console_reaches_the_second_serial_port_through_the_mini_uart(KernelEntry entry)
    {
        string directory = Directory.CreateTempSubdirectory("kaal-mini-uart-").FullName;
        try
        {
            string miniUartFile = Path.Combine(directory, "mini-uart.txt");
            ProcessOutcome run = KernelBoot.Run(entry, images.DirectoryOf(KernelImages.SelfTest), extraArguments: ["-serial", $"file:{miniUartFile}"]);
            string context = $"{entry}: exit {run.ExitCode}, timed out {run.TimedOut}\nPL011:\n{run.Output}";

            Assert.False(run.TimedOut, context);
            Assert.True(run.ExitCode == 0, context);
            string miniUart = File.ReadAllText(miniUartFile).Replace("\r", "");
            Assert.Contains("Test suite passed.", miniUart);
            Assert.Contains("kaal-figures: counter_hz=", miniUart);
            string[] lines = miniUart.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
            Assert.True(lines.Length > 10, context);
            Assert.All(lines, line => Assert.Contains(line, run.Output)); // the PL011's console, line by line
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
