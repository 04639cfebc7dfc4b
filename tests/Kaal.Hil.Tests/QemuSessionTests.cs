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

    /// <summary>A bad option stops QEMU before it connects; a missing kernel file after it has connected (QMP and the console
    /// come up before the machine loads its image). Both are QEMU failures with QEMU's exit code and stderr.</summary>
    [QemuTheory]
    [InlineData("-no-such-option", "kaal.elf", "-no-such-option")]
    [InlineData(null, "no-such-kernel.elf", "no-such-kernel.elf")]
    public async Task QEMU_exiting_at_start_up_is_reported_with_its_exit_code_and_stderr(string? extraArgument, string image, string stderrNames)
    {
        QemuStartException error = await Assert.ThrowsAsync<QemuStartException>(() => QemuSession.StartAsync(new QemuLaunchOptions
        {
            Target = QemuTarget.Virt(),
            KernelImagePath = Path.Combine(Path.GetTempPath(), image),
            ExtraArguments = extraArgument != null ? [extraArgument] : [],
        }));

        Assert.Equal(1, error.ExitCode);
        Assert.Matches(@"^QEMU exited (before connecting to the harness|during the QMP handshake) \(exit code 1\)", error.Message);
        Assert.Contains("QEMU stderr (last lines):", error.Message);
        Assert.Contains(stderrNames, error.Message.Split("QEMU stderr (last lines):")[1]);
        Assert.Null(error.InnerException as Qmp.QmpException);
    }
}
