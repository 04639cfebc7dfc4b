using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Kaal.Hil.Qemu;
using Kaal.Sdk.Sel4Test;

namespace Kaal.Hil.Suites;

/// <summary>What a <see cref="SuiteRunOptions.OnLine"/> hook sees: the line, the boot it belongs to, and the
/// means to act: <see cref="Faults"/> (QEMU targets only) and the console.</summary>
public sealed class SuiteLineContext
{
    private readonly Stream _console;

    internal SuiteLineContext(ProtocolLine line, int boot, QemuSession? qemu, Stream console)
    {
        Line = line;
        Boot = boot;
        Qemu = qemu;
        Faults = qemu?.Qmp != null ? new QemuFaults(qemu) : null;
        _console = console;
    }

    public ProtocolLine Line { get; }

    /// <summary>1 for the first boot; grows when the guest starts its tests over (after a reset).</summary>
    public int Boot { get; }

    /// <summary>The QEMU session (null on a board).</summary>
    public QemuSession? Qemu { get; }

    /// <summary>Pause, resume, reset, memory reads (null on a board: there is no QMP).</summary>
    public QemuFaults? Faults { get; }

    /// <summary>Types on the guest's console (its UART receives the bytes).</summary>
    public async Task SendAsync(string text, CancellationToken cancellationToken = default)
    {
        await _console.WriteAsync(Encoding.ASCII.GetBytes(text), cancellationToken).ConfigureAwait(false);
        await _console.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
