using System;

namespace Kaal.Hil.Qemu;

/// <summary>QEMU did not come up: it could not be started, exited before connecting to the harness (a bad
/// option, a missing image), or did not connect in time. The message carries its exit code and stderr.</summary>
public sealed class QemuStartException : Exception
{
    public QemuStartException(string message, int? exitCode, Exception? inner = null) : base(message, inner)
    {
        ExitCode = exitCode;
    }

    /// <summary>QEMU's exit code if it exited.</summary>
    public int? ExitCode { get; }
}
