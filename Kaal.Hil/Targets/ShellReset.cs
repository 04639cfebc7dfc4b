using System;
using System.Threading;
using System.Threading.Tasks;
using Kaal.Hil.Processes;

namespace Kaal.Hil.Targets;

/// <summary>
/// A board reset done by a shell command (e.g. a relay, uhubctl power-cycling the Pi's USB port, a PDU, or
/// copying kernel8.img to a TFTP root first). The command runs under /bin/sh with KAAL_HIL_IMAGE set to the
/// image's absolute path; a non-zero exit or overrunning its time limit fails the run with its output.
/// </summary>
public static class ShellReset
{
    public const string ImageVariable = "KAAL_HIL_IMAGE";
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(120);

    public static Func<string, CancellationToken, Task> For(string command, TimeSpan? limit = null) => (imagePath, cancellationToken) =>
        Task.Run(() =>
        {
            ProcessOutcome outcome = BoundedProcess.Run("/bin/sh", ["-c", command], Environment.CurrentDirectory, limit ?? DefaultLimit,
                startInfo => startInfo.Environment[ImageVariable] = System.IO.Path.GetFullPath(imagePath));
            if (outcome.TimedOut)
            {
                throw new BoardResetException($"reset command '{command}' did not finish within {(limit ?? DefaultLimit).TotalSeconds:F0} s:\n{outcome.Output}");
            }
            if (outcome.ExitCode != 0)
            {
                throw new BoardResetException($"reset command '{command}' failed ({ExitStatus.Describe(outcome.ExitCode)}):\n{outcome.Output}");
            }
        }, cancellationToken);
}
