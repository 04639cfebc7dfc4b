using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Kaal.Hil.Processes;

namespace Kaal.Hil.Targets;

/// <summary>
/// A board reset done by a shell command (e.g. a relay, uhubctl power-cycling the Pi's USB port, a PDU, or copying
/// kernel8.img to a TFTP root first). The command runs under /bin/sh with KAAL_HIL_IMAGE set to the image's absolute
/// path, in a process group of its own: when it exits, whatever it left running in that group is killed, and when the
/// run's deadline passes first (the token; `kaal hil run` gives the suite's --timeout) the whole group is killed.
/// A non-zero exit, or being stopped, fails the run with its exit code and the last <see cref="OutputCapChars"/>
/// characters of its output.
/// </summary>
public static class ShellReset
{
    public const string ImageVariable = "KAAL_HIL_IMAGE";
    /// <summary>The output kept for the report (the end of it: where a failing command says why).</summary>
    public const int OutputCapChars = 16 * 1024;

    /// <param name="limit">the command's own limit besides the token's deadline; null: the token alone bounds it (the
    /// suite runner's token carries the suite's deadline).</param>
    public static Func<string, CancellationToken, Task> For(string command, TimeSpan? limit = null) => async (imagePath, cancellationToken) =>
    {
        TimeSpan bound = limit ?? Timeout.InfiniteTimeSpan;
        ProcessOutcome outcome = await BoundedProcess.RunAsync("/bin/sh", ["-c", command], Environment.CurrentDirectory, bound,
            startInfo => startInfo.Environment[ImageVariable] = Path.GetFullPath(imagePath), OutputCapChars, cancellationToken).ConfigureAwait(false);
        string output = outcome.Output.Length > 0 ? $"\n{outcome.Output.TrimEnd()}" : " (no output)";
        if (outcome.Stopped)
        {
            throw new BoardResetException($"reset command '{command}' was stopped after {outcome.Elapsed.TotalSeconds:F1} s, before it finished " +
                $"(its process group was killed):{output}", new OperationCanceledException(cancellationToken));
        }
        if (outcome.TimedOut)
        {
            throw new BoardResetException($"reset command '{command}' did not finish within {bound.TotalSeconds:F0} s (its process group was killed):{output}");
        }
        if (outcome.ExitCode != 0)
        {
            throw new BoardResetException($"reset command '{command}' failed ({ExitStatus.Describe(outcome.ExitCode)}):{output}");
        }
    };
}
