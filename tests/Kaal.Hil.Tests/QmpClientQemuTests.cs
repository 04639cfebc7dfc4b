using System;
using System.IO;
using System.Threading.Tasks;
using Kaal.Hil.Qemu;
using Kaal.Hil.Qmp;
using Kaal.Hil.Serial;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Hil.Tests;

/// <summary>The QMP client against a real QEMU running the hang-test image, which waits in its one test for a
/// byte from the host: a guest standing still at a known point while QMP pokes at it.</summary>
public sealed class QmpClientQemuTests : QemuTestBase
{
    private static readonly TimeSpan EventLimit = TimeSpan.FromSeconds(60);

    public QmpClientQemuTests(KernelImages images) : base(images)
    {
    }

    private async Task<(QemuSession Session, SerialLineReader Console)> BootWaitingGuestAsync()
    {
        QemuSession session = await QemuSession.StartAsync(new QemuLaunchOptions
        {
            Target = QemuTarget.Virt(),
            KernelImagePath = Images.ImageOf(KernelImages.HangTest, "kaal.elf"),
        });
        var console = new SerialLineReader(session.Serial!);
        await ConsoleLines.WaitForAsync(console, "Starting test 0: WAITS_FOR_HOST_BYTE");
        return (session, console);
    }

    [QemuFact]
    public async Task Status_stop_cont_and_reset_with_their_events()
    {
        (QemuSession session, SerialLineReader console) = await BootWaitingGuestAsync();
        await using (session)
        await using (console)
        {
            QmpClient qmp = session.Qmp!;
            Assert.Equal(new QmpStatus("running", true), await qmp.QueryStatusAsync());
            using QmpEventSubscription events = qmp.SubscribeEvents();

            await qmp.StopAsync();
            await events.WaitForAsync("STOP", EventLimit);
            Assert.Equal(new QmpStatus("paused", false), await qmp.QueryStatusAsync());

            await qmp.ContAsync();
            await events.WaitForAsync("RESUME", EventLimit);
            Assert.Equal(new QmpStatus("running", true), await qmp.QueryStatusAsync());

            await qmp.SystemResetAsync();
            QmpEvent reset = await events.WaitForAsync("RESET", EventLimit);
            Assert.Equal("host-qmp-system-reset", reset.DataString("reason"));
            await ConsoleLines.WaitForAsync(console, "KaaL kernel (arm64) on qemu-virt"); // it boots again
            await ConsoleLines.WaitForAsync(console, "Starting test 0: WAITS_FOR_HOST_BYTE");
        }
    }

    [QemuFact]
    public async Task Guest_memory_read_by_physical_and_virtual_address_matches_the_image()
    {
        (QemuSession session, SerialLineReader console) = await BootWaitingGuestAsync();
        await using (session)
        await using (console)
        {
            (ulong entry, byte[] expected) = TestElf.EntryBytes(Images.ImageOf(KernelImages.HangTest, "kaal.elf"), 64);
            var faults = new QemuFaults(session);
            await faults.PauseAsync();
            Assert.Equal(expected, await faults.ReadPhysicalMemoryAsync(entry, expected.Length));
            Assert.Equal(expected, await faults.ReadVirtualMemoryAsync(entry, expected.Length)); // the kernel's identity map
            await faults.ResumeAsync();
            Assert.True((await session.Qmp!.QueryStatusAsync()).Running);
        }
        Assert.False(Directory.Exists(session.WorkingDirectory), "the session's temporary folder (sockets, dumps) was left behind");
    }

    [QemuFact]
    public async Task Registers_version_errors_and_quit()
    {
        (QemuSession session, SerialLineReader console) = await BootWaitingGuestAsync();
        await using (session)
        await using (console)
        {
            QmpClient qmp = session.Qmp!;
            string registers = await new QemuFaults(session).CaptureRegistersAsync();
            Assert.Matches(@"PC=[0-9a-f]{16}", registers);
            Assert.Contains("X00=", registers);

            QmpVersion version = await qmp.QueryVersionAsync();
            Assert.True(version.Major >= 7, version.ToString());
            Assert.Equal(qmp.ServerVersion, version);

            QmpErrorException error = await Assert.ThrowsAsync<QmpErrorException>(() => qmp.ExecuteAsync("no-such-command"));
            Assert.Equal("CommandNotFound", error.ErrorClass);
            Assert.Contains("no-such-command", error.Description);

            await qmp.QuitAsync();
            Assert.Equal(0, await session.Exited.WaitAsync(EventLimit));
            await Assert.ThrowsAsync<QmpConnectionClosedException>(() => qmp.QueryStatusAsync());
        }
    }
}
