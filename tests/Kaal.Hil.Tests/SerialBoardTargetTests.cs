using System;
using System.IO;
using System.Threading.Tasks;
using Kaal.Hil.Qemu;
using Kaal.Hil.Suites;
using Kaal.Hil.Targets;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Hil.Tests;

/// <summary>
/// The serial:PATH target, which is meant for a Raspberry Pi on a USB UART, against QEMU raspi3b standing in
/// for the board: its console on a pty or on a socket QEMU listens on, no semihosting (a board has none), the
/// guest started paused so that the "power on" (the target's reset) is what starts it, after the harness
/// has the console open.
/// </summary>
public sealed class SerialBoardTargetTests : QemuTestBase
{
    public SerialBoardTargetTests(KernelImages images) : base(images)
    {
    }

    private static HilSuite KernelSuite => HilSuiteCatalog.Kernel;

    private Task<QemuSession> StartBoardStandInAsync(string variant, QemuSerialMode serial) =>
        QemuSession.StartAsync(new QemuLaunchOptions
        {
            Target = QemuTarget.Raspi3b(),
            KernelImagePath = Images.ImageOf(variant, "kernel8.img"),
            Serial = serial,
            Semihosting = false,
            StartPaused = true,
        });

    private static string Describe(SuiteResult result) => SuiteDescription.Of(result);

    [QemuTheory]
    [InlineData(QemuSerialMode.Pty)]
    [InlineData(QemuSerialMode.ListeningSocket)]
    public async Task Kernel_suite_passes_over_the_board_serial_line(QemuSerialMode serial)
    {
        await using QemuSession board = await StartBoardStandInAsync(KernelImages.SelfTest, serial);
        var target = new SerialBoardTarget(board.SerialDevicePath!)
        {
            Reset = (_, cancellationToken) => board.Qmp!.ContAsync(cancellationToken), // "power on"
        };
        SuiteResult result = await SuiteRunner.RunAsync(KernelSuite, Images.ImageOf(KernelImages.SelfTest, target.ImageFileName), target, new SuiteRunOptions());

        Assert.True(result.Outcome == SuiteOutcome.Passed, Describe(result));
        Assert.Equal($"serial:{board.SerialDevicePath}", result.Target);
        Assert.Null(result.ExitCode); // a board has no exit code: the summary line ends the run
        Assert.True(result.Tests.Count > 10, Describe(result));
        Assert.StartsWith("KaaL kernel (arm64) on raspi3b", result.Transcript[0]); // nothing lost before the first line
    }

    [QemuFact]
    public async Task A_hang_on_a_board_is_reported_without_registers()
    {
        await using QemuSession board = await StartBoardStandInAsync(KernelImages.HangTest, QemuSerialMode.Pty);
        var target = new SerialBoardTarget(board.SerialDevicePath!) { Reset = (_, cancellationToken) => board.Qmp!.ContAsync(cancellationToken) };
        var options = new SuiteRunOptions { TestTimeout = TimeSpan.FromSeconds(10) }; // generous: boot takes well under a second
        SuiteResult result = await SuiteRunner.RunAsync(KernelSuite, Images.ImageOf(KernelImages.HangTest, target.ImageFileName), target, options);

        Assert.True(result.Outcome == SuiteOutcome.Hang, Describe(result));
        Assert.Contains("hang in test WAITS_FOR_HOST_BYTE", result.Summary);
        Assert.Contains("registers: not available", result.Details);
        Assert.Contains("Starting test 0: WAITS_FOR_HOST_BYTE", result.Details);
    }

    [QemuFact]
    public async Task A_failing_reset_command_is_an_error_with_its_output()
    {
        await using QemuSession board = await StartBoardStandInAsync(KernelImages.SelfTest, QemuSerialMode.ListeningSocket);
        var target = new SerialBoardTarget(board.SerialDevicePath!) { Reset = ShellReset.For("echo \"relay stuck for $KAAL_HIL_IMAGE\" >&2; exit 3") };
        string image = Images.ImageOf(KernelImages.SelfTest, target.ImageFileName);
        SuiteResult result = await SuiteRunner.RunAsync(KernelSuite, image, target, new SuiteRunOptions());

        Assert.True(result.Outcome == SuiteOutcome.Error, Describe(result));
        Assert.Contains("reset command", result.Summary);
        Assert.Contains("exit code 3", result.Summary);
        Assert.Contains($"relay stuck for {Path.GetFullPath(image)}", result.Details);
    }

    [Fact]
    public async Task A_missing_serial_device_is_an_error_naming_it()
    {
        var target = new SerialBoardTarget("/dev/kaal-no-such-uart");
        SuiteResult result = await SuiteRunner.RunAsync(KernelSuite, "/nowhere/kernel8.img", target, new SuiteRunOptions());

        Assert.Equal(SuiteOutcome.Error, result.Outcome);
        Assert.Contains("/dev/kaal-no-such-uart does not exist", result.Summary);
    }
}
