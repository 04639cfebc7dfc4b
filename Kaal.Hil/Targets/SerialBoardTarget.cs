using System;
using System.Threading;
using System.Threading.Tasks;
using Kaal.Hil.Serial;

namespace Kaal.Hil.Targets;

/// <summary>
/// A real board (a Raspberry Pi) whose console UART is reachable as a serial device or a Unix socket. The
/// harness opens the console first, then calls <see cref="Reset"/> (power-cycle, reset line, network boot
/// trigger) so nothing the board prints is missed; without one, the board must be started by hand after
/// the harness says it is listening. There is no debug access: a hang is reported with the last console
/// lines only. How to put kernel8.img on the board: docs/hil.md.
/// </summary>
public sealed record SerialBoardTarget(string DevicePath) : HilTarget
{
    public override string Name => SerialPrefix + DevicePath;

    public override string ImageFileName => "kernel8.img";

    public int BaudRate { get; init; } = SerialDeviceStream.DefaultBaudRate;

    /// <summary>Starts the board on the given image (its path is the argument); null: start it by hand.</summary>
    public Func<string, CancellationToken, Task>? Reset { get; init; }
}
