using System;
using System.IO;
using System.Threading.Tasks;
using Kaal.Hil.Qemu;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Hil.Tests;

/// <summary>The QEMU session itself: its console never blocks the guest, and it cleans up after itself.</summary>
public sealed class QemuSessionTests : QemuTestBase
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public QemuSessionTests(KernelImages images) : base(images)
    {
    }

    [QemuTheory]
    [InlineData(QemuSerialMode.Socket)]
    [InlineData(QemuSerialMode.Pipe)]
    public async Task A_guest_is_never_blocked_by_a_console_nobody_reads_yet(QemuSerialMode serial)
    {
        // Unbuffered, the self-test's 2 KB of one-byte writes fill the console socket and QEMU's UART write
        // blocks holding QEMU's global lock: the guest never finishes and QMP never answers.
        await using QemuSession session = await QemuSession.StartAsync(new QemuLaunchOptions
        {
            Target = QemuTarget.Raspi3b(),
            KernelImagePath = Images.ImageOf(KernelImages.SelfTest, "kernel8.img"),
            Serial = serial,
        });
        Assert.Equal(0, await session.Exited.WaitAsync(Limit)); // semihosting exit: the guest ran to its end

        using var console = new StreamReader(session.Serial!);
        string output = await console.ReadToEndAsync().WaitAsync(Limit);
        Assert.StartsWith("KaaL kernel (arm64) on raspi3b", output);
        Assert.Contains("Test suite passed.", output);
    }
}
