using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Kaal.Hil.Qemu;
using Kaal.Hil.Serial;

namespace Kaal.Hil.Targets;

/// <summary>A target brought up with an image: its console, and the QEMU session behind it if there is one.
/// Disposing it kills QEMU (or closes the board's serial line).</summary>
public sealed class TargetConnection : IAsyncDisposable
{
    private TargetConnection(Stream console, QemuSession? qemu)
    {
        Console = console;
        Qemu = qemu;
    }

    /// <summary>The guest's console: read its output, write to type.</summary>
    public Stream Console { get; }

    /// <summary>The QEMU session (null for a board).</summary>
    public QemuSession? Qemu { get; }

    /// <summary>QEMU with semihosting ends when the kernel exits, with its exit code; a board just stops talking.</summary>
    public bool ExpectsExit => Qemu != null && Qemu.Options.Semihosting;

    /// <summary>Brings the target up with the image. QEMU: starts it stopped at the image's first instruction, with the
    /// console on the harness's socket; <see cref="StartGuestAsync"/> lets it run, so that whatever follows the guest
    /// (QMP events, the exit) can be set up first. Board: opens the serial line, then runs the reset so that the first
    /// byte is not missed.</summary>
    /// <exception cref="QemuStartException">QEMU did not come up (the message has its exit code and stderr).</exception>
    /// <exception cref="IOException">the board's serial line cannot be opened.</exception>
    /// <exception cref="BoardResetException">the board's reset failed.</exception>
    public static async Task<TargetConnection> OpenAsync(HilTarget target, string imagePath, CancellationToken cancellationToken)
    {
        switch (target)
        {
            case QemuHilTarget qemu:
                QemuSession session = await QemuSession.StartAsync(
                    qemu.Launch with { KernelImagePath = imagePath, Serial = QemuSerialMode.Socket, Qmp = true, StartPaused = true }, cancellationToken).ConfigureAwait(false);
                return new TargetConnection(session.Serial!, session);
            case SerialBoardTarget board:
                // Read from the moment it opens: the board starts printing as soon as the reset lets it.
                Stream console = new BufferedConsoleStream(await SerialConnection.OpenAsync(board.DevicePath, board.BaudRate, cancellationToken).ConfigureAwait(false));
                try
                {
                    if (board.Reset != null)
                    {
                        await board.Reset(imagePath, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch
                {
                    await console.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
                return new TargetConnection(console, null);
            default:
                throw new ArgumentException($"unsupported target type {target.GetType().Name}", nameof(target));
        }
    }

    /// <summary>Lets QEMU's guest run (a board is already running: its reset was part of <see cref="OpenAsync"/>).</summary>
    /// <exception cref="Qmp.QmpException">QEMU is still running but would not resume.</exception>
    public Task StartGuestAsync(CancellationToken cancellationToken) =>
        Qemu != null ? Qemu.ResumeAsync(cancellationToken) : Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (Qemu != null)
        {
            await Qemu.DisposeAsync().ConfigureAwait(false); // also closes the console socket
        }
        else
        {
            await Console.DisposeAsync().ConfigureAwait(false);
        }
    }
}
